/*
 * The buddy allocator: physical memory in blocks of 2^order frames
 * (docs/memory.md has the pictures).
 *
 * A free block of order k starts at a pfn that is a multiple of 2^k and sits
 * on free_area[k]; its first struct page has PG_buddy and order = k. The
 * block's "buddy" is the other half of the block of order k+1 that contains
 * it: pfn ^ 2^k. Allocation takes the smallest free block that is big
 * enough and splits it in halves, putting the halves it does not need on
 * the lower free lists; freeing merges a block with its buddy for as long as
 * the buddy is free and whole, so free memory always ends up in the largest
 * blocks its alignment allows.
 *
 * Locking: one CPU, so disabling interrupts is the lock.
 *
 * The helpers of the allocation and free paths are static inline because
 * -fno-toplevel-reorder (the build's, for the order of KTESTs) keeps GCC
 * from inlining them by itself, and under QEMU's TCG a call and return cost
 * about as much as the work they do.
 */
#include "mm.h"
#include "panic.h"
#include "string.h"
#include "x86.h"

struct page *mem_map;
unsigned long max_pfn;

static struct list_head free_area[MAX_ORDER + 1];
static unsigned long nr_free[MAX_ORDER + 1];	/* blocks on each list */
static unsigned long free_frames;
static unsigned long managed_frames;	/* ever given to the allocator */

/* The state of a frame, for a panic message: "(flags 0x2 order 3 refcount 0)". */
#define PAGE_FMT "(flags %#x order %u refcount %d)"
#define PAGE_ARGS(page) (page)->flags, (page)->order, (page)->refcount

static inline void add_free(struct page *page, unsigned order)
{
	page->flags = PG_buddy;
	page->order = order;
	list_add(&page->lru, &free_area[order]);
	nr_free[order]++;
	free_frames += 1UL << order;
}

static inline void del_free(struct page *page, unsigned order)
{
	list_del(&page->lru);
	page->flags = 0;
	page->order = 0;
	nr_free[order]--;
	free_frames -= 1UL << order;
}

/* Is a free block of exactly this order at pfn? (Not merely inside one.) */
static inline bool is_free_block(unsigned long pfn, unsigned order)
{
	return pfn < max_pfn && (mem_map[pfn].flags & PG_buddy) &&
	       mem_map[pfn].order == order;
}

/* Take a free block of this order off the free lists, splitting a larger
 * one if needed; NULL when there is none. */
static inline struct page *take_block(unsigned order)
{
	ASSERT(order <= MAX_ORDER);
	/* LAB(buddy) BEGIN: take the smallest free block of at least `order` and split it down, freeing the upper halves */
	for (unsigned k = order; k <= MAX_ORDER; k++) {
		if (list_empty(&free_area[k]))
			continue;
		struct page *page = list_first_entry(&free_area[k], struct page, lru);

		del_free(page, k);
		/* Keep the lower half, give the upper half back, until the
		 * block is of the order asked for. */
		while (k > order) {
			k--;
			add_free(page + (1UL << k), k);
		}
		return page;
	}
	return NULL;
	/* LAB(buddy) END */
}

/* Put the free block at pfn on the free lists, merged with its buddies. */
static inline void give_block(unsigned long pfn, unsigned order)
{
	ASSERT(pfn % (1UL << order) == 0 && pfn + (1UL << order) <= max_pfn);
	/* LAB(buddy) BEGIN: merge with the buddy (pfn ^ 2^order) while it is a free block of the same order, then add the result to its free list */
	while (order < MAX_ORDER) {
		unsigned long buddy = pfn ^ (1UL << order);

		if (!is_free_block(buddy, order))
			break;
		del_free(pfn_to_page(buddy), order);
		/* The merged block starts at the lower of the two. */
		pfn &= ~(1UL << order);
		order++;
	}
	add_free(pfn_to_page(pfn), order);
	/* LAB(buddy) END */
}

void buddy_init(struct page *map, unsigned long nr_frames)
{
	mem_map = map;
	max_pfn = nr_frames;
	for (unsigned long pfn = 0; pfn < nr_frames; pfn++)
		map[pfn] = (struct page){ .flags = PG_reserved, .refcount = 1 };
	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		INIT_LIST_HEAD(&free_area[order]);
		nr_free[order] = 0;
	}
	free_frames = 0;
	managed_frames = 0;
}

void buddy_add_free_range(unsigned long start_pfn, unsigned long end_pfn)
{
	if (start_pfn > end_pfn || end_pfn > max_pfn)
		panic("buddy_add_free_range: [%#lx, %#lx) is not within the %#lx frames of mem_map",
		      start_pfn, end_pfn, max_pfn);

	bool irq = irq_save();
	managed_frames += end_pfn - start_pfn;
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page->flags != PG_reserved || page->refcount != 1)
			panic("buddy_add_free_range: pfn %#lx was added before " PAGE_FMT,
			      pfn, PAGE_ARGS(page));
		*page = (struct page){ .flags = 0 };
	}
	/* The largest aligned blocks that fit; give_block() merges them with
	 * the neighbours of earlier ranges. */
	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned order = 0;

		while (order < MAX_ORDER && pfn % (2UL << order) == 0 &&
		       pfn + (2UL << order) <= end_pfn)
			order++;
		give_block(pfn, order);
		pfn += 1UL << order;
	}
	irq_restore(irq);
}

struct page *alloc_pages(unsigned order, gfp_t gfp)
{
	if (order > MAX_ORDER)
		return NULL;

	bool irq = irq_save();
	struct page *page = take_block(order);
	if (page) {
		page->order = order;
		page->refcount = 1;
	}
	irq_restore(irq);
	if (!page)
		return NULL;

#ifdef DEBUG
	/* Every frame of a block taken off the free lists is clean: no flag,
	 * no reference. Anything else means the lists are corrupt. */
	for (unsigned long i = 0; i < 1UL << order; i++) {
		struct page *p = page + i;

		if (p->flags || p->refcount != (i == 0))
			panic("alloc_pages: free block at pfn %#lx has a used frame: pfn %#lx " PAGE_FMT,
			      page_to_pfn(page), page_to_pfn(p), PAGE_ARGS(p));
	}
#endif
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

/* Panic unless page is the head of an allocated block of this order. */
static inline void check_allocated(const struct page *page, unsigned order,
				   const char *fn)
{
	if (page < mem_map || page >= mem_map + max_pfn)
		panic("%s: %p is not a struct page in mem_map", fn, (const void *)page);

	unsigned long pfn = page_to_pfn(page);
	const char *why = NULL;

	if (page->flags & PG_buddy)
		why = "double free: the block is free already";
	else if (page->flags & PG_reserved)
		why = "the frame is reserved, not the allocator's";
	else if (page->flags & PG_slab)
		why = "the frame belongs to a slab: use kmem_cache_free";
	else if (page->flags & PG_kmalloc)
		why = "the block is kmalloc's: use kfree";
	else if (page->refcount <= 0)
		why = "not the first frame of an allocated block (a tail page, or a double free)";
	if (why)
		panic("%s: pfn %#lx: %s " PAGE_FMT, fn, pfn, why, PAGE_ARGS(page));
	if (order != page->order)
		panic("%s: pfn %#lx freed as order %u, allocated as order %u " PAGE_FMT,
		      fn, pfn, order, page->order, PAGE_ARGS(page));
}

void free_pages(struct page *page, unsigned order)
{
	bool irq = irq_save();

	check_allocated(page, order, "free_pages");
	if (--page->refcount == 0) {
		page->order = 0;
		give_block(page_to_pfn(page), order);
	}
	irq_restore(irq);
}

void get_page(struct page *page)
{
	bool irq = irq_save();

	if (page->refcount <= 0 || (page->flags & PG_buddy))
		panic("get_page: pfn %#lx is not allocated " PAGE_FMT,
		      page_to_pfn(page), PAGE_ARGS(page));
	page->refcount++;
	irq_restore(irq);
}

void put_page(struct page *page)
{
	if (!(page->flags & PG_reserved)) {
		free_pages(page, page->order);
		return;
	}

	bool irq = irq_save();
	if (page->refcount <= 1)
		panic("put_page: pfn %#lx is reserved and has no reference to drop " PAGE_FMT,
		      page_to_pfn(page), PAGE_ARGS(page));
	page->refcount--;
	irq_restore(irq);
}

unsigned long nr_free_pages(void)
{
	return free_frames;
}

unsigned long nr_managed_pages(void)
{
	return managed_frames;
}

unsigned long nr_free_blocks(unsigned order)
{
	return order <= MAX_ORDER ? nr_free[order] : 0;
}
