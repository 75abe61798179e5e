/* Resource usage and scheduling priority (POSIX), Linux layouts. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

struct rusage {
	struct timeval ru_utime;	/* user time */
	struct timeval ru_stime;	/* system time */
	long ru_maxrss;			/* peak resident set, KiB */
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;			/* page faults served without I/O */
	long ru_majflt;			/* page faults that needed I/O */
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;			/* voluntary context switches */
	long ru_nivcsw;			/* involuntary context switches */
};

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

int getrusage(int who, struct rusage *usage);
/* The nice value, -20..19 (on failure -1 with errno set: clear errno
 * first to tell it from a nice of -1). */
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);

#endif
