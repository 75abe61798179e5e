/*
 * Open files and descriptor tables (include/fs.h), and the system calls
 * on descriptors themselves: close, dup, dup2, dup3, fcntl. The checks
 * follow Linux's fs/open.c, fs/file.c and fs/fcntl.c, in their order, so
 * that a program sees the same errno here as on Linux. kernel/open.c has
 * the calls that take paths, kernel/read_write.c those that move data.
 *
 * A struct file is shared by every descriptor that dup or fork made from
 * the same open, hence its reference count. A system call holds its own
 * reference (fget) while it works, so a close by another task sharing the
 * table cannot free the file under it.
 */
#include "fs.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* fcntl(F_SETFL) changes only these (Linux's SETFL_MASK, less what a
 * file here cannot do). */
#define SETFL_MASK   (O_APPEND | O_NONBLOCK)

static struct kmem_cache *file_cache, *files_cache;

void files_init(void)
{
	file_cache = kmem_cache_create("file", sizeof(struct file), 0, SLAB_PANIC);
	files_cache = kmem_cache_create("files_struct", sizeof(struct files_struct),
					0, SLAB_PANIC);
}

int copy_to_kernel(void *dst, const void *src, size_t size)
{
	memcpy(dst, src, size);
	return 0;
}

/* ================================ Open files ============================== */

struct file *file_alloc(const struct file_operations *ops, struct inode *inode,
			unsigned flags)
{
	struct file *file = kmem_cache_alloc(file_cache, GFP_KERNEL | __GFP_ZERO);

	if (!file)
		return NULL;
	file->ops = ops;
	file->inode = inode;
	inode_get(inode);
	file->refcount = 1;
	file->flags = flags;
	return file;
}

void file_get(struct file *file)
{
	__atomic_add_fetch(&file->refcount, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *file)
{
	if (__atomic_sub_fetch(&file->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	/* A pipe's release may free its inode: whether there is a
	 * reference to drop is known before. */
	struct inode *inode = file->inode;
	bool referenced = inode && inode->put;

	if (file->ops->release)
		file->ops->release(file);
	if (referenced)
		inode_put(inode);
	kmem_cache_free(file_cache, file);
}

/*
 * Linux's do_open and may_open, for a read-only file system: what needs
 * writing is -EROFS (sb_permission) for files and directories alike, but
 * -EISDIR first for a directory; a device stays writable.
 */
static int open_check(const struct inode *inode, unsigned flags)
{
	bool dir = S_ISDIR(inode->mode);
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if (flags & O_CREAT) {
		if (flags & O_EXCL)
			return -EEXIST;
		if (dir)
			return -EISDIR;
	}
	if ((flags & O_DIRECTORY) && !dir)
		return -ENOTDIR;
	if (S_ISREG(inode->mode) && (flags & O_TRUNC))
		return -EROFS;
	if (dir && write)
		return -EISDIR;
	if (write && (S_ISREG(inode->mode) || dir))
		return -EROFS;
	return 0;
}

struct file *inode_open(struct inode *inode, unsigned flags, int *err)
{
	struct file *file;

	*err = open_check(inode, flags);
	if (*err)
		return NULL;
	/* What F_GETFL shows: the open-time flags are gone, and a 64-bit
	 * kernel always adds O_LARGEFILE. */
	flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	file = file_alloc(inode->fops, inode, flags | O_LARGEFILE);
	if (!file)
		*err = -ENOMEM;
	return file;
}

struct file *file_open(const char *path, unsigned flags, int *err)
{
	struct inode *inode = path_lookup(path, err);
	struct file *file;

	if (!inode)
		return NULL;
	file = inode_open(inode, flags, err);
	inode_put(inode);
	return file;
}

long kernel_read(struct file *file, void *buf, size_t count, uint64_t offset)
{
	if (!S_ISREG(file->inode->mode))
		return -EINVAL;
	return inode_read(file->inode, buf, count, offset, copy_to_kernel);
}

/* ============================ Descriptor tables =========================== */

static struct files_struct *files_alloc(void)
{
	struct files_struct *files = kmem_cache_alloc(files_cache, GFP_KERNEL | __GFP_ZERO);

	if (files)
		files->refcount = 1;
	return files;
}

struct files_struct *files_alloc_console(void)
{
	struct files_struct *files = files_alloc();
	struct file *console;
	int err;

	if (!files)
		return NULL;
	/* As Linux's init: one open of the console, dup'ed to 1 and 2. */
	console = inode_open(&console_inode, O_RDWR, &err);
	if (!console) {
		kmem_cache_free(files_cache, files);
		return NULL;
	}
	files->fd[0] = files->fd[1] = files->fd[2] = console;
	file_get(console);
	file_get(console);
	return files;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files)
		return NULL;
	bool flags = spin_lock_irqsave(&old->lock);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		files->fd[fd] = old->fd[fd];
		if (files->fd[fd])
			file_get(files->fd[fd]);
	}
	files->close_on_exec = old->close_on_exec;
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

void files_put(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			file_put(files->fd[fd]);
	kmem_cache_free(files_cache, files);
}

void files_close_on_exec(struct files_struct *files)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->close_on_exec & (1ULL << fd))
			fd_close(files, fd);
}

static void set_cloexec(struct files_struct *files, int fd, bool on)
{
	if (on)
		files->close_on_exec |= 1ULL << fd;
	else
		files->close_on_exec &= ~(1ULL << fd);
}

int fd_alloc(struct files_struct *files, struct file *file, unsigned minfd, bool cloexec)
{
	int ret = -EMFILE;
	bool flags = spin_lock_irqsave(&files->lock);

	for (unsigned fd = minfd; fd < NR_OPEN; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = file;
			set_cloexec(files, (int)fd, cloexec);
			ret = (int)fd;
			break;
		}
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return ret;
}

/* fd (valid) now holds file, with the caller's reference; returns what
 * it held before, for the caller to put (dup2 closes it quietly). */
static struct file *fd_replace(struct files_struct *files, int fd, struct file *file,
			       bool cloexec)
{
	bool flags = spin_lock_irqsave(&files->lock);
	struct file *old = files->fd[fd];

	files->fd[fd] = file;
	set_cloexec(files, fd, cloexec);
	spin_unlock_irqrestore(&files->lock, flags);
	return old;
}

int fd_close(struct files_struct *files, int fd)
{
	struct file *file;

	if ((unsigned)fd >= NR_OPEN)
		return -EBADF;
	bool flags = spin_lock_irqsave(&files->lock);
	file = files->fd[fd];
	files->fd[fd] = NULL;
	set_cloexec(files, fd, false);
	spin_unlock_irqrestore(&files->lock, flags);
	if (!file)
		return -EBADF;
	file_put(file);         /* outside the lock: release may sleep */
	return 0;
}

struct file *fd_file(int fd)
{
	return (unsigned)fd < NR_OPEN ? current->files->fd[fd] : NULL;
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;
	struct file *file;

	if ((unsigned)fd >= NR_OPEN)
		return NULL;
	bool flags = spin_lock_irqsave(&files->lock);
	file = files->fd[fd];
	if (file)
		file_get(file);
	spin_unlock_irqrestore(&files->lock, flags);
	return file;
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(current->files, fd);
}

SYSCALL_DEFINE1(dup, int, oldfd)
{
	struct file *file = fget(oldfd);
	int fd;

	if (!file)
		return -EBADF;
	fd = fd_alloc(current->files, file, 0, false);
	if (fd < 0)
		file_put(file);
	return fd;
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	struct file *file, *old;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if ((unsigned)newfd >= NR_OPEN)
		return -EBADF;
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	old = fd_replace(current->files, newfd, file, flags & O_CLOEXEC);
	if (old)
		file_put(old);
	return newfd;
}

/* dup3 without flags, except that oldfd == newfd is fine if it is open. */
SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	if (oldfd == newfd) {
		struct file *file = fget(oldfd);

		if (!file)
			return -EBADF;
		file_put(file);
		return newfd;
	}
	return do_sys_dup3(oldfd, newfd, 0);
}

static long do_fcntl(int fd, struct file *file, unsigned cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	bool flags;
	long ret;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* Linux reads arg as an int, then compares it unsigned. */
		if ((unsigned)(int)arg >= NR_OPEN)
			return -EINVAL;
		file_get(file);
		ret = fd_alloc(files, file, (unsigned)arg, cmd == F_DUPFD_CLOEXEC);
		if (ret < 0)
			file_put(file);
		return ret;
	case F_GETFD:
	case F_SETFD:
		flags = spin_lock_irqsave(&files->lock);
		ret = -EBADF;           /* unless it is still open */
		if (files->fd[fd] == file && cmd == F_GETFD)
			ret = files->close_on_exec >> fd & 1 ? FD_CLOEXEC : 0;
		if (files->fd[fd] == file && cmd == F_SETFD) {
			set_cloexec(files, fd, arg & FD_CLOEXEC);
			ret = 0;
		}
		spin_unlock_irqrestore(&files->lock, flags);
		return ret;
	case F_GETFL:
		return file->flags;
	case F_SETFL:
		/* Other bits are ignored, as Linux does. */
		file->flags = (file->flags & ~SETFL_MASK) | ((unsigned)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(fcntl, int, fd, unsigned, cmd, unsigned long, arg)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = do_fcntl(fd, file, cmd, arg);
	file_put(file);
	return ret;
}
