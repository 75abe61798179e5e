/* Wrappers for the file and descriptor system calls. */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_read, fd, (long)buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_write, fd, (long)buf, count));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return __syscall_ret(__syscall4(__NR_pread64, fd, (long)buf, count,
					offset));
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall3(__NR_readv, fd, (long)iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall3(__NR_writev, fd, (long)iov, iovcnt));
}

/* The mode argument exists only when O_CREAT asks for it. */
static mode_t open_mode(int flags, va_list ap)
{
	return flags & O_CREAT ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall3(__NR_open, (long)path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall4(__NR_openat, dirfd, (long)path, flags,
					mode));
}

int close(int fd)
{
	return __syscall_ret(__syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall3(__NR_lseek, fd, offset, whence));
}

int pipe(int fds[2])
{
	return __syscall_ret(__syscall1(__NR_pipe, (long)fds));
}

int pipe2(int fds[2], int flags)
{
	return __syscall_ret(__syscall2(__NR_pipe2, (long)fds, flags));
}

int dup(int fd)
{
	return __syscall_ret(__syscall1(__NR_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return __syscall_ret(__syscall2(__NR_dup2, oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return __syscall_ret(__syscall3(__NR_dup3, oldfd, newfd, flags));
}

/* Every command takes at most one argument, an int or a pointer: read it
 * as a long, which the kernel ignores when the command has none. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall3(__NR_fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall3(__NR_ioctl, fd, request, arg));
}

/* A terminal is what answers a terminal's request. */
int isatty(int fd)
{
	struct winsize ws;

	return ioctl(fd, TIOCGWINSZ, &ws) == 0;
}

int access(const char *path, int mode)
{
	return __syscall_ret(__syscall2(__NR_access, (long)path, mode));
}

int chdir(const char *path)
{
	return __syscall_ret(__syscall1(__NR_chdir, (long)path));
}

int fchdir(int fd)
{
	return __syscall_ret(__syscall1(__NR_fchdir, fd));
}

/* The system call returns the length; the C function returns buf. */
char *getcwd(char *buf, size_t size)
{
	if (__syscall_ret(__syscall2(__NR_getcwd, (long)buf, size)) < 0)
		return NULL;
	return buf;
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return __syscall_ret(__syscall2(__NR_stat, (long)path, (long)st));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return __syscall_ret(__syscall2(__NR_lstat, (long)path, (long)st));
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(__syscall2(__NR_fstat, fd, (long)st));
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
	    int flags)
{
	return __syscall_ret(__syscall4(__NR_newfstatat, dirfd, (long)path,
					(long)st, flags));
}

ssize_t getdents64(int fd, void *buf, size_t size)
{
	return __syscall_ret(__syscall3(__NR_getdents64, fd, (long)buf, size));
}

ssize_t getrandom(void *buf, size_t size, unsigned flags)
{
	return __syscall_ret(__syscall3(__NR_getrandom, (long)buf, size,
					flags));
}
