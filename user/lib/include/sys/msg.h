/* System V message queues, Linux x86-64 layout (struct msqid64_ds). */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>

/* msgrcv flags. */
#define MSG_NOERROR 010000
#define MSG_EXCEPT  020000

/* Linux's extra msgctl commands. */
#define MSG_STAT 11
#define MSG_INFO 12

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime;
	time_t msg_rtime;
	time_t msg_ctime;
	unsigned long __msg_cbytes;	/* bytes now in the queue */
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	pid_t msg_lspid;
	pid_t msg_lrpid;
	unsigned long __unused4;
	unsigned long __unused5;
};

int msgget(key_t key, int flags);
int msgsnd(int msqid, const void *msgp, size_t size, int flags);
ssize_t msgrcv(int msqid, void *msgp, size_t size, long type, int flags);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

#endif
