/*
 * kill [-SIGNAL | -s SIGNAL] PID...: send a signal (TERM by default),
 * named with or without "SIG", or by number; kill -l lists the names.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Linux's numbers for x86-64: names[n] is signal n. */
static const char *const names[] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
	"STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
	"WINCH", "IO", "PWR", "SYS",
};
#define NNAMES (int)(sizeof(names) / sizeof(names[0]))

/* The signal s names, or -1. */
static int parse_signal(const char *s)
{
	char *end;

	if (isdigit((unsigned char)*s)) {
		long sig = strtol(s, &end, 10);

		return *end || sig >= NSIG ? -1 : (int)sig;
	}
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (int sig = 1; sig < NNAMES; sig++)
		if (strcmp(s, names[sig]) == 0)
			return sig;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "-l") == 0) {
		for (int n = 1; n < NNAMES; n++)
			printf("%2d) SIG%s\n", n, names[n]);
		return 0;
	}
	if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
		sig = parse_signal(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
		sig = parse_signal(argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0 || i == argc) {
		fprintf(stderr, sig < 0 ? "kill: unknown signal\n"
					: "usage: kill [-SIGNAL | -s SIGNAL] PID...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (!*argv[i] || *end) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
