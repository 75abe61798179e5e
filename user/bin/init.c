/*
 * init: process 1.  The kernel starts it in one of three ways and powers
 * the machine off when it exits, with its exit status:
 *
 *	/bin/init --test FIRST		run every program in /tests, reporting
 *					each as KTAP result FIRST, FIRST + 1...
 *	/bin/init --run PATH [ARGS...]	run one program; exit with its status
 *	/bin/init			run /bin/sh, again each time it exits
 *
 * Every orphan becomes init's child, so init reaps whatever ends while it
 * waits, and before it exits kills and reaps what is still running: the
 * machine then stops with no process left over.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TESTS_DIR "/tests"
#define SHELL     "/bin/sh"

/*
 * Start path with argv in a child.  Messages go out as KTAP comments
 * ("# ..."), which the test runner reads past in test mode.
 */
static pid_t spawn(const char *path, char *const argv[])
{
	pid_t pid;

	/* Or the child would inherit, and print again, our pending output. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		printf("# init: exec %s: %s\n", path, strerror(errno));
		exit(127);
	}
	if (pid < 0)
		printf("# init: fork: %s\n", strerror(errno));
	return pid;
}

/* Wait for pid to end and return its status, reaping any other child
 * (an orphan) that ends meanwhile. */
static int wait_for(pid_t pid)
{
	int status;

	for (;;) {
		pid_t child = wait4(-1, &status, 0, NULL);

		if (child == pid)
			return status;
		if (child < 0 && errno != EINTR) {
			printf("# init: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
}

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
 * Test mode.  Each program prints its own KTAP subtest, indented; init adds
 * the result line at column 0, numbered from first, and nothing else there.
 * Exits 0 if every program exited 0.
 */
static int run_tests(int first)
{
	char **names;
	long count = list_dir(TESTS_DIR, &names);
	int failed = 0;

	if (count < 0) {
		printf("# init: %s: %s\n", TESTS_DIR, strerror(errno));
		return 1;
	}
	for (long i = 0; i < count; i++) {
		char path[sizeof(TESTS_DIR) + 1 + strlen(names[i])];
		char *argv[] = { names[i], NULL };
		int number = first + (int)i;
		pid_t pid;
		int status;

		snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, names[i]);
		pid = spawn(path, argv);
		status = pid < 0 ? -1 : wait_for(pid);
		if (status != -1 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0) {
			printf("ok %d %s\n", number, names[i]);
			continue;
		}
		failed = 1;
		if (status == -1)
			printf("not ok %d %s # could not run it\n", number,
			       names[i]);
		else if (WIFSIGNALED(status))
			printf("not ok %d %s # killed by signal %d\n", number,
			       names[i], WTERMSIG(status));
		else
			printf("not ok %d %s # exit status %d\n", number,
			       names[i], WEXITSTATUS(status));
	}
	kill_leftovers();
	return failed;
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
	pid = spawn(path, argv);
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
		pid = spawn(SHELL, argv);
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
	if (argc == 3 && strcmp(argv[1], "--test") == 0)
		return run_tests(atoi(argv[2]));
	if (argc >= 3 && strcmp(argv[1], "--run") == 0)
		return run_program(argv + 2);
	fprintf(stderr, "usage: init [--test FIRST | --run PATH [ARGS...]]\n");
	return 2;
}
