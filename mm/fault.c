/*
 * The page-fault handler for user addresses (DESIGN.md section 4):
 *
 *	not present, anonymous, read   -> the shared zero page, read-only
 *	not present, anonymous, write  -> a fresh zeroed page
 *	not present, shared anonymous  -> the mapping's shared page
 *	not present, file-backed       -> the initrd's page-cache page itself
 *	                                  (read-only) or a private copy
 *	present, write, private        -> copy-on-write: take the page over
 *	                                  if we hold the only reference,
 *	                                  else copy it
 *	a file page wholly past EOF    -> SIGBUS (mmap of a file, as Linux)
 *	anything else                  -> SIGSEGV
 */
#include "vm.h"
#include "fs.h"
#include "lab.h"
#include "mm.h"
#include "panic.h"
#include "process.h"
#include "string.h"
#include "trap.h"
#include "uapi/mman.h"
#include "x86.h"

uint64_t vma_pte_flags(const struct vma *vma, bool writable);

static void account_new_page(struct mm *mm)
{
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
}

/* Fill a not-present PTE. No invlpg: the TLB never holds not-present
 * entries (SDM 4.10.2.3), so there is nothing stale to flush. */
static bool set_pte(struct mm *mm, pte_t *pte, struct page *page,
		    const struct vma *vma, bool writable)
{
	*pte = page_to_phys(page) | vma_pte_flags(vma, writable);
	if (page != zero_page)
		account_new_page(mm);
	return true;
}

static bool do_anonymous_page(struct mm *mm, const struct vma *vma, pte_t *pte,
			      bool write)
{
	/* LAB(demand-paging) BEGIN: a read maps the shared zero page (one more reference), read-only: a write after it copies it in do_wp_page */
	if (!write) {
		get_page(zero_page);
		return set_pte(mm, pte, zero_page, vma, false);
	}
	/* LAB(demand-paging) STUB: (void)write; lab_missing("demand-paging"); */
	/* LAB(demand-paging) END */
	struct page *page = alloc_pages(0, __GFP_ZERO);
	if (!page)
		return false;
	return set_pte(mm, pte, page, vma, true);
}

static bool do_shared_page(struct mm *mm, const struct vma *vma, uint64_t va, pte_t *pte)
{
	unsigned long index = vma->shared_offset + ((va - vma->start) >> PAGE_SHIFT);
	struct page **slot = &vma->shared->pages[index];

	if (!*slot && !(*slot = alloc_pages(0, __GFP_ZERO)))
		return false;
	get_page(*slot);
	return set_pte(mm, pte, *slot, vma, true);
}

static bool do_file_page(struct mm *mm, const struct vma *vma, uint64_t va,
			 pte_t *pte, bool write)
{
	uint64_t offset = vma->file_offset + (va - vma->start);
	struct page *cache = inode_page(vma->inode, offset >> PAGE_SHIFT);
	uint64_t valid = vma->file_end - va;   /* file bytes in this page */

	/* A whole page of the file, only read: map the cached page itself;
	 * a later write to a private mapping copies it (its count is > 1). */
	if (cache && valid >= PAGE_SIZE && (!write || (vma->flags & VM_SHARED))) {
		get_page(cache);
		return set_pte(mm, pte, cache, vma, false);
	}
	/* Otherwise a private copy: the file's bytes, zeros after them
	 * (the start of an ELF .bss shares its page with .data). */
	struct page *page = alloc_pages(0, __GFP_ZERO);
	if (!page)
		return false;
	if (cache)
		memcpy(page_address(page), page_address(cache),
		       valid < PAGE_SIZE ? valid : PAGE_SIZE);
	return set_pte(mm, pte, page, vma, write);
}

/* A new page with old's contents, referenced once (for its new PTE). */
struct page *copy_user_page(struct page *old)
{
	struct page *copy = alloc_pages(0, 0);

	if (copy)
		memcpy(page_address(copy), page_address(old), PAGE_SIZE);
	return copy;
}

/* A write to a present, read-only page of a writable mapping. */
static bool do_wp_page(struct mm *mm, const struct vma *vma, uint64_t va, pte_t *pte)
{
	struct page *old = phys_to_page(*pte & PTE_ADDR_MASK);

	if (vma->flags & VM_SHARED) {
		*pte |= PTE_WRITE;
		invlpg(va);
		return true;
	}
	/* LAB(cow) BEGIN: take the page over, writable and without a copy, when the PTE holds its only reference (never the zero page) */
	if (old != zero_page && old->refcount == 1) {
		*pte |= PTE_WRITE;
		invlpg(va);
		return true;
	}
	/* LAB(cow) STUB: lab_missing("cow"); */
	/* LAB(cow) END */
	struct page *copy = copy_user_page(old);
	if (!copy)
		return false;
	*pte = page_to_phys(copy) | vma_pte_flags(vma, true);
	invlpg(va);
	if (old == zero_page)
		account_new_page(mm);
	put_page(old);
	return true;
}

static bool resolve(struct mm *mm, struct vma *vma, uint64_t va, pte_t *pte, bool write)
{
	if (*pte & PTE_PRESENT) {
		if (write && !(*pte & PTE_WRITE))
			return do_wp_page(mm, vma, va, pte);
		/* A stale TLB entry (another path changed the PTE). */
		invlpg(va);
		return true;
	}
	if (vma->shared)
		return do_shared_page(mm, vma, va, pte);
	if (vma->inode && va < vma->file_end)
		return do_file_page(mm, vma, va, pte, write);
	return do_anonymous_page(mm, vma, pte, write);
}

int handle_mm_fault(struct mm *mm, uint64_t addr, uint64_t error_code)
{
	struct vma *vma = find_vma(mm, addr);
	bool write = error_code & PF_WRITE;
	uint64_t va = addr & ~(PAGE_SIZE - 1);

	if (!vma)
		return SIGSEGV;
	if (!(vma->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return SIGSEGV;
	if (write && !(vma->prot & PROT_WRITE))
		return SIGSEGV;
	if ((error_code & PF_INSTR) && !(vma->prot & PROT_EXEC))
		return SIGSEGV;
	if ((vma->flags & VM_SIGBUS_PAST_EOF) && va >= vma->file_end)
		return SIGBUS;

	pte_t *pte = page_walk(mm->pml4, va, true);
	/* Out of memory: Linux's OOM killer would pick a victim; here the
	 * faulting process is the one that dies. */
	if (!pte || !resolve(mm, vma, va, pte, write))
		return SIGKILL;
	return 0;
}
