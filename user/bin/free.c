/*
 * free: memory in use and free, from /proc/meminfo, as procps's free
 * prints it (in KiB; -b bytes, -m MiB, -g GiB). MemTotal is every page
 * the kernel's buddy allocator manages, MemFree what it has free;
 * buff/cache is the initrd's files, which cannot be dropped (they are
 * their only copy), so available is free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long value(const char *text, const char *key)
{
	char k[64];
	const char *p;

	snprintf(k, sizeof(k), "\n%s:", key);
	if (strncmp(text, k + 1, strlen(k + 1)) == 0)
		p = text + strlen(k + 1);
	else if ((p = strstr(text, k)))
		p += strlen(k);
	else
		return 0;
	return strtoul(p, NULL, 10);
}

int main(int argc, char **argv)
{
	unsigned long shift = 0;       /* KiB >> shift, or << 10 for bytes */
	int bytes = 0;
	char text[4096];
	size_t len;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-b") == 0)
			bytes = 1;
		else if (strcmp(argv[i], "-k") == 0)
			shift = 0;
		else if (strcmp(argv[i], "-m") == 0)
			shift = 10;
		else if (strcmp(argv[i], "-g") == 0)
			shift = 20;
		else {
			fprintf(stderr, "usage: free [-b|-k|-m|-g]\n");
			return 2;
		}
	}
	f = fopen("/proc/meminfo", "r");
	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[len] = '\0';

	unsigned long total = value(text, "MemTotal"), free = value(text, "MemFree");
	unsigned long cache = value(text, "Buffers") + value(text, "Cached") +
			      value(text, "SReclaimable");
	unsigned long avail = value(text, "MemAvailable"), shared = value(text, "Shmem");
	unsigned long used = total > free + cache ? total - free - cache : 0;
	unsigned long swap_total = value(text, "SwapTotal"), swap_free = value(text, "SwapFree");
	unsigned long row[] = { total, used, free, shared, cache, avail,
				swap_total, swap_total - swap_free, swap_free };

	for (size_t i = 0; i < sizeof(row) / sizeof(row[0]); i++)
		row[i] = bytes ? row[i] << 10 : row[i] >> shift;
	printf("               total        used        free      shared  buff/cache   available\n");
	printf("Mem:    %11lu %11lu %11lu %11lu %11lu %11lu\n", row[0], row[1], row[2], row[3],
	       row[4], row[5]);
	printf("Swap:   %11lu %11lu %11lu\n", row[6], row[7], row[8]);
	return 0;
}
