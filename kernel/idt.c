/* The IDT: one interrupt gate per vector, all pointing at the stubs of
 * kernel/trap_entry.asm (SDM 6.14.1, 64-bit IDT gate descriptors). */
#include "trap.h"
#include "cpu.h"
#include "panic.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e     /* P=1, DPL=0, type 14: IF cleared on entry */
#define GATE_USER_TRAP 0xee     /* P=1, DPL=3: int3 from user mode allowed */
#define TRAP_STUB_SIZE 16

static struct idt_gate idt[NR_VECTORS] __attribute__((aligned(16)));
irq_handler_t irq_handlers[NR_VECTORS];
extern char trap_stubs[];

static void idt_set_gate(unsigned vector, uint8_t type_attr, uint8_t ist)
{
	uint64_t addr = (uint64_t)trap_stubs + vector * TRAP_STUB_SIZE;

	idt[vector] = (struct idt_gate){
		.offset_low = addr & 0xffff,
		.selector = GDT_KERNEL_CS,
		.ist = ist,
		.type_attr = type_attr,
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_high = addr >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < NR_VECTORS; v++)
		idt_set_gate(v, GATE_INTERRUPT, 0);
	idt_set_gate(X86_BP, GATE_USER_TRAP, 0);
	/* A double fault may come from a broken stack, and an NMI may hit
	 * anywhere: both get known-good stacks (SDM 6.14.5). */
	idt_set_gate(X86_DF, GATE_INTERRUPT, IST_DOUBLE_FAULT);
	idt_set_gate(X86_NMI, GATE_INTERRUPT, IST_NMI);

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) pointer = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(pointer));
}

void irq_set_handler(unsigned vector, irq_handler_t handler)
{
	BUG_ON(vector < NR_EXCEPTIONS || vector >= NR_VECTORS);
	irq_handlers[vector] = handler;
}
