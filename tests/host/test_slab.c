/*
 * mm/slab.c over the buddy allocator over fake RAM: objects of every size
 * from 1 to 4096 bytes aligned and apart, slabs moving between the lists,
 * empty slabs given back, kmalloc's caches and its whole-page blocks, and
 * (DEBUG) the poison, red-zone, double-free and foreign-pointer panics.
 * test_slab_nodebug.c runs the same cases without DEBUG.
 *
 * Kernel sources: mm/slab.c mm/slab_debug.c mm/buddy.c kernel/string.c tests/host/fake/host_kernel.c
 * Host flags: -DDEBUG -include tests/host/fake/fakes.h
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "mm.h"

#ifndef SUITE
#define SUITE "slab"
#endif

#define FRAMES 4096		/* 16 MiB of fake RAM */

static struct page *map;
static unsigned long free_at_start;	/* after slab_init() */

static void setup(void)
{
	host_ram = aligned_alloc(PAGE_SIZE, FRAMES * PAGE_SIZE);
	map = calloc(FRAMES, sizeof(*map));
	buddy_init(map, FRAMES);
	buddy_add_free_range(1, FRAMES);
	slab_init();
	free_at_start = nr_free_pages();
}

static void teardown(void)
{
	free(host_ram);
	free(map);
	host_ram = NULL;
	map = NULL;
}

static struct kmem_cache_stats stats(const struct kmem_cache *cache)
{
	struct kmem_cache_stats s;

	kmem_cache_get_stats(cache, &s);
	return s;
}

/* xorshift64*: fixed seed, so a failure replays. */
static uint64_t rng_state = 0x5eed0003;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned char pattern(size_t object, size_t byte)
{
	return (unsigned char)(object * 31 + byte * 7 + 1);
}

static bool holds_pattern(const unsigned char *p, size_t size, size_t object)
{
	for (size_t i = 0; i < size; i++)
		if (p[i] != pattern(object, i))
			return false;
	return true;
}

static void fill_pattern(unsigned char *p, size_t size, size_t object)
{
	for (size_t i = 0; i < size; i++)
		p[i] = pattern(object, i);
}

/* Is obj inside a slab of cache (any frame of it)? */
static bool in_slab_of(const struct kmem_cache *cache, const void *obj)
{
	struct page *page = virt_to_page(obj);

	if (page < mem_map || page >= mem_map + max_pfn || !(page->flags & PG_slab))
		return false;
	if (page->flags & PG_tail)
		page = page->slab_head;
	return page->slab_cache == cache;
}

static void sizes_aligned_and_apart(void)
{
	static const size_t aligns[] = { 0, 1, 2, 8, 16, 32, 64, 128, 512, 4096 };
	static void *objs[2 * 512 + 1];

	setup();
	for (size_t size = 1; size <= 4096; size++) {
		size_t align = aligns[size % ARRAY_SIZE(aligns)];
		size_t need = align < 8 ? 8 : align;
		struct kmem_cache *cache = kmem_cache_create("sized", size, align, 0);

		if (!CHECK(cache))
			break;
		/* Enough objects for two full slabs and a third. */
		size_t n = 2 * stats(cache).objects_per_slab + 1;
		bool ok = CHECK(n <= ARRAY_SIZE(objs));

		for (size_t i = 0; ok && i < n; i++) {
			objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
			ok = CHECK(objs[i]) && CHECK_EQ_INT((uintptr_t)objs[i] % need, 0) &&
			     CHECK(in_slab_of(cache, objs[i]));
			if (ok)
				fill_pattern(objs[i], size, i);
		}
		/* Had two objects overlapped, the later fill would show. */
		for (size_t i = 0; ok && i < n; i++)
			ok = CHECK(holds_pattern(objs[i], size, i));
		if (ok) {
			struct kmem_cache_stats s = stats(cache);
			size_t full = n / s.objects_per_slab;
			size_t partial = n % s.objects_per_slab != 0;

			ok = CHECK_EQ_INT(s.objects_in_use, n) &&
			     CHECK_EQ_INT(s.slabs, full + partial) &&
			     CHECK_EQ_INT(s.slabs_full, full) &&
			     CHECK_EQ_INT(s.slabs_partial, partial);
		}
		/* Back in a random order. */
		for (size_t left = n; ok && left > 0; left--) {
			size_t i = rng() % left;

			kmem_cache_free(cache, objs[i]);
			objs[i] = objs[left - 1];
		}
		if (ok)
			ok = CHECK_EQ_INT(stats(cache).objects_in_use, 0) &&
			     CHECK_EQ_INT(stats(cache).slabs, 1);
		kmem_cache_destroy(cache);
		if (!ok || !CHECK_EQ_INT(nr_free_pages(), free_at_start)) {
			printf("    # size %zu, align %zu\n", size, align);
			break;
		}
	}
	teardown();
}

static void slabs_move_between_lists(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("lists", 100, 0, 0);
	struct kmem_cache_stats s = stats(cache);
	unsigned per_slab = s.objects_per_slab;
	void **objs = calloc(2 * per_slab, sizeof(*objs));

	CHECK(s.slabs == 0 && s.objects_in_use == 0);
	CHECK(per_slab > 2);

	objs[0] = kmem_cache_alloc(cache, GFP_KERNEL);
	s = stats(cache);
	CHECK(s.slabs == 1 && s.slabs_partial == 1 && s.slabs_full == 0 && s.slabs_empty == 0);
	CHECK_EQ_INT(nr_free_pages(), free_at_start - s.pages_per_slab);

	for (unsigned i = 1; i < per_slab; i++)
		objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	s = stats(cache);
	CHECK(s.slabs == 1 && s.slabs_full == 1 && s.slabs_partial == 0);

	objs[per_slab] = kmem_cache_alloc(cache, GFP_KERNEL);	/* a second slab */
	s = stats(cache);
	CHECK(s.slabs == 2 && s.slabs_full == 1 && s.slabs_partial == 1);
	CHECK_EQ_INT(s.pages, 2 * s.pages_per_slab);
	CHECK_EQ_INT(s.objects_in_use, per_slab + 1);

	kmem_cache_free(cache, objs[per_slab]);		/* empty: kept in reserve */
	s = stats(cache);
	CHECK(s.slabs == 2 && s.slabs_full == 1 && s.slabs_empty == 1 && s.slabs_partial == 0);

	kmem_cache_free(cache, objs[0]);		/* full to partial */
	s = stats(cache);
	CHECK(s.slabs_full == 0 && s.slabs_partial == 1 && s.slabs_empty == 1);

	/* The partial slab is preferred: the empty one stays empty. */
	objs[0] = kmem_cache_alloc(cache, GFP_KERNEL);
	s = stats(cache);
	CHECK(s.slabs_full == 1 && s.slabs_partial == 0 && s.slabs_empty == 1);

	/* Emptying the first slab too: one empty slab is the reserve, so
	 * this one goes back to the buddy allocator. */
	for (unsigned i = 0; i < per_slab; i++)
		kmem_cache_free(cache, objs[i]);
	s = stats(cache);
	CHECK(s.slabs == 1 && s.slabs_empty == 1 && s.objects_in_use == 0);
	CHECK_EQ_INT(nr_free_pages(), free_at_start - s.pages_per_slab);

	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	free(objs);
	teardown();
}

static void empty_slabs_given_back(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("reserve", 2000, 0, 0);
	struct kmem_cache_stats s = stats(cache);
	unsigned n = 5 * s.objects_per_slab;
	void **objs = calloc(n, sizeof(*objs));

	for (unsigned i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	s = stats(cache);
	CHECK(s.slabs == 5 && s.slabs_full == 5);
	CHECK_EQ_INT(nr_free_pages(), free_at_start - 5 * s.pages_per_slab);

	for (unsigned i = 0; i < n; i++)
		kmem_cache_free(cache, objs[i]);
	s = stats(cache);
	CHECK(s.slabs == 1 && s.slabs_empty == 1);
	CHECK_EQ_INT(nr_free_pages(), free_at_start - s.pages_per_slab);

	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);

	/* kmalloc's caches keep theirs too, until shrunk. */
	kfree(kmalloc(100, GFP_KERNEL));
	kfree(kmalloc(1000, GFP_KERNEL));
	CHECK(nr_free_pages() < free_at_start);
	kmem_cache_shrink_all();
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	free(objs);
	teardown();
}

static void exhaustion_returns_null(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("hog", 3000, 0, 0);
	void **objs = calloc(FRAMES * 2, sizeof(*objs));
	size_t n = 0;

	while (n < FRAMES * 2 && (objs[n] = kmem_cache_alloc(cache, GFP_KERNEL)))
		n++;
	CHECK(n < FRAMES * 2);
	/* No block left that a slab could come from. */
	unsigned slab_order = get_order(stats(cache).pages_per_slab * PAGE_SIZE);
	for (unsigned k = slab_order; k <= MAX_ORDER; k++)
		CHECK_EQ_INT(nr_free_blocks(k), 0);
	CHECK(kmalloc(PAGE_SIZE << MAX_ORDER, GFP_KERNEL) == NULL);
	while (n > 0)
		kmem_cache_free(cache, objs[--n]);
	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	free(objs);
	teardown();
}

static void zeroed_allocations(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("zero", 77, 0, 0);
	unsigned char *obj = kmem_cache_alloc(cache, GFP_KERNEL);

	memset(obj, 0xff, 77);
	kmem_cache_free(cache, obj);
	obj = kmem_cache_alloc(cache, __GFP_ZERO);
	size_t nonzero = 0;
	for (size_t i = 0; i < 77; i++)
		nonzero += obj[i] != 0;
	CHECK_EQ_INT(nonzero, 0);
	kmem_cache_free(cache, obj);
	kmem_cache_destroy(cache);

	unsigned char *big = kzalloc(3 * PAGE_SIZE, GFP_KERNEL);
	nonzero = 0;
	for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
		nonzero += big[i] != 0;
	CHECK_EQ_INT(nonzero, 0);
	kfree(big);
	teardown();
}

struct listing {
	const char *names[32];
	unsigned long in_use[32];
	unsigned count;
};

static void list_cache(const struct kmem_cache *cache, void *arg)
{
	struct listing *l = arg;
	struct kmem_cache_stats s = stats(cache);

	if (l->count < ARRAY_SIZE(l->names)) {
		l->names[l->count] = s.name;
		l->in_use[l->count] = s.objects_in_use;
	}
	l->count++;
}

static void caches_listed_with_stats(void)
{
	static const char *const expected[] = {
		"kmem_cache", "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
		"kmalloc-128", "kmalloc-256", "kmalloc-512", "kmalloc-1024",
		"kmalloc-2048",
	};
	struct listing l = { .count = 0 };

	setup();
	kmem_cache_for_each(list_cache, &l);
	CHECK_EQ_INT(l.count, ARRAY_SIZE(expected));
	for (unsigned i = 0; i < ARRAY_SIZE(expected) && i < l.count; i++)
		CHECK_EQ_STR(l.names[i], expected[i]);
	CHECK_EQ_INT(l.in_use[0], ARRAY_SIZE(expected) - 1);	/* the kmalloc caches */

	struct kmem_cache *cache = kmem_cache_create("mine", 40, 0, 0);
	void *obj = kmem_cache_alloc(cache, GFP_KERNEL);
	l.count = 0;
	kmem_cache_for_each(list_cache, &l);
	CHECK_EQ_INT(l.count, ARRAY_SIZE(expected) + 1);
	CHECK_EQ_STR(l.names[l.count - 1], "mine");
	CHECK_EQ_INT(l.in_use[l.count - 1], 1);
	CHECK_EQ_INT(l.in_use[0], ARRAY_SIZE(expected));

	struct kmem_cache_stats s = stats(cache);
	CHECK_EQ_INT(s.object_size, 40);
	CHECK(s.slot_size >= 40 && s.slot_size % 8 == 0);
	CHECK(s.objects_per_slab * s.slot_size <= s.pages_per_slab * PAGE_SIZE);
	/* The slab wastes at most an eighth of its pages. */
	CHECK(s.pages_per_slab * PAGE_SIZE - s.objects_per_slab * s.slot_size <=
	      s.pages_per_slab * PAGE_SIZE / 8);

	CHECK(PANICS(kmem_cache_destroy(cache)));
	CHECK(strstr(panic_message, "cache mine still has 1 objects in use"));
	kmem_cache_free(cache, obj);
	kmem_cache_destroy(cache);
	l.count = 0;
	kmem_cache_for_each(list_cache, &l);
	CHECK_EQ_INT(l.count, ARRAY_SIZE(expected));
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	teardown();
}

static void create_checks_its_arguments(void)
{
	setup();
	CHECK(kmem_cache_create("empty", 0, 0, 0) == NULL);
	CHECK(kmem_cache_create("odd align", 16, 24, 0) == NULL);
	CHECK(kmem_cache_create("huge align", 16, 2 * PAGE_SIZE, 0) == NULL);
	CHECK(kmem_cache_create("huge", 1 << 20, 0, 0) == NULL);
	CHECK(PANICS(kmem_cache_create("must", 0, 0, SLAB_PANIC)));
	CHECK(strstr(panic_message, "cannot create cache must"));

	struct kmem_cache *cache = kmem_cache_create("lines", 10, 0, SLAB_HWCACHE_ALIGN);
	void *a = kmem_cache_alloc(cache, GFP_KERNEL);
	void *b = kmem_cache_alloc(cache, GFP_KERNEL);
	CHECK_EQ_INT((uintptr_t)a % L1_CACHE_BYTES, 0);
	CHECK_EQ_INT((uintptr_t)b % L1_CACHE_BYTES, 0);
	kmem_cache_free(cache, a);
	kmem_cache_free(cache, b);
	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	teardown();
}

static void kmalloc_sizes(void)
{
	setup();
	CHECK(kmalloc(0, GFP_KERNEL) == NULL);
	kfree(NULL);

	for (size_t size = 1; size <= 3 * PAGE_SIZE; size += size < 300 ? 1 : 97) {
		unsigned long before = nr_free_pages();
		unsigned char *p = kmalloc(size, GFP_KERNEL);

		if (!CHECK(p))
			break;
		size_t pow2 = 8;
		while (pow2 < size)
			pow2 *= 2;
		/* Aligned to its cache's size, which is size rounded up. */
		CHECK_EQ_INT((uintptr_t)p % (pow2 < PAGE_SIZE ? pow2 : PAGE_SIZE), 0);
		if (size <= KMALLOC_MAX_CACHE_SIZE) {
			CHECK(virt_to_page(p)->flags & PG_slab);
		} else {
			/* Whole pages straight from the buddy allocator. */
			CHECK(virt_to_page(p)->flags & PG_kmalloc);
			CHECK_EQ_INT(before - nr_free_pages(), 1UL << get_order(size));
		}
		fill_pattern(p, size, size);
		CHECK(holds_pattern(p, size, size));
		kfree(p);
		if (size > KMALLOC_MAX_CACHE_SIZE)
			CHECK_EQ_INT(nr_free_pages(), before);
	}

	/* Many at once, of mixed sizes, kept apart. */
	static unsigned char *objs[1000];
	static size_t sizes[1000];
	for (size_t i = 0; i < ARRAY_SIZE(objs); i++) {
		sizes[i] = 1 + rng() % 5000;
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		fill_pattern(objs[i], sizes[i], i);
	}
	for (size_t i = 0; i < ARRAY_SIZE(objs); i++) {
		CHECK(holds_pattern(objs[i], sizes[i], i));
		kfree(objs[i]);
	}
	CHECK(kmalloc(1 + (PAGE_SIZE << MAX_ORDER), GFP_KERNEL) == NULL);
	teardown();
}

static void foreign_pointers(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("home", 48, 0, 0);
	struct kmem_cache *other = kmem_cache_create("other", 48, 0, 0);
	char *obj = kmem_cache_alloc(cache, GFP_KERNEL);
	int on_stack;

	CHECK(PANICS(kmem_cache_free(other, obj)));
	CHECK(strstr(panic_message, "kmem_cache_free(other)") &&
	      strstr(panic_message, "is an object of cache home"));
	CHECK(PANICS(kmem_cache_free(cache, &on_stack)));
	CHECK(strstr(panic_message, "is not a slab object (not in RAM)"));

	struct page *page = alloc_pages(0, GFP_KERNEL);
	CHECK(PANICS(kmem_cache_free(cache, page_address(page))));
	CHECK(strstr(panic_message, "its frame is no slab's"));
	CHECK(PANICS(kfree(page_address(page))));
	CHECK(strstr(panic_message, "was not returned by kmalloc"));
	CHECK(PANICS(kfree(&on_stack)));
	CHECK(strstr(panic_message, "not in RAM"));
	free_pages(page, 0);

	char *big = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	CHECK(PANICS(kfree(big + PAGE_SIZE)));
	CHECK(PANICS(kfree(big + 8)));
	CHECK(PANICS(free_pages(virt_to_page(big), 1)));
	CHECK(strstr(panic_message, "the block is kmalloc's: use kfree"));
	CHECK_EQ_INT(virt_to_page(big)->flags, PG_kmalloc);
	kfree(big);
	CHECK(virt_to_page(big)->flags & PG_buddy);

#ifdef DEBUG
	CHECK(PANICS(kmem_cache_free(cache, obj + 1)));
	CHECK(strstr(panic_message, "kmem_cache_free(home)") &&
	      strstr(panic_message, "is not the start of an object"));
#endif
	/* Nothing above changed anything. */
	kmem_cache_free(cache, obj);
	kmem_cache_destroy(cache);
	kmem_cache_destroy(other);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	teardown();
}

#ifdef DEBUG
static void poison_catches_write_after_free(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("poisoned", 24, 0, 0);
	unsigned char *obj = kmem_cache_alloc(cache, GFP_KERNEL);

	/* Never-used objects come poisoned too. */
	CHECK_EQ_INT(obj[0], POISON_FREE);
	CHECK_EQ_INT(obj[23], POISON_FREE);
	memset(obj, 0, 24);
	kmem_cache_free(cache, obj);
	CHECK_EQ_INT(kmem_cache_check_poison(cache, obj), -1);

	obj[5] = 0x42;			/* the write after free */
	CHECK_EQ_INT(kmem_cache_check_poison(cache, obj), 5);
	void *again = NULL;
	CHECK(PANICS(again = kmem_cache_alloc(cache, GFP_KERNEL)));
	CHECK(strstr(panic_message, "slab poisoned: object") &&
	      strstr(panic_message, "written after it was freed: byte 5 is 0x42"));
	CHECK(again == NULL);

	/* The panic left it allocated, so it can be freed. */
	CHECK_EQ_INT(stats(cache).objects_in_use, 1);
	kmem_cache_free(cache, obj);
	obj = kmem_cache_alloc(cache, GFP_KERNEL);	/* poison intact now */
	kmem_cache_free(cache, obj);
	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	teardown();
}

static void red_zones_catch_overruns(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("zoned", 13, 0, 0);
	unsigned char *obj = kmem_cache_alloc(cache, GFP_KERNEL);
	unsigned char saved = obj[13];

	obj[13] = 0;			/* one past the end */
	CHECK(PANICS(kmem_cache_free(cache, obj)));
	CHECK(strstr(panic_message, "slab zoned: object") &&
	      strstr(panic_message, "red zone after its 13 bytes overwritten at offset 13 (overrun)"));
	obj[13] = saved;

	saved = obj[-1];
	obj[-1] = 0;			/* one before the start */
	CHECK(PANICS(kmem_cache_free(cache, obj)));
	CHECK(strstr(panic_message, "offset -1 (underrun)"));
	obj[-1] = saved;
	kmem_cache_free(cache, obj);
	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);

	/* kmalloc objects have them too. */
	unsigned char *k = kmalloc(64, GFP_KERNEL);
	saved = k[64];
	k[64] = 1;
	CHECK(PANICS(kfree(k)));
	CHECK(strstr(panic_message, "slab kmalloc-64: object"));
	k[64] = saved;
	kfree(k);
	teardown();
}

static void double_free_detected(void)
{
	setup();
	struct kmem_cache *cache = kmem_cache_create("twice", 32, 0, 0);
	void *a = kmem_cache_alloc(cache, GFP_KERNEL);
	void *b = kmem_cache_alloc(cache, GFP_KERNEL);

	kmem_cache_free(cache, a);
	CHECK(PANICS(kmem_cache_free(cache, a)));
	CHECK(strstr(panic_message, "slab twice: double free of object"));
	kmem_cache_free(cache, b);
	CHECK(PANICS(kmem_cache_free(cache, b)));	/* the slab is empty now */
	CHECK(PANICS(kfree(b)));
	CHECK(strstr(panic_message, "double free"));
	CHECK_EQ_INT(stats(cache).objects_in_use, 0);
	kmem_cache_destroy(cache);
	CHECK_EQ_INT(nr_free_pages(), free_at_start);
	teardown();
}
#endif

int main(void)
{
	static const struct test_case cases[] = {
		TEST(sizes_aligned_and_apart),
		TEST(slabs_move_between_lists),
		TEST(empty_slabs_given_back),
		TEST(exhaustion_returns_null),
		TEST(zeroed_allocations),
		TEST(caches_listed_with_stats),
		TEST(create_checks_its_arguments),
		TEST(kmalloc_sizes),
		TEST(foreign_pointers),
#ifdef DEBUG
		TEST(poison_catches_write_after_free),
		TEST(red_zones_catch_overruns),
		TEST(double_free_detected),
#endif
	};

	return run_tests(SUITE, cases, ARRAY_SIZE(cases));
}
