/*
 * pipes: a child writes 1 MiB of a known pattern into a pipe in uneven
 * pieces and the parent reads it in other uneven pieces, checking every
 * byte; then end of file, EPIPE with SIGPIPE ignored, death by SIGPIPE
 * with it at its default, and a three-process pipeline built with dup2.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (1 << 20)

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + (i >> 9));
}

static int transfer(void)
{
	int p[2];
	static unsigned char buf[65536];
	size_t got = 0, bad = 0;
	pid_t pid;
	int status;

	if (pipe(p) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		size_t sent = 0, piece = 1;

		close(p[0]);
		while (sent < TOTAL) {
			size_t n = piece < TOTAL - sent ? piece : TOTAL - sent;

			for (size_t i = 0; i < n; i++)
				buf[i] = pattern(sent + i);
			if (write(p[1], buf, n) != (ssize_t)n)
				_exit(1);
			sent += n;
			piece = piece * 3 % 40000 + 1;
		}
		_exit(0);
	}
	close(p[1]);
	for (size_t want = 5;;) {
		ssize_t n = read(p[0], buf, want);

		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != pattern(got + i);
		got += n;
		want = want * 5 % 65536 + 1;
	}
	close(p[0]);
	waitpid(pid, &status, 0);
	printf("1 MiB through a pipe: %zu bytes, %zu wrong, writer exited %d\n", got, bad,
	       WEXITSTATUS(status));
	return got != TOTAL || bad;
}

static void broken_pipe(void)
{
	int p[2], status;
	pid_t pid;

	pipe(p);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t n = write(p[1], "x", 1);
	printf("write to a pipe without reader, SIGPIPE ignored: %zd, %s\n", n, strerror(errno));
	signal(SIGPIPE, SIG_DFL);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	printf("the same at SIGPIPE's default: killed by signal %d\n",
	       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* echo-like | tr-like | wc-like, in three processes joined by dup2. */
static void pipeline(void)
{
	int a[2], b[2];
	char line[128];
	pid_t pids[3];

	pipe(a);
	pipe(b);
	fflush(stdout);
	if ((pids[0] = fork()) == 0) {
		dup2(a[1], 1);
		close(a[0]); close(a[1]); close(b[0]); close(b[1]);
		for (int i = 0; i < 100; i++)
			printf("line %d of the first stage\n", i);
		exit(0);
	}
	if ((pids[1] = fork()) == 0) {
		int c;

		dup2(a[0], 0);
		dup2(b[1], 1);
		close(a[0]); close(a[1]); close(b[0]); close(b[1]);
		while ((c = getchar()) != EOF)
			putchar(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
		exit(0);
	}
	close(a[0]);
	close(a[1]);
	close(b[1]);
	FILE *in = fdopen(b[0], "r");
	int lines = 0;
	char last[128] = "";
	while (fgets(line, sizeof(line), in)) {
		lines++;
		strcpy(last, line);
	}
	fclose(in);
	waitpid(pids[0], NULL, 0);
	waitpid(pids[1], NULL, 0);
	printf("pipeline: %d lines, the last: %s", lines, last);
}

int main(void)
{
	int failed;

	setvbuf(stdout, NULL, _IOLBF, 0);
	failed = transfer();
	broken_pipe();
	pipeline();
	return failed;
}
