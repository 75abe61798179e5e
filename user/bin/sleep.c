/* sleep SECONDS...: pause for the sum of the times, each a decimal
 * number of seconds with an optional fraction ("0.25"). */
#include <errno.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#define NSEC_PER_SEC 1000000000L

/* Adds the time s says to *ts; false if s is no such number. */
static bool add_time(const char *s, struct timespec *ts)
{
	long sec = 0, nsec = 0, scale = NSEC_PER_SEC;
	const char *p = s;

	for (; isdigit((unsigned char)*p); p++)
		sec = sec * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			if (scale /= 10)
				nsec += (*p - '0') * scale;
	if (*p || p == s || (p == s + 1 && *s == '.'))
		return false;
	ts->tv_sec += sec;
	ts->tv_nsec += nsec;
	if (ts->tv_nsec >= NSEC_PER_SEC) {
		ts->tv_sec++;
		ts->tv_nsec -= NSEC_PER_SEC;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 0 };

	if (argc < 2) {
		fprintf(stderr, "usage: sleep SECONDS...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (!add_time(argv[i], &ts)) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			return 1;
		}
	}
	/* A handled signal cuts the sleep short: sleep what is left. */
	while (nanosleep(&ts, &ts) < 0)
		if (errno != EINTR)
			return 1;
	return 0;
}
