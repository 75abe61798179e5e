/*
 * ls [-a] [-l] [PATH...]: the entries of each directory, sorted, one per
 * line (-a: with the hidden ones), or a file's own name. -l adds the
 * mode, the number of links and the size:
 *
 *	-rwxr-xr-x  1    23816 cat
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool all, long_format;

static char type_char(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	case S_IFLNK: return 'l';
	case S_IFSOCK: return 's';
	default: return '-';
	}
}

static void print_entry(const char *path, const char *name)
{
	static const char rwx[] = "rwxrwxrwx";
	char mode[11];
	struct stat st;

	if (!long_format) {
		puts(name);
		return;
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	mode[0] = type_char(st.st_mode);
	for (int i = 0; i < 9; i++)
		mode[1 + i] = st.st_mode & (0400 >> i) ? rwx[i] : '-';
	mode[10] = '\0';
	printf("%s %2lu %8ld %s\n", mode, (unsigned long)st.st_nlink, (long)st.st_size, name);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *path)
{
	DIR *dir = opendir(path);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;

	if (!dir) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 2;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' && !all)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		if (!names || !(names[n++] = strdup(d->d_name))) {
			fprintf(stderr, "ls: out of memory\n");
			return 2;
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		char full[strlen(path) + 1 + strlen(names[i]) + 1];

		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		print_entry(full, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	bool printed = false;
	int c, status = 0;

	while ((c = getopt(argc, argv, "al")) != -1) {
		if (c == 'a') {
			all = true;
		} else if (c == 'l') {
			long_format = true;
		} else {
			fprintf(stderr, "usage: ls [-al] [PATH...]\n");
			return 2;
		}
	}
	if (optind == argc)
		return list_dir(".");
	/* As Linux's ls: the files first, then each directory under its name
	 * if there are several operands. */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = optind; i < argc; i++) {
			struct stat st;

			if (stat(argv[i], &st) < 0) {
				if (pass == 0) {
					fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
					status = 2;
				}
				continue;
			}
			if (pass == 0 && !S_ISDIR(st.st_mode)) {
				print_entry(argv[i], argv[i]);
				printed = true;
			} else if (pass == 1 && S_ISDIR(st.st_mode)) {
				if (argc - optind > 1)
					printf("%s%s:\n", printed ? "\n" : "", argv[i]);
				status |= list_dir(argv[i]);
				printed = true;
			}
		}
	}
	return status;
}
