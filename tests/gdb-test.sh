#!/usr/bin/env bash
# tests/gdb-test.sh [KERNEL_ELF]: `make debug`'s setup works end to end.
#
# Boots KERNEL_ELF (default build/kernel.elf) from an ISO with an empty
# command line through tools/debug.sh, on a free port, with gdb in batch
# mode: tools/gdb/kernel.gdb connects, breaks at kmain by a hardware
# breakpoint, and `bt` prints the backtrace. Passes if gdb reports the
# breakpoint hit in kmain and frame #0 of the backtrace is kmain.
# Time limit 60 s; QEMU never outlives the test.
#
# Prints `ok 1 gdb_kmain_breakpoint` (or `not ok` with gdb's output) and a
# last line `N passed, N failed`. Environment: INITRD (default
# build/initrd.cpio); MEM, CPU, ACCEL reach QEMU.
set -u
cd "$(dirname "$0")/.." || exit 2

elf=${1:-build/kernel.elf}
initrd=${INITRD:-build/initrd.cpio}
iso=build/gdb-test.iso
work=$(mktemp -d "${TMPDIR:-/tmp}/gdb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/gdb.out

# A port the host kernel picked as free just now.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The QEMU that tools/debug.sh started for this port, if it is still there.
leftover_qemu() {
	local cmdline
	for f in /proc/[0-9]*/cmdline; do
		cmdline=$(tr '\0' ' ' <"$f" 2>/dev/null) || continue
		case $cmdline in
		*qemu*"-gdb tcp:127.0.0.1:$port "*)
			f=${f#/proc/}
			echo "${f%/cmdline}"
			;;
		esac
	done
}

ok=1
if ! tools/mkiso "$elf" "$initrd" "$iso" >"$out" 2>&1; then
	ok=0
else
	# timeout signals debug.sh and gdb (its process group); debug.sh then
	# kills QEMU, which sits in a session of its own.
	GDB_PORT=$port DEBUG_LOG=$work/serial.log \
		timeout -k 5 60 tools/debug.sh "$iso" "$elf" -batch -ex bt </dev/null >"$out" 2>&1
	rc=$?
	[ "$rc" = 124 ] && echo "gdb-test: time limit of 60 s reached" >>"$out"
	grep -Eq '^(Hardware )?[Bb]reakpoint [0-9]+, (0x[0-9a-f]+ in )?kmain ' "$out" || ok=0
	grep -Eq '^#0 +(0x[0-9a-f]+ in )?kmain ' "$out" || ok=0
	for pid in $(leftover_qemu); do
		echo "gdb-test: QEMU (pid $pid) outlived tools/debug.sh; killed" >>"$out"
		kill -9 "$pid"
		ok=0
	done
	if [ "$ok" = 0 ] && [ -s "$work/serial.log" ]; then
		echo "--- serial output ---" >>"$out"
		tail -n 30 "$work/serial.log" >>"$out"
	fi
fi

if [ "$ok" = 1 ]; then
	echo "ok 1 gdb_kmain_breakpoint"
	echo "1 passed, 0 failed"
else
	echo "not ok 1 gdb_kmain_breakpoint"
	sed 's/^/    # /' "$out"
	echo "0 passed, 1 failed"
fi
[ "$ok" = 1 ]
