/*
 * Page tables (mm/paging.c), the early boot allocator (mm/memblock.c) and
 * guarded kernel stacks (mm/stack.c). 4-level paging, SDM 4.5.
 */
#ifndef PAGING_H
#define PAGING_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include "layout.h"

/* Entry bits (SDM 4.5, tables 4-15 to 4-20). */
#define PTE_PRESENT  (1UL << 0)
#define PTE_WRITE    (1UL << 1)
#define PTE_USER     (1UL << 2)
#define PTE_PWT      (1UL << 3)
#define PTE_PCD      (1UL << 4)
#define PTE_ACCESSED (1UL << 5)
#define PTE_DIRTY    (1UL << 6)
#define PTE_HUGE     (1UL << 7)   /* PS: 2 MiB in a PDE, 1 GiB in a PDPTE */
#define PTE_GLOBAL   (1UL << 8)
#define PTE_NX       (1UL << 63)  /* needs EFER.NXE */
#define PTE_ADDR_MASK 0x000ffffffffff000UL

#define PAGE_KERNEL_RW (PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | PTE_NX)
#define PAGE_KERNEL_RO (PTE_PRESENT | PTE_GLOBAL | PTE_NX)
#define PAGE_KERNEL_RX (PTE_PRESENT | PTE_GLOBAL)

typedef uint64_t pte_t;

/* Where guarded kernel stacks live (Linux puts vmalloc space here too). */
#define KERNEL_STACK_AREA  0xffffc90000000000UL
#define KERNEL_STACK_SIZE  (16 * 1024)
/* Each slot: an unmapped guard as large as the stack, then the stack. */
#define KERNEL_STACK_SLOT  (2 * KERNEL_STACK_SIZE)
#define KERNEL_STACK_SLOTS 4096

/* Boot: memblock, page tables, buddy, slab, guarded IST stacks (mm/init.c). */
void mem_init(void);
/* The banner's line: total, usable, reserved and free memory. */
void mem_report(void);
/* Usable RAM in the memory map, in pages (sysinfo's totalram). */
unsigned long total_ram_pages(void);

/* --- Early allocator: before the buddy allocator exists ------------------ */
void memblock_init(void);
/* Physical address of size bytes aligned to align; panics when out. */
uint64_t memblock_alloc(size_t size, size_t align);
void memblock_reserve(uint64_t start, uint64_t end);
/* Calls fn for each usable range [start, end) not reserved. */
void memblock_for_each_free(void (*fn)(uint64_t start, uint64_t end));
bool memblock_is_reserved(uint64_t phys);
uint64_t memblock_end_of_ram(void);

/* --- Page tables ----------------------------------------------------------- */
extern pte_t *kernel_pml4;

void paging_init(void);
/* Page tables come from the buddy allocator once it exists. */
void paging_use_buddy(void);
/* The entry for va in pml4, allocating missing tables if create; NULL
 * when absent (or a table allocation failed). Never a huge-page entry. */
pte_t *page_walk(pte_t *pml4, uint64_t va, bool create);
/* 4 KiB mappings: 0 or -ENOMEM / -EEXIST / -ENOENT. */
int map_page(pte_t *pml4, uint64_t va, uint64_t pa, uint64_t flags);
int unmap_page(pte_t *pml4, uint64_t va);
int protect_page(pte_t *pml4, uint64_t va, uint64_t flags);
/* The entry mapping va (0 if none); for huge mappings, the huge entry. */
pte_t lookup_page(pte_t *pml4, uint64_t va);
int map_range(pte_t *pml4, uint64_t va, uint64_t pa, size_t size, uint64_t flags);
void unmap_range(pte_t *pml4, uint64_t va, size_t size);
/* Call fn for every present 4 KiB entry in [start, end), skipping absent
 * tables whole (a 1 GiB mapping with 3 pages touched costs 3 calls). */
void walk_present(pte_t *pml4, uint64_t start, uint64_t end,
		  void (*fn)(pte_t *pte, uint64_t va, void *ctx), void *ctx);
/* Free the page tables (not the frames they map) covering [start, end)
 * of the lower half; the range must be unmapped. */
void free_page_tables(pte_t *pml4, uint64_t start, uint64_t end);

static inline pte_t *pte_table(pte_t entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

/* --- Kernel stacks with guard pages --------------------------------------- */
/* Switch to the stack whose top is given and call fn there; never returns. */
void call_on_stack(uint64_t top, void (*fn)(void)) __attribute__((noreturn));
/* Top of a fresh KERNEL_STACK_SIZE stack with an unmapped guard below it. */
uint64_t kernel_stack_alloc(void);
void kernel_stack_free(uint64_t top);
/* Is addr inside the guard of some kernel stack? (a stack overflow) */
bool kernel_stack_guard_hit(uint64_t addr);

#endif
