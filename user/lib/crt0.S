/*
 * Program entry.  The kernel starts a program at _start with the stack
 * holding (System V ABI x86-64, 3.4.1):
 *
 *	rsp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxiliary vector: (type, value) pairs ending with AT_NULL
 *
 * and nothing meaningful in the other registers.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp			/* the outermost frame, for backtraces */
	mov (%rsp), %rdi		/* argc */
	lea 8(%rsp), %rsi		/* argv */
	lea 16(%rsp, %rdi, 8), %rdx	/* envp: past argv and its NULL */
	and $-16, %rsp			/* the ABI wants rsp % 16 == 0 at a call */
	call __libc_start		/* never returns: it calls exit */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
