/* Signals: actions, masks and sets over rt_sigaction and rt_sigprocmask. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict oldact)
{
	struct sigaction k;

	/* A handler needs a way back: the kernel makes it return into
	 * __restore_rt, which calls rt_sigreturn. */
	if (act) {
		k = *act;
		if (!(k.sa_flags & SA_RESTORER)) {
			k.sa_flags |= SA_RESTORER;
			k.sa_restorer = __restore_rt;
		}
	}
	return __syscall_ret(__syscall4(__NR_rt_sigaction, sig,
					(long)(act ? &k : NULL), (long)oldact,
					sizeof(sigset_t)));
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_flags = SA_RESTART }, old;

	act.sa_handler = handler;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set,
		sigset_t *restrict oldset)
{
	return __syscall_ret(__syscall4(__NR_rt_sigprocmask, how, (long)set,
					(long)oldset, sizeof(sigset_t)));
}

int sigpending(sigset_t *set)
{
	return __syscall_ret(__syscall2(__NR_rt_sigpending, (long)set,
					sizeof(sigset_t)));
}

int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(__syscall2(__NR_rt_sigsuspend, (long)mask,
					sizeof(sigset_t)));
}

int pause(void)
{
	return __syscall_ret(__syscall0(__NR_pause));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

/* The bit of signal sig (1..64) in a sigset_t, 0 if there is none. */
static unsigned long sigbit(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1UL << (sig - 1);
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	unsigned long bit = sigbit(sig);

	if (!bit)
		return -1;
	*set |= bit;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	unsigned long bit = sigbit(sig);

	if (!bit)
		return -1;
	*set &= ~bit;
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	unsigned long bit = sigbit(sig);

	if (!bit)
		return -1;
	return (*set & bit) != 0;
}

/*
 * C11 7.22.4.1: abort ends the process with SIGABRT even if the program
 * catches or blocks it.  So raise it unblocked; if a handler returns,
 * restore the default action and raise it again.
 */
_Noreturn void abort(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	/* Only a kernel without signals gets here. */
	_exit(127);
}
