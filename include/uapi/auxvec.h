/*
 * The auxiliary vector: {type, value} pairs execve puts on the new stack
 * after envp (System V x86-64 psABI 3.4.3), ending with AT_NULL.  The
 * numbers are ABI and match Linux's include/uapi/linux/auxvec.h; x86-64
 * adds only AT_SYSINFO_EHDR (33, the vDSO) and AT_MINSIGSTKSZ (51) in
 * arch/x86/include/uapi/asm/auxvec.h, which this kernel does not give.
 *
 * Plain #defines, so a host program may include this next to
 * <linux/auxvec.h>: a different value would be a redefinition error.
 */
#ifndef _UAPI_AUXVEC_H
#define _UAPI_AUXVEC_H

#define AT_NULL     0	/* end of vector */
#define AT_PHDR     3	/* program headers of the program */
#define AT_PHENT    4	/* size of one program header */
#define AT_PHNUM    5	/* number of program headers */
#define AT_PAGESZ   6	/* system page size */
#define AT_BASE     7	/* base address of the interpreter (0: none) */
#define AT_FLAGS    8	/* flags (none defined: 0) */
#define AT_ENTRY    9	/* entry point of the program */
#define AT_UID      11	/* real uid */
#define AT_EUID     12	/* effective uid */
#define AT_GID      13	/* real gid */
#define AT_EGID     14	/* effective gid */
#define AT_PLATFORM 15	/* string naming the CPU: "x86_64" */
#define AT_HWCAP    16	/* CPU capability bits (x86: CPUID 1 EDX) */
#define AT_CLKTCK   17	/* frequency of times() */
#define AT_SECURE   23	/* secure mode (setuid): 0 or 1 */
#define AT_RANDOM   25	/* address of 16 random bytes */
#define AT_EXECFN   31	/* filename of the program */

#endif /* _UAPI_AUXVEC_H */
