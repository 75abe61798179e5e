/*
 * philosophers [M]: Dijkstra's five dining philosophers, each a process
 * that eats M times (default 1000) with the forks on either side. The
 * forks are a set of five System V semaphores; a philosopher picks up
 * both of its forks in one semop, which takes both or waits for both, so
 * no one ever holds one fork while waiting for the other: no deadlock.
 *
 * A shared segment records who is eating; each philosopher checks that
 * neither neighbour is, and counts its meals there.
 *
 *	philosophers: 5 philosophers ate 1000 times each, no neighbours at once
 *
 * exit status 0, 1 if neighbours ate at once or a meal went missing, 2
 * if a call failed.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 5

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

struct table {
	volatile int eating[N];
	long meals[N];
	int clashes;
};

static int semid;

static int philosopher(struct table *t, int i, long m)
{
	int left = i, right = (i + 1) % N;
	struct sembuf pick_up[2] = { { left, -1, 0 }, { right, -1, 0 } };
	struct sembuf put_down[2] = { { left, 1, 0 }, { right, 1, 0 } };

	for (long meal = 0; meal < m; meal++) {
		if (semop(semid, pick_up, 2) < 0)
			return 2;
		t->eating[i] = 1;
		if (t->eating[(i + N - 1) % N] || t->eating[(i + 1) % N])
			__atomic_fetch_add(&t->clashes, 1, __ATOMIC_RELAXED);
		t->meals[i]++;
		t->eating[i] = 0;
		if (semop(semid, put_down, 2) < 0)
			return 2;
		/* Think a little: give the neighbours a turn. */
		if (meal % 16 == 0)
			sched_yield();
	}
	return 0;
}

int main(int argc, char **argv)
{
	long m = argc > 1 ? atol(argv[1]) : 1000;
	unsigned short forks[N] = { 1, 1, 1, 1, 1 };
	union semun arg = { .array = forks };
	pid_t pids[N];
	int failed = 0, status;

	if (m < 0) {
		fprintf(stderr, "usage: philosophers [MEALS]\n");
		return 2;
	}
	int shmid = shmget(IPC_PRIVATE, sizeof(struct table), 0600);
	struct table *t = shmid < 0 ? (void *)-1 : shmat(shmid, NULL, 0);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);  /* gone with the last detach */
	semid = semget(IPC_PRIVATE, N, 0600);
	if (t == (void *)-1 || semid < 0 || semctl(semid, 0, SETALL, arg) < 0) {
		perror("philosophers: setting the table");
		if (semid >= 0)
			semctl(semid, 0, IPC_RMID);
		return 2;
	}
	fflush(stdout);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(philosopher(t, i, m));
	}
	for (int i = 0; i < N; i++)
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 || status != 0)
			failed = 1;
	semctl(semid, 0, IPC_RMID);
	if (failed) {
		fprintf(stderr, "philosophers: a philosopher failed\n");
		return 2;
	}
	for (int i = 0; i < N; i++)
		if (t->meals[i] != m)
			failed = 1;
	if (failed || t->clashes) {
		printf("philosophers: %d clashes, meals %ld %ld %ld %ld %ld\n", t->clashes,
		       t->meals[0], t->meals[1], t->meals[2], t->meals[3], t->meals[4]);
		return 1;
	}
	printf("philosophers: %d philosophers ate %ld times each, no neighbours at once\n",
	       N, m);
	return 0;
}
