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
