/* env [-i] [NAME=VALUE...] [COMMAND [ARG...]]: run COMMAND with the
 * environment changed so (-i: emptied first), or print the environment. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* POSIX: the program declares it. */
extern char **environ;

int main(int argc, char **argv)
{
	static char *empty[1];
	int i = 1;

	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');

		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i == argc) {
		for (char **e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
