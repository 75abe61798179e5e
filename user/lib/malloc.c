/*
 * malloc and free: a first-fit free list over the program break for small
 * blocks, a private mapping each for large ones.
 *
 * Every block starts with a 16-byte header and its memory follows, so with
 * the heap 16-byte aligned every pointer returned is too (the alignment of
 * max_align_t on x86-64).  Free heap blocks form a list sorted by address,
 * so free() can merge a block with free neighbours on both sides.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct header {
	/* The whole block, header included: a multiple of 16.  Bit 0 marks
	 * a block that is a mapping of its own. */
	size_t size;
	struct header *next;	/* in the free list, while free */
};

#define ALIGN        16
#define MMAPPED      1UL
#define MIN_BLOCK    (2 * sizeof(struct header))
/* Requests this big get their own mapping, which free() gives back to
 * the kernel at once instead of keeping it in the heap. */
#define MMAP_MIN     (128 * 1024)
/* The heap grows by at least this much, to make few brk calls. */
#define GROW_MIN     (64 * 1024)
#define PAGE         4096

static struct header *free_list;

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

_Noreturn static void corrupt(const char *what, void *p)
{
	fprintf(stderr, "%s(): invalid pointer %p\n", what, p);
	abort();
}

/* Put a heap block on the free list, merging it with adjacent ones. */
static void insert_free(struct header *h)
{
	struct header **pp = &free_list, *prev = NULL;

	while (*pp && *pp < h) {
		prev = *pp;
		pp = &prev->next;
	}
	/* A block already free, or overlapping one, was freed twice (or
	 * never allocated). */
	if ((*pp && (char *)h + h->size > (char *)*pp) ||
	    (prev && (char *)prev + prev->size > (char *)h))
		corrupt("free", h + 1);

	h->next = *pp;
	if (h->next && (char *)h + h->size == (char *)h->next) {
		h->size += h->next->size;
		h->next = h->next->next;
	}
	if (prev && (char *)prev + prev->size == (char *)h) {
		prev->size += h->size;
		prev->next = h->next;
	} else {
		*pp = h;
	}
}

/* Add at least size bytes to the heap; false if the kernel says no. */
static int grow_heap(size_t size)
{
	uintptr_t cur = (uintptr_t)sbrk(0);
	size_t pad = round_up(cur, ALIGN) - cur;
	struct header *h;

	if (size < GROW_MIN)
		size = GROW_MIN;
	h = sbrk(pad + size);
	if (h == (void *)-1)
		return 0;
	h = (struct header *)((char *)h + pad);
	h->size = size;
	insert_free(h);
	return 1;
}

static void *map_block(size_t size)
{
	struct header *h;

	size = round_up(size, PAGE);
	h = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->size = size | MMAPPED;
	return h + 1;
}

void *malloc(size_t n)
{
	size_t size;

	if (n > SIZE_MAX - PAGE - sizeof(struct header)) {
		errno = ENOMEM;
		return NULL;
	}
	size = round_up(n + sizeof(struct header), ALIGN);
	if (size < MIN_BLOCK)
		size = MIN_BLOCK;
	if (size >= MMAP_MIN)
		return map_block(size);

	for (;;) {
		for (struct header **pp = &free_list; *pp; pp = &(*pp)->next) {
			struct header *h = *pp;

			if (h->size < size)
				continue;
			/* Split when the rest can be a block of its own. */
			if (h->size - size >= MIN_BLOCK) {
				struct header *rest =
					(struct header *)((char *)h + size);

				rest->size = h->size - size;
				rest->next = h->next;
				*pp = rest;
				h->size = size;
			} else {
				*pp = h->next;
			}
			return h + 1;
		}
		if (!grow_heap(size)) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

void free(void *p)
{
	struct header *h;

	if (!p)
		return;
	if ((uintptr_t)p % ALIGN)
		corrupt("free", p);
	h = (struct header *)p - 1;
	if (h->size & MMAPPED)
		munmap(h, h->size & ~MMAPPED);
	else
		insert_free(h);
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	/* A fresh mapping is zero already: touching it would only fault in
	 * pages the program may never use. */
	if (p && !(((struct header *)p - 1)->size & MMAPPED))
		memset(p, 0, total);
	return p;
}

/* Keep the block when it is big enough, else move to a new one. */
void *realloc(void *p, size_t n)
{
	struct header *h;
	size_t have;
	void *q;

	if (!p)
		return malloc(n);
	h = (struct header *)p - 1;
	have = (h->size & ~MMAPPED) - sizeof(struct header);
	if (n <= have)
		return p;
	q = malloc(n);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
