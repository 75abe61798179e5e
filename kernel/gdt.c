/* The GDT and the TSS (SDM 3.4 and 8.7: in 64-bit mode segments are flat;
 * the GDT is needed for the privilege levels and the TSS for the stacks). */
#include "cpu.h"
#include "string.h"

#define IST_STACK_SIZE 16384

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/* Descriptor bits (SDM 3.4.5): P, DPL, S, type, L. */
#define SEG_PRESENT (1UL << 47)
#define SEG_DPL3    (3UL << 45)
#define SEG_CODE_DATA (1UL << 44)
#define SEG_EXEC    (1UL << 43)
#define SEG_WRITE   (1UL << 41)   /* data: writable; code: readable */
#define SEG_LONG    (1UL << 53)

static uint64_t gdt[7] __attribute__((aligned(16))) = {
	[GDT_KERNEL_CS / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_WRITE | SEG_LONG,
	[GDT_KERNEL_DS / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_WRITE,
	[GDT_USER_DS / 8]   = SEG_PRESENT | SEG_DPL3 | SEG_CODE_DATA | SEG_WRITE,
	[GDT_USER_CS / 8]   = SEG_PRESENT | SEG_DPL3 | SEG_CODE_DATA | SEG_EXEC | SEG_WRITE | SEG_LONG,
	/* GDT_TSS takes two slots: a 64-bit system descriptor (SDM 8.2.3). */
};

static struct tss tss __attribute__((aligned(16)));
/* Boot-time IST stacks, until mm/init.c can give guarded ones. */
static uint8_t ist_stacks[2][IST_STACK_SIZE] __attribute__((aligned(16)));

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void tss_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

void tss_set_ist(unsigned ist, uint64_t top)
{
	tss.ist[ist - 1] = top;
}

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)ist_stacks[0] + IST_STACK_SIZE;
	tss.ist[IST_NMI - 1] = (uint64_t)ist_stacks[1] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);   /* no I/O permission bitmap */

	/* Type 9: available 64-bit TSS. */
	gdt[GDT_TSS / 8] = SEG_PRESENT | (9UL << 40) | (limit & 0xffff) |
			   ((base & 0xffffff) << 16) | ((base >> 24 & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = base >> 32;

	struct descriptor_pointer pointer = { sizeof(gdt) - 1, (uint64_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		"mov %1, %%ds\n\t"
		"mov %1, %%es\n\t"
		"mov %1, %%ss\n\t"
		/* Reload CS with a far return to the next instruction. */
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(pointer), "r"((uint64_t)GDT_KERNEL_DS),
		    "i"(GDT_KERNEL_CS), "r"((uint64_t)GDT_TSS)
		: "rax", "memory");
}
