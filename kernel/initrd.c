/*
 * The initrd as a read-only file tree (include/fs.h). At boot the cpio
 * archive GRUB loaded is unpacked into inodes: a directory lists its
 * entries, a regular file owns a page cache, its bytes copied into whole
 * pages with a zeroed tail, so that a file-backed mapping can map them as
 * they are. Nothing points into the archive afterwards.
 *
 * The tree never changes after boot, which is what lets lookups and
 * directory listings walk it without a lock.
 */
#include "fs.h"
#include "cpio.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

static struct inode *root;
/* Inode numbers, in creation order (boot, or a test: one task at a time). */
static uint32_t next_ino = 1;

static const struct file_operations initrd_file_fops, initrd_dir_fops;

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* ================================ The tree ================================ */

/* A new inode named by the len bytes at name, in no directory yet. */
static struct inode *inode_alloc(const char *name, size_t len, uint32_t mode)
{
	/* The name lives right after the inode, in the same allocation. */
	struct inode *inode = kzalloc(sizeof(*inode) + len + 1, GFP_KERNEL);

	if (!inode)
		return NULL;
	memcpy(inode + 1, name, len);
	inode->name = (const char *)(inode + 1);
	inode->ino = next_ino++;
	inode->mode = mode;
	inode->parent = inode;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->sibling);
	inode->fops = S_ISDIR(mode) ? &initrd_dir_fops : &initrd_file_fops;
	return inode;
}

static void dir_link(struct inode *dir, struct inode *inode)
{
	inode->parent = dir;
	list_add_tail(&inode->sibling, &dir->children);
}

/* Unlinks inode (a leaf) and frees it with its page cache. A page that a
 * process still maps lives on until it is unmapped: the cache only drops
 * its own reference. */
static void inode_free(struct inode *inode)
{
	for (unsigned long i = 0; i < inode->nr_pages; i++)
		put_page(inode->pages[i]);
	kfree(inode->pages);
	list_del(&inode->sibling);
	kfree(inode);
}

static struct inode *dir_find(struct inode *dir, const char *name, size_t len)
{
	struct inode *child;

	list_for_each_entry(child, &dir->children, sibling)
		if (strncmp(child->name, name, len) == 0 && child->name[len] == '\0')
			return child;
	return NULL;
}

/* Copies size bytes of data into fresh pages: 0, or -ENOMEM (the pages
 * already filled stay counted in nr_pages for inode_free). */
static int fill_page_cache(struct inode *inode, const unsigned char *data, size_t size)
{
	unsigned long nr = (size + PAGE_SIZE - 1) / PAGE_SIZE;

	inode->size = size;
	if (nr == 0)
		return 0;
	inode->pages = kzalloc(nr * sizeof(*inode->pages), GFP_KERNEL);
	if (!inode->pages)
		return -ENOMEM;
	for (unsigned long i = 0; i < nr; i++) {
		struct page *page = alloc_page(GFP_KERNEL);
		size_t chunk = min_size(size - i * PAGE_SIZE, PAGE_SIZE);

		if (!page)
			return -ENOMEM;
		inode->pages[inode->nr_pages++] = page;
		memcpy(page_address(page), data + i * PAGE_SIZE, chunk);
		memset((char *)page_address(page) + chunk, 0, PAGE_SIZE - chunk);
	}
	return 0;
}

struct inode *initrd_mkroot(void)
{
	return inode_alloc("", 0, S_IFDIR | 0755);
}

/* Frees leaves first: down to a childless inode, free it, back up. */
void initrd_destroy(struct inode *tree)
{
	struct inode *inode = tree;

	for (;;) {
		if (!list_empty(&inode->children)) {
			inode = list_first_entry(&inode->children, struct inode, sibling);
			continue;
		}
		struct inode *parent = inode->parent;

		inode_free(inode);
		if (inode == tree)
			return;
		inode = parent;
	}
}

/* ============================ Unpacking the archive ======================== */

/* The path component at *path, slashes before it skipped: its length (0 at
 * the end) and *name; *path moves past it. */
static size_t next_component(const char **path, const char **name)
{
	const char *p = *path;

	while (*p == '/')
		p++;
	*name = p;
	while (*p && *p != '/')
		p++;
	*path = p;
	return (size_t)(p - *name);
}

/* The same, skipping "." components: archive names are "bin/sh",
 * "./bin/sh" or "/bin/sh" alike, and "." is the root itself. */
static size_t next_archive_component(const char **path, const char **name)
{
	size_t len;

	do
		len = next_component(path, name);
	while (len == 1 && **name == '.');
	return len;
}

/* 0 if every component of an archive name can name an inode. */
static int check_archive_name(const char *path)
{
	const char *name;
	size_t len;

	while ((len = next_archive_component(&path, &name)) != 0) {
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (len == 2 && name[0] == '.' && name[1] == '.')
			return -EPERM;
	}
	return 0;
}

/* Adds one archive entry under root, with the directories its name
 * implies: 0, -ENOMEM, or why it was skipped. */
static int add_entry(struct inode *root, const struct cpio_entry *entry)
{
	uint32_t type = entry->mode & S_IFMT;
	const char *path = entry->name, *name;
	struct inode *dir = root;
	size_t len;

	if (type != S_IFREG && type != S_IFDIR)
		return -EINVAL;         /* devices, symlinks, fifos: not kept */
	int err = check_archive_name(path);
	if (err)
		return err;
	len = next_archive_component(&path, &name);
	while (len) {
		const char *next_name;
		size_t next_len = next_archive_component(&path, &next_name);
		bool last = next_len == 0;
		struct inode *inode = dir_find(dir, name, len);

		if (inode && last)
			return S_ISDIR(inode->mode) && type == S_IFDIR ? 0 : -EEXIST;
		if (inode && !S_ISDIR(inode->mode))
			return -ENOTDIR;
		if (!inode) {
			inode = inode_alloc(name, len, last ? entry->mode & (S_IFMT | 07777)
							    : S_IFDIR | 0755);
			if (!inode)
				return -ENOMEM;
			if (last && type == S_IFREG &&
			    fill_page_cache(inode, entry->data, entry->size) < 0) {
				inode_free(inode);
				return -ENOMEM;
			}
			dir_link(dir, inode);
		}
		dir = inode;
		name = next_name;
		len = next_len;
	}
	return 0;                       /* "." or "/": the root, already there */
}

static const char *skip_reason(int err)
{
	switch (err) {
	case -EINVAL:       return "only regular files and directories are kept";
	case -EPERM:        return "a \"..\" in its name";
	case -ENAMETOOLONG: return "a name longer than NAME_MAX";
	case -EEXIST:       return "a second entry of that name";
	default:            return "a path through a regular file";
	}
}

int initrd_unpack(struct inode *tree, const void *archive, size_t size)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	int ret;

	cpio_open(&reader, archive, size);
	while ((ret = cpio_next(&reader, &entry)) == 1) {
		int err = add_entry(tree, &entry);

		if (err == -ENOMEM)
			return err;
		if (err)
			pr_warn("initrd: %s skipped: %s\n", entry.name, skip_reason(err));
	}
	return ret;
}

int initrd_init(const void *start, size_t size)
{
	struct inode *dev;

	root = initrd_mkroot();
	dev = root ? inode_alloc("dev", 3, S_IFDIR | 0755) : NULL;
	if (!dev)
		panic("initrd: no memory for the root directory");
	dir_link(root, dev);
	console_inode.ino = next_ino++;
	dir_link(dev, &console_inode);
	dir_link(root, &proc_root_inode);

	if (!start)
		return 0;
	int err = initrd_unpack(root, start, size);
	if (err)
		pr_err("initrd: %s archive: only the entries before the damage are there\n",
		       err == -ENOMEM ? "out of memory unpacking the" : "malformed");
	/* Every byte the tree needs has been copied: the module's memory
	 * may go back to the page allocator (the caller's to do). */
	return err;
}

struct inode *initrd_root(void)
{
	return root;
}

/* ================================ Lookups ================================= */

struct inode *path_lookupat(struct inode *base, const char *path,
			    struct inode **dirp, int *err)
{
	size_t path_len = strnlen(path, PATH_MAX);
	struct inode *inode = base;
	const char *name;
	size_t len;

	if (dirp)
		*dirp = NULL;
	*err = path_len == PATH_MAX ? -ENAMETOOLONG : path_len == 0 ? -ENOENT : 0;
	if (*err)
		return NULL;
	if (path[0] == '/')
		while (inode->parent != inode)
			inode = inode->parent;
	/* The walk holds a reference on where it is (generated inodes). */
	inode_get(inode);

	while ((len = next_component(&path, &name)) != 0) {
		struct inode *next;

		if (!S_ISDIR(inode->mode)) {
			*err = -ENOTDIR;
			goto fail;
		}
		if (len > NAME_MAX) {
			*err = -ENAMETOOLONG;
			goto fail;
		}
		if (len == 1 && name[0] == '.')
			next = inode;
		else if (len == 2 && name[0] == '.' && name[1] == '.')
			next = inode->parent;
		else if (inode->lookup)
			next = inode->lookup(inode, name, len);
		else
			next = dir_find(inode, name, len);
		/* lookup's result comes referenced; the others get one. */
		bool referenced = inode->lookup && next != inode && next != inode->parent;
		if (!next) {
			const char *rest = path, *unused;

			if (dirp && next_component(&rest, &unused) == 0)
				*dirp = inode;
			*err = -ENOENT;
			goto fail;
		}
		if (!referenced)
			inode_get(next);
		inode_put(inode);
		inode = next;
	}
	/* A trailing slash asks for a directory ("/bin/sh/": POSIX 4.13). */
	if (path[-1] == '/' && !S_ISDIR(inode->mode)) {
		*err = -ENOTDIR;
		goto fail;
	}
	return inode;
fail:
	inode_put(inode);
	return NULL;
}

struct inode *working_directory(void)
{
	struct task *task = current;

	return task && task->cwd ? task->cwd : root;
}

struct inode *path_lookup(const char *path, int *err)
{
	return path_lookupat(working_directory(), path, NULL, err);
}

/* ============================ Regular files ================================ */

struct page *inode_page(struct inode *inode, unsigned long index)
{
	return index < inode->nr_pages ? inode->pages[index] : NULL;
}

long inode_read(struct inode *inode, void *buf, size_t count, uint64_t pos,
		copy_out_t copy)
{
	size_t done = 0;

	if (pos >= inode->size)
		return 0;
	count = min_size(count, inode->size - pos);
	while (done < count) {
		uint64_t at = pos + done;
		size_t offset = at % PAGE_SIZE;
		size_t chunk = min_size(PAGE_SIZE - offset, count - done);
		const char *src = (const char *)page_address(inode->pages[at / PAGE_SIZE]);

		if (copy((char *)buf + done, src + offset, chunk) < 0)
			return done ? (long)done : -EFAULT;
		done += chunk;
	}
	return (long)done;
}

static long initrd_read(struct file *file, char __user *buf, size_t count)
{
	long n = inode_read(file->inode, buf, count, file->pos, copy_to_user);

	if (n > 0)
		file->pos += (uint64_t)n;
	return n;
}

static long initrd_pread(struct file *file, char __user *buf, size_t count, uint64_t pos)
{
	return inode_read(file->inode, buf, count, pos, copy_to_user);
}

/* The position base + offset, refused when negative (Linux's vfs_setpos). */
static long set_pos(struct file *file, long base, long offset)
{
	long pos;

	if (__builtin_add_overflow(base, offset, &pos) || pos < 0)
		return -EINVAL;
	file->pos = (uint64_t)pos;
	return pos;
}

/* Linux's generic_file_llseek: the file has no holes, so SEEK_DATA is
 * where it is and SEEK_HOLE the end, inside the file. */
static long initrd_llseek(struct file *file, long offset, int whence)
{
	long size = (long)file->inode->size;

	switch (whence) {
	case SEEK_SET:
		return set_pos(file, 0, offset);
	case SEEK_CUR:
		return set_pos(file, (long)file->pos, offset);
	case SEEK_END:
		return set_pos(file, size, offset);
	case SEEK_DATA:
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return set_pos(file, whence == SEEK_DATA ? offset : size, 0);
	default:
		return -EINVAL;
	}
}

static const struct file_operations initrd_file_fops = {
	.read = initrd_read,
	.pread = initrd_pread,
	.llseek = initrd_llseek,
};

/* =============================== Directories ============================== */

/* A record: the 19 bytes before d_name, the name and its NUL, 8-aligned. */
#define DIRENT_SIZE(namelen) \
	((offsetof(struct linux_dirent64, d_name) + (namelen) + 1 + 7) & ~(size_t)7)

/* Entry number pos of dir, "." and ".." first: NULL past the last.
 * Directories hold a few entries, so counting from the start is fine. */
static struct inode *dir_entry(struct inode *dir, uint64_t pos, const char **name)
{
	struct inode *child;
	uint64_t i = 2;

	if (pos < 2) {
		*name = pos == 0 ? "." : "..";
		return pos == 0 ? dir : dir->parent;
	}
	list_for_each_entry(child, &dir->children, sibling) {
		if (i++ == pos) {
			*name = child->name;
			return child;
		}
	}
	return NULL;
}

long put_dirent(void *buf, size_t room, uint64_t ino, uint32_t mode, const char *name,
		uint64_t next_pos, copy_out_t copy)
{
	union {
		struct linux_dirent64 d;
		char bytes[DIRENT_SIZE(NAME_MAX)];
	} rec;
	size_t namelen = strlen(name), reclen = DIRENT_SIZE(namelen);

	if (reclen > room)
		return -EINVAL;
	memset(&rec, 0, reclen);        /* the padding must not leak the stack */
	rec.d.d_ino = ino;
	rec.d.d_off = (int64_t)next_pos;
	rec.d.d_reclen = (uint16_t)reclen;
	rec.d.d_type = (uint8_t)((mode & S_IFMT) >> 12);  /* DT_* */
	memcpy(rec.d.d_name, name, namelen + 1);
	return copy(buf, &rec, reclen) < 0 ? -EFAULT : (long)reclen;
}

long dir_getdents64(struct file *dir, void *buf, size_t count, copy_out_t copy)
{
	size_t done = 0;
	struct inode *inode;
	const char *name;

	while ((inode = dir_entry(dir->inode, dir->pos, &name)) != NULL) {
		long n = put_dirent((char *)buf + done, count - done, inode->ino, inode->mode,
				    name, dir->pos + 1, copy);

		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
		dir->pos++;
	}
	return (long)done;
}

static long initrd_getdents64(struct file *file, void __user *dirents, size_t count)
{
	return dir_getdents64(file, dirents, count, copy_to_user);
}

long generic_read_dir(struct file *file, char __user *buf, size_t count)
{
	(void)file, (void)buf, (void)count;
	return -EISDIR;
}

long generic_pread_dir(struct file *file, char __user *buf, size_t count, uint64_t pos)
{
	(void)pos;
	return generic_read_dir(file, buf, count);
}

/* Positions are entry numbers; Linux's dcache_dir_lseek takes SEEK_SET
 * and SEEK_CUR only. */
static long dir_llseek(struct file *file, long offset, int whence)
{
	if (whence == SEEK_SET)
		return set_pos(file, 0, offset);
	if (whence == SEEK_CUR)
		return set_pos(file, (long)file->pos, offset);
	return -EINVAL;
}

static const struct file_operations initrd_dir_fops = {
	.read = generic_read_dir,
	.pread = generic_pread_dir,
	.llseek = dir_llseek,
	.getdents64 = initrd_getdents64,
};
