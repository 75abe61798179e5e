/* System V IPC common definitions: the constants and the Linux x86-64
 * layouts are the kernel's (uapi/ipc.h); these are POSIX's names. */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>
#include "uapi/ipc.h"

/* The kernel's struct ipc64_perm. */
struct ipc_perm {
	key_t __key;
	uid_t uid;
	gid_t gid;
	uid_t cuid;
	gid_t cgid;
	mode_t mode;		/* 32 bits on x86-64 */
	int __seq;		/* the kernel's 16-bit seq and 16 zero bits */
	unsigned long __unused1;
	unsigned long __unused2;
};
_Static_assert(sizeof(struct ipc_perm) == sizeof(struct ipc64_perm), "ipc_perm");

/* A key derived from an existing file's inode and a project id. */
key_t ftok(const char *path, int proj_id);

#endif
