#!/usr/bin/env bash
# tests/gdb-test.sh [KERNEL_ELF]: `make debug`'s setup and the gdb helpers
# of tools/gdb/ work end to end.
#
# Two boots through tools/debug.sh, each on a free port, gdb in batch mode:
#
# 1. An empty command line: tools/gdb/kernel.gdb connects, breaks at kmain
#    by a hardware breakpoint, `bt` prints the backtrace (frame #0 kmain):
#      ok 1 gdb_kmain_breakpoint
#    Then every helper runs there, in early boot before the structures it
#    reads exist: each must say so in one line, no Python exception:
#      ok 2 gdb_helpers_early_boot
# 2. Command line `init=/bin/kbench cow_fault_ns`: kbench forks, and its
#    first write to a page it shares with its child is a copy-on-write
#    fault. A breakpoint in do_wp_page (mm/fault.c) on a kbench task stops
#    there; kps, krq, kvm (on the faulting address), kvmas, kbuddy, kslab,
#    kipcs and kuser must print their expected fields (kps: kbench running
#    and marked current; kvm: the PTE present but not writable, "COW";
#    kvmas: the stack VMA; kbuddy: orders 0..10; kslab: the task and
#    kmalloc-64 caches; kipcs: its three headers; kuser: kbench's symbols):
#      ok 3 gdb_helpers_cow_fault
#
# Time limit 30 s a boot; QEMU never outlives the test. Prints `ok N` or
# `not ok N` (with gdb's output) per case and a last line
# `N passed, N failed`. Environment: INITRD (default build/initrd.cpio);
# MEM, CPU, ACCEL reach QEMU.
set -u
cd "$(dirname "$0")/.." || exit 2

elf=${1:-build/kernel.elf}
initrd=${INITRD:-build/initrd.cpio}
work=$(mktemp -d "${TMPDIR:-/tmp}/gdb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# The QEMU that tools/debug.sh started for this port, if it is still there.
leftover_qemu() {
	local cmdline
	for f in /proc/[0-9]*/cmdline; do
		cmdline=$(tr '\0' ' ' 2>/dev/null <"$f") || continue
		case $cmdline in
		*qemu*"-gdb tcp:127.0.0.1:$1 "*)
			f=${f#/proc/}
			echo "${f%/cmdline}"
			;;
		esac
	done
}

# boot NAME ISO GDB_ARGS...: gdb's output in $work/NAME.out, serial output
# in $work/NAME.serial; false if the boot could not be run to its end.
boot() {
	local name=$1 iso=$2 out=$work/$1.out port rc status=0
	shift 2
	# A port the host kernel picked as free just now.
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# timeout signals debug.sh and gdb (its process group); debug.sh then
	# kills QEMU, which sits in a session of its own.
	GDB_PORT=$port DEBUG_LOG=$work/$name.serial \
		timeout -k 5 30 tools/debug.sh "$iso" "$elf" -batch "$@" </dev/null >"$out" 2>&1
	rc=$?
	if [ "$rc" = 124 ]; then
		echo "gdb-test: time limit of 30 s reached" >>"$out"
		status=1
	fi
	for pid in $(leftover_qemu "$port"); do
		echo "gdb-test: QEMU (pid $pid) outlived tools/debug.sh; killed" >>"$out"
		kill -9 "$pid"
		status=1
	done
	return "$status"
}

# check NAME EREGEX...: every pattern matches a line of NAME's output;
# the ones that do not are noted in $work/NAME.why.
check() {
	local name=$1 ok=0
	shift
	for re in "$@"; do
		if ! grep -Eq -- "$re" "$work/$name.out"; then
			echo "missing: $re" >>"$work/$name.why"
			ok=1
		fi
	done
	return "$ok"
}

# No Python trouble and no helper missing.
check_clean() {
	local name=$1
	if grep -Eq 'Traceback|Python Exception|internal error|Undefined command|kernel\.gdb: tools/gdb' \
		"$work/$name.out"; then
		echo "a helper failed (Python exception, internal error or not loaded)" >>"$work/$name.why"
		return 1
	fi
}

report() {
	local n=$1 test=$2 name=$3 ok=$4
	if [ "$ok" = 1 ]; then
		echo "ok $n $test"
		passed=$((passed + 1))
	else
		echo "not ok $n $test"
		[ -s "$work/$name.why" ] && sed 's/^/    # /' "$work/$name.why"
		sed 's/^/    # /' "$work/$name.out"
		if [ -s "$work/$name.serial" ]; then
			echo "    # --- serial output ---"
			tail -n 30 "$work/$name.serial" | sed 's/^/    # /'
		fi
		failed=$((failed + 1))
	fi
}

helpers=(-ex kps -ex krq -ex 'kvm 0x400000' -ex 'kvm kmain' -ex kvmas -ex kbuddy
	-ex kslab -ex kipcs -ex kuser -ex 'p $kcurrent()')

# --- 1 and 2: kmain, early boot --------------------------------------------
iso=build/gdb-test.iso
ok1=1 ok2=1
if ! tools/mkiso "$elf" "$initrd" "$iso" >"$work/kmain.out" 2>&1; then
	ok1=0 ok2=0
else
	boot kmain "$iso" -ex bt "${helpers[@]}" || { ok1=0 ok2=0; }
	check kmain '^(Hardware )?[Bb]reakpoint [0-9]+, (0x[0-9a-f]+ in )?kmain ' \
		'^#0 +(0x[0-9a-f]+ in )?kmain ' || ok1=0
	check kmain '^kps: ' '^krq: ' '^kvm: ' '^kvmas: ' '^kbuddy: ' '^kslab: ' \
		'Shared Memory Segments' '^kuser: ' '^\$kcurrent: ' || ok2=0
	check_clean kmain || ok2=0
fi
report 1 gdb_kmain_breakpoint kmain "$ok1"
report 2 gdb_helpers_early_boot kmain "$ok2"

# --- 3: a copy-on-write fault ----------------------------------------------
iso=build/gdb-test-cow.iso
ok3=1
if ! tools/mkiso "$elf" "$initrd" "$iso" init=/bin/kbench cow_fault_ns >"$work/cow.out" 2>&1; then
	ok3=0
else
	boot cow "$iso" \
		-ex 'break do_wp_page if $_streq($kcurrent()->name, "kbench")' \
		-ex continue -ex 'echo @@ kps\n' -ex kps -ex 'echo @@ krq\n' -ex krq \
		-ex 'echo @@ kvm\n' -ex 'kvm va' -ex 'echo @@ kvmas\n' -ex kvmas \
		-ex 'echo @@ kbuddy\n' -ex kbuddy -ex 'echo @@ kslab\n' -ex kslab \
		-ex 'echo @@ kipcs\n' -ex kipcs -ex 'echo @@ kuser\n' -ex kuser -ex kuser \
		-ex 'frame function trap_dispatch' -ex 'info symbol frame->rip' || ok3=0
	check cow '^Breakpoint [0-9]+, (0x[0-9a-f]+ in )?do_wp_page ' \
		'^\* +[0-9]+ +[0-9]+ running +-?[0-9]+ +[0-9]+ .* user +kbench$' \
		'^cpu 0: nr_running [0-9]+, load [0-9]+, min_vruntime [0-9]+' \
		'^curr: pid [0-9]+ \(kbench\)' \
		'^kvm: 0x[0-9a-f]+ in the address space of pid [0-9]+ \(kbench\)' \
		'^  PML4\[...\] @ 0x[0-9a-f]+ = 0x[0-9a-f]{16}  P W U' \
		'^  PT  \[...\] @ 0x[0-9a-f]+ = 0x[0-9a-f]{16}  P U( |$)' \
		'^  struct page 0x[0-9a-f]+: refcount [0-9]+' \
		'^  COW: present, read-only, in a writable private VMA' \
		'^  0x[0-9a-f]+ 0x[0-9a-f]+ +[0-9]+ rw- +growsdown \[stack\] +anon$' \
		'^  0x0*400000 0x[0-9a-f]+ +[0-9]+ r.. .*file ino [0-9]+ kbench' \
		'^ +0 +4KiB +[0-9]+ +[0-9]+' '^ +10 +4096KiB +[0-9]+ +[0-9]+' \
		'^free: [0-9]+ pages' \
		'^task +[0-9]+ ' '^kmalloc-64 +64 ' '^vma +[0-9]+ ' \
		'^------ Shared Memory Segments ------$' '^------ Semaphore Arrays ------$' \
		'^------ Message Queues ------$' '^[0-9]+ IPC objects?$' \
		'^kuser: loaded the symbols of .*/kbench$' \
		'^kuser: the symbols of .*/kbench are loaded already$' \
		'^[_a-zA-Z0-9]+ \+ [0-9]+ in section \.text of .*/kbench$' || ok3=0
	# At the fault the PTE is present but not writable.
	if grep -E '^  PT  \[' "$work/cow.out" | grep -q ' W '; then
		echo "the PTE at the COW fault is writable" >>"$work/cow.why"
		ok3=0
	fi
	check_clean cow || ok3=0
fi
report 3 gdb_helpers_cow_fault cow "$ok3"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
