/*
 * The slab allocator's debug build (make DEBUG=1, make test): each slot is
 *
 *	| free pointer | red zone | object | red zone |
 *
 * with the free pointer outside the object, so a free object can be
 * poisoned whole. A free object is filled with POISON_FREE and checked on
 * allocation (a write after free); both red zones hold REDZONE from the
 * slab's creation and are checked on free (an overrun or underrun); an
 * allocated object's free pointer holds OBJECT_ALLOCATED, checked on free
 * (a double free). Every check runs before anything changes, so a panic
 * that a host test catches leaves the cache as it was.
 */
#ifdef DEBUG
#include "panic.h"
#include "slab.h"
#include "string.h"

#define REDZONE          0xbb
#define REDZONE_MIN      8	/* bytes on each side of an object, at least */
/* Not a canonical address, so never a real free pointer. */
#define OBJECT_ALLOCATED ((void *)0xa110c8eda110c8edUL)

void slab_debug_layout(struct kmem_cache *cache)
{
	/* The object keeps its alignment: the zone before it grows. */
	cache->obj_offset = ALIGN_UP(sizeof(void *) + REDZONE_MIN, cache->align);
	cache->size = ALIGN_UP(cache->obj_offset + cache->object_size + REDZONE_MIN,
			       cache->align);
}

void slab_debug_init_object(const struct kmem_cache *cache, void *obj)
{
	char *slot = (char *)obj - cache->obj_offset;

	memset(slot + sizeof(void *), REDZONE, cache->obj_offset - sizeof(void *));
	memset(obj, POISON_FREE, cache->object_size);
	memset((char *)obj + cache->object_size, REDZONE,
	       cache->size - cache->obj_offset - cache->object_size);
}

long kmem_cache_check_poison(const struct kmem_cache *cache, const void *obj)
{
	const unsigned char *p = obj;

	for (size_t i = 0; i < cache->object_size; i++)
		if (p[i] != POISON_FREE)
			return (long)i;
	return -1;
}

/* The first red-zone byte that was written, as an offset from the object
 * (negative: before it), or 0 if both zones are intact. */
static long find_redzone_damage(const struct kmem_cache *cache, const void *obj)
{
	const unsigned char *p = obj;
	long before = (long)(cache->obj_offset - sizeof(void *));
	long after = (long)(cache->size - cache->obj_offset - cache->object_size);

	for (long i = -before; i < 0; i++)
		if (p[i] != REDZONE)
			return i;
	for (long i = 0; i < after; i++)
		if (p[cache->object_size + i] != REDZONE)
			return (long)cache->object_size + i;
	return 0;
}

void slab_debug_alloc(struct kmem_cache *cache, void *obj)
{
	/* Marked first: if the poison check panics in a test that catches
	 * it, the object is a proper allocated one the test can free. */
	*free_pointer(cache, obj) = OBJECT_ALLOCATED;

	long bad = kmem_cache_check_poison(cache, obj);
	if (bad >= 0)
		panic("slab %s: object %p was written after it was freed: byte %ld is %#x, not the poison %#x",
		      cache->name, obj, bad, ((unsigned char *)obj)[bad], POISON_FREE);
}

void slab_debug_free(struct kmem_cache *cache, void *obj)
{
	long bad = find_redzone_damage(cache, obj);
	if (bad < 0)
		panic("slab %s: object %p: red zone before it overwritten at offset %ld (underrun)",
		      cache->name, obj, bad);
	if (bad > 0)
		panic("slab %s: object %p: red zone after its %zu bytes overwritten at offset %ld (overrun)",
		      cache->name, obj, cache->object_size, bad);
	if (*free_pointer(cache, obj) != OBJECT_ALLOCATED)
		panic("slab %s: double free of object %p (it is not allocated)",
		      cache->name, obj);
	memset(obj, POISON_FREE, cache->object_size);
}
#endif /* DEBUG */
