/*
 * The scheduler core: picking and switching tasks, preemption, wake-ups
 * and the tick. The policy (who runs next, for how long) is CFS's
 * (sched/cfs.c); this file holds the mechanism around it.
 *
 * Locking: the runqueue lock is held from the pick across switch_to and
 * released by the task switched to, in finish_task_switch() (its first
 * instructions after switch_to, or task_entry for a new task).
 */
#include "sched.h"
#include "boot.h"
#include "clock.h"
#include "cpu.h"
#include "mm.h"
#include "vm.h"
#include "paging.h"
#include "panic.h"
#include "printk.h"
#include "string.h"
#include "timer.h"

static bool sched_trace;

static void __schedule(bool preempt);

void preempt_disable(void)
{
	this_cpu()->preempt_count++;
	barrier();
}

void preempt_enable(void)
{
	struct cpu *cpu = this_cpu();

	barrier();
	BUG_ON(cpu->preempt_count <= 0);
	if (--cpu->preempt_count == 0 && cpu->need_resched && irqs_enabled())
		__schedule(true);
}

/* Both are preemptions: the task may be between marking itself asleep
 * and sleeping (a spin_unlock in prepare_to_wait), and stays queued. */
void cond_resched(void)
{
	if (this_cpu()->need_resched && this_cpu()->preempt_count == 0)
		__schedule(true);
}

static void trace_switch(struct task *prev, struct task *next, uint64_t now)
{
	printk("sched: %lu.%06lu %s[%d] vruntime %lu -> %s[%d] vruntime %lu\n",
	       (unsigned long)(now / 1000000000), (unsigned long)(now / 1000 % 1000000),
	       prev->name, prev->pid, (unsigned long)prev->se.vruntime,
	       next->name, next->pid, (unsigned long)next->se.vruntime);
}

void finish_task_switch(struct task *prev)
{
	struct cpu *cpu = this_cpu();

	/* prev's stack is free from here: a zombie may now be reaped. */
	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	/* Switched in with the lock held by the task before us; it left
	 * preempt_count at 1 (from spin_lock_irqsave) for us to drop. */
	__atomic_store_n(&cpu->rq.lock.locked, 0, __ATOMIC_RELEASE);
	cpu->preempt_count--;
}

/*
 * Called with preempt_count 0 (or from kthread_exit with 1). The caller's
 * state decides: TASK_RUNNING stays queued, anything else leaves the
 * runqueue until wake_up_process(). A preemption (preempt) leaves it
 * queued whatever its state, as Linux's does: a task that has marked
 * itself asleep but not yet checked its condition or queued its wake-up
 * would otherwise never run again.
 */
static void __schedule(bool preempt)
{
	struct cpu *cpu = this_cpu();
	struct runqueue *rq = &cpu->rq;
	struct task *prev = cpu->current_task, *next;
	int saved_count = cpu->preempt_count;
	uint64_t now = clock_ns();

	bool flags = spin_lock_irqsave(&rq->lock);
	cpu->need_resched = false;
	if (prev != cpu->idle) {
		cfs_update_curr(&rq->cfs, now);
		if (prev->state != TASK_RUNNING && prev->se.on_rq && !preempt)
			cfs_dequeue(&rq->cfs, &prev->se);
		cfs_put_prev(&rq->cfs, &prev->se);
	}
	struct sched_entity *se = cfs_pick_next(&rq->cfs, now);
	next = se ? container_of(se, struct task, se) : cpu->idle;

	if (next == prev) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	rq->nr_switches++;
	if (sched_trace)
		trace_switch(prev, next, now);
	next->on_cpu = true;
	cpu->current_task = next;
	/* Where an interrupt or a system call from user mode lands. */
	tss_set_kernel_stack(next->kernel_stack_top);
	cpu->kernel_rsp = next->kernel_stack_top;
	if (next->mm && next->mm != prev->mm)
		switch_mm(next->mm);
	/* User register state the kernel does not save on entry: the FPU/SSE
	 * registers and the FS base (TLS). */
	if (prev->mm) {
		fpu_save(&prev->fpu);
		prev->fs_base = rdmsr(MSR_FS_BASE);
	}
	if (next->mm) {
		fpu_restore(&next->fpu);
		wrmsr(MSR_FS_BASE, next->fs_base);
	}
	/* The lock and a preempt count of 1 go across to next. */
	cpu->preempt_count = 1;
	struct task *last = switch_to(prev, next);

	/* Back on prev's stack: whoever switched to us left the lock held. */
	cpu = this_cpu();
	finish_task_switch(last);
	cpu->preempt_count = saved_count;
	irq_restore(flags);
}

void schedule(void)
{
	__schedule(false);
}

void yield(void)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool flags = spin_lock_irqsave(&rq->lock);

	if (current != this_cpu()->idle) {
		cfs_update_curr(&rq->cfs, clock_ns());
		cfs_yield(&rq->cfs);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	schedule();
}

/* Enqueue a task that is not on the runqueue and see whether it should
 * run before current. Called with the runqueue lock held. */
static void activate_task(struct runqueue *rq, struct task *task, enum cfs_place how)
{
	struct cpu *cpu = this_cpu();

	cfs_update_curr(&rq->cfs, clock_ns());
	cfs_place_entity(&rq->cfs, &task->se, how);
	cfs_enqueue(&rq->cfs, &task->se);
	if (cpu->current_task == cpu->idle || cfs_wakeup_preempt(&rq->cfs, &task->se))
		cpu->need_resched = true;
}

/* Wake task if its state is one of states (a bit per enum task_state). */
static bool try_to_wake_up(struct task *task, unsigned states)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool woke = false;
	bool flags = spin_lock_irqsave(&rq->lock);

	if (states & (1u << task->state)) {
		woke = true;
		task->state = TASK_RUNNING;
		/* Still queued: it was between marking itself asleep and
		 * schedule(); it just keeps running. */
		if (!task->se.on_rq)
			activate_task(rq, task, PLACE_WAKEUP);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return woke;
}

bool wake_up_process(struct task *task)
{
	return try_to_wake_up(task, 1u << TASK_INTERRUPTIBLE | 1u << TASK_UNINTERRUPTIBLE);
}

bool wake_up_stopped(struct task *task)
{
	return try_to_wake_up(task, 1u << TASK_STOPPED);
}

void sched_fork(struct task *task)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool flags = spin_lock_irqsave(&rq->lock);

	task->nice = current->nice;
	task->se.weight = nice_to_weight(task->nice);
	task->state = TASK_RUNNING;
	cfs_update_curr(&rq->cfs, clock_ns());
	cfs_fork(&rq->cfs, current == this_cpu()->idle ? NULL : &current->se, &task->se);
	spin_unlock_irqrestore(&rq->lock, flags);
}

void wake_up_new_task(struct task *task)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool flags = spin_lock_irqsave(&rq->lock);

	/* Placed by sched_fork already: do not place it again. */
	cfs_enqueue(&rq->cfs, &task->se);
	if (cfs_wakeup_preempt(&rq->cfs, &task->se))
		this_cpu()->need_resched = true;
	spin_unlock_irqrestore(&rq->lock, flags);
}

void set_user_nice(struct task *task, int nice)
{
	struct runqueue *rq = &this_cpu()->rq;
	bool flags = spin_lock_irqsave(&rq->lock);
	bool queued = task->se.on_rq;

	cfs_update_curr(&rq->cfs, clock_ns());
	/* The runqueue's load holds the old weight: requeue with the new. */
	if (queued)
		cfs_dequeue(&rq->cfs, &task->se);
	task->nice = nice < MIN_NICE ? MIN_NICE : nice > MAX_NICE ? MAX_NICE : nice;
	task->se.weight = nice_to_weight(task->nice);
	if (queued)
		cfs_enqueue(&rq->cfs, &task->se);
	spin_unlock_irqrestore(&rq->lock, flags);
}

void scheduler_tick(void)
{
	struct cpu *cpu = this_cpu();
	struct runqueue *rq = &cpu->rq;

	wake_timed_sleepers(jiffies);
	if (!cpu->current_task || cpu->current_task == cpu->idle)
		return;
	bool flags = spin_lock_irqsave(&rq->lock);
	if (cfs_tick(&rq->cfs, clock_ns()))
		cpu->need_resched = true;
	spin_unlock_irqrestore(&rq->lock, flags);
}

void preempt_schedule_irq(void)
{
	struct cpu *cpu = this_cpu();

	if (!cpu->need_resched || cpu->preempt_count != 0 || !cpu->current_task)
		return;
	__schedule(true);
}

static int idle_thread(void *arg)
{
	(void)arg;
	for (;;) {
		local_irq_disable();
		if (this_cpu()->need_resched) {
			local_irq_enable();
			schedule();
			continue;
		}
		/* sti takes effect after the next instruction, so no interrupt
		 * can slip in between the check and hlt (SDM, STI). */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
	return 0;
}

void sched_init(uint64_t boot_stack_top)
{
	struct cpu *cpu = this_cpu();

	sched_trace = cmdline_get(&boot_cmdline, "sched_trace") != NULL;
	cfs_rq_init(&cpu->rq.cfs);
	spin_lock_init(&cpu->rq.lock);
	task_init_cache();

	/* The context running now (kmain_late) becomes a task like any other. */
	struct task *kmain_task = task_alloc("kmain");
	BUG_ON(!kmain_task);
	kmain_task->state = TASK_RUNNING;
	kmain_task->on_cpu = true;
	/* kmain's stack becomes init's kernel stack; it is never freed. */
	kmain_task->kernel_stack_top = boot_stack_top;
	cpu->kernel_rsp = boot_stack_top;
	tss_set_kernel_stack(boot_stack_top);
	cpu->current_task = kmain_task;
	cfs_enqueue(&cpu->rq.cfs, &kmain_task->se);
	cfs_pick_next(&cpu->rq.cfs, clock_ns());

	/* The idle task is never on the runqueue: schedule() falls back to it. */
	struct task *idle = task_alloc("idle");
	BUG_ON(!idle);
	task_make_idle(idle);
	cpu->idle = idle;
	idle->state = TASK_RUNNING;
	idle->kernel_stack_top = kernel_stack_alloc();
	BUG_ON(!idle->kernel_stack_top);
	idle->thread_fn = idle_thread;
	task_frame_init(idle);
}
