/*
 * exit and wait4: exit codes and signals in the Linux status word, WNOHANG,
 * waiting for one pid among several, ECHILD, orphans given a new parent;
 * and the faults that end a process: NULL and text writes, munmap'd and
 * read-only memory. Also the memory that grows on demand: a 1 MiB stack
 * and brk.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define MIB (1UL << 20)

/* Wait for pid; its wait status, or -1 if wait4 did not return it. */
static int reap(pid_t pid)
{
	int status = 0;
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* A child that runs until it is killed (no pipes or pause needed); it
 * also stops if its parent dies first, so a failed case leaves no spinner. */
static pid_t spin_child(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		while (getppid() == parent)
			sched_yield();
		_exit(0);
	}
	return pid;
}

/* Run fn(arg) in a child that should die of a signal; which one (0: it
 * did not die of a signal, -1: fork or wait failed). */
static int death_signal(void (*fn)(volatile char *), volatile char *arg)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	int status = reap(pid);
	if (status == -1)
		return -1;
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void write_byte(volatile char *p)
{
	*p = 1;
}

static void text_target(volatile char *p)
{
	(void)p;
}

TEST(exit_codes_0_to_255)
{
	for (int code = 0; code < 256; code++) {
		pid_t pid = fork();
		ASSERT_TRUE(pid >= 0);
		if (pid == 0)
			_exit(code);
		int status = reap(pid);
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(WEXITSTATUS(status), code);
	}
}

TEST(exit_code_keeps_low_8_bits)
{
	static const int codes[][2] = { { 256, 0 }, { 257, 1 }, { -1, 255 } };
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = fork();
		ASSERT_TRUE(pid >= 0);
		if (pid == 0)
			_exit(codes[i][0]);
		int status = reap(pid);
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(WEXITSTATUS(status), codes[i][1]);
	}
}

TEST(wnohang_returns_zero_while_child_runs)
{
	pid_t pid = spin_child();
	ASSERT_TRUE(pid > 0);
	int status = -1;
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(wait4(pid, &status, WNOHANG, NULL), 0);
		EXPECT_EQ(wait4(-1, &status, WNOHANG, NULL), 0);
	}
	ASSERT_EQ(kill(pid, SIGKILL), 0);
	status = reap(pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
	EXPECT_TRUE(!WIFEXITED(status));
}

TEST(sigterm_default_action_terminates)
{
	pid_t pid = spin_child();
	ASSERT_TRUE(pid > 0);
	ASSERT_EQ(kill(pid, SIGTERM), 0);
	int status = reap(pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGTERM);
}

TEST(wait_for_one_pid_among_several)
{
	pid_t a = fork();
	ASSERT_TRUE(a >= 0);
	if (a == 0)
		_exit(10);
	pid_t b = spin_child();
	ASSERT_TRUE(b > 0);
	pid_t c = fork();
	ASSERT_TRUE(c >= 0);
	if (c == 0)
		_exit(12);

	int status = 0;
	EXPECT_EQ(wait4(b, &status, WNOHANG, NULL), 0);	/* b still runs */
	status = reap(a);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 10);
	ASSERT_EQ(kill(b, SIGKILL), 0);
	status = reap(b);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXPECT_EQ(wait4(-1, &status, 0, NULL), c);	/* the one left */
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 12);
	EXPECT_ERRNO(wait4(-1, &status, 0, NULL), ECHILD);
}

TEST(echild_without_children)
{
	int status;
	EXPECT_ERRNO(wait4(-1, &status, 0, NULL), ECHILD);
	EXPECT_ERRNO(wait4(-1, &status, WNOHANG, NULL), ECHILD);
	EXPECT_ERRNO(wait4(getppid(), &status, 0, NULL), ECHILD);
}

/* The state letter of /proc/PID/stat ('R', 'S', 'Z', ...), or 0. */
static char proc_state(pid_t pid)
{
	char path[32], buf[256];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' ? paren[2] : 0;
}

/* Until it is reaped a zombie keeps its pid, group and session: kill()
 * finds it (and delivers nothing), getpgid and getsid answer. */
TEST(zombie_exists_until_reaped)
{
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0)
		_exit(3);
	for (int i = 0; i < 500 && proc_state(pid) != 'Z'; i++)
		usleep(10000);
	ASSERT_EQ(proc_state(pid), 'Z');
	EXPECT_EQ(kill(pid, 0), 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	EXPECT_EQ(getpgid(pid), getpgrp());
	EXPECT_EQ(getsid(pid), getsid(0));
	int status = reap(pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 3);
}

TEST(reaped_child_is_gone)
{
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0)
		_exit(0);
	EXPECT_EQ(kill(pid, 0), 0);	/* running or a zombie: it exists */
	EXPECT_TRUE(WIFEXITED(reap(pid)));
	EXPECT_ERRNO(kill(pid, 0), ESRCH);
	EXPECT_ERRNO(wait4(pid, NULL, 0, NULL), ECHILD);
}

TEST(wait4_fills_rusage)
{
	enum { PAGES = 256 };
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(1);
		for (unsigned long i = 0; i < PAGES; i++)
			p[i * PAGE] = 1;
		_exit(0);
	}
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	int status = 0;
	ASSERT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_GE(ru.ru_minflt, PAGES);
	EXPECT_GT(ru.ru_maxrss, 0);
}

TEST(null_write_is_sigsegv)
{
	EXPECT_EQ(death_signal(write_byte, NULL), SIGSEGV);
}

static void segv_handler(int sig)
{
	_exit(sig == SIGSEGV ? 42 : 43);
}

/* A handler for SIGSEGV runs on a real fault (the default is forced only
 * when the signal is blocked or ignored). */
TEST(sigsegv_handler_runs_on_fault)
{
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = segv_handler;
		sigaction(SIGSEGV, &sa, NULL);
		*(volatile char *)0 = 1;
		_exit(1);
	}
	int status = reap(pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
}

TEST(text_write_is_sigsegv)
{
	volatile char *text = (volatile char *)(uintptr_t)&text_target;
	EXPECT_EQ(death_signal(write_byte, text), SIGSEGV);
}

/* 256 frames of 4 KiB each: the stack grows by 1 MiB on demand. */
static unsigned long recurse(int depth)
{
	volatile char frame[4096];
	for (unsigned i = 0; i < sizeof(frame); i += 512)
		frame[i] = (char)depth;
	if (depth == 0)
		return 0;
	/* Read after the call: each frame must survive the deeper ones. */
	return recurse(depth - 1) + (frame[512] == (char)depth);
}

TEST(stack_grows_for_1mib_recursion)
{
	EXPECT_EQ(recurse(256), 256);
}

/*
 * The raw brk call: the new break, or the old one on failure. (musl's
 * brk() and sbrk(n != 0) refuse with ENOMEM so as not to fight malloc.)
 */
static char *sys_brk(void *addr)
{
	return (char *)syscall(__NR_brk, addr);
}

TEST(brk_grows_and_shrinks)
{
	char *start = sys_brk(0);
	ASSERT_TRUE(start != NULL);
	ASSERT_EQ(sys_brk(start + MIB), start + MIB);
	EXPECT_EQ(sys_brk(0), start + MIB);
	for (unsigned long off = 0; off < MIB; off += PAGE) {
		EXPECT_EQ(start[off], 0);	/* fresh memory is zeroed */
		start[off] = 'b';
	}
	EXPECT_EQ(start[MIB - 1], 0);
	start[MIB - 1] = 'e';
	EXPECT_EQ(start[MIB - 1], 'e');
	ASSERT_EQ(sys_brk(start), start);
	EXPECT_EQ(sys_brk(0), start);
	/* The released memory is gone: touching it faults. */
	EXPECT_EQ(death_signal(write_byte, start + MIB / 2), SIGSEGV);
	/* Grown again, it comes back zeroed. */
	ASSERT_EQ(sys_brk(start + MIB), start + MIB);
	EXPECT_EQ(start[MIB / 2], 0);
	EXPECT_EQ(sys_brk(start), start);
}

TEST(brk_below_start_fails_keeping_break)
{
	char *start = sys_brk(0);
	/* Below the program's data: refused, the break is unchanged. */
	EXPECT_EQ(sys_brk((void *)0x1000), start);
	EXPECT_EQ(sys_brk(0), start);
}

TEST(munmap_middle_page_splits_mapping)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	memset(p, 'm', 3 * PAGE);
	ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
	EXPECT_EQ(p[0], 'm');
	EXPECT_EQ(p[PAGE - 1], 'm');
	EXPECT_EQ(p[2 * PAGE], 'm');
	p[2 * PAGE + 1] = 'w';		/* both halves stay writable */
	p[1] = 'w';
	EXPECT_EQ(p[2 * PAGE + 1], 'w');
	EXPECT_EQ(death_signal(write_byte, p + PAGE), SIGSEGV);
	EXPECT_EQ(death_signal(write_byte, p + 2 * PAGE - 1), SIGSEGV);
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);	/* a hole inside is fine */
}

TEST(mprotect_read_only_then_write_faults)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	memset(p, 'a', 3 * PAGE);
	ASSERT_EQ(mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(p[PAGE], 'a');			/* still readable */
	EXPECT_EQ(death_signal(write_byte, p + PAGE), SIGSEGV);
	p[0] = 'b';					/* neighbours unchanged */
	p[2 * PAGE] = 'b';
	EXPECT_EQ(p[PAGE], 'a');			/* the child wrote nothing */
	ASSERT_EQ(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	p[PAGE] = 'c';
	EXPECT_EQ(p[PAGE], 'c');
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);
}

/*
 * A child forks a grandchild and exits at once: the grandchild gets a new
 * parent (init, pid 1, on the kernel; on Linux pid 1 or a subreaper, so
 * only "not the dead child" is checked). Init reaps it.
 */
TEST(orphan_gets_new_parent)
{
	volatile pid_t *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(shared != MAP_FAILED);
	shared[0] = 0;	/* the grandchild's new parent, when it knows */
	pid_t child = fork();
	ASSERT_TRUE(child >= 0);
	if (child == 0) {
		pid_t me = getpid();
		pid_t grandchild = fork();
		if (grandchild == 0) {
			while (getppid() == me)
				sched_yield();
			shared[0] = getppid();
			_exit(0);
		}
		_exit(grandchild > 0 ? 0 : 1);
	}
	int status = reap(child);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	while (shared[0] == 0)
		sched_yield();
	EXPECT_NE(shared[0], child);
	EXPECT_NE(shared[0], getpid());
	EXPECT_GT(shared[0], 0);
	munmap((void *)shared, PAGE);
}

int main(void)
{
	return run_tests();
}
