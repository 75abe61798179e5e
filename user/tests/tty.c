/*
 * The controlling terminal and job control: the foreground process group
 * (tcgetpgrp, tcsetpgrp), SIGTTIN for a background reader (EIO when it
 * ignores it), SIGTTOU for a background tcsetpgrp, writes allowed from
 * the background, and the settings round trip (tcgetattr, tcsetattr).
 *
 * Each case needs stdin to be the controlling terminal with the test in
 * its foreground group, as under the kernel's init (the console). When it
 * is not (make test runs the Linux build under timeout, in a background
 * group or with no terminal at all), a case passes without testing. The
 * line discipline itself (^C, raw mode) has in-kernel tests
 * (kernel/test_tty.c) and the console test (tests/console-test.sh).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "harness.h"

/* Whether we are in the terminal's foreground group; says why not. */
static int in_foreground(void)
{
	pid_t fg = tcgetpgrp(0);

	if (fg != getpgrp()) {
		printf("    # no terminal in the foreground here: nothing tested\n");
		return 0;
	}
	return 1;
}

/* Wait for pid, again after an EINTR. */
static pid_t wait_retry(pid_t pid, int *status, int options)
{
	pid_t r;

	while ((r = waitpid(pid, status, options)) < 0 && errno == EINTR)
		;
	return r;
}

TEST(foreground_group_is_ours)
{
	if (!in_foreground())
		return;
	EXPECT_EQ(tcgetpgrp(0), getpgrp());
	EXPECT_ERRNO(tcsetpgrp(0, -1), EINVAL);
	EXPECT_ERRNO(tcsetpgrp(0, 30000), ESRCH);      /* no such group */
	EXPECT_EQ(tcsetpgrp(0, getpgrp()), 0);
}

TEST(not_a_terminal_is_enotty)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(tcgetpgrp(p[0]), ENOTTY);
	EXPECT_ERRNO(tcsetpgrp(p[0], getpgrp()), ENOTTY);
	close(p[0]);
	close(p[1]);
}

TEST(background_read_stops_with_sigttin)
{
	int status;
	pid_t pid;
	char c;

	if (!in_foreground())
		return;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		read(0, &c, 1);
		_exit(3);
	}
	setpgid(pid, pid);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTTIN);
	kill(pid, SIGKILL);
	wait_retry(pid, &status, 0);
}

TEST(background_read_ignoring_sigttin_is_eio)
{
	int status;
	pid_t pid;

	if (!in_foreground())
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		_exit(read(0, &c, 1) < 0 && errno == EIO ? 0 : 1);
	}
	setpgid(pid, pid);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(background_write_is_allowed)
{
	static const char line[] = "    # a line written from the background\n";
	struct termios t;
	int status;
	pid_t pid;

	if (!in_foreground())
		return;
	/* TOSTOP would stop it: Linux's default is off, as ours. */
	ASSERT_EQ(tcgetattr(0, &t), 0);
	if (t.c_lflag & TOSTOP)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(write(1, line, strlen(line)) == (ssize_t)strlen(line) ? 0 : 1);
	}
	setpgid(pid, pid);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(background_tcsetpgrp_stops_with_sigttou_unless_ignored)
{
	pid_t pid, us = getpgrp();
	int status;

	if (!in_foreground())
		return;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		tcsetpgrp(0, getpgrp());        /* stops here */
		_exit(3);
	}
	setpgid(pid, pid);
	ASSERT_EQ(wait_retry(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTTOU);
	kill(pid, SIGKILL);
	wait_retry(pid, &status, 0);
	EXPECT_EQ(tcgetpgrp(0), us);

	/* Ignoring SIGTTOU, as a shell does, it may take the terminal. */
	pid = fork();
	if (pid == 0) {
		int ok;

		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		ok = tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp();
		/* And give it back. */
		ok = ok && tcsetpgrp(0, us) == 0;
		_exit(ok ? 0 : 1);
	}
	setpgid(pid, pid);
	ASSERT_EQ(wait_retry(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	EXPECT_EQ(tcgetpgrp(0), us);
	if (tcgetpgrp(0) != us) {
		signal(SIGTTOU, SIG_IGN);
		tcsetpgrp(0, us);
	}
}

TEST(another_session_has_no_controlling_terminal)
{
	int p[2], status;
	pid_t pid;
	char c;

	if (!in_foreground())
		return;
	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		int ok;

		setsid();
		ok = tcgetpgrp(0) < 0 && errno == ENOTTY;
		write(p[1], "s", 1);
		pause();
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(read(p[0], &c, 1), 1);
	/* A group of another session cannot be the foreground. */
	EXPECT_ERRNO(tcsetpgrp(0, pid), EPERM);
	kill(pid, SIGTERM);
	wait_retry(pid, &status, 0);
}

TEST(settings_round_trip)
{
	struct termios saved, t, now;

	if (!in_foreground())
		return;
	ASSERT_EQ(tcgetattr(0, &saved), 0);
	t = saved;
	t.c_lflag &= ~(ECHO | ICANON);
	t.c_cc[VMIN] = 1;
	ASSERT_EQ(tcsetattr(0, TCSANOW, &t), 0);
	ASSERT_EQ(tcgetattr(0, &now), 0);
	EXPECT_EQ(now.c_lflag & (ECHO | ICANON), 0);
	EXPECT_EQ(now.c_cc[VMIN], 1);
	ASSERT_EQ(tcsetattr(0, TCSANOW, &saved), 0);
	ASSERT_EQ(tcgetattr(0, &now), 0);
	EXPECT_EQ(now.c_lflag, saved.c_lflag);
	EXPECT_ERRNO(tcsetattr(0, 42, &saved), EINVAL);
}

int main(void)
{
	return run_tests();
}
