/*
 * The two system call wrappers that cannot be written in C.
 */
#include "uapi/unistd.h"

	.text

/*
 * A signal handler "returns" here: sigaction() puts this address in
 * sa_restorer, and the kernel pushes it as the handler's return address.
 * rt_sigreturn then restores the context saved on the stack below.
 */
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $__NR_rt_sigreturn, %eax
	syscall
	.size __restore_rt, . - __restore_rt

/*
 * pid_t vfork(void)
 *
 * The child runs on the parent's stack until it calls execve or _exit, and
 * any call it makes meanwhile overwrites the stack slot holding vfork's
 * return address.  So keep that address in a register (each process has
 * its own registers) rather than on the stack, and push it back after.
 */
	.globl vfork
	.type vfork, @function
vfork:
	pop %rdx
	mov $__NR_vfork, %eax
	syscall
	push %rdx
	mov %rax, %rdi
	jmp __syscall_ret
	.size vfork, . - vfork

	.section .note.GNU-stack, "", @progbits
