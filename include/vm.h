/*
 * Address spaces (mm/vm.c, mm/fault.c, mm/mmap.c): struct mm with its page
 * tables and a sorted list of VMAs. Page tables start empty: every user
 * page arrives through the page-fault handler (DESIGN.md section 4).
 */
#ifndef VM_H
#define VM_H

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "paging.h"
#include "spinlock.h"

struct inode;
struct mm;
struct trap_frame;

/* vma->flags */
#define VM_SHARED    (1u << 0)   /* writes are seen by every mapper */
#define VM_GROWSDOWN (1u << 1)   /* the stack */
#define VM_HEAP      (1u << 2)   /* the brk area */
/* An mmap of a file: a page wholly past the file's end is SIGBUS (an ELF
 * segment's pages past its file part are .bss instead: zeros). */
#define VM_SIGBUS_PAST_EOF (1u << 3)
/* mprotect may never add PROT_WRITE (EACCES): a shared mapping of a file
 * opened read-only (all of the initrd's), a SHM_RDONLY attach. Linux's
 * VM_MAYWRITE, cleared. */
#define VM_NOWRITE   (1u << 4)

/*
 * Pages of a MAP_SHARED|MAP_ANONYMOUS mapping or of a SysV shared memory
 * segment: every mapper maps the same page for an offset. Each VMA that
 * maps it holds a reference; a SysV segment holds one more for itself and
 * learns of each VMA coming and going through ops (ipc/shm.c counts its
 * attaches with them).
 */
struct shared_pages;
struct shared_pages_ops {
	void (*vma_added)(struct shared_pages *shared);   /* fork, split */
	void (*vma_removed)(struct shared_pages *shared); /* unmap, exit */
};

struct shared_pages {
	unsigned refcount;
	unsigned long nr_pages;
	const struct shared_pages_ops *ops;     /* NULL for mmap */
	void *owner;                            /* the SysV segment */
	struct page *pages[];           /* NULL until first touched */
};

/* A zero-filled object of nr_pages (refcount 1), or NULL. */
struct shared_pages *shared_pages_alloc(unsigned long nr_pages);
void shared_pages_get(struct shared_pages *shared);
/* Drops a reference; the last one frees the pages. */
void shared_pages_put(struct shared_pages *shared);
/* Map shared at start (page aligned; 0: the kernel picks). Returns the
 * address or -errno. Without PROT_WRITE, mprotect cannot add it. */
long vm_map_shared(struct mm *mm, uint64_t start, unsigned prot,
		   struct shared_pages *shared);

struct vma {
	uint64_t start, end;            /* [start, end), page aligned */
	unsigned prot;                  /* PROT_READ | PROT_WRITE | PROT_EXEC */
	unsigned flags;                 /* VM_* */
	/* File-backed: the file's bytes from file_offset fill the mapping up
	 * to file_end (exclusive, a virtual address); beyond it the pages
	 * are zero (an ELF segment's .bss). NULL for anonymous memory. */
	struct inode *inode;
	uint64_t file_offset;
	uint64_t file_end;
	struct shared_pages *shared;    /* VM_SHARED anonymous */
	uint64_t shared_offset;         /* in pages, within shared */
	struct list_head list;          /* in mm->vmas, by address */
};

struct mm {
	pte_t *pml4;
	struct list_head vmas;
	unsigned refcount;              /* vfork shares it */
	uint64_t brk_start, brk;
	uint64_t mmap_base;             /* top-down search for free areas */
	uint64_t rss, hiwater_rss;      /* resident pages, and the maximum */
};

#define USER_STACK_TOP  0x00007ffffffff000UL
#define USER_STACK_SIZE (8UL << 20)
#define USER_MMAP_BASE  (USER_STACK_TOP - USER_STACK_SIZE - (1UL << 30))
#define USER_MIN_ADDR   0x10000UL       /* Linux's default mmap_min_addr */

void vm_init(void);
struct mm *mm_create(void);
/* fork: the child's copy, private pages shared copy-on-write. */
struct mm *mm_dup(struct mm *mm);
void mm_put(struct mm *mm);
void switch_mm(struct mm *mm);

/* Map [start, start + len) (page aligned); unmaps what was there. */
int vma_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
	    unsigned flags, struct inode *inode, uint64_t file_offset, uint64_t file_end);
int vm_unmap(struct mm *mm, uint64_t start, uint64_t len);
int vm_protect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot);
struct vma *find_vma(struct mm *mm, uint64_t addr);
/* Drop the pages of [start, end), keeping the mappings (MADV_DONTNEED). */
void vm_zap(struct mm *mm, uint64_t start, uint64_t end);
/* A free range of len bytes, at hint if it is free, else top-down. */
uint64_t vm_find_free(struct mm *mm, uint64_t hint, uint64_t len);

/*
 * The page-fault handler for user addresses: 0 if the fault was resolved
 * (the access can be retried), else the signal a bad access earns
 * (SIGSEGV, SIGBUS, or SIGKILL when memory ran out). error_code is the
 * CPU's (SDM 4.7).
 */
int handle_mm_fault(struct mm *mm, uint64_t addr, uint64_t error_code);
struct page *copy_user_page(struct page *old);

/* The shared zero page: every read fault on untouched anonymous memory. */
extern struct page *zero_page;

#endif
