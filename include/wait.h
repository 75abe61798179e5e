/*
 * Wait queues, sleeping with a timeout, and the kernel's sleeping mutex
 * and counting semaphore (sched/wait.c). Every blocking operation in the
 * kernel sleeps on one of these; none spins waiting for another task.
 */
#ifndef WAIT_H
#define WAIT_H

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "percpu.h"
#include "spinlock.h"

struct task;

struct wait_queue_entry {
	struct task *task;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;          /* FIFO: the oldest waiter first */
};

void init_waitqueue_head(struct wait_queue_head *wq);
/* A wait entry for the current task, not on any queue yet. */
#define DEFINE_WAIT(name)                                                   \
	struct wait_queue_entry name = { current, LIST_HEAD_INIT((name).entry) }
#define WAIT_QUEUE_HEAD_INIT(name) { SPINLOCK_INIT, LIST_HEAD_INIT((name).head) }

/* Wake the first waiter / every waiter. */
void wake_up(struct wait_queue_head *wq);
void wake_up_all(struct wait_queue_head *wq);

/* The pieces of wait_event, for callers that need the lock in between:
 * queue current and mark it sleeping, then re-check, then schedule(). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);

/*
 * Sleep until cond is true. cond is checked after queueing and marking the
 * task asleep, so a wake_up between the check and schedule() is not lost.
 */
#define wait_event(wq, cond)                                                \
	do {                                                                \
		DEFINE_WAIT(wait_);                                         \
		for (;;) {                                                  \
			prepare_to_wait(&(wq), &wait_);                     \
			if (cond)                                           \
				break;                                      \
			schedule();                                         \
		}                                                           \
		finish_wait(&(wq), &wait_);                                 \
	} while (0)

/*
 * A system call's return when a signal interrupted it (Linux's
 * include/linux/errno.h; kernel/signal.c turns them into EINTR or a
 * restart, so user space never sees them). A plain -EINTR is never
 * restarted (semop, as Linux).
 *   ERESTARTSYS            restart unless a handler without SA_RESTART runs
 *   ERESTARTNOHAND         restart only if no handler runs (pause, msgrcv)
 *   ERESTART_RESTARTBLOCK  as ERESTARTNOHAND, but the call restarts as
 *                          restart_syscall, which runs current's
 *                          restart_block (nanosleep: the time left)
 */
#define ERESTARTSYS           512
#define ERESTARTNOHAND        514
#define ERESTART_RESTARTBLOCK 516

/* Whether current has a signal to act on (kernel/signal.c). */
bool signal_pending_current(void);
void prepare_to_wait_interruptible(struct wait_queue_head *wq, struct wait_queue_entry *wait);

/*
 * As wait_event, but a signal ends the sleep: 0 when cond came true,
 * -ERESTARTSYS when a signal arrived first (the system call then fails
 * with EINTR, or restarts under SA_RESTART - kernel/signal.c decides).
 */
#define wait_event_interruptible(wq, cond)                                  \
	({                                                                  \
		DEFINE_WAIT(wait_);                                         \
		int ret_ = 0;                                               \
		for (;;) {                                                  \
			prepare_to_wait_interruptible(&(wq), &wait_);       \
			if (cond)                                           \
				break;                                      \
			if (signal_pending_current()) {                     \
				ret_ = -ERESTARTSYS;                        \
				break;                                      \
			}                                                   \
			schedule();                                         \
		}                                                           \
		finish_wait(&(wq), &wait_);                                 \
		ret_;                                                       \
	})

/* Sleep for at least ticks timer ticks (HZ per second). */
void sleep_ticks(uint64_t ticks);
/*
 * Sleep in the state the caller has set (prepare_to_wait_interruptible...)
 * until woken or ticks (>= 0) pass; returns the ticks left, 0 if the time
 * ran out. MAX_SCHEDULE_TIMEOUT sleeps without a limit and is returned as
 * is (Linux's schedule_timeout).
 */
#define MAX_SCHEDULE_TIMEOUT INT64_MAX
long schedule_timeout(long ticks);
/* Called each tick: wakes the timed sleepers that are due. */
void wake_timed_sleepers(uint64_t now_ticks);

/* A sleeping mutex: one owner; waiters sleep in FIFO order. */
struct mutex {
	struct task *owner;
	struct wait_queue_head wait;
};
void mutex_init(struct mutex *mutex);
void mutex_lock(struct mutex *mutex);
void mutex_unlock(struct mutex *mutex);

/* A counting semaphore. */
struct semaphore {
	long count;
	struct wait_queue_head wait;
};
void sema_init(struct semaphore *sem, long count);
void down(struct semaphore *sem);
void up(struct semaphore *sem);

#endif
