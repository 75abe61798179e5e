/*
 * The system call table and dispatcher (include/syscall.h). The table is
 * indexed by Linux's x86-64 numbers; a number without a handler returns
 * -ENOSYS and is logged once, so a missing call shows up in the log.
 */
#include "syscall.h"
#include "cpu.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "x86.h"

#define SYSCALLS(X)                                                            \
	X(read) X(write) X(open) X(close) X(stat) X(fstat) X(lstat) X(lseek)   \
	X(mmap) X(mprotect) X(munmap) X(brk) X(rt_sigaction)                   \
	X(rt_sigprocmask) X(rt_sigreturn) X(ioctl) X(pread64) X(readv) X(writev) X(access)     \
	X(sched_yield) X(madvise) X(dup) X(dup2) X(nanosleep) X(getpid)        \
	X(fork) X(vfork) X(execve) X(exit) X(wait4) X(kill) X(uname) X(fcntl)  \
	X(getcwd) X(chdir) X(fchdir) X(gettimeofday) X(getrusage) X(getuid)   \
	X(getgid) X(setuid)                                                    \
	X(setgid) X(geteuid) X(getegid) X(getppid) X(getpriority)              \
	X(setpriority) X(arch_prctl) X(gettid) X(set_tid_address) X(restart_syscall)              \
	X(clock_gettime) X(clock_getres) X(exit_group) X(openat)               \
	X(newfstatat) X(getdents64) X(dup3) X(getrandom) X(sysinfo) X(tkill) X(tgkill) X(pause) \
	X(shmget) X(shmat) X(shmctl) X(shmdt) X(semget) X(semop) X(semtimedop)    \
	X(semctl) X(msgget) X(msgsnd) X(msgrcv) X(msgctl)                      \
	X(pipe) X(pipe2) \
	X(setpgid) X(getpgid) X(getpgrp) X(setsid) X(getsid) X(rt_sigsuspend) X(rt_sigpending)

#define DECLARE(name) long sys_##name(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
SYSCALLS(DECLARE)
#undef DECLARE

#define ENTRY(name) [__NR_##name] = sys_##name,
static const syscall_fn syscall_table[NR_SYSCALLS] = { SYSCALLS(ENTRY) };
#undef ENTRY

static uint8_t reported_missing[NR_SYSCALLS / 8 + 1];

static long missing_syscall(uint64_t nr)
{
	if (nr < NR_SYSCALLS && !(reported_missing[nr / 8] & (1 << nr % 8))) {
		reported_missing[nr / 8] |= 1 << nr % 8;
		pr_info("%s[%d]: system call %lu is not implemented (ENOSYS)\n",
			current->name, current->pid, nr);
	} else if (nr >= NR_SYSCALLS) {
		pr_debug("%s[%d]: system call %lu out of range\n", current->name,
			 current->pid, nr);
	}
	return -38;     /* -ENOSYS */
}

void syscall_dispatch(struct trap_frame *regs)
{
	uint64_t nr = regs->rax;
	syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	regs->rax = fn ? fn(regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9)
		       : missing_syscall(nr);
	exit_to_user_mode(regs);
}

#define MSR_STAR  0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define EFER_SCE  (1UL << 0)
/* RFLAGS bits cleared on entry: TF, IF, DF, IOPL, NT, AC (as Linux). */
#define SYSCALL_FMASK 0x47700

extern char syscall_entry[];

void syscall_init(void)
{
	/* SDM 5.8.8: SYSCALL loads CS from STAR[47:32] (SS = +8); SYSRET
	 * loads CS from STAR[63:48] + 16 and SS from + 8, with RPL 3. */
	wrmsr(MSR_STAR, ((uint64_t)GDT_KERNEL_DS << 48) | ((uint64_t)GDT_KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, SYSCALL_FMASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
