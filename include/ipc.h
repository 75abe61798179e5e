/*
 * System V IPC (ipc/): shared memory (shm.c), semaphores (sem.c) and
 * message queues (msg.c) over one registry of ids, keys and permissions
 * (util.c). docs/ipc.md describes the semantics; they are Linux's.
 *
 * Each kind keeps its objects in a struct ipc_ids. An object starts with
 * a struct kern_ipc_perm: its key, owner, creator, mode and id. The id
 * is slot + seq * IPC_SEQ_MULTIPLIER: the slot finds the object, and seq,
 * which changes when a slot is used again, makes a stale id fail.
 *
 * Locking: one mutex per kind (ids->mutex) guards its registry and every
 * object of that kind. A call that blocks (semop, msgsnd, msgrcv) queues
 * a struct ipc_waiter on the object and sleeps with the mutex released;
 * whoever changes the object wakes it with a status, under the mutex.
 */
#ifndef IPC_H
#define IPC_H

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "wait.h"

struct task;

/* Linux's IPCMNI: slots per kind, and the multiplier of seq in an id. */
#define IPC_SEQ_MULTIPLIER 32768
/* seq wraps below this, so an id stays a positive int. */
#define IPC_SEQ_MAX        (0x7fffffff / IPC_SEQ_MULTIPLIER)
/* Slots are handed out cyclically within the first max(in_use * 3 / 2,
 * IPC_MIN_CYCLE), as Linux does: a freed slot is not reused at once. */
#define IPC_MIN_CYCLE      64

struct kern_ipc_perm {
	int id;
	int key;                        /* IPC_PRIVATE once removed */
	uint32_t uid, gid;              /* owner: IPC_SET may change it */
	uint32_t cuid, cgid;            /* creator */
	unsigned mode;                  /* 0777, and SHM_DEST, SHM_LOCKED */
	unsigned short seq;
};

struct ipc_ids {
	struct mutex mutex;
	int mni;                        /* the most objects at once */
	int in_use;
	int max_idx;                    /* highest slot in use, -1: none */
	int last_idx;                   /* the slot handed out last */
	unsigned short seq;             /* of the next object */
	int size;                       /* of entries, grown on demand and
					 * freed when the last object goes */
	struct kern_ipc_perm **entries;
};

#define IPC_IDS_INIT(name, max_objects) {                                   \
		.mutex = { NULL, WAIT_QUEUE_HEAD_INIT((name).mutex.wait) },  \
		.mni = (max_objects), .max_idx = -1, .last_idx = -1 }

/* What ipcget needs from a kind: make a new object (its id or -errno),
 * and check an existing one against the call's argument (0 or -errno). */
struct ipc_ops {
	int (*getnew)(int key, int flg, unsigned long arg);
	int (*more_checks)(struct kern_ipc_perm *perm, unsigned long arg);
};

/* The *get calls: find or create the object for key. Takes the mutex. */
int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, int key, int flg,
	   unsigned long arg);

/* The rest is called with ids->mutex held. */

/* Give perm a slot and an id, current as owner and creator, flg's
 * permission bits; the id or -ENOSPC, -ENOMEM. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int key, int flg);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm);
/* The object with this id, or NULL (a bad or stale id: EINVAL). */
struct kern_ipc_perm *ipc_obtain_check(struct ipc_ids *ids, int id);
/* The object in this slot (the *_STAT commands), or NULL. */
struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx);
/* What the *_INFO commands return: the highest slot in use, or 0. */
int ipc_get_maxidx(const struct ipc_ids *ids);

/* May current have the access flg's rwx bits ask for (0)? -EACCES if not. */
int ipcperms(const struct kern_ipc_perm *perm, int flg);
/* IPC_SET and IPC_RMID: the owner, the creator or root (0), else -EPERM. */
int ipc_check_owner(const struct kern_ipc_perm *perm);

struct ipc64_perm;
void kernel_to_ipc64_perm(const struct kern_ipc_perm *in, struct ipc64_perm *out);
/* IPC_SET: the new owner and permission bits; -EINVAL for an invalid id. */
int ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out);
/* The *ctl command without the IPC_64 bit (0x100) 32-bit libcs add. */
int ipc_parse_cmd(int cmd);
/* Wall-clock seconds for the *_time fields. */
int64_t ipc_seconds(void);

/*
 * A task blocked in an IPC call: queued (list) on the object it waits
 * for, with status IPC_PENDING until a waker takes it off with
 * ipc_wake(). ipc_wait() sleeps until then, a signal (-EINTR: Linux
 * never restarts semop; msg.c asks for its own rule) or the
 * timeout in ticks (-EAGAIN; MAX_SCHEDULE_TIMEOUT: none), and returns
 * the status. A status other than IPC_PENDING means the waiter is off
 * the list: the object may be gone, and the waiter must not touch it.
 */
#define IPC_PENDING 1
struct ipc_waiter {
	struct list_head list;
	struct wait_queue_head wait;
	int status;
};
void ipc_waiter_init(struct ipc_waiter *waiter);
int ipc_wait(struct ipc_ids *ids, struct ipc_waiter *waiter, long timeout);
void ipc_wake(struct ipc_waiter *waiter, int status);

/* Exit (kernel/process.c): apply and free task's SEM_UNDO adjustments. */
void exit_sem(struct task *task);

#endif
