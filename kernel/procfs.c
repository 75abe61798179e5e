/*
 * /proc: a small read-only procfs with Linux's file formats, enough for
 * ps, free and uptime (user/bin) and for a person poking around:
 *
 *	/proc/meminfo          MemTotal, MemFree, MemAvailable... in kB
 *	/proc/uptime           seconds since boot, and idle
 *	/proc/self             the calling process's directory
 *	/proc/<pid>/stat       Linux's 52 fields: pid (comm) state ppid ...
 *	/proc/<pid>/status     Name, State, Pid, PPid, VmRSS, SigBlk ...
 *	/proc/<pid>/sched      se.vruntime, se.sum_exec_runtime ... (CFS)
 *	/proc/<pid>/comm       the name
 *
 * Nothing is stored: the per-process directories and files are inodes
 * made up when a path walk looks them up (inode->lookup), reference
 * counted and freed with their last user (inode->put). A file's text is
 * formatted into a kernel buffer at its first read, from a snapshot of
 * the task taken under the task list's lock, and read from there (so a
 * process that reads in pieces sees one consistent text, as with Linux's
 * seq_file). A process that has gone makes its files read -ESRCH.
 * (/proc/sysvipc is not here: ipcs reads the IPC calls.)
 */
#include <stdarg.h>
#include "fs.h"
#include "clock.h"
#include "mm.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "vm.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

enum proc_kind {
	PROC_ROOT, PROC_MEMINFO, PROC_UPTIME,           /* static */
	PROC_PID_DIR, PROC_STAT, PROC_STATUS, PROC_SCHED, PROC_COMM,
};

struct proc_inode {
	struct inode inode;
	enum proc_kind kind;
	int pid;                /* the per-process ones */
	char pid_name[12];      /* PID directories: their name, the digits */
};

#define PROC_INO(pid, kind) (0xf0000000u + ((uint32_t)(pid) << 4) + (kind))
#define PROC_BUF_SIZE 2048
#define USER_HZ 100

static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len);
static struct inode *proc_pid_lookup(struct inode *dir, const char *name, size_t len);
static const struct file_operations proc_root_fops, proc_pid_dir_fops, proc_file_fops;

struct inode proc_root_inode = {
	.ino = PROC_INO(0, PROC_ROOT),
	.mode = S_IFDIR | 0555,
	.name = "proc",
	.parent = &proc_root_inode,     /* until initrd_init puts it in / */
	.children = LIST_HEAD_INIT(proc_root_inode.children),
	.sibling = LIST_HEAD_INIT(proc_root_inode.sibling),
	.fops = &proc_root_fops,
	.lookup = proc_root_lookup,
};

#define PROC_STATIC_FILE(var, file_name, file_kind)                           \
	static struct proc_inode var = {                                       \
		.inode = {                                                     \
			.ino = PROC_INO(0, file_kind),                         \
			.mode = S_IFREG | 0444,                                \
			.name = file_name,                                     \
			.parent = &proc_root_inode,                            \
			.children = LIST_HEAD_INIT(var.inode.children),        \
			.sibling = LIST_HEAD_INIT(var.inode.sibling),          \
			.fops = &proc_file_fops,                               \
		},                                                             \
		.kind = file_kind,                                             \
	}

PROC_STATIC_FILE(proc_meminfo, "meminfo", PROC_MEMINFO);
PROC_STATIC_FILE(proc_uptime, "uptime", PROC_UPTIME);

/* The entries of /proc before the pids ("." and ".." first). */
static struct proc_inode *const root_files[] = { &proc_meminfo, &proc_uptime };

/* The files of /proc/<pid>. */
static const struct {
	const char *name;
	enum proc_kind kind;
} pid_files[] = {
	{ "stat", PROC_STAT }, { "status", PROC_STATUS },
	{ "sched", PROC_SCHED }, { "comm", PROC_COMM },
};

static struct proc_inode *to_proc(struct inode *inode)
{
	return container_of(inode, struct proc_inode, inode);
}

/* ============================ Tasks, seen safely =========================== */

/* What the files say of a task, copied under the task list's lock. */
struct proc_snap {
	int pid;                /* the one wanted; 0 when not found */
	bool found;
	char name[TASK_COMM_LEN];
	char state;
	bool kthread;
	int ppid, pgid, sid, nice;
	uint32_t uid, gid, euid, egid;
	uint64_t min_flt, maj_flt, runtime, children_runtime, start_time, vruntime;
	unsigned long weight;
	uint64_t vsize, rss, hiwater_rss;
	uint64_t pending, blocked, ignored, caught;
	int exit_status;
};

static char state_char(const struct task *task)
{
	switch (task->state) {
	case TASK_RUNNING:        return 'R';
	case TASK_INTERRUPTIBLE:  return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_ZOMBIE:         return 'Z';
	case TASK_STOPPED:        return 'T';
	}
	return '?';
}

static void snap_one(struct task *task, void *arg)
{
	struct proc_snap *s = arg;
	struct mm *mm = task->mm;
	struct vma *vma;

	if (task->pid != s->pid || s->found)
		return;
	s->found = true;
	memcpy(s->name, task->name, sizeof(s->name));
	s->state = state_char(task);
	s->kthread = !task_is_process(task);
	s->ppid = task->parent ? task->parent->pid : 0;
	s->pgid = task->pgid;
	s->sid = task->sid;
	s->nice = task->nice;
	s->uid = task->uid;
	s->gid = task->gid;
	s->euid = task->euid;
	s->egid = task->egid;
	s->min_flt = task->min_flt;
	s->maj_flt = task->maj_flt;
	s->runtime = task->se.sum_exec_runtime;
	s->children_runtime = task->children_utime;
	s->start_time = task->start_time;
	s->vruntime = task->se.vruntime;
	s->weight = task->se.weight;
	s->exit_status = task->state == TASK_ZOMBIE ? task->exit_status : 0;
	s->vsize = s->rss = 0;
	if (mm) {
		list_for_each_entry(vma, &mm->vmas, list)
			s->vsize += vma->end - vma->start;
		s->rss = mm->rss;
		s->hiwater_rss = mm->hiwater_rss;
	}
	s->pending = task->signal.pending;
	s->blocked = task->signal.blocked;
	s->ignored = s->caught = 0;
	for (int i = 0; i < NSIG; i++) {
		uint64_t handler = task->signal.action[i].handler;

		if (handler == SIG_IGN)
			s->ignored |= 1UL << i;
		else if (handler != SIG_DFL)
			s->caught |= 1UL << i;
	}
}

static bool snapshot(int pid, struct proc_snap *s)
{
	memset(s, 0, sizeof(*s));
	s->pid = pid;
	if (pid > 0)
		for_each_task(snap_one, s);
	return s->found;
}

struct pid_scan {
	int from, next;         /* the least pid >= from, PID_MAX if none */
};

static void scan_pid(struct task *task, void *arg)
{
	struct pid_scan *scan = arg;

	if (task->pid >= scan->from && task->pid < scan->next)
		scan->next = task->pid;
}

static int next_pid(int from)
{
	struct pid_scan scan = { from, PID_MAX };

	for_each_task(scan_pid, &scan);
	return scan.next;
}

/* ================================ The texts ================================ */

struct text {
	char *buf;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= PROC_BUF_SIZE - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, PROC_BUF_SIZE - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = t->len + (size_t)n < PROC_BUF_SIZE - 1 ? t->len + (size_t)n
							     : PROC_BUF_SIZE - 1;
}

static void count_slab(const struct kmem_cache *cache, void *arg)
{
	struct kmem_cache_stats stats;

	kmem_cache_get_stats(cache, &stats);
	*(unsigned long *)arg += stats.pages;
}

/* The pages of the initrd's page cache: the files' contents. */
static unsigned long initrd_cached_pages(void)
{
	static unsigned long pages;
	static bool counted;
	struct inode *root = initrd_root(), *inode = root;

	if (counted || !root)
		return pages;
	/* Depth first, as initrd_destroy walks it; the tree never changes. */
	for (;;) {
		pages += inode->nr_pages;
		if (!list_empty(&inode->children) && !inode->lookup) {
			inode = list_first_entry(&inode->children, struct inode, sibling);
			continue;
		}
		while (inode != root && inode->sibling.next == &inode->parent->children)
			inode = inode->parent;
		if (inode == root)
			break;
		inode = list_entry(inode->sibling.next, struct inode, sibling);
	}
	counted = true;
	return pages;
}

/* Linux's /proc/meminfo lines: "%-16s%8lu kB"; the memory the buddy
 * allocator manages, what it has free, the initrd's cache, the slabs. */
static void show_meminfo(struct text *t)
{
	unsigned long kb = PAGE_SIZE / 1024, slab = 0;
	unsigned long total = nr_managed_pages(), free = nr_free_pages();

	kmem_cache_for_each(count_slab, &slab);
#define LINE(name, pages) add(t, "%-16s%8lu kB\n", name ":", (unsigned long)(pages) * kb)
	LINE("MemTotal", total);
	LINE("MemFree", free);
	/* Nothing is reclaimable: the initrd's pages are its only copy. */
	LINE("MemAvailable", free);
	LINE("Buffers", 0);
	LINE("Cached", initrd_cached_pages());
	LINE("SwapCached", 0);
	LINE("SwapTotal", 0);
	LINE("SwapFree", 0);
	LINE("Shmem", 0);
	LINE("Slab", slab);
	LINE("SReclaimable", 0);
	LINE("SUnreclaim", slab);
#undef LINE
}

static void add_runtime(struct task *task, void *arg)
{
	*(uint64_t *)arg += task->se.sum_exec_runtime + task->children_utime;
}

/* Seconds since boot and seconds idle, to the hundredth (the idle time
 * is what no task has used: the time of tasks reaped is counted in their
 * parents'). */
static void show_uptime(struct text *t)
{
	uint64_t now = clock_ns(), busy = 0, idle;

	for_each_task(add_runtime, &busy);
	idle = busy < now ? now - busy : 0;
	add(t, "%lu.%02lu %lu.%02lu\n", now / 1000000000, now / 10000000 % 100,
	    idle / 1000000000, idle / 10000000 % 100);
}

static unsigned long to_ticks(uint64_t ns)
{
	return ns / (1000000000 / USER_HZ);
}

#define PF_KTHREAD 0x00200000

/* Linux's fs/proc/array.c do_task_stat, field by field. There is no split
 * of user and system time: all of it counts as user time. */
static void show_stat(struct text *t, const struct proc_snap *s)
{
	int tpgid = console_foreground(s->sid);

	add(t, "%d (%s) %c %d %d %d %d %d %u ", s->pid, s->name, s->state, s->ppid,
	    s->pgid, s->sid, tpgid >= 0 ? (int)console_inode.rdev : 0, tpgid,
	    s->kthread ? PF_KTHREAD : 0);
	add(t, "%lu 0 %lu 0 %lu 0 %lu 0 ", s->min_flt, s->maj_flt, to_ticks(s->runtime),
	    to_ticks(s->children_runtime));
	add(t, "%d %d 1 0 %lu %lu %lu ", 20 + s->nice, s->nice, to_ticks(s->start_time),
	    s->vsize, s->rss);
	/* rsslim startcode endcode startstack kstkesp kstkeip */
	add(t, "18446744073709551615 0 0 0 0 0 ");
	add(t, "%lu %lu %lu %lu ", s->pending, s->blocked, s->ignored, s->caught);
	/* wchan nswap cnswap exit_signal processor rt_priority policy
	 * delayacct_blkio_ticks guest_time cguest_time, the data and brk
	 * bounds, arg and env bounds, exit_code */
	add(t, "0 0 0 %d 0 0 0 0 0 0 0 0 0 0 0 0 0 %d\n", s->kthread ? 0 : SIGCHLD,
	    s->exit_status);
}

static const char *state_name(char state)
{
	switch (state) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	}
	return "? (unknown)";
}

/* Linux's /proc/<pid>/status, its first and most used lines. */
static void show_status(struct text *t, const struct proc_snap *s)
{
	unsigned long kb = PAGE_SIZE / 1024;

	add(t, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n", s->name,
	    state_name(s->state), s->pid, s->pid, s->ppid);
	add(t, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", s->uid, s->euid, s->euid,
	    s->euid, s->gid, s->egid, s->egid, s->egid);
	if (!s->kthread && s->state != 'Z') {
		add(t, "VmSize:\t%8lu kB\n", s->vsize / 1024);
		add(t, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", s->hiwater_rss * kb, s->rss * kb);
	}
	add(t, "Threads:\t1\n");
	add(t, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
	    s->pending & ~s->blocked, s->pending & s->blocked, s->blocked, s->ignored, s->caught);
}

/* Linux's /proc/<pid>/sched (kernel/sched/debug.c): times in ms with
 * six decimals. */
static void show_sched(struct text *t, const struct proc_snap *s)
{
	add(t, "%s (%d, #threads: 1)\n", s->name, s->pid);
	add(t, "-------------------------------------------------------------------\n");
#define NS(name, ns) add(t, "%-45s:%14lu.%06lu\n", name, (ns) / 1000000, (ns) % 1000000)
#define NUM(name, v) add(t, "%-45s:%21ld\n", name, (long)(v))
	NS("se.vruntime", s->vruntime);
	NS("se.sum_exec_runtime", s->runtime);
	NUM("se.load.weight", s->weight);
	NUM("policy", 0);
	NUM("prio", 120 + s->nice);
#undef NS
#undef NUM
}

/* The file's text into t; -ESRCH if its process has gone. */
static int generate(struct proc_inode *pi, struct text *t)
{
	struct proc_snap snap;

	switch (pi->kind) {
	case PROC_MEMINFO:
		show_meminfo(t);
		return 0;
	case PROC_UPTIME:
		show_uptime(t);
		return 0;
	default:
		break;
	}
	if (!snapshot(pi->pid, &snap))
		return -ESRCH;
	switch (pi->kind) {
	case PROC_STAT:
		show_stat(t, &snap);
		break;
	case PROC_STATUS:
		show_status(t, &snap);
		break;
	case PROC_SCHED:
		show_sched(t, &snap);
		break;
	case PROC_COMM:
		add(t, "%s\n", snap.name);
		break;
	default:
		return -EIO;
	}
	return 0;
}

/* ================================ The files ================================ */

struct proc_buf {
	size_t len;
	char data[];
};

/* The file's text, made at the first read. */
static long proc_text(struct file *file, struct proc_buf **out)
{
	struct proc_buf *pb = file->private_data;

	if (!pb) {
		pb = kmalloc(sizeof(*pb) + PROC_BUF_SIZE, GFP_KERNEL);
		if (!pb)
			return -ENOMEM;
		struct text t = { pb->data, 0 };
		int err = generate(to_proc(file->inode), &t);
		if (err) {
			kfree(pb);
			return err;
		}
		pb->len = t.len;
		file->private_data = pb;
	}
	*out = pb;
	return 0;
}

static long proc_pread(struct file *file, char __user *buf, size_t count, uint64_t pos)
{
	struct proc_buf *pb;
	long err = proc_text(file, &pb);

	if (err)
		return err;
	if (pos >= pb->len)
		return 0;
	if (count > pb->len - pos)
		count = pb->len - pos;
	return copy_to_user(buf, pb->data + pos, count) ? -EFAULT : (long)count;
}

static long proc_read(struct file *file, char __user *buf, size_t count)
{
	long n = proc_pread(file, buf, count, file->pos);

	if (n > 0)
		file->pos += (uint64_t)n;
	return n;
}

static long proc_llseek(struct file *file, long offset, int whence)
{
	long pos;

	if (whence == SEEK_SET)
		pos = offset;
	else if (whence == SEEK_CUR && !__builtin_add_overflow((long)file->pos, offset, &pos))
		;
	else
		return -EINVAL;
	if (pos < 0)
		return -EINVAL;
	file->pos = (uint64_t)pos;
	return pos;
}

static void proc_release(struct file *file)
{
	kfree(file->private_data);
}

static const struct file_operations proc_file_fops = {
	.read = proc_read,
	.pread = proc_pread,
	.llseek = proc_llseek,
	.release = proc_release,
};

/* ============================ Made-up inodes =============================== */

static void proc_put(struct inode *inode)
{
	if (__atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (inode->parent != inode)
		inode_put(inode->parent);
	kfree(to_proc(inode));
}

/* A new inode of kind for pid under dir (which it references), with
 * one reference; NULL when memory is short. */
static struct inode *proc_new(struct inode *dir, enum proc_kind kind, int pid,
			      const char *name)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct inode *inode;

	if (!pi)
		return NULL;
	inode = &pi->inode;
	pi->kind = kind;
	pi->pid = pid;
	inode->ino = PROC_INO(pid, kind);
	inode->name = name;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->sibling);
	inode->put = proc_put;
	inode->refcount = 1;
	inode->parent = dir;
	inode_get(dir);
	if (kind == PROC_PID_DIR) {
		inode->mode = S_IFDIR | 0555;
		inode->fops = &proc_pid_dir_fops;
		inode->lookup = proc_pid_lookup;
	} else {
		inode->mode = S_IFREG | 0444;
		inode->fops = &proc_file_fops;
	}
	return inode;
}

/* A pid as /proc names it: decimal, no sign, no leading zero; or -1. */
static int parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (len == 0 || len > 5 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid > 0 && pid < PID_MAX ? pid : -1;
}

static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len)
{
	struct proc_snap snap;
	int pid;

	for (size_t i = 0; i < sizeof(root_files) / sizeof(root_files[0]); i++)
		if (strlen(root_files[i]->inode.name) == len &&
		    memcmp(root_files[i]->inode.name, name, len) == 0)
			return &root_files[i]->inode;
	if (len == 4 && memcmp(name, "self", 4) == 0)
		pid = current->pid;
	else
		pid = parse_pid(name, len);
	if (pid <= 0 || !snapshot(pid, &snap))
		return NULL;
	/* The name lives in the inode: the pid's digits, also for "self"
	 * (so getcwd in it says /proc/PID, as Linux's symbolic link). */
	struct inode *inode = proc_new(dir, PROC_PID_DIR, pid, "");
	if (inode) {
		snprintf(to_proc(inode)->pid_name, sizeof(to_proc(inode)->pid_name), "%d", pid);
		inode->name = to_proc(inode)->pid_name;
	}
	return inode;
}

static struct inode *proc_pid_lookup(struct inode *dir, const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(pid_files) / sizeof(pid_files[0]); i++)
		if (strlen(pid_files[i].name) == len && memcmp(pid_files[i].name, name, len) == 0)
			return proc_new(dir, pid_files[i].kind, to_proc(dir)->pid,
					pid_files[i].name);
	return NULL;
}

/* ================================ Directories ============================== */


/* /proc: ".", "..", the files, then a directory per pid in order. A
 * position past the files is FIRST_PID_POS + the pid to go on from. */
#define NR_ROOT_FILES (sizeof(root_files) / sizeof(root_files[0]))
#define FIRST_PID_POS (3 + NR_ROOT_FILES)

static long proc_root_getdents64(struct file *file, void __user *dirents, size_t count)
{
	struct inode *dir = file->inode;
	size_t done = 0;

	for (;;) {
		uint64_t pos = file->pos, next_pos = pos + 1;
		char digits[12];
		const char *name;
		uint64_t ino;
		uint32_t mode = S_IFDIR;

		if (pos == 0) {
			name = ".";
			ino = dir->ino;
		} else if (pos == 1) {
			name = "..";
			ino = dir->parent->ino;
		} else if (pos == 2) {
			name = "self";
			ino = PROC_INO(current->pid, PROC_PID_DIR);
		} else if (pos < FIRST_PID_POS) {
			name = root_files[pos - 3]->inode.name;
			ino = root_files[pos - 3]->inode.ino;
			mode = root_files[pos - 3]->inode.mode;
		} else {
			int pid = next_pid((int)(pos - FIRST_PID_POS) > 0 ?
					   (int)(pos - FIRST_PID_POS) : 1);

			if (pid >= PID_MAX)
				break;
			snprintf(digits, sizeof(digits), "%d", pid);
			name = digits;
			ino = PROC_INO(pid, PROC_PID_DIR);
			next_pos = FIRST_PID_POS + (uint64_t)pid + 1;
		}
		long n = put_dirent((char __user *)dirents + done, count - done, ino, mode, name,
				    next_pos, copy_to_user);
		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
		file->pos = next_pos;
	}
	return (long)done;
}

static long proc_pid_getdents64(struct file *file, void __user *dirents, size_t count)
{
	struct inode *dir = file->inode;
	size_t done = 0;

	for (;;) {
		uint64_t pos = file->pos;
		const char *name;
		uint64_t ino;
		uint32_t mode = S_IFREG;

		if (pos == 0) {
			name = ".";
			ino = dir->ino;
			mode = S_IFDIR;
		} else if (pos == 1) {
			name = "..";
			ino = dir->parent->ino;
			mode = S_IFDIR;
		} else if (pos - 2 < sizeof(pid_files) / sizeof(pid_files[0])) {
			name = pid_files[pos - 2].name;
			ino = PROC_INO(to_proc(dir)->pid, pid_files[pos - 2].kind);
		} else {
			break;
		}
		long n = put_dirent((char __user *)dirents + done, count - done, ino, mode, name,
				    pos + 1, copy_to_user);
		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
		file->pos = pos + 1;
	}
	return (long)done;
}

static const struct file_operations proc_root_fops = {
	.read = generic_read_dir,
	.pread = generic_pread_dir,
	.llseek = proc_llseek,
	.getdents64 = proc_root_getdents64,
};

static const struct file_operations proc_pid_dir_fops = {
	.read = generic_read_dir,
	.pread = generic_pread_dir,
	.llseek = proc_llseek,
	.getdents64 = proc_pid_getdents64,
};

bool is_proc_inode(const struct inode *inode)
{
	return inode->fops == &proc_file_fops || inode->fops == &proc_root_fops ||
	       inode->fops == &proc_pid_dir_fops;
}
