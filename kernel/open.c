/*
 * The system calls that take a path: open, openat, stat, lstat, fstat,
 * newfstatat, access, chdir, fchdir, getcwd (Linux's fs/open.c,
 * fs/stat.c, fs/d_path.c, whose checks and their order they follow).
 * The working directory is a referenced inode in the task (NULL: /),
 * inherited at fork, kept at exec. There are no symbolic links, so lstat
 * is stat.
 */
#include "fs.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* The initrd's device number: one file system, no real device. */
#define INITRD_DEV 1

/* The inode open at fd, referenced (inode_put when done). */
static struct inode *fd_inode(int fd, int *err)
{
	struct file *file = fget(fd);
	struct inode *inode;

	if (!file) {
		*err = -EBADF;
		return NULL;
	}
	inode = file->inode;
	inode_get(inode);
	file_put(file);
	return inode;
}

/*
 * Resolve a user path as the *at() calls do: from the directory open at
 * dfd, or the working directory for AT_FDCWD, unless it is absolute (then
 * dfd is not even looked at); "" is -ENOENT, or dfd itself with
 * AT_EMPTY_PATH. dirp as for path_lookupat. The inode is referenced:
 * inode_put it when done.
 */
static struct inode *user_path_at(int dfd, const char __user *upath, unsigned at_flags,
				  struct inode **dirp, int *err)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *base = working_directory(), *inode = NULL;
	bool base_ref = false;
	long len;

	if (dirp)
		*dirp = NULL;
	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(path, upath, PATH_MAX);
	*err = len < 0 ? (int)len : 0;
	if (len == 0 && !(at_flags & AT_EMPTY_PATH))
		*err = -ENOENT;
	if (*err)
		goto out;
	if (path[0] != '/' && dfd != AT_FDCWD) {
		base = fd_inode(dfd, err);
		if (!base)
			goto out;
		base_ref = true;
	}
	if (len == 0) {
		inode = base;           /* AT_EMPTY_PATH: dfd (or cwd) itself */
		inode_get(inode);
		goto out;
	}
	if (!S_ISDIR(base->mode)) {
		*err = -ENOTDIR;
		goto out;
	}
	inode = path_lookupat(base, path, dirp, err);
out:
	if (base_ref)
		inode_put(base);
	kfree(path);
	return inode;
}

static long do_openat(int dfd, const char __user *upath, int flags)
{
	struct inode *inode, *dir;
	struct file *file;
	int err, fd;

	inode = user_path_at(dfd, upath, 0, &dir, &err);
	if (!inode) {
		/* Creating a missing file in an existing directory of a
		 * read-only file system: Linux's lookup_open says -EROFS. */
		return err == -ENOENT && dir && (flags & O_CREAT) ? -EROFS : err;
	}
	file = inode_open(inode, (unsigned)flags, &err);
	inode_put(inode);
	if (!file)
		return err;
	fd = fd_alloc(current->files, file, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(file);
	return fd;
}

/* mode only matters when O_CREAT creates a file, which never happens. */
SYSCALL_DEFINE3(open, const char __user *, path, int, flags, unsigned, mode)
{
	(void)mode;
	return do_openat(AT_FDCWD, path, flags);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, path, int, flags, unsigned, mode)
{
	(void)mode;
	return do_openat(dfd, path, flags);
}

void inode_stat(const struct inode *inode, struct stat *st)
{
	const struct inode *child;
	uint64_t nlink = 1;

	/* A directory is linked from its parent, its own ".", and the ".."
	 * of each subdirectory. */
	if (S_ISDIR(inode->mode)) {
		nlink = 2;
		list_for_each_entry(child, &inode->children, sibling)
			nlink += S_ISDIR(child->mode);
	}
	memset(st, 0, sizeof(*st));
	st->st_dev = INITRD_DEV;
	st->st_ino = inode->ino;
	st->st_nlink = nlink;
	st->st_mode = inode->mode;
	st->st_rdev = inode->rdev;
	st->st_size = (int64_t)inode->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (int64_t)(inode->nr_pages * (PAGE_SIZE / 512));
}

static long stat_to_user(const struct inode *inode, struct stat __user *buf)
{
	struct stat st;

	inode_stat(inode, &st);
	return copy_to_user(buf, &st, sizeof(st));
}

static long do_fstatat(int dfd, const char __user *path, struct stat __user *buf,
		       int flags)
{
	struct inode *inode;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	inode = user_path_at(dfd, path, (unsigned)flags, NULL, &err);
	if (!inode)
		return err;
	long ret = stat_to_user(inode, buf);
	inode_put(inode);
	return ret;
}

SYSCALL_DEFINE2(stat, const char __user *, path, struct stat __user *, buf)
{
	return do_fstatat(AT_FDCWD, path, buf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, path, struct stat __user *, buf)
{
	return do_fstatat(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, path,
		struct stat __user *, buf, int, flags)
{
	return do_fstatat(dfd, path, buf, flags);
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat __user *, buf)
{
	int err;
	struct inode *inode = fd_inode(fd, &err);

	if (!inode)
		return err;
	long ret = stat_to_user(inode, buf);
	inode_put(inode);
	return ret;
}

/*
 * The caller is root (uid 0): reading is always allowed, executing needs
 * an x bit on anything but a directory, writing the initrd is -EROFS
 * (checked first, as in Linux's inode_permission).
 */
SYSCALL_DEFINE2(access, const char __user *, path, int, mode)
{
	struct inode *inode;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	inode = user_path_at(AT_FDCWD, path, 0, NULL, &err);
	if (!inode)
		return err;
	err = 0;
	if ((mode & W_OK) && (S_ISREG(inode->mode) || S_ISDIR(inode->mode)))
		err = -EROFS;
	else if ((mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
		err = -EACCES;
	inode_put(inode);
	return err;
}

/* Make dir (referenced; ours now) the working directory. */
static long set_working_directory(struct inode *dir)
{
	struct inode *old = current->cwd;

	if (!S_ISDIR(dir->mode)) {
		inode_put(dir);
		return -ENOTDIR;
	}
	current->cwd = dir;
	if (old)
		inode_put(old);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, path)
{
	int err;
	struct inode *dir = user_path_at(AT_FDCWD, path, 0, NULL, &err);

	return dir ? set_working_directory(dir) : err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	int err;
	struct inode *dir = fd_inode(fd, &err);

	return dir ? set_working_directory(dir) : err;
}

/* The working directory's path, built backwards from its parents' names.
 * Linux returns the length with the NUL, and -ERANGE when it does not fit. */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	char *start = path + PATH_MAX - 1;
	long ret;

	if (!path)
		return -ENOMEM;
	*start = '\0';
	for (struct inode *dir = working_directory(); dir->parent != dir; dir = dir->parent) {
		size_t len = strlen(dir->name);

		if ((size_t)(start - path) < len + 1) {
			ret = -ENAMETOOLONG;
			goto out;
		}
		start -= len;
		memcpy(start, dir->name, len);
		*--start = '/';
	}
	if (!*start)
		*--start = '/';
	ret = path + PATH_MAX - start;  /* with the NUL */
	if ((unsigned long)ret > size)
		ret = -ERANGE;
	else if (copy_to_user(buf, start, ret))
		ret = -EFAULT;
out:
	kfree(path);
	return ret;
}
