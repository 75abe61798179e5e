/*
 * Signals and process groups: handlers, masks, restarting or failing
 * with EINTR, default actions, SIGCHLD, stopping and continuing (wait4's
 * WUNTRACED and WCONTINUED), kill(0) and kill(-pgid), and the rules of
 * setpgid and setsid. Every case runs in a child of its own (harness.h),
 * and whatever signals a whole group first moves into a group of its
 * own: on Linux the test's group holds make and the shell too, on the
 * kernel init.
 *
 * A case that needs the terminal (the background read's SIGTTIN) checks
 * that it is in the terminal's foreground group first and passes without
 * testing anything when it is not (make test on Linux runs without one).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static volatile sig_atomic_t caught, caught_sig, order[8], norder;

static void on_signal(int sig)
{
	caught++;
	caught_sig = sig;
	if (norder < 8)
		order[norder++] = sig;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* waitpid, again after an EINTR. */
static pid_t wait_retry(pid_t pid, int *status, int options)
{
	pid_t r;

	while ((r = waitpid(pid, status, options)) < 0 && errno == EINTR)
		;
	return r;
}

/* A child that sleeps in pause() until a signal ends it. */
static pid_t spawn_pauser(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* ---- handlers and masks --------------------------------------------------- */

TEST(handler_runs_with_the_signal_number)
{
	set_handler(SIGUSR1, on_signal, 0);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_EQ(caught, 1);
	EXPECT_EQ(caught_sig, SIGUSR1);
}

static volatile sig_atomic_t info_signo, info_code;

static void on_siginfo(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	info_signo = info->si_signo;
	info_code = info->si_code;
}

TEST(sa_siginfo_handler_gets_siginfo)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_siginfo;
	sa.sa_flags = SA_SIGINFO;
	ASSERT_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	kill(getpid(), SIGUSR2);
	EXPECT_EQ(info_signo, SIGUSR2);
	EXPECT_EQ(info_code, SI_USER);
}

TEST(blocked_signal_waits_until_unblocked)
{
	sigset_t set, pending;

	set_handler(SIGUSR1, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	ASSERT_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);        /* not queued twice */
	EXPECT_EQ(caught, 0);
	ASSERT_EQ(sigpending(&pending), 0);
	EXPECT_TRUE(sigismember(&pending, SIGUSR1));
	/* Delivered before sigprocmask returns. */
	ASSERT_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	EXPECT_EQ(caught, 1);
	ASSERT_EQ(sigpending(&pending), 0);
	EXPECT_TRUE(!sigismember(&pending, SIGUSR1));
}

static void on_usr1_raise_usr2(int sig)
{
	on_signal(sig);
	kill(getpid(), SIGUSR2);
	/* Blocked by sa_mask: not delivered inside this handler. */
	if (norder != 1)
		order[7] = -1;
}

TEST(sa_mask_blocks_during_the_handler)
{
	struct sigaction sa;
	sigset_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1_raise_usr2;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	set_handler(SIGUSR2, on_signal, 0);
	kill(getpid(), SIGUSR1);
	EXPECT_EQ(norder, 2);
	EXPECT_EQ(order[0], SIGUSR1);
	EXPECT_EQ(order[1], SIGUSR2);
	EXPECT_EQ(order[7], 0);
	/* The mask is back as it was after the handlers. */
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT_TRUE(!sigismember(&now, SIGUSR1));
	EXPECT_TRUE(!sigismember(&now, SIGUSR2));
}

TEST(sa_resethand_runs_the_handler_once)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		set_handler(SIGUSR1, on_signal, SA_RESETHAND);
		kill(getpid(), SIGUSR1);
		if (caught != 1)
			_exit(2);
		kill(getpid(), SIGUSR1);        /* the default now: death */
		_exit(3);
	}
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGUSR1);
}

TEST(ignored_signal_is_discarded)
{
	sigset_t pending;

	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	set_handler(SIGUSR1, on_signal, 0);
	EXPECT_EQ(caught, 0);
	sigpending(&pending);
	EXPECT_TRUE(!sigismember(&pending, SIGUSR1));
}

TEST(sigkill_and_sigstop_cannot_be_caught_or_blocked)
{
	struct sigaction sa;
	sigset_t set, now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT_TRUE(!sigismember(&now, SIGKILL));
	EXPECT_TRUE(!sigismember(&now, SIGSTOP));
	EXPECT_TRUE(sigismember(&now, SIGTERM));
}

/* ---- interrupted calls: EINTR or restart ------------------------------------ */

/* A child that sends sig to the parent after ms milliseconds. */
static pid_t signal_me_later(int sig, long ms)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		msleep(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

TEST(pause_returns_eintr_after_a_handler)
{
	pid_t pid;

	set_handler(SIGUSR1, on_signal, SA_RESTART);   /* pause never restarts */
	pid = signal_me_later(SIGUSR1, 20);
	EXPECT_ERRNO(pause(), EINTR);
	EXPECT_EQ(caught, 1);
	wait_retry(pid, NULL, 0);
}

TEST(nanosleep_is_interrupted_with_the_time_left)
{
	struct timespec ts = { 5, 0 }, left = { 0, 0 };
	pid_t pid;

	set_handler(SIGUSR1, on_signal, 0);
	pid = signal_me_later(SIGUSR1, 20);
	EXPECT_ERRNO(nanosleep(&ts, &left), EINTR);
	EXPECT_EQ(caught, 1);
	EXPECT_TRUE(left.tv_sec >= 3 && left.tv_sec <= 5);
	wait_retry(pid, NULL, 0);
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* A nanosleep stopped and continued (no handler runs) goes on to its
 * first deadline, not for its whole time again: a 1 s sleep stopped from
 * 0.2 s to 0.6 s still ends at about 1 s (Linux's restart block). */
TEST(nanosleep_stopped_and_continued_keeps_its_deadline)
{
	int status;
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct timespec start, ts = { 1, 0 };

		clock_gettime(CLOCK_MONOTONIC, &start);
		if (nanosleep(&ts, NULL) < 0)
			_exit(1);
		long ms = elapsed_ms(&start);
		_exit(ms >= 1000 && ms < 1350 ? 0 : ms < 1000 ? 2 : 3);
	}
	msleep(200);
	EXPECT_EQ(kill(pid, SIGSTOP), 0);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	msleep(400);
	EXPECT_EQ(kill(pid, SIGCONT), 0);
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);      /* 3: it slept 1 s again */
}

TEST(read_fails_with_eintr_without_sa_restart)
{
	int p[2];
	char c;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	set_handler(SIGUSR1, on_signal, 0);
	pid = signal_me_later(SIGUSR1, 20);
	EXPECT_ERRNO(read(p[0], &c, 1), EINTR);
	EXPECT_EQ(caught, 1);
	wait_retry(pid, NULL, 0);
}

TEST(read_restarts_with_sa_restart)
{
	int p[2];
	char c = 0;
	pid_t parent = getpid(), pid;

	ASSERT_EQ(pipe(p), 0);
	set_handler(SIGUSR1, on_signal, SA_RESTART);
	pid = fork();
	if (pid == 0) {
		msleep(20);
		kill(parent, SIGUSR1);
		msleep(20);
		write(p[1], "x", 1);
		_exit(0);
	}
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(c, 'x');
	EXPECT_EQ(caught, 1);
	wait_retry(pid, NULL, 0);
}

TEST(wait_fails_with_eintr_or_restarts)
{
	pid_t sleeper, pid;
	int status;

	sleeper = spawn_pauser();
	set_handler(SIGUSR1, on_signal, 0);
	pid = signal_me_later(SIGUSR1, 20);
	EXPECT_ERRNO(waitpid(sleeper, &status, 0), EINTR);
	wait_retry(pid, NULL, 0);

	kill(sleeper, SIGKILL);
	wait_retry(sleeper, NULL, 0);

	/* With SA_RESTART the wait goes on after the handler. The sleeper
	 * ends only once the signal has been sent. */
	set_handler(SIGUSR1, on_signal, SA_RESTART);
	int go[2];
	ASSERT_EQ(pipe(go), 0);
	sleeper = fork();
	if (sleeper == 0) {
		char c;

		close(go[1]);
		read(go[0], &c, 1);
		_exit(7);
	}
	pid_t parent = getpid();
	pid = fork();
	if (pid == 0) {
		msleep(20);
		kill(parent, SIGUSR1);
		msleep(20);
		_exit(0);       /* closes go[1]: the sleeper ends */
	}
	close(go[0]);
	close(go[1]);
	EXPECT_EQ(waitpid(sleeper, &status, 0), sleeper);
	EXPECT_EQ(WEXITSTATUS(status), 7);
	EXPECT_EQ(caught, 2);
	wait_retry(pid, NULL, 0);
}

/* ---- default actions and SIGCHLD ------------------------------------------ */

/* How a child that raises sig (with the default action) ends: its wait
 * status, or -1 if it is still running 50 ms later (it was ignored). */
static int fate_of(int sig)
{
	int p[2], status;
	pid_t pid;
	char c;

	if (pipe(p) < 0)
		return -2;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		write(p[1], "s", 1);    /* still here */
		pause();
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &c, 1) == 1) {
		close(p[0]);
		kill(pid, SIGKILL);
		wait_retry(pid, &status, 0);
		return -1;
	}
	close(p[0]);
	wait_retry(pid, &status, 0);
	return status;
}

TEST(default_actions_terminate_or_ignore)
{
	static const int terminate[] = { SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGPIPE,
					 SIGALRM, SIGTERM };
	/* Only one that would dump core: a host may keep core files. */
	static const int core[] = { SIGQUIT };
	static const int ignore[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

	for (unsigned i = 0; i < sizeof(terminate) / sizeof(terminate[0]); i++) {
		int status = fate_of(terminate[i]);

		EXPECT_TRUE(status >= 0 && WIFSIGNALED(status));
		EXPECT_EQ(WTERMSIG(status), terminate[i]);
	}
	for (unsigned i = 0; i < sizeof(core) / sizeof(core[0]); i++) {
		int status = fate_of(core[i]);

		EXPECT_TRUE(status >= 0 && WIFSIGNALED(status));
		EXPECT_EQ(WTERMSIG(status), core[i]);
	}
	for (unsigned i = 0; i < sizeof(ignore) / sizeof(ignore[0]); i++)
		EXPECT_EQ(fate_of(ignore[i]), -1);
}

TEST(sigchld_when_a_child_exits)
{
	sigset_t set, old;
	pid_t pid;
	int status;

	set_handler(SIGCHLD, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = fork();
	if (pid == 0)
		_exit(5);
	/* sigsuspend: no SIGCHLD can slip in between the test and the wait. */
	while (!caught)
		sigsuspend(&old);
	EXPECT_EQ(caught_sig, SIGCHLD);
	EXPECT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_EQ(WEXITSTATUS(status), 5);
	/* sigsuspend put the mask back. */
	sigprocmask(SIG_BLOCK, NULL, &set);
	EXPECT_TRUE(sigismember(&set, SIGCHLD));
}

/* ---- stop and continue ------------------------------------------------------ */

TEST(stop_and_continue_are_reported_once)
{
	pid_t pid = spawn_pauser();
	int status;

	ASSERT_GT(pid, 0);
	ASSERT_EQ(kill(pid, SIGSTOP), 0);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGSTOP);
	EXPECT_EQ(status, SIGSTOP << 8 | 0x7f);
	/* Once only; and without WUNTRACED a stop is not reported at all. */
	EXPECT_EQ(wait_retry(pid, &status, WUNTRACED | WNOHANG), 0);
	EXPECT_EQ(wait_retry(pid, &status, WNOHANG), 0);

	ASSERT_EQ(kill(pid, SIGCONT), 0);
	ASSERT_EQ(wait_retry(pid, &status, WCONTINUED), pid);
	EXPECT_TRUE(WIFCONTINUED(status));
	EXPECT_EQ(status, 0xffff);
	EXPECT_EQ(wait_retry(pid, &status, WCONTINUED | WNOHANG), 0);

	kill(pid, SIGTERM);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED | WCONTINUED), pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

/*
 * The terminal's stop signals (SIGTSTP, SIGTTIN, SIGTTOU) do nothing to
 * an orphaned group, one where no member's parent is in another group of
 * the session. The kernel's tests run in init's group, which is one: a
 * child to be stopped by them gets a group of its own, as a shell's jobs.
 */
static void own_group(pid_t pid)
{
	setpgid(pid, pid);
}

/* A child writing a byte into the pipe every 2 ms, forever. */
static pid_t spawn_ticker(int p[2])
{
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		own_group(0);
		close(p[0]);
		for (;;) {
			write(p[1], "t", 1);
			msleep(2);
		}
	}
	own_group(pid);
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	return pid;
}

static int drain(int fd)
{
	char buf[256];
	int total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	return total;
}

TEST(a_stopped_process_does_not_run_until_sigcont)
{
	int p[2], status;
	pid_t pid = spawn_ticker(p);

	ASSERT_GT(pid, 0);
	msleep(20);
	kill(pid, SIGTSTP);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
	drain(p[0]);
	msleep(50);
	EXPECT_EQ(drain(p[0]), 0);

	kill(pid, SIGCONT);
	msleep(50);
	EXPECT_GT(drain(p[0]), 0);
	kill(pid, SIGKILL);
	wait_retry(pid, &status, 0);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

TEST(sigkill_ends_a_stopped_process)
{
	pid_t pid = spawn_pauser();
	int status;

	kill(pid, SIGSTOP);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	kill(pid, SIGTERM);     /* pending: a stopped process does not act */
	msleep(20);
	EXPECT_EQ(wait_retry(pid, &status, WNOHANG), 0);
	kill(pid, SIGKILL);
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(pending_sigterm_acts_after_sigcont)
{
	pid_t pid = spawn_pauser();
	int status;

	kill(pid, SIGSTOP);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	kill(pid, SIGTERM);
	kill(pid, SIGCONT);
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static int cont_pipe = -1;

static void on_cont_write(int sig)
{
	(void)sig;
	write(cont_pipe, "c", 1);
}

TEST(sigcont_continues_even_when_ignored_or_handled)
{
	int p[2], status;
	char c;

	ASSERT_EQ(pipe(p), 0);
	pid_t ignorer = fork();
	if (ignorer == 0) {
		signal(SIGCONT, SIG_IGN);
		write(p[1], "i", 1);
		for (;;)
			pause();
	}
	pid_t handler = fork();
	if (handler == 0) {
		own_group(0);
		cont_pipe = p[1];
		set_handler(SIGCONT, on_cont_write, 0);
		write(p[1], "h", 1);
		for (;;)
			pause();
	}
	own_group(handler);
	/* Both have set their action. */
	ASSERT_EQ(read(p[0], &c, 1), 1);
	ASSERT_EQ(read(p[0], &c, 1), 1);
	kill(ignorer, SIGSTOP);
	kill(handler, SIGTSTP);
	ASSERT_EQ(wait_retry(ignorer, &status, WUNTRACED), ignorer);
	EXPECT_TRUE(WIFSTOPPED(status));
	ASSERT_EQ(wait_retry(handler, &status, WUNTRACED), handler);
	EXPECT_TRUE(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);

	kill(ignorer, SIGCONT);
	kill(handler, SIGCONT);
	EXPECT_EQ(wait_retry(ignorer, &status, WCONTINUED), ignorer);
	EXPECT_TRUE(WIFCONTINUED(status));
	EXPECT_EQ(wait_retry(handler, &status, WCONTINUED), handler);
	EXPECT_TRUE(WIFCONTINUED(status));
	EXPECT_EQ(read(p[0], &c, 1), 1);        /* the handler ran */
	EXPECT_EQ(c, 'c');
	kill(ignorer, SIGKILL);
	kill(handler, SIGKILL);
	wait_retry(ignorer, NULL, 0);
	wait_retry(handler, NULL, 0);
}

TEST(sigchld_on_stop_unless_sa_nocldstop)
{
	sigset_t set, old;
	pid_t pid;
	int status;

	set_handler(SIGCHLD, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = spawn_pauser();
	kill(pid, SIGSTOP);
	while (!caught)
		sigsuspend(&old);
	EXPECT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	caught = 0;
	kill(pid, SIGCONT);
	while (!caught)
		sigsuspend(&old);
	EXPECT_EQ(wait_retry(pid, &status, WCONTINUED), pid);

	/* With SA_NOCLDSTOP only the exit signals. */
	set_handler(SIGCHLD, on_signal, SA_NOCLDSTOP);
	caught = 0;
	kill(pid, SIGSTOP);
	EXPECT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	msleep(20);
	EXPECT_EQ(caught, 0);
	kill(pid, SIGKILL);
	EXPECT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_EQ(caught, 1);
}

/* ---- process groups and sessions -------------------------------------------- */

TEST(children_inherit_the_group_and_session)
{
	pid_t pid;
	int p[2];
	pid_t ids[2];

	EXPECT_EQ(getpgrp(), getpgid(0));
	EXPECT_EQ(getpgid(getpid()), getpgrp());
	EXPECT_EQ(getsid(0), getsid(getpid()));
	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		ids[0] = getpgrp();
		ids[1] = getsid(0);
		write(p[1], ids, sizeof(ids));
		_exit(0);
	}
	ASSERT_EQ(read(p[0], ids, sizeof(ids)), (ssize_t)sizeof(ids));
	EXPECT_EQ(ids[0], getpgrp());
	EXPECT_EQ(ids[1], getsid(0));
	wait_retry(pid, NULL, 0);
}

TEST(setpgid_makes_and_joins_groups)
{
	pid_t a = spawn_pauser(), b = spawn_pauser();

	ASSERT_GT(a, 0);
	ASSERT_GT(b, 0);
	/* The parent moves them, as a shell does. */
	EXPECT_EQ(setpgid(a, a), 0);
	EXPECT_EQ(getpgid(a), a);
	EXPECT_EQ(setpgid(b, a), 0);
	EXPECT_EQ(getpgid(b), a);
	EXPECT_EQ(setpgid(b, 0), 0);    /* 0: its own pid */
	EXPECT_EQ(getpgid(b), b);
	EXPECT_EQ(setpgid(b, getpgrp()), 0);    /* back into ours */
	EXPECT_EQ(getpgid(b), getpgrp());
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	wait_retry(a, NULL, 0);
	wait_retry(b, NULL, 0);
	/* A group lives on while its leader is a zombie. */
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		_exit(0);
	}
	b = spawn_pauser();
	setpgid(a, a);
	msleep(20);     /* a has exited, not yet reaped */
	EXPECT_EQ(setpgid(b, a), 0);
	kill(b, SIGKILL);
	wait_retry(a, NULL, 0);
	wait_retry(b, NULL, 0);
}

TEST(setpgid_errors)
{
	pid_t child, gone;
	int p[2];
	char c;

	EXPECT_ERRNO(setpgid(0, -1), EINVAL);
	/* No such process; not a child (our parent). */
	gone = fork();
	if (gone == 0)
		_exit(0);
	wait_retry(gone, NULL, 0);
	EXPECT_ERRNO(setpgid(gone, 0), ESRCH);
	EXPECT_ERRNO(getpgid(gone), ESRCH);
	EXPECT_ERRNO(getsid(gone), ESRCH);
	EXPECT_ERRNO(setpgid(getppid(), 0), ESRCH);
	/* A group that does not exist. */
	EXPECT_ERRNO(setpgid(0, 30000), EPERM);

	/* A child after it has exec'd: EACCES. A close-on-exec pipe
	 * tells when the exec happened (end of file). */
	ASSERT_EQ(pipe2(p, O_CLOEXEC), 0);
	child = fork();
	if (child == 0) {
		execlp("sleep", "sleep", "5", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], &c, 1), 0);
	EXPECT_ERRNO(setpgid(child, child), EACCES);
	kill(child, SIGKILL);
	wait_retry(child, NULL, 0);

	/* A child in another session: EPERM; a session leader: EPERM. */
	ASSERT_EQ(pipe(p), 0);
	child = fork();
	if (child == 0) {
		int r1 = setsid() == getpid();
		int r2 = setpgid(0, 0) < 0 && errno == EPERM;

		c = (char)('0' + r1 + 2 * r2);
		write(p[1], &c, 1);
		for (;;)
			pause();
	}
	ASSERT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(c, '3');
	EXPECT_ERRNO(setpgid(child, child), EPERM);
	EXPECT_ERRNO(setpgid(child, getpgrp()), EPERM);
	/* Into a group of another session. */
	EXPECT_ERRNO(setpgid(0, child), EPERM);
	kill(child, SIGKILL);
	wait_retry(child, NULL, 0);
}

TEST(setsid_makes_a_session_but_not_for_a_group_leader)
{
	int p[2];
	pid_t pid;
	int r[5];

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		r[0] = setsid();
		r[1] = getsid(0);
		r[2] = getpgrp();
		r[3] = setsid() < 0 ? errno : 0;        /* now a group leader */
		r[4] = getpid();
		write(p[1], r, sizeof(r));
		_exit(0);
	}
	ASSERT_EQ(read(p[0], r, sizeof(r)), (ssize_t)sizeof(r));
	EXPECT_EQ(r[0], pid);
	EXPECT_EQ(r[1], pid);
	EXPECT_EQ(r[2], pid);
	EXPECT_EQ(r[3], EPERM);
	EXPECT_EQ(getsid(pid), pid);
	EXPECT_NE(getsid(0), pid);
	wait_retry(pid, NULL, 0);

	/* A group leader that is no session leader. */
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(setsid() < 0 && errno == EPERM ? 0 : 1);
	}
	int status;
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_EQ(status, 0);
}

TEST(kill_zero_and_minus_pgid_signal_the_group)
{
	int ready[2], done[2], status;
	pid_t leader;
	char c;

	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(pipe(done), 0);
	leader = fork();
	if (leader == 0) {
		pid_t kids[2];

		setpgid(0, 0);
		signal(SIGUSR1, SIG_IGN);
		for (int i = 0; i < 2; i++) {
			kids[i] = fork();
			if (kids[i] == 0) {
				signal(SIGUSR1, SIG_DFL);
				write(ready[1], "r", 1);
				for (;;)
					pause();
			}
		}
		for (int i = 0; i < 2; i++)
			read(ready[0], &c, 1);
		/* kill(0): the whole group, the sender too (which ignores it). */
		if (kill(0, SIGUSR1) != 0)
			_exit(10);
		for (int i = 0; i < 2; i++) {
			int st;

			if (wait_retry(kids[i], &st, 0) != kids[i] ||
			    !WIFSIGNALED(st) || WTERMSIG(st) != SIGUSR1)
				_exit(11 + i);
		}
		write(done[1], "d", 1);
		for (;;)
			pause();
	}
	ASSERT_EQ(read(done[0], &c, 1), 1);
	EXPECT_EQ(c, 'd');
	EXPECT_EQ(getpgid(leader), leader);
	EXPECT_EQ(kill(-leader, 0), 0);
	EXPECT_EQ(kill(-leader, SIGTERM), 0);
	ASSERT_EQ(wait_retry(leader, &status, 0), leader);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	/* The group is gone with its last member. */
	EXPECT_ERRNO(kill(-leader, SIGTERM), ESRCH);
	EXPECT_ERRNO(kill(-leader, 0), ESRCH);
}

TEST(wait_for_zero_and_minus_pgid)
{
	pid_t same, other;
	int status, p[2];

	ASSERT_EQ(pipe(p), 0);
	same = fork();
	if (same == 0) {
		char c;

		close(p[1]);
		read(p[0], &c, 1);      /* until we close the pipe */
		_exit(1);
	}
	close(p[0]);
	other = fork();
	if (other == 0) {
		setpgid(0, 0);
		_exit(2);
	}
	setpgid(other, other);
	msleep(20);     /* other has probably exited; same cannot have */
	/* 0: our group only, so the exited one in the other group is not it. */
	EXPECT_EQ(wait_retry(0, &status, WNOHANG), 0);
	EXPECT_EQ(wait_retry(-other, &status, 0), other);
	EXPECT_EQ(WEXITSTATUS(status), 2);
	EXPECT_ERRNO(waitpid(-other, &status, 0), ECHILD);
	close(p[1]);
	EXPECT_EQ(wait_retry(0, &status, 0), same);
	EXPECT_EQ(WEXITSTATUS(status), 1);
}

TEST(stopped_group_continues_together)
{
	int status;
	pid_t a = spawn_pauser(), b = spawn_pauser();

	setpgid(a, a);
	setpgid(b, a);
	EXPECT_EQ(kill(-a, SIGSTOP), 0);
	EXPECT_EQ(wait_retry(-a, &status, WUNTRACED) > 0 && WIFSTOPPED(status), 1);
	EXPECT_EQ(wait_retry(-a, &status, WUNTRACED) > 0 && WIFSTOPPED(status), 1);
	EXPECT_EQ(kill(-a, SIGCONT), 0);
	EXPECT_EQ(wait_retry(-a, &status, WCONTINUED) > 0 && WIFCONTINUED(status), 1);
	EXPECT_EQ(wait_retry(-a, &status, WCONTINUED) > 0 && WIFCONTINUED(status), 1);
	kill(-a, SIGKILL);
	EXPECT_GT(wait_retry(-a, &status, 0), 0);
	EXPECT_GT(wait_retry(-a, &status, 0), 0);
}

int main(void)
{
	return run_tests();
}
