/*
 * Every pointer a system call takes, given a bad one, gives -1 with errno
 * EFAULT, and the program (and the kernel) go on. The bad pointers: NULL,
 * an unmapped user address, the last bytes below the top of user space
 * (the buffer runs past it), a non-canonical address, and kernel addresses
 * (the direct map and the kernel image).
 *
 * Calls go through syscall() so no libc wrapper (or vDSO) touches the
 * pointer first. Where Linux accepts NULL (gettimeofday's tv, sigaction's
 * act/oact, sigprocmask's set/oset, wait4's status/rusage, execve's argv and
 * envp), NULL is left out: those calls are checked with the others only.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const struct {
	const char *what;
	uintptr_t addr;
} bad[] = {
	{ "NULL", 0 },
	{ "unmapped user", 0x10000 },
	{ "end of user space", 0x7ffffffffffcUL },
	{ "non-canonical", 0x0000800000000000UL },
	{ "kernel direct map", 0xffff800000000000UL },
	{ "kernel image", 0xffffffff80100000UL },
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

/* call, with p each bad pointer from index first on, fails with EFAULT. */
#define EXPECT_EFAULT_FROM(first, call)                                       \
	do {                                                                  \
		for (unsigned i_ = (first); i_ < NBAD; i_++) {                \
			void *p = (void *)bad[i_].addr;                       \
			errno = 0;                                            \
			long r_ = (long)(call);                               \
			int e_ = errno;                                       \
			if (r_ != -1 || e_ != EFAULT)                         \
				printf("    # %s with the %s pointer: %ld, "  \
				       "errno %d\n", #call, bad[i_].what,     \
				       r_, e_);                               \
			EXPECT_EQ(r_, -1);                                    \
			EXPECT_EQ(e_, EFAULT);                                \
		}                                                             \
	} while (0)
#define EXPECT_EFAULT(call)         EXPECT_EFAULT_FROM(0, call)
#define EXPECT_EFAULT_NOT_NULL(call) EXPECT_EFAULT_FROM(1, call)

/* This program's own file: on the kernel's initrd, else Linux's view. */
static const char *self_path(void)
{
	int fd = open("/tests/efault", O_RDONLY);
	if (fd < 0)
		return "/proc/self/exe";
	close(fd);
	return "/tests/efault";
}

static int open_self(void)
{
	return open(self_path(), O_RDONLY);
}

#define ARCH_GET_FS_ 0x1003

TEST(read_buffer)
{
	int fd = open_self();
	ASSERT_GE(fd, 0);
	EXPECT_EFAULT(syscall(__NR_read, fd, p, 16));
	struct iovec iov = { NULL, 16 };
	EXPECT_EFAULT(syscall(__NR_readv, fd, p, 1));
	EXPECT_EFAULT((iov.iov_base = p, syscall(__NR_readv, fd, &iov, 1)));
	close(fd);
}

/* Into a pipe if there are pipes, else onto the console. */
TEST(write_buffer)
{
	int fds[2];
	int fd = 1;
	if (syscall(__NR_pipe, fds) == 0)
		fd = fds[1];
	EXPECT_EFAULT(syscall(__NR_write, fd, p, 16));
	struct iovec iov = { NULL, 16 };
	EXPECT_EFAULT(syscall(__NR_writev, fd, p, 1));
	EXPECT_EFAULT((iov.iov_base = p, syscall(__NR_writev, fd, &iov, 1)));
}

TEST(open_path)
{
	EXPECT_EFAULT(syscall(__NR_open, p, O_RDONLY));
	EXPECT_EFAULT(syscall(__NR_openat, (long)AT_FDCWD, p, O_RDONLY));
}

TEST(stat_path_and_buffer)
{
	static char st[256];	/* larger than struct stat */
	EXPECT_EFAULT(syscall(__NR_stat, p, st));
	EXPECT_EFAULT(syscall(__NR_stat, "/", p));
	EXPECT_EFAULT(syscall(__NR_newfstatat, (long)AT_FDCWD, p, st, 0));
	EXPECT_EFAULT(syscall(__NR_newfstatat, (long)AT_FDCWD, "/", p, 0));
	int fd = open_self();
	ASSERT_GE(fd, 0);
	EXPECT_EFAULT(syscall(__NR_fstat, fd, p));
	close(fd);
}

TEST(getdents64_buffer)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	ASSERT_GE(fd, 0);
	EXPECT_EFAULT(syscall(__NR_getdents64, fd, p, 4096));
	close(fd);
}

TEST(execve_path_argv_envp)
{
	const char *self = self_path();
	char *argv[] = { (char *)self, "--efault-exec", NULL };
	char *envp[] = { NULL };
	EXPECT_EFAULT(syscall(__NR_execve, p, argv, envp));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_execve, self, p, envp));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_execve, self, argv, p));
	EXPECT_EFAULT_NOT_NULL((argv[1] = p, syscall(__NR_execve, self,
						     argv, envp)));
	argv[1] = NULL;
	EXPECT_EFAULT_NOT_NULL((envp[0] = p, syscall(__NR_execve, self,
						     argv, envp)));
}

/* The status (or rusage) cannot be stored: EFAULT, yet the child is
 * reaped all the same, as on Linux. */
static long wait_with(int use_rusage, void *ptr)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(3);
	if (pid < 0)
		return -2;
	int status;
	long r = use_rusage ? syscall(__NR_wait4, pid, &status, 0, ptr)
			    : syscall(__NR_wait4, pid, ptr, 0, NULL);
	int e = errno;
	if (syscall(__NR_wait4, pid, NULL, 0, NULL) != -1 || errno != ECHILD)
		return -3;	/* still there to be waited for */
	errno = e;
	return r;
}

TEST(wait4_status_and_rusage)
{
	EXPECT_EFAULT_NOT_NULL(wait_with(0, p));
	EXPECT_EFAULT_NOT_NULL(wait_with(1, p));
}

TEST(uname_buffer)
{
	EXPECT_EFAULT(syscall(__NR_uname, p));
}

TEST(clock_gettime_and_gettimeofday)
{
	struct timeval tv;
	EXPECT_EFAULT(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, p));
	EXPECT_EFAULT(syscall(__NR_clock_gettime, CLOCK_REALTIME, p));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_gettimeofday, p, NULL));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_gettimeofday, &tv, p));
}

TEST(getrusage_buffer)
{
	EXPECT_EFAULT(syscall(__NR_getrusage, RUSAGE_SELF, p));
	EXPECT_EFAULT(syscall(__NR_getrusage, (long)RUSAGE_CHILDREN, p));
}

TEST(pipe_fds)
{
	int fds[2];
	if (syscall(__NR_pipe, fds) != 0 && errno == ENOSYS) {
		printf("    # no pipes yet: nothing to check\n");
		return;
	}
	EXPECT_EFAULT(syscall(__NR_pipe, p));
}

TEST(getrandom_buffer)
{
	EXPECT_EFAULT(syscall(__NR_getrandom, p, 16, 0));
}

TEST(getcwd_buffer)
{
	EXPECT_EFAULT(syscall(__NR_getcwd, p, 256));
}

TEST(nanosleep_request)
{
	EXPECT_EFAULT(syscall(__NR_nanosleep, p, NULL));
}

TEST(sigaction_and_sigprocmask)
{
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_rt_sigaction, SIGUSR1, p, NULL, 8));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_rt_sigaction, SIGUSR1, NULL, p, 8));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_rt_sigprocmask, SIG_BLOCK, p,
				       NULL, 8));
	EXPECT_EFAULT_NOT_NULL(syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL,
				       p, 8));
}

TEST(arch_prctl_get_fs)
{
	EXPECT_EFAULT(syscall(__NR_arch_prctl, ARCH_GET_FS_, p));
}

/* After all that, the process still works normally. */
TEST(still_alive)
{
	char buf[8];
	int fd = open_self();
	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, 4), 4);
	EXPECT_EQ(memcmp(buf, "\x7f" "ELF", 4), 0);
	close(fd);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)	/* exec'd by a kernel that took a bad pointer */
		return 99;
	return run_tests();
}
