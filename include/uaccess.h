/*
 * Reaching user memory from the kernel (mm/uaccess.c + mm/usercopy.asm).
 * Every pointer a system call receives is a user pointer: it may be NULL,
 * unmapped, a kernel address or run off the end of user space. These
 * routines never fault the kernel: a bad pointer gives -EFAULT. They work
 * through the exception table (include/extable.h): a fault on one of their
 * marked instructions resumes at a fixup that returns the error.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Marks a pointer into user space (documentation only). */
#define __user

/* The lower half: user space ends here (canonical addresses, SDM 3.3.7.1). */
#define USER_SPACE_END 0x0000800000000000UL

/* [addr, addr + size) lies wholly in user space (it may still be unmapped). */
static inline bool access_ok(const void __user *addr, size_t size)
{
	uint64_t a = (uint64_t)addr;

	return a < USER_SPACE_END && size <= USER_SPACE_END - a;
}

/* 0, or -EFAULT if any byte could not be copied. */
int copy_from_user(void *dst, const void __user *src, size_t size);
int copy_to_user(void __user *dst, const void *src, size_t size);
int clear_user(void __user *dst, size_t size);
/* Copies a NUL-terminated string of at most size - 1 bytes; returns its
 * length, -EFAULT, or -ENAMETOOLONG when no NUL came within size bytes. */
long strncpy_from_user(char *dst, const char __user *src, size_t size);

#define get_user(kernel_var, user_ptr) \
	copy_from_user(&(kernel_var), (user_ptr), sizeof(kernel_var))
#define put_user(kernel_value, user_ptr)                                    \
	({                                                                  \
		__typeof__(*(user_ptr)) value_ = (kernel_value);            \
		copy_to_user((user_ptr), &value_, sizeof(value_));          \
	})

/* Exception table: (faulting instruction, where to resume) pairs. */
struct exception_table_entry {
	uint64_t insn, fixup;
};
/* The fixup for a fault at rip, or 0 (trap.c uses it for kernel faults). */
uint64_t search_exception_table(uint64_t rip);

#endif
