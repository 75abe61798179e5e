/* What the CPU can do, from CPUID (SDM volume 2, CPUID). */
#include "cpu.h"
#include "string.h"
#include "x86.h"

struct cpu_info boot_cpu;

void cpu_identify(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	uint32_t max_leaf = r.eax;

	memcpy(boot_cpu.vendor + 0, &r.ebx, 4);
	memcpy(boot_cpu.vendor + 4, &r.edx, 4);
	memcpy(boot_cpu.vendor + 8, &r.ecx, 4);
	boot_cpu.vendor[12] = '\0';

	if (max_leaf >= 7) {
		r = cpuid(7, 0);
		boot_cpu.has_fsgsbase = r.ebx & (1u << 0);
		boot_cpu.has_smep = r.ebx & (1u << 7);
		boot_cpu.has_smap = r.ebx & (1u << 20);
	}

	uint32_t max_extended = cpuid(0x80000000, 0).eax;
	if (max_extended >= 0x80000001) {
		r = cpuid(0x80000001, 0);
		boot_cpu.has_nx = r.edx & (1u << 20);
		boot_cpu.has_pdpe1gb = r.edx & (1u << 26);
	}
	if (max_extended >= 0x80000004) {
		/* The brand string, 48 bytes over three leaves. */
		for (uint32_t i = 0; i < 3; i++) {
			r = cpuid(0x80000002 + i, 0);
			memcpy(boot_cpu.model + 16 * i, &r, 16);
		}
		boot_cpu.model[48] = '\0';
	} else {
		strlcpy(boot_cpu.model, "unknown model", sizeof(boot_cpu.model));
	}
	if (max_extended >= 0x80000007)
		boot_cpu.has_invariant_tsc = cpuid(0x80000007, 0).edx & (1u << 8);
}

#define CR0_MP (1UL << 1)
#define CR0_EM (1UL << 2)
#define CR0_TS (1UL << 3)
#define CR0_NE (1UL << 5)
#define CR4_OSFXSR     (1UL << 9)
#define CR4_OSXMMEXCPT (1UL << 10)
#define MXCSR_DEFAULT  0x1f80   /* all SIMD exceptions masked (SDM 10.2.3) */

static struct fpu_state initial_fpu_state;

/* SDM 13.1: SSE needs CR0.EM clear, CR0.MP set, CR4.OSFXSR (and
 * OSXMMEXCPT to report SIMD exceptions as #XM). */
void fpu_init(void)
{
	uint64_t cr0 = read_cr0();

	cr0 &= ~(CR0_EM | CR0_TS);
	cr0 |= CR0_MP | CR0_NE;
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);

	uint32_t mxcsr = MXCSR_DEFAULT;
	__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	fpu_save(&initial_fpu_state);
}

void fpu_state_init(struct fpu_state *state)
{
	*state = initial_fpu_state;
}
