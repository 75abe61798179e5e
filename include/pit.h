/*
 * The 8254 PIT, channel 2, as a stopwatch for calibrating the TSC and the
 * LAPIC timer: its input clock is the one frequency on a PC that is fixed
 * by the hardware rather than measured.
 */
#ifndef PIT_H
#define PIT_H

#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ 1193182		/* 14.31818 MHz / 12 */

/* Start counting down ticks (1..65535) PIT clocks; pit_wait_done() turns
 * true once they have elapsed. */
void pit_wait_start(uint16_t ticks);
bool pit_wait_done(void);

#endif
