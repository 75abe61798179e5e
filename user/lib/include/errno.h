/* errno: the numbers are the kernel's (Linux's), defined once in uapi. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "uapi/errno.h"

/* POSIX's name for what Linux calls EOPNOTSUPP. */
#define ENOTSUP EOPNOTSUPP

/* One thread per process here, so a plain variable. */
extern int errno;

#endif
