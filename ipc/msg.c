/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl (Linux
 * semantics; docs/ipc.md). A message is a kmalloc'ed struct msg_msg on
 * its queue's list, in the order sent.
 *
 * A msgsnd that finds a receiver waiting for its type hands the message
 * straight to it (Linux's pipelined send); otherwise it queues it, or
 * waits while the queue is full (msg_qbytes bytes, or as many messages).
 * A msgrcv that takes a message wakes the senders whose message now fits;
 * they try again, as a receiver woken by IPC_SET does.
 */
#include "ipc.h"
#include "lab.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

struct msg_msg {
	struct list_head list;
	long mtype;
	size_t size;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;
	int64_t stime, rtime, ctime;
	unsigned long cbytes, qnum, qbytes;
	int lspid, lrpid;
	struct list_head messages;
	struct list_head receivers;     /* struct msg_receiver, oldest first */
	struct list_head senders;       /* struct msg_sender, oldest first */
};

/* How msgrcv's type selects a message. */
enum search_mode {
	SEARCH_ANY,                     /* 0: the first */
	SEARCH_EQUAL,                   /* > 0: the first of that type */
	SEARCH_NOTEQUAL,                /* > 0 with MSG_EXCEPT */
	SEARCH_LESSEQUAL,               /* < 0: the lowest type <= |type| */
	SEARCH_NUMBER,                  /* MSG_COPY: the type'th, from 0 */
};

/*
 * A msgrcv asleep: a sender hands it a message (status 0, msg set), or
 * fails it with E2BIG; IPC_RMID gives -EIDRM; -EAGAIN has it look again.
 */
struct msg_receiver {
	struct ipc_waiter waiter;
	long type;
	enum search_mode mode;
	size_t maxsize;
	int pid;
	struct msg_msg *msg;
};

/* A msgsnd asleep on a full queue: status 0 has it try again. */
struct msg_sender {
	struct ipc_waiter waiter;
	size_t size;
};

static struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids, MSGMNI);
static unsigned long msg_hdrs, msg_bytes;       /* queued, in all queues */

/* Sleep as a sender or receiver. A signal makes msgsnd and msgrcv restart
 * only when no handler runs (Linux's -ERESTARTNOHAND), where semop fails
 * with EINTR whatever happens. */
static int msg_wait(struct ipc_waiter *waiter)
{
	int err = ipc_wait(&msg_ids, waiter, MAX_SCHEDULE_TIMEOUT);

	return err == -EINTR ? -ERESTARTNOHAND : err;
}

static struct msg_queue *msq_of(struct kern_ipc_perm *perm)
{
	return perm ? container_of(perm, struct msg_queue, perm) : NULL;
}

static int msg_newque(int key, int flg, unsigned long unused)
{
	(void)unused;
	struct msg_queue *msq = kzalloc(sizeof(*msq), 0);
	int id = msq ? ipc_addid(&msg_ids, &msq->perm, key, flg) : -ENOMEM;

	if (id < 0) {
		kfree(msq);
		return id;
	}
	msq->qbytes = MSGMNB;
	msq->ctime = ipc_seconds();
	INIT_LIST_HEAD(&msq->messages);
	INIT_LIST_HEAD(&msq->receivers);
	INIT_LIST_HEAD(&msq->senders);
	return id;
}

static const struct ipc_ops msg_ops = { .getnew = msg_newque };

SYSCALL_DEFINE2(msgget, int, key, int, msgflg)
{
	return ipcget(&msg_ids, &msg_ops, key, msgflg, 0);
}

static bool msg_fits(const struct msg_queue *msq, size_t size)
{
	return size + msq->cbytes <= msq->qbytes && msq->qnum + 1 <= msq->qbytes;
}

static bool msg_matches(long mtype, long type, enum search_mode mode)
{
	/* LAB(msgqueue) BEGIN: does a message of mtype match msgrcv's type under mode (equal, not equal, <=, any)? */
	switch (mode) {
	case SEARCH_EQUAL:
		return mtype == type;
	case SEARCH_NOTEQUAL:
		return mtype != type;
	case SEARCH_LESSEQUAL:
		return mtype <= type;
	default:
		return true;
	}
	/* LAB(msgqueue) STUB: (void)mtype; (void)type; (void)mode; return false; */
	/* LAB(msgqueue) END */
}

/* Wake the senders whose message now fits; the others sleep on. */
static void wake_senders(struct msg_queue *msq)
{
	struct msg_sender *s, *next;

	list_for_each_entry_safe(s, next, &msq->senders, waiter.list)
		if (msg_fits(msq, s->size))
			ipc_wake(&s->waiter, 0);
}

/*
 * Give msg to the oldest receiver waiting for its type: true if one took
 * it. One whose buffer is too small (without MSG_NOERROR) fails with
 * E2BIG instead, and the message goes on to the next.
 */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg)
{
	struct msg_receiver *r, *next;

	list_for_each_entry_safe(r, next, &msq->receivers, waiter.list) {
		if (!msg_matches(msg->mtype, r->type, r->mode))
			continue;
		if (msg->size > r->maxsize) {
			ipc_wake(&r->waiter, -E2BIG);
			continue;
		}
		r->msg = msg;
		msq->lrpid = r->pid;
		msq->rtime = ipc_seconds();
		ipc_wake(&r->waiter, 0);
		return true;
	}
	return false;
}

static long do_msgsnd(int msqid, long mtype, const char __user *mtext, size_t size, int msgflg)
{
	struct msg_msg *msg;
	long err = 0;

	if (size > MSGMAX || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = kmalloc(sizeof(*msg) + size, 0);
	if (!msg)
		return -ENOMEM;
	msg->mtype = mtype;
	msg->size = size;
	if (copy_from_user(msg->text, mtext, size)) {
		kfree(msg);
		return -EFAULT;
	}

	mutex_lock(&msg_ids.mutex);
	struct msg_queue *msq = msq_of(ipc_obtain_check(&msg_ids, msqid));
	if (!msq)
		err = -EINVAL;
	while (msq) {
		struct msg_sender s = { .size = size };

		if (ipcperms(&msq->perm, 0222)) {
			err = -EACCES;
			break;
		}
		if (msg_fits(msq, size))
			break;
		if (msgflg & IPC_NOWAIT) {
			err = -EAGAIN;
			break;
		}
		ipc_waiter_init(&s.waiter);
		list_add_tail(&s.waiter.list, &msq->senders);
		err = msg_wait(&s.waiter);
		if (err)
			break;                  /* -EIDRM, -ERESTARTNOHAND */
		/* Woken to try again; the queue may have gone since. */
		msq = msq_of(ipc_obtain_check(&msg_ids, msqid));
		if (!msq)
			err = -EIDRM;
	}
	if (!err) {
		msq->lspid = current->pid;
		msq->stime = ipc_seconds();
		/* LAB(msgqueue) BEGIN: hand msg to a waiting receiver, else append it to the queue and count it (qnum, cbytes, msg_hdrs, msg_bytes) */
		if (!pipelined_send(msq, msg)) {
			list_add_tail(&msg->list, &msq->messages);
			msq->qnum++;
			msq->cbytes += size;
			msg_hdrs++;
			msg_bytes += size;
		}
		msg = NULL;                     /* the queue's or a receiver's */
		/* LAB(msgqueue) STUB: (void)pipelined_send; lab_missing("msgqueue"); err = -ENOSYS; */
		/* LAB(msgqueue) END */
	}
	mutex_unlock(&msg_ids.mutex);
	kfree(msg);
	return err;
}

SYSCALL_DEFINE4(msgsnd, int, msqid, const struct msgbuf __user *, msgp, uint64_t, msgsz,
		int, msgflg)
{
	long mtype;

	if (get_user(mtype, &msgp->mtype))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, msgp->mtext, msgsz, msgflg);
}

static enum search_mode search_mode(long *type, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*type == 0)
		return SEARCH_ANY;
	if (*type < 0) {
		/* -LONG_MIN does not exist; every type is <= LONG_MAX. */
		*type = *type == INT64_MIN ? INT64_MAX : -*type;
		return SEARCH_LESSEQUAL;
	}
	return msgflg & MSG_EXCEPT ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

/* The message msgrcv takes; of the lowest type, the oldest. */
static struct msg_msg *find_msg(struct msg_queue *msq, long type, enum search_mode mode)
{
	/* LAB(msgqueue) BEGIN: the message msgrcv takes: the n-th for MSG_COPY, else the first match, or for <= the oldest of the lowest type */
	struct msg_msg *msg, *found = NULL;
	long n = 0;

	list_for_each_entry(msg, &msq->messages, list) {
		if (mode == SEARCH_NUMBER) {
			if (n++ == type)
				return msg;
		} else if (msg_matches(msg->mtype, type, mode)) {
			if (mode != SEARCH_LESSEQUAL)
				return msg;
			if (!found || msg->mtype < found->mtype)
				found = msg;
		}
	}
	return found;
	/* LAB(msgqueue) STUB: (void)msq; (void)type; (void)mode; return NULL; */
	/* LAB(msgqueue) END */
}

static void unlink_msg(struct msg_queue *msq, struct msg_msg *msg)
{
	list_del(&msg->list);
	msq->qnum--;
	msq->cbytes -= msg->size;
	msg_hdrs--;
	msg_bytes -= msg->size;
	msq->lrpid = current->pid;
	msq->rtime = ipc_seconds();
	wake_senders(msq);
}

/* With the mutex held: the message for this msgrcv, or -errno. */
static struct msg_msg *take_msg(int msqid, long type, enum search_mode mode, size_t size,
				int msgflg, long *err)
{
	struct msg_queue *msq = msq_of(ipc_obtain_check(&msg_ids, msqid));

	*err = msq ? 0 : -EINVAL;
	while (msq) {
		struct msg_receiver r = {
			.type = type, .mode = mode, .pid = current->pid,
			.maxsize = msgflg & MSG_NOERROR ? SIZE_MAX : size,
		};

		if (ipcperms(&msq->perm, 0444)) {
			*err = -EACCES;
			return NULL;
		}
		/* LAB(msgqueue) BEGIN: take the message find_msg picks (E2BIG if too long without MSG_NOERROR; MSG_COPY takes a copy) */
		struct msg_msg *msg = find_msg(msq, type, mode);
		if (msg && msg->size > size && !(msgflg & MSG_NOERROR)) {
			*err = -E2BIG;          /* it stays queued */
			return NULL;
		}
		if (msg && mode == SEARCH_NUMBER) {
			/* MSG_COPY leaves it queued. Linux cannot truncate
			 * a copy: MSG_NOERROR gets EINVAL there. */
			struct msg_msg *copy = msg->size > size ? NULL
						: kmalloc(sizeof(*msg) + msg->size, 0);

			*err = msg->size > size ? -EINVAL : copy ? 0 : -ENOMEM;
			if (copy)
				memcpy(copy, msg, sizeof(*msg) + msg->size);
			return copy;
		}
		if (msg) {
			unlink_msg(msq, msg);
			return msg;
		}
		/* LAB(msgqueue) STUB: (void)find_msg; (void)unlink_msg; lab_missing("msgqueue"); *err = -ENOSYS; return NULL; */
		/* LAB(msgqueue) END */
		if (msgflg & IPC_NOWAIT) {
			*err = -ENOMSG;
			return NULL;
		}
		ipc_waiter_init(&r.waiter);
		list_add_tail(&r.waiter.list, &msq->receivers);
		*err = msg_wait(&r.waiter);
		if (*err != -EAGAIN)
			return r.msg;           /* with 0, else NULL */
		/* Woken to look again (IPC_SET); the queue may have gone. */
		msq = msq_of(ipc_obtain_check(&msg_ids, msqid));
		*err = msq ? 0 : -EIDRM;
	}
	return NULL;
}

SYSCALL_DEFINE5(msgrcv, int, msqid, struct msgbuf __user *, msgp, uint64_t, msgsz,
		long, msgtyp, int, msgflg)
{
	long err;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	/* MSG_COPY peeks without waiting, at a position, not a type. */
	if ((msgflg & MSG_COPY) && ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT)))
		return -EINVAL;
	enum search_mode mode = search_mode(&msgtyp, msgflg);

	mutex_lock(&msg_ids.mutex);
	struct msg_msg *msg = take_msg(msqid, msgtyp, mode, msgsz, msgflg, &err);
	mutex_unlock(&msg_ids.mutex);
	if (!msg)
		return err;
	/* MSG_NOERROR: the rest of a longer message is lost. */
	size_t n = msg->size < msgsz ? msg->size : msgsz;
	if (put_user(msg->mtype, &msgp->mtype) || copy_to_user(msgp->mtext, msg->text, n))
		err = -EFAULT;
	kfree(msg);
	return err ? err : (long)n;
}

static void fill_msqid64(const struct msg_queue *msq, struct msqid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&msq->perm, &out->msg_perm);
	out->msg_stime = msq->stime;
	out->msg_rtime = msq->rtime;
	out->msg_ctime = msq->ctime;
	out->msg_cbytes = msq->cbytes;
	out->msg_qnum = msq->qnum;
	out->msg_qbytes = msq->qbytes;
	out->msg_lspid = msq->lspid;
	out->msg_lrpid = msq->lrpid;
}

/* IPC_STAT by id; MSG_STAT and MSG_STAT_ANY (no permission needed) by
 * slot, returning the id. */
static long msg_stat(int msqid, int cmd, struct msqid64_ds __user *buf)
{
	struct msqid64_ds out;
	long ret;

	mutex_lock(&msg_ids.mutex);
	struct msg_queue *msq = msq_of(cmd == IPC_STAT ? ipc_obtain_check(&msg_ids, msqid)
						       : ipc_obtain_idx(&msg_ids, msqid));
	if (!msq)
		ret = -EINVAL;
	else if (cmd != MSG_STAT_ANY && ipcperms(&msq->perm, 0444))
		ret = -EACCES;
	else {
		fill_msqid64(msq, &out);
		ret = cmd == IPC_STAT ? 0 : msq->perm.id;
	}
	mutex_unlock(&msg_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &out, sizeof(out)))
		return -EFAULT;
	return ret;
}

static long msg_info(int cmd, struct msginfo __user *buf)
{
	struct msginfo info = {
		.msgmni = MSGMNI, .msgmax = MSGMAX, .msgmnb = MSGMNB, .msgssz = MSGSSZ,
		.msgseg = MSGSEG, .msgpool = MSGPOOL, .msgmap = MSGMAP, .msgtql = MSGTQL,
	};

	mutex_lock(&msg_ids.mutex);
	long ret = ipc_get_maxidx(&msg_ids);
	/* MSG_INFO reports usage in three of the fields instead. */
	if (cmd == MSG_INFO) {
		info.msgpool = msg_ids.in_use;
		info.msgmap = msg_hdrs;
		info.msgtql = msg_bytes;
	}
	mutex_unlock(&msg_ids.mutex);
	return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : ret;
}

static void msg_free(struct msg_queue *msq)
{
	struct msg_receiver *r, *next_r;
	struct msg_sender *s, *next_s;
	struct msg_msg *msg, *next_msg;

	list_for_each_entry_safe(r, next_r, &msq->receivers, waiter.list)
		ipc_wake(&r->waiter, -EIDRM);
	list_for_each_entry_safe(s, next_s, &msq->senders, waiter.list)
		ipc_wake(&s->waiter, -EIDRM);
	list_for_each_entry_safe(msg, next_msg, &msq->messages, list) {
		msg_hdrs--;
		msg_bytes -= msg->size;
		kfree(msg);
	}
	ipc_rmid(&msg_ids, &msq->perm);
	kfree(msq);
}

/* IPC_SET and IPC_RMID: the owner's or root's. */
static long msg_control(int msqid, int cmd, const struct msqid64_ds *in)
{
	struct msg_receiver *r, *next;
	long ret;

	mutex_lock(&msg_ids.mutex);
	struct msg_queue *msq = msq_of(ipc_obtain_check(&msg_ids, msqid));
	ret = msq ? ipc_check_owner(&msq->perm) : -EINVAL;
	if (ret)
		goto out;
	if (cmd == IPC_RMID) {
		msg_free(msq);
		goto out;
	}
	/* Beyond the default limit only root (CAP_SYS_RESOURCE) may go. */
	if (in->msg_qbytes > MSGMNB && current->euid != 0) {
		ret = -EPERM;
		goto out;
	}
	ret = ipc_update_perm(&in->msg_perm, &msq->perm);
	if (ret)
		goto out;
	msq->qbytes = in->msg_qbytes;
	msq->ctime = ipc_seconds();
	/* Sleepers may have lost the permission, or senders gained room. */
	list_for_each_entry_safe(r, next, &msq->receivers, waiter.list)
		ipc_wake(&r->waiter, -EAGAIN);
	wake_senders(msq);
out:
	mutex_unlock(&msg_ids.mutex);
	return ret;
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, struct msqid64_ds __user *, buf)
{
	struct msqid64_ds in;

	cmd = ipc_parse_cmd(cmd);
	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msg_info(cmd, (struct msginfo __user *)buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msg_stat(msqid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&in, buf, sizeof(in)))
			return -EFAULT;
		return msg_control(msqid, cmd, &in);
	case IPC_RMID:
		return msg_control(msqid, cmd, NULL);
	default:
		return -EINVAL;
	}
}
