/* head [-n N | -c N | -N] [FILE...]: the first N lines (10 by default) or
 * bytes of each file, or of stdin. It stops reading once they are out,
 * so "yes | head" ends: yes then dies of SIGPIPE. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool bytes_mode;
static long limit = 10;

static int head_fd(int fd, const char *name)
{
	static char buf[16384];
	long left = limit;
	ssize_t n = 0;

	while (left > 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		size_t take = (size_t)n;

		if (bytes_mode && left < n) {
			take = (size_t)left;
		} else if (!bytes_mode) {
			/* Up to and with the left-th newline, if it is here. */
			for (take = 0; take < (size_t)n && left > 0; take++)
				left -= buf[take] == '\n';
		}
		if (bytes_mode)
			left -= (long)take;
		if (fwrite(buf, 1, take, stdout) != take)
			return 1;
	}
	if (n < 0) {
		fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

static bool parse_count(const char *s)
{
	char *end;

	limit = strtol(s, &end, 10);
	return *s && !*end && limit >= 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	/* Unbuffered: each block read goes out at once, all of it, and the
	 * "==> FILE <==" headers stay in order with it. */
	setvbuf(stdout, NULL, _IONBF, 0);
	/* The old form "head -N", which everybody still types. */
	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		if (!parse_count(argv[1] + 1)) {
			fprintf(stderr, "head: %s: bad count\n", argv[1]);
			return 1;
		}
		optind = 2;
	}
	while ((c = getopt(argc, argv, "n:c:")) != -1) {
		bytes_mode = c == 'c';
		if ((c != 'n' && c != 'c') || !parse_count(optarg)) {
			fprintf(stderr, "usage: head [-n LINES | -c BYTES] [FILE...]\n");
			return 1;
		}
	}
	if (optind == argc)
		return head_fd(0, "stdin");
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (argc - optind > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
		if (fd < 0) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= head_fd(fd, argv[i]);
		close(fd);
	}
	return status;
}
