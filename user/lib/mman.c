/* Memory: mappings and the program break. */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall.h"

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
	   off_t offset)
{
	/* __syscall_ret's -1 is MAP_FAILED. */
	return (void *)__syscall_ret(__syscall6(__NR_mmap, (long)addr, length,
						prot, flags, fd, offset));
}

int munmap(void *addr, size_t length)
{
	return __syscall_ret(__syscall2(__NR_munmap, (long)addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return __syscall_ret(__syscall3(__NR_mprotect, (long)addr, length,
					prot));
}

/*
 * The brk system call does not follow the -errno convention: it returns
 * the new break, or the old one when it cannot move it.  brk(0) asks
 * where the break is.
 */
static uintptr_t cur_brk;

int brk(void *addr)
{
	cur_brk = __syscall1(__NR_brk, (long)addr);
	if (cur_brk < (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t increment)
{
	uintptr_t old;

	if (!cur_brk)
		cur_brk = __syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
