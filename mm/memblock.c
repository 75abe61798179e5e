/*
 * The early allocator. Before mem_map and the buddy allocator exist,
 * memory for page tables and for mem_map itself comes from here: the
 * multiboot2 memory map minus the reserved ranges (first MiB, kernel
 * image, boot information, modules) minus what memblock already gave out.
 * mm/init.c hands everything still free to the buddy allocator.
 */
#include "boot.h"
#include "paging.h"
#include "panic.h"
#include "printk.h"

#define MAX_RESERVED 64

struct range {
	uint64_t start, end;
};

static struct range reserved[MAX_RESERVED];
static unsigned reserved_count;

void memblock_reserve(uint64_t start, uint64_t end)
{
	/* First-fit allocations come one after another: grow a neighbour. */
	for (unsigned i = 0; i < reserved_count; i++) {
		if (reserved[i].end == start) {
			reserved[i].end = end;
			return;
		}
		if (reserved[i].start == end) {
			reserved[i].start = start;
			return;
		}
	}
	if (reserved_count == MAX_RESERVED)
		panic("memblock: more than %d reserved ranges", MAX_RESERVED);
	reserved[reserved_count++] = (struct range){ start, end };
}

bool memblock_is_reserved(uint64_t phys)
{
	for (unsigned i = 0; i < reserved_count; i++)
		if (phys >= reserved[i].start && phys < reserved[i].end)
			return true;
	return false;
}

static uint64_t align_up(uint64_t x, uint64_t align)
{
	return (x + align - 1) & ~(align - 1);
}

void memblock_init(void)
{
	/* The BIOS data area, the EBDA, VGA memory and the option ROMs. */
	memblock_reserve(0, 0x100000);
	/* _kernel_phys_start is linked at its physical address (linker.ld). */
	memblock_reserve((uint64_t)_kernel_phys_start, virt_to_phys(_kernel_end));
	memblock_reserve(boot_info_phys,
			 boot_info_phys + boot_info.total_size);
	for (unsigned i = 0; i < boot_info.module_count; i++)
		memblock_reserve(boot_info.modules[i].start,
				 align_up(boot_info.modules[i].end, PAGE_SIZE));
}

uint64_t memblock_end_of_ram(void)
{
	uint64_t end = 0;

	for (unsigned i = 0; i < boot_info.region_count; i++) {
		const struct mem_region *r = &boot_info.regions[i];

		if (r->type == MB2_MEMORY_AVAILABLE && r->base + r->length > end)
			end = r->base + r->length;
	}
	return end & ~(PAGE_SIZE - 1);
}

/*
 * Split [start, end) around the reserved ranges, calling fn on each free
 * piece (page aligned). Recursion depth is bounded by MAX_RESERVED.
 */
static void for_each_unreserved(uint64_t start, uint64_t end, unsigned from,
				void (*fn)(uint64_t, uint64_t))
{
	start = align_up(start, PAGE_SIZE);
	end &= ~(PAGE_SIZE - 1);
	for (unsigned i = from; i < reserved_count && start < end; i++) {
		const struct range *r = &reserved[i];

		if (r->end <= start || r->start >= end)
			continue;
		if (r->start > start)
			for_each_unreserved(start, r->start, i + 1, fn);
		start = r->end;
	}
	start = align_up(start, PAGE_SIZE);
	if (start < end)
		fn(start, end);
}

void memblock_for_each_free(void (*fn)(uint64_t start, uint64_t end))
{
	for (unsigned i = 0; i < boot_info.region_count; i++) {
		const struct mem_region *r = &boot_info.regions[i];

		if (r->type == MB2_MEMORY_AVAILABLE)
			for_each_unreserved(r->base, r->base + r->length, 0, fn);
	}
}

/* The search state of memblock_alloc: first fit over the free ranges. */
static struct {
	size_t size, align;
	uint64_t found;
} request;

static void first_fit(uint64_t start, uint64_t end)
{
	uint64_t candidate = align_up(start, request.align);

	/* Until paging_init builds the full direct map, only the boot
	 * tables' 0..4 GiB window is reachable. */
	if (!request.found && candidate + request.size <= end &&
	    candidate + request.size <= (4UL << 30))
		request.found = candidate;
}

uint64_t memblock_alloc(size_t size, size_t align)
{
	request.size = align_up(size, PAGE_SIZE);
	request.align = align < PAGE_SIZE ? PAGE_SIZE : align;
	request.found = 0;
	memblock_for_each_free(first_fit);
	if (!request.found)
		panic("memblock: no room for %zu bytes during boot", size);
	memblock_reserve(request.found, request.found + request.size);
	return request.found;
}
