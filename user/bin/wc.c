/* wc [-lwc] [FILE...]: lines, words and bytes of each file (or stdin),
 * and their total when there are several; by default all three. The
 * counts are separated by one blank, in POSIX's format. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool show_lines, show_words, show_bytes;

struct counts {
	long lines, words, bytes;
};

static int count(int fd, const char *name, struct counts *c)
{
	static char buf[16384];
	bool in_word = false;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			bool space = isspace((unsigned char)buf[i]);

			c->lines += buf[i] == '\n';
			c->words += in_word && space;
			in_word = !space;
		}
	}
	c->words += in_word;
	if (n < 0) {
		fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

static void print(const struct counts *c, const char *name)
{
	const char *sep = "";

	if (show_lines) {
		printf("%ld", c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%ld", sep, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%ld", sep, c->bytes);
	printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	int c, status = 0;

	while ((c = getopt(argc, argv, "lwc")) != -1) {
		switch (c) {
		case 'l': show_lines = true; break;
		case 'w': show_words = true; break;
		case 'c': show_bytes = true; break;
		default:
			fprintf(stderr, "usage: wc [-lwc] [FILE...]\n");
			return 1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = true;
	if (optind == argc) {
		status = count(0, "stdin", &total);
		print(&total, NULL);
		return status;
	}
	for (int i = optind; i < argc; i++) {
		struct counts one = { 0, 0, 0 };
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= count(fd, argv[i], &one);
		close(fd);
		print(&one, argv[i]);
		total.lines += one.lines;
		total.words += one.words;
		total.bytes += one.bytes;
	}
	if (argc - optind > 1)
		print(&total, "total");
	return status;
}
