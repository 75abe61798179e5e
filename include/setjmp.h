/* Non-local jumps inside the kernel: ktest uses them to leave a test that
 * faulted. Only the callee-saved registers, the stack and RIP are kept. */
#ifndef SETJMP_H
#define SETJMP_H

#include <stdint.h>

struct jmp_buf {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip, rflags;
};

int kernel_setjmp(struct jmp_buf *buf) __attribute__((returns_twice));
void kernel_longjmp(struct jmp_buf *buf, int value) __attribute__((noreturn));

#endif
