/*
 * Time since boot, from the TSC, and the rate of the LAPIC timer; both
 * measured once against the PIT (DESIGN.md section 5, Timer).
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ULL

/* Measure the TSC and LAPIC timer rates; clock_ns() starts at 0 here. */
void clock_calibrate(void);

/* Nanoseconds since clock_calibrate(); never smaller than a previous
 * result. 0 before calibration. */
uint64_t clock_ns(void);

uint64_t clock_tsc_hz(void);
/* The LAPIC timer's count rate, after its LAPIC_TIMER_DIVIDER. */
uint64_t clock_lapic_timer_hz(void);

#endif
