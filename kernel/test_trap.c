/* Exceptions raised on purpose are caught, and the test goes on. */
#include "ktest.h"
#include "trap.h"
#include "x86.h"

KTEST(trap, invalid_opcode_caught)
{
	KEXPECT_TRAP(X86_UD, __asm__ volatile("ud2"));
	KEXPECT_EQ(ktest_last_trap.vector, X86_UD);
}

KTEST(trap, breakpoint_caught)
{
	KEXPECT_TRAP(X86_BP, __asm__ volatile("int3"));
	KEXPECT_EQ(ktest_last_trap.vector, X86_BP);
}

KTEST(trap, page_fault_on_kernel_address)
{
	/* The middle of the upper half that nothing maps. */
	volatile uint64_t *unmapped = (volatile uint64_t *)0xffffc00000001000UL;

	KEXPECT_TRAP(X86_PF, (void)*unmapped);
	KEXPECT_EQ(ktest_last_trap.vector, X86_PF);
	KEXPECT_EQ(ktest_last_trap.cr2, (uint64_t)unmapped);
	/* Not present, a read, from kernel mode (SDM 4.7). */
	KEXPECT_EQ(ktest_last_trap.error_code & (PF_PRESENT | PF_WRITE | PF_USER), 0);
}

KTEST(trap, write_fault_error_code)
{
	volatile uint64_t *unmapped = (volatile uint64_t *)0xffffc00000002000UL;

	KEXPECT_TRAP(X86_PF, *unmapped = 1);
	KEXPECT_EQ(ktest_last_trap.error_code & PF_WRITE, PF_WRITE);
}

KTEST(trap, divide_error_caught)
{
	/* In assembly: GCC turns 1 / x into compares, never dividing. */
	KEXPECT_TRAP(X86_DE, __asm__ volatile("xor %%edx, %%edx; mov $1, %%eax;"
					      "xor %%ecx, %%ecx; div %%ecx"
					      ::: "rax", "rcx", "rdx"));
	KEXPECT_EQ(ktest_last_trap.vector, X86_DE);
}

KTEST(trap, interrupts_survive_a_caught_trap)
{
	bool was_on = irqs_enabled();

	KEXPECT_TRAP(X86_UD, __asm__ volatile("ud2"));
	/* The jump back out of the handler restores the interrupt flag. */
	KEXPECT_EQ(irqs_enabled(), was_on);
}
