/*
 * Processes: fork (copy-on-write through mm_dup), exit, wait4, and the
 * identity calls. A process is a task with an mm; its user registers are
 * the struct trap_frame at the top of its kernel stack, which both the
 * system-call entry and interrupts from user mode build.
 */
#include "process.h"
#include "clock.h"
#include "fs.h"
#include "ipc.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "vm.h"
#include "x86.h"

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8
#define __WNOTHREAD 0x20000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000

struct trap_frame *task_user_regs(struct task *task)
{
	return (struct trap_frame *)task->kernel_stack_top - 1;
}

struct trap_frame *current_user_regs(void)
{
	return task_user_regs(current);
}

/* A forked child's first return from switch_to lands here (sched/switch.asm). */
void fork_child_entry(struct task *prev)
{
	finish_task_switch(prev);
	local_irq_enable();
	exit_to_user_mode(current_user_regs());
	local_irq_disable();
}

extern char fork_child_start[];

static long do_fork(bool vfork)
{
	struct task *parent = current;
	struct task *child = task_alloc(parent->name);

	if (!child)
		return -EAGAIN;
	child->kernel_stack_top = kernel_stack_alloc();
	child->mm = vfork ? parent->mm : mm_dup(parent->mm);
	child->files = files_dup(parent->files);
	if (!child->kernel_stack_top || !child->mm || !child->files) {
		if (child->mm && !vfork)
			mm_put(child->mm);
		if (child->files)
			files_put(child->files);
		task_free(child);
		return -ENOMEM;
	}
	if (vfork)
		parent->mm->refcount++;
	child->cwd = parent->cwd;
	if (child->cwd)
		inode_get(child->cwd);
	child->uid = parent->uid;
	child->gid = parent->gid;
	child->euid = parent->euid;
	child->egid = parent->egid;
	child->fs_base = rdmsr(MSR_FS_BASE);
	fpu_save(&child->fpu);          /* the parent's live registers */
	child->signal.blocked = parent->signal.blocked;
	memcpy(child->signal.action, parent->signal.action, sizeof(child->signal.action));
	child->start_time = clock_ns();
	child->pgid = parent->pgid;
	child->sid = parent->sid;

	/* The child returns to user mode with the parent's registers and 0. */
	struct trap_frame *regs = task_user_regs(child);
	*regs = *current_user_regs();
	regs->rax = 0;
	/* switch_to's frame: r15 r14 r13 r12 rbx rbp, then fork_child_start. */
	uint64_t *sp = (uint64_t *)regs;
	*--sp = (uint64_t)fork_child_start;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	child->saved_rsp = (uint64_t)sp;

	child->parent = parent;
	list_add_tail(&child->sibling, &parent->children);
	if (vfork)
		child->vfork_parent = parent;
	int pid = child->pid;
	sched_fork(child);
	wake_up_new_task(child);

	/* vfork: the parent sleeps until the child execs or exits. */
	if (vfork)
		wait_event(parent->child_exit, child->vfork_parent == NULL);
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	return do_fork(false);
}

SYSCALL_DEFINE0(vfork)
{
	return do_fork(true);
}

/* exec or exit: a vfork parent may run again. */
void release_vfork_parent(struct task *task)
{
	struct task *parent = task->vfork_parent;

	if (parent) {
		task->vfork_parent = NULL;
		wake_up_all(&parent->child_exit);
	}
}

/* Orphans go to init (pid 1), which reaps them. */
static void reparent_children(struct task *task)
{
	struct task *init = find_task(1), *child, *next;

	BUG_ON(!init || init == task);
	list_for_each_entry_safe(child, next, &task->children, sibling) {
		list_del(&child->sibling);
		child->parent = init;
		list_add_tail(&child->sibling, &init->children);
	}
	wake_up_all(&init->child_exit);
}

/* What a process holds besides its task: gone at exit, before it is reaped. */
static void exit_files_and_mm(struct task *task)
{
	exit_sem(task);
	release_vfork_parent(task);
	if (task->files) {
		files_put(task->files);
		task->files = NULL;
	}
	if (task->cwd) {
		inode_put(task->cwd);
		task->cwd = NULL;
	}
	if (task->mm) {
		struct mm *mm = task->mm;

		task->maxrss = mm->hiwater_rss;
		task->mm = NULL;
		switch_mm(NULL);
		mm_put(mm);
	}
}

void do_exit(int status)
{
	struct task *task = current;

	if (task->pid == 1) {
		/* pid 1 has no parent to reap it: the run ends here. */
		exit_files_and_mm(task);
		init_exited(status);
	}
	exit_files_and_mm(task);
	exit_job_control(task);
	reparent_children(task);

	preempt_disable();
	task->exit_status = status;
	task->state = TASK_ZOMBIE;
	send_signal(task->parent, SIGCHLD);
	wake_up_all(&task->parent->child_exit);
	schedule();
	panic("zombie %d (%s) ran again", task->pid, task->name);
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_exit((code & 0xff) << 8);
}

struct rusage {
	struct { long tv_sec, tv_usec; } ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static void fill_rusage(struct rusage *ru, uint64_t cpu_ns, uint64_t minflt,
			uint64_t majflt, uint64_t maxrss_pages)
{
	memset(ru, 0, sizeof(*ru));
	/* All of a process's time counts as user time: the scheduler does
	 * not split it. */
	ru->ru_utime.tv_sec = cpu_ns / 1000000000;
	ru->ru_utime.tv_usec = cpu_ns / 1000 % 1000000;
	ru->ru_minflt = minflt;
	ru->ru_majflt = majflt;
	ru->ru_maxrss = maxrss_pages * (PAGE_SIZE / 1024);      /* KiB */
}

/* wait4's pid: that child, -1 any, 0 any in the caller's process group,
 * < -1 any in the group -pid. */
static bool child_matches(const struct task *child, int pid)
{
	if (pid > 0)
		return child->pid == pid;
	if (pid == -1)
		return true;
	return child->pgid == (pid == 0 ? current->pgid : -pid);
}

/* What wait4 may report of a live child under options: a stop
 * (WUNTRACED) or a continuation (WCONTINUED) not yet reported. */
static unsigned wait_reportable(const struct task *child, int options)
{
	return child->wait_report & ((options & WUNTRACED ? WAIT_REPORT_STOPPED : 0) |
				     (options & WCONTINUED ? WAIT_REPORT_CONTINUED : 0));
}

/* A child to reap or to report on, or NULL; *any is set if any child
 * matches. */
static struct task *find_zombie(struct task *parent, int pid, int options, bool *any)
{
	struct task *child;

	*any = false;
	list_for_each_entry(child, &parent->children, sibling) {
		if (!child_matches(child, pid))
			continue;
		*any = true;
		if (child->state == TASK_ZOMBIE || wait_reportable(child, options))
			return child;
	}
	return NULL;
}

/* A stopped or continued child: its status (stopped: signal << 8 | 0x7f,
 * continued: 0xffff), reported once; it is not reaped. */
static long report_stop(struct task *child, int options, int __user *status,
			struct rusage __user *ru)
{
	bool flags = irq_save();
	unsigned what = wait_reportable(child, options);
	int wstatus = what & WAIT_REPORT_STOPPED ? child->stop_signal << 8 | 0x7f : 0xffff;

	child->wait_report &= what & WAIT_REPORT_STOPPED ? ~WAIT_REPORT_STOPPED
							 : ~WAIT_REPORT_CONTINUED;
	irq_restore(flags);
	if (status && put_user(wstatus, status))
		return -EFAULT;
	if (ru) {
		struct rusage usage;

		fill_rusage(&usage, child->se.sum_exec_runtime, child->min_flt,
			    child->maj_flt, child->mm ? child->mm->hiwater_rss : 0);
		if (copy_to_user(ru, &usage, sizeof(usage)))
			return -EFAULT;
	}
	return child->pid;
}

SYSCALL_DEFINE4(wait4, int, pid, int __user *, status, int, options, struct rusage __user *, ru)
{
	struct task *zombie;
	bool any;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	for (;;) {
		zombie = find_zombie(current, pid, options, &any);
		if (zombie || !any)
			break;
		if (options & WNOHANG)
			return 0;
		int err = wait_event_interruptible(current->child_exit,
						   find_zombie(current, pid, options, &any) || !any);
		if (err)
			return err;
	}
	if (!zombie)
		return -ECHILD;
	if (zombie->state != TASK_ZOMBIE)
		return report_stop(zombie, options, status, ru);
	/* Linux reaps the child even when it then cannot report: a bad
	 * status or rusage pointer gives EFAULT with the child gone. */
	int reaped = zombie->pid, exit_status = zombie->exit_status;
	struct rusage usage;
	fill_rusage(&usage, zombie->se.sum_exec_runtime + zombie->children_utime,
		    zombie->min_flt, zombie->maj_flt, zombie->maxrss);
	current->children_utime += zombie->se.sum_exec_runtime + zombie->children_utime;
	while (__atomic_load_n(&zombie->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	list_del(&zombie->sibling);
	task_free(zombie);

	if (status && put_user(exit_status, status))
		return -EFAULT;
	if (ru && copy_to_user(ru, &usage, sizeof(usage)))
		return -EFAULT;
	return reaped;
}

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage usage;
	struct mm *mm = current->mm;

	if (who == RUSAGE_SELF)
		fill_rusage(&usage, current->se.sum_exec_runtime, current->min_flt,
			    current->maj_flt, mm ? mm->hiwater_rss : 0);
	else if (who == RUSAGE_CHILDREN)
		fill_rusage(&usage, current->children_utime, 0, 0, 0);
	else
		return -EINVAL;
	return copy_to_user(ru, &usage, sizeof(usage));
}
