/*
 * signals: handlers with sigaction (SA_SIGINFO too), the mask and what it
 * holds pending, SA_RESTART against EINTR, sigsuspend, SIGCHLD, and a
 * child stopped and continued (waitpid's WUNTRACED and WCONTINUED).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, last, code;

static void handler(int sig)
{
	got++;
	last = sig;
}

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	got++;
	last = sig;
	code = si->si_code;
}

static void on(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_flags = flags;
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = info_handler;
	else
		sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void ms(long n)
{
	struct timespec ts = { 0, n * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int main(void)
{
	sigset_t set, old, pending;
	int p[2], status;
	pid_t pid, parent = getpid();
	char c;

	setvbuf(stdout, NULL, _IOLBF, 0);

	on(SIGUSR1, 0);
	kill(getpid(), SIGUSR1);
	printf("handler: ran %d time(s) for signal %d\n", got, last);

	on(SIGUSR2, SA_SIGINFO);
	kill(getpid(), SIGUSR2);
	printf("SA_SIGINFO: signal %d, si_code %d (SI_USER)\n", last, code);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	got = 0;
	kill(getpid(), SIGUSR1);
	sigpending(&pending);
	printf("blocked: ran %d time(s), pending %d\n", got, sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: ran %d time(s)\n", got);

	/* A read interrupted: EINTR without SA_RESTART, on with it. */
	pipe(p);
	for (int restart = 0; restart < 2; restart++) {
		on(SIGUSR1, restart ? SA_RESTART : 0);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			ms(30);
			kill(parent, SIGUSR1);
			ms(30);
			write(p[1], "r", 1);
			_exit(0);
		}
		errno = 0;
		ssize_t n = read(p[0], &c, 1);
		printf("read with%s SA_RESTART: %zd, %s\n", restart ? "" : "out", n,
		       n < 0 ? strerror(errno) : "a byte");
		if (n < 0)
			read(p[0], &c, 1);
		waitpid(pid, NULL, 0);
	}

	/* SIGCHLD, waited for with sigsuspend. */
	on(SIGCHLD, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	got = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(42);
	while (!got)
		sigsuspend(&old);
	waitpid(pid, &status, 0);
	printf("SIGCHLD: signal %d; the child exited %d\n", last, WEXITSTATUS(status));
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGCHLD, SIG_DFL);

	/* Stopped and continued. */
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	printf("stopped: %d by signal %d\n", WIFSTOPPED(status), WSTOPSIG(status));
	kill(pid, SIGCONT);
	waitpid(pid, &status, WCONTINUED);
	printf("continued: %d\n", WIFCONTINUED(status));
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	printf("terminated: %d by signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
	return 0;
}
