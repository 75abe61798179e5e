/*
 * Fake include/layout.h: "physical memory" is host_ram, a buffer the test
 * allocates (page aligned), and the direct map is host_ram itself, so
 * phys_to_virt(0) == host_ram. Same guard as the real header.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)

extern char *host_ram;

/* Integer arithmetic: a pointer that is not in host_ram (the foreign
 * pointer tests pass some) must give a huge pfn, not undefined behaviour. */
static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)((uintptr_t)host_ram + phys);
}

static inline uint64_t virt_to_phys(const void *virt)
{
	return (uintptr_t)virt - (uintptr_t)host_ram;
}

#endif
