#!/usr/bin/env bash
# tests/host-user.sh [pattern]: run the user tests natively on this Linux
# host, built with musl-gcc -static (build/host-user/tests/, `make
# host-user-tests`). Linux is the reference: a user test that fails here
# has a wrong expectation, whatever the kernel does. Each program prints
# its own indented KTAP subtest; this adds the result line per program and
# the closing "N passed, N failed" over the individual cases.
set -u
cd "$(dirname "$0")/.." || exit 2

all=$(ls build/host-user/tests/* 2>/dev/null | grep -v '\.d$')
[ -n "$all" ] || { echo "no host user tests built (make host-user-tests)"; exit 1; }
tests=$(printf '%s\n' "$all" | grep -e "${1:-.}")
if [ -z "$tests" ]; then         # TESTS=pattern named none of them
	echo "0 passed, 0 failed"
	exit 0
fi
echo "KTAP version 1"
echo "1..$(echo "$tests" | wc -w)"
passed=0 failed=0 number=0
for test in $tests; do
	number=$((number + 1))
	out=$(timeout 120 "$test" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	ok=$(printf '%s\n' "$out" | grep -cE '^    ok [0-9]+')
	bad=$(printf '%s\n' "$out" | grep -cE '^    not ok [0-9]+')
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ $rc -eq 0 ] && [ "$bad" -eq 0 ]; then
		echo "ok $number $(basename "$test")"
	else
		# A crash or a non-zero exit without a failed case still fails.
		[ "$bad" -eq 0 ] && failed=$((failed + 1))
		echo "not ok $number $(basename "$test") # exit status $rc"
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
