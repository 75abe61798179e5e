/*
 * nice [-n N] [COMMAND [ARG...]]: run COMMAND with the nice value raised
 * by N (10 by default; a negative N needs privilege), or print the
 * current nice value. As GNU nice, a refused change is reported and the
 * command runs anyway.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int c, adjust = 10, now;
	char *end;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c == 'n')
			adjust = (int)strtol(optarg, &end, 10);
		if (c != 'n' || !*optarg || *end) {
			fprintf(stderr, "usage: nice [-n N] [COMMAND [ARG...]]\n");
			return 125;
		}
	}
	/* -1 is a valid nice value: errno tells a failure apart. */
	errno = 0;
	now = getpriority(PRIO_PROCESS, 0);
	if (now == -1 && errno) {
		perror("nice");
		return 125;
	}
	if (optind == argc) {
		printf("%d\n", now);
		return 0;
	}
	if (setpriority(PRIO_PROCESS, 0, now + adjust) < 0)
		fprintf(stderr, "nice: cannot set niceness: %s\n", strerror(errno));
	execvp(argv[optind], argv + optind);
	fprintf(stderr, "nice: %s: %s\n", argv[optind], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
