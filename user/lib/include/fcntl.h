/* File control: open flags and fcntl commands (the kernel's uapi values). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#include "uapi/fcntl.h"

/* The mode argument is read only with O_CREAT. */
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int fcntl(int fd, int cmd, ...);

#endif
