/*
 * Bringing up memory at boot: the early allocator over the multiboot2 map,
 * the kernel's page tables, mem_map and the buddy allocator, the slab
 * allocator, and guarded stacks for the rest of the kernel.
 */
#include "boot.h"
#include "cpu.h"
#include "mm.h"
#include "paging.h"
#include "panic.h"
#include "printk.h"

static void give_to_buddy(uint64_t start, uint64_t end)
{
	buddy_add_free_range(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
}

/* Bytes of the memory map's entries of one type; type 0: all RAM (every
 * type but MB2_MEMORY_RESERVED, which also covers MMIO holes). */
static uint64_t sum_regions(uint32_t type)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < boot_info.region_count; i++) {
		uint32_t t = boot_info.regions[i].type;

		if (type ? t == type : t != MB2_MEMORY_RESERVED)
			total += boot_info.regions[i].length;
	}
	return total;
}

unsigned long total_ram_pages(void)
{
	return sum_regions(MB2_MEMORY_AVAILABLE) >> PAGE_SHIFT;
}

void mem_report(void)
{
	uint64_t total = sum_regions(0), usable = sum_regions(MB2_MEMORY_AVAILABLE);
	uint64_t free = (uint64_t)nr_free_pages() << PAGE_SHIFT;

	pr_info("memory: %lu KiB total, %lu KiB usable, %lu KiB reserved, %lu KiB free\n",
		total >> 10, usable >> 10, (total - free) >> 10, free >> 10);
}

void mem_init(void)
{
	memblock_init();
	paging_init();

	unsigned long frames = memblock_end_of_ram() >> PAGE_SHIFT;
	uint64_t map = memblock_alloc(frames * sizeof(struct page), PAGE_SIZE);
	buddy_init(phys_to_virt(map), frames);
	/* From here on memblock hands out nothing more. */
	memblock_for_each_free(give_to_buddy);
	paging_use_buddy();
	slab_init();

	/* The double-fault and NMI stacks get guard pages too. */
	for (unsigned ist = IST_DOUBLE_FAULT; ist <= IST_NMI; ist++) {
		uint64_t top = kernel_stack_alloc();

		BUG_ON(!top);
		tss_set_ist(ist, top);
	}
}
