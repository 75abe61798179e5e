/*
 * The tick: the LAPIC timer in periodic mode (SDM 10.5.4) reloads its
 * initial count each time it reaches 0 and interrupts on
 * LAPIC_TIMER_VECTOR, so one calibrated count of lapic_timer_hz / HZ gives
 * HZ interrupts a second with no reprogramming.
 */
#include "apic.h"
#include "clock.h"
#include "panic.h"
#include "printk.h"
#include "timer.h"
#include "sched.h"
#include "trap.h"

volatile uint64_t jiffies;

static void timer_interrupt(struct trap_frame *frame)
{
	(void)frame;
	jiffies++;
	scheduler_tick();
	lapic_eoi();
}

void timer_init(void)
{
	uint64_t count = clock_lapic_timer_hz() / HZ;

	if (count == 0 || count > UINT32_MAX)
		panic("timer: a LAPIC timer at %lu Hz cannot tick at HZ=%d",
		      clock_lapic_timer_hz(), HZ);
	irq_set_handler(LAPIC_TIMER_VECTOR, timer_interrupt);
	lapic_timer_periodic(count);
	pr_debug("timer: %d Hz tick, LAPIC timer count %lu\n", HZ, count);
}

uint64_t timer_ticks(void)
{
	return jiffies;
}
