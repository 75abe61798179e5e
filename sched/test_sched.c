/*
 * The scheduler under load. Shares are measured in CPU time the scheduler
 * itself accounted (sum_exec_runtime), never in wall-clock time.
 */
#include "ktest.h"
#include "sched.h"
#include "timer.h"

#define MAX_BUSY 4

static volatile bool stop_busy;
static uint64_t busy_runtime[MAX_BUSY];

static int busy_thread(void *arg)
{
	unsigned slot = (unsigned)(uintptr_t)arg;

	while (!__atomic_load_n(&stop_busy, __ATOMIC_ACQUIRE))
		cpu_relax();
	busy_runtime[slot] = current->se.sum_exec_runtime;
	return 0;
}

/* Run one busy thread per nice value for `ticks` timer ticks while this
 * task sleeps; fills busy_runtime. */
static void run_busy(const int *nices, unsigned count, uint64_t ticks)
{
	struct task *threads[MAX_BUSY];

	stop_busy = false;
	for (unsigned i = 0; i < count; i++) {
		threads[i] = kthread_create(busy_thread, (void *)(uintptr_t)i, "busy");
		KASSERT_TRUE(threads[i] != NULL);
		set_user_nice(threads[i], nices[i]);
	}
	sleep_ticks(ticks);
	__atomic_store_n(&stop_busy, true, __ATOMIC_RELEASE);
	for (unsigned i = 0; i < count; i++)
		kthread_join(threads[i]);
}

KTEST(sched, four_equal_threads_share_fairly)
{
	static const int nices[4] = { 0, 0, 0, 0 };
	uint64_t total = 0;

	run_busy(nices, 4, 300);
	for (unsigned i = 0; i < 4; i++)
		total += busy_runtime[i];
	KASSERT_TRUE(total > 0);
	for (unsigned i = 0; i < 4; i++) {
		uint64_t percent_x10 = busy_runtime[i] * 1000 / total;

		ktest_log("thread %u: %lu.%lu%% of %lu us", i,
			  (unsigned long)percent_x10 / 10, (unsigned long)percent_x10 % 10,
			  (unsigned long)(total / 1000));
		KEXPECT_GE(percent_x10, 200);   /* 25% +/- 5% */
		KEXPECT_LE(percent_x10, 300);
	}
}

/* The two threads' CPU-time ratio is the ratio of their weights +/- 10%. */
static void expect_weight_ratio(int nice_a, int nice_b)
{
	const int nices[2] = { nice_a, nice_b };

	run_busy(nices, 2, 300);
	KASSERT_TRUE(busy_runtime[1] > 0);
	uint64_t want = nice_to_weight(nice_a) * 1000 / nice_to_weight(nice_b);
	uint64_t got = busy_runtime[0] * 1000 / busy_runtime[1];

	ktest_log("nice %d : nice %d CPU time ratio %lu.%03lu, weights say %lu.%03lu",
		  nice_a, nice_b, (unsigned long)got / 1000, (unsigned long)got % 1000,
		  (unsigned long)want / 1000, (unsigned long)want % 1000);
	KEXPECT_GE(got * 10, want * 9);
	KEXPECT_LE(got * 10, want * 11);
}

KTEST(sched, nice_0_vs_nice_5_by_weight)
{
	expect_weight_ratio(0, 5);      /* 1024 : 335 */
}

KTEST(sched, nice_minus_5_vs_nice_0_by_weight)
{
	expect_weight_ratio(-5, 0);     /* 3121 : 1024 */
}

/*
 * Wakeup preemption: a busy thread, competing with another, wakes a sleeper
 * right after it was picked to run; the sleeper, placed half a latency
 * behind, must get the CPU at once rather than when the waker's slice
 * (2 ms with three runnable threads) runs out.
 */
static struct wait_queue_head wakeup_wq;
static volatile bool wakeup_flag;
static struct task *waker;
static uint64_t waker_slice_when_woken_ran;

static int sleeper_thread(void *arg)
{
	(void)arg;
	wait_event(wakeup_wq, wakeup_flag);
	waker_slice_when_woken_ran =
		waker->se.sum_exec_runtime - waker->se.prev_sum_exec_runtime;
	return 0;
}

static int waker_thread(void *arg)
{
	struct sched_entity *se = &current->se;

	(void)arg;
	/* Wait to be picked afresh (prev_sum_exec_runtime is set at each pick). */
	uint64_t picked = se->prev_sum_exec_runtime;
	while (__atomic_load_n(&se->prev_sum_exec_runtime, __ATOMIC_ACQUIRE) == picked)
		cpu_relax();
	wakeup_flag = true;
	wake_up(&wakeup_wq);
	/* Stay busy: only preemption lets the sleeper in before the slice ends. */
	uint64_t until = se->sum_exec_runtime + 20 * NSEC_PER_MSEC;
	while (__atomic_load_n(&se->sum_exec_runtime, __ATOMIC_ACQUIRE) < until)
		cpu_relax();
	return 0;
}

KTEST(sched, woken_thread_preempts_busy_one)
{
	init_waitqueue_head(&wakeup_wq);
	wakeup_flag = false;
	stop_busy = false;
	struct task *sleeper = kthread_create(sleeper_thread, NULL, "sleeper");
	struct task *competitor = kthread_create(busy_thread, (void *)0, "busy");
	KASSERT_TRUE(sleeper && competitor);
	sleep_ticks(2);                 /* the sleeper is asleep by now */
	waker = kthread_create(waker_thread, NULL, "waker");
	KASSERT_TRUE(waker != NULL);
	kthread_join(sleeper);
	uint64_t slice_when_ran = waker_slice_when_woken_ran;
	kthread_join(waker);
	__atomic_store_n(&stop_busy, true, __ATOMIC_RELEASE);
	kthread_join(competitor);

	ktest_log("the waker had run %lu us of its slice when the sleeper ran",
		  (unsigned long)slice_when_ran / 1000);
	KEXPECT_LT(slice_when_ran, SCHED_MIN_GRANULARITY_NS);
}

static int exit_with_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}

KTEST(sched, thousand_threads_created_run_and_joined)
{
	struct task *batch[50];
	unsigned long before = nr_tasks();

	for (unsigned round = 0; round < 1000 / 50; round++) {
		for (unsigned i = 0; i < 50; i++) {
			batch[i] = kthread_create(exit_with_arg, (void *)(uintptr_t)(round * 50 + i), "short");
			KASSERT_TRUE(batch[i] != NULL);
		}
		for (unsigned i = 0; i < 50; i++)
			KEXPECT_EQ(kthread_join(batch[i]), (int)(round * 50 + i));
	}
	KEXPECT_EQ(nr_tasks(), before);
}

/* A bounded buffer between two threads over two wait queues. */
#define ITEMS 100000
#define RING 64

static struct {
	spinlock_t lock;
	struct wait_queue_head not_full, not_empty;
	unsigned head, tail;
	uint32_t slots[RING];
} ring;
static uint64_t consumed_sum, consumed_count, out_of_order;

static int producer(void *arg)
{
	(void)arg;
	for (uint32_t item = 1; item <= ITEMS; item++) {
		wait_event(ring.not_full, ring.head - ring.tail < RING);
		bool flags = spin_lock_irqsave(&ring.lock);
		ring.slots[ring.head++ % RING] = item;
		spin_unlock_irqrestore(&ring.lock, flags);
		wake_up(&ring.not_empty);
	}
	return 0;
}

static int consumer(void *arg)
{
	uint32_t expected = 1;

	(void)arg;
	while (consumed_count < ITEMS) {
		wait_event(ring.not_empty, ring.head != ring.tail);
		bool flags = spin_lock_irqsave(&ring.lock);
		uint32_t item = ring.slots[ring.tail++ % RING];
		spin_unlock_irqrestore(&ring.lock, flags);
		wake_up(&ring.not_full);
		if (item != expected++)
			out_of_order++;
		consumed_sum += item;
		consumed_count++;
	}
	return 0;
}

KTEST(sched, producer_consumer_over_wait_queues)
{
	spin_lock_init(&ring.lock);
	init_waitqueue_head(&ring.not_full);
	init_waitqueue_head(&ring.not_empty);
	ring.head = ring.tail = 0;
	consumed_sum = consumed_count = out_of_order = 0;

	struct task *c = kthread_create(consumer, NULL, "consumer");
	struct task *p = kthread_create(producer, NULL, "producer");
	KASSERT_TRUE(c && p);
	kthread_join(p);
	kthread_join(c);
	KEXPECT_EQ(consumed_count, ITEMS);
	KEXPECT_EQ(consumed_sum, (uint64_t)ITEMS * (ITEMS + 1) / 2);
	KEXPECT_EQ(out_of_order, 0);
}

/* The sleeping mutex: exclusion, and ownership handed over in FIFO order. */
static struct mutex test_mutex;
static int mutex_order[3], mutex_order_len;
static volatile int inside;

static int mutex_thread(void *arg)
{
	mutex_lock(&test_mutex);
	KEXPECT_EQ(inside, 0);
	inside = 1;
	mutex_order[mutex_order_len++] = (int)(uintptr_t)arg;
	sleep_ticks(1);                 /* hold it across a sleep */
	inside = 0;
	mutex_unlock(&test_mutex);
	return 0;
}

KTEST(sched, mutex_excludes_and_hands_over_in_order)
{
	struct task *threads[3];

	mutex_init(&test_mutex);
	mutex_order_len = 0;
	mutex_lock(&test_mutex);
	for (int i = 0; i < 3; i++) {
		threads[i] = kthread_create(mutex_thread, (void *)(uintptr_t)i, "mutex");
		KASSERT_TRUE(threads[i] != NULL);
		sleep_ticks(2);         /* each queues up before the next starts */
	}
	mutex_unlock(&test_mutex);
	for (int i = 0; i < 3; i++)
		kthread_join(threads[i]);
	KEXPECT_EQ(mutex_order_len, 3);
	for (int i = 0; i < 3; i++)
		KEXPECT_EQ(mutex_order[i], i);
}

/* The counting semaphore: at most `count` holders at once. */
static struct semaphore test_sem;
static volatile int holders, max_holders;

static int sem_thread(void *arg)
{
	(void)arg;
	for (int round = 0; round < 20; round++) {
		down(&test_sem);
		int now = __atomic_add_fetch(&holders, 1, __ATOMIC_SEQ_CST);
		if (now > max_holders)
			max_holders = now;
		yield();
		__atomic_sub_fetch(&holders, 1, __ATOMIC_SEQ_CST);
		up(&test_sem);
	}
	return 0;
}

KTEST(sched, semaphore_limits_holders)
{
	struct task *threads[6];

	sema_init(&test_sem, 2);
	holders = max_holders = 0;
	for (int i = 0; i < 6; i++) {
		threads[i] = kthread_create(sem_thread, NULL, "sem");
		KASSERT_TRUE(threads[i] != NULL);
	}
	for (int i = 0; i < 6; i++)
		kthread_join(threads[i]);
	KEXPECT_EQ(max_holders, 2);
	KEXPECT_EQ(test_sem.count, 2);
}
