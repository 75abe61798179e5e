/* grep [-vcn] STRING [FILE...]: the lines that contain STRING, a fixed
 * string (-v: that do not; -c: only their count; -n: with line numbers),
 * prefixed with the file's name when there are several. Exit status 0 if
 * a line was selected, 1 if none, 2 on an error. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool invert, count_only, numbers, names;
static const char *pattern;

/* The next line of f (without its newline) in *line: its length, or -1
 * at the end. */
static long next_line(FILE *f, char **line, size_t *cap)
{
	size_t len = 0;
	int c;

	while ((c = fgetc(f)) != EOF && c != '\n') {
		if (len + 1 >= *cap) {
			size_t grown = *cap ? 2 * *cap : 256;
			char *p = realloc(*line, grown);

			if (!p) {
				fprintf(stderr, "grep: out of memory\n");
				exit(2);
			}
			*line = p;
			*cap = grown;
		}
		(*line)[len++] = (char)c;
	}
	if (c == EOF && len == 0)
		return -1;
	if (*line)
		(*line)[len] = '\0';
	return (long)len;
}

/* The lines of f selected: their count. */
static long grep_file(FILE *f, const char *name)
{
	static char *line;
	static size_t cap;
	long selected = 0, number = 0;

	while (next_line(f, &line, &cap) >= 0) {
		const char *text = line ? line : "";

		number++;
		if ((strstr(text, pattern) != NULL) == invert)
			continue;
		selected++;
		if (count_only)
			continue;
		if (names)
			printf("%s:", name);
		if (numbers)
			printf("%ld:", number);
		puts(text);
	}
	if (count_only && names)
		printf("%s:", name);
	if (count_only)
		printf("%ld\n", selected);
	return selected;
}

int main(int argc, char **argv)
{
	bool any = false, error = false;
	int c;

	while ((c = getopt(argc, argv, "vcn")) != -1) {
		switch (c) {
		case 'v': invert = true; break;
		case 'c': count_only = true; break;
		case 'n': numbers = true; break;
		default:
			optind = argc;  /* to the usage message */
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: grep [-vcn] STRING [FILE...]\n");
		return 2;
	}
	pattern = argv[optind++];
	names = argc - optind > 1;
	if (optind == argc)
		any = grep_file(stdin, "(standard input)") > 0;
	for (int i = optind; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			error = true;
			continue;
		}
		any |= grep_file(f, argv[i]) > 0;
		fclose(f);
	}
	return error ? 2 : any ? 0 : 1;
}
