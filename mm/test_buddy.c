/*
 * In-kernel tests of the buddy allocator, on the machine's own memory.
 * Each test gives back everything it takes, so the free lists end as they
 * began (tests/host/test_buddy.c covers the panics and the random model).
 */
#include "ktest.h"
#include "mm.h"

static void count_blocks(unsigned long blocks[MAX_ORDER + 1])
{
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		blocks[k] = nr_free_blocks(k);
}

static void expect_blocks(const unsigned long before[MAX_ORDER + 1])
{
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		KEXPECT_EQ(nr_free_blocks(k), before[k]);
}

KTEST(buddy, alloc_every_free_page)
{
	unsigned long before = nr_free_pages(), blocks[MAX_ORDER + 1], n = 0;
	struct page *page, *next;
	LIST_HEAD(taken);

	count_blocks(blocks);
	/* An allocated page's lru is its owner's: chain them through it. */
	while ((page = alloc_pages(0, GFP_KERNEL)) != NULL) {
		list_add(&page->lru, &taken);
		n++;
	}
	unsigned long left = nr_free_pages();
	list_for_each_entry_safe(page, next, &taken, lru) {
		list_del(&page->lru);
		free_pages(page, 0);
	}
	/* Checked once memory is back: a failure report may need some. */
	KEXPECT_GT(n, 0);
	KEXPECT_EQ(n, before);
	KEXPECT_EQ(left, 0);
	KEXPECT_EQ(nr_free_pages(), before);
	expect_blocks(blocks);
}

KTEST(buddy, blocks_aligned_to_their_order)
{
	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		unsigned long available = 0;

		for (unsigned k = order; k <= MAX_ORDER; k++)
			available += nr_free_blocks(k);
		struct page *page = alloc_pages(order, GFP_KERNEL);
		if (!page) {
			KEXPECT_EQ(available, 0);
			continue;
		}
		KEXPECT_EQ(page_to_pfn(page) % (1UL << order), 0);
		KEXPECT_EQ(page_to_phys(page) % (PAGE_SIZE << order), 0);
		KEXPECT_EQ(page->refcount, 1);
		/* The whole block is reachable through the direct map. */
		char *p = page_address(page);
		p[0] = 1;
		p[(PAGE_SIZE << order) - 1] = 2;
		KEXPECT_EQ(p[0] + p[(PAGE_SIZE << order) - 1], 3);
		free_pages(page, order);
	}
	KEXPECT_TRUE(alloc_pages(MAX_ORDER + 1, GFP_KERNEL) == NULL);
}

KTEST(buddy, split_and_coalesce)
{
	unsigned long before = nr_free_pages(), blocks[MAX_ORDER + 1];

	count_blocks(blocks);
	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		struct page *page = alloc_pages(order, GFP_KERNEL);

		if (!page)
			continue;
		KEXPECT_EQ(nr_free_pages(), before - (1UL << order));
		free_pages(page, order);
		/* Merged back into exactly the blocks there were. */
		KEXPECT_EQ(nr_free_pages(), before);
		expect_blocks(blocks);
	}
}

KTEST(buddy, zeroed_pages)
{
	struct page *page = alloc_pages(1, GFP_KERNEL);
	KASSERT_TRUE(page);
	memset(page_address(page), 0xa5, 2 * PAGE_SIZE);
	free_pages(page, 1);

	page = alloc_pages(1, __GFP_ZERO);
	KASSERT_TRUE(page);
	const unsigned char *p = page_address(page);
	size_t nonzero = 0;
	for (size_t i = 0; i < 2 * PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	free_pages(page, 1);
	KEXPECT_EQ(nonzero, 0);
}

KTEST(buddy, refcount)
{
	unsigned long before = nr_free_pages();
	struct page *page = alloc_pages(0, GFP_KERNEL);

	KASSERT_TRUE(page);
	get_page(page);
	KEXPECT_EQ(page->refcount, 2);
	put_page(page);
	KEXPECT_EQ(nr_free_pages(), before - 1);	/* still one user */
	put_page(page);
	KEXPECT_EQ(nr_free_pages(), before);
}
