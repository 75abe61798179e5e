#!/usr/bin/env bash
# tests/runner-selftest.sh: proves that tests/run fails when it must.
#
# Case 1 runs the runner's unit tests (tests/test_runner.py, fake QEMUs).
# The other cases boot build/kernel-selftest.elf, the kernel with
# deliberately misbehaving tests, once per `ktest=selftest_NAME` command
# line, and check that tests/run exits non-zero AND names the reason:
#
#   selftest_fail     one test fails, the others pass  -> a FAIL line, "1 failed"
#   selftest_panic    panic("selftest: deliberate panic") -> that message
#   selftest_triple   triple fault                      -> "triple fault"
#   selftest_hang     hangs with interrupts off         -> "timeout after 15s"
#   selftest_exit0    ACPI power-off, no KTAP results   -> "QEMU exited 0"
#   selftest_missing  plan 1..3, two results, exit 0x10 -> "plan 1..3 but 2 results"
#   selftest_leak     a test leaks a page               -> a FAIL line, "# leak: ..."
#   selftest_stack_overflow  recursion into the guard page -> "kernel stack overflow"
#                                                          as its directive or output
#
# The ISOs are build/selftest-NAME.iso, the serial logs build/selftest-NAME.log.
# The boots run in parallel (the hang case takes its 15 s time limit, the
# rest about a second each). Prints `ok N name` / `not ok N name` per case,
# the runner's output for a failed case, and a last line `N passed, N failed`.
# Exit status 0 only if every case passed.
#
# Environment: KERNEL (default build/kernel-selftest.elf), INITRD (default
# build/initrd.cpio); MEM, CPU, ACCEL reach QEMU through tests/run.
set -u
cd "$(dirname "$0")/.." || exit 2

kernel=${KERNEL:-build/kernel-selftest.elf}
initrd=${INITRD:-build/initrd.cpio}
work=$(mktemp -d "${TMPDIR:-/tmp}/runner-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT

# name|extra tests/run options|grep -E patterns the output must match, one a line
cases=(
	"selftest_fail||^FAIL [^:].*
^[0-9]+ passed, 1 failed$"
	"selftest_panic||^FAIL: kernel panic: .*selftest: deliberate panic"
	"selftest_triple||^FAIL: triple fault"
	"selftest_hang|--timeout 15|^FAIL: timeout after 15s"
	"selftest_exit0||^FAIL: QEMU exited 0:"
	"selftest_missing||^FAIL: (.*: )?plan 1\.\.3 but 2 results$"
	"selftest_leak||^FAIL [^:].*
^(FAIL [^:].* |     )# leak: "
	"selftest_stack_overflow||^FAIL: kernel panic: .*kernel stack overflow"
)

passed=0 failed=0 n=0
report() { # report OK NAME [OUTPUT_FILE]
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		passed=$((passed + 1))
		echo "ok $n $2"
	else
		failed=$((failed + 1))
		echo "not ok $n $2"
		[ -n "${3:-}" ] && sed 's/^/    # /' "$3"
	fi
}

if python3 tests/test_runner.py >"$work/unit.out" 2>&1; then
	report 1 runner_unit_tests
else
	report 0 runner_unit_tests "$work/unit.out"
fi

# Build the ISOs one by one, then boot them all in the background and judge
# them once every boot is over.
booted=()
for c in "${cases[@]}"; do
	IFS='|' read -r name _ <<<"$c"
	if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
		echo "missing $kernel or $initrd (make $kernel $initrd)" >"$work/$name.out"
		echo 2 >"$work/$name.rc"
	elif ! tools/mkiso "$kernel" "$initrd" "build/selftest-${name#selftest_}.iso" \
		"ktest=$name" >"$work/$name.out" 2>&1; then
		echo 2 >"$work/$name.rc"
	else
		booted+=("$c")
	fi
done
pids=()
for c in "${booted[@]}"; do
	IFS='|' read -r name opts _ <<<"$c"
	iso=build/selftest-${name#selftest_}.iso
	{
		# shellcheck disable=SC2086 # opts holds separate words
		tests/run $opts --log "${iso%.iso}.log" "$iso" >"$work/$name.out" 2>&1
		echo $? >"$work/$name.rc"
	} &
	pids+=($!)
done
wait "${pids[@]}"

for c in "${cases[@]}"; do
	IFS='|' read -r name _ _ <<<"$c"
	pattern=${c#*|*|}
	out=$work/$name.out
	ok=1
	# The runner must fail (1; 2 would be a usage error), end with its
	# summary line, and show every expected line.
	[ "$(cat "$work/$name.rc")" = 1 ] || ok=0
	tail -n 1 "$out" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$' || ok=0
	while IFS= read -r p; do
		grep -Eq -- "$p" "$out" || ok=0
	done <<<"$pattern"
	report "$ok" "$name" "$out"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
