/*
 * prodcons P C N: the bounded buffer of the textbooks with System V IPC.
 * P producer and C consumer processes pass N distinct numbers through a
 * ring buffer in a shared memory segment, guarded by three semaphores:
 *
 *	empty	free slots (starts at RING)	a producer waits for one
 *	full	filled slots (starts at 0)	a consumer waits for one
 *	mutex	the ring's indexes (starts at 1)
 *
 * Each side takes its counting semaphore and the mutex in one semop,
 * which applies both or neither, and gives both back in another. When
 * the producers are done the parent puts one STOP per consumer in the
 * ring. Producers and consumers each add up a count and a checksum of
 * what they passed; the parent checks that both sides agree:
 *
 *	prodcons: 100000 items, checksum 0x... verified
 *
 * exit status 0, or 1 on a mismatch (2: bad arguments or a failed call).
 * The segment is removed as soon as everyone has it attached (it lives
 * until the last process detaches), the semaphores at the end.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define RING      64
#define MAX_PROCS 64
#define STOP      (-1L)

enum { EMPTY, FULL, MUTEX };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

/* What each process passed: a count and a sum of hashed values, which
 * does not depend on the order but changes if a number is lost, comes
 * twice or in place of another. */
struct tally {
	unsigned long count;
	uint64_t checksum;
};

struct shared {
	unsigned head, tail;            /* next slot to fill / to empty */
	long ring[RING];
	struct tally produced[MAX_PROCS], consumed[MAX_PROCS];
};

static int semid;

static uint64_t mix(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdULL;     /* MurmurHash3's finalizer */
	v ^= v >> 33;
	v *= 0xc4ceb9fe1a85ec53ULL;
	return v ^ v >> 33;
}

static void add(struct tally *t, long value)
{
	t->count++;
	t->checksum += mix(value);
}

static int put(struct shared *s, long value)
{
	struct sembuf take[2] = { { EMPTY, -1, 0 }, { MUTEX, -1, 0 } };
	struct sembuf give[2] = { { MUTEX, 1, 0 }, { FULL, 1, 0 } };

	if (semop(semid, take, 2) < 0)
		return -1;
	s->ring[s->head++ % RING] = value;
	return semop(semid, give, 2);
}

static int get(struct shared *s, long *value)
{
	struct sembuf take[2] = { { FULL, -1, 0 }, { MUTEX, -1, 0 } };
	struct sembuf give[2] = { { MUTEX, 1, 0 }, { EMPTY, 1, 0 } };

	if (semop(semid, take, 2) < 0)
		return -1;
	*value = s->ring[s->tail++ % RING];
	return semop(semid, give, 2);
}

/* Producer i of p makes the numbers v < n with v % p == i. */
static int producer(struct shared *s, int i, int p, long n)
{
	for (long v = i; v < n; v += p) {
		if (put(s, v) < 0)
			return 2;
		add(&s->produced[i], v);
	}
	return 0;
}

static int consumer(struct shared *s, int i)
{
	long v;

	for (;;) {
		if (get(s, &v) < 0)
			return 2;
		if (v == STOP)
			return 0;
		add(&s->consumed[i], v);
	}
}

static pid_t start(struct shared *s, int i, int p, long n, int is_producer)
{
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0)
		_exit(is_producer ? producer(s, i, p, n) : consumer(s, i));
	if (pid < 0)
		perror("prodcons: fork");
	return pid;
}

/* Reap n children: how many failed. */
static int reap(pid_t *pids, int n)
{
	int failed = 0, status;

	for (int i = 0; i < n; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	return failed;
}

static struct tally total(const struct tally *t, int n)
{
	struct tally sum = { 0, 0 };

	for (int i = 0; i < n; i++) {
		sum.count += t[i].count;
		sum.checksum += t[i].checksum;
	}
	return sum;
}

int main(int argc, char **argv)
{
	int p = argc > 1 ? atoi(argv[1]) : 0, c = argc > 2 ? atoi(argv[2]) : 0;
	long n = argc > 3 ? atol(argv[3]) : -1;
	pid_t producers[MAX_PROCS], consumers[MAX_PROCS];
	unsigned short init[3] = { RING, 0, 1 };
	union semun arg = { .array = init };

	if (argc != 4 || p < 1 || p > MAX_PROCS || c < 1 || c > MAX_PROCS || n < 0) {
		fprintf(stderr, "usage: prodcons PRODUCERS CONSUMERS ITEMS (1..%d processes each)\n",
			MAX_PROCS);
		return 2;
	}
	int shmid = shmget(IPC_PRIVATE, sizeof(struct shared), 0600);
	semid = semget(IPC_PRIVATE, 3, 0600);
	struct shared *s = shmid < 0 ? (void *)-1 : shmat(shmid, NULL, 0);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);  /* gone when the last one detaches */
	if (s == (void *)-1 || semid < 0 || semctl(semid, 0, SETALL, arg) < 0) {
		perror("prodcons: setting up");
		if (semid >= 0)
			semctl(semid, 0, IPC_RMID);
		return 2;
	}

	for (int i = 0; i < c; i++)
		consumers[i] = start(s, i, p, n, 0);
	for (int i = 0; i < p; i++)
		producers[i] = start(s, i, p, n, 1);
	int failed = reap(producers, p);
	for (int i = 0; i < c && !failed; i++)
		failed += put(s, STOP) < 0;
	/* On a failure removing the set wakes every sleeper with EIDRM. */
	if (failed)
		semctl(semid, 0, IPC_RMID);
	failed += reap(consumers, c);
	if (!failed && semctl(semid, 0, IPC_RMID) < 0)
		failed++;
	if (failed) {
		fprintf(stderr, "prodcons: %d processes or calls failed\n", failed);
		return 2;
	}

	struct tally in = total(s->produced, p), out = total(s->consumed, c);
	if (in.count != (unsigned long)n || out.count != in.count ||
	    out.checksum != in.checksum) {
		printf("prodcons: MISMATCH: produced %lu items, checksum %#llx; "
		       "consumed %lu, checksum %#llx\n", in.count,
		       (unsigned long long)in.checksum, out.count,
		       (unsigned long long)out.checksum);
		return 1;
	}
	printf("prodcons: %ld items, checksum %#llx verified\n", n,
	       (unsigned long long)in.checksum);
	shmdt(s);
	return 0;
}
