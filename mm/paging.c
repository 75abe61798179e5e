/*
 * The kernel's page tables (4-level paging, SDM 4.5). paging_init replaces
 * the boot tables with:
 *
 *	DIRECT_MAP_BASE + phys  all RAM (and at least the first 4 GiB, where
 *	                        the APICs are), 1 GiB or 2 MiB pages, NX
 *	KERNEL_VMA + phys       the kernel image by section, 4 KiB pages:
 *	                        .text RX, .rodata R, .data/.bss RW, .ksyms R
 *
 * and no identity map. Every upper-half PML4 entry (256..511) points at a
 * page-directory-pointer table allocated here once, so an address space
 * made later copies those 256 entries and never needs to hear of a new
 * kernel mapping.
 */
#include "paging.h"
#include "cpu.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"
#include "x86.h"

pte_t *kernel_pml4;
static bool use_buddy;  /* page tables from the buddy allocator, not memblock */
/* PTE_NX is a reserved bit without EFER.NXE (SDM 4.5): dropped then. */
static uint64_t pte_supported = ~0UL;

#define PML4_INDEX(va) (((va) >> 39) & 511)
#define PDPT_INDEX(va) (((va) >> 30) & 511)
#define PD_INDEX(va)   (((va) >> 21) & 511)
#define PT_INDEX(va)   (((va) >> 12) & 511)

#define USER_HALF_END (1UL << 47)
#define GIB (1UL << 30)
#define MIB2 (2UL << 20)
#define CR4_PGE  (1UL << 7)
#define CR4_SMEP (1UL << 20)
#define CR4_SMAP (1UL << 21)

/* Read by mm/usercopy.asm: whether to bracket user accesses with STAC/CLAC. */
bool smap_enabled;

/* A zeroed page for a table, as a physical address; 0 when out of memory. */
static uint64_t alloc_table(void)
{
	uint64_t phys;

	if (use_buddy) {
		struct page *page = alloc_pages(0, __GFP_ZERO);

		return page ? page_to_phys(page) : 0;
	}
	phys = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	memset(phys_to_virt(phys), 0, PAGE_SIZE);
	return phys;
}

static void free_table(pte_t *table)
{
	free_pages(virt_to_page(table), 0);
}

/*
 * Intermediate entries carry the most permissive bits; the leaf decides
 * (SDM 4.6: access rights combine across levels). Only the user bit must
 * be set at every level for a user mapping.
 */
static pte_t *next_level(pte_t *entry, bool create, uint64_t va)
{
	if (*entry & PTE_PRESENT) {
		BUG_ON(*entry & PTE_HUGE);
		return pte_table(*entry);
	}
	if (!create)
		return NULL;
	uint64_t table = alloc_table();
	if (!table)
		return NULL;
	*entry = table | PTE_PRESENT | PTE_WRITE |
		 (va < DIRECT_MAP_BASE ? PTE_USER : 0);
	return phys_to_virt(table);
}

pte_t *page_walk(pte_t *pml4, uint64_t va, bool create)
{
	pte_t *pdpt, *pd, *pt;

	if (!(pdpt = next_level(&pml4[PML4_INDEX(va)], create, va)))
		return NULL;
	if (!(pdpt[PDPT_INDEX(va)] & PTE_PRESENT) && !create)
		return NULL;
	if (pdpt[PDPT_INDEX(va)] & PTE_HUGE)
		return NULL;
	if (!(pd = next_level(&pdpt[PDPT_INDEX(va)], create, va)))
		return NULL;
	if (pd[PD_INDEX(va)] & PTE_HUGE)
		return NULL;
	if (!(pt = next_level(&pd[PD_INDEX(va)], create, va)))
		return NULL;
	return &pt[PT_INDEX(va)];
}

int map_page(pte_t *pml4, uint64_t va, uint64_t pa, uint64_t flags)
{
	pte_t *pte = page_walk(pml4, va, true);

	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_PRESENT)
		return -EEXIST;
	*pte = ((pa & PTE_ADDR_MASK) | flags | PTE_PRESENT) & pte_supported;
	return 0;
}

int unmap_page(pte_t *pml4, uint64_t va)
{
	pte_t *pte = page_walk(pml4, va, false);

	if (!pte || !(*pte & PTE_PRESENT))
		return -ENOENT;
	*pte = 0;
	invlpg(va);
	return 0;
}

int protect_page(pte_t *pml4, uint64_t va, uint64_t flags)
{
	pte_t *pte = page_walk(pml4, va, false);

	if (!pte || !(*pte & PTE_PRESENT))
		return -ENOENT;
	*pte = ((*pte & PTE_ADDR_MASK) | flags | PTE_PRESENT) & pte_supported;
	invlpg(va);
	return 0;
}

pte_t lookup_page(pte_t *pml4, uint64_t va)
{
	pte_t entry = pml4[PML4_INDEX(va)];
	const unsigned shifts[] = { 30, 21, 12 };

	for (unsigned level = 0; level < 3; level++) {
		if (!(entry & PTE_PRESENT))
			return 0;
		entry = pte_table(entry)[(va >> shifts[level]) & 511];
		if (level < 2 && (entry & PTE_HUGE))
			return entry;
	}
	return entry & PTE_PRESENT ? entry : 0;
}

int map_range(pte_t *pml4, uint64_t va, uint64_t pa, size_t size, uint64_t flags)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		int err = map_page(pml4, va + off, pa + off, flags);

		if (err) {
			unmap_range(pml4, va, off);
			return err;
		}
	}
	return 0;
}

void unmap_range(pte_t *pml4, uint64_t va, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE)
		unmap_page(pml4, va + off);
}

/* One level of walk_present: entry covers 2^shift bytes from base. */
static void walk_level(pte_t *table, unsigned shift, uint64_t base, uint64_t start,
		       uint64_t end, void (*fn)(pte_t *, uint64_t, void *), void *ctx)
{
	uint64_t span = 1UL << shift;
	unsigned first = start > base ? (start - base) >> shift : 0;

	for (unsigned i = first; i < 512; i++) {
		uint64_t va = base + i * span;

		if (va >= end)
			break;
		if (!(table[i] & PTE_PRESENT))
			continue;
		if (shift == 12)
			fn(&table[i], va, ctx);
		else if (!(table[i] & PTE_HUGE))
			walk_level(pte_table(table[i]), shift - 9, va, start, end, fn, ctx);
	}
}

void walk_present(pte_t *pml4, uint64_t start, uint64_t end,
		  void (*fn)(pte_t *pte, uint64_t va, void *ctx), void *ctx)
{
	BUG_ON(end > USER_HALF_END);
	walk_level(pml4, 39, 0, start, end, fn, ctx);
}

static bool table_empty(const pte_t *table)
{
	for (unsigned i = 0; i < 512; i++)
		if (table[i])
			return false;
	return true;
}

/* Free the empty tables below entry for the part of [start, end) it covers. */
static void free_tables_level(pte_t *entry, unsigned shift, uint64_t base,
			      uint64_t start, uint64_t end)
{
	if (!(*entry & PTE_PRESENT) || (*entry & PTE_HUGE))
		return;
	pte_t *table = pte_table(*entry);
	uint64_t span = 1UL << (shift - 9);

	if (shift > 21) {
		for (unsigned i = 0; i < 512; i++) {
			uint64_t child = base + i * span;

			if (child + span > start && child < end)
				free_tables_level(&table[i], shift - 9, child, start, end);
		}
	}
	if (table_empty(table)) {
		free_table(table);
		*entry = 0;
	}
}

void free_page_tables(pte_t *pml4, uint64_t start, uint64_t end)
{
	BUG_ON(end > USER_HALF_END);            /* the lower half only */
	for (unsigned i = PML4_INDEX(start); i <= PML4_INDEX(end - 1); i++)
		free_tables_level(&pml4[i], 39, (uint64_t)i << 39, start, end);
}

/* The direct map: huge pages, RAM and the first 4 GiB (MMIO below 4 GiB). */
static void map_direct(uint64_t end)
{
	bool gib_pages = boot_cpu.has_pdpe1gb;

	for (uint64_t pa = 0; pa < end; pa += gib_pages ? GIB : MIB2) {
		uint64_t va = DIRECT_MAP_BASE + pa;
		pte_t *pdpt = next_level(&kernel_pml4[PML4_INDEX(va)], true, va);

		if (gib_pages) {
			pdpt[PDPT_INDEX(va)] = (pa | PAGE_KERNEL_RW | PTE_HUGE) & pte_supported;
			continue;
		}
		pte_t *pd = next_level(&pdpt[PDPT_INDEX(va)], true, va);
		pd[PD_INDEX(va)] = (pa | PAGE_KERNEL_RW | PTE_HUGE) & pte_supported;
	}
}

static void map_kernel_section(const char *start, const char *end, uint64_t flags)
{
	uint64_t va = (uint64_t)start & ~(PAGE_SIZE - 1);

	for (; va < (uint64_t)end; va += PAGE_SIZE)
		if (map_page(kernel_pml4, va, va - KERNEL_VMA, flags))
			panic("paging: cannot map kernel page %#lx", va);
}

extern char __ksyms_start[];

void paging_init(void)
{
	uint64_t ram_end = memblock_end_of_ram();
	uint64_t direct_end = ram_end > 4 * GIB ? ram_end : 4 * GIB;

	if (!boot_cpu.has_nx)
		pte_supported &= ~PTE_NX;
	kernel_pml4 = phys_to_virt(alloc_table());
	/* Every upper-half entry exists from now on (see the top comment). */
	for (unsigned i = 256; i < 512; i++)
		kernel_pml4[i] = alloc_table() | PTE_PRESENT | PTE_WRITE;

	map_direct((direct_end + GIB - 1) & ~(GIB - 1));
	map_kernel_section(_text_start, _text_end, PAGE_KERNEL_RX);
	map_kernel_section(_rodata_start, _rodata_end, PAGE_KERNEL_RO);
	map_kernel_section(_data_start, _data_end, PAGE_KERNEL_RW);
	map_kernel_section(__ksyms_start, _kernel_end, PAGE_KERNEL_RO);

	/* Global kernel pages survive CR3 switches (SDM 4.10.2.4); SMEP
	 * stops the kernel from running user pages and SMAP from touching
	 * them outside the user-copy routines (SDM 4.6.1). */
	uint64_t cr4 = read_cr4() | CR4_PGE;
	if (boot_cpu.has_smep)
		cr4 |= CR4_SMEP;
	if (boot_cpu.has_smap) {
		cr4 |= CR4_SMAP;
		smap_enabled = true;
	}
	write_cr4(cr4);
	write_cr3(virt_to_phys(kernel_pml4));
	pr_info("paging: direct map of %lu MiB with %s pages, kernel image by section%s%s\n",
		direct_end >> 20, boot_cpu.has_pdpe1gb ? "1 GiB" : "2 MiB",
		boot_cpu.has_smep ? ", SMEP on" : "", boot_cpu.has_smap ? ", SMAP on" : "");
}

void paging_use_buddy(void)
{
	use_buddy = true;
}
