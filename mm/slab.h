/*
 * Inside the slab allocator: what mm/slab.c and mm/slab_debug.c share.
 * Everyone else uses include/mm.h.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "mm.h"

#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((size_t)(a) - 1))

struct kmem_cache {
	const char *name;
	size_t object_size;	/* as asked */
	size_t size;		/* slot size, a multiple of align */
	size_t align;		/* at least 8 */
	size_t obj_offset;	/* of the object in its slot */
	unsigned order;		/* slabs of 2^order pages */
	unsigned objects;	/* per slab */
	struct list_head slabs_full, slabs_partial, slabs_empty;
	unsigned long nr_slabs, nr_empty;
	unsigned long objects_in_use;
	struct list_head list;	/* on cache_chain */
};

/* The word that links a free object to the next one: the slot's first. */
static inline void **free_pointer(const struct kmem_cache *cache, void *obj)
{
	return (void **)((char *)obj - cache->obj_offset);
}

/*
 * The debug build's checks (mm/slab_debug.c). Without DEBUG they vanish
 * and the slot is just the object, padded to the alignment.
 *
 * slab_debug_layout() sets obj_offset and size from object_size and align;
 * slab_debug_init_object() readies each object of a new slab;
 * slab_debug_alloc() and slab_debug_free() check an object on its way out
 * and back, and panic, naming the cache and the object, at the first fault.
 */
#ifdef DEBUG
void slab_debug_layout(struct kmem_cache *cache);
void slab_debug_init_object(const struct kmem_cache *cache, void *obj);
void slab_debug_alloc(struct kmem_cache *cache, void *obj);
void slab_debug_free(struct kmem_cache *cache, void *obj);
#else
static inline void slab_debug_layout(struct kmem_cache *cache)
{
	size_t size = cache->object_size;

	/* A free object holds the free pointer. */
	if (size < sizeof(void *))
		size = sizeof(void *);
	cache->obj_offset = 0;
	cache->size = ALIGN_UP(size, cache->align);
}

static inline void slab_debug_init_object(const struct kmem_cache *cache,
					  void *obj)
{
	(void)cache, (void)obj;
}

static inline void slab_debug_alloc(struct kmem_cache *cache, void *obj)
{
	(void)cache, (void)obj;
}

static inline void slab_debug_free(struct kmem_cache *cache, void *obj)
{
	(void)cache, (void)obj;
}
#endif

#endif /* MM_SLAB_H */
