/*
 * ps: every process, from /proc (as procps's ps reads it):
 *
 *	  PID  PPID STATE     NICE  VRUNTIME(ms)   RUNTIME(ms) NAME
 *	    1     0 sleeping     0        12.345        13.000 init
 *
 * PID, PPID, the state, the nice value and the name come from
 * /proc/PID/stat; the CFS virtual runtime and the CPU time used from
 * /proc/PID/sched (se.vruntime, se.sum_exec_runtime, in ms), where Linux
 * shows them too (with CONFIG_SCHED_DEBUG; without, ps shows "-").
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first line of path that starts with key, into line; 0 if none. */
static int find_line(const char *path, const char *key, char *line, int size)
{
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, size, f))
		found = strncmp(line, key, strlen(key)) == 0;
	fclose(f);
	return found;
}

/* A time in ms as /proc/PID/sched writes it ("12.345678"), to 3 decimals
 * (the field is wide enough for days of vruntime). */
static void sched_value(const char *dir, const char *key, char *out, int size)
{
	char path[64], line[256];
	const char *colon;

	snprintf(path, sizeof(path), "%s/sched", dir);
	if (!find_line(path, key, line, sizeof(line)) || !(colon = strchr(line, ':'))) {
		snprintf(out, size, "-");
		return;
	}
	const char *p = colon + 1;
	char *end;
	while (*p == ' ')
		p++;
	bool negative = *p == '-';
	unsigned long ms = strtoul(p + negative, &end, 10);
	unsigned long frac = *end == '.' ? strtoul(end + 1, NULL, 10) / 1000 : 0;
	snprintf(out, size, "%s%lu.%03lu", negative ? "-" : "", ms, frac);
}

static const char *state_name(char state)
{
	switch (state) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk";
	case 'T': return "stopped";
	case 't': return "traced";
	case 'Z': return "zombie";
	case 'I': return "idle";
	}
	return "?";
}

/* One line for the process whose /proc directory is dir; 0 if it has
 * gone meanwhile. */
static int show(const char *dir)
{
	char path[64], stat[1024], name[64], vruntime[32], runtime[32];
	FILE *f;
	int pid, ppid, nice;
	char state;

	snprintf(path, sizeof(path), "%s/stat", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(stat, sizeof(stat), f)) {
		fclose(f);
		return 0;
	}
	fclose(f);
	/* "pid (comm) state ppid ...": the name may hold spaces and
	 * parentheses, so it ends at the last ')'. */
	char *open = strchr(stat, '('), *close = strrchr(stat, ')');
	if (!open || !close || close < open)
		return 0;
	pid = atoi(stat);
	snprintf(name, sizeof(name), "%.*s", (int)(close - open - 1), open + 1);
	char *p = close + 2;
	state = *p;
	/* Fields 4 (ppid) and 19 (nice), counted from the state (3). */
	char *field[20] = { 0 };
	int n = 3;
	for (char *q = p; *q && n < 20; q++)
		if (*q == ' ')
			field[++n] = q + 1;
	ppid = field[4] ? atoi(field[4]) : 0;
	nice = field[19] ? atoi(field[19]) : 0;
	sched_value(dir, "se.vruntime", vruntime, sizeof(vruntime));
	sched_value(dir, "se.sum_exec_runtime", runtime, sizeof(runtime));
	printf("%5d %5d %-9s %4d %13s %13s %s\n", pid, ppid, state_name(state), nice, vruntime,
	       runtime, name);
	return 1;
}

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
	DIR *proc = opendir("/proc");
	struct dirent *d;
	int *pids = NULL, n = 0, cap = 0;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: ps\n");
		return 2;
	}
	if (!proc) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	while ((d = readdir(proc))) {
		char *end;
		long pid = strtol(d->d_name, &end, 10);

		if (*end || pid <= 0)
			continue;
		if (n == cap) {
			int *grown = realloc(pids, (cap = cap ? 2 * cap : 64) * sizeof(*pids));

			if (!grown)
				break;
			pids = grown;
		}
		pids[n++] = (int)pid;
	}
	closedir(proc);
	qsort(pids, n, sizeof(*pids), by_number);
	printf("  PID  PPID STATE     NICE  VRUNTIME(ms)   RUNTIME(ms) NAME\n");
	for (int i = 0; i < n; i++) {
		char dir[32];

		snprintf(dir, sizeof(dir), "/proc/%d", pids[i]);
		show(dir);
	}
	free(pids);
	return 0;
}
