/*
 * The system call instruction, for the wrappers inside the C library.
 *
 * Linux x86-64 convention: the number in rax, arguments in rdi, rsi, rdx,
 * r10, r8, r9 (r10 instead of rcx because `syscall` itself overwrites rcx
 * with the return address and r11 with the flags), the result in rax.
 * A result in [-4095, -1] is -errno.
 */
#ifndef LIBC_SYSCALL_H
#define LIBC_SYSCALL_H

#include "uapi/unistd.h"

/*
 * Turn a raw result into the C convention: -1 with errno set on failure,
 * the result itself otherwise.  Out of line because vfork (syscall.S)
 * jumps to it.
 */
long __syscall_ret(unsigned long ret);

static inline long __syscall6(long n, long a1, long a2, long a3, long a4,
			      long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	/* "memory": the kernel may read or write any buffer we passed. */
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The kernel ignores the unused argument registers, so pass zeros. */
#define __syscall0(n)                   __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)                __syscall6(n, a, 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)             __syscall6(n, a, b, 0, 0, 0, 0)
#define __syscall3(n, a, b, c)          __syscall6(n, a, b, c, 0, 0, 0)
#define __syscall4(n, a, b, c, d)       __syscall6(n, a, b, c, d, 0, 0)
#define __syscall5(n, a, b, c, d, e)    __syscall6(n, a, b, c, d, e, 0)

#endif
