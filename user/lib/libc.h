/* Declarations shared between the files of the C library, not for programs. */
#ifndef LIBC_LIBC_H
#define LIBC_LIBC_H

/* The auxiliary vector (start.c): (type, value) pairs up to AT_NULL. */
extern unsigned long *__auxv;

/* Flush every open stream (stdio.c): exit() calls it last. */
void __stdio_exit(void);

/* The signal trampoline (syscall.S): a handler returns into it, and it
 * asks the kernel to restore the interrupted context. */
void __restore_rt(void);

#endif
