/*
 * Wait queues, timed sleeps, the sleeping mutex and the counting
 * semaphore (include/wait.h). A sleeper queues itself, marks itself
 * asleep, re-checks its condition and only then calls schedule(), so a
 * wake-up that comes in between makes it runnable again instead of
 * being lost (wake_up_process handles a task that is still queued).
 */
#include "wait.h"
#include "panic.h"
#include "sched.h"
#include "timer.h"

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

static void queue_and_sleep(struct wait_queue_head *wq, struct wait_queue_entry *wait,
			    enum task_state state)
{
	bool flags = spin_lock_irqsave(&wq->lock);

	/* wait_event calls this on every pass: queue only once (a wake-up
	 * takes the entry off the queue). */
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	queue_and_sleep(wq, wait, TASK_UNINTERRUPTIBLE);
}

void prepare_to_wait_interruptible(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	queue_and_sleep(wq, wait, TASK_INTERRUPTIBLE);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	bool flags = spin_lock_irqsave(&wq->lock);

	current->state = TASK_RUNNING;
	if (!list_empty(&wait->entry))
		list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Wake up to nr waiters (0: all), oldest first. Woken entries leave the
 * queue, so a second wake_up goes to the next waiter. */
static void wake_up_nr(struct wait_queue_head *wq, unsigned nr)
{
	struct wait_queue_entry *wait, *next;
	bool flags = spin_lock_irqsave(&wq->lock);

	list_for_each_entry_safe(wait, next, &wq->head, entry) {
		list_del_init(&wait->entry);
		wake_up_process(wait->task);
		if (nr && --nr == 0)
			break;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	wake_up_nr(wq, 1);
}

void wake_up_all(struct wait_queue_head *wq)
{
	wake_up_nr(wq, 0);
}

/* Timed sleepers, sorted by the tick they are due. */
struct timed_sleeper {
	struct task *task;
	uint64_t due;
	struct list_head entry;
};

static LIST_HEAD(timed_sleepers);
static spinlock_t timed_lock = SPINLOCK_INIT;

/* Queue current to be woken at tick due and schedule. mark: set current
 * asleep (uninterruptibly) under the lock, so that the tick cannot come
 * in between; otherwise the caller has set its state already. */
static void timed_sleep(uint64_t due, bool mark)
{
	struct timed_sleeper sleeper = { .task = current, .due = due };
	struct timed_sleeper *pos;
	bool flags = spin_lock_irqsave(&timed_lock);

	list_for_each_entry(pos, &timed_sleepers, entry)
		if (pos->due > sleeper.due)
			break;
	list_add_tail(&sleeper.entry, &pos->entry);     /* before pos */
	if (mark)
		current->state = TASK_UNINTERRUPTIBLE;
	spin_unlock_irqrestore(&timed_lock, flags);

	schedule();

	/* Woken by the tick (off the list already) or by someone else. */
	flags = spin_lock_irqsave(&timed_lock);
	if (!list_empty(&sleeper.entry))
		list_del(&sleeper.entry);
	current->state = TASK_RUNNING;
	spin_unlock_irqrestore(&timed_lock, flags);
}

void sleep_ticks(uint64_t ticks)
{
	timed_sleep(jiffies + ticks, true);
}

long schedule_timeout(long ticks)
{
	if (ticks == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return ticks;
	}
	uint64_t due = jiffies + ticks;

	timed_sleep(due, false);
	return due > jiffies ? due - jiffies : 0;
}

void wake_timed_sleepers(uint64_t now_ticks)
{
	struct timed_sleeper *sleeper, *next;
	bool flags = spin_lock_irqsave(&timed_lock);

	list_for_each_entry_safe(sleeper, next, &timed_sleepers, entry) {
		if (sleeper->due > now_ticks)
			break;
		list_del_init(&sleeper->entry);
		wake_up_process(sleeper->task);
	}
	spin_unlock_irqrestore(&timed_lock, flags);
}

void mutex_init(struct mutex *mutex)
{
	mutex->owner = NULL;
	init_waitqueue_head(&mutex->wait);
}

/* Ownership passes in FIFO order: mutex_unlock hands the mutex to the
 * oldest waiter, which cannot be overtaken by a newcomer. */
void mutex_lock(struct mutex *mutex)
{
	DEFINE_WAIT(wait);
	bool flags = spin_lock_irqsave(&mutex->wait.lock);

	if (!mutex->owner) {
		mutex->owner = current;
		spin_unlock_irqrestore(&mutex->wait.lock, flags);
		return;
	}
	list_add_tail(&wait.entry, &mutex->wait.head);
	while (mutex->owner != current) {
		current->state = TASK_UNINTERRUPTIBLE;
		spin_unlock_irqrestore(&mutex->wait.lock, flags);
		schedule();
		flags = spin_lock_irqsave(&mutex->wait.lock);
	}
	current->state = TASK_RUNNING;
	spin_unlock_irqrestore(&mutex->wait.lock, flags);
}

void mutex_unlock(struct mutex *mutex)
{
	bool flags = spin_lock_irqsave(&mutex->wait.lock);

	BUG_ON(mutex->owner != current);
	mutex->owner = NULL;
	if (!list_empty(&mutex->wait.head)) {
		struct wait_queue_entry *next =
			list_first_entry(&mutex->wait.head, struct wait_queue_entry, entry);

		list_del_init(&next->entry);
		mutex->owner = next->task;
		wake_up_process(next->task);
	}
	spin_unlock_irqrestore(&mutex->wait.lock, flags);
}

void sema_init(struct semaphore *sem, long count)
{
	sem->count = count;
	init_waitqueue_head(&sem->wait);
}

/* Like the mutex, up() hands a unit straight to the oldest waiter. */
void down(struct semaphore *sem)
{
	DEFINE_WAIT(wait);
	bool flags = spin_lock_irqsave(&sem->wait.lock);

	if (sem->count > 0) {
		sem->count--;
		spin_unlock_irqrestore(&sem->wait.lock, flags);
		return;
	}
	list_add_tail(&wait.entry, &sem->wait.head);
	while (!list_empty(&wait.entry)) {
		current->state = TASK_UNINTERRUPTIBLE;
		spin_unlock_irqrestore(&sem->wait.lock, flags);
		schedule();
		flags = spin_lock_irqsave(&sem->wait.lock);
	}
	current->state = TASK_RUNNING;
	spin_unlock_irqrestore(&sem->wait.lock, flags);
}

void up(struct semaphore *sem)
{
	bool flags = spin_lock_irqsave(&sem->wait.lock);

	if (list_empty(&sem->wait.head)) {
		sem->count++;
	} else {
		struct wait_queue_entry *next =
			list_first_entry(&sem->wait.head, struct wait_queue_entry, entry);

		list_del_init(&next->entry);
		wake_up_process(next->task);
	}
	spin_unlock_irqrestore(&sem->wait.lock, flags);
}
