/*
 * The initial process stack that execve builds (System V x86-64 psABI
 * 3.4.1, figure 3.9 "Initial Process Stack"), from the top down:
 *
 *	stack_top ->	information block: the execfn path, envp strings,
 *			argv strings, "x86_64", 16 random bytes
 *			zero padding, so that rsp ends 16-byte aligned
 *			auxv: {type, value} pairs ending with AT_NULL
 *			envp[0..envc-1], NULL
 *			argv[0..argc-1], NULL
 *	rsp ->		argc
 *
 * psABI 3.4.1: rsp "is guaranteed to be 16-byte aligned at process entry".
 * This is pure layout: the image is written to a kernel buffer that
 * kernel/exec.c then copies to the new stack.
 */
#ifndef KERNEL_EXEC_STACK_H
#define KERNEL_EXEC_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/auxvec.h"

struct auxv_entry {
	uint64_t type, value;	/* AT_* */
};

/*
 * Build the image at the end of buf (buf + buf_size - image size up to
 * buf + buf_size), which stands for the user addresses just below
 * stack_top; pointers in it are those user addresses.  argv and envp hold
 * argc and envc kernel copies of the strings; execfn is the path given to
 * execve; auxv holds the caller's entries, to which this adds AT_RANDOM
 * (pointing at a copy of random), AT_EXECFN, AT_PLATFORM and AT_NULL (so
 * auxv must contain none of those).  buf may have any alignment.
 *
 * Returns 0 with *rsp the user rsp for _start, or -E2BIG (Linux's error for
 * too big an argv and envp) when the image does not fit in buf_size bytes
 * or below stack_top; nothing is written outside buf.  Every byte from *rsp
 * to stack_top is written, so no stale kernel data reaches user space.
 */
int exec_stack_build(void *buf, size_t buf_size, uint64_t stack_top,
		     const char *const *argv, unsigned argc,
		     const char *const *envp, unsigned envc,
		     const char *execfn, const uint8_t random[16],
		     const struct auxv_entry *auxv, unsigned auxc,
		     uint64_t *rsp);

#endif /* KERNEL_EXEC_STACK_H */
