/*
 * open() flags, *at() flags, fcntl() commands and lseek() origins of the
 * Linux x86-64 ABI (include/uapi/asm-generic/fcntl.h, which x86 uses,
 * include/uapi/linux/fcntl.h and linux/fs.h). The values are octal there.
 */
#ifndef _UAPI_FCNTL_H
#define _UAPI_FCNTL_H

/* The access mode: flags & O_ACCMODE. */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002

#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000    /* always set by a 64-bit kernel */
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define O_SYNC      04010000
#define O_PATH      010000000

/* The *at() calls: dirfd for "the current directory", and their flags. */
#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS          0x200   /* faccessat */
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000  /* "" names dirfd itself */
#define AT_STATX_SYNC_TYPE  0x6000  /* statx sync modes, fstatat accepts them */

/* fcntl() commands. */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030        /* F_LINUX_SPECIFIC_BASE + 6 */

/* F_GETFD / F_SETFD: the descriptor's own flag. */
#define FD_CLOEXEC 1

/* lseek() whence. */
#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* access() modes. POSIX has them in <unistd.h>; they live with the other
 * file flags here because the kernel's uapi has no such header. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#endif
