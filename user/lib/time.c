/* Clocks and sleeping. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return __syscall_ret(__syscall2(__NR_clock_gettime, clock, (long)ts));
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	return __syscall_ret(__syscall2(__NR_gettimeofday, (long)tv, (long)tz));
}

time_t time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(__syscall2(__NR_nanosleep, (long)req, (long)rem));
}

/* Returns the seconds left unslept when a signal cut the sleep short. */
unsigned sleep(unsigned seconds)
{
	struct timespec ts = { .tv_sec = seconds };

	if (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		return ts.tv_sec;
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = {
		.tv_sec = usec / 1000000,
		.tv_nsec = usec % 1000000 * 1000L,
	};

	return nanosleep(&ts, NULL);
}
