#!/usr/bin/env bash
# tests/all.sh: the whole suite, what `make test` runs once everything is built.
#
# Stages, in order, each one's output shown as it runs:
#   host             tests/host/run.sh (host unit tests)
#   host-user        tests/host-user.sh (the user tests, built with musl,
#                    run natively: Linux checks their expectations)
#   kernel           tests/run build/test.iso (ktest=all, or ktest=$TESTS:
#                    the Makefile puts that on the ISO's command line)
#   keyboard         tests/keyboard-test.py (keys typed on the PS/2
#                    keyboard reach the shell)
#   console          tests/console-test.sh (the shell at the serial console:
#                    ^C, ^Z, fg, bg, raw mode, the utilities)
#   musl             tests/musl-compare.sh (tests/musl programs: the same
#                    output on Linux and on the kernel)
#   runner-selftest  tests/runner-selftest.sh (the runner fails when it must)
#   gdb              tests/gdb-test.sh (make debug's setup reaches kmain)
# With TESTS=pattern set only the first three run: run.sh gets the pattern as
# its argument (host tests whose name matches), the ISO's command line
# narrows the kernel's.
#
# Each stage ends with a line `N passed, N failed`; its last such line goes
# into the grand total. A stage without that line, or that exits non-zero
# while claiming 0 failed, counts one failure more. A per-stage summary
# follows, then, as the very last line, the grand total `N passed, N failed`.
# Exit status 0 only if every stage passed.
#
# With LAB=name set (make test LAB=name, docs/labs/): the host stage runs
# that lab's host tests only, host-user is skipped (it checks the tests, not
# the kernel), the kernel stage runs TESTS (the Makefile sets it to the
# lab's suites and user programs), and `score GROUP N/100` lines per group
# (tools/labs.py score) come before the last line.
#
# Environment: TESTS (above); TEST_TIMEOUT, the kernel stage's time limit
# in seconds (default 120); MEM, CPU, ACCEL reach QEMU.
set -u
cd "$(dirname "$0")/.." || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/all-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT

total_passed=0 total_failed=0 status=0
summary=()

stage() { # stage NAME COMMAND [ARGS...]
	local name=$1 line passed failed rc note=""
	shift
	echo "=== $name: $*"
	if [ -x "$1" ]; then
		"$@" 2>&1 | tee "$work/$name.out"
		rc=${PIPESTATUS[0]}
	else
		echo "$1: missing or not executable" | tee "$work/$name.out"
		rc=127
	fi
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/$name.out" | tail -n 1)
	if [ -n "$line" ]; then
		read -r passed _ failed _ <<<"$line"
		passed=${passed%,}
	else
		passed=0 failed=0 note=" (no 'N passed, N failed' line)"
	fi
	if [ "$failed" = 0 ] && { [ "$rc" != 0 ] || [ -z "$line" ]; }; then
		failed=1
		[ "$rc" != 0 ] && note="$note (exit status $rc)"
	fi
	[ "$rc" = 0 ] && [ "$failed" = 0 ] || status=1
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
	summary+=("$(printf '%-16s %s passed, %s failed%s' "$name" "$passed" "$failed" "$note")")
	echo
}

if [ -n "${LAB:-}" ]; then
	lab_host=$(tools/labs.py host "$LAB") || exit 2
	if [ -n "$lab_host" ]; then
		stage host tests/host/run.sh "$lab_host"
	else
		summary+=("$(printf '%-16s skipped (LAB=%s)' host "$LAB")")
	fi
	summary+=("$(printf '%-16s skipped (LAB=%s)' host-user "$LAB")")
else
	stage host tests/host/run.sh ${TESTS:+"$TESTS"}
	stage host-user tests/host-user.sh ${TESTS:+"$TESTS"}
fi
if [ -n "${LAB:-}" ] && [ -z "${TESTS:-}" ]; then
	summary+=("$(printf '%-16s skipped (LAB=%s)' kernel "$LAB")")
else
	stage kernel tests/run --timeout "${TEST_TIMEOUT:-120}" --log build/test.log build/test.iso
fi
if [ -z "${TESTS:-}" ]; then
	stage console tests/console-test.sh build/console.iso
	stage keyboard tests/keyboard-test.py
	stage musl tests/musl-compare.sh build/musl.iso
	stage runner-selftest tests/runner-selftest.sh
	stage gdb tests/gdb-test.sh
elif [ -n "${LAB:-}" ]; then
	summary+=("$(printf '%-16s skipped (LAB=%s)' console "$LAB")")
	summary+=("$(printf '%-16s skipped (LAB=%s)' runner-selftest "$LAB")")
	summary+=("$(printf '%-16s skipped (LAB=%s)' gdb "$LAB")")
else
	summary+=("$(printf '%-16s skipped (TESTS=%s)' console "$TESTS")")
	summary+=("$(printf '%-16s skipped (TESTS=%s)' musl "$TESTS")")
	summary+=("$(printf '%-16s skipped (TESTS=%s)' runner-selftest "$TESTS")")
	summary+=("$(printf '%-16s skipped (TESTS=%s)' gdb "$TESTS")")
fi

echo "=== summary"
printf '%s\n' "${summary[@]}"
if [ -n "${LAB:-}" ]; then
	echo "=== score (LAB=$LAB)"
	tools/labs.py score "$LAB" "$work"
fi
echo "$total_passed passed, $total_failed failed"
exit "$status"
