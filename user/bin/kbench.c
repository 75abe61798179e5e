/*
 * kbench: user-space benchmarks (DESIGN.md section 9), one line per
 * metric, `name value unit`.  `kbench [METRIC...]` runs only the metrics
 * named.  Built with `musl-gcc -static`, so the very same binary runs on
 * this kernel and on Linux, and the two tables compare like with like.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define GETPID_ROUNDS 100000
#define FORK_ROUNDS   200
#define EXEC_ROUNDS   100
#define FAULT_PAGES   4096	/* 16 MiB */

/* A program that does nothing, to time exec itself. */
#define TRUE_PATH "/bin/true"

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void report(const char *name, double value, const char *unit)
{
	printf("%s %.1f %s\n", name, value, unit);
	fflush(stdout);
}

/* Wait for pid; 0 if it exited with status 0. */
static int wait_ok(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/*
 * Anonymous memory of FAULT_PAGES pages.  Linux would back aligned 2 MiB
 * stretches with one huge page, faulting 512 pages in at once; ask it not
 * to (a kernel without madvise just says ENOSYS).
 */
static char *map_pages(void)
{
	char *p = mmap(NULL, FAULT_PAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	madvise(p, FAULT_PAGES * PAGE, MADV_NOHUGEPAGE);
	return p;
}

/* A system call that does next to nothing: the round trip itself. */
static int bench_getpid(void)
{
	long long t = now_ns();

	for (int i = 0; i < GETPID_ROUNDS; i++)
		getpid();
	report("getpid_ns", (double)(now_ns() - t) / GETPID_ROUNDS, "ns");
	return 0;
}

static int bench_fork_exit_wait(void)
{
	long long t = now_ns();

	for (int i = 0; i < FORK_ROUNDS; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || wait_ok(pid) < 0)
			return -1;
	}
	report("fork_exit_wait_us", (double)(now_ns() - t) / FORK_ROUNDS / 1000,
	       "us");
	return 0;
}

static int bench_fork_exec_wait(void)
{
	char *argv[] = { "true", NULL };
	long long t = now_ns();

	for (int i = 0; i < EXEC_ROUNDS; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			execv(TRUE_PATH, argv);
			_exit(127);
		}
		if (pid < 0 || wait_ok(pid) < 0)
			return -1;
	}
	report("fork_exec_wait_us", (double)(now_ns() - t) / EXEC_ROUNDS / 1000,
	       "us");
	return 0;
}

/* The first write to each page of fresh anonymous memory: each one a
 * fault that maps a zeroed page. */
static int bench_demand_zero_fault(void)
{
	char *p = map_pages();
	long long t;

	if (!p)
		return -1;
	t = now_ns();
	for (int i = 0; i < FAULT_PAGES; i++)
		p[i * PAGE] = 1;
	report("demand_zero_fault_ns", (double)(now_ns() - t) / FAULT_PAGES,
	       "ns");
	munmap(p, FAULT_PAGES * PAGE);
	return 0;
}

/* After fork, the child's first write to each page the parent had
 * written: each one a copy-on-write fault.  Timed in the child. */
static int bench_cow_fault(void)
{
	char *p = map_pages();
	pid_t pid;
	int ret;

	if (!p)
		return -1;
	for (int i = 0; i < FAULT_PAGES; i++)
		p[i * PAGE] = 1;
	pid = fork();
	if (pid == 0) {
		long long t = now_ns();

		for (int i = 0; i < FAULT_PAGES; i++)
			p[i * PAGE] = 2;
		report("cow_fault_ns", (double)(now_ns() - t) / FAULT_PAGES,
		       "ns");
		_exit(0);
	}
	ret = pid < 0 ? -1 : wait_ok(pid);
	munmap(p, FAULT_PAGES * PAGE);
	return ret;
}

#define PIPE_ROUNDS 2000

/* One byte to a child over one pipe and back over another, per round. */
static int bench_pipe_pingpong(void)
{
	int to_child[2], to_parent[2];
	char byte = 0;

	if (pipe(to_child) || pipe(to_parent))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < PIPE_ROUNDS; i++)
			if (read(to_child[0], &byte, 1) != 1 || write(to_parent[1], &byte, 1) != 1)
				_exit(1);
		_exit(0);
	}
	if (pid < 0)
		return -1;
	long long t = now_ns();
	for (int i = 0; i < PIPE_ROUNDS; i++)
		if (write(to_child[1], &byte, 1) != 1 || read(to_parent[0], &byte, 1) != 1)
			return -1;
	report("pipe_pingpong_us", (double)(now_ns() - t) / PIPE_ROUNDS / 1000, "us");
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	return wait_ok(pid);
}

#define IPC_ROUNDS 2000

struct ping {
	long mtype;
	char byte;
};

/* Types 1 and 2 on one queue: the parent sends 1, the child answers 2. */
static int bench_msg_pingpong(void)
{
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct ping m = { 1, 0 };

	if (q < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < IPC_ROUNDS; i++) {
			if (msgrcv(q, &m, 1, 1, 0) != 1)
				_exit(1);
			m.mtype = 2;
			if (msgsnd(q, &m, 1, 0))
				_exit(1);
		}
		_exit(0);
	}
	long long t = now_ns();
	for (int i = 0; i < IPC_ROUNDS && pid > 0; i++) {
		m.mtype = 1;
		if (msgsnd(q, &m, 1, 0) || msgrcv(q, &m, 1, 2, 0) != 1)
			break;
	}
	report("msg_pingpong_us", (double)(now_ns() - t) / IPC_ROUNDS / 1000, "us");
	int ret = pid < 0 ? -1 : wait_ok(pid);
	msgctl(q, IPC_RMID, NULL);
	return ret;
}

/* Two semaphores as a baton: the parent ups 0 and downs 1, the child
 * the other way round. */
static int bench_sem_pingpong(void)
{
	int s = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	struct sembuf up0 = { 0, 1, 0 }, down0 = { 0, -1, 0 };
	struct sembuf up1 = { 1, 1, 0 }, down1 = { 1, -1, 0 };

	if (s < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < IPC_ROUNDS; i++)
			if (semop(s, &down0, 1) || semop(s, &up1, 1))
				_exit(1);
		_exit(0);
	}
	long long t = now_ns();
	for (int i = 0; i < IPC_ROUNDS && pid > 0; i++)
		if (semop(s, &up0, 1) || semop(s, &down1, 1))
			break;
	report("sem_pingpong_us", (double)(now_ns() - t) / IPC_ROUNDS / 1000, "us");
	int ret = pid < 0 ? -1 : wait_ok(pid);
	semctl(s, 0, IPC_RMID);
	return ret;
}

/* Create, attach, touch one page, detach, remove: the whole life of a
 * one-page segment. */
static int bench_shm_cycle(void)
{
	long long t = now_ns();

	for (int i = 0; i < IPC_ROUNDS; i++) {
		int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
		char *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);

		if (p == (void *)-1)
			return -1;
		p[0] = 1;
		if (shmdt(p) || shmctl(id, IPC_RMID, NULL))
			return -1;
	}
	report("shm_cycle_us", (double)(now_ns() - t) / IPC_ROUNDS / 1000, "us");
	return 0;
}

static const struct {
	const char *name;
	int (*run)(void);
} metrics[] = {
	{ "getpid_ns", bench_getpid },
	{ "fork_exit_wait_us", bench_fork_exit_wait },
	{ "fork_exec_wait_us", bench_fork_exec_wait },
	{ "demand_zero_fault_ns", bench_demand_zero_fault },
	{ "cow_fault_ns", bench_cow_fault },
	{ "pipe_pingpong_us", bench_pipe_pingpong },
	{ "msg_pingpong_us", bench_msg_pingpong },
	{ "sem_pingpong_us", bench_sem_pingpong },
	{ "shm_cycle_us", bench_shm_cycle },
};
#define NR_METRICS (sizeof(metrics) / sizeof(metrics[0]))

static int run(size_t i)
{
	if (metrics[i].run() == 0)
		return 0;
	fprintf(stderr, "kbench: %s failed\n", metrics[i].name);
	return 1;
}

int main(int argc, char **argv)
{
	int failed = 0;

	if (argc == 1) {
		for (size_t i = 0; i < NR_METRICS; i++)
			failed |= run(i);
		return failed;
	}
	for (int a = 1; a < argc; a++) {
		size_t i = 0;

		while (i < NR_METRICS && strcmp(argv[a], metrics[i].name) != 0)
			i++;
		if (i == NR_METRICS) {
			fprintf(stderr, "kbench: no metric %s\n", argv[a]);
			return 2;
		}
		failed |= run(i);
	}
	return failed;
}
