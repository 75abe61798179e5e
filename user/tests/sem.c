/*
 * System V semaphores: semget's limits and errors; semop's all-or-nothing
 * arrays, IPC_NOWAIT, ERANGE, E2BIG, EFBIG; sleepers woken in order when
 * their operation fits, by IPC_RMID (EIDRM), by a signal (EINTR), by a
 * semtimedop timeout (EAGAIN); SEM_UNDO applied at exit, even a SIGKILL
 * one, and cleared by SETVAL; every semctl command.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#define _GNU_SOURCE
#include "harness.h"
#include "ipc_helpers.h"

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

static int op(int id, unsigned short num, short val, short flg)
{
	struct sembuf sop = { num, val, flg };

	return semop(id, &sop, 1);
}

static int setall(int id, unsigned short *vals)
{
	union semun arg = { .array = vals };

	return semctl(id, 0, SETALL, arg);
}

TEST(semget_limits_and_keys)
{
	key_t key = test_key(1);

	EXPECT_ERRNO(semget(IPC_PRIVATE, -1, 0600), EINVAL);
	EXPECT_ERRNO(semget(IPC_PRIVATE, 32001, 0600), EINVAL);      /* SEMMSL */
	EXPECT_ERRNO(semget(IPC_PRIVATE, 0, 0600), EINVAL);  /* new: 1 at least */
	EXPECT_ERRNO(semget(key, 1, 0600), ENOENT);

	int id = new_sem(key, 3, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(semget(key, 0, 0), id);       /* 0: any existing set */
	EXPECT_EQ(semget(key, 3, 0600), id);
	EXPECT_ERRNO(semget(key, 4, 0600), EINVAL);
	EXPECT_ERRNO(semget(key, 1, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	/* A new set starts at 0, with nobody's pid. */
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(getval(id, i), 0);
		EXPECT_EQ(semctl(id, i, GETPID), 0);
	}
	int big = new_sem(IPC_PRIVATE, 32000, 0600);
	EXPECT_GE(big, 0);
	EXPECT_EQ(rm_sem(big), 0);
	EXPECT_EQ(rm_sem(id), 0);
	EXPECT_ERRNO(semget(key, 0, 0), ENOENT);
	EXPECT_ERRNO(getval(id, 0), EINVAL);    /* a stale id */
}

TEST(semop_errors)
{
	int id = new_sem(IPC_PRIVATE, 2, 0600);
	struct sembuf many[501] = { { 0 } };
	struct sembuf sop = { 0, 1, 0 };
	struct timespec bad = { 0, 1000000000 };
	ASSERT_GE(id, 0);

	EXPECT_ERRNO(semop(id, many, 0), EINVAL);
	EXPECT_ERRNO(semop(id, many, 501), E2BIG);             /* SEMOPM 500 */
	EXPECT_ERRNO(semop(-1, &sop, 1), EINVAL);
	EXPECT_ERRNO(semop(0x7ffffff0, &sop, 1), EINVAL);
	EXPECT_ERRNO(semop(id, (struct sembuf *)8, 1), EFAULT);
	sop.sem_num = 2;
	EXPECT_ERRNO(semop(id, &sop, 1), EFBIG);
	sop.sem_num = 0;
	EXPECT_ERRNO(semtimedop(id, &sop, 1, &bad), EINVAL);
	EXPECT_ERRNO(semtimedop(id, &sop, 1, (struct timespec *)8), EFAULT);
	/* 500 operations at once are fine. */
	for (int i = 0; i < 500; i++)
		many[i] = (struct sembuf){ 1, 1, 0 };
	EXPECT_EQ(semop(id, many, 500), 0);
	EXPECT_EQ(getval(id, 1), 500);
	/* Beyond SEMVMX (32767): ERANGE, nothing changed. */
	EXPECT_EQ(op(id, 0, 32767, 0), 0);
	EXPECT_ERRNO(op(id, 0, 1, 0), ERANGE);
	EXPECT_EQ(getval(id, 0), 32767);
	/* IPC_NOWAIT: EAGAIN instead of waiting. */
	EXPECT_ERRNO(op(id, 1, -501, IPC_NOWAIT), EAGAIN);
	EXPECT_EQ(getval(id, 1), 500);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(multi_op_semop_is_all_or_nothing)
{
	int id = new_sem(IPC_PRIVATE, 3, 0600);
	unsigned short vals[3] = { 1, 1, 0 }, now[3];
	union semun arg = { .array = now };
	struct sembuf sops[3] = { { 0, -1, 0 }, { 1, -1, 0 }, { 2, -1, 0 } };
	ASSERT_GE(id, 0);
	ASSERT_EQ(setall(id, vals), 0);

	/* The last one would block: with IPC_NOWAIT nothing is done. */
	sops[2].sem_flg = IPC_NOWAIT;
	EXPECT_ERRNO(semop(id, sops, 3), EAGAIN);
	ASSERT_EQ(semctl(id, 0, GETALL, arg), 0);
	EXPECT_EQ(now[0], 1);
	EXPECT_EQ(now[1], 1);
	EXPECT_EQ(now[2], 0);

	/* Without: it sleeps, and meanwhile nothing is done either. */
	sops[2].sem_flg = 0;
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(semop(id, sops, 3) == 0 ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 2, GETNCNT, 1), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);   /* counted on the blocking one */
	ASSERT_EQ(semctl(id, 0, GETALL, arg), 0);
	EXPECT_EQ(now[0], 1);
	EXPECT_EQ(now[1], 1);
	EXPECT_EQ(now[2], 0);
	/* One post lets the whole array through. */
	EXPECT_EQ(op(id, 2, 1, 0), 0);
	EXPECT_EQ(reap(pid), 0);
	ASSERT_EQ(semctl(id, 0, GETALL, arg), 0);
	EXPECT_EQ(now[0], 0);
	EXPECT_EQ(now[1], 0);
	EXPECT_EQ(now[2], 0);
	EXPECT_EQ(semctl(id, 1, GETPID), pid);  /* the sleeper's own pid */

	/* The same semaphore twice: each operation sees the one before. */
	struct sembuf twice[2] = { { 0, 2, 0 }, { 0, -1, 0 } };
	EXPECT_EQ(semop(id, twice, 2), 0);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(wait_for_zero)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(op(id, 0, 0, 0), 0);          /* 0 already */
	ASSERT_EQ(op(id, 0, 2, 0), 0);
	EXPECT_ERRNO(op(id, 0, 0, IPC_NOWAIT), EAGAIN);

	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(op(id, 0, 0, 0) == 0 ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETZCNT, 1), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(op(id, 0, -1, 0), 0);
	EXPECT_EQ(semctl(id, 0, GETZCNT), 1);   /* 1 is not 0 yet */
	EXPECT_EQ(op(id, 0, -1, 0), 0);
	EXPECT_EQ(reap(pid), 0);
	EXPECT_EQ(semctl(id, 0, GETZCNT), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

/*
 * Sleepers are retried oldest first after each change, and each one
 * whose operation now fits goes through: a younger one that fits is not
 * held up by an older one that does not.
 */
TEST(sleepers_wake_when_their_operation_fits)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	int done[2];
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(done), 0);

	pid_t two = fork();
	ASSERT_GE(two, 0);
	if (two == 0)
		_exit(op(id, 0, -2, 0) == 0 && write(done[1], "2", 1) == 1 ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	pid_t one = fork();
	ASSERT_GE(one, 0);
	if (one == 0)
		_exit(op(id, 0, -1, 0) == 0 && write(done[1], "1", 1) == 1 ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 2), 0);

	/* 1: only the younger one fits. */
	char c = 0;
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	ASSERT_EQ(read(done[0], &c, 1), 1);
	EXPECT_EQ(c, '1');
	EXPECT_EQ(reap(one), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
	/* 1 is not enough for the older one; 2 is. */
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	ASSERT_EQ(read(done[0], &c, 1), 1);
	EXPECT_EQ(c, '2');
	EXPECT_EQ(reap(two), 0);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(removal_wakes_sleepers_with_eidrm)
{
	int id = new_sem(IPC_PRIVATE, 2, 0600);
	pid_t pids[2];
	ASSERT_GE(id, 0);
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT_GE(pids[i], 0);
		if (pids[i] == 0) {
			/* One waits to decrement, the other for zero. */
			int r = i == 0 ? op(id, 0, -1, 0) : (op(id, 1, 1, 0), op(id, 1, 0, 0));

			_exit(r == -1 && errno == EIDRM ? 0 : 1);
		}
	}
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	ASSERT_EQ(wait_for_sem_waiters(id, 1, GETZCNT, 1), 0);
	EXPECT_EQ(rm_sem(id), 0);
	EXPECT_EQ(reap(pids[0]), 0);
	EXPECT_EQ(reap(pids[1]), 0);
}

TEST(signal_interrupts_a_sleeper_with_eintr)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(id, 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (catch_signal(SIGUSR1) < 0)
			_exit(2);
		_exit(op(id, 0, -1, 0) == -1 && errno == EINTR ? 0 : 1);
	}
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	EXPECT_EQ(kill(pid, SIGUSR1), 0);
	EXPECT_EQ(reap(pid), 0);
	/* It left the queue, and took nothing. */
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(rm_sem(id), 0);
}

/* signal(7): semop is never restarted, not even under SA_RESTART, and a
 * stop and continue without a handler ends it with EINTR too. */
TEST(semop_is_not_restarted_after_a_signal)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(id, 0);
	/* Caught before the child exists: it inherits the handler. A
	 * restarted semop would sleep on: signal_until_exit gives up. */
	ASSERT_EQ(catch_signal_flags(SIGUSR1, SA_RESTART), 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(op(id, 0, -1, 0) == -1 && errno == EINTR ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	EXPECT_EQ(signal_until_exit(pid, SIGUSR1), 0);
	signal(SIGUSR1, SIG_DFL);

	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(op(id, 0, -1, 0) == -1 && errno == EINTR ? 0 : 1);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	EXPECT_EQ(stop_and_continue(pid), 0);
	EXPECT_EQ(signal_until_exit(pid, 0), 0);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

/* SIGKILL takes sleepers off the set and frees what they held (the
 * kernel's leak check after the tests counts it). */
TEST(sleepers_killed_leave_the_set_as_it_was)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	pid_t pids[2];
	ASSERT_GE(id, 0);
	ASSERT_EQ(op(id, 0, 1, 0), 0);
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT_GE(pids[i], 0);
		if (pids[i] == 0)
			_exit(i == 0 ? op(id, 0, -2, SEM_UNDO) : op(id, 0, 0, 0));
	}
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETNCNT, 1), 0);
	ASSERT_EQ(wait_for_sem_waiters(id, 0, GETZCNT, 1), 0);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(kill(pids[i], SIGKILL), 0);
		EXPECT_EQ(reap(pids[i]), 128 + SIGKILL);
	}
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	EXPECT_EQ(semctl(id, 0, GETZCNT), 0);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(op(id, 0, -1, IPC_NOWAIT), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(semtimedop_times_out_with_eagain)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	struct sembuf sop = { 0, -1, 0 };
	struct timespec zero = { 0, 0 }, short_wait = { 0, 50000000 };
	struct timespec start, end;
	ASSERT_GE(id, 0);

	EXPECT_ERRNO(semtimedop(id, &sop, 1, &zero), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &start);
	EXPECT_ERRNO(semtimedop(id, &sop, 1, &short_wait), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &end);
	long us = (end.tv_sec - start.tv_sec) * 1000000 + (end.tv_nsec - start.tv_nsec) / 1000;
	EXPECT_GE(us, 50000);
	EXPECT_LT(us, 5000000);
	EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
	/* A timeout does not matter when the operation fits. */
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	EXPECT_EQ(semtimedop(id, &sop, 1, &zero), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(sem_undo_is_applied_at_exit_even_sigkill)
{
	int id = new_sem(IPC_PRIVATE, 2, 0600);
	int held[2];
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(held), 0);
	ASSERT_EQ(op(id, 0, 1, 0), 0);

	/* A holder killed while it holds the semaphore. */
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (op(id, 0, -1, SEM_UNDO) < 0 || op(id, 1, 3, SEM_UNDO) < 0)
			_exit(1);
		write(held[1], "h", 1);
		pause();
		_exit(1);
	}
	/* Only the child writes: if it fails, the read sees end-of-file. */
	close(held[1]);
	char c;
	ASSERT_EQ(read(held[0], &c, 1), 1);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(getval(id, 1), 3);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	EXPECT_EQ(reap(pid), 128 + SIGKILL);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(getval(id, 1), 0);
	EXPECT_EQ(semctl(id, 0, GETPID), pid);

	/* A normal exit too; the adjustment is the net of its operations. */
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		op(id, 1, 5, SEM_UNDO);
		op(id, 1, -2, SEM_UNDO);
		op(id, 1, 4, 0);        /* not undone */
		_exit(0);
	}
	EXPECT_EQ(reap(pid), 0);
	EXPECT_EQ(getval(id, 1), 4);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(setval_clears_undo_and_undo_is_not_inherited)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	int ready[2], go[2];
	union semun arg = { .val = 7 };
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(go), 0);

	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char c;

		if (op(id, 0, 2, SEM_UNDO) < 0 || write(ready[1], "r", 1) != 1)
			_exit(1);
		/* A child of the holder does not inherit its adjustments. */
		pid_t grandchild = fork();
		if (grandchild == 0)
			_exit(0);
		if (reap(grandchild) != 0 || getval(id, 0) != 7)
			_exit(2);
		_exit(read(go[0], &c, 1) == 1 ? 0 : 3);
	}
	close(ready[1]);
	char c;
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	EXPECT_EQ(semctl(id, 0, SETVAL, arg), 0);
	ASSERT_EQ(write(go[1], "g", 1), 1);
	EXPECT_EQ(reap(pid), 0);
	/* The +2 was forgotten at SETVAL: nothing to undo. */
	EXPECT_EQ(getval(id, 0), 7);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(undo_adjustment_out_of_range_is_erange)
{
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	union semun arg = { .val = 32767 };
	ASSERT_GE(id, 0);
	ASSERT_EQ(semctl(id, 0, SETVAL, arg), 0);
	/* The adjustment would be +32768: beyond SEMAEM. */
	EXPECT_EQ(op(id, 0, -32767, SEM_UNDO), 0);
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	EXPECT_ERRNO(op(id, 0, -1, SEM_UNDO), ERANGE);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(op(id, 0, -1, 0), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(semctl_values)
{
	int id = new_sem(IPC_PRIVATE, 3, 0600);
	unsigned short vals[3] = { 5, 0, 32767 }, now[3] = { 0 };
	union semun arg;
	ASSERT_GE(id, 0);

	arg.val = 32768;
	EXPECT_ERRNO(semctl(id, 0, SETVAL, arg), ERANGE);
	arg.val = -1;
	EXPECT_ERRNO(semctl(id, 0, SETVAL, arg), ERANGE);
	/* The range is checked first, even before the id. */
	EXPECT_ERRNO(semctl(0x7ffffff0, 0, SETVAL, arg), ERANGE);
	arg.val = 3;
	EXPECT_ERRNO(semctl(id, 3, SETVAL, arg), EINVAL);
	EXPECT_ERRNO(semctl(id, -1, SETVAL, arg), EINVAL);
	EXPECT_ERRNO(semctl(id, 3, GETVAL), EINVAL);
	EXPECT_ERRNO(semctl(id, 0, 99), EINVAL);
	EXPECT_ERRNO(semctl(-1, 0, GETVAL), EINVAL);
	EXPECT_EQ(semctl(id, 1, SETVAL, arg), 0);
	EXPECT_EQ(getval(id, 1), 3);
	EXPECT_EQ(semctl(id, 1, GETPID), getpid());

	EXPECT_EQ(setall(id, vals), 0);
	arg.array = now;
	EXPECT_EQ(semctl(id, 0, GETALL, arg), 0);
	EXPECT_EQ(now[0], 5);
	EXPECT_EQ(now[1], 0);
	EXPECT_EQ(now[2], 32767);
	vals[1] = 32768;
	EXPECT_ERRNO(setall(id, vals), ERANGE);
	EXPECT_EQ(getval(id, 0), 5);
	arg.array = (unsigned short *)8;
	EXPECT_ERRNO(semctl(id, 0, GETALL, arg), EFAULT);
	EXPECT_ERRNO(semctl(id, 0, SETALL, arg), EFAULT);
	EXPECT_EQ(rm_sem(id), 0);
}

TEST(semctl_stat_set_info)
{
	time_t before = time(NULL);
	int id = new_sem(IPC_PRIVATE, 4, 0640);
	struct semid_ds ds;
	struct seminfo info;
	union semun arg = { .buf = &ds };
	ASSERT_GE(id, 0);

	ASSERT_EQ(semctl(id, 0, IPC_STAT, arg), 0);
	EXPECT_EQ(ds.sem_nsems, 4);
	EXPECT_EQ(ds.sem_perm.mode, 0640);
	EXPECT_EQ(ds.sem_perm.uid, geteuid());
	EXPECT_EQ(ds.sem_perm.cuid, geteuid());
	EXPECT_EQ(ds.sem_otime, 0);
	EXPECT_GE(ds.sem_ctime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */
	EXPECT_EQ(op(id, 0, 1, 0), 0);
	ASSERT_EQ(semctl(id, 0, IPC_STAT, arg), 0);
	EXPECT_GE(ds.sem_otime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */

	ds.sem_perm.mode = 0600;
	EXPECT_EQ(semctl(id, 0, IPC_SET, arg), 0);
	ASSERT_EQ(semctl(id, 0, IPC_STAT, arg), 0);
	EXPECT_EQ(ds.sem_perm.mode, 0600);
	arg.buf = (struct semid_ds *)8;
	EXPECT_ERRNO(semctl(id, 0, IPC_STAT, arg), EFAULT);
	EXPECT_ERRNO(semctl(id, 0, IPC_SET, arg), EFAULT);

	arg.__buf = &info;
	int max = semctl(0, 0, IPC_INFO, arg);
	ASSERT_GE(max, 0);
	EXPECT_EQ(info.semmni, 32000);
	EXPECT_EQ(info.semmsl, 32000);
	EXPECT_EQ(info.semmns, 32000 * 32000);
	EXPECT_EQ(info.semopm, 500);
	EXPECT_EQ(info.semvmx, 32767);
	EXPECT_EQ(info.semaem, 32767);
	EXPECT_EQ(info.semusz, 20);
	EXPECT_EQ(semctl(0, 0, SEM_INFO, arg), max);
	EXPECT_GE(info.semusz, 1);      /* sets in use */
	EXPECT_GE(info.semaem, 4);      /* semaphores in use */

	int found = 0;
	arg.buf = &ds;
	for (int idx = 0; idx <= max; idx++)
		if (semctl(idx, 0, SEM_STAT_ANY, arg) == id) {
			found = 1;
			EXPECT_EQ(ds.sem_nsems, 4);
			EXPECT_EQ(semctl(idx, 0, SEM_STAT, arg), id);
		}
	EXPECT_TRUE(found);
	EXPECT_EQ(rm_sem(id), 0);
	EXPECT_ERRNO(semctl(id, 0, IPC_RMID), EINVAL);
}

int main(void)
{
	return run_ipc_tests();
}
