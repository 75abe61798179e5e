/* The periodic tick: the LAPIC timer interrupting HZ times a second. */
#ifndef TIMER_H
#define TIMER_H

#include <stdint.h>

#define HZ 1000

/* Ticks since timer_init(); written only by the tick handler. */
extern volatile uint64_t jiffies;

/* Start the tick, or restart it after a test borrowed the LAPIC timer;
 * needs apic_init() and clock_calibrate(). */
void timer_init(void);
uint64_t timer_ticks(void);

#endif
