/* System V message queues: the constants, struct msginfo and (with
 * _GNU_SOURCE) struct msgbuf are the kernel's (uapi/ipc.h); struct
 * msqid_ds is its msqid64_ds under POSIX's names. */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime;
	time_t msg_rtime;
	time_t msg_ctime;
	unsigned long msg_cbytes;	/* bytes now in the queue */
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	pid_t msg_lspid;
	pid_t msg_lrpid;
	unsigned long __unused4;
	unsigned long __unused5;
};
_Static_assert(sizeof(struct msqid_ds) == sizeof(struct msqid64_ds), "msqid_ds");

/* glibc's name for msg_cbytes; musl has both. */
#define __msg_cbytes msg_cbytes

int msgget(key_t key, int flags);
int msgsnd(int msqid, const void *msgp, size_t size, int flags);
ssize_t msgrcv(int msqid, void *msgp, size_t size, long type, int flags);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

#endif
