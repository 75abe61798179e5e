#!/usr/bin/env bash
# tests/musl-compare.sh [ISO]: the programs of tests/musl, built once with
# musl-gcc -static (build/musl/NAME), run natively on this Linux host and
# unmodified on the kernel; their outputs and exit statuses must match.
#
# The kernel side boots ISO (default build/musl.iso, whose init runs
# `sh /etc/musl-compare.sh`: each program as /bin/NAME-musl between
# "=== NAME" and "=== exit STATUS" lines). The native side prints the same
# lines. In the native output the program's own path (build/musl/NAME,
# which hello prints) reads /bin/NAME-musl, as in the initrd. Prints
# KTAP, a diff for a program that differs, and `N passed, N failed`.
set -u
cd "$(dirname "$0")/.." || exit 2
iso=${1:-build/musl.iso}
work=$(mktemp -d "${TMPDIR:-/tmp}/musl-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

names=$(ls tests/musl/*.c 2>/dev/null | sed 's|tests/musl/||; s|\.c$||' | sort)
count=$(echo "$names" | wc -w)
echo "KTAP version 1"
echo "1..$count"
if [ ! -f "$iso" ]; then
	echo "# $iso: missing (make $iso)"
	echo "0 passed, $count failed"
	exit 1
fi

# The kernel: everything in one boot, the kernel's own lines dropped.
GUI=0 timeout 120 tools/qemu.sh "$iso" </dev/null 2>&1 |
	tr -d '\r' | sed -E 's/\x1b\[[0-9;?]*[ -\/]*[@-~]//g; s/\x1b[()][0-9A-Za-z]//g' |
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' >"$work/kernel.all"
# One file per program: the lines after its "=== NAME" up to the next.
awk -v dir="$work" '
	/^=== end$/ { out = ""; next }
	/^=== / && $2 != "exit" { out = dir "/" $2 ".kernel"; printf "" > out; next }
	out != "" { print >> out }
' "$work/kernel.all"

passed=0 failed=0 number=0
for name in $names; do
	number=$((number + 1))
	prog=build/musl/$name
	if [ ! -x "$prog" ]; then
		echo "not ok $number $name # $prog: not built"
		failed=$((failed + 1))
		continue
	fi
	{ timeout 60 "$prog" 2>&1; echo "=== exit $?"; } |
		sed "s|$prog|/bin/$name-musl|g" >"$work/$name.native"
	if [ ! -f "$work/$name.kernel" ]; then
		echo "# no output from the kernel; its console ended with:"
		tail -n 15 "$work/kernel.all" | sed 's/^/#   /'
		echo "not ok $number $name # did not run on the kernel"
		failed=$((failed + 1))
	elif diff -u "$work/$name.native" "$work/$name.kernel" >"$work/$name.diff"; then
		echo "ok $number $name"
		passed=$((passed + 1))
	else
		sed 's/^/# /' "$work/$name.diff"
		echo "not ok $number $name # output differs (- Linux, + kernel)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
