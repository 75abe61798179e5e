/*
 * mm/buddy.c over a fake mem_map and fake RAM: splitting and coalescing at
 * every order, exhaustion, alignment, a million random operations checked
 * against a model that records who owns each frame, and the panics on
 * misuse.
 *
 * Kernel sources: mm/buddy.c kernel/string.c tests/host/fake/host_kernel.c
 * Host flags: -DDEBUG -include tests/host/fake/fakes.h
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "mm.h"

#define BLOCK_FRAMES (1UL << MAX_ORDER)

static struct page *map;

/* Fresh RAM of this many frames, all reserved; free_range() adds some. */
static void setup(unsigned long frames)
{
	host_ram = aligned_alloc(PAGE_SIZE, frames * PAGE_SIZE);
	map = calloc(frames, sizeof(*map));
	buddy_init(map, frames);
}

static void teardown(void)
{
	free(host_ram);
	free(map);
	host_ram = NULL;
	map = NULL;
}

/* xorshift64*: fixed seed, so a failure replays. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/*
 * The free lists as a set: per frame, 0 or (order + 1) of the free block
 * starting there. Free memory always coalesces into the same blocks, so
 * "everything freed" must give back exactly the snapshot taken at the
 * start (the order of blocks within a list may differ; that is no state).
 */
struct snapshot {
	unsigned char *head;
	unsigned long blocks[MAX_ORDER + 1];
	unsigned long free;
};

static struct snapshot take_snapshot(void)
{
	struct snapshot s = { .head = calloc(max_pfn, 1), .free = nr_free_pages() };

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		if (mem_map[pfn].flags & PG_buddy)
			s.head[pfn] = mem_map[pfn].order + 1;
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		s.blocks[k] = nr_free_blocks(k);
	return s;
}

static bool same_snapshot(struct snapshot a, struct snapshot b)
{
	return a.free == b.free && memcmp(a.blocks, b.blocks, sizeof(a.blocks)) == 0 &&
	       memcmp(a.head, b.head, max_pfn) == 0;
}

/* The model: who owns each frame. */
#define HOLE (-2)		/* never given to the allocator */
#define FREE (-1)

/*
 * mem_map against the model: every free block aligned, inside RAM, made of
 * frames the model calls free, no two overlapping; every free frame in one;
 * the per-order and total counts right.
 */
static bool consistent(const int *owner)
{
	unsigned long blocks[MAX_ORDER + 1] = { 0 }, free = 0, covered_until = 0;
	bool ok = true;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *page = &mem_map[pfn];

		if (page->flags & PG_buddy) {
			unsigned long n = 1UL << page->order;

			ok &= CHECK(page->order <= MAX_ORDER);
			ok &= CHECK(pfn % n == 0 && pfn + n <= max_pfn);
			ok &= CHECK(pfn >= covered_until);	/* no overlap */
			for (unsigned long i = pfn; i < pfn + n && i < max_pfn; i++)
				ok &= CHECK(owner[i] == FREE);
			blocks[page->order]++;
			free += n;
			covered_until = pfn + n;
		} else if (owner[pfn] == FREE) {
			ok &= CHECK(pfn < covered_until);
		}
		if (!ok)
			break;
	}
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		ok &= CHECK_EQ_INT(blocks[k], nr_free_blocks(k));
	ok &= CHECK_EQ_INT(free, nr_free_pages());
	return ok;
}

static void init_makes_maximal_blocks(void)
{
	setup(4 * BLOCK_FRAMES);
	CHECK_EQ_INT(nr_free_pages(), 0);
	CHECK(map[5].flags == PG_reserved && map[5].refcount == 1);

	/* [0x100, 0x500): 0x100 pages at 0x100, 0x200 at 0x200, 0x100 at 0x400. */
	buddy_add_free_range(0x100, 0x500);
	CHECK_EQ_INT(nr_free_pages(), 0x400);
	CHECK_EQ_INT(nr_free_blocks(8), 2);
	CHECK_EQ_INT(nr_free_blocks(9), 1);
	CHECK(map[0x100].flags == PG_buddy && map[0x100].order == 8);
	CHECK(map[0x200].flags == PG_buddy && map[0x200].order == 9);
	CHECK(map[0x400].flags == PG_buddy && map[0x400].order == 8);
	CHECK_EQ_INT(map[0xff].flags, PG_reserved);
	CHECK_EQ_INT(map[0x500].flags, PG_reserved);

	/* Ranges added separately merge: [0, 0x100) completes [0, 0x400). */
	buddy_add_free_range(0, 0x100);
	CHECK_EQ_INT(nr_free_blocks(10), 1);
	CHECK(map[0].flags == PG_buddy && map[0].order == 10);
	CHECK_EQ_INT(nr_free_blocks(8), 1);
	CHECK_EQ_INT(nr_free_blocks(9), 0);

	/* An odd, unaligned range. */
	buddy_add_free_range(0x803, 0x80a);	/* 0x803 | 0x804..0x807 | 0x808..0x809 */
	CHECK_EQ_INT(nr_free_blocks(0), 1);
	CHECK_EQ_INT(nr_free_blocks(1), 1);
	CHECK_EQ_INT(nr_free_blocks(2), 1);
	CHECK_EQ_INT(nr_free_pages(), 0x500 + 7);

	CHECK(PANICS(buddy_add_free_range(0x400, 0x401)));
	CHECK(strstr(panic_message, "pfn 0x400 was added before"));
	CHECK(PANICS(buddy_add_free_range(0, max_pfn + 1)));
	teardown();
}

static void split_and_coalesce_every_order(void)
{
	setup(BLOCK_FRAMES);
	buddy_add_free_range(0, BLOCK_FRAMES);

	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		struct page *page = alloc_pages(order, GFP_KERNEL);

		if (!CHECK(page))
			break;
		CHECK_EQ_INT(page_to_pfn(page), 0);	/* the lower half is kept */
		CHECK_EQ_INT(page->order, order);
		CHECK_EQ_INT(page->refcount, 1);
		/* One upper half left on each list from order up. */
		for (unsigned k = 0; k <= MAX_ORDER; k++)
			CHECK_EQ_INT(nr_free_blocks(k), k >= order && k < MAX_ORDER);
		free_pages(page, order);
		CHECK_EQ_INT(nr_free_blocks(MAX_ORDER), 1);
		CHECK_EQ_INT(nr_free_pages(), BLOCK_FRAMES);
	}

	/* Two buddies of each order, freed in both orders. */
	for (unsigned order = 0; order < MAX_ORDER; order++) {
		for (int lower_first = 0; lower_first < 2; lower_first++) {
			struct page *a = alloc_pages(order, GFP_KERNEL);
			struct page *b = alloc_pages(order, GFP_KERNEL);

			if (!CHECK(a && b))
				break;
			CHECK_EQ_INT(page_to_pfn(b), page_to_pfn(a) ^ (1UL << order));
			CHECK_EQ_INT(nr_free_blocks(order), 0);
			free_pages(lower_first ? a : b, order);
			CHECK_EQ_INT(nr_free_blocks(order), 1);	/* its buddy is in use */
			free_pages(lower_first ? b : a, order);
			CHECK_EQ_INT(nr_free_blocks(MAX_ORDER), 1);
			CHECK_EQ_INT(nr_free_blocks(order), 0);
		}
	}
	teardown();
}

/* RAM with holes, unaligned edges and pfn 0 reserved, like a real map. */
static void setup_with_holes(int *owner)
{
	static const unsigned long ranges[][2] = {
		{ 0x1, 0x9f }, { 0x100, 0x6f3 }, { 0x6f5, 0xc00 }, { 0xc01, 0xfff },
	};

	setup(4 * BLOCK_FRAMES);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		owner[pfn] = HOLE;
	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++) {
		buddy_add_free_range(ranges[i][0], ranges[i][1]);
		for (unsigned long pfn = ranges[i][0]; pfn < ranges[i][1]; pfn++)
			owner[pfn] = FREE;
	}
}

static void exhaustion_gives_back_the_initial_lists(void)
{
	int owner[4 * BLOCK_FRAMES];

	setup_with_holes(owner);
	CHECK(consistent(owner));
	struct snapshot initial = take_snapshot();
	struct page **pages = calloc(max_pfn, sizeof(*pages));
	unsigned long n = 0;

	/* Order 0 until nothing is left. */
	while ((pages[n] = alloc_pages(0, GFP_KERNEL)) != NULL) {
		CHECK(owner[page_to_pfn(pages[n])] == FREE);
		owner[page_to_pfn(pages[n])] = (int)n;
		n++;
	}
	CHECK_EQ_INT(n, initial.free);
	CHECK_EQ_INT(nr_free_pages(), 0);
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		CHECK_EQ_INT(nr_free_blocks(k), 0);

	/* Back in a random order, so the merges happen in every pattern. */
	rng_state = 0x5eed0001;
	for (unsigned long left = n; left > 0; left--) {
		unsigned long i = rng() % left;

		owner[page_to_pfn(pages[i])] = FREE;
		free_pages(pages[i], 0);
		pages[i] = pages[left - 1];
	}
	struct snapshot after = take_snapshot();
	CHECK(same_snapshot(initial, after));
	CHECK(consistent(owner));
	free(after.head);

	/* Mixed orders until even order 0 fails. */
	unsigned long frames = 0;
	n = 0;
	for (;;) {
		unsigned order = rng() % (MAX_ORDER + 1);
		struct page *page = alloc_pages(order, GFP_KERNEL);

		if (!page && !(page = alloc_pages(order = 0, GFP_KERNEL)))
			break;
		CHECK_EQ_INT(page_to_pfn(page) % (1UL << order), 0);
		pages[n++] = page;
		frames += 1UL << order;
	}
	CHECK_EQ_INT(frames, initial.free);
	while (n > 0) {
		n--;
		free_pages(pages[n], pages[n]->order);
	}
	after = take_snapshot();
	CHECK(same_snapshot(initial, after));
	free(after.head);
	free(initial.head);
	free(pages);
	teardown();
}

static void every_block_aligned_to_its_order(void)
{
	int owner[4 * BLOCK_FRAMES];

	setup_with_holes(owner);
	struct snapshot initial = take_snapshot();
	struct page **pages = calloc(max_pfn, sizeof(*pages));

	for (unsigned order = 0; order <= MAX_ORDER; order++) {
		unsigned long n = 0, expected = 0;

		/* How many blocks of this order the free blocks hold. */
		for (unsigned k = order; k <= MAX_ORDER; k++)
			expected += nr_free_blocks(k) << (k - order);
		while ((pages[n] = alloc_pages(order, GFP_KERNEL)) != NULL) {
			unsigned long pfn = page_to_pfn(pages[n]);

			CHECK_EQ_INT(pfn % (1UL << order), 0);
			CHECK_EQ_INT(page_to_phys(pages[n]) % (PAGE_SIZE << order), 0);
			CHECK(pfn + (1UL << order) <= max_pfn);
			n++;
		}
		CHECK_EQ_INT(n, expected);
		while (n > 0) {
			n--;
			free_pages(pages[n], order);
		}
		struct snapshot after = take_snapshot();
		CHECK(same_snapshot(initial, after));
		free(after.head);
	}
	CHECK(alloc_pages(MAX_ORDER + 1, GFP_KERNEL) == NULL);
	free(initial.head);
	free(pages);
	teardown();
}

struct block {
	struct page *page;
	unsigned order;
};

static void free_block_in_model(int *owner, struct block b)
{
	unsigned long pfn = page_to_pfn(b.page);

	for (unsigned long i = pfn; i < pfn + (1UL << b.order); i++)
		owner[i] = FREE;
}

static void random_operations_match_the_model(void)
{
	enum { OPERATIONS = 1000000, MAX_LIVE = 4096 };
	int owner[4 * BLOCK_FRAMES];
	static struct block live[MAX_LIVE];
	unsigned long nlive = 0, model_free = 0, allocs = 0, failures = 0;

	setup_with_holes(owner);
	struct snapshot initial = take_snapshot();
	model_free = initial.free;
	rng_state = 0x5eed0002;
	printf("    # seed %#llx\n", (unsigned long long)rng_state);

	for (long op = 0; op < OPERATIONS; op++) {
		uint64_t r = rng();

		/* Phases that fill memory up (allocation fails) and drain it. */
		unsigned free_eighths = op / 50000 % 2 ? 5 : 3;

		if (nlive > 0 && (r % 8 < free_eighths || nlive == MAX_LIVE)) {
			unsigned long i = (r >> 3) % nlive;
			struct block b = live[i];

			live[i] = live[--nlive];
			/* Sometimes a second user first: only the last
			 * reference frees. */
			if ((r >> 32) % 8 == 0) {
				get_page(b.page);
				free_pages(b.page, b.order);
				if (!CHECK_EQ_INT(nr_free_pages(), model_free))
					break;
			}
			free_block_in_model(owner, b);
			if ((r >> 40) & 1)
				put_page(b.page);
			else
				free_pages(b.page, b.order);
			model_free += 1UL << b.order;
		} else {
			/* Small orders most often: 0 half the time. */
			unsigned order = __builtin_ctzll((r >> 8) | (1ULL << 55)) >> 1;
			if (order > MAX_ORDER)
				order = MAX_ORDER;

			struct page *page = alloc_pages(order, GFP_KERNEL);
			allocs++;
			if (!page) {
				failures++;
				/* Only when no block of that order or larger is free. */
				for (unsigned k = order; k <= MAX_ORDER; k++)
					CHECK_EQ_INT(nr_free_blocks(k), 0);
				continue;
			}
			unsigned long pfn = page_to_pfn(page);
			bool ok = CHECK_EQ_INT(pfn % (1UL << order), 0) &&
				  CHECK(pfn + (1UL << order) <= max_pfn) &&
				  CHECK_EQ_INT(page->refcount, 1) &&
				  CHECK_EQ_INT(page->order, order);

			for (unsigned long i = pfn; ok && i < pfn + (1UL << order); i++) {
				ok = CHECK_EQ_INT(owner[i], FREE);
				owner[i] = (int)op;
			}
			if (!ok)
				break;
			live[nlive++] = (struct block){ page, order };
			model_free -= 1UL << order;
		}
		if (!CHECK_EQ_INT(nr_free_pages(), model_free))
			break;
		if (op % 1000 == 0 && !consistent(owner))
			break;
	}

	printf("    # %lu allocations, %lu of them failed\n", allocs, failures);
	CHECK(failures > 0 && failures < allocs / 2);
	while (nlive > 0) {
		struct block b = live[--nlive];

		free_block_in_model(owner, b);
		free_pages(b.page, b.order);
	}
	CHECK(consistent(owner));
	struct snapshot after = take_snapshot();
	CHECK(same_snapshot(initial, after));
	free(after.head);
	free(initial.head);
	teardown();
}

static void zero_fill(void)
{
	setup(BLOCK_FRAMES);
	buddy_add_free_range(0, BLOCK_FRAMES);
	memset(host_ram, 0xa5, BLOCK_FRAMES * PAGE_SIZE);

	struct page *page = alloc_pages(3, __GFP_ZERO);
	const unsigned char *p = page_address(page);
	size_t nonzero = 0;

	for (size_t i = 0; i < 8 * PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	CHECK_EQ_INT(nonzero, 0);
	free_pages(page, 3);

	unsigned long addr = get_free_page(__GFP_ZERO);
	CHECK(addr != 0 && *(const unsigned char *)addr == 0);
	CHECK(addr % PAGE_SIZE == 0);
	free_page(addr);
	CHECK_EQ_INT(nr_free_blocks(MAX_ORDER), 1);
	teardown();
}

static void refcounts(void)
{
	setup(BLOCK_FRAMES);
	buddy_add_free_range(1, BLOCK_FRAMES);
	unsigned long before = nr_free_pages();

	struct page *page = alloc_pages(2, GFP_KERNEL);
	get_page(page);
	CHECK_EQ_INT(page->refcount, 2);
	put_page(page);
	CHECK_EQ_INT(nr_free_pages(), before - 4);
	put_page(page);				/* the last user frees */
	CHECK_EQ_INT(nr_free_pages(), before);
	CHECK(PANICS(get_page(page)));		/* it is free now */

	/* A reserved frame counts users but is never freed. */
	struct page *reserved = pfn_to_page(0);
	get_page(reserved);
	CHECK_EQ_INT(reserved->refcount, 2);
	put_page(reserved);
	CHECK_EQ_INT(reserved->refcount, 1);
	CHECK(PANICS(put_page(reserved)));
	CHECK(strstr(panic_message, "reserved"));
	CHECK_EQ_INT(reserved->flags, PG_reserved);
	CHECK_EQ_INT(nr_free_pages(), before);
	teardown();
}

static void misuse_panics(void)
{
	int owner[4 * BLOCK_FRAMES];

	setup_with_holes(owner);
	struct snapshot initial = take_snapshot();

	/* A double free of a block whose buddy is free: it has merged, so it
	 * is the head of a bigger free block, or no head at all. */
	struct page *a = alloc_pages(0, GFP_KERNEL);
	struct page *b = alloc_pages(0, GFP_KERNEL);
	free_pages(a, 0);
	free_pages(b, 0);
	CHECK(PANICS(free_pages(a, 0)));
	CHECK(strstr(panic_message, "double free"));
	CHECK(PANICS(free_pages(b, 0)));
	CHECK(strstr(panic_message, "double free"));

	/* A block whose buddy is in use stays a free head of its order. */
	a = alloc_pages(3, GFP_KERNEL);
	b = alloc_pages(3, GFP_KERNEL);
	free_pages(b, 3);
	CHECK(PANICS(free_pages(b, 3)));
	char expect[64];
	snprintf(expect, sizeof(expect), "free_pages: pfn %#lx: double free", page_to_pfn(b));
	CHECK(strstr(panic_message, expect));
	CHECK(strstr(panic_message, "order 3"));

	/* The frames of an allocated block after the first. */
	CHECK(PANICS(free_pages(a + 1, 0)));
	CHECK(strstr(panic_message, "not the first frame"));
	/* The wrong order. */
	CHECK(PANICS(free_pages(a, 2)));
	CHECK(strstr(panic_message, "freed as order 2, allocated as order 3"));
	/* Frames the allocator never had. */
	CHECK(PANICS(free_pages(pfn_to_page(0), 0)));
	CHECK(strstr(panic_message, "free_pages: pfn 0: the frame is reserved"));
	CHECK(PANICS(free_pages(mem_map + max_pfn, 0)));
	CHECK(strstr(panic_message, "not a struct page in mem_map"));

	/* None of it changed anything. */
	free_pages(a, 3);
	struct snapshot after = take_snapshot();
	CHECK(same_snapshot(initial, after));
	free(after.head);
	free(initial.head);
	teardown();
}

static void orders_of_sizes(void)
{
	CHECK_EQ_INT(get_order(1), 0);
	CHECK_EQ_INT(get_order(PAGE_SIZE), 0);
	CHECK_EQ_INT(get_order(PAGE_SIZE + 1), 1);
	CHECK_EQ_INT(get_order(2 * PAGE_SIZE), 1);
	CHECK_EQ_INT(get_order(2 * PAGE_SIZE + 1), 2);
	CHECK_EQ_INT(get_order(PAGE_SIZE << MAX_ORDER), MAX_ORDER);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(init_makes_maximal_blocks),
		TEST(split_and_coalesce_every_order),
		TEST(exhaustion_gives_back_the_initial_lists),
		TEST(every_block_aligned_to_its_order),
		TEST(random_operations_match_the_model),
		TEST(zero_fill),
		TEST(refcounts),
		TEST(misuse_panics),
		TEST(orders_of_sizes),
	};

	return run_tests("buddy", cases, ARRAY_SIZE(cases));
}
