/* System V IPC common definitions, Linux x86-64 layout. */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

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

#define IPC_PRIVATE ((key_t)0)

/* The flags of the *get calls (with the permission bits) and of the
 * operations. */
#define IPC_CREAT  01000
#define IPC_EXCL   02000
#define IPC_NOWAIT 04000

/* The *ctl commands. */
#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2
#define IPC_INFO 3

/* A key derived from an existing file's inode and a project id. */
key_t ftok(const char *path, int proj_id);

#endif
