/*
 * In-kernel tests of the tick, the TSC clock and the MADT.
 *
 * Waits spin on the TSC rather than hlt: if the timer were dead, hlt would
 * never return and the suite would hang instead of failing.
 */
#include <stdbool.h>
#include "acpi.h"
#include "apic.h"
#include "clock.h"
#include "ktest.h"
#include "timer.h"
#include "x86.h"

/* Generous: TCG on a loaded host can run far behind real time. */
#define WAIT_LIMIT_SECONDS 2

KTEST(clock, tsc_monotonic)
{
	uint64_t first = clock_ns(), prev = first, now;
	unsigned i, backwards = 0;

	for (i = 0; i < 100000; i++) {
		now = clock_ns();
		if (now < prev)
			backwards++;
		prev = now;
	}
	KEXPECT_EQ(backwards, 0u);
	KEXPECT_GT(prev, first);
}

/* clock_ns() when the LAPIC timer read *count, bracketed by two TSC reads
 * so that a host preempting us in between costs at most half the gap. */
static uint64_t lapic_sample(uint32_t *count)
{
	uint64_t before = clock_ns();

	*count = lapic_timer_count();
	return before + (clock_ns() - before) / 2;
}

/*
 * Free-run the LAPIC timer until it has counted window ticks; say how many
 * it counted and how many ns of the TSC clock passed meanwhile. False if it
 * does not count.
 */
static bool lapic_window(uint32_t window, uint32_t *counts, uint64_t *ns)
{
	uint64_t limit = WAIT_LIMIT_SECONDS * clock_tsc_hz();
	uint64_t start = rdtsc(), start_ns;
	uint32_t start_count, end_count;

	lapic_timer_free_run();
	start_ns = lapic_sample(&start_count);
	while (start_count - lapic_timer_count() < window) {
		if (rdtsc() - start > limit)
			return false;
		cpu_relax();
	}
	*ns = lapic_sample(&end_count) - start_ns;
	*counts = start_count - end_count;
	return true;
}

/*
 * The two calibrated rates agree: a window of 100 tick periods counted on
 * the LAPIC timer lasts, on the TSC clock, what lapic_timer_hz predicts,
 * within 5%. The window is read off the timer's count register, not counted
 * in jiffies: under TCG a busy host delays tick interrupts and QEMU merges
 * the late ones, so jiffies can lose a third of the ticks of a window while
 * both counters keep time. The tick is borrowed, then restarted.
 */
KTEST(clock, lapic_tsc_agree)
{
	uint64_t hz = clock_lapic_timer_hz();
	uint32_t window = 100 * (hz / HZ);
	bool irqs = irq_save(), agreed = false;
	int attempt;

	for (attempt = 0; attempt < 3 && !agreed; attempt++) {
		uint64_t tsc_ns, lapic_ns, error;
		uint32_t counts;

		if (!lapic_window(window, &counts, &tsc_ns)) {
			ktest_log("the LAPIC timer does not count down");
			break;
		}
		lapic_ns = counts * NSEC_PER_SEC / hz;
		error = tsc_ns > lapic_ns ? tsc_ns - lapic_ns : lapic_ns - tsc_ns;
		ktest_log("%u LAPIC timer counts: %lu ns by lapic_timer_hz, %lu ns by tsc_hz",
			  counts, lapic_ns, tsc_ns);
		agreed = error * 20 <= lapic_ns;
	}
	timer_init();
	irq_restore(irqs);
	KEXPECT_TRUE(agreed);
}

/* Spin until jiffies reaches target or the time limit runs out. */
static void wait_for_jiffies(uint64_t target)
{
	uint64_t start = rdtsc();
	uint64_t limit = WAIT_LIMIT_SECONDS * clock_tsc_hz();

	while (timer_ticks() < target && rdtsc() - start < limit)
		cpu_relax();
}

/* Runs after clock.lapic_tsc_agree, so it also checks the tick restarted. */
KTEST(timer, ticks_with_interrupts)
{
	bool irqs = irqs_enabled();
	uint64_t start;

	local_irq_enable();
	start = timer_ticks();
	wait_for_jiffies(start + 50);
	KEXPECT_GE(timer_ticks() - start, 50u);
	if (!irqs)
		local_irq_disable();
}

KTEST(acpi, madt_parsed)
{
	const struct madt_info *madt = acpi_madt();

	KASSERT_TRUE(madt != NULL);
	KEXPECT_GE(madt->nr_ioapics, 1u);
	KEXPECT_NE(madt->lapic_address, 0u);
	KEXPECT_GE(madt->nr_cpus, 1u);
}
