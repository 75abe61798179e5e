#!/bin/sh
# Build and run the host unit tests: tests/host/run.sh [pattern] runs the
# tests whose file name contains pattern (all by default).
#
# Each tests/host/test_*.c is linked with the kernel sources named on its
# " * Kernel sources:" comment line, every file built with the sanitizers.
# An optional " * Host flags:" line adds compiler flags for the test and its
# kernel sources (-DDEBUG, the fakes of tests/host/fake/fakes.h); such a
# test gets its own copies of the kernel objects, under build/host/<test>.objs/.
# Kernel sources get "-include kernel_names.h" so that their memcpy,
# snprintf, ... do not clash with libc's (see that header).
#
# Output is KTAP: each program prints its cases as a subtest, followed here
# by one result line for the program.  The last line is "N passed, N failed",
# counting test cases; a case that never reported (the program crashed) or a
# program that did not build counts as failed.  Exit status 0 iff none failed.

cd "$(dirname "$0")/../.." || exit 2

CC=${CC:-gcc}
CFLAGS="-std=gnu11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
	-Wall -Wextra -Werror -iquote include -iquote tests/host"
OUT=build/host
mkdir -p "$OUT"

tests=
for src in tests/host/test_*.c; do
	case $src in *"${1:-}"*) tests="$tests $src" ;; esac
done
echo "KTAP version 1"
echo "1..$(echo "$tests" | wc -w)"

passed=0 failed=0 number=0
built=		# kernel objects this run has built
for src in $tests; do
	name=$(basename "$src" .c)
	number=$((number + 1))
	objs='' ok=true
	: >"$OUT/$name.log"
	flags=$(sed -n 's/^ \* Host flags: *//p' "$src")

	for ksrc in $(sed -n 's/^ \* Kernel sources: *//p' "$src"); do
		obj=$OUT/${flags:+$name.objs/}${ksrc%.c}.o
		mkdir -p "$(dirname "$obj")"
		case " $built " in
		*" $obj "*) ;;
		*)	if $CC $flags $CFLAGS -include tests/host/kernel_names.h \
				-c "$ksrc" -o "$obj" 2>>"$OUT/$name.log"; then
				built="$built $obj"
			else
				ok=false
			fi
		esac
		objs="$objs $obj"
	done
	$ok && $CC $flags $CFLAGS "$src" $objs -o "$OUT/$name" 2>>"$OUT/$name.log" ||
		ok=false
	if ! $ok; then
		sed 's/^/    # /' "$OUT/$name.log"
		echo "not ok $number $name # build failed"
		failed=$((failed + 1))
		continue
	fi

	"$OUT/$name" >"$OUT/$name.out" 2>"$OUT/$name.log"
	status=$?
	cat "$OUT/$name.out"
	sed 's/^/    # /' "$OUT/$name.log"

	plan=$(sed -n 's/^    1\.\.//p' "$OUT/$name.out" | head -n 1)
	pass=$(grep -c '^    ok ' "$OUT/$name.out")
	fail=$(grep -c '^    not ok ' "$OUT/$name.out")
	missing=$(( ${plan:-1} - pass - fail ))
	[ "$missing" -gt 0 ] && fail=$((fail + missing))
	# A nonzero exit with every case passed still means something broke.
	[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
	passed=$((passed + pass)) failed=$((failed + fail))

	if [ "$fail" -eq 0 ]; then
		echo "ok $number $name"
	else
		echo "not ok $number $name"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
