/* Kernel random numbers (include/random.h). */
#include "random.h"
#include "boot.h"
#include "string.h"
#include "x86.h"

static uint64_t state, seed;

static bool rdrand(uint64_t *value)
{
	/* CPUID.01H:ECX.RDRAND[bit 30]; the carry flag says it delivered. */
	if (!(cpuid(1, 0).ecx & (1u << 30)))
		return false;
	for (int tries = 0; tries < 10; tries++) {
		uint8_t ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*value), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

void random_init(void)
{
	long fixed = cmdline_get_long(&boot_cmdline, "seed", -1);

	if (fixed >= 0)
		seed = fixed;
	else if (!rdrand(&seed))
		seed = rdtsc();
	state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t random_seed(void)
{
	return seed;
}

/* xorshift64* (Vigna): small, fast, fine for addresses and test data. */
uint64_t get_random_u64(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

void get_random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;

	while (len) {
		uint64_t r = get_random_u64();
		size_t n = len < sizeof(r) ? len : sizeof(r);

		memcpy(out, &r, n);
		out += n;
		len -= n;
	}
}
