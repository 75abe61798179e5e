/*
 * Tasks and the scheduler (DESIGN.md section 5; sched/core.c, sched/task.c,
 * sched/cfs.c). A task is a kernel thread today; user processes add an
 * address space and a user context to the same structure.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "cfs.h"
#include "cpu.h"
#include "list.h"
#include "percpu.h"
#include "wait.h"

#define TASK_COMM_LEN 16

struct mm;
struct files_struct;
struct sem_undo;

/* Signals (kernel/signal.c): 64 of them as in Linux, bit n-1 for signal n. */
#define NSIG 64
struct k_sigaction {
	uint64_t handler;               /* SIG_DFL 0, SIG_IGN 1, or a user address */
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

struct signal_state {
	uint64_t pending;
	uint64_t blocked;
	struct k_sigaction action[NSIG];
	/* rt_sigsuspend: the mask to put back once a signal was handled
	 * (restore_blocked set), as Linux's saved_sigmask. */
	uint64_t saved_blocked;
	bool restore_blocked;
};
#define PID_MAX 32768

/*
 * TASK_RUNNING covers both "running" and "runnable" as in Linux: the one
 * that runs is this_cpu()->current. A sleeping task waits on a wait queue;
 * an interruptible sleep can be ended by a signal (later).
 */
enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE,
	TASK_UNINTERRUPTIBLE,
	TASK_ZOMBIE,            /* exited, waiting to be reaped (joined) */
	TASK_STOPPED,           /* by a stop signal, until SIGCONT or SIGKILL
				 * (kernel/signal.c); wake_up_process leaves it */
};

struct task {
	uint64_t saved_rsp;             /* sched/switch.asm: must be first */
	int pid;
	char name[TASK_COMM_LEN];
	enum task_state state;
	int nice;
	struct sched_entity se;
	uint64_t kernel_stack_top;
	bool on_cpu;                    /* its stack is in use: running, or
					 * still switching away */

	struct task *parent;
	struct list_head children;      /* of this task */
	struct list_head sibling;       /* in parent->children */
	struct list_head tasks;         /* in the list of all tasks */

	/* Processes (NULL for kernel threads). */
	struct mm *mm;
	struct files_struct *files;
	struct inode *cwd;              /* working directory, referenced;
					 * NULL: "/" (kernel/open.c) */
	uint32_t uid, gid, euid, egid;
	uint64_t fs_base;               /* arch_prctl(ARCH_SET_FS): TLS */
	uint64_t clear_child_tid;       /* set_tid_address */
	int exit_status;                /* wait status (Linux encoding) */
	struct wait_queue_head child_exit;  /* wait4 sleeps here */
	struct task *vfork_parent;      /* released at exec or exit */
	uint64_t min_flt, maj_flt;      /* page faults, for getrusage */
	uint64_t maxrss;                /* pages, kept from the mm at exit */
	uint64_t start_time;            /* clock_ns at creation */
	uint64_t children_utime;        /* CPU time of reaped children, ns */
	struct signal_state signal;
	/* What restart_syscall continues after -ERESTART_RESTARTBLOCK
	 * (include/wait.h): nanosleep's deadline and rem. */
	struct restart_block {
		long (*fn)(struct restart_block *block);
		uint64_t due;                   /* jiffies */
		void *rem;                      /* struct timespec __user * */
	} restart_block;
	/* Job control (kernel/jobctl.c, kernel/signal.c). */
	int pgid, sid;                  /* process group and session */
	bool did_exec;                  /* since fork: setpgid on it is EACCES */
	bool stopped;                   /* by stop_signal, until continued */
	int stop_signal;
	unsigned wait_report;           /* WAIT_REPORT_*: for the parent's wait4 */
	struct sem_undo *sem_undo;      /* SEM_UNDO adjustments (ipc/sem.c) */
	struct fpu_state fpu;           /* saved while another process runs */

	/* Kernel threads. */
	int (*thread_fn)(void *arg);
	void *thread_arg;
	int exit_code;
	struct wait_queue_head exit_wait;  /* kthread_join sleeps here */
};

/* A process, not a kernel thread: one that is exiting (its mm gone) or a
 * zombie is still one, as Linux finds it by pid until it is reaped. */
static inline bool task_is_process(const struct task *task)
{
	return !task->thread_fn;
}

/* Boot: the running context (on the stack whose top is given) becomes
 * task "kmain", pid 1, and an idle task exists. */
void sched_init(uint64_t boot_stack_top);
/* A new kernel thread running fn(arg), runnable at once (like Linux's
 * kthread_run); NULL when out of memory or pids. */
struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name);
/* Ends the calling kernel thread with code (returning from fn does too). */
void kthread_exit(int code) __attribute__((noreturn));
/* Wait for the thread to exit, free it and return its exit code. */
int kthread_join(struct task *task);

/* Pick the next task and switch to it; the caller's state decides
 * whether it stays runnable. Call with preemption enabled or from the
 * preemption points below. */
void schedule(void);
/* Give the CPU to others that are due (sched_yield). */
void yield(void);
/* Make a sleeping task runnable; true if it was asleep. */
bool wake_up_process(struct task *task);
void set_user_nice(struct task *task, int nice);

/* Called from the timer interrupt, each tick. */
void scheduler_tick(void);
/* On the way out of an interrupt, with interrupts off. */
void preempt_schedule_irq(void);

/* wait_report bits: a stop or a continuation wait4 has yet to report. */
#define WAIT_REPORT_STOPPED   1u
#define WAIT_REPORT_CONTINUED 2u

/* The task list for ^T and tests. */
unsigned long nr_tasks(void);
/* Call fn on every task, zombies included, with the task list locked
 * (and interrupts off): fn must not sleep. */
void for_each_task(void (*fn)(struct task *task, void *arg), void *arg);
/* Wake a task stopped by a stop signal (TASK_STOPPED); true if it was. */
bool wake_up_stopped(struct task *task);
void show_tasks(void);
const char *task_state_name(const struct task *task);

/* Inside sched/: tasks (task.c) and the core (core.c) call each other. */
struct task *task_alloc(const char *name);
void task_free(struct task *task);
void task_make_idle(struct task *task);
/* The task with this pid, or NULL: a zombie too until it is reaped
 * (Linux's find_task_by_vpid); callers that need a live one check. */
struct task *find_task(int pid);
/* The process pid (0: the caller), a zombie too, or NULL (none, or a
 * kernel thread). */
struct task *find_process(int pid);
void task_init_cache(void);
void sched_fork(struct task *task);
void wake_up_new_task(struct task *task);
void finish_task_switch(struct task *prev);
/* The first frame of a new task's stack, for switch_to. */
void task_frame_init(struct task *task);
/* Returns the task that ran before, on the stack of the one resumed. */
struct task *switch_to(struct task *prev, struct task *next);

#endif
