/* The memory system calls: mmap, munmap, mprotect, brk (Linux semantics). */
#include "vm.h"
#include "fs.h"
#include "sched.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/stat.h"

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

/* [addr, addr + len) page aligned, non-empty and inside user space. */
static bool user_range_ok(uint64_t addr, uint64_t len)
{
	return !(addr & (PAGE_SIZE - 1)) && len && addr + len > addr &&
	       addr + len <= USER_STACK_TOP;
}

SYSCALL_DEFINE6(mmap, uint64_t, addr, uint64_t, len, int, prot, int, flags, int, fd,
		uint64_t, offset)
{
	struct mm *mm = current->mm;
	struct inode *inode = NULL;
	uint64_t file_end = 0;
	unsigned vm_flags = 0;

	if (!len || PAGE_ALIGN(len) < len || (offset & (PAGE_SIZE - 1)))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		vm_flags |= VM_SHARED;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	if (!(flags & MAP_ANONYMOUS)) {
		struct file *file = fd_file(fd);

		if (!file)
			return -EBADF;
		if (!file->inode || !S_ISREG(file->inode->mode) || is_proc_inode(file->inode))
			return -ENODEV;         /* only initrd files can be mapped */
		/* The initrd is read-only: no shared writable file mappings. */
		if (vm_flags & VM_SHARED) {
			if (prot & PROT_WRITE)
				return -EACCES;
			vm_flags |= VM_NOWRITE;
		}
		inode = file->inode;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!user_range_ok(addr, len) || addr < USER_MIN_ADDR)
			return (flags & MAP_FIXED) ? -EINVAL : -EPERM;
		if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED))
			for (uint64_t a = addr; a < addr + len; a += PAGE_SIZE)
				if (find_vma(mm, a))
					return -EEXIST;
	} else {
		addr = vm_find_free(mm, addr, len);
		if (!addr)
			return -ENOMEM;
	}
	if (inode) {
		/* The rest of the file's last page reads as zeros; pages wholly
		 * past it are SIGBUS (VM_SIGBUS_PAST_EOF). */
		uint64_t file_left = inode->size > offset ? inode->size - offset : 0;
		file_end = addr + (file_left < len ? file_left : len);
		vm_flags |= VM_SIGBUS_PAST_EOF;
	}
	int err = vma_map(mm, addr, len, prot, vm_flags, inode, offset, file_end);
	return err ? err : (long)addr;
}

SYSCALL_DEFINE2(munmap, uint64_t, addr, uint64_t, len)
{
	if (!len || !user_range_ok(addr, PAGE_ALIGN(len)))
		return -EINVAL;
	return vm_unmap(current->mm, addr, PAGE_ALIGN(len));
}

SYSCALL_DEFINE3(mprotect, uint64_t, addr, uint64_t, len, int, prot)
{
	if (addr & (PAGE_SIZE - 1) || prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return 0;
	if (!user_range_ok(addr, PAGE_ALIGN(len)))
		return -ENOMEM;
	return vm_protect(current->mm, addr, PAGE_ALIGN(len), prot);
}

/*
 * brk: the heap VMA runs from brk_start to the page-aligned break. Linux
 * returns the new break on success and the old one on failure (never an
 * error code); libcs compare.
 */
SYSCALL_DEFINE1(brk, uint64_t, new_brk)
{
	struct mm *mm = current->mm;
	uint64_t old_end = PAGE_ALIGN(mm->brk), new_end = PAGE_ALIGN(new_brk);

	if (new_brk < mm->brk_start || new_end > mm->mmap_base - (1UL << 30))
		return mm->brk;
	if (new_end < old_end) {
		vm_unmap(mm, new_end, old_end - new_end);
	} else if (new_end > old_end) {
		for (uint64_t a = old_end; a < new_end; a += PAGE_SIZE)
			if (find_vma(mm, a))
				return mm->brk;         /* would run into a mapping */
		if (vma_map(mm, old_end, new_end - old_end, PROT_READ | PROT_WRITE,
			    VM_HEAP, NULL, 0, 0))
			return mm->brk;
	}
	mm->brk = new_brk;
	return new_brk;
}

#define MADV_DONTNEED 4

/*
 * MADV_DONTNEED drops the pages: anonymous memory reads as zeros again,
 * file mappings as the file (Linux's semantics, which allocators rely
 * on). Other advice is only advice and is accepted.
 */
SYSCALL_DEFINE3(madvise, uint64_t, addr, uint64_t, len, int, advice)
{
	if (addr & (PAGE_SIZE - 1) || PAGE_ALIGN(len) < len)
		return -EINVAL;
	if (advice == MADV_DONTNEED && len) {
		if (!user_range_ok(addr, PAGE_ALIGN(len)))
			return -EINVAL;
		vm_zap(current->mm, addr, addr + PAGE_ALIGN(len));
	}
	return 0;
}
