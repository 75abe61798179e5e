/*
 * Per-CPU data, reached through the GS segment base (IA32_GS_BASE): the
 * first field points at the structure itself, so this_cpu() is one load
 * from %gs:0 whichever CPU runs it. User mode will get its own GS value
 * through swapgs (IA32_KERNEL_GS_BASE) when system calls arrive.
 */
#ifndef PERCPU_H
#define PERCPU_H

#include <stdbool.h>
#include <stdint.h>
#include "cfs.h"
#include "spinlock.h"

#define MAX_CPUS 8
#define MSR_GS_BASE        0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

struct task;

struct runqueue {
	spinlock_t lock;
	struct cfs_rq cfs;
	unsigned long nr_switches;
};

struct cpu {
	struct cpu *self;               /* must stay first: %gs:0 */
	/* kernel/syscall_entry.asm uses these two by offset (CPU_*). */
	uint64_t kernel_rsp;            /* top of current's kernel stack */
	uint64_t user_rsp;              /* scratch for the syscall entry */
	unsigned id;
	struct task *current_task;
	struct task *idle;
	int preempt_count;
	bool need_resched;
	struct runqueue rq;
};

/* Offsets for assembly; checked in kernel/percpu.c. */
#define CPU_KERNEL_RSP 8
#define CPU_USER_RSP   16

static inline struct cpu *this_cpu(void)
{
	struct cpu *cpu;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

#define current (this_cpu()->current_task)

/* Point GS at this CPU's struct cpu (boot, before anything uses it). */
void percpu_init(unsigned id);

#endif
