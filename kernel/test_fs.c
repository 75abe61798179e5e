/*
 * In-kernel tests of the file layer (include/fs.h): an initrd tree built
 * from an archive written here, lookups, reads across pages, directory
 * listings, open's checks and descriptor tables (kernel/test_tty.c has
 * the line discipline). Everything goes through kernel buffers (copy_to_kernel);
 * the system calls with user pointers are tested from user space.
 * Each test frees its tree, files and tables: the harness counts pages
 * and slab objects around it.
 */
#include "fs.h"
#include "ktest.h"
#include "mm.h"
#include "printk.h"
#include "string.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* ================================ Test data =============================== */

#define BIG_SIZE 9000                   /* three pages, the last partly */

static char archive[BIG_SIZE + 4096];
static size_t archive_len;
static unsigned char big[BIG_SIZE], got[BIG_SIZE + 16];

static unsigned char big_byte(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* Appends a newc entry, as tools/mkinitrd writes them. */
static void put_entry(const char *name, uint32_t mode, const void *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	snprintf(archive + archive_len, 111,
		 "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 1u, mode, 0u, 0u, 1u, 0u, (unsigned)size, 0u, 0u, 0u, 0u,
		 (unsigned)namesize, 0u);
	archive_len += 110;
	memcpy(archive + archive_len, name, namesize);
	archive_len = (archive_len + namesize + 3) & ~(size_t)3;
	memcpy(archive + archive_len, data, size);
	archive_len = (archive_len + size + 3) & ~(size_t)3;
}

static const char hello[] = "hello, world\n";

/*
 * /bin/hello, /data/big (its directory implied), /empty, /sub/dir/deep,
 * names with and without "./" and "/".
 */
static void build_archive(void)
{
	for (size_t i = 0; i < BIG_SIZE; i++)
		big[i] = big_byte(i);
	memset(archive, 0, sizeof(archive));
	archive_len = 0;
	put_entry(".", S_IFDIR | 0755, "", 0);
	put_entry("./bin", S_IFDIR | 0755, "", 0);
	put_entry("bin/hello", S_IFREG | 0755, hello, sizeof(hello) - 1);
	put_entry("data/big", S_IFREG | 0644, big, BIG_SIZE);
	put_entry("/empty", S_IFREG | 0600, "", 0);
	put_entry("sub/dir/deep", S_IFREG | 0644, "x", 1);
	put_entry("TRAILER!!!", 0, "", 0);
}

static struct inode *test_tree(void)
{
	struct inode *root = initrd_mkroot();

	KASSERT_TRUE(root != NULL);
	build_archive();
	KEXPECT_EQ(initrd_unpack(root, archive, archive_len), 0);
	return root;
}

static struct inode *lookup(struct inode *base, const char *path, int *err)
{
	return path_lookupat(base, path, NULL, err);
}

/* ================================ The tree ================================ */

KTEST(fs, unpack_builds_the_tree)
{
	struct inode *root = test_tree(), *inode;
	int err;

	inode = lookup(root, "/bin/hello", &err);
	KASSERT_TRUE(inode != NULL);
	KEXPECT_EQ(inode->mode, S_IFREG | 0755);
	KEXPECT_EQ(inode->size, sizeof(hello) - 1);
	KEXPECT_EQ(inode->nr_pages, 1);
	KEXPECT_STREQ(inode->name, "hello");
	KEXPECT_TRUE(inode->parent == lookup(root, "/bin", &err));

	inode = lookup(root, "/data", &err);        /* made for data/big */
	KASSERT_TRUE(inode != NULL);
	KEXPECT_EQ(inode->mode, S_IFDIR | 0755);
	inode = lookup(root, "/empty", &err);
	KASSERT_TRUE(inode != NULL);
	KEXPECT_EQ(inode->mode, S_IFREG | 0600);
	KEXPECT_EQ(inode->nr_pages, 0);
	KEXPECT_TRUE(lookup(root, "/sub/dir/deep", &err) != NULL);
	/* "." and "./bin" named the root and /bin, not new entries. */
	KEXPECT_TRUE(lookup(root, "/bin", &err)->parent == root);
	KEXPECT_TRUE(lookup(root, "/.", &err) == root);
	initrd_destroy(root);
}

/* Each of these entries is skipped with a warning; the rest unpacks. */
KTEST(fs, unpack_skips_what_it_cannot_keep)
{
	static char long_name[NAME_MAX + 2];
	struct inode *root = initrd_mkroot();
	int err;

	KASSERT_TRUE(root != NULL);
	memset(long_name, 'n', NAME_MAX + 1);
	archive_len = 0;
	put_entry("dev/null", S_IFCHR | 0666, "", 0);
	put_entry("link", S_IFLNK | 0777, "target", 6);
	put_entry("a/../escape", S_IFREG | 0644, "", 0);
	put_entry(long_name, S_IFREG | 0644, "", 0);
	put_entry("f", S_IFREG | 0644, "1", 1);
	put_entry("f", S_IFREG | 0644, "22", 2);
	put_entry("f", S_IFDIR | 0755, "", 0);
	put_entry("f/g", S_IFREG | 0644, "", 0);
	put_entry("d", S_IFDIR | 0700, "", 0);
	put_entry("d", S_IFDIR | 0755, "", 0);     /* a directory again: fine */
	put_entry("TRAILER!!!", 0, "", 0);
	KEXPECT_EQ(initrd_unpack(root, archive, archive_len), 0);

	struct inode *f = lookup(root, "f", &err);
	KASSERT_TRUE(f != NULL);
	KEXPECT_EQ(f->size, 1);                     /* the first one stays */
	KEXPECT_EQ(lookup(root, "d", &err)->mode, S_IFDIR | 0700);
	unsigned entries = 0;
	struct inode *child;
	list_for_each_entry(child, &root->children, sibling)
		entries++;
	KEXPECT_EQ(entries, 2);                     /* f and d */
	KEXPECT_TRUE(lookup(root, "dev/null", &err) == NULL);
	KEXPECT_TRUE(lookup(root, "link", &err) == NULL);
	KEXPECT_TRUE(lookup(root, "escape", &err) == NULL);
	initrd_destroy(root);
}

KTEST(fs, lookup_paths)
{
	static char long_path[PATH_MAX + 1], long_name[NAME_MAX + 3];
	struct inode *root = test_tree(), *bin, *dir;
	int err;

	bin = lookup(root, "/bin", &err);
	KASSERT_TRUE(bin != NULL);
	KEXPECT_TRUE(lookup(root, "/", &err) == root);
	KEXPECT_TRUE(lookup(root, "/..", &err) == root);
	KEXPECT_TRUE(lookup(root, "bin", &err) == bin);
	KEXPECT_TRUE(lookup(root, "//bin/", &err) == bin);
	KEXPECT_TRUE(lookup(root, "/./bin/../bin//hello", &err) ==
		     lookup(root, "/bin/hello", &err));
	/* Relative to a directory; an absolute path ignores it. */
	KEXPECT_TRUE(lookup(bin, "hello", &err) == lookup(root, "/bin/hello", &err));
	KEXPECT_TRUE(lookup(bin, "..", &err) == root);
	KEXPECT_TRUE(lookup(bin, "/data", &err) == lookup(root, "data", &err));

	KEXPECT_TRUE(lookup(root, "", &err) == NULL);
	KEXPECT_EQ(err, -ENOENT);
	KEXPECT_TRUE(lookup(root, "/nope", &err) == NULL);
	KEXPECT_EQ(err, -ENOENT);
	KEXPECT_TRUE(lookup(root, "/bin/hello/x", &err) == NULL);
	KEXPECT_EQ(err, -ENOTDIR);
	KEXPECT_TRUE(lookup(root, "/bin/hello/", &err) == NULL);
	KEXPECT_EQ(err, -ENOTDIR);
	KEXPECT_TRUE(lookup(root, "/bin/hello/.", &err) == NULL);
	KEXPECT_EQ(err, -ENOTDIR);

	/* A missing last component names the directory that would hold it. */
	KEXPECT_TRUE(path_lookupat(root, "/bin/new", &dir, &err) == NULL);
	KEXPECT_EQ(err, -ENOENT);
	KEXPECT_TRUE(dir == bin);
	KEXPECT_TRUE(path_lookupat(root, "/nope/new", &dir, &err) == NULL);
	KEXPECT_TRUE(dir == NULL);

	/* NAME_MAX bytes is a name that is simply absent; one more is too long. */
	memset(long_name, 'n', NAME_MAX + 1);
	long_name[0] = '/';
	KEXPECT_TRUE(lookup(root, long_name, &err) == NULL);
	KEXPECT_EQ(err, -ENOENT);
	long_name[NAME_MAX + 1] = 'n';
	KEXPECT_TRUE(lookup(root, long_name, &err) == NULL);
	KEXPECT_EQ(err, -ENAMETOOLONG);
	/* PATH_MAX counts the NUL: 4095 bytes are fine, 4096 are not. */
	for (size_t i = 0; i < PATH_MAX; i += 2)
		memcpy(long_path + i, "/.", 2);
	long_path[PATH_MAX - 1] = '\0';
	KEXPECT_TRUE(lookup(root, long_path, &err) == root);
	long_path[PATH_MAX - 1] = '/';
	KEXPECT_TRUE(lookup(root, long_path, &err) == NULL);
	KEXPECT_EQ(err, -ENAMETOOLONG);
	initrd_destroy(root);
}

/* Damage after the first entries: those stay, and the tree frees cleanly. */
KTEST(fs, malformed_archive_keeps_what_came_before)
{
	struct inode *root = initrd_mkroot();
	int err;

	KASSERT_TRUE(root != NULL);
	build_archive();
	archive[archive_len - 124] = 'X';       /* the trailer's magic */
	KEXPECT_EQ(initrd_unpack(root, archive, archive_len), -EINVAL);
	KEXPECT_TRUE(lookup(root, "/data/big", &err) != NULL);
	initrd_destroy(root);
	root = initrd_mkroot();
	KASSERT_TRUE(root != NULL);
	KEXPECT_EQ(initrd_unpack(root, archive, 200), -EINVAL);
	KEXPECT_TRUE(list_empty(&root->children));
	initrd_destroy(root);
}

KTEST(fs, boot_tree_has_dev_console)
{
	int err;

	KASSERT_TRUE(initrd_root() != NULL);
	KEXPECT_TRUE(path_lookup("/dev/console", &err) == &console_inode);
	KEXPECT_TRUE(path_lookup("dev/../dev/console", &err) == &console_inode);
	KEXPECT_TRUE(console_inode.parent == path_lookup("/dev", &err));
	KEXPECT_TRUE(path_lookup("/dev/console/x", &err) == NULL);
	KEXPECT_EQ(err, -ENOTDIR);
}

/* =============================== Reading ================================== */

KTEST(fs, read_across_pages)
{
	struct inode *root = test_tree();
	struct file *file;
	int err;

	file = inode_open(lookup(root, "/data/big", &err), O_RDONLY, &err);
	KASSERT_TRUE(file != NULL);
	KEXPECT_EQ(file->refcount, 1);
	KEXPECT_EQ(kernel_read(file, got, sizeof(got), 0), BIG_SIZE);
	KEXPECT_EQ(memcmp(got, big, BIG_SIZE), 0);
	/* 20 bytes around the first page boundary, then the second. */
	KEXPECT_EQ(kernel_read(file, got, 20, PAGE_SIZE - 10), 20);
	KEXPECT_EQ(memcmp(got, big + PAGE_SIZE - 10, 20), 0);
	KEXPECT_EQ(kernel_read(file, got, PAGE_SIZE + 2, PAGE_SIZE - 1), PAGE_SIZE + 2);
	KEXPECT_EQ(memcmp(got, big + PAGE_SIZE - 1, PAGE_SIZE + 2), 0);
	/* Short at the end, nothing past it. */
	KEXPECT_EQ(kernel_read(file, got, 100, BIG_SIZE - 5), 5);
	KEXPECT_EQ(kernel_read(file, got, 100, BIG_SIZE), 0);
	KEXPECT_EQ(kernel_read(file, got, 100, (uint64_t)-1), 0);

	/* The page cache: whole pages, zeros after the end of the file. */
	struct inode *inode = file->inode;
	KEXPECT_EQ(inode->nr_pages, 3);
	KEXPECT_TRUE(inode_page(inode, 3) == NULL);
	const unsigned char *last = page_address(inode_page(inode, 2));
	KEXPECT_EQ(memcmp(last, big + 2 * PAGE_SIZE, BIG_SIZE - 2 * PAGE_SIZE), 0);
	bool zero = true;
	for (size_t i = BIG_SIZE - 2 * PAGE_SIZE; i < PAGE_SIZE; i++)
		zero &= last[i] == 0;
	KEXPECT_TRUE(zero);
	file_put(file);
	initrd_destroy(root);
}

KTEST(fs, kernel_read_refuses_directories)
{
	struct inode *root = test_tree();
	int err;
	struct file *file = inode_open(root, O_RDONLY, &err);

	KASSERT_TRUE(file != NULL);
	KEXPECT_EQ(kernel_read(file, got, 10, 0), -EINVAL);
	KEXPECT_EQ(file->ops->read(file, NULL, 10), -EISDIR);
	file_put(file);
	initrd_destroy(root);
}

KTEST(fs, llseek)
{
	struct inode *root = test_tree();
	int err;
	struct file *file = inode_open(lookup(root, "/data/big", &err), O_RDONLY, &err);

	KASSERT_TRUE(file != NULL);
	long (*llseek)(struct file *, long, int) = file->ops->llseek;
	KEXPECT_EQ(llseek(file, 100, SEEK_SET), 100);
	KEXPECT_EQ(llseek(file, 50, SEEK_CUR), 150);
	KEXPECT_EQ(llseek(file, -151, SEEK_CUR), -EINVAL);
	KEXPECT_EQ(file->pos, 150);                 /* unchanged by the failure */
	KEXPECT_EQ(llseek(file, -1, SEEK_END), BIG_SIZE - 1);
	KEXPECT_EQ(llseek(file, 10, SEEK_END), BIG_SIZE + 10);  /* past the end is fine */
	KEXPECT_EQ(llseek(file, -1, SEEK_SET), -EINVAL);
	KEXPECT_EQ(llseek(file, __LONG_MAX__, SEEK_CUR), -EINVAL);  /* overflow */
	KEXPECT_EQ(llseek(file, 5, SEEK_DATA), 5);
	KEXPECT_EQ(llseek(file, 5, SEEK_HOLE), BIG_SIZE);
	KEXPECT_EQ(llseek(file, BIG_SIZE, SEEK_DATA), -ENXIO);
	KEXPECT_EQ(llseek(file, 0, 5), -EINVAL);
	file_put(file);
	initrd_destroy(root);
}

/* ============================ Directories ================================= */

struct listing {
	unsigned count;
	char names[8][16];
	uint8_t types[8];
	int64_t offs[8];
};

/* Parses n bytes of records in got, checking each record's shape. */
static void parse_dirents(long n, struct listing *l)
{
	long at = 0;

	while (at < n && l->count < 8) {
		const struct linux_dirent64 *d = (const void *)(got + at);

		KEXPECT_EQ(d->d_reclen % 8, 0);
		KEXPECT_GE(d->d_reclen, 24);
		KEXPECT_NE(d->d_ino, 0);
		strlcpy(l->names[l->count], d->d_name, sizeof(l->names[0]));
		l->types[l->count] = d->d_type;
		l->offs[l->count] = d->d_off;
		l->count++;
		at += d->d_reclen;
	}
	KEXPECT_EQ(at, n);
}

KTEST(fs, getdents64_lists_a_directory)
{
	static const char *const want[] = { ".", "..", "bin", "data", "empty", "sub" };
	static const uint8_t types[] = { DT_DIR, DT_DIR, DT_DIR, DT_DIR, DT_REG, DT_DIR };
	struct inode *root = test_tree();
	struct listing l = { 0 };
	int err;
	struct file *dir = inode_open(root, O_RDONLY | O_DIRECTORY, &err);

	KASSERT_TRUE(dir != NULL);
	long n = dir_getdents64(dir, got, sizeof(got), copy_to_kernel);
	KEXPECT_GT(n, 0);
	parse_dirents(n, &l);
	KASSERT_EQ(l.count, 6);
	for (unsigned i = 0; i < 6; i++) {
		KEXPECT_STREQ(l.names[i], want[i]);
		KEXPECT_EQ(l.types[i], types[i]);
		KEXPECT_EQ(l.offs[i], i + 1);
	}
	KEXPECT_EQ(dir_getdents64(dir, got, sizeof(got), copy_to_kernel), 0);

	/* Back to the start; a buffer with room for one record at a time. */
	KEXPECT_EQ(dir->ops->llseek(dir, 0, SEEK_SET), 0);
	KEXPECT_EQ(dir->ops->llseek(dir, 0, SEEK_END), -EINVAL);
	KEXPECT_EQ(dir_getdents64(dir, got, 10, copy_to_kernel), -EINVAL);
	KEXPECT_EQ(dir->pos, 0);
	KEXPECT_EQ(dir_getdents64(dir, got, 24, copy_to_kernel), 24);   /* "." */
	KEXPECT_EQ(dir_getdents64(dir, got, 24, copy_to_kernel), 24);   /* ".." */
	KEXPECT_EQ(dir_getdents64(dir, got, 24, copy_to_kernel), 24);   /* "bin" */
	memset(&l, 0, sizeof(l));
	n = dir_getdents64(dir, got, sizeof(got), copy_to_kernel);
	parse_dirents(n, &l);
	KEXPECT_EQ(l.count, 3);
	KEXPECT_STREQ(l.names[0], "data");
	file_put(dir);

	/* A subdirectory's ".." is its parent. */
	dir = inode_open(lookup(root, "/sub/dir", &err), O_RDONLY, &err);
	KASSERT_TRUE(dir != NULL);
	memset(&l, 0, sizeof(l));
	parse_dirents(dir_getdents64(dir, got, sizeof(got), copy_to_kernel), &l);
	KEXPECT_EQ(l.count, 3);
	KEXPECT_STREQ(l.names[2], "deep");
	file_put(dir);
	initrd_destroy(root);
}

/* ============================ Open and stat =============================== */

KTEST(fs, open_checks_like_a_read_only_mount)
{
	struct inode *root = test_tree(), *file_inode;
	struct file *file;
	int err;

	file_inode = lookup(root, "/bin/hello", &err);
	KASSERT_TRUE(file_inode != NULL);
	static const struct {
		struct inode *inode;
		unsigned flags;
		int err;
	} cases[] = {
		{ NULL, O_WRONLY, -EROFS },
		{ NULL, O_RDWR, -EROFS },
		{ NULL, O_RDONLY | O_TRUNC, -EROFS },
		{ NULL, O_RDONLY | O_DIRECTORY, -ENOTDIR },
		{ NULL, O_RDONLY | O_CREAT | O_EXCL, -EEXIST },
		{ NULL, O_RDONLY | O_CREAT, 0 },
		{ NULL, O_RDONLY, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		file = inode_open(file_inode, cases[i].flags, &err);
		KEXPECT_EQ(err, cases[i].err);
		KEXPECT_EQ(file != NULL, cases[i].err == 0);
		if (file)
			file_put(file);
	}
	KEXPECT_TRUE(inode_open(root, O_WRONLY, &err) == NULL);
	KEXPECT_EQ(err, -EISDIR);
	KEXPECT_TRUE(inode_open(root, O_RDONLY | O_CREAT, &err) == NULL);
	KEXPECT_EQ(err, -EISDIR);

	/* What F_GETFL will show. */
	file = inode_open(file_inode, O_RDONLY | O_CLOEXEC | O_NONBLOCK, &err);
	KASSERT_TRUE(file != NULL);
	KEXPECT_EQ(file->flags, O_RDONLY | O_NONBLOCK | O_LARGEFILE);
	file_put(file);
	/* The console is a device: writable. */
	file = inode_open(&console_inode, O_WRONLY | O_TRUNC, &err);
	KASSERT_TRUE(file != NULL);
	file_put(file);
	initrd_destroy(root);
}

KTEST(fs, stat_fields)
{
	struct inode *root = test_tree();
	struct stat st;
	int err;

	KEXPECT_EQ(sizeof(struct stat), 144);
	inode_stat(lookup(root, "/data/big", &err), &st);
	KEXPECT_EQ(st.st_mode, S_IFREG | 0644);
	KEXPECT_EQ(st.st_size, BIG_SIZE);
	KEXPECT_EQ(st.st_nlink, 1);
	KEXPECT_EQ(st.st_blocks, 3 * 8);
	KEXPECT_EQ(st.st_blksize, 4096);
	/* The root: its own two links and the ".." of bin, data and sub. */
	inode_stat(root, &st);
	KEXPECT_EQ(st.st_nlink, 5);
	KEXPECT_TRUE(S_ISDIR(st.st_mode));
	inode_stat(&console_inode, &st);
	KEXPECT_TRUE(S_ISCHR(st.st_mode));
	KEXPECT_EQ(st.st_rdev, 0x501);      /* 5:1 */
	initrd_destroy(root);
}

/* ============================ Descriptor tables =========================== */

KTEST(fs, console_table_shares_one_file)
{
	struct files_struct *files = files_alloc_console();

	KASSERT_TRUE(files != NULL);
	struct file *console = files->fd[0];
	KASSERT_TRUE(console != NULL);
	KEXPECT_TRUE(files->fd[1] == console && files->fd[2] == console);
	KEXPECT_TRUE(files->fd[3] == NULL);
	KEXPECT_TRUE(console->inode == &console_inode);
	KEXPECT_EQ(console->refcount, 3);
	KEXPECT_EQ(console->flags & O_ACCMODE, O_RDWR);

	struct files_struct *child = files_dup(files);
	KASSERT_TRUE(child != NULL);
	KEXPECT_EQ(console->refcount, 6);
	files_put(files);
	KEXPECT_EQ(console->refcount, 3);
	files_put(child);
}

KTEST(fs, fd_alloc_close_and_close_on_exec)
{
	struct files_struct *files = files_alloc_console();
	int err;

	KASSERT_TRUE(files != NULL);
	struct file *console = files->fd[0];
	struct file *file = inode_open(&console_inode, O_RDONLY, &err);
	KASSERT_TRUE(file != NULL);

	KEXPECT_EQ(fd_alloc(files, file, 0, false), 3);     /* the lowest free */
	KEXPECT_EQ(fd_close(files, 1), 0);
	KEXPECT_EQ(console->refcount, 2);
	KEXPECT_EQ(fd_close(files, 1), -EBADF);
	KEXPECT_EQ(fd_close(files, -1), -EBADF);
	KEXPECT_EQ(fd_close(files, NR_OPEN), -EBADF);
	file_get(console);
	KEXPECT_EQ(fd_alloc(files, console, 0, true), 1);
	file_get(console);
	KEXPECT_EQ(fd_alloc(files, console, 10, true), 10);
	KEXPECT_EQ(files->close_on_exec, (1ULL << 1) | (1ULL << 10));

	/* Fill the table: then -EMFILE, and the reference stays the caller's. */
	for (int fd = 4; fd < NR_OPEN; fd++) {
		if (fd == 10)
			continue;
		file_get(file);
		KEXPECT_EQ(fd_alloc(files, file, 0, false), fd);
	}
	file_get(file);
	KEXPECT_EQ(fd_alloc(files, file, 0, false), -EMFILE);
	file_put(file);
	KEXPECT_EQ(file->refcount, NR_OPEN - 4);

	/* The child inherits the flags; exec closes the marked descriptors. */
	struct files_struct *child = files_dup(files);
	KASSERT_TRUE(child != NULL);
	KEXPECT_EQ(child->close_on_exec, files->close_on_exec);
	files_close_on_exec(child);
	KEXPECT_TRUE(child->fd[1] == NULL && child->fd[10] == NULL);
	KEXPECT_TRUE(child->fd[0] == console && child->fd[2] == console);
	KEXPECT_EQ(child->close_on_exec, 0);
	KEXPECT_EQ(console->refcount, 4 + 2);
	files_put(child);
	files_put(files);
}
