/*
 * usertests: the user test programs of /tests, from the shell (as xv6's
 * usertests): all of them, or the ones named.
 *
 *	usertests               every program in /tests
 *	usertests pipe signals  those two
 *
 * Each program prints its own cases (KTAP, indented) and gets a result
 * line; the last line is `N passed, N failed` (programs). A program runs
 * in a process group of its own, with the terminal if usertests has it,
 * and whatever it leaves running is killed after it. init's test mode
 * runs the same code (user/bin/testrun.h). Exit status 0 if all passed.
 */
#include "testrun.h"

int main(int argc, char **argv)
{
	char **names = argv + 1;
	long count = argc - 1;
	int failed;

	if (count == 0) {
		count = list_dir(TESTS_DIR, &names);
		if (count < 0) {
			fprintf(stderr, "usertests: %s: %s\n", TESTS_DIR, strerror(errno));
			return 1;
		}
	}
	/* To take the terminal back from each program's group. */
	signal(SIGTTOU, SIG_IGN);
	printf("KTAP version 1\n1..%ld\n", count);
	failed = run_test_programs(names, count, 1, 1);
	printf("%ld passed, %d failed\n", count - failed, failed);
	return failed != 0;
}
