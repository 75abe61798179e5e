/*
 * forkexec: fork, exec and wait. The program runs itself again with an
 * argument (argv[0], a path both on Linux and in the initrd) to sum
 * numbers it gets on the command line and in the environment, checks
 * exit codes 0..255 through wait, waits for children in an order not
 * theirs, and fails to exec what is not there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(int argc, char **argv)
{
	long sum = 0;
	const char *extra = getenv("FORKEXEC_EXTRA");

	for (int i = 2; i < argc; i++)
		sum += strtol(argv[i], NULL, 10);
	if (extra)
		sum += strtol(extra, NULL, 10);
	printf("child: %d arguments, sum %ld\n", argc - 2, sum);
	return (int)(sum % 256);
}

int main(int argc, char **argv)
{
	int status, odd = 0;
	pid_t pids[8];

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* exec with arguments and an environment of our own. */
	char *args[] = { argv[0], "child", "10", "20", "30", NULL };
	char *envp[] = { "FORKEXEC_EXTRA=40", NULL };
	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], args, envp);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("parent: the child exited %d\n", WEXITSTATUS(status));

	/* Exit codes through wait. */
	for (int code = 0; code < 256; code += 17) {
		pid = fork();
		if (pid == 0)
			_exit(code);
		waitpid(pid, &status, 0);
		odd += !WIFEXITED(status) || WEXITSTATUS(status) != code;
	}
	printf("exit codes 0..255 by 17: %d wrong\n", odd);

	/* Several children, waited for last first. */
	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(100 + i);
	}
	for (int i = 7; i >= 0; i--) {
		waitpid(pids[i], &status, 0);
		printf("%d ", WEXITSTATUS(status));
	}
	printf("\n");
	errno = 0;
	pid = wait(NULL);
	printf("wait with no child: %d, %s\n", pid, strerror(errno));

	/* What cannot be run. */
	pid = fork();
	if (pid == 0) {
		execl("/no/such/program", "x", (char *)NULL);
		_exit(errno == ENOENT ? 12 : 13);
	}
	waitpid(pid, &status, 0);
	printf("exec of a missing file: child exited %d (12: ENOENT)\n", WEXITSTATUS(status));
	return 0;
}
