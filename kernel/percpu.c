/* Per-CPU areas (include/percpu.h). */
#include "percpu.h"
#include "x86.h"

static struct cpu cpus[MAX_CPUS];

void percpu_init(unsigned id)
{
	struct cpu *cpu = &cpus[id];

	cpu->self = cpu;
	cpu->id = id;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
}
