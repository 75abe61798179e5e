/*
 * uptime: the time, how long the system has been up (/proc/uptime) and
 * the load averages, as procps's uptime prints them:
 *
 *	 00:01:23 up 1 min,  0 users,  load average: 0.00, 0.00, 0.00
 *
 * The kernel has no battery clock (the time of day starts at midnight,
 * 1 January 1970, at boot), no logins and no load average (sysinfo's
 * loads are 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <time.h>

int main(void)
{
	struct timespec now;
	struct sysinfo si;
	char text[64] = "";
	FILE *f = fopen("/proc/uptime", "r");
	long up;

	if (!f || !fgets(text, sizeof(text), f)) {
		perror("uptime: /proc/uptime");
		return 1;
	}
	fclose(f);
	up = atol(text);
	clock_gettime(CLOCK_REALTIME, &now);
	long day = now.tv_sec % 86400;
	printf(" %02ld:%02ld:%02ld up ", day / 3600, day / 60 % 60, day % 60);
	if (up >= 86400)
		printf("%ld day%s, ", up / 86400, up / 86400 == 1 ? "" : "s");
	if (up % 86400 >= 3600)
		printf("%2ld:%02ld, ", up % 86400 / 3600, up % 3600 / 60);
	else
		printf("%ld min, ", up % 3600 / 60);
	if (sysinfo(&si) < 0)
		si.loads[0] = si.loads[1] = si.loads[2] = 0;
	/* Loads are fixed point, 1 << 16 is 1.0. */
	printf(" 0 users,  load average: ");
	for (int i = 0; i < 3; i++) {
		unsigned long l = si.loads[i] * 100 >> 16;

		printf("%lu.%02lu%s", l / 100, l % 100, i < 2 ? ", " : "\n");
	}
	return 0;
}
