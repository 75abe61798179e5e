/*
 * In-kernel tests of the slab allocator and kmalloc, on the machine's own
 * memory (tests/host/test_slab.c covers the debug panics). Caches keep an
 * empty slab in reserve, so page counts are compared after
 * kmem_cache_shrink_all().
 */
#include "ktest.h"
#include "mm.h"

static unsigned char pattern(size_t object, size_t byte)
{
	return (unsigned char)(object * 31 + byte * 7 + 1);
}

/* Objects of sizes 1 to 4096 (every size up to 64, then odd steps), with
 * alignments from 8 to a page: aligned, inside their cache's slabs, and
 * apart (a later fill would show in an overlapping earlier object). */
KTEST(slab, sizes_aligned_and_apart)
{
	static const size_t aligns[] = { 0, 8, 16, 32, 64, 128, 512, 4096 };
	static void *objs[2 * 512 + 1];

	kmem_cache_shrink_all();
	unsigned long before = nr_free_pages();

	for (size_t size = 1, round = 0; size <= 4096;
	     size += size < 64 ? 1 : size / 16 + 1, round++) {
		size_t align = aligns[round % 8], need = align < 8 ? 8 : align;
		struct kmem_cache *cache = kmem_cache_create("ktest_sized", size, align, 0);
		struct kmem_cache_stats stats;

		KASSERT_TRUE(cache);
		kmem_cache_get_stats(cache, &stats);
		size_t n = 2 * stats.objects_per_slab + 1;
		KASSERT_TRUE(n <= 2 * 512 + 1);

		size_t bad = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char *p = objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);

			KASSERT_TRUE(p);
			bad += (uintptr_t)p % need != 0;
			struct page *page = virt_to_page(p);
			if (page->flags & PG_tail)
				page = page->slab_head;
			bad += !(page->flags & PG_slab) || page->slab_cache != cache;
			for (size_t b = 0; b < size; b++)
				p[b] = pattern(i, b);
		}
		for (size_t i = 0; i < n; i++) {
			const unsigned char *p = objs[i];

			for (size_t b = 0; b < size; b++)
				bad += p[b] != pattern(i, b);
			kmem_cache_free(cache, objs[i]);
		}
		kmem_cache_destroy(cache);
		if (bad) {
			KEXPECT_EQ(bad, 0);
			ktest_log("size %zu, align %zu", size, align);
			break;
		}
	}
	kmem_cache_shrink_all();
	KEXPECT_EQ(nr_free_pages(), before);
}

KTEST(slab, lists_and_reserve)
{
	static void *objs[3 * 64];
	struct kmem_cache_stats s;

	kmem_cache_shrink_all();
	unsigned long before = nr_free_pages();
	struct kmem_cache *cache = kmem_cache_create("ktest_lists", 512, 0, 0);
	KASSERT_TRUE(cache);
	kmem_cache_get_stats(cache, &s);
	unsigned n = 3 * s.objects_per_slab;
	KASSERT_TRUE(n <= 3 * 64);

	for (unsigned i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	kmem_cache_get_stats(cache, &s);
	KEXPECT_EQ(s.slabs_full, 3);
	KEXPECT_EQ(s.objects_in_use, n);

	kmem_cache_free(cache, objs[0]);
	kmem_cache_get_stats(cache, &s);
	KEXPECT_EQ(s.slabs_full, 2);
	KEXPECT_EQ(s.slabs_partial, 1);

	for (unsigned i = 1; i < n; i++)
		kmem_cache_free(cache, objs[i]);
	kmem_cache_get_stats(cache, &s);
	KEXPECT_EQ(s.slabs, 1);			/* the reserve */
	KEXPECT_EQ(s.slabs_empty, 1);
	KEXPECT_EQ(s.objects_in_use, 0);

	kmem_cache_destroy(cache);
	kmem_cache_shrink_all();
	KEXPECT_EQ(nr_free_pages(), before);
}

#ifdef DEBUG
KTEST(slab, poison_catches_write_after_free)
{
	struct kmem_cache *cache = kmem_cache_create("ktest_poison", 40, 0, 0);
	KASSERT_TRUE(cache);
	unsigned char *obj = kmem_cache_alloc(cache, GFP_KERNEL);
	KASSERT_TRUE(obj);

	kmem_cache_free(cache, obj);
	KEXPECT_EQ(kmem_cache_check_poison(cache, obj), -1);
	/* The slab is the cache's reserve, so obj is still its memory. */
	obj[17] = 0;
	KEXPECT_EQ(kmem_cache_check_poison(cache, obj), 17);
	obj[17] = POISON_FREE;
	KEXPECT_EQ(kmem_cache_check_poison(cache, obj), -1);
	kmem_cache_destroy(cache);
}
#else
KTEST(slab, poison_catches_write_after_free)
{
	ktest_log("not a debug build (make DEBUG=1): nothing is poisoned");
}
#endif

struct in_use {
	const char *name;
	unsigned long count;
};

static void count_in_use(const struct kmem_cache *cache, void *arg)
{
	struct in_use *u = arg;
	struct kmem_cache_stats s;

	kmem_cache_get_stats(cache, &s);
	if (strcmp(s.name, u->name) == 0)
		u->count = s.objects_in_use;
}

static unsigned long objects_in_use(const char *cache)
{
	struct in_use u = { cache, ~0UL };

	kmem_cache_for_each(count_in_use, &u);
	return u.count;
}

KTEST(slab, kmalloc_64_round_trip)
{
	unsigned long before = objects_in_use("kmalloc-64");

	for (int i = 0; i < 1000; i++) {
		unsigned char *p = kmalloc(64, GFP_KERNEL);

		KASSERT_TRUE(p);
		if (i == 0)
			KEXPECT_EQ(objects_in_use("kmalloc-64"), before + 1);
		KEXPECT_EQ((uintptr_t)p % 64, 0);
		memset(p, i, 64);
		kfree(p);
	}
	KEXPECT_EQ(objects_in_use("kmalloc-64"), before);

	for (size_t size = 1; size <= 8192; size += size < 128 ? 1 : 61) {
		unsigned char *p = kmalloc(size, __GFP_ZERO);
		size_t bad = 0;

		KASSERT_TRUE(p);
		for (size_t b = 0; b < size; b++)
			bad += p[b] != 0;
		memset(p, 0x5a, size);
		kfree(p);
		KEXPECT_EQ(bad, 0);
	}
}

KTEST(slab, kmalloc_large_uses_buddy)
{
	kmem_cache_shrink_all();
	unsigned long before = nr_free_pages();
	char *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);

	KASSERT_TRUE(p);
	KEXPECT_EQ(nr_free_pages(), before - 4);	/* an order-2 block */
	KEXPECT_EQ((uintptr_t)p % PAGE_SIZE, 0);
	KEXPECT_TRUE(virt_to_page(p)->flags & PG_kmalloc);
	p[3 * PAGE_SIZE - 1] = 1;
	kfree(p);
	KEXPECT_EQ(nr_free_pages(), before);
}
