/*
 * Address spaces: struct mm, its VMAs (a list sorted by address), fork's
 * copy-on-write duplicate and teardown. Faults are in mm/fault.c, the
 * system calls in mm/mmap.c.
 *
 * Every user page a PTE maps holds one reference (get_page) for that PTE;
 * unmapping drops it (put_page). The shared zero page and the initrd's
 * page-cache pages keep a reference of their own, so they are never freed.
 */
#include "vm.h"
#include "fs.h"
#include "lab.h"
#include "mm.h"
#include "panic.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "x86.h"

struct page *zero_page;
static struct kmem_cache *mm_cache, *vma_cache;

void vm_init(void)
{
	zero_page = alloc_pages(0, __GFP_ZERO);
	BUG_ON(!zero_page);
	mm_cache = kmem_cache_create("mm", sizeof(struct mm), 0, SLAB_PANIC);
	vma_cache = kmem_cache_create("vma", sizeof(struct vma), 0, SLAB_PANIC);
}

struct mm *mm_create(void)
{
	struct mm *mm = kmem_cache_alloc(mm_cache, __GFP_ZERO);
	struct page *pml4 = alloc_pages(0, __GFP_ZERO);

	if (!mm || !pml4) {
		if (mm)
			kmem_cache_free(mm_cache, mm);
		if (pml4)
			free_pages(pml4, 0);
		return NULL;
	}
	mm->pml4 = page_address(pml4);
	/* The kernel half is shared by every address space (mm/paging.c). */
	memcpy(mm->pml4 + 256, kernel_pml4 + 256, 256 * sizeof(pte_t));
	INIT_LIST_HEAD(&mm->vmas);
	mm->refcount = 1;
	mm->mmap_base = USER_MMAP_BASE;
	return mm;
}

void switch_mm(struct mm *mm)
{
	uint64_t cr3 = virt_to_phys(mm ? mm->pml4 : kernel_pml4);

	if (read_cr3() != cr3)
		write_cr3(cr3);
}

struct vma *find_vma(struct mm *mm, uint64_t addr)
{
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, list) {
		if (addr < vma->start)
			return NULL;
		if (addr < vma->end)
			return vma;
	}
	return NULL;
}

static void insert_vma(struct mm *mm, struct vma *new)
{
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, list)
		if (vma->start > new->start)
			break;
	list_add_tail(&new->list, &vma->list);  /* before vma (or at the end) */
}

struct shared_pages *shared_pages_alloc(unsigned long nr_pages)
{
	struct shared_pages *shared =
		kzalloc(sizeof(*shared) + nr_pages * sizeof(struct page *), 0);

	if (shared) {
		shared->refcount = 1;
		shared->nr_pages = nr_pages;
	}
	return shared;
}

void shared_pages_get(struct shared_pages *shared)
{
	shared->refcount++;
}

void shared_pages_put(struct shared_pages *shared)
{
	if (--shared->refcount)
		return;
	for (unsigned long i = 0; i < shared->nr_pages; i++)
		if (shared->pages[i])
			put_page(shared->pages[i]);
	kfree(shared);
}

/* A VMA starts or stops mapping vma->shared. */
static void vma_shared_added(struct vma *vma)
{
	if (!vma->shared)
		return;
	shared_pages_get(vma->shared);
	if (vma->shared->ops)
		vma->shared->ops->vma_added(vma->shared);
}

static void free_vma(struct vma *vma)
{
	if (vma->shared) {
		if (vma->shared->ops)
			vma->shared->ops->vma_removed(vma->shared);
		shared_pages_put(vma->shared);
	}
	kmem_cache_free(vma_cache, vma);
}

/* Drop the mapping of one present PTE (walk_present callback). */
static void unmap_one(pte_t *pte, uint64_t va, void *ctx)
{
	struct mm *mm = ctx;
	struct page *page = phys_to_page(*pte & PTE_ADDR_MASK);

	*pte = 0;
	invlpg(va);
	if (page != zero_page)
		mm->rss--;
	put_page(page);
}

void vm_zap(struct mm *mm, uint64_t start, uint64_t end)
{
	walk_present(mm->pml4, start, end, unmap_one, mm);
}

/* Split vma at addr (inside it): vma keeps [start, addr), the new one the rest. */
static struct vma *split_vma(struct vma *vma, uint64_t addr)
{
	struct vma *tail = kmem_cache_alloc(vma_cache, 0);

	if (!tail)
		return NULL;
	*tail = *vma;
	tail->start = addr;
	if (vma->inode)
		tail->file_offset += addr - vma->start;
	if (vma->shared) {
		tail->shared_offset += (addr - vma->start) >> PAGE_SHIFT;
		vma_shared_added(tail);
	}
	vma->end = addr;
	list_add(&tail->list, &vma->list);      /* right after vma */
	return tail;
}

/* Make [start, end) a union of whole VMAs by splitting at both ends. */
static int split_at(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vma *vma = find_vma(mm, start);

	if (vma && vma->start < start && !split_vma(vma, start))
		return -ENOMEM;
	vma = find_vma(mm, end - 1);
	if (vma && vma->end > end && !split_vma(vma, end))
		return -ENOMEM;
	return 0;
}

int vm_unmap(struct mm *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	struct vma *vma, *next;

	if (split_at(mm, start, end))
		return -ENOMEM;
	list_for_each_entry_safe(vma, next, &mm->vmas, list) {
		if (vma->end <= start)
			continue;
		if (vma->start >= end)
			break;
		walk_present(mm->pml4, vma->start, vma->end, unmap_one, mm);
		list_del(&vma->list);
		free_vma(vma);
	}
	free_page_tables(mm->pml4, start, end);
	return 0;
}

int vma_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
	    unsigned flags, struct inode *inode, uint64_t file_offset, uint64_t file_end)
{
	struct vma *vma = kmem_cache_alloc(vma_cache, __GFP_ZERO);

	if (!vma)
		return -ENOMEM;
	if (vm_unmap(mm, start, len)) {
		kmem_cache_free(vma_cache, vma);
		return -ENOMEM;
	}
	vma->start = start;
	vma->end = start + len;
	vma->prot = prot;
	vma->flags = flags;
	vma->inode = inode;
	vma->file_offset = file_offset;
	vma->file_end = file_end;
	if ((flags & VM_SHARED) && !inode) {
		vma->shared = shared_pages_alloc(len >> PAGE_SHIFT);
		if (!vma->shared) {
			kmem_cache_free(vma_cache, vma);
			return -ENOMEM;
		}
	}
	insert_vma(mm, vma);
	return 0;
}

long vm_map_shared(struct mm *mm, uint64_t start, unsigned prot,
		   struct shared_pages *shared)
{
	uint64_t len = shared->nr_pages << PAGE_SHIFT;

	if (!start)
		start = vm_find_free(mm, 0, len);
	if (!start)
		return -ENOMEM;
	/* A SysV segment attached without PROT_WRITE (SHM_RDONLY) stays so:
	 * Linux's shmat opens the segment's file read-only. */
	unsigned flags = VM_SHARED | (prot & PROT_WRITE ? 0 : VM_NOWRITE);
	int err = vma_map(mm, start, len, prot, flags, NULL, 0, 0);
	if (err)
		return err;
	/* vma_map gave the new VMA an object of its own: use this one. */
	struct vma *vma = find_vma(mm, start);
	shared_pages_put(vma->shared);
	vma->shared = shared;
	vma_shared_added(vma);
	return start;
}

/* The PTE bits for a page of vma (SDM 4.6: U/S, R/W, XD). */
uint64_t vma_pte_flags(const struct vma *vma, bool writable)
{
	uint64_t flags = PTE_PRESENT;

	/* PROT_NONE: a supervisor page, so any user access faults. */
	if (vma->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		flags |= PTE_USER;
	if (writable && (vma->prot & PROT_WRITE))
		flags |= PTE_WRITE;
	if (!(vma->prot & PROT_EXEC))
		flags |= PTE_NX;
	return flags;
}

struct protect_ctx {
	const struct vma *vma;
};

static void protect_one(pte_t *pte, uint64_t va, void *ctx)
{
	const struct vma *vma = ((struct protect_ctx *)ctx)->vma;
	/* Private pages stay read-only: a write will go through the COW
	 * path, which makes an exclusively owned page writable in place. */
	bool writable = (vma->flags & VM_SHARED) && (*pte & PTE_WRITE || vma->prot & PROT_WRITE);

	*pte = (*pte & PTE_ADDR_MASK) | vma_pte_flags(vma, writable);
	invlpg(va);
}

int vm_protect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot)
{
	uint64_t end = start + len;
	struct vma *vma;

	/* Linux: ENOMEM if any part of the range is not mapped; EACCES for
	 * write access to a mapping that may never have it. */
	for (uint64_t addr = start; addr < end; addr = vma->end) {
		vma = find_vma(mm, addr);
		if (!vma)
			return -ENOMEM;
		if ((vma->flags & VM_NOWRITE) && (prot & PROT_WRITE))
			return -EACCES;
	}
	if (split_at(mm, start, end))
		return -ENOMEM;
	list_for_each_entry(vma, &mm->vmas, list) {
		if (vma->end <= start)
			continue;
		if (vma->start >= end)
			break;
		vma->prot = prot;
		struct protect_ctx ctx = { vma };
		walk_present(mm->pml4, vma->start, vma->end, protect_one, &ctx);
	}
	return 0;
}

uint64_t vm_find_free(struct mm *mm, uint64_t hint, uint64_t len)
{
	struct vma *vma;

	hint &= ~(PAGE_SIZE - 1);
	if (hint >= USER_MIN_ADDR && hint + len >= hint && hint + len <= mm->mmap_base) {
		bool free = true;

		list_for_each_entry(vma, &mm->vmas, list)
			if (vma->start < hint + len && vma->end > hint)
				free = false;
		if (free)
			return hint;
	}
	/* Top-down below mmap_base: step under each VMA in the way. */
	uint64_t candidate = mm->mmap_base - len;
	list_for_each_entry_reverse(vma, &mm->vmas, list) {
		if (vma->start >= candidate + len)
			continue;
		if (vma->end <= candidate)
			break;
		candidate = vma->start - len;
	}
	if (len > mm->mmap_base || candidate < USER_MIN_ADDR)
		return 0;
	return candidate;
}

/* fork's copy of one present PTE: share the page, read-only if private. */
struct dup_ctx {
	struct mm *child;
	const struct vma *vma;
	int err;
};

static void dup_one(pte_t *pte, uint64_t va, void *arg)
{
	struct dup_ctx *ctx = arg;
	struct page *page = phys_to_page(*pte & PTE_ADDR_MASK);
	uint64_t flags = *pte & ~PTE_ADDR_MASK;

	if (ctx->err)
		return;
	if (!(ctx->vma->flags & VM_SHARED) && (*pte & PTE_WRITE)) {
		/* LAB(cow) BEGIN: share the private page: clear the write bit in the parent's PTE and the child's, take a reference for the child */
		*pte &= ~PTE_WRITE;
		flags &= ~PTE_WRITE;
		get_page(page);
		/* LAB(cow) STUB: lab_missing("cow"); if (!(page = copy_user_page(page))) { ctx->err = -ENOMEM; return; } */
		/* LAB(cow) END */
	} else {
		get_page(page);
	}
	ctx->err = map_page(ctx->child->pml4, va, page_to_phys(page), flags);
	if (ctx->err)
		put_page(page);
}

struct mm *mm_dup(struct mm *mm)
{
	struct mm *child = mm_create();
	struct vma *vma;

	if (!child)
		return NULL;
	child->brk_start = mm->brk_start;
	child->brk = mm->brk;
	child->mmap_base = mm->mmap_base;
	child->rss = child->hiwater_rss = mm->rss;
	list_for_each_entry(vma, &mm->vmas, list) {
		struct vma *copy = kmem_cache_alloc(vma_cache, 0);

		if (!copy)
			goto fail;
		*copy = *vma;
		vma_shared_added(copy);
		list_add_tail(&copy->list, &child->vmas);

		struct dup_ctx ctx = { child, vma, 0 };
		walk_present(mm->pml4, vma->start, vma->end, dup_one, &ctx);
		if (ctx.err)
			goto fail;
	}
	/* The parent's PTEs lost their write bits: flush its TLB. */
	write_cr3(read_cr3());
	return child;
fail:
	write_cr3(read_cr3());
	mm_put(child);
	return NULL;
}

void mm_put(struct mm *mm)
{
	struct vma *vma, *next;

	if (--mm->refcount)
		return;
	/* Never free the tables the CPU is walking. */
	if (read_cr3() == virt_to_phys(mm->pml4))
		switch_mm(NULL);
	list_for_each_entry_safe(vma, next, &mm->vmas, list) {
		walk_present(mm->pml4, vma->start, vma->end, unmap_one, mm);
		list_del(&vma->list);
		free_vma(vma);
	}
	free_page_tables(mm->pml4, 0, USER_SPACE_END);
	free_pages(virt_to_page(mm->pml4), 0);
	kmem_cache_free(mm_cache, mm);
}
