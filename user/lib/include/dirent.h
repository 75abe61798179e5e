/*
 * Directories.  readdir() reads records with getdents64 and returns them
 * in place: struct dirent is laid out as the kernel's linux_dirent64
 * (uapi/dirent.h, whose d_name is only as long as the name).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

#include "uapi/dirent.h"

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;	/* this record's length */
	unsigned char d_type;		/* DT_REG, DT_DIR... */
	char d_name[256];
};

typedef struct _DIR DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
/* The system call: fills buf with records, returns the bytes used, 0 at
 * the end of the directory. */
ssize_t getdents64(int fd, void *buf, size_t size);

#endif
