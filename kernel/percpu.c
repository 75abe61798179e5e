/* Per-CPU areas (include/percpu.h). */
#include "percpu.h"
#include "x86.h"

#include <stddef.h>

_Static_assert(offsetof(struct cpu, kernel_rsp) == CPU_KERNEL_RSP, "asm offset");
_Static_assert(offsetof(struct cpu, user_rsp) == CPU_USER_RSP, "asm offset");

static struct cpu cpus[MAX_CPUS];

void percpu_init(unsigned id)
{
	struct cpu *cpu = &cpus[id];

	cpu->self = cpu;
	cpu->id = id;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
}
