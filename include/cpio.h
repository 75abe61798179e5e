/*
 * Reading a cpio archive in the "newc" format (kernel/cpio.c), the format
 * of Linux's initramfs (Documentation/driver-api/early-userspace/
 * buffer-format.rst) and of tools/mkinitrd. Pure code: no allocation, the
 * entries point into the archive; tests/host/test_cpio.c runs it on the host.
 *
 * Each entry is a 110-byte ASCII header, "070701" then 13 fields of 8 hex
 * digits (ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
 * rdevmajor, rdevminor, namesize, check), the name with its NUL (namesize
 * bytes) padded so header + name is a multiple of 4, then the data padded
 * to 4. The entry named "TRAILER!!!" ends the archive.
 */
#ifndef CPIO_H
#define CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;       /* NUL-terminated, inside the archive */
	uint32_t mode;          /* S_IFREG | 0644 ... as in struct stat */
	const void *data;
	size_t size;
};

struct cpio_reader {
	const unsigned char *archive;
	size_t size;
	size_t pos;             /* of the next header */
};

void cpio_open(struct cpio_reader *reader, const void *archive, size_t size);
/*
 * The next entry: 1 with *entry filled, 0 at the trailer, -EINVAL if the
 * archive is malformed (bad magic, a non-hex digit, a name without its NUL
 * or with one inside, a name or data running past the end, no trailer). An
 * error is final: the reader stays on the bad entry. Nothing outside
 * [archive, archive + size) is ever read.
 */
int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry);

#endif
