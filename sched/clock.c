/*
 * Calibration of the TSC and the LAPIC timer, and the TSC clock.
 *
 * The PIT's input clock is fixed at PIT_HZ, so a PIT countdown is a known
 * window of time; counting TSC cycles and LAPIC timer ticks over it gives
 * both rates. Under emulation a window can be stretched or shrunk by the
 * host (an exit that takes long, a preempted vCPU), so the window is
 * measured three times and the median kept.
 *
 * clock_ns() converts TSC cycles with a multiply and a shift, as Linux's
 * clocksource does: ns = cycles * mult >> NS_SHIFT, mult = 10^9 << NS_SHIFT
 * / tsc_hz, the division done once here.
 */
#include <stdbool.h>
#include "apic.h"
#include "clock.h"
#include "panic.h"
#include "pit.h"
#include "printk.h"
#include "x86.h"

#define CALIBRATE_MS		10
#define CALIBRATE_TICKS		(PIT_HZ * CALIBRATE_MS / 1000)
#define CALIBRATE_RUNS		3
/* A PIT that never reports the end (a machine without one) must not hang
 * the boot: each poll is a port read of a microsecond or more. */
#define CALIBRATE_MAX_POLLS	100000000UL

/* 10^9 << 32 still fits in 64 bits, so the one division needs no 128. */
#define NS_SHIFT		32

static uint64_t tsc_hz, lapic_timer_hz;
static uint64_t tsc_base, ns_mult;
static uint64_t last_ns;

struct sample {
	uint64_t tsc;		/* TSC cycles in the window */
	uint32_t lapic;		/* LAPIC timer ticks in the window */
};

static struct sample measure_window(void)
{
	bool irqs = irq_save();
	uint64_t tsc0, polls = 0;
	uint32_t lapic0;
	struct sample s;

	lapic_timer_free_run();
	pit_wait_start(CALIBRATE_TICKS);
	tsc0 = rdtsc();
	lapic0 = lapic_timer_count();
	while (!pit_wait_done())
		if (++polls == CALIBRATE_MAX_POLLS)
			panic("clock: PIT channel 2 never counted down (port 0x61 bit 5 stuck)");
	s.tsc = rdtsc() - tsc0;
	s.lapic = lapic0 - lapic_timer_count();	/* it counts down */
	irq_restore(irqs);
	return s;
}

/* SDM vol. 2A, CPUID leaf 15H (TSC/crystal ratio and crystal Hz) or else
 * 16H (base MHz); 0 if the CPU does not say. */
static uint64_t cpuid_tsc_hz(void)
{
	uint32_t max_leaf = cpuid(0, 0).eax;
	struct cpuid_regs r;

	if (max_leaf >= 0x15) {
		r = cpuid(0x15, 0);
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	if (max_leaf >= 0x16) {
		r = cpuid(0x16, 0);
		if (r.eax & 0xffff)
			return (uint64_t)(r.eax & 0xffff) * 1000000;
	}
	return 0;
}

void clock_calibrate(void)
{
	struct sample runs[CALIBRATE_RUNS], median, tmp;
	uint64_t reported;
	int i, j;

	for (i = 0; i < CALIBRATE_RUNS; i++) {
		runs[i] = measure_window();
		pr_debug("clock: window %d: %lu TSC cycles, %u LAPIC ticks\n",
			 i, runs[i].tsc, runs[i].lapic);
	}
	/* Insertion sort by TSC count; the two counts of a run stay paired. */
	for (i = 1; i < CALIBRATE_RUNS; i++)
		for (j = i; j > 0 && runs[j].tsc < runs[j - 1].tsc; j--) {
			tmp = runs[j];
			runs[j] = runs[j - 1];
			runs[j - 1] = tmp;
		}
	median = runs[CALIBRATE_RUNS / 2];

	tsc_hz = median.tsc * PIT_HZ / CALIBRATE_TICKS;
	lapic_timer_hz = (uint64_t)median.lapic * PIT_HZ / CALIBRATE_TICKS;
	if (tsc_hz == 0 || lapic_timer_hz == 0)
		panic("clock: calibration failed: TSC %lu Hz, LAPIC timer %lu Hz",
		      tsc_hz, lapic_timer_hz);
	ns_mult = (NSEC_PER_SEC << NS_SHIFT) / tsc_hz;
	tsc_base = rdtsc();

	reported = cpuid_tsc_hz();
	if (reported)
		pr_debug("clock: CPUID reports a %lu Hz TSC, measured %lu Hz\n",
			 reported, tsc_hz);
	pr_debug("clock: TSC %lu.%03lu MHz, LAPIC timer %lu.%03lu MHz (bus / %d)\n",
		tsc_hz / 1000000, tsc_hz / 1000 % 1000,
		lapic_timer_hz / 1000000, lapic_timer_hz / 1000 % 1000,
		LAPIC_TIMER_DIVIDER);
}

uint64_t clock_ns(void)
{
	uint64_t now = rdtsc();
	uint64_t cycles = now > tsc_base ? now - tsc_base : 0;
	uint64_t ns = (uint64_t)(((unsigned __int128)cycles * ns_mult) >> NS_SHIFT);
	uint64_t last = __atomic_load_n(&last_ns, __ATOMIC_RELAXED);

	/*
	 * The TSC of one CPU only goes forward (SDM 17.17), but under
	 * emulation the vCPU may move between host CPUs whose TSCs differ a
	 * little: never return less than a result already handed out.
	 */
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&last_ns, &last, ns, true,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

uint64_t clock_lapic_timer_hz(void)
{
	return lapic_timer_hz;
}
