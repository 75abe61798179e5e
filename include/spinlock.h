/*
 * Spinlocks and preemption control. One CPU runs this kernel today, but
 * nothing may assume it: shared data is guarded by a spinlock, and taking
 * one disables interrupts (an interrupt handler may want the same lock)
 * and preemption (a task holding a lock must not be switched out).
 *
 * Code that must not be preempted but holds no lock says so with
 * preempt_disable() / preempt_enable(): that is the one way to say it.
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "x86.h"

void preempt_disable(void);
/* Re-enables preemption and, at count 0 with a reschedule pending and
 * interrupts on, schedules right there. */
void preempt_enable(void);
/* The explicit preemption point for long kernel loops. */
void cond_resched(void);

typedef struct {
	volatile uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}

/* Returns whether interrupts were on, for spin_unlock_irqrestore. */
static inline bool spin_lock_irqsave(spinlock_t *lock)
{
	bool was_on = irq_save();

	preempt_disable();
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
	return was_on;
}

static inline void spin_unlock_irqrestore(spinlock_t *lock, bool was_on)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	irq_restore(was_on);
	preempt_enable();
}

static inline bool spin_is_locked(const spinlock_t *lock)
{
	return lock->locked;
}

#endif
