/*
 * Files (kernel/initrd.c, kernel/file.c, kernel/tty.c): the initrd as a
 * read-only tree of inodes with a page cache, open files, per-process
 * descriptor tables, and /dev/console. DESIGN.md section 6.
 */
#ifndef FS_H
#define FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "spinlock.h"
#include "uaccess.h"
#include "uapi/ioctl.h"

struct page;
struct file;
struct linux_dirent64;
struct stat;

/* include/uapi/linux/limits.h */
#define NAME_MAX 255                    /* bytes in a path component */
#define PATH_MAX 4096                   /* bytes in a path, its NUL included */

struct file_operations {
	long (*read)(struct file *file, char __user *buf, size_t count);
	long (*write)(struct file *file, const char __user *buf, size_t count);
	/* NULL: the file has no positions (pread64: -ESPIPE). */
	long (*pread)(struct file *file, char __user *buf, size_t count, uint64_t pos);
	/* NULL: the file is not seekable (-ESPIPE). */
	long (*llseek)(struct file *file, long offset, int whence);
	/* NULL: not a directory (-ENOTDIR). */
	long (*getdents64)(struct file *file, void __user *dirents, size_t count);
	/* NULL: no ioctls (-ENOTTY). */
	long (*ioctl)(struct file *file, unsigned cmd, unsigned long arg);
	void (*release)(struct file *file);
};

struct inode {
	uint32_t ino;
	uint32_t mode;                  /* S_IFREG | 0755 ... (uapi/stat.h) */
	uint64_t size;
	uint32_t rdev;                  /* character devices: Linux's
					 * new_encode_dev(major, minor) */
	const char *name;               /* last path component ("" for /) */
	struct inode *parent;           /* the root's is itself, as "/.." is "/" */
	struct list_head children;      /* directories: their entries */
	struct list_head sibling;       /* in parent->children */
	/* Regular files: the contents, one page each, filled at boot. A
	 * file-backed mapping maps these very pages (read-only, or copied
	 * on write). */
	struct page **pages;
	unsigned long nr_pages;
	const struct file_operations *fops;
	/*
	 * Generated inodes (/proc, kernel/procfs.c). A directory whose
	 * entries are made up when looked up has lookup, which returns a
	 * referenced inode or NULL; an inode made so has put, called by
	 * inode_put for each reference dropped, and refcount. NULL for the
	 * initrd's, which live as long as the kernel.
	 */
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	void (*put)(struct inode *inode);
	unsigned refcount;
};

/* References to an inode: a lookup's result, an open file's inode. A
 * no-op for the initrd's inodes. */
static inline void inode_get(struct inode *inode)
{
	if (inode->put)
		__atomic_add_fetch(&inode->refcount, 1, __ATOMIC_RELAXED);
}

static inline void inode_put(struct inode *inode)
{
	if (inode->put)
		inode->put(inode);
}

struct file {
	const struct file_operations *ops;
	struct inode *inode;
	unsigned refcount;              /* descriptors (dup, fork) sharing it */
	unsigned flags;                 /* O_RDONLY / O_WRONLY / O_RDWR, O_APPEND... */
	uint64_t pos;
	void *private_data;
};

#define NR_OPEN 64

struct files_struct {
	spinlock_t lock;
	unsigned refcount;              /* vfork/threads may share it */
	struct file *fd[NR_OPEN];
	uint64_t close_on_exec;         /* bit n: fd n */
};

/*
 * Where read data goes: copy_to_user() for a system call's buffer,
 * copy_to_kernel() for the kernel's own (kernel_read, tests). Both return
 * 0, or -EFAULT when the destination is bad.
 */
typedef int (*copy_out_t)(void *dst, const void *src, size_t size);
int copy_to_kernel(void *dst, const void *src, size_t size);

/* ============================ The initrd (initrd.c) ======================== */

/*
 * Boot: build / from the cpio (newc) archive at [start, start + size)
 * (start NULL: no initrd module), with /dev/console. Everything is copied
 * out: the module's memory is free for reuse afterwards. 0, or -EINVAL for
 * a malformed archive (the entries before the damage are there).
 */
int initrd_init(const void *start, size_t size);
struct inode *initrd_root(void);

/* A tree apart from the boot one (tests): an empty root, the archive's
 * entries added to it (0, -EINVAL, -ENOMEM), and all of it freed. */
struct inode *initrd_mkroot(void);
int initrd_unpack(struct inode *root, const void *archive, size_t size);
void initrd_destroy(struct inode *root);

/* A path from the current task's working directory (/ for a kernel
 * thread), or NULL with *err set: -ENOENT (also for ""), -ENOTDIR,
 * -ENAMETOOLONG. The inode found is referenced: the caller drops it with
 * inode_put when done. */
struct inode *path_lookup(const char *path, int *err);
/* Where the current task's relative paths start: its cwd, else /. */
struct inode *working_directory(void);
/* Relative to the directory base; absolute paths start at base's root.
 * When only the last component is missing and dirp is not NULL, *dirp is
 * the directory that would hold it (O_CREAT wants to know; not
 * referenced: to compare with NULL only). */
struct inode *path_lookupat(struct inode *base, const char *path,
			    struct inode **dirp, int *err);
/* The page cache page holding byte index * PAGE_SIZE of inode (not
 * referenced: callers that map it take get_page()), NULL past the end. */
struct page *inode_page(struct inode *inode, unsigned long index);
/* Up to count bytes of a regular file from pos: the bytes copied (0 at
 * the end), or -EFAULT if none could be. */
long inode_read(struct inode *inode, void *buf, size_t count, uint64_t pos,
		copy_out_t copy);
/* linux_dirent64 records of the directory open as dir from dir->pos on,
 * "." and ".." first, as many as fit: their bytes (0 at the end), or
 * -EINVAL (no room for one) / -EFAULT (none written). */
long dir_getdents64(struct file *dir, void *buf, size_t count, copy_out_t copy);
/* read and pread of any directory: -EISDIR (Linux's generic_read_dir). */
long generic_read_dir(struct file *file, char __user *buf, size_t count);
long generic_pread_dir(struct file *file, char __user *buf, size_t count, uint64_t pos);
/* One linux_dirent64 record into buf (room bytes left), for a directory's
 * getdents64: its size, -EINVAL (no room) or -EFAULT. */
long put_dirent(void *buf, size_t room, uint64_t ino, uint32_t mode, const char *name,
		uint64_t next_pos, copy_out_t copy);

/* =============================== /proc (procfs.c) ========================== */

/* The /proc directory, linked into / by initrd_init. */
extern struct inode proc_root_inode;
/* A /proc inode (mmap refuses them: their text has no pages). */
bool is_proc_inode(const struct inode *inode);

/* The console's foreground process group if sid is the session it
 * controls, else -1 (/proc's tpgid). */
int console_foreground(int sid);

/* ====================== Open files and descriptors (file.c) ================ */

/* Boot, before any file is opened: the slab caches. */
void files_init(void);

/* A new open file with refcount 1, or NULL when memory is short. Every
 * file has an inode (fstat and the *at() calls use it): a pipe too. */
struct file *file_alloc(const struct file_operations *ops, struct inode *inode,
			unsigned flags);
/* open(2)'s checks on an inode found by a lookup (a read-only initrd:
 * writing gives -EROFS, -EISDIR for directories; O_DIRECTORY on anything
 * else -ENOTDIR), then a new file, or NULL with *err set. */
struct file *inode_open(struct inode *inode, unsigned flags, int *err);
/* Kernel-side open and read (exec reads ELF headers with these). */
struct file *file_open(const char *path, unsigned flags, int *err);
long kernel_read(struct file *file, void *buf, size_t count, uint64_t offset);
void file_get(struct file *file);
void file_put(struct file *file);
/* What stat(2) says about inode. */
void inode_stat(const struct inode *inode, struct stat *st);

/* The current task's file at fd, or NULL: fget() takes a reference (drop
 * it with file_put), fd_file() does not (the caller's syscall must not
 * sleep while another task may close the descriptor). */
struct file *fget(int fd);
struct file *fd_file(int fd);

/* The descriptor table: a new process's (0, 1, 2 on /dev/console). */
struct files_struct *files_alloc_console(void);
struct files_struct *files_dup(struct files_struct *files);
void files_put(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
/* The lowest free descriptor >= minfd now holds file, taking over the
 * caller's reference: the descriptor, or -EMFILE. */
int fd_alloc(struct files_struct *files, struct file *file, unsigned minfd,
	     bool cloexec);
/* 0, or -EBADF if fd was not open. */
int fd_close(struct files_struct *files, int fd);

/* ======================== /dev/console (tty.c) ============================= */

extern struct inode console_inode;
/* Boot, before the first read of the console. */
void tty_init(void);

/*
 * The line discipline, apart from the serial port so that tests can
 * drive it: input characters go in one at a time, with their echo; reads
 * take completed lines out (canonical mode), or whatever bytes there are
 * (raw mode, ICANON off). A signal character (ISIG: ^C, ^\, ^Z) throws
 * the input away and calls signal(SIGINT...), if set.
 */
#define N_TTY_BUF_SIZE 4096             /* as Linux: a line is at most 4095 */

struct n_tty {
	struct termios termios;
	void (*echo)(const char *s, size_t len);
	void (*signal)(int sig);
	/* A ring of N_TTY_BUF_SIZE; the indices only grow (mod 2^32): the
	 * bytes [read_tail, canon_head) are completed lines,
	 * [canon_head, head) the line being edited. */
	char buf[N_TTY_BUF_SIZE];
	uint8_t eol[N_TTY_BUF_SIZE / 8];    /* bit set: the byte ends a line */
	unsigned read_tail, canon_head, head;
	/* Raw input left unread when canonical mode came back ends a line
	 * at push_at, a byte that is read with it (Linux's push). */
	bool push;
	unsigned push_at;
};

void n_tty_init(struct n_tty *tty, void (*echo)(const char *s, size_t len));
void n_tty_receive(struct n_tty *tty, char c);
/* At most count bytes of the first completed line, which then stays for
 * the next read if longer: the bytes copied, 0 for end of file (^D at the
 * start of a line), -EAGAIN when no line is complete, -EFAULT (the line
 * is kept). */
long n_tty_read(struct n_tty *tty, void *buf, size_t count, copy_out_t copy);
/* The signal c stands for under the termios (ISIG), or 0. */
int n_tty_isig(const struct n_tty *tty, char c);
/* Throw away all input, read or not (Linux's n_tty_flush_buffer). */
void n_tty_flush(struct n_tty *tty);
/* TCSETS: new settings, the buffered input kept readable. */
void n_tty_set_termios(struct n_tty *tty, const struct termios *termios);
/* The serial interrupt's look at each byte received: true if it was a
 * signal character, acted on at once (the caller drops its buffer). */
bool tty_receive_irq(char c);

/* ============================ Pipes (pipe.c) =============================== */

/* A new pipe: its read end in ends[0], its write end in ends[1], both
 * O_NONBLOCK if flags has it. 0, or -ENOMEM. */
int pipe_create(struct file *ends[2], unsigned flags);
/* read(2) and write(2) on an end, copying with copy: copy_to_user and
 * copy_from_user for the system calls, copy_to_kernel (either way) for
 * the kernel's own buffers. */
long pipe_read_with(struct file *file, void *buf, size_t count, copy_out_t copy);
long pipe_write_with(struct file *file, const void *buf, size_t count, copy_out_t copy);

#endif
