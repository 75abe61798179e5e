/*
 * Pipes: pipe and pipe2, data order, end of file when the last writer
 * closes (a forked copy of the write end included), EPIPE and SIGPIPE,
 * 1 MiB between two processes, O_NONBLOCK, the 64 KiB capacity, atomic
 * PIPE_BUF writes, dup2 and close-on-exec across exec, and reads and
 * writes interrupted by a signal (EINTR, or a restart under SA_RESTART).
 *
 * The same source runs on Linux (musl), where every case must pass too.
 * The close-on-exec case execs this program in a helper mode:
 * "pipe --fds-open FD..." exits with a bit set for each FD still open.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define PIPE_CAPACITY (64 * 1024)       /* Linux's default, and ours */
#define UNMAPPED      ((void *)0x10000UL)
#define HELPER_FLAG   "--fds-open"

static const char *self;

/* Wait for pid; its wait status, or -1 if waitpid did not return it. */
static int reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* Reads until count bytes came or end of file: the bytes read. */
static size_t read_full(int fd, void *buf, size_t count)
{
	size_t done = 0;

	while (done < count) {
		ssize_t n = read(fd, (char *)buf + done, count - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	return done;
}

static int write_all(int fd, const void *buf, size_t count)
{
	size_t done = 0;

	while (done < count) {
		ssize_t n = write(fd, (const char *)buf + done, count - done);

		if (n < 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/* ---- data and end of file ---------------------------------------------- */

TEST(data_comes_out_in_order)
{
	char buf[64] = "";
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_EQ(write(p[1], ", ", 2), 2);
	EXPECT_EQ(write(p[1], "world", 5), 5);
	/* A read takes what is there and does not wait for more. */
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 12);
	EXPECT_STREQ(buf, "hello, world");
	EXPECT_EQ(write(p[1], "abc", 3), 3);
	EXPECT_EQ(read(p[0], buf, 1), 1);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(read(p[0], buf, 2), 2);
	EXPECT_EQ(memcmp(buf, "bc", 2), 0);
	EXPECT_EQ(read(p[0], buf, 0), 0);
	EXPECT_EQ(write(p[1], buf, 0), 0);
	close(p[0]);
	close(p[1]);
}

TEST(ends_are_fifos_without_positions)
{
	struct stat r, w;
	char c = 0;
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(fstat(p[0], &r), 0);
	ASSERT_EQ(fstat(p[1], &w), 0);
	EXPECT_TRUE(S_ISFIFO(r.st_mode));
	EXPECT_TRUE(S_ISFIFO(w.st_mode));
	EXPECT_EQ(r.st_ino, w.st_ino);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERRNO(pread(p[0], &c, 1, 0), ESPIPE);
	EXPECT_ERRNO(read(p[1], &c, 1), EBADF);
	EXPECT_ERRNO(write(p[0], &c, 1), EBADF);
	close(p[0]);
	close(p[1]);
}

TEST(bad_flags_and_pointers)
{
	int p[2], probe;
	char c;

	EXPECT_ERRNO(pipe2(p, O_APPEND), EINVAL);
	EXPECT_ERRNO(pipe2(p, O_RDWR), EINVAL);
	/* A pipe whose descriptors cannot be handed out leaves none open. */
	probe = dup(0);
	close(probe);
	EXPECT_ERRNO(syscall(__NR_pipe, 0), EFAULT);
	EXPECT_ERRNO(syscall(__NR_pipe2, UNMAPPED, 0), EFAULT);
	EXPECT_EQ(dup(0), probe);
	close(probe);

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(write(p[1], UNMAPPED, 10), EFAULT);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	/* The byte a failed read could not deliver is still there. */
	EXPECT_ERRNO(read(p[0], UNMAPPED, 1), EFAULT);
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(c, 'x');
	close(p[0]);
	close(p[1]);
}

TEST(end_of_file_when_the_last_writer_closes)
{
	char buf[8];
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(write(p[1], "xy", 2), 2);
	close(p[1]);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 2);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);
}

/* A child's copy of the write end keeps the pipe open after the parent
 * closed its own: no end of file until the child closes it too. */
TEST(end_of_file_waits_for_a_forked_writer)
{
	char buf[8];
	int p[2], go[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(pipe(go), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		close(p[0]);
		close(go[1]);
		read(go[0], buf, 1);    /* until the parent has looked */
		write(p[1], "late", 4);
		_exit(0);
	}
	close(p[1]);
	close(go[0]);
	ASSERT_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	EXPECT_ERRNO(read(p[0], buf, sizeof(buf)), EAGAIN);
	ASSERT_EQ(fcntl(p[0], F_SETFL, 0), 0);
	EXPECT_EQ(write(go[1], "g", 1), 1);
	EXPECT_EQ(read_full(p[0], buf, 4), 4);
	EXPECT_EQ(memcmp(buf, "late", 4), 0);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);
	EXPECT_EQ(reap(pid), 0);
	close(p[0]);
	close(go[1]);
}

TEST(dup2_copy_keeps_the_pipe_open)
{
	char buf[8];
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(dup2(p[1], 20), 20);
	close(p[1]);
	EXPECT_EQ(write(20, "ok", 2), 2);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 2);
	close(20);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);
}

/* ---- no reader: EPIPE and SIGPIPE -------------------------------------- */

TEST(write_without_reader_is_killed_by_sigpipe)
{
	int p[2], status;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	/* Closed before the fork: no reader left, whoever runs first. */
	close(p[0]);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);               /* not reached */
	}
	close(p[1]);
	status = reap(pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGPIPE);
}

TEST(write_without_reader_fails_with_epipe_if_sigpipe_ignored)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	close(p[1]);
}

static volatile sig_atomic_t signals_seen;

static void count_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

TEST(write_without_reader_fails_with_epipe_after_the_handler)
{
	struct sigaction sa;
	int p[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	ASSERT_EQ(sigaction(SIGPIPE, &sa, NULL), 0);
	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	signals_seen = 0;
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	EXPECT_EQ(signals_seen, 1);
	close(p[1]);
}

/* ---- large transfers ---------------------------------------------------- */

#define BIG (1024 * 1024)

static unsigned char stream_byte(size_t i)
{
	return (unsigned char)(i * 2654435761u >> 13);
}

static uint32_t fnv1a(uint32_t hash, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hash = (hash ^ p[i]) * 16777619u;
	return hash;
}

TEST(one_mib_between_two_processes)
{
	static unsigned char buf[9000];
	uint32_t want = 2166136261u, got = 2166136261u;
	size_t total = 0, chunk = 1;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		size_t done = 0;

		close(p[0]);
		/* Chunks of every size from 1 to 8999 bytes, in turn. */
		while (done < BIG) {
			size_t n = chunk < BIG - done ? chunk : BIG - done;

			for (size_t i = 0; i < n; i++)
				buf[i] = stream_byte(done + i);
			if (write_all(p[1], buf, n) < 0)
				_exit(1);
			done += n;
			chunk = chunk * 7 % 8999 + 1;
		}
		_exit(0);
	}
	close(p[1]);
	for (size_t i = 0; i < BIG; i++) {
		unsigned char b = stream_byte(i);

		want = fnv1a(want, &b, 1);
	}
	for (;;) {
		ssize_t n = read(p[0], buf, chunk);

		if (n <= 0) {
			EXPECT_EQ(n, 0);
			break;
		}
		got = fnv1a(got, buf, (size_t)n);
		total += (size_t)n;
		chunk = chunk * 5 % 8191 + 1;
	}
	EXPECT_EQ(total, BIG);
	EXPECT_EQ(got, want);
	EXPECT_EQ(reap(pid), 0);
	close(p[0]);
}

/* ---- O_NONBLOCK and the capacity ---------------------------------------- */

TEST(nonblocking_read_of_empty_pipe_is_eagain)
{
	char c;
	int p[2];

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	EXPECT_TRUE(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	EXPECT_ERRNO(read(p[0], &c, 1), EAGAIN);
	close(p[1]);
	EXPECT_EQ(read(p[0], &c, 1), 0);        /* end of file beats EAGAIN */
	close(p[0]);
}

TEST(nonblocking_write_fills_64k_then_eagain)
{
	static char block[PIPE_BUF];
	size_t total = 0;
	ssize_t n;
	int p[2];

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	memset(block, 'z', sizeof(block));
	while ((n = write(p[1], block, sizeof(block))) > 0)
		total += (size_t)n;
	EXPECT_EQ(n, -1);
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(total, PIPE_CAPACITY);
	EXPECT_ERRNO(write(p[1], "x", 1), EAGAIN);
	/* Room for one block again. */
	EXPECT_EQ(read(p[0], block, sizeof(block)), PIPE_BUF);
	EXPECT_EQ(write(p[1], block, sizeof(block)), PIPE_BUF);
	EXPECT_ERRNO(write(p[1], "x", 1), EAGAIN);
	close(p[0]);
	close(p[1]);
}

/*
 * A write longer than PIPE_BUF takes what room there is: here all of it
 * (65535 bytes), on Linux whole pages only (61440), the byte already in
 * keeping its page to itself.
 */
TEST(nonblocking_long_write_is_partial)
{
	static char big[PIPE_CAPACITY];
	ssize_t n;
	int p[2];

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	n = write(p[1], big, sizeof(big));
	EXPECT_GE(n, PIPE_CAPACITY - PIPE_BUF);
	EXPECT_LT(n, PIPE_CAPACITY);
	close(p[0]);
	close(p[1]);
}

/* Two writers of PIPE_BUF-byte blocks: every block arrives whole. */
TEST(pipe_buf_writes_do_not_interleave)
{
	enum { BLOCKS = 64 };
	static char buf[PIPE_BUF];
	const char letters[2] = { 'a', 'b' };
	int p[2], count[2] = { 0, 0 }, torn = 0;
	pid_t pids[2];

	ASSERT_EQ(pipe(p), 0);
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		ASSERT_GE(pids[w], 0);
		if (pids[w] == 0) {
			close(p[0]);
			memset(buf, letters[w], sizeof(buf));
			for (int i = 0; i < BLOCKS; i++)
				if (write(p[1], buf, sizeof(buf)) != PIPE_BUF)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	while (read_full(p[0], buf, sizeof(buf)) == sizeof(buf)) {
		int w = buf[0] == 'b';

		count[w]++;
		for (size_t i = 1; i < sizeof(buf); i++)
			torn |= buf[i] != letters[w];
	}
	EXPECT_EQ(torn, 0);
	EXPECT_EQ(count[0], BLOCKS);
	EXPECT_EQ(count[1], BLOCKS);
	EXPECT_EQ(reap(pids[0]), 0);
	EXPECT_EQ(reap(pids[1]), 0);
	close(p[0]);
}

/* ---- close-on-exec ------------------------------------------------------ */

/* Exec this program in its helper mode on the fds: the bits of those
 * still open there (bit i for fds[i]), or -1. */
static int open_after_exec(const int *fds, int n)
{
	char args[4][12];
	char *argv[2 + 4 + 1] = { (char *)self, HELPER_FLAG };
	int status;
	pid_t pid;

	for (int i = 0; i < n; i++) {
		snprintf(args[i], sizeof(args[i]), "%d", fds[i]);
		argv[2 + i] = args[i];
	}
	argv[2 + n] = NULL;
	pid = fork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	status = pid < 0 ? -1 : reap(pid);
	return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int helper_main(int argc, char **argv)
{
	int open_bits = 0;

	for (int i = 2; i < argc; i++)
		if (fcntl(atoi(argv[i]), F_GETFD) >= 0)
			open_bits |= 1 << (i - 2);
	return open_bits;
}

TEST(close_on_exec_closes_only_marked_descriptors)
{
	int c[2], p[2], fds[4];

	ASSERT_EQ(pipe2(c, O_CLOEXEC), 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(fcntl(c[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(p[0], F_GETFD), 0);
	ASSERT_EQ(fcntl(p[1], F_SETFD, FD_CLOEXEC), 0);
	/* dup2's copy does not inherit the flag. */
	ASSERT_EQ(dup2(c[1], 30), 30);
	EXPECT_EQ(fcntl(30, F_GETFD), 0);

	fds[0] = c[0];
	fds[1] = c[1];
	fds[2] = p[0];
	fds[3] = p[1];
	EXPECT_EQ(open_after_exec(fds, 4), 1 << 2);
	fds[0] = 30;
	EXPECT_EQ(open_after_exec(fds, 1), 1);
	close(c[0]);
	close(c[1]);
	close(p[0]);
	close(p[1]);
	close(30);
}

/* ---- interrupted by a signal -------------------------------------------- */

/* A child that sends SIGUSR1 to us every 10 ms, `count` times (forever if
 * 0), then writes "done" into fd. */
static pid_t start_signaller(int count, int fd)
{
	pid_t target = getpid(), pid = fork();

	if (pid == 0) {
		for (int i = 0; count == 0 || i < count; i++) {
			usleep(10000);
			kill(target, SIGUSR1);
		}
		write(fd, "done", 4);
		_exit(0);
	}
	return pid;
}

static void catch_sigusr1(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_signal;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
	signals_seen = 0;
}

TEST(blocked_read_and_write_fail_with_eintr_without_sa_restart)
{
	static char fill[PIPE_CAPACITY];
	char c;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	catch_sigusr1(0);
	pid = start_signaller(0, p[1]);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(read(p[0], &c, 1), EINTR);
	EXPECT_GE(signals_seen, 1);
	/* A full pipe: the next write sleeps until a signal comes. */
	ASSERT_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	while (write(p[1], fill, sizeof(fill)) > 0)
		;
	ASSERT_EQ(fcntl(p[1], F_SETFL, 0), 0);
	EXPECT_ERRNO(write(p[1], "x", 1), EINTR);
	kill(pid, SIGKILL);
	reap(pid);
	close(p[0]);
	close(p[1]);
}

TEST(blocked_read_restarts_with_sa_restart)
{
	char buf[8] = "";
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	catch_sigusr1(SA_RESTART);
	pid = start_signaller(5, p[1]);
	ASSERT_GE(pid, 0);
	/* Every signal came while this read slept, or before it: either
	 * way it goes on until the data. */
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 4);
	EXPECT_EQ(memcmp(buf, "done", 4), 0);
	EXPECT_GE(signals_seen, 1);
	EXPECT_EQ(reap(pid), 0);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], HELPER_FLAG) == 0)
		return helper_main(argc, argv);
	self = access("/tests/pipe", X_OK) == 0 ? "/tests/pipe" : "/proc/self/exe";
	return run_tests();
}
