/*
 * fork and vfork: return values, separate memory after a write on either
 * side, and copy-on-write made visible through the child's minor-fault
 * count (getrusage(RUSAGE_SELF).ru_minflt), exactly as Linux shows it.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#include "harness.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

/* A few faults the child may take outside the measured loop's pages
 * (its stack, libc data) between two getrusage calls. */
#define FAULT_SLACK 4

static volatile int global_var = 1;

/* Wait for pid; return its wait status, or -1 if wait4 did not return it. */
static int reap(pid_t pid)
{
	int status = 0;
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

static long minflt(void)
{
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_minflt;
}

static char *map_anon(size_t len, int flags)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS,
		       -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

TEST(fork_returns_zero_in_child_and_pid_in_parent)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		/* Exit codes name the check that failed. */
		if (getppid() != parent)
			_exit(1);
		if (getpid() == parent)
			_exit(2);
		_exit(0);
	}
	EXPECT_TRUE(pid > 0);
	EXPECT_NE(pid, parent);
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(child_write_not_seen_by_parent)
{
	static char data_page[PAGE];	/* .bss */
	char *heap = map_anon(PAGE, MAP_PRIVATE);
	ASSERT_TRUE(heap != NULL);
	volatile char stack_var = 's';
	data_page[100] = 'd';
	heap[100] = 'h';
	global_var = 1;

	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		data_page[100] = 'D';
		heap[100] = 'H';
		stack_var = 'S';
		global_var = 2;
		/* The child sees its own writes. */
		_exit(data_page[100] == 'D' && heap[100] == 'H' &&
		      stack_var == 'S' && global_var == 2 ? 0 : 1);
	}
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(data_page[100], 'd');
	EXPECT_EQ(heap[100], 'h');
	EXPECT_EQ(stack_var, 's');
	EXPECT_EQ(global_var, 1);
	munmap(heap, PAGE);
}

TEST(parent_write_not_seen_by_child)
{
	/* A shared page orders the two sides: no timing involved. */
	volatile int *flag = (volatile int *)map_anon(PAGE, MAP_SHARED);
	char *priv = map_anon(PAGE, MAP_PRIVATE);
	ASSERT_TRUE(flag != NULL && priv != NULL);
	priv[0] = 'a';
	global_var = 10;
	*flag = 0;

	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		while (*flag == 0)	/* until the parent has written */
			sched_yield();
		_exit(priv[0] == 'a' && global_var == 10 ? 0 : 1);
	}
	priv[0] = 'b';
	global_var = 20;
	*flag = 1;
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(priv[0], 'b');
	EXPECT_EQ(global_var, 20);
	munmap(priv, PAGE);
	munmap((void *)flag, PAGE);
}

TEST(both_sides_write_same_page)
{
	volatile int *flag = (volatile int *)map_anon(PAGE, MAP_SHARED);
	char *priv = map_anon(PAGE, MAP_PRIVATE);
	ASSERT_TRUE(flag != NULL && priv != NULL);
	priv[8] = 'x';
	*flag = 0;

	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		priv[8] = 'c';
		*flag = 1;		/* child has written */
		while (*flag != 2)	/* until the parent has written */
			sched_yield();
		_exit(priv[8] == 'c' ? 0 : 1);
	}
	while (*flag != 1)
		sched_yield();
	EXPECT_EQ(priv[8], 'x');
	priv[8] = 'p';
	*flag = 2;
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(priv[8], 'p');
	munmap(priv, PAGE);
	munmap((void *)flag, PAGE);
}

/*
 * Pages the parent touched before fork are shared read-only: in the child,
 * writing N of them takes one minor fault each (the copy), reading them
 * takes none (fork copied the page-table entries).
 */
#define COW_PAGES 32

static void cow_child(char *buf, int do_write)
{
	struct rusage before, after;
	memset(&before, 0, sizeof(before));	/* both on written stack */
	memset(&after, 0, sizeof(after));
	getrusage(RUSAGE_SELF, &before);	/* warm the call's own path */
	getrusage(RUSAGE_SELF, &before);
	volatile long sum = 0;
	for (unsigned long i = 0; i < COW_PAGES; i++) {
		if (do_write)
			buf[i * PAGE] = 2;
		else
			sum += buf[i * PAGE];
	}
	getrusage(RUSAGE_SELF, &after);
	long faults = after.ru_minflt - before.ru_minflt;
	long expected = do_write ? COW_PAGES : 0;
	if (faults < expected || faults > expected + FAULT_SLACK) {
		printf("    # child: %ld minor faults for %d pages %s, expected %ld\n",
		       faults, COW_PAGES, do_write ? "written" : "read", expected);
		fflush(stdout);
		_exit(1);
	}
	_exit(sum == (do_write ? 0 : COW_PAGES) ? 0 : 1);
}

static void cow_case(int do_write)
{
	char *buf = map_anon(COW_PAGES * PAGE, MAP_PRIVATE);
	ASSERT_TRUE(buf != NULL);
	for (unsigned long i = 0; i < COW_PAGES; i++)
		buf[i * PAGE] = 1;
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0)
		cow_child(buf, do_write);
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	for (unsigned long i = 0; i < COW_PAGES; i++)
		EXPECT_EQ(buf[i * PAGE], 1);
	munmap(buf, COW_PAGES * PAGE);
}

TEST(cow_write_costs_one_fault_per_page)
{
	cow_case(1);
}

TEST(cow_read_costs_no_faults)
{
	cow_case(0);
}

/*
 * A 64 MiB parent, every page touched, forks; the child writes 16 pages.
 * Nothing is copied eagerly: the child's whole-life fault count stays far
 * below the 16384 pages of the parent, and the parent's data is intact.
 * On a machine with less than 128 MiB free (MEM=32M) the parent takes a
 * quarter of the free memory instead: the point stands at any size.
 */
#define BIG_WRITES 16

static unsigned long big_size(void)
{
	struct sysinfo si;
	unsigned long size = 64UL << 20;

	if (sysinfo(&si) == 0 && si.freeram * si.mem_unit < 2 * size)
		size = (si.freeram * si.mem_unit / 4) & ~((1UL << 20) - 1);
	return size;
}

TEST(fork_large_parent_copies_only_written_pages)
{
	const unsigned long BIG_SIZE = big_size();
	char *big = map_anon(BIG_SIZE, MAP_PRIVATE);
	ASSERT_TRUE(big != NULL);
	for (unsigned long off = 0; off < BIG_SIZE; off += PAGE)
		big[off] = (char)(off / PAGE);
	unsigned long stride = BIG_SIZE / BIG_WRITES;

	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		long start = minflt();
		for (unsigned long i = 0; i < BIG_WRITES; i++)
			big[i * stride] = 'w';
		long total = minflt();
		if (total - start >= BIG_WRITES && total < 1000)
			_exit(0);
		printf("    # child: %ld minor faults for %d writes, %ld in "
		       "all; expected >= %d and < 1000 in all\n",
		       total - start, BIG_WRITES, total, BIG_WRITES);
		fflush(stdout);
		_exit(1);
	}
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	for (unsigned long i = 0; i < BIG_WRITES; i++)
		EXPECT_EQ(big[i * stride], (char)(i * stride / PAGE));
	munmap(big, BIG_SIZE);
}

TEST(many_children_each_get_own_pid)
{
	enum { N = 8 };
	pid_t pids[N];
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		ASSERT_TRUE(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(i);
		for (int j = 0; j < i; j++)
			EXPECT_NE(pids[i], pids[j]);
	}
	for (int i = 0; i < N; i++) {
		int status = reap(pids[i]);
		ASSERT_TRUE(WIFEXITED(status));
		EXPECT_EQ(WEXITSTATUS(status), i);
	}
}

/* vfork: the parent is suspended until the child calls _exit (or execs),
 * then resumes and sees the child's status. The child only calls _exit
 * or execve, as POSIX requires. */
TEST(vfork_parent_resumes_after_child_exit)
{
	pid_t parent = getpid();
	pid_t pid = vfork();
	if (pid == 0)
		_exit(getppid() == parent ? 42 : 1);
	ASSERT_TRUE(pid > 0);
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
	EXPECT_EQ(getpid(), parent);
}

TEST(vfork_child_failed_exec_then_exit)
{
	static char *const argv[] = { "missing", NULL };
	static char *const envp[] = { NULL };
	pid_t pid = vfork();
	if (pid == 0) {
		execve("/this/file/does/not/exist", argv, envp);
		_exit(errno == ENOENT ? 7 : 1);
	}
	ASSERT_TRUE(pid > 0);
	int status = reap(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 7);
}

int main(void)
{
	return run_tests();
}
