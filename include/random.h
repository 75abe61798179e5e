/* Kernel random numbers (kernel/random.c): a xorshift generator seeded
 * from RDRAND when the CPU has it and the TSC otherwise, or from `seed=N`
 * on the command line so a run can be replayed. Not cryptographic. */
#ifndef RANDOM_H
#define RANDOM_H

#include <stddef.h>
#include <stdint.h>

void random_init(void);
uint64_t get_random_u64(void);
void get_random_bytes(void *buf, size_t len);
/* The seed in use (printed by the test harness). */
uint64_t random_seed(void);

#endif
