/* The kernel's page tables: the 4 KiB mapping API and the protections
 * paging_init gives the kernel image and the direct map. */
#include "cpu.h"
#include "ktest.h"
#include "mm.h"
#include "paging.h"
#include "trap.h"
#include "uapi/errno.h"
#include "x86.h"

/* A fresh address space sharing the kernel half, as a process will have. */
static pte_t *new_pml4(void)
{
	struct page *page = alloc_pages(0, __GFP_ZERO);
	pte_t *pml4;

	if (!page)
		return NULL;
	pml4 = page_address(page);
	memcpy(pml4 + 256, kernel_pml4 + 256, 256 * sizeof(pte_t));
	return pml4;
}

static void free_pml4(pte_t *pml4)
{
	free_page_tables(pml4, 0, 1UL << 47);
	free_pages(virt_to_page(pml4), 0);
}

KTEST(paging, map_unmap_protect_round_trip)
{
	const uint64_t va = 0x400000;
	volatile uint64_t *p = (volatile uint64_t *)va;
	pte_t *pml4 = new_pml4();
	struct page *frame = alloc_pages(0, __GFP_ZERO);

	KASSERT_TRUE(pml4 && frame);
	KEXPECT_EQ(map_page(pml4, va, page_to_phys(frame), PTE_WRITE | PTE_NX), 0);
	KEXPECT_EQ(map_page(pml4, va, page_to_phys(frame), PTE_WRITE), -EEXIST);
	KEXPECT_EQ(lookup_page(pml4, va) & PTE_ADDR_MASK, page_to_phys(frame));
	KEXPECT_EQ(lookup_page(pml4, va + PAGE_SIZE), 0);

	uint64_t kernel_cr3 = read_cr3();
	write_cr3(virt_to_phys(pml4));
	*p = 0x1234;
	/* The same frame seen through the direct map. */
	KEXPECT_EQ(*(uint64_t *)page_address(frame), 0x1234);

	KEXPECT_EQ(protect_page(pml4, va, PTE_NX), 0);
	KEXPECT_EQ(*p, 0x1234);         /* still readable */
	KEXPECT_TRAP(X86_PF, *p = 1);
	KEXPECT_EQ(ktest_last_trap.error_code & (PF_PRESENT | PF_WRITE),
		   PF_PRESENT | PF_WRITE);
	KEXPECT_EQ(ktest_last_trap.cr2, va);

	KEXPECT_EQ(unmap_page(pml4, va), 0);
	KEXPECT_EQ(unmap_page(pml4, va), -ENOENT);
	KEXPECT_TRAP(X86_PF, (void)*p);
	KEXPECT_EQ(ktest_last_trap.error_code & PF_PRESENT, 0);
	write_cr3(kernel_cr3);

	free_pages(frame, 0);
	free_pml4(pml4);
}

KTEST(paging, map_range_and_free_tables)
{
	const uint64_t va = 0x7f0000000000UL - 8 * PAGE_SIZE;
	pte_t *pml4 = new_pml4();
	struct page *frames = alloc_pages(4, 0);

	KASSERT_TRUE(pml4 && frames);
	/* 16 pages straddling a page-directory-pointer boundary. */
	KEXPECT_EQ(map_range(pml4, va, page_to_phys(frames), 16 * PAGE_SIZE, PTE_WRITE), 0);
	for (unsigned i = 0; i < 16; i++)
		KEXPECT_EQ(lookup_page(pml4, va + i * PAGE_SIZE) & PTE_ADDR_MASK,
			   page_to_phys(frames) + i * PAGE_SIZE);
	unmap_range(pml4, va, 16 * PAGE_SIZE);
	KEXPECT_EQ(lookup_page(pml4, va), 0);
	free_pages(frames, 4);
	/* free_pml4 frees the now empty tables: the leak check sees them. */
	free_pml4(pml4);
}

KTEST(paging, direct_map_uses_huge_pages)
{
	pte_t entry = lookup_page(kernel_pml4, DIRECT_MAP_BASE + 0x200000);

	KEXPECT_TRUE(entry & PTE_HUGE);
	KEXPECT_EQ(entry & PTE_WRITE, PTE_WRITE);
	KEXPECT_EQ(entry & PTE_NX, PTE_NX);
	KEXPECT_EQ(lookup_page(kernel_pml4, 0x100000), 0);  /* no identity map */
}

KTEST(paging, kernel_text_is_read_only)
{
	volatile uint8_t *text = (volatile uint8_t *)ktest_begin;

	KEXPECT_TRAP(X86_PF, *text = *text);
	KEXPECT_EQ(ktest_last_trap.error_code & (PF_PRESENT | PF_WRITE),
		   PF_PRESENT | PF_WRITE);
	KEXPECT_EQ(lookup_page(kernel_pml4, (uint64_t)text) & PTE_NX, 0);
}

static const uint64_t read_only_value = 42;

KTEST(paging, kernel_rodata_is_read_only)
{
	volatile uint64_t *rodata = (volatile uint64_t *)&read_only_value;

	KEXPECT_EQ(*rodata, 42);
	KEXPECT_TRAP(X86_PF, *rodata = 43);
	KEXPECT_EQ(lookup_page(kernel_pml4, (uint64_t)rodata) & PTE_NX,
		   boot_cpu.has_nx ? PTE_NX : 0);
}

KTEST(paging, direct_map_is_not_executable)
{
	struct page *page = alloc_pages(0, 0);
	uint8_t *code = page_address(page);

	KASSERT_TRUE(page != NULL);
	code[0] = 0xc3;         /* ret */
	if (boot_cpu.has_nx) {
		KEXPECT_TRAP(X86_PF, ((void (*)(void))code)());
		/* An instruction fetch (SDM 4.7, I/D bit) from a present page. */
		KEXPECT_EQ(ktest_last_trap.error_code & (PF_PRESENT | PF_INSTR),
			   PF_PRESENT | PF_INSTR);
	} else {
		ktest_log("CPU without NX: nothing to check");
	}
	free_pages(page, 0);
}
