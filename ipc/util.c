/*
 * What the three kinds of System V IPC object share (include/ipc.h):
 * the registry of ids, keys, the permission checks, the ipc64_perm a
 * *ctl call shows, and the queue blocked callers sleep on.
 *
 * Keys are found by a walk over the slots: a kind holds a handful of
 * objects in practice (Linux hashes them; the semantics are the same).
 */
#include "ipc.h"
#include "clock.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

_Static_assert(sizeof(struct ipc64_perm) == 48, "Linux x86-64 layout");
_Static_assert(sizeof(struct shmid64_ds) == 112, "Linux x86-64 layout");
_Static_assert(sizeof(struct semid64_ds) == 104, "Linux x86-64 layout");
_Static_assert(sizeof(struct msqid64_ds) == 120, "Linux x86-64 layout");
_Static_assert(sizeof(struct sembuf) == 6, "Linux x86-64 layout");

static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, int key)
{
	for (int idx = 0; idx <= ids->max_idx; idx++)
		if (ids->entries[idx] && ids->entries[idx]->key == key)
			return ids->entries[idx];
	return NULL;
}

int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, int key, int flg,
	   unsigned long arg)
{
	struct kern_ipc_perm *perm;
	int ret = 0;

	mutex_lock(&ids->mutex);
	/* IPC_PRIVATE always makes a new object, IPC_CREAT or not. */
	perm = key == IPC_PRIVATE ? NULL : ipc_findkey(ids, key);
	if (!perm)
		ret = key == IPC_PRIVATE || (flg & IPC_CREAT) ? ops->getnew(key, flg, arg)
							       : -ENOENT;
	else if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		ret = -EEXIST;
	/* Linux's order: the kind's own check (a size, a count), then the
	 * permission bits asked for. */
	else if (ops->more_checks && (ret = ops->more_checks(perm, arg)))
		;
	else if ((ret = ipcperms(perm, flg)) == 0)
		ret = perm->id;
	mutex_unlock(&ids->mutex);
	return ret;
}

/* A free slot, searched from the one after the last handed out. */
static int ipc_alloc_idx(struct ipc_ids *ids)
{
	int limit = ids->in_use * 3 / 2;

	if (limit < IPC_MIN_CYCLE)
		limit = IPC_MIN_CYCLE;
	if (limit > ids->mni)
		limit = ids->mni;
	for (int idx = ids->last_idx + 1; idx < limit; idx++)
		if (idx >= ids->size || !ids->entries[idx])
			return idx;
	for (int idx = 0; idx <= ids->last_idx && idx < limit; idx++)
		if (idx >= ids->size || !ids->entries[idx])
			return idx;
	return -ENOSPC;
}

static int ipc_grow(struct ipc_ids *ids, int idx)
{
	int size = ids->size ? ids->size : IPC_MIN_CYCLE;

	while (size <= idx)
		size *= 2;
	if (size > ids->mni)
		size = ids->mni;
	struct kern_ipc_perm **entries = kzalloc(size * sizeof(*entries), 0);
	if (!entries)
		return -ENOMEM;
	if (ids->entries)
		memcpy(entries, ids->entries, ids->size * sizeof(*entries));
	kfree(ids->entries);
	ids->entries = entries;
	ids->size = size;
	return 0;
}

int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int key, int flg)
{
	int idx = ipc_alloc_idx(ids);

	if (idx < 0)
		return idx;
	if (idx >= ids->size && ipc_grow(ids, idx))
		return -ENOMEM;
	/* Coming round to a slot at or below the last one starts a new
	 * sequence: the ids handed out before in this slot go stale. */
	if (idx <= ids->last_idx && ++ids->seq >= IPC_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	ids->entries[idx] = perm;
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;

	perm->key = key;
	perm->uid = perm->cuid = current->euid;
	perm->gid = perm->cgid = current->egid;
	perm->mode = flg & 0777;
	perm->seq = ids->seq;
	perm->id = perm->seq * IPC_SEQ_MULTIPLIER + idx;
	return perm->id;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	int idx = perm->id % IPC_SEQ_MULTIPLIER;

	ids->entries[idx] = NULL;
	ids->in_use--;
	while (ids->max_idx >= 0 && !ids->entries[ids->max_idx])
		ids->max_idx--;
	/* The last one gone: give the table back (the leak check after the
	 * tests counts it). */
	if (!ids->in_use) {
		kfree(ids->entries);
		ids->entries = NULL;
		ids->size = 0;
	}
}

struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx)
{
	return idx >= 0 && idx < ids->size ? ids->entries[idx] : NULL;
}

struct kern_ipc_perm *ipc_obtain_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *perm;

	if (id < 0)
		return NULL;
	perm = ipc_obtain_idx(ids, id % IPC_SEQ_MULTIPLIER);
	return perm && perm->id == id ? perm : NULL;
}

int ipc_get_maxidx(const struct ipc_ids *ids)
{
	return ids->max_idx < 0 ? 0 : ids->max_idx;
}

/*
 * The rwx bits flg asks for (in any of its three triples, as Linux reads
 * them) against the owner's, the group's or the others' bits of the
 * object, whichever class current falls in: the owner or creator, then
 * the owning or creating group. Root (CAP_IPC_OWNER) passes.
 */
int ipcperms(const struct kern_ipc_perm *perm, int flg)
{
	unsigned requested = (flg >> 6 | flg >> 3 | flg) & 7;
	unsigned granted = perm->mode;

	if (current->euid == perm->cuid || current->euid == perm->uid)
		granted >>= 6;
	else if (current->egid == perm->cgid || current->egid == perm->gid)
		granted >>= 3;
	if ((requested & ~granted & 7) && current->euid != 0)
		return -EACCES;
	return 0;
}

int ipc_check_owner(const struct kern_ipc_perm *perm)
{
	uint32_t euid = current->euid;

	return euid == 0 || euid == perm->uid || euid == perm->cuid ? 0 : -EPERM;
}

void kernel_to_ipc64_perm(const struct kern_ipc_perm *in, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = in->key;
	out->uid = in->uid;
	out->gid = in->gid;
	out->cuid = in->cuid;
	out->cgid = in->cgid;
	out->mode = in->mode;
	out->seq = in->seq;
}

/* (uid_t)-1 is no user (Linux's uid_valid), nor is (gid_t)-1 a group. */
int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out)
{
	if (in->uid == (uint32_t)-1 || in->gid == (uint32_t)-1)
		return -EINVAL;
	out->uid = in->uid;
	out->gid = in->gid;
	out->mode = (out->mode & ~0777u) | (in->mode & 0777);
	return 0;
}

int ipc_parse_cmd(int cmd)
{
	return cmd & ~IPC_64;
}

int64_t ipc_seconds(void)
{
	return clock_ns() / NSEC_PER_SEC;
}

void ipc_waiter_init(struct ipc_waiter *waiter)
{
	INIT_LIST_HEAD(&waiter->list);
	init_waitqueue_head(&waiter->wait);
	waiter->status = IPC_PENDING;
}

/*
 * One sleep with the mutex released. The waiter goes on its wait queue
 * before the mutex is let go, and wakers hold the mutex: a wake-up
 * cannot slip in between. 0 when woken (or the time left ran out on the
 * way: *timeout says so), -EINTR, or -EAGAIN when no time was left.
 */
static int ipc_sleep(struct ipc_ids *ids, struct ipc_waiter *waiter, long *timeout)
{
	DEFINE_WAIT(wait);
	int err = 0;

	prepare_to_wait_interruptible(&waiter->wait, &wait);
	if (signal_pending_current()) {
		err = -EINTR;
	} else if (*timeout == 0) {
		err = -EAGAIN;
	} else {
		mutex_unlock(&ids->mutex);
		*timeout = schedule_timeout(*timeout);
		mutex_lock(&ids->mutex);
	}
	finish_wait(&waiter->wait, &wait);
	return err;
}

int ipc_wait(struct ipc_ids *ids, struct ipc_waiter *waiter, long timeout)
{
	while (waiter->status == IPC_PENDING) {
		int err = ipc_sleep(ids, waiter, &timeout);

		/* Still queued, so the object is still there: leave it. */
		if (err && waiter->status == IPC_PENDING) {
			list_del_init(&waiter->list);
			waiter->status = err;
		}
	}
	return waiter->status;
}

void ipc_wake(struct ipc_waiter *waiter, int status)
{
	list_del_init(&waiter->list);
	waiter->status = status;
	wake_up(&waiter->wait);
}
