/* Allocator benchmarks (make bench): nanoseconds per allocate+free pair. */
#include "clock.h"
#include "kbench.h"
#include "mm.h"
#include "panic.h"

#define ROUNDS 100000

/* The cost of one pair, averaged; the first round warms the free lists. */
static uint64_t time_pairs(unsigned order)
{
	uint64_t start = 0;

	for (unsigned i = 0; i <= ROUNDS; i++) {
		if (i == 1)
			start = clock_ns();
		struct page *page = alloc_pages(order, GFP_KERNEL);

		BUG_ON(!page);
		free_pages(page, order);
	}
	return (clock_ns() - start) / ROUNDS;
}

KBENCH(alloc_pages_order0_pair, "ns")
{
	return time_pairs(0);
}

KBENCH(alloc_pages_order4_pair, "ns")
{
	return time_pairs(4);
}

KBENCH(kmalloc64_pair, "ns")
{
	uint64_t start = 0;

	for (unsigned i = 0; i <= ROUNDS; i++) {
		if (i == 1)
			start = clock_ns();
		void *p = kmalloc(64, GFP_KERNEL);

		BUG_ON(!p);
		kfree(p);
	}
	return (clock_ns() - start) / ROUNDS;
}
