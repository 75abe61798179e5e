/* System V message queues, Linux x86-64 layout (struct msqid64_ds). */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>

/* msgrcv flags. */
#define MSG_NOERROR 010000
#define MSG_EXCEPT  020000
#define MSG_COPY    040000	/* Linux: a copy of the n-th message */

/* Linux's extra msgctl commands. */
#define MSG_STAT     11
#define MSG_INFO     12
#define MSG_STAT_ANY 13

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

/* glibc's name for msg_cbytes; musl has both. */
#define __msg_cbytes msg_cbytes

/* msgctl(IPC_INFO) and msgctl(MSG_INFO). */
struct msginfo {
	int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	unsigned short msgseg;
};

/* The layout msgsnd and msgrcv use. Programs usually declare their own
 * under this very name, so like glibc and musl only _GNU_SOURCE gets it. */
#ifdef _GNU_SOURCE
struct msgbuf {
	long mtype;
	char mtext[1];
};
#endif

int msgget(key_t key, int flags);
int msgsnd(int msqid, const void *msgp, size_t size, int flags);
ssize_t msgrcv(int msqid, void *msgp, size_t size, long type, int flags);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

#endif
