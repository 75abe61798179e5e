/* Time (C11 7.27 and POSIX clocks). */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <sys/types.h>

/* The guard is the one uapi/stat.h (and glibc) uses for the same
 * structure, so either may come first. */
#if !defined(_STRUCT_TIMESPEC) && !defined(__DEFINED_struct_timespec)
#define _STRUCT_TIMESPEC
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
#endif

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1

int clock_gettime(clockid_t clock, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);

#endif
