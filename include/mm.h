/*
 * Memory management (DESIGN.md section 4, docs/memory.md): physical pages
 * from the buddy allocator (mm/buddy.c) and small objects from the slab
 * allocator on top of it (mm/slab.c).
 *
 * Neither allocator touches hardware: both reach memory only through
 * phys_to_virt/virt_to_phys, which is what lets tests/host build them for
 * the host over a fake physical memory.
 */
#ifndef MM_H
#define MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "layout.h"
#include "list.h"

/* ======================= Physical pages (mm/buddy.c) ====================== */

/* Blocks of 2^0 .. 2^MAX_ORDER pages: 4 KiB .. 4 MiB. */
#define MAX_ORDER 10

/* Allocation flags, as in Linux ("get free pages"). */
typedef unsigned gfp_t;
#define GFP_KERNEL 0u		/* an ordinary allocation */
#define __GFP_ZERO 1u		/* fill the memory with zeroes */

/* struct page.flags: one bit each. */
#define PG_reserved (1u << 0)	/* not the allocator's: a hole, the kernel, ... */
#define PG_buddy    (1u << 1)	/* first page of a free block, on a free list */
#define PG_slab     (1u << 2)	/* part of a slab: see the slab fields below */
#define PG_tail     (1u << 3)	/* slab page after the first: slab_head is valid */
#define PG_kmalloc  (1u << 4)	/* first page of a kmalloc() too big for a cache */

struct kmem_cache;

/*
 * One per physical frame, in mem_map[pfn]. A block of 2^order frames is
 * described by its first ("head") page; the others ("tail" pages) have
 * flags 0 and refcount 0 unless a slab marks them. docs/memory.md has the
 * whole table.
 */
struct page {
	uint16_t flags;		/* PG_* */
	uint8_t order;		/* PG_buddy: the free block's; allocated head:
				 * the block's, as alloc_pages() gave it */
	int32_t refcount;	/* users of an allocated block (head page);
				 * 0 when free; 1 for a reserved frame */
	struct list_head lru;	/* PG_buddy: on free_area[order]; PG_slab
				 * head: on its cache's full/partial/empty list;
				 * otherwise free for the block's owner to use */
	union {
		struct {			/* PG_slab, head page */
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object */
			unsigned inuse;		/* objects handed out */
		};
		struct page *slab_head;		/* PG_slab | PG_tail */
	};
};

/* The frame array, indexed by pfn from 0 (holes included), and its length. */
extern struct page *mem_map;
extern unsigned long max_pfn;

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline uint64_t page_to_phys(const struct page *page)
{
	return (uint64_t)page_to_pfn(page) << PAGE_SHIFT;
}

static inline struct page *phys_to_page(uint64_t phys)
{
	return pfn_to_page(phys >> PAGE_SHIFT);
}

/* The frame's kernel virtual address in the direct map. */
static inline void *page_address(const struct page *page)
{
	return phys_to_virt(page_to_phys(page));
}

/* addr: in the direct map or the kernel image. */
static inline struct page *virt_to_page(const void *addr)
{
	return phys_to_page(virt_to_phys(addr));
}

/* The smallest order whose block holds size bytes. */
static inline unsigned get_order(size_t size)
{
	if (size <= PAGE_SIZE)
		return 0;
	/* One more than the highest bit of the last page's index. */
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

/*
 * Boot: buddy_init() takes an array of nr_frames pages (any contents) and
 * makes every frame PG_reserved with refcount 1; then each usable range of
 * the memory map goes to buddy_add_free_range() (end exclusive; ranges may
 * come in any order but must not overlap).
 */
void buddy_init(struct page *map, unsigned long nr_frames);
void buddy_add_free_range(unsigned long start_pfn, unsigned long end_pfn);

/*
 * A block of 2^order frames aligned to its size, refcount 1, or NULL when no
 * block is left (or order > MAX_ORDER). free_pages() drops one reference and
 * frees the block at zero; it panics, naming the frame and its state, on a
 * double free, a page that is not the head of an allocated block, an order
 * other than the allocation's, and a reserved or slab page.
 */
struct page *alloc_pages(unsigned order, gfp_t gfp);
void free_pages(struct page *page, unsigned order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(0, gfp);
}

/* One page by its direct-map address, as an integer (Linux style); 0 when
 * there is none. */
static inline unsigned long get_free_page(gfp_t gfp)
{
	struct page *page = alloc_pages(0, gfp);

	return page ? (unsigned long)page_address(page) : 0;
}

static inline void free_page(unsigned long addr)
{
	free_pages(virt_to_page((const void *)addr), 0);
}

/*
 * Sharing (COW, page cache): get_page() adds a user to an allocated block or
 * a reserved frame, put_page() drops one and frees the block with its last
 * user. A reserved frame is never freed: it starts with one reference its
 * users never drop.
 */
void get_page(struct page *page);
void put_page(struct page *page);

unsigned long nr_free_pages(void);
/* Every frame the allocator was given, free or not (MemTotal). */
unsigned long nr_managed_pages(void);
/* Free blocks of exactly this order. */
unsigned long nr_free_blocks(unsigned order);

/* ========================== Slab (mm/slab.c) ============================== */

/* kmem_cache_create() flags. */
#define SLAB_HWCACHE_ALIGN (1u << 0)	/* align objects to a cache line */
#define SLAB_PANIC         (1u << 1)	/* panic instead of returning NULL */

#define L1_CACHE_BYTES 64

/* kmalloc() serves sizes up to this from caches, larger ones from whole
 * buddy blocks. */
#define KMALLOC_MAX_CACHE_SIZE 2048

/* Needs buddy_add_free_range() done: creates the cache of caches and the
 * kmalloc-8 .. kmalloc-2048 caches. */
void slab_init(void);

/*
 * A cache of objects of `size` bytes aligned to `align` (0: 8 bytes, the
 * least there is; otherwise a power of two up to PAGE_SIZE). name must
 * outlive the cache. NULL if the arguments are bad or memory is short.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned flags);
/* Panics if objects are still allocated, naming the cache and the count. */
void kmem_cache_destroy(struct kmem_cache *cache);
/* NULL when memory is short; the contents are undefined unless __GFP_ZERO
 * (a debug build fills them with the free poison). */
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

/* size bytes aligned to 8, and to size itself if it is a power of two;
 * NULL when memory is short or size is 0. */
void *kmalloc(size_t size, gfp_t gfp);
/* kfree(NULL) does nothing. */
void kfree(const void *ptr);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* What a cache holds, for the test harness's leak accounting and for
 * debugging. The slab counts by list come from walking the lists. */
struct kmem_cache_stats {
	const char *name;
	size_t object_size;		/* as asked */
	size_t slot_size;		/* per object in its slab: alignment
					 * and debug red zones included */
	unsigned objects_per_slab;
	unsigned pages_per_slab;
	unsigned long objects_in_use;
	unsigned long slabs, slabs_full, slabs_partial, slabs_empty;
	unsigned long pages;
};

void kmem_cache_get_stats(const struct kmem_cache *cache,
			  struct kmem_cache_stats *stats);
/*
 * Give the empty slabs every cache keeps in reserve back to the buddy
 * allocator. A test that makes a cache grow leaves such a slab behind
 * without leaking anything: counting free pages after this call is what
 * tells a real leak from it.
 */
void kmem_cache_shrink_all(void);
/* Call fn for every cache, oldest first. fn must not create or destroy
 * caches. */
void kmem_cache_for_each(void (*fn)(const struct kmem_cache *cache, void *arg),
			 void *arg);

#ifdef DEBUG
/* The poison a debug build fills free objects with. */
#define POISON_FREE 0x6b
/*
 * Whether the free object obj of cache still holds its poison: -1 if so,
 * otherwise the offset of the first byte written after the free. The
 * allocator runs it on every allocation and panics on a bad byte.
 */
long kmem_cache_check_poison(const struct kmem_cache *cache, const void *obj);
#endif

#endif /* MM_H */
