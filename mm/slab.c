/*
 * The slab allocator: objects of one size carved out of buddy blocks
 * (docs/memory.md has the pictures).
 *
 * A cache owns slabs of 2^order pages. A slab's bookkeeping lives in the
 * struct page of its first frame (slab_cache, freelist, inuse, and lru to
 * sit on one of the cache's three lists: full, partial, empty); its other
 * frames point back at the first through slab_head, so any address inside
 * an object leads to its slab. The slab's free objects form a singly linked
 * list through a pointer stored in each free object's slot itself: no
 * memory is spent on free objects beyond their own.
 *
 * Allocation prefers a partial slab (it keeps empty slabs empty, so they
 * can be given back), then an empty one, then a new one from the buddy
 * allocator. A slab that becomes empty stays on the empty list only while
 * the cache keeps fewer than SLAB_EMPTY_RESERVE of them; beyond that its
 * pages go back at once.
 *
 * Each object has a slot of `size` bytes, the object at obj_offset and the
 * free pointer in the slot's first word:
 *
 *	| object (free: its first word is the free pointer) | pad |
 *
 * A DEBUG build adds red zones and checks, in mm/slab_debug.c.
 *
 * Locking: one CPU, so disabling interrupts is the lock.
 *
 * The helpers of the allocation and free paths are static inline because
 * -fno-toplevel-reorder (the build's, for the order of KTESTs) keeps GCC
 * from inlining them by itself, and under QEMU's TCG a call and return cost
 * about as much as the work they do.
 */
#include "lab.h"
#include "mm.h"
#include "panic.h"
#include "slab.h"
#include "string.h"
#include "x86.h"

#define SLAB_MAX_ORDER     3	/* slabs of at most 8 pages */
#define SLAB_EMPTY_RESERVE 1	/* empty slabs a cache keeps */

static struct kmem_cache cache_cache;	/* the struct kmem_caches themselves */
static LIST_HEAD(cache_chain);
/* kmalloc_caches[k] holds objects of 2^k bytes. */
#define KMALLOC_SHIFT_LOW  3
#define KMALLOC_SHIFT_HIGH 11
static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[3] = "kmalloc-8",     [4] = "kmalloc-16",   [5] = "kmalloc-32",
	[6] = "kmalloc-64",    [7] = "kmalloc-128",  [8] = "kmalloc-256",
	[9] = "kmalloc-512",  [10] = "kmalloc-1024", [11] = "kmalloc-2048",
};
_Static_assert(1 << KMALLOC_SHIFT_HIGH == KMALLOC_MAX_CACHE_SIZE,
	       "kmalloc's caches end at KMALLOC_MAX_CACHE_SIZE");

/* ------------------------------------------------------------------------
 * Slabs.
 */

/* A new slab on the empty list, its objects on its free list in address
 * order; false when the buddy allocator has no block. */
static bool slab_create(struct kmem_cache *cache)
{
	struct page *slab = alloc_pages(cache->order, GFP_KERNEL);

	if (!slab)
		return false;
	slab->flags |= PG_slab;
	slab->slab_cache = cache;
	slab->inuse = 0;
	for (unsigned long i = 1; i < 1UL << cache->order; i++) {
		slab[i].flags |= PG_slab | PG_tail;
		slab[i].slab_head = slab;
	}

	char *base = page_address(slab);
	void *next = NULL;
	for (unsigned i = cache->objects; i-- > 0;) {
		void *obj = base + (size_t)i * cache->size + cache->obj_offset;

		slab_debug_init_object(cache, obj);
		*free_pointer(cache, obj) = next;
		next = obj;
	}
	slab->freelist = next;

	list_add(&slab->lru, &cache->slabs_empty);
	cache->nr_slabs++;
	cache->nr_empty++;
	return true;
}

/* Unlink an empty slab and give its pages back. The caller counts it off
 * nr_empty if it was on the empty list. */
static void slab_destroy(struct kmem_cache *cache, struct page *slab)
{
	ASSERT(slab->inuse == 0);
	list_del(&slab->lru);
	cache->nr_slabs--;
	for (unsigned long i = 0; i < 1UL << cache->order; i++) {
		slab[i].flags &= ~(PG_slab | PG_tail);
		/* Clears slab_head too: it shares the slab fields' union. */
		slab[i].slab_cache = NULL;
		slab[i].freelist = NULL;
		slab[i].inuse = 0;
	}
	free_pages(slab, cache->order);
}

/* Take an object; the cache has a partial or an empty slab. */
static inline void *slab_alloc(struct kmem_cache *cache)
{
	ASSERT(!list_empty(&cache->slabs_partial) || !list_empty(&cache->slabs_empty));
	/* LAB(slab) BEGIN: pop an object off a partial slab's free list (else an empty slab's) and move the slab to the list it now belongs on */
	struct page *slab;

	if (!list_empty(&cache->slabs_partial)) {
		slab = list_first_entry(&cache->slabs_partial, struct page, lru);
	} else {
		slab = list_first_entry(&cache->slabs_empty, struct page, lru);
		list_move(&slab->lru, &cache->slabs_partial);
		cache->nr_empty--;
	}

	void *obj = slab->freelist;
	slab->freelist = *free_pointer(cache, obj);
	if (++slab->inuse == cache->objects)
		list_move(&slab->lru, &cache->slabs_full);
	return obj;
	/* LAB(slab) STUB: lab_missing("slab"); struct page *slab = list_first_entry(&cache->slabs_empty, struct page, lru); void *obj = slab->freelist; slab->freelist = NULL; slab->inuse = 1; list_move(&slab->lru, &cache->slabs_full); cache->nr_empty--; return obj; */
	/* LAB(slab) END */
}

/* Give obj back to its slab. */
static inline void slab_free(struct kmem_cache *cache, struct page *slab, void *obj)
{
	ASSERT(slab->slab_cache == cache && slab->inuse > 0 && obj);
	/* LAB(slab) BEGIN: push the object on its slab's free list, move the slab, give an empty slab back beyond SLAB_EMPTY_RESERVE */
	*free_pointer(cache, obj) = slab->freelist;
	slab->freelist = obj;
	slab->inuse--;

	if (slab->inuse == 0) {
		if (cache->nr_empty >= SLAB_EMPTY_RESERVE) {
			slab_destroy(cache, slab);
		} else {
			list_move(&slab->lru, &cache->slabs_empty);
			cache->nr_empty++;
		}
	} else if (slab->inuse == cache->objects - 1) {
		list_move(&slab->lru, &cache->slabs_partial);	/* was full */
	}
	/* LAB(slab) STUB: slab->freelist = obj; slab->inuse = 0; slab_destroy(cache, slab); */
	/* LAB(slab) END */
}

/* The frame of addr, or NULL if addr is not in RAM. */
static inline struct page *frame_of(const void *addr)
{
	uint64_t pfn = virt_to_phys(addr) >> PAGE_SHIFT;

	return pfn < max_pfn ? pfn_to_page(pfn) : NULL;
}

/* The slab holding obj, which must be an object of cache (fn names the
 * caller in the panic when it is not). */
static inline struct page *slab_of(const struct kmem_cache *cache,
				   const void *obj, const char *fn)
{
	struct page *slab = frame_of(obj);

	if (!slab || !(slab->flags & PG_slab))
		panic("%s(%s): %p is not a slab object (%s)", fn, cache->name, obj,
		      slab ? "its frame is no slab's" : "not in RAM");
	if (slab->flags & PG_tail)
		slab = slab->slab_head;
	if (slab->slab_cache != cache)
		panic("%s(%s): %p is an object of cache %s", fn, cache->name, obj,
		      slab->slab_cache->name);
#ifdef DEBUG
	uintptr_t first = (uintptr_t)page_address(slab) + cache->obj_offset;
	uintptr_t offset = (uintptr_t)obj - first;
	if (offset % cache->size || offset / cache->size >= cache->objects)
		panic("%s(%s): %p is not the start of an object (slots of %zu bytes from %p)",
		      fn, cache->name, obj, cache->size, (void *)first);
#endif
	return slab;
}

/* ------------------------------------------------------------------------
 * Caches.
 */

/* The slab order: the smallest whose leftover is at most 1/8 of the slab,
 * else the one with the least leftover per byte. 0 objects: too big. */
static unsigned choose_order(size_t slot, unsigned *objects)
{
	unsigned best = 0, best_objects = 0;
	size_t best_waste = 0, best_bytes = 1;

	for (unsigned order = 0; order <= SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order, waste = bytes % slot;

		if (bytes < slot)
			continue;
		if (best_objects == 0 || waste * best_bytes < best_waste * bytes) {
			best = order;
			best_objects = bytes / slot;
			best_waste = waste;
			best_bytes = bytes;
		}
		if (waste <= bytes / 8)
			break;
	}
	*objects = best_objects;
	return best;
}

static bool cache_init(struct kmem_cache *cache, const char *name, size_t size,
		       size_t align, unsigned flags)
{
	if (flags & SLAB_HWCACHE_ALIGN && align < L1_CACHE_BYTES)
		align = L1_CACHE_BYTES;
	if (align < sizeof(void *))
		align = sizeof(void *);	/* the free pointer needs it */
	if (size == 0 || align > PAGE_SIZE || (align & (align - 1)))
		return false;

	*cache = (struct kmem_cache){
		.name = name,
		.object_size = size,
		.align = align,
	};
	slab_debug_layout(cache);
	cache->order = choose_order(cache->size, &cache->objects);
	if (cache->objects == 0)
		return false;
	INIT_LIST_HEAD(&cache->slabs_full);
	INIT_LIST_HEAD(&cache->slabs_partial);
	INIT_LIST_HEAD(&cache->slabs_empty);
	return true;
}

static void cache_publish(struct kmem_cache *cache)
{
	bool irq = irq_save();

	list_add_tail(&cache->list, &cache_chain);
	irq_restore(irq);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned flags)
{
	struct kmem_cache *cache = kmem_cache_alloc(&cache_cache, GFP_KERNEL);

	if (cache && !cache_init(cache, name, size, align, flags)) {
		kmem_cache_free(&cache_cache, cache);
		cache = NULL;
	}
	if (!cache) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create cache %s (size %zu, align %zu)",
			      name, size, align);
		return NULL;
	}
	cache_publish(cache);
	return cache;
}

/* Give every empty slab back, the reserve included. */
static void cache_shrink(struct kmem_cache *cache)
{
	struct page *slab, *next;

	list_for_each_entry_safe(slab, next, &cache->slabs_empty, lru)
		slab_destroy(cache, slab);
	cache->nr_empty = 0;
}

void kmem_cache_shrink_all(void)
{
	struct kmem_cache *cache;
	bool irq = irq_save();

	list_for_each_entry(cache, &cache_chain, list)
		cache_shrink(cache);
	irq_restore(irq);
}

void kmem_cache_destroy(struct kmem_cache *cache)
{
	bool irq = irq_save();

	if (cache->objects_in_use)
		panic("kmem_cache_destroy: cache %s still has %lu objects in use",
		      cache->name, cache->objects_in_use);
	ASSERT(list_empty(&cache->slabs_full) && list_empty(&cache->slabs_partial));
	cache_shrink(cache);
	list_del(&cache->list);
	irq_restore(irq);
	kmem_cache_free(&cache_cache, cache);
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	bool irq = irq_save();

	if (list_empty(&cache->slabs_partial) && list_empty(&cache->slabs_empty) &&
	    !slab_create(cache)) {
		irq_restore(irq);
		return NULL;
	}
	void *obj = slab_alloc(cache);
	cache->objects_in_use++;
	slab_debug_alloc(cache, obj);
	irq_restore(irq);

	if (gfp & __GFP_ZERO)
		memset(obj, 0, cache->object_size);
	return obj;
}

void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	bool irq = irq_save();
	/* Every check comes before the first change, so a panic that a test
	 * catches leaves the cache as it was. */
	struct page *slab = slab_of(cache, obj, "kmem_cache_free");

	slab_debug_free(cache, obj);
	slab_free(cache, slab, obj);
	cache->objects_in_use--;
	irq_restore(irq);
}

void kmem_cache_get_stats(const struct kmem_cache *cache,
			  struct kmem_cache_stats *stats)
{
	const struct page *slab;
	bool irq = irq_save();

	*stats = (struct kmem_cache_stats){
		.name = cache->name,
		.object_size = cache->object_size,
		.slot_size = cache->size,
		.objects_per_slab = cache->objects,
		.pages_per_slab = 1u << cache->order,
		.objects_in_use = cache->objects_in_use,
		.slabs = cache->nr_slabs,
		.pages = cache->nr_slabs << cache->order,
	};
	list_for_each_entry(slab, &cache->slabs_full, lru)
		stats->slabs_full++;
	list_for_each_entry(slab, &cache->slabs_partial, lru)
		stats->slabs_partial++;
	list_for_each_entry(slab, &cache->slabs_empty, lru)
		stats->slabs_empty++;
	irq_restore(irq);
}

void kmem_cache_for_each(void (*fn)(const struct kmem_cache *cache, void *arg),
			 void *arg)
{
	const struct kmem_cache *cache;
	bool irq = irq_save();

	list_for_each_entry(cache, &cache_chain, list)
		fn(cache, arg);
	irq_restore(irq);
}

/* ------------------------------------------------------------------------
 * kmalloc: power-of-two caches, whole buddy blocks beyond them.
 */

void slab_init(void)
{
	INIT_LIST_HEAD(&cache_chain);
	if (!cache_init(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0, 0))
		panic("slab_init: cannot set up the cache of caches");
	cache_publish(&cache_cache);

	/* Aligned to their size, as Linux promises for power-of-two kmallocs. */
	for (unsigned k = KMALLOC_SHIFT_LOW; k <= KMALLOC_SHIFT_HIGH; k++)
		kmalloc_caches[k] = kmem_cache_create(kmalloc_names[k], 1UL << k,
						      1UL << k, SLAB_PANIC);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (size == 0)
		return NULL;
	if (size <= KMALLOC_MAX_CACHE_SIZE) {
		unsigned k = size <= 1u << KMALLOC_SHIFT_LOW ? KMALLOC_SHIFT_LOW :
			     64 - __builtin_clzl(size - 1);

		ASSERT(kmalloc_caches[k]);	/* slab_init() has run */
		return kmem_cache_alloc(kmalloc_caches[k], gfp);
	}
	if (size > PAGE_SIZE << MAX_ORDER)
		return NULL;

	struct page *page = alloc_pages(get_order(size), gfp);
	if (!page)
		return NULL;
	page->flags |= PG_kmalloc;
	return page_address(page);
}

void kfree(const void *ptr)
{
	if (!ptr)
		return;

	struct page *page = frame_of(ptr);
	if (page && (page->flags & PG_slab)) {
		struct page *slab = page->flags & PG_tail ? page->slab_head : page;

		kmem_cache_free(slab->slab_cache, (void *)ptr);
		return;
	}
	if (!page || !(page->flags & PG_kmalloc) || ptr != page_address(page))
		panic("kfree: %p was not returned by kmalloc (%s)", ptr,
		      page ? "neither a slab object nor a kmalloc block" : "not in RAM");
	page->flags &= ~PG_kmalloc;
	free_pages(page, page->order);
}
