/*
 * The system calls that move data through an open file: read, write,
 * readv, writev, pread64, lseek, getdents64, ioctl. Each checks what
 * Linux's fs/read_write.c, fs/readdir.c and fs/ioctl.c check, in the same
 * order, then hands over to the file's operations.
 */
#include "fs.h"
#include "mm.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* Linux's limit on one read or write: INT_MAX rounded down to a page. A
 * longer request is shortened, not refused. */
#define MAX_RW_COUNT ((size_t)0x7fffffff & ~(PAGE_SIZE - 1))
#define IOV_MAX      1024               /* UIO_MAXIOV */
#define UIO_FASTIOV  8                  /* iovecs kept on the stack */

/* struct iovec of include/uapi/linux/uio.h. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

static size_t rw_count(size_t count)
{
	return count < MAX_RW_COUNT ? count : MAX_RW_COUNT;
}

/* vfs_read / vfs_write before the transfer: the open mode (-EBADF), then
 * whether the file can do it at all (-EINVAL). */
static long rw_check(const struct file *file, bool write)
{
	unsigned mode = file->flags & O_ACCMODE;
	bool allowed = mode == O_RDWR || mode == (write ? O_WRONLY : O_RDONLY);

	if (!allowed)
		return -EBADF;
	if (write ? !file->ops->write : !file->ops->read)
		return -EINVAL;
	return 0;
}

/* One transfer; buf has passed access_ok for count bytes. */
static long rw(struct file *file, void __user *buf, size_t count, bool write)
{
	return write ? file->ops->write(file, buf, count) : file->ops->read(file, buf, count);
}

/* After those checks a buffer running past the end of user space is
 * -EFAULT (access_ok in vfs_read), so a count above SSIZE_MAX is -EFAULT
 * too: it never reaches rw_verify_area's -EINVAL. */
static long do_rw(int fd, void __user *buf, size_t count, bool write)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = rw_check(file, write);
	if (!ret)
		ret = access_ok(buf, count) ? rw(file, buf, rw_count(count), write) : -EFAULT;
	file_put(file);
	return ret;
}

SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
{
	return do_rw(fd, buf, count, false);
}

SYSCALL_DEFINE3(write, int, fd, const char __user *, buf, size_t, count)
{
	return do_rw(fd, (void __user *)buf, count, true);
}

/*
 * Linux's import_iovec: the array is copied in once; a length that is
 * negative as an ssize_t is -EINVAL, then a segment outside user space
 * -EFAULT (so no sum of lengths can overflow), and the total is cut down to
 * MAX_RW_COUNT. Then each segment in turn, stopping at a short transfer
 * (do_loop_readv_writev): the bytes moved, or the first error if none.
 */
static long rw_vec(struct file *file, struct iovec *iov, unsigned long vlen, bool write)
{
	size_t total = 0;
	long done = 0;

	for (unsigned long i = 0; i < vlen; i++)
		if ((long)iov[i].iov_len < 0)
			return -EINVAL;
	for (unsigned long i = 0; i < vlen; i++) {
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			return -EFAULT;
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	long ret = rw_check(file, write);
	if (ret)
		return ret;
	for (unsigned long i = 0; i < vlen; i++) {
		if (iov[i].iov_len == 0)
			continue;
		ret = rw(file, iov[i].iov_base, iov[i].iov_len, write);
		if (ret < 0)
			return done ? done : ret;
		done += ret;
		if ((size_t)ret < iov[i].iov_len)
			break;
	}
	return done;
}

static long do_rw_vec(int fd, const struct iovec __user *uvec, unsigned long vlen,
		      bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = vlen > IOV_MAX ? -EINVAL : 0;
	if (!ret && vlen > UIO_FASTIOV) {
		iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
		ret = iov ? 0 : -ENOMEM;
	}
	if (!ret)
		ret = copy_from_user(iov, uvec, vlen * sizeof(*iov));
	if (!ret)
		ret = rw_vec(file, iov, vlen, write);
	if (iov != fast)
		kfree(iov);
	file_put(file);
	return ret;
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_rw_vec(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_rw_vec(fd, vec, vlen, true);
}

/* A file without positions (the tty, a pipe) is -ESPIPE; a negative
 * position, or an end beyond what an off_t holds, -EINVAL (Linux's
 * rw_verify_area). */
SYSCALL_DEFINE4(pread64, int, fd, char __user *, buf, size_t, count, long, pos)
{
	struct file *file;
	long ret, end;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = file->ops->pread ? rw_check(file, false) : -ESPIPE;
	if (!ret && !access_ok(buf, count))
		ret = -EFAULT;
	if (!ret && __builtin_add_overflow(pos, (long)count, &end))
		ret = -EINVAL;
	if (!ret)
		ret = file->ops->pread(file, buf, rw_count(count), (uint64_t)pos);
	file_put(file);
	return ret;
}

SYSCALL_DEFINE3(lseek, int, fd, long, offset, unsigned, whence)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	if (whence > SEEK_HOLE)
		ret = -EINVAL;
	else
		ret = file->ops->llseek ? file->ops->llseek(file, offset, (int)whence) : -ESPIPE;
	file_put(file);
	return ret;
}

/* count is an unsigned int in Linux's prototype: larger values wrap. */
SYSCALL_DEFINE3(getdents64, int, fd, void __user *, dirents, unsigned, count)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->ops->getdents64 ? file->ops->getdents64(file, dirents, count) : -ENOTDIR;
	file_put(file);
	return ret;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned, cmd, unsigned long, arg)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->ops->ioctl ? file->ops->ioctl(file, cmd, arg) : -ENOTTY;
	file_put(file);
	return ret;
}
