/*
 * struct stat of the Linux x86-64 ABI (arch/x86/include/uapi/asm/stat.h,
 * the layout stat, fstat, lstat and newfstatat fill) and the mode bits of
 * include/uapi/linux/stat.h. 144 bytes; the field order is the ABI.
 */
#ifndef _UAPI_STAT_H
#define _UAPI_STAT_H

#include <stdint.h>

/*
 * struct timespec as Linux's time_t and long make it on x86-64. The guards
 * are the ones the libcs use (glibc: _STRUCT_TIMESPEC, musl:
 * __DEFINED_struct_timespec), so a program may include this header next to
 * <time.h> in either order; other uapi headers that need it repeat this.
 */
#if !defined(_STRUCT_TIMESPEC) && !defined(__DEFINED_struct_timespec)
#define _STRUCT_TIMESPEC
#define __DEFINED_struct_timespec
struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};
#endif

struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;      /* before st_mode on x86-64, unlike i386 */
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;      /* in 512-byte units, whatever st_blksize is */
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	int64_t __unused[3];
};

/* The file type: st_mode & S_IFMT. */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

/* Permissions. */
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

#endif
