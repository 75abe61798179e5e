/* Segments, the TSS and what the CPU offers (CPUID). */
#ifndef CPU_H
#define CPU_H

#include <stdint.h>
#include <stdbool.h>

/*
 * GDT layout. The order of the user selectors is fixed by SYSRET (SDM
 * 5.8.8): with STAR[63:48] = GDT_KERNEL_DS, SYSRET loads SS from +8 and
 * the 64-bit CS from +16.
 */
#define GDT_KERNEL_CS 0x08
#define GDT_KERNEL_DS 0x10
#define GDT_USER_DS   0x18
#define GDT_USER_CS   0x20
#define GDT_TSS       0x28
#define USER_RPL      3

/* Interrupt stack table slots (TSS.IST1..7); 0 means "current stack". */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2

void gdt_init(void);
/* The stack the CPU switches to on an interrupt from user mode. */
void tss_set_kernel_stack(uint64_t rsp0);
/* Move an IST slot to another stack (mm/init.c gives them guard pages). */
void tss_set_ist(unsigned ist, uint64_t top);


struct cpu_info {
	char vendor[13];
	char model[49];
	bool has_nx, has_pdpe1gb, has_smep, has_smap, has_fsgsbase, has_invariant_tsc;
};
extern struct cpu_info boot_cpu;
void cpu_identify(void);

/*
 * The x87/SSE register state of user programs (SDM 10.5, FXSAVE). The
 * kernel itself never touches these registers (-mgeneral-regs-only), so
 * they are saved and restored only when the CPU passes between processes.
 */
struct fpu_state {
	uint8_t fxsave_area[512];
} __attribute__((aligned(16)));

void fpu_init(void);
/* The state a new program starts with (exec). */
void fpu_state_init(struct fpu_state *state);

static inline void fpu_save(struct fpu_state *state)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*state));
}

static inline void fpu_restore(const struct fpu_state *state)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*state));
}

#endif
