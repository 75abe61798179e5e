/*
 * Signals (C11 7.14 and POSIX), with Linux x86-64 numbers and layouts.
 *
 * struct sigaction is laid out as the kernel's rt_sigaction reads it, so
 * sigaction() passes it through after pointing sa_restorer at the
 * library's trampoline (the code a handler returns into, which calls
 * rt_sigreturn).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#include "uapi/signal.h"

/* One more than the largest signal number (1..64, real-time included). */
#define NSIG      65

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

/* The kernel's set: bit n-1 stands for signal n. */
typedef unsigned long sigset_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* What an SA_SIGINFO handler is told; 128 bytes like the kernel's. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		char __pad[112];	/* to 128 bytes: the union starts at 16 */
		struct {		/* kill, SIGCHLD */
			pid_t si_pid;
			uid_t si_uid;
			int si_status;	/* SIGCHLD: exit code or signal */
		} __proc;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *si_addr;
		} __fault;
		struct {		/* sigqueue */
			pid_t __pid;
			uid_t __uid;
			union sigval si_value;
		} __rt;
	} __fields;
} siginfo_t;

#define si_pid    __fields.__proc.si_pid
#define si_uid    __fields.__proc.si_uid
#define si_status __fields.__proc.si_status
#define si_addr   __fields.__fault.si_addr
#define si_value  __fields.__rt.si_value

/* si_code values. */
#define SI_USER     0
#define SI_KERNEL   0x80
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sa_handler;
	unsigned long sa_flags;
	void (*sa_restorer)(void);
	sigset_t sa_mask;
};
#define sa_handler   __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

/* SA_* flags and SIG_BLOCK/UNBLOCK/SETMASK: uapi/signal.h. */

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict oldact);
/* BSD semantics, like glibc and musl: SA_RESTART, handler stays. */
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set,
		sigset_t *restrict oldset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

int kill(pid_t pid, int sig);
int raise(int sig);

#endif
