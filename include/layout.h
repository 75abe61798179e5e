/* The kernel's virtual memory layout (DESIGN.md section 3). */
#ifndef LAYOUT_H
#define LAYOUT_H

/* Shared with boot/layout.inc: keep the two in step. */
#define KERNEL_VMA      0xffffffff80000000UL
#define DIRECT_MAP_BASE 0xffff800000000000UL

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Until mm/paging.c replaces them, the boot tables map 0..4 GiB here. */
static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(phys + DIRECT_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *virt)
{
	uint64_t v = (uint64_t)virt;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

extern char _kernel_phys_start[], _text_start[], _text_end[];
extern char _rodata_start[], _rodata_end[], _data_start[], _data_end[];
extern char _kernel_end[];
#endif
#endif
