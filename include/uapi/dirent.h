/*
 * The records getdents64 returns (struct linux_dirent64 of
 * include/linux/dirent.h) and the d_type values of include/linux/fs.h
 * (DT_* = S_IF* >> 12).
 */
#ifndef _UAPI_DIRENT_H
#define _UAPI_DIRENT_H

#include <stdint.h>

/*
 * One entry, d_reclen bytes long: the fixed part (19 bytes), the name with
 * its NUL, then padding so the next record is 8-byte aligned.
 */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;          /* where the next getdents64 would resume */
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

#endif
