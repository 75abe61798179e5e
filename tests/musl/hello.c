/*
 * hello: an ordinary program for Linux, built with `musl-gcc -static` and
 * run unmodified on the kernel.  It prints with printf, allocates with
 * malloc, forks, execs itself in the child as "hello child" (which prints
 * and exits 3), waits for it, and exits 7: a status `make run` can show
 * coming back out of QEMU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Where the initrd holds this program. */
#define INITRD_PATH "/bin/hello-musl"

int main(int argc, char **argv)
{
	char *greeting, *child_argv[] = { argv[0], "child", NULL };
	const char *self;
	pid_t pid;
	int status;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("hello: child: exec worked, exiting with 3\n");
		return 3;
	}

	greeting = malloc(64);
	if (!greeting)
		return 1;
	snprintf(greeting, 64, "hello, world: printf and malloc work");
	printf("%s\n", greeting);
	free(greeting);

	/* Started by hand on Linux, argv[0] is a path to this program; started
	 * by init, it is only the name, and the program is in the initrd. */
	self = strchr(argv[0], '/') ? argv[0] : INITRD_PATH;
	printf("hello: forking; the child execs %s\n", self);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("hello: fork");
		return 1;
	}
	if (pid == 0) {
		execv(self, child_argv);
		perror("hello: execv");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("hello: waitpid");
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 3) {
		printf("hello: child ended with status 0x%x, not exit 3\n",
		       status);
		return 1;
	}
	printf("hello: child exited with 3; exiting with 7\n");
	return 7;
}
