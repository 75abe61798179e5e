/*
 * Tasks: allocation, pids, kernel threads, exit and join. The first frame
 * a new task's stack holds is the one switch_to pops: six callee-saved
 * registers (rbx = the task) and the return address task_start.
 */
#include "sched.h"
#include "mm.h"
#include "paging.h"
#include "panic.h"
#include "printk.h"
#include "string.h"

static struct kmem_cache *task_cache;
static LIST_HEAD(all_tasks);
static spinlock_t tasks_lock = SPINLOCK_INIT;
static unsigned long task_count;

/* pid allocation: the next free number after the last one handed out,
 * wrapping, as Linux does (so pids are not reused at once). */
static uint8_t pid_used[PID_MAX];
static int last_pid;

static int alloc_pid(void)
{
	for (int i = 1; i < PID_MAX; i++) {
		int pid = (last_pid + i) % PID_MAX;

		if (pid != 0 && !pid_used[pid]) {
			pid_used[pid] = 1;
			last_pid = pid;
			return pid;
		}
	}
	return -1;
}

unsigned long nr_tasks(void)
{
	return task_count;
}

/* A task structure with a pid, on the task list, not yet runnable. */
struct task *task_alloc(const char *name)
{
	struct task *task = kmem_cache_alloc(task_cache, __GFP_ZERO);

	if (!task)
		return NULL;
	bool flags = spin_lock_irqsave(&tasks_lock);
	task->pid = alloc_pid();
	if (task->pid >= 0) {
		list_add_tail(&task->tasks, &all_tasks);
		task_count++;
	}
	spin_unlock_irqrestore(&tasks_lock, flags);
	if (task->pid < 0) {
		kmem_cache_free(task_cache, task);
		return NULL;
	}
	strlcpy(task->name, name, sizeof(task->name));
	INIT_LIST_HEAD(&task->children);
	INIT_LIST_HEAD(&task->sibling);
	init_waitqueue_head(&task->exit_wait);
	init_waitqueue_head(&task->child_exit);
	task->se.weight = nice_to_weight(0);
	return task;
}

/* The idle task is pid 0, as in Linux: give back the pid it was handed. */
void task_make_idle(struct task *task)
{
	bool flags = spin_lock_irqsave(&tasks_lock);

	pid_used[task->pid] = 0;
	last_pid = 0;
	task->pid = 0;
	spin_unlock_irqrestore(&tasks_lock, flags);
}

struct task *find_task(int pid)
{
	struct task *task, *found = NULL;
	bool flags = spin_lock_irqsave(&tasks_lock);

	list_for_each_entry(task, &all_tasks, tasks)
		if (task->pid == pid) {
			found = task;
			break;
		}
	spin_unlock_irqrestore(&tasks_lock, flags);
	return found;
}

struct task *find_process(int pid)
{
	struct task *task = pid ? find_task(pid) : current;

	return task && task_is_process(task) ? task : NULL;
}

void for_each_task(void (*fn)(struct task *task, void *arg), void *arg)
{
	struct task *task, *next;
	bool flags = spin_lock_irqsave(&tasks_lock);

	list_for_each_entry_safe(task, next, &all_tasks, tasks)
		fn(task, arg);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

void task_free(struct task *task)
{
	bool flags = spin_lock_irqsave(&tasks_lock);

	list_del(&task->tasks);
	if (task->pid)
		pid_used[task->pid] = 0;
	task_count--;
	spin_unlock_irqrestore(&tasks_lock, flags);
	if (task->kernel_stack_top)
		kernel_stack_free(task->kernel_stack_top);
	kmem_cache_free(task_cache, task);
}

void task_init_cache(void)
{
	task_cache = kmem_cache_create("task", sizeof(struct task),
				       _Alignof(struct task), SLAB_PANIC);
}

/* Where a new task starts (from task_start in sched/switch.asm). */
void task_entry(struct task *task, struct task *prev)
{
	finish_task_switch(prev);
	local_irq_enable();
	kthread_exit(task->thread_fn(task->thread_arg));
}

void task_frame_init(struct task *task)
{
	extern char task_start[];
	uint64_t *sp = (uint64_t *)task->kernel_stack_top;

	/* The frame switch_to pops: r15 r14 r13 r12 rbx rbp, then ret. */
	*--sp = 0;                      /* keeps task_entry's stack aligned */
	*--sp = (uint64_t)task_start;
	*--sp = 0;                      /* rbp */
	*--sp = (uint64_t)task;         /* rbx */
	for (int i = 0; i < 4; i++)
		*--sp = 0;              /* r12 .. r15 */
	task->saved_rsp = (uint64_t)sp;
}

struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name)
{
	struct task *task = task_alloc(name);

	if (!task)
		return NULL;
	task->kernel_stack_top = kernel_stack_alloc();
	if (!task->kernel_stack_top) {
		task_free(task);
		return NULL;
	}
	task->thread_fn = fn;
	task->thread_arg = arg;
	task_frame_init(task);

	task->parent = current;
	bool flags = spin_lock_irqsave(&tasks_lock);
	list_add_tail(&task->sibling, &current->children);
	spin_unlock_irqrestore(&tasks_lock, flags);
	sched_fork(task);
	wake_up_new_task(task);
	return task;
}

void kthread_exit(int code)
{
	struct task *task = current;

	preempt_disable();
	task->exit_code = code;
	task->state = TASK_ZOMBIE;
	wake_up_all(&task->exit_wait);
	/* schedule() takes a zombie off the runqueue for good; the joiner
	 * frees the stack we are on only after we have switched away. */
	schedule();
	panic("zombie task %d (%s) ran again", task->pid, task->name);
}

int kthread_join(struct task *task)
{
	wait_event(task->exit_wait, task->state == TASK_ZOMBIE);
	/* Another CPU may still be switching away from the zombie. */
	while (__atomic_load_n(&task->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	int code = task->exit_code;

	bool flags = spin_lock_irqsave(&tasks_lock);
	list_del(&task->sibling);
	spin_unlock_irqrestore(&tasks_lock, flags);
	task_free(task);
	return code;
}

const char *task_state_name(const struct task *task)
{
	switch (task->state) {
	case TASK_RUNNING:
		return task == current ? "running" : "runnable";
	case TASK_INTERRUPTIBLE:
	case TASK_UNINTERRUPTIBLE:
		return "sleeping";
	case TASK_ZOMBIE:
		return "zombie";
	case TASK_STOPPED:
		return "stopped";
	}
	return "?";
}

void show_tasks(void)
{
	struct task *task;
	bool flags = spin_lock_irqsave(&tasks_lock);

	printk(KERN_EMERG "  PID NAME             STATE      NICE       VRUNTIME(ns)        RUNTIME(ns)\n");
	list_for_each_entry(task, &all_tasks, tasks)
		printk(KERN_EMERG "%5d %-16s %-10s %4d %18lu %18lu\n", task->pid,
		       task->name, task_state_name(task), task->nice,
		       (unsigned long)task->se.vruntime,
		       (unsigned long)task->se.sum_exec_runtime);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

