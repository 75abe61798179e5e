/* Interrupts and exceptions: the IDT, the saved register frame, handlers. */
#ifndef TRAP_H
#define TRAP_H

#include <stdint.h>
#include <stdbool.h>

/*
 * What kernel/trap_entry.asm pushes, lowest address first: the general
 * registers, the vector and error code (0 when the CPU pushes none), then
 * the frame the CPU pushed itself (SDM 6.14.1: RIP, CS, RFLAGS, RSP, SS).
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Exception vectors (SDM table 6-1). */
enum {
	X86_DE = 0, X86_DB = 1, X86_NMI = 2, X86_BP = 3, X86_OF = 4,
	X86_BR = 5, X86_UD = 6, X86_NM = 7, X86_DF = 8, X86_TS = 10,
	X86_NP = 11, X86_SS = 12, X86_GP = 13, X86_PF = 14, X86_MF = 16,
	X86_AC = 17, X86_MC = 18, X86_XM = 19, X86_VE = 20, X86_CP = 21,
};
#define NR_EXCEPTIONS 32
#define NR_VECTORS    256

/* Page-fault error code bits (SDM 4.7). */
#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER    (1u << 2)
#define PF_RSVD    (1u << 3)
#define PF_INSTR   (1u << 4)

typedef void (*irq_handler_t)(struct trap_frame *frame);

void idt_init(void);
/* Route vector (>= 32) to handler; the handler must acknowledge the
 * interrupt controller itself (lapic_eoi()). */
void irq_set_handler(unsigned vector, irq_handler_t handler);

const char *exception_name(unsigned vector);
static inline bool trap_from_user(const struct trap_frame *frame)
{
	return (frame->cs & 3) == 3;
}

/* Prints the exception and the registers, then panics. */
void die(struct trap_frame *frame, const char *why) __attribute__((noreturn));
void dump_registers(const struct trap_frame *frame);

#endif
