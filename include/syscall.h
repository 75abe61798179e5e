/*
 * System calls: the Linux x86-64 ABI (DESIGN.md section 6). The number is
 * in rax, the arguments in rdi, rsi, rdx, r10, r8, r9, the result in rax
 * (-errno on failure). The entry (kernel/syscall_entry.asm) saves the user
 * registers as a struct trap_frame at the top of the task's kernel stack,
 * the same frame an interrupt from user mode builds.
 *
 * A handler is written with its real parameter types:
 *
 *	SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
 *	{
 *		...
 *	}
 *
 * which defines sys_read(a0..a5) for the table (kernel/syscall_table.c)
 * and a typed do_sys_read(fd, buf, count) holding the body.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <stdint.h>
#include "trap.h"
#include "uaccess.h"
#include "uapi/unistd.h"

typedef long (*syscall_fn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

#define SYSCALL_ARGS_ uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5
#define SYSCALL_UNUSED_(...) (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5

#define SYSCALL_DEFINE0(name)                                                 \
	static long do_sys_##name(void);                                      \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name();                                       \
	}                                                                     \
	static long do_sys_##name(void)

#define SYSCALL_DEFINE1(name, t0, n0)                                         \
	static long do_sys_##name(t0 n0);                                     \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name((t0)a0);                                 \
	}                                                                     \
	static long do_sys_##name(t0 n0)

#define SYSCALL_DEFINE2(name, t0, n0, t1, n1)                                 \
	static long do_sys_##name(t0 n0, t1 n1);                              \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name((t0)a0, (t1)a1);                         \
	}                                                                     \
	static long do_sys_##name(t0 n0, t1 n1)

#define SYSCALL_DEFINE3(name, t0, n0, t1, n1, t2, n2)                         \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2);                       \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name((t0)a0, (t1)a1, (t2)a2);                 \
	}                                                                     \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2)

#define SYSCALL_DEFINE4(name, t0, n0, t1, n1, t2, n2, t3, n3)                 \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3);                \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3);         \
	}                                                                     \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3)

#define SYSCALL_DEFINE5(name, t0, n0, t1, n1, t2, n2, t3, n3, t4, n4)         \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4);         \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		SYSCALL_UNUSED_();                                            \
		return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3, (t4)a4); \
	}                                                                     \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4)

#define SYSCALL_DEFINE6(name, t0, n0, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5) \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4, t5 n5);  \
	long sys_##name(SYSCALL_ARGS_)                                        \
	{                                                                     \
		return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3, (t4)a4,  \
				     (t5)a5);                                 \
	}                                                                     \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4, t5 n5)

/* The saved user registers of the current task (top of its kernel stack). */
struct trap_frame *current_user_regs(void);

void syscall_init(void);

#endif
