/*
 * Running the user test programs of /tests, for init's test mode
 * (user/bin/init.c) and for usertests (user/bin/usertests.c): each
 * program prints its own KTAP subtest, indented; the runner adds one
 * result line per program at column 0:
 *
 *	ok 12 pipe
 *	not ok 13 signals # exit status 1
 *
 * Header-only, included by both programs.
 */
#ifndef TESTRUN_H
#define TESTRUN_H

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TESTS_DIR "/tests"

extern char **environ;

/*
 * Start path with argv in a child; in a process group of its own if
 * own_group (given the terminal too if the caller has it). Messages go
 * out as KTAP comments ("# ..."), which a test runner reads past.
 */
static pid_t spawn(const char *path, char *const argv[], int own_group)
{
	pid_t pid;
	int terminal = own_group && tcgetpgrp(0) == getpgrp();

	/* Or the child would inherit, and print again, our pending output. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (own_group) {
			setpgid(0, 0);
			if (terminal)
				tcsetpgrp(0, getpid());
			signal(SIGTTOU, SIG_DFL);
		}
		execve(path, argv, environ);
		printf("# exec %s: %s\n", path, strerror(errno));
		exit(127);
	}
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
	} else if (own_group) {
		setpgid(pid, pid);
		if (terminal)
			tcsetpgrp(0, pid);
	}
	return pid;
}

/* Wait for pid to end and return its status, reaping any other child
 * (an orphan, for init) that ends meanwhile. */
static int wait_for(pid_t pid)
{
	int status;

	for (;;) {
		pid_t child = wait4(-1, &status, 0, NULL);

		if (child == pid)
			return status;
		if (child < 0 && errno != EINTR) {
			printf("# wait4: %s\n", strerror(errno));
			return -1;
		}
	}
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names of the regular files in the directory at path, sorted,
 * without hidden ones (the test programs; /tests/data holds their
 * fixtures): their number, or -1 with errno set.
 */
static long list_dir(const char *path, char ***names)
{
	DIR *dir = opendir(path);
	size_t n = 0, cap = 0;
	struct dirent *d;

	*names = NULL;
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' || d->d_type != DT_REG)
			continue;
		if (n == cap) {
			char **grown;

			cap = cap ? 2 * cap : 16;
			grown = realloc(*names, cap * sizeof(**names));
			if (!grown)
				break;
			*names = grown;
		}
		if (!((*names)[n] = strdup(d->d_name)))
			break;
		n++;
	}
	closedir(dir);
	/* Stopped before the end: out of memory. */
	if (d) {
		errno = ENOMEM;
		return -1;
	}
	qsort(*names, n, sizeof(**names), compare_names);
	return n;
}

/*
 * Run /tests/NAME for each of the count names, numbering the results from
 * first; each in a group of its own if own_group, whose leftovers are
 * then killed. The number that failed.
 */
static int run_test_programs(char **names, long count, int first, int own_group)
{
	int failed = 0;

	for (long i = 0; i < count; i++) {
		char path[sizeof(TESTS_DIR) + 1 + strlen(names[i])];
		char *argv[] = { names[i], NULL };
		int number = first + (int)i;
		pid_t pid;
		int status;

		snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, names[i]);
		pid = spawn(path, argv, own_group);
		status = pid < 0 ? -1 : wait_for(pid);
		if (own_group && pid > 0) {
			/* What the program left running goes with it; the
			 * terminal comes back. */
			kill(-pid, SIGKILL);
			if (tcgetpgrp(0) == pid)
				tcsetpgrp(0, getpgrp());
		}
		if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d %s\n", number, names[i]);
			continue;
		}
		failed++;
		if (status == -1)
			printf("not ok %d %s # could not run it\n", number, names[i]);
		else if (WIFSIGNALED(status))
			printf("not ok %d %s # killed by signal %d\n", number, names[i],
			       WTERMSIG(status));
		else
			printf("not ok %d %s # exit status %d\n", number, names[i],
			       WEXITSTATUS(status));
	}
	fflush(stdout);
	return failed;
}

#endif
