/*
 * System V IPC under load: 4 producer and 4 consumer processes pass
 * 100,000 distinct numbers through one message queue, and 100,000 more
 * through a shared-memory ring guarded by three semaphores (empty slots,
 * full slots, a mutex). Every number must arrive exactly once: each
 * consumer marks what it gets in a shared table, and the count and the
 * sum must match what was sent. Then the objects are removed, so the
 * kernel's leak check after the tests sees everything freed.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#define _GNU_SOURCE
#include "harness.h"
#include "ipc_helpers.h"

#define ITEMS     100000
#define PRODUCERS 4
#define CONSUMERS 4
#define RING      64
#define DONE      (-1L)         /* what tells a consumer to stop */

/* What the consumers found, in memory every process shares. */
struct tally {
	long count, sum;
	unsigned char seen[ITEMS];
};

static struct tally *new_tally(void)
{
	void *p = mmap(NULL, sizeof(struct tally), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void record(struct tally *t, long value)
{
	if (value >= 0 && value < ITEMS)
		__atomic_fetch_add(&t->seen[value], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&t->count, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&t->sum, value, __ATOMIC_RELAXED);
}

/* Every number once, and nothing else. */
static int check_tally(const struct tally *t)
{
	long missing = 0, repeated = 0;

	for (long v = 0; v < ITEMS; v++) {
		missing += t->seen[v] == 0;
		repeated += t->seen[v] > 1;
	}
	if (missing || repeated)
		printf("    # %ld missing, %ld more than once\n", missing, repeated);
	return !missing && !repeated && t->count == ITEMS &&
	       t->sum == (long)ITEMS * (ITEMS - 1) / 2;
}

/* fn(arg, id, t) in a child process. */
static pid_t start(int (*fn)(int, int, struct tally *), int arg, int id, struct tally *t)
{
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg, id, t));
	return pid;
}

/* Reap them all: how many did not exit with 0. */
static int reap_all(pid_t *pids, int n)
{
	int bad = 0;

	for (int i = 0; i < n; i++)
		bad += pids[i] < 0 || reap(pids[i]) != 0;
	return bad;
}

struct number_msg {
	long mtype;
	long value;
};

/* Producer p sends the numbers v with v % PRODUCERS == p. */
static int msg_producer(int p, int id, struct tally *t)
{
	(void)t;
	for (long v = p; v < ITEMS; v += PRODUCERS) {
		struct number_msg m = { 1, v };

		if (msgsnd(id, &m, sizeof(m.value), 0) < 0)
			return 1;
	}
	return 0;
}

static int msg_consumer(int c, int id, struct tally *t)
{
	(void)c;
	for (;;) {
		struct number_msg m;

		if (msgrcv(id, &m, sizeof(m.value), 0, 0) != sizeof(m.value))
			return 1;
		if (m.value == DONE)
			return 0;
		record(t, m.value);
	}
}

TEST(msg_queue_4_producers_4_consumers)
{
	struct tally *t = new_tally();
	int id = new_msg(IPC_PRIVATE, 0600);
	pid_t producers[PRODUCERS], consumers[CONSUMERS];
	ASSERT_TRUE(t != NULL);
	ASSERT_GE(id, 0);

	for (int i = 0; i < CONSUMERS; i++)
		consumers[i] = start(msg_consumer, i, id, t);
	for (int i = 0; i < PRODUCERS; i++)
		producers[i] = start(msg_producer, i, id, t);
	EXPECT_EQ(reap_all(producers, PRODUCERS), 0);
	/* Queued behind every number: one stop for each consumer. */
	for (int i = 0; i < CONSUMERS; i++) {
		struct number_msg m = { 1, DONE };

		EXPECT_EQ(msgsnd(id, &m, sizeof(m.value), 0), 0);
	}
	EXPECT_EQ(reap_all(consumers, CONSUMERS), 0);
	EXPECT_TRUE(check_tally(t));
	struct msqid_ds ds;
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(rm_msg(id), 0);
}

/* The ring: slots in a shared segment, and three semaphores. */
struct ring {
	unsigned head, tail;
	long slot[RING];
};

enum { EMPTY, FULL, MUTEX };

/* Take a free slot and the mutex in one semop; put, then release both. */
static int ring_put(int semid, struct ring *r, long value)
{
	struct sembuf take[2] = { { EMPTY, -1, 0 }, { MUTEX, -1, 0 } };
	struct sembuf give[2] = { { MUTEX, 1, 0 }, { FULL, 1, 0 } };

	if (semop(semid, take, 2) < 0)
		return -1;
	r->slot[r->head++ % RING] = value;
	return semop(semid, give, 2);
}

static int ring_get(int semid, struct ring *r, long *value)
{
	struct sembuf take[2] = { { FULL, -1, 0 }, { MUTEX, -1, 0 } };
	struct sembuf give[2] = { { MUTEX, 1, 0 }, { EMPTY, 1, 0 } };

	if (semop(semid, take, 2) < 0)
		return -1;
	*value = r->slot[r->tail++ % RING];
	return semop(semid, give, 2);
}

static int ring_semid;

static int ring_producer(int p, int shmid, struct tally *t)
{
	struct ring *r = shmat(shmid, NULL, 0);

	(void)t;
	if (r == (void *)-1)
		return 1;
	for (long v = p; v < ITEMS; v += PRODUCERS)
		if (ring_put(ring_semid, r, v) < 0)
			return 1;
	return 0;
}

static int ring_consumer(int c, int shmid, struct tally *t)
{
	struct ring *r = shmat(shmid, NULL, 0);
	long v;

	(void)c;
	if (r == (void *)-1)
		return 1;
	for (;;) {
		if (ring_get(ring_semid, r, &v) < 0)
			return 1;
		if (v == DONE)
			return 0;
		record(t, v);
	}
}

TEST(shm_ring_4_producers_4_consumers)
{
	struct tally *t = new_tally();
	int shmid = new_shm(IPC_PRIVATE, sizeof(struct ring), 0600);
	unsigned short init[3] = { RING, 0, 1 };
	union semun arg = { .array = init };
	pid_t producers[PRODUCERS], consumers[CONSUMERS];
	ASSERT_TRUE(t != NULL);
	ASSERT_GE(shmid, 0);
	ring_semid = new_sem(IPC_PRIVATE, 3, 0600);
	ASSERT_GE(ring_semid, 0);
	ASSERT_EQ(semctl(ring_semid, 0, SETALL, arg), 0);

	for (int i = 0; i < CONSUMERS; i++)
		consumers[i] = start(ring_consumer, i, shmid, t);
	for (int i = 0; i < PRODUCERS; i++)
		producers[i] = start(ring_producer, i, shmid, t);
	EXPECT_EQ(reap_all(producers, PRODUCERS), 0);
	struct ring *r = shmat(shmid, NULL, 0);
	ASSERT_TRUE(r != (void *)-1);
	for (int i = 0; i < CONSUMERS; i++)
		EXPECT_EQ(ring_put(ring_semid, r, DONE), 0);
	EXPECT_EQ(reap_all(consumers, CONSUMERS), 0);
	EXPECT_TRUE(check_tally(t));
	EXPECT_EQ(r->head, ITEMS + CONSUMERS);
	EXPECT_EQ(r->tail, ITEMS + CONSUMERS);
	EXPECT_EQ(semctl(ring_semid, EMPTY, GETVAL), RING);
	EXPECT_EQ(shmdt(r), 0);
	EXPECT_EQ(rm_sem(ring_semid), 0);
	EXPECT_EQ(rm_shm(shmid), 0);
}

int main(void)
{
	return run_ipc_tests();
}
