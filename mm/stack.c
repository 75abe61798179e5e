/*
 * Kernel stacks with guard pages. Each stack gets a slot of
 * KERNEL_STACK_SLOT bytes in the KERNEL_STACK_AREA: the lower half stays
 * unmapped, the upper half is the stack. Running off the bottom of a stack
 * touches the guard, the CPU cannot push the page-fault frame there either,
 * and the resulting double fault (on its own IST stack) names the overflow.
 */
#include "mm.h"
#include "paging.h"
#include "panic.h"
#include "x86.h"

static uint8_t slot_used[KERNEL_STACK_SLOTS];
#define STACK_ORDER 2   /* 16 KiB */
_Static_assert(PAGE_SIZE << STACK_ORDER == KERNEL_STACK_SIZE, "stack order");

uint64_t kernel_stack_alloc(void)
{
	bool was_on = irq_save();
	unsigned slot;

	for (slot = 0; slot < KERNEL_STACK_SLOTS && slot_used[slot]; slot++)
		;
	if (slot == KERNEL_STACK_SLOTS) {
		irq_restore(was_on);
		return 0;
	}
	slot_used[slot] = 1;
	irq_restore(was_on);

	struct page *pages = alloc_pages(STACK_ORDER, 0);
	uint64_t bottom = KERNEL_STACK_AREA + slot * KERNEL_STACK_SLOT + KERNEL_STACK_SIZE;

	if (!pages || map_range(kernel_pml4, bottom, page_to_phys(pages),
				KERNEL_STACK_SIZE, PAGE_KERNEL_RW)) {
		if (pages)
			free_pages(pages, STACK_ORDER);
		slot_used[slot] = 0;
		return 0;
	}
	return bottom + KERNEL_STACK_SIZE;
}

void kernel_stack_free(uint64_t top)
{
	uint64_t bottom = top - KERNEL_STACK_SIZE;
	unsigned slot = (bottom - KERNEL_STACK_AREA) / KERNEL_STACK_SLOT;
	pte_t pte = lookup_page(kernel_pml4, bottom);

	BUG_ON(slot >= KERNEL_STACK_SLOTS || !slot_used[slot] || !pte);
	unmap_range(kernel_pml4, bottom, KERNEL_STACK_SIZE);
	free_pages(phys_to_page(pte & PTE_ADDR_MASK), STACK_ORDER);
	slot_used[slot] = 0;
}

bool kernel_stack_guard_hit(uint64_t addr)
{
	if (addr < KERNEL_STACK_AREA ||
	    addr >= KERNEL_STACK_AREA + (uint64_t)KERNEL_STACK_SLOTS * KERNEL_STACK_SLOT)
		return false;
	return (addr - KERNEL_STACK_AREA) % KERNEL_STACK_SLOT < KERNEL_STACK_SIZE;
}
