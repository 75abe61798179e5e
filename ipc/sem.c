/*
 * System V semaphores: semget, semop, semtimedop, semctl (Linux
 * semantics; docs/ipc.md).
 *
 * A semop applies its whole array of operations or none of them. One
 * that cannot go through now (a decrement below 0, a wait for zero on a
 * non-zero value) queues itself on the set's pending list and sleeps;
 * every change to the set then retries the pending operations oldest
 * first, and applies each one that fits on its sleeper's behalf before
 * waking it (Linux's update_queue), so a sleeper wakes with its result.
 *
 * SEM_UNDO keeps, per process and set, the negation of what the process
 * did (struct sem_undo, on task->sem_undo and on the set); exit_sem()
 * applies it when the process exits, however it exits.
 */
#include "ipc.h"
#include "lab.h"
#include "panic.h"
#include "clock.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "timer.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

struct sem {
	int semval;
	int sempid;                     /* of the last operation */
};

struct sem_array {
	struct kern_ipc_perm perm;
	int64_t otime, ctime;
	int nsems;
	struct list_head pending;       /* struct sem_queue, oldest first */
	struct list_head undos;         /* struct sem_undo of every process */
	struct sem sems[];
};

/* A semop asleep until its operations fit. */
struct sem_queue {
	struct ipc_waiter waiter;       /* on sma->pending */
	const struct sembuf *sops;
	unsigned nsops;
	struct sem_undo *undo;
	int pid;
	const struct sembuf *blocking;  /* the operation it waits on */
};

/* One process's adjustments for one set: applied at its exit. */
struct sem_undo {
	struct list_head set_link;      /* in sma->undos */
	struct sem_undo *next;          /* in task->sem_undo */
	struct task *task;
	struct sem_array *sma;
	short semadj[];                 /* -SEMAEM - 1 .. SEMAEM */
};

struct kernel_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

static struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids, SEMMNI);
static int sem_used;                    /* semaphores in all sets */

/* try_semop: the operations must wait. */
#define SEM_WOULD_BLOCK 1

static struct sem_array *sem_of(struct kern_ipc_perm *perm)
{
	return perm ? container_of(perm, struct sem_array, perm) : NULL;
}

static int sem_newary(int key, int flg, unsigned long nsems)
{
	if (!nsems)
		return -EINVAL;         /* only an existing set may be asked for 0 */
	if (sem_used + nsems > SEMMNS)
		return -ENOSPC;

	struct sem_array *sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), 0);
	int id = sma ? ipc_addid(&sem_ids, &sma->perm, key, flg) : -ENOMEM;

	if (id < 0) {
		kfree(sma);
		return id;
	}
	sma->nsems = nsems;
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->undos);
	sma->ctime = ipc_seconds();
	sem_used += nsems;
	return id;
}

static int sem_more_checks(struct kern_ipc_perm *perm, unsigned long nsems)
{
	return nsems > (unsigned long)sem_of(perm)->nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.getnew = sem_newary,
	.more_checks = sem_more_checks,
};

SYSCALL_DEFINE3(semget, int, key, int, nsems, int, semflg)
{
	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	return ipcget(&sem_ids, &sem_ops, key, semflg, nsems);
}

/*
 * Apply sops in order, each seeing the ones before (the same semaphore
 * may appear twice); on the first that cannot be applied, take back what
 * was done. 0, SEM_WOULD_BLOCK (*blocking says on which operation),
 * -EAGAIN when that operation has IPC_NOWAIT, or -ERANGE when a value or
 * an undo adjustment would leave its range.
 */
static int try_semop(struct sem_array *sma, const struct sembuf *sops, unsigned nsops,
		     struct sem_undo *un, int pid, const struct sembuf **blocking)
{
	unsigned i;
	int err;

	for (i = 0; i < nsops; i++) {
		const struct sembuf *sop = &sops[i];
		struct sem *sem = &sma->sems[sop->sem_num];
		int val = sem->semval + sop->sem_op;

		if ((sop->sem_op == 0 && sem->semval) || val < 0) {
			*blocking = sop;
			err = sop->sem_flg & IPC_NOWAIT ? -EAGAIN : SEM_WOULD_BLOCK;
			goto undo;
		}
		if (val > SEMVMX) {
			err = -ERANGE;
			goto undo;
		}
		/* LAB(sem-undo) BEGIN: with SEM_UNDO, record -sem_op in un->semadj (ERANGE past -SEMAEM - 1 .. SEMAEM) */
		if (sop->sem_flg & SEM_UNDO) {
			int adj = un->semadj[sop->sem_num] - sop->sem_op;

			if (adj < -SEMAEM - 1 || adj > SEMAEM) {
				err = -ERANGE;
				goto undo;
			}
			un->semadj[sop->sem_num] = adj;
		}
		/* LAB(sem-undo) STUB: if (sop->sem_flg & SEM_UNDO) { err = -ENOSYS; goto undo; } */
		/* LAB(sem-undo) END */
		sem->semval = val;
	}
	for (i = 0; i < nsops; i++)
		sma->sems[sops[i].sem_num].sempid = pid;
	sma->otime = ipc_seconds();
	return 0;
undo:
	while (i--) {
		sma->sems[sops[i].sem_num].semval -= sops[i].sem_op;
		if (sops[i].sem_flg & SEM_UNDO)
			un->semadj[sops[i].sem_num] += sops[i].sem_op;
	}
	return err;
}

/* After a change to the set: complete what now fits, oldest first. */
static void update_queue(struct sem_array *sma)
{
	struct sem_queue *q, *next;
restart:
	list_for_each_entry_safe(q, next, &sma->pending, waiter.list) {
		int err = try_semop(sma, q->sops, q->nsops, q->undo, q->pid, &q->blocking);

		if (err == SEM_WOULD_BLOCK)
			continue;
		ipc_wake(&q->waiter, err);
		/* Its change may let an older one through: from the top. */
		if (!err)
			goto restart;
	}
}

/* current's undo entry for sma, made on first use; NULL without memory. */
static struct sem_undo *find_alloc_undo(struct sem_array *sma)
{
	/* LAB(sem-undo) BEGIN: find current's sem_undo for sma, or make one (zeroed semadj) on both lists: the set's and the task's */
	struct sem_undo *un;

	for (un = current->sem_undo; un; un = un->next)
		if (un->sma == sma)
			return un;
	un = kzalloc(sizeof(*un) + sma->nsems * sizeof(un->semadj[0]), 0);
	if (!un)
		return NULL;
	un->task = current;
	un->sma = sma;
	list_add_tail(&un->set_link, &sma->undos);
	un->next = current->sem_undo;
	current->sem_undo = un;
	return un;
	/* LAB(sem-undo) STUB: (void)sma; lab_missing("sem-undo"); return NULL; */
	/* LAB(sem-undo) END */
}

static void free_undo(struct sem_undo *un)
{
	struct sem_undo **link = &un->task->sem_undo;

	while (*link != un)
		link = &(*link)->next;
	*link = un->next;
	list_del(&un->set_link);
	kfree(un);
}

/*
 * A timeout in whole ticks, rounded up, and one more: the sleep starts
 * somewhere inside the current tick, and must last at least as long as
 * asked (Linux's semtimedop sleeps on a high-resolution timer).
 */
static long timespec_to_ticks(const struct kernel_timespec *ts)
{
	const int64_t ns_per_tick = NSEC_PER_SEC / HZ;

	if (ts->tv_sec >= (MAX_SCHEDULE_TIMEOUT - HZ) / HZ - 1)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return ts->tv_sec * HZ + (ts->tv_nsec + ns_per_tick - 1) / ns_per_tick + 1;
}

static long do_semtimedop(int semid, const struct sembuf __user *tsops, unsigned nsops,
			  const struct kernel_timespec *timeout)
{
	long ticks = MAX_SCHEDULE_TIMEOUT;
	const struct sembuf *blocking = NULL;
	struct sem_undo *un = NULL;
	bool undos = false, alter = false;
	unsigned max = 0;
	long err;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > SEMOPM)
		return -E2BIG;
	struct sembuf *sops = kmalloc(nsops * sizeof(*sops), 0);
	if (!sops)
		return -ENOMEM;
	if (copy_from_user(sops, tsops, nsops * sizeof(*sops))) {
		err = -EFAULT;
		goto out_free;
	}
	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
		    timeout->tv_nsec >= (int64_t)NSEC_PER_SEC) {
			err = -EINVAL;
			goto out_free;
		}
		ticks = timespec_to_ticks(timeout);
	}
	for (unsigned i = 0; i < nsops; i++) {
		if (sops[i].sem_num > max)
			max = sops[i].sem_num;
		undos |= sops[i].sem_flg & SEM_UNDO;
		alter |= sops[i].sem_op != 0;
	}

	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(ipc_obtain_check(&sem_ids, semid));
	if (!sma)
		err = -EINVAL;
	else if (max >= (unsigned)sma->nsems)
		err = -EFBIG;
	else if (ipcperms(&sma->perm, alter ? 0222 : 0444))
		err = -EACCES;
	else if (undos && !(un = find_alloc_undo(sma)))
		err = -ENOMEM;
	else
		err = try_semop(sma, sops, nsops, un, current->pid, &blocking);

	if (err == 0 && alter) {
		update_queue(sma);
	} else if (err == SEM_WOULD_BLOCK) {
		struct sem_queue q = {
			.sops = sops, .nsops = nsops, .undo = un,
			.pid = current->pid, .blocking = blocking,
		};

		ipc_waiter_init(&q.waiter);
		list_add_tail(&q.waiter.list, &sma->pending);
		/* 0 or -ERANGE from the waker, -EIDRM from IPC_RMID; -EINTR,
		 * or -EAGAIN when the time ran out. */
		err = ipc_wait(&sem_ids, &q.waiter, ticks);
	}
	mutex_unlock(&sem_ids.mutex);
out_free:
	kfree(sops);
	return err;
}

SYSCALL_DEFINE3(semop, int, semid, const struct sembuf __user *, tsops, unsigned, nsops)
{
	return do_semtimedop(semid, tsops, nsops, NULL);
}

SYSCALL_DEFINE4(semtimedop, int, semid, const struct sembuf __user *, tsops,
		unsigned, nsops, const struct kernel_timespec __user *, timeout)
{
	struct kernel_timespec ts;

	if (!timeout)
		return do_semtimedop(semid, tsops, nsops, NULL);
	if (copy_from_user(&ts, timeout, sizeof(ts)))
		return -EFAULT;
	return do_semtimedop(semid, tsops, nsops, &ts);
}

/* GETNCNT and GETZCNT: sleepers whose blocking operation is a decrement
 * of / a wait for zero on semaphore semnum (Linux counts only that one). */
static int count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct sem_queue *q;
	int count = 0;

	list_for_each_entry(q, &sma->pending, waiter.list)
		if (q->blocking->sem_num == semnum &&
		    (zero ? q->blocking->sem_op == 0 : q->blocking->sem_op < 0))
			count++;
	return count;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT. */
static long sem_getone(int semid, int semnum, int cmd)
{
	long ret;

	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(ipc_obtain_check(&sem_ids, semid));
	if (!sma)
		ret = -EINVAL;
	else if (ipcperms(&sma->perm, 0444))
		ret = -EACCES;
	else if (semnum < 0 || semnum >= sma->nsems)
		ret = -EINVAL;
	else if (cmd == GETVAL)
		ret = sma->sems[semnum].semval;
	else if (cmd == GETPID)
		ret = sma->sems[semnum].sempid;
	else
		ret = count_waiters(sma, semnum, cmd == GETZCNT);
	mutex_unlock(&sem_ids.mutex);
	return ret;
}

/* SETVAL and SETALL set values outright: the adjustments every process
 * keeps for those semaphores no longer mean anything, and are cleared. */
static void clear_undos(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, set_link) {
		if (semnum >= 0)
			un->semadj[semnum] = 0;
		else
			memset(un->semadj, 0, sma->nsems * sizeof(un->semadj[0]));
	}
}

static long sem_setval(int semid, int semnum, int val)
{
	long ret = 0;

	if (val < 0 || val > SEMVMX)
		return -ERANGE;         /* before the id: Linux's order */
	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(ipc_obtain_check(&sem_ids, semid));
	if (!sma || semnum < 0 || semnum >= sma->nsems)
		ret = -EINVAL;
	else if (ipcperms(&sma->perm, 0222))
		ret = -EACCES;
	else {
		clear_undos(sma, semnum);
		sma->sems[semnum].semval = val;
		sma->sems[semnum].sempid = current->pid;
		sma->ctime = ipc_seconds();
		update_queue(sma);
	}
	mutex_unlock(&sem_ids.mutex);
	return ret;
}

/* GETALL and SETALL: every value, as an array of unsigned short. */
static long sem_all(int semid, int cmd, uint16_t __user *array)
{
	uint16_t *vals = NULL;
	long ret = 0;
	int nsems = 0;

	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(ipc_obtain_check(&sem_ids, semid));
	if (!sma) {
		ret = -EINVAL;
		goto out;
	}
	if (ipcperms(&sma->perm, cmd == SETALL ? 0222 : 0444)) {
		ret = -EACCES;
		goto out;
	}
	nsems = sma->nsems;
	vals = kmalloc(nsems * sizeof(*vals), 0);
	if (!vals) {
		ret = -ENOMEM;
		goto out;
	}
	if (cmd == GETALL) {
		for (int i = 0; i < nsems; i++)
			vals[i] = sma->sems[i].semval;
		goto out;
	}
	if (copy_from_user(vals, array, nsems * sizeof(*vals))) {
		ret = -EFAULT;
		goto out;
	}
	for (int i = 0; i < nsems; i++)
		if (vals[i] > SEMVMX)
			ret = -ERANGE;
	if (ret)
		goto out;
	clear_undos(sma, -1);
	for (int i = 0; i < nsems; i++) {
		sma->sems[i].semval = vals[i];
		sma->sems[i].sempid = current->pid;
	}
	sma->ctime = ipc_seconds();
	update_queue(sma);
out:
	mutex_unlock(&sem_ids.mutex);
	if (!ret && cmd == GETALL && copy_to_user(array, vals, nsems * sizeof(*vals)))
		ret = -EFAULT;
	kfree(vals);
	return ret;
}

/* IPC_STAT by id; SEM_STAT and SEM_STAT_ANY (no permission needed) by
 * slot, returning the id. */
static long sem_stat(int semid, int cmd, struct semid64_ds __user *buf)
{
	struct semid64_ds out;
	long ret;

	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(cmd == IPC_STAT ? ipc_obtain_check(&sem_ids, semid)
						       : ipc_obtain_idx(&sem_ids, semid));
	if (!sma) {
		ret = -EINVAL;
	} else if (cmd != SEM_STAT_ANY && ipcperms(&sma->perm, 0444)) {
		ret = -EACCES;
	} else {
		memset(&out, 0, sizeof(out));
		kernel_to_ipc64_perm(&sma->perm, &out.sem_perm);
		out.sem_otime = sma->otime;
		out.sem_ctime = sma->ctime;
		out.sem_nsems = sma->nsems;
		ret = cmd == IPC_STAT ? 0 : sma->perm.id;
	}
	mutex_unlock(&sem_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &out, sizeof(out)))
		return -EFAULT;
	return ret;
}

static long sem_info(int cmd, struct seminfo __user *buf)
{
	struct seminfo info = {
		.semmni = SEMMNI, .semmsl = SEMMSL, .semmns = SEMMNS, .semmnu = SEMMNU,
		.semmap = SEMMAP, .semopm = SEMOPM, .semume = SEMUME, .semvmx = SEMVMX,
		.semusz = SEMUSZ, .semaem = SEMAEM,
	};

	mutex_lock(&sem_ids.mutex);
	long ret = ipc_get_maxidx(&sem_ids);
	/* SEM_INFO reports usage in two of the fields instead. */
	if (cmd == SEM_INFO) {
		info.semusz = sem_ids.in_use;
		info.semaem = sem_used;
	}
	mutex_unlock(&sem_ids.mutex);
	return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : ret;
}

static void sem_free(struct sem_array *sma)
{
	struct sem_queue *q, *next_q;
	struct sem_undo *un, *next_un;

	list_for_each_entry_safe(q, next_q, &sma->pending, waiter.list)
		ipc_wake(&q->waiter, -EIDRM);
	list_for_each_entry_safe(un, next_un, &sma->undos, set_link)
		free_undo(un);
	ipc_rmid(&sem_ids, &sma->perm);
	sem_used -= sma->nsems;
	kfree(sma);
}

/* IPC_SET and IPC_RMID: the owner's or root's. */
static long sem_control(int semid, int cmd, const struct semid64_ds *in)
{
	long ret;

	mutex_lock(&sem_ids.mutex);
	struct sem_array *sma = sem_of(ipc_obtain_check(&sem_ids, semid));
	ret = sma ? ipc_check_owner(&sma->perm) : -EINVAL;
	if (!ret && cmd == IPC_RMID) {
		sem_free(sma);
	} else if (!ret) {
		ret = ipc_update_perm(&in->sem_perm, &sma->perm);
		if (!ret)
			sma->ctime = ipc_seconds();
	}
	mutex_unlock(&sem_ids.mutex);
	return ret;
}

/* arg is the caller's union semun, passed by value in a register: an
 * int for SETVAL, a pointer for the others that take one. */
SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	void __user *ptr = (void __user *)arg;
	struct semid64_ds in;

	cmd = ipc_parse_cmd(cmd);
	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return sem_info(cmd, ptr);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return sem_stat(semid, cmd, ptr);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
		return sem_getone(semid, semnum, cmd);
	case GETALL:
	case SETALL:
		return sem_all(semid, cmd, ptr);
	case SETVAL:
		return sem_setval(semid, semnum, (int)arg);
	case IPC_SET:
		if (copy_from_user(&in, ptr, sizeof(in)))
			return -EFAULT;
		return sem_control(semid, cmd, &in);
	case IPC_RMID:
		return sem_control(semid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

void exit_sem(struct task *task)
{
	if (!task->sem_undo)
		return;
	/* LAB(sem-undo) BEGIN: apply and free each of task's undo entries (clamping to 0..SEMVMX), then let the set's waiters retry */
	struct sem_undo *un;

	mutex_lock(&sem_ids.mutex);
	while ((un = task->sem_undo)) {
		struct sem_array *sma = un->sma;

		for (int i = 0; i < sma->nsems; i++) {
			struct sem *sem = &sma->sems[i];
			int val = sem->semval + un->semadj[i];

			if (!un->semadj[i])
				continue;
			/* The process is gone, so this cannot fail: Linux
			 * clamps the value to 0..SEMVMX instead. */
			sem->semval = val < 0 ? 0 : val > SEMVMX ? SEMVMX : val;
			sem->sempid = task->pid;
		}
		free_undo(un);
		update_queue(sma);
	}
	mutex_unlock(&sem_ids.mutex);
	/* LAB(sem-undo) END */
}
