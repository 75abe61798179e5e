/*
 * Deliberately broken tests, linked only into build/kernel-selftest.elf.
 * tests/runner-selftest.sh boots each suite and checks that tests/run
 * reports the failure: a runner that cannot fail proves nothing.
 */
#include "ktest.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "trap.h"
#include "x86.h"

KTEST(selftest_fail, passes)
{
	KEXPECT_EQ(1 + 1, 2);
}

KTEST(selftest_fail, fails)
{
	KEXPECT_EQ(1 + 1, 3);
}

KTEST(selftest_panic, panics)
{
	panic("selftest: deliberate panic");
}

KTEST(selftest_triple, triple_faults)
{
	/* An empty IDT: the next exception cannot be delivered, nor the
	 * double fault that follows, so the CPU shuts down (SDM 6.15). */
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty = { 0, 0 };

	local_irq_disable();
	__asm__ volatile("lidt %0; ud2" : : "m"(empty));
}

KTEST(selftest_hang, hangs)
{
	for (;;) {
		local_irq_disable();
		halt();
	}
}

KTEST(selftest_exit0, powers_off)
{
	pr_info("selftest: powering off without reporting\n");
	machine_poweroff();
}

KTEST(selftest_missing, first)
{
}

KTEST(selftest_missing, second)
{
}

/* Leaves the plan (1..3) one result short and claims success. */
KTEST(selftest_missing, third_never_reported)
{
	qemu_exit(QEMU_EXIT_PASSED);
}

KTEST(selftest_leak, leaks_a_page)
{
	KEXPECT_TRUE(alloc_pages(0, GFP_KERNEL) != NULL);
}

/* Far deeper than any kernel stack; volatile so the compiler cannot
 * prove the recursion endless and complain. */
static volatile int recursion_limit = 1 << 30;

static int recurse(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth >= recursion_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

/* Runs off the bottom of the kernel stack into its guard page. */
KTEST(selftest_stack_overflow, overflows)
{
	KEXPECT_EQ(recurse(0), 0);
}
