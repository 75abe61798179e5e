/*
 * init: process 1.  The kernel starts it in one of three ways and powers
 * the machine off when it exits, with its exit status:
 *
 *	/bin/init --test FIRST [NAME...]	run every program in /tests (or
 *					the NAMEs only), reporting each as
 *					KTAP result FIRST, FIRST + 1...
 *	/bin/init --run PATH [ARGS...]	run one program; exit with its status
 *	/bin/init			run /bin/sh, again each time it exits
 *
 * Every orphan becomes init's child, so init reaps whatever ends while it
 * waits, and before it exits kills and reaps what is still running: the
 * machine then stops with no process left over.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testrun.h"

#define SHELL     "/bin/sh"

/*
 * Kill every process but init (kill(-1, ...) spares the caller and pid 1)
 * and reap them all: what a program left running must not outlive it.
 */
static void kill_leftovers(void)
{
	if (kill(-1, SIGKILL) == 0)
		printf("# init: killed the processes left running\n");
	while (wait4(-1, NULL, 0, NULL) > 0 || errno == EINTR)
		;
}

/*
 * Test mode.  Each program prints its own KTAP subtest, indented; init adds
 * the result line at column 0, numbered from first, and nothing else there
 * (user/bin/testrun.h): the count programs named, or all of /tests when
 * none is. Exits 0 if every program exited 0.
 */
static int run_tests(int first, char **names, int count)
{
	long n = count;
	int failed;

	if (n == 0) {
		n = list_dir(TESTS_DIR, &names);
		if (n < 0) {
			printf("# init: %s: %s\n", TESTS_DIR, strerror(errno));
			return 1;
		}
	}
	failed = run_test_programs(names, n, first, 0);
	kill_leftovers();
	return failed != 0;
}

/* Run argv[0] with its arguments; the exit status as a shell gives it. */
static int run_program(char **argv)
{
	const char *path = argv[0];
	const char *slash = strrchr(path, '/');
	pid_t pid;
	int status;

	/* The program sees its name, as when a shell runs it. */
	argv[0] = (char *)(slash ? slash + 1 : path);
	pid = spawn(path, argv, 0);
	status = pid < 0 ? -1 : wait_for(pid);
	kill_leftovers();
	if (status == -1)
		return 127;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Like getty: whenever the shell exits, start a new one. */
static int run_shell(void)
{
	struct stat st;

	if (stat(SHELL, &st) < 0) {
		printf("init: no %s yet; boot with init=/bin/PROG to run a "
		       "program\n", SHELL);
		return 0;
	}
	for (;;) {
		char *argv[] = { "sh", NULL };
		struct timespec start, end;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &start);
		pid = spawn(SHELL, argv, 0);
		if (pid > 0)
			wait_for(pid);
		clock_gettime(CLOCK_MONOTONIC, &end);
		/* A shell that cannot even start must not make us spin. */
		if (end.tv_sec - start.tv_sec < 1)
			sleep(1);
	}
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return run_shell();
	if (argc >= 3 && strcmp(argv[1], "--test") == 0)
		return run_tests(atoi(argv[2]), argv + 3, argc - 3);
	if (argc >= 3 && strcmp(argv[1], "--run") == 0)
		return run_program(argv + 2);
	fprintf(stderr, "usage: init [--test FIRST [NAME...] | --run PATH [ARGS...]]\n");
	return 2;
}
