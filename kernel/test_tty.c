/*
 * In-kernel tests of the console's line discipline (kernel/tty.c): a
 * struct n_tty of the test's own, fed characters one by one as the
 * serial port would, its echo captured instead of printed.
 */
#include "fs.h"
#include "ktest.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

static struct n_tty tty;
static char echoed[64];
static size_t echoed_len;

static void capture_echo(const char *s, size_t len)
{
	for (size_t i = 0; i < len && echoed_len < sizeof(echoed) - 1; i++)
		echoed[echoed_len++] = s[i];
}

static void tty_reset(void)
{
	n_tty_init(&tty, capture_echo);
	memset(echoed, 0, sizeof(echoed));
	echoed_len = 0;
}

static void type(const char *s)
{
	while (*s)
		n_tty_receive(&tty, *s++);
}

static char line[N_TTY_BUF_SIZE + 1];

/* A read of at most count bytes, as a string ("error" if it failed). */
static const char *tty_read_str(size_t count)
{
	long n = n_tty_read(&tty, line, count, copy_to_kernel);

	if (n < 0)
		return "error";
	line[n] = '\0';
	return line;
}

/* What a read of any length returns: for the errors. */
static long tty_read_any(void)
{
	return n_tty_read(&tty, line, sizeof(line), copy_to_kernel);
}

#define CTRL(c) ((c) & 0x1f)

KTEST(tty, line_editing_and_echo)
{
	tty_reset();
	type("ab\x7f" "c\r");
	KEXPECT_STREQ(tty_read_str(100), "ac\n");
	KEXPECT_STREQ(echoed, "ab\b \bc\n");
	KEXPECT_EQ(tty_read_any(), -EAGAIN);        /* nothing more */

	/* ^U kills the line; backspace on an empty line does nothing. */
	tty_reset();
	type("\b" "xyz\x15" "hi\n");
	KEXPECT_STREQ(tty_read_str(100), "hi\n");
	KEXPECT_STREQ(echoed, "xyz\b \b\b \b\b \bhi\n");

	/* Without ECHO nothing is shown, and editing still works. */
	tty_reset();
	tty.termios.c_lflag &= ~ECHO;
	type("ab\bc\n");
	KEXPECT_STREQ(tty_read_str(100), "ac\n");
	KEXPECT_EQ(echoed_len, 0);
}

KTEST(tty, reads_one_line_at_a_time)
{
	tty_reset();
	type("partial");
	KEXPECT_EQ(tty_read_any(), -EAGAIN);        /* no line yet */
	type("\nsecond\n");
	KEXPECT_STREQ(tty_read_str(100), "partial\n");
	/* A short read leaves the rest of the line. */
	KEXPECT_STREQ(tty_read_str(3), "sec");
	KEXPECT_STREQ(tty_read_str(100), "ond\n");
	KEXPECT_STREQ(tty_read_str(0), "");
}

KTEST(tty, ctrl_d_ends_a_line_or_the_file)
{
	char eof[2] = { CTRL('D'), 0 };

	/* At the start of a line: end of file, once. */
	tty_reset();
	type(eof);
	type("x\n");
	KEXPECT_STREQ(tty_read_str(100), "");
	KEXPECT_STREQ(tty_read_str(100), "x\n");
	/* After text: the line ends without a newline, and no end of file
	 * follows, even when the read takes exactly the text. */
	type("abc");
	type(eof);
	KEXPECT_STREQ(tty_read_str(3), "abc");
	KEXPECT_EQ(tty_read_any(), -EAGAIN);
	KEXPECT_STREQ(echoed, "x\nabc");
}

KTEST(tty, full_buffer_and_wrap)
{
	static char want[N_TTY_BUF_SIZE + 1];

	/* A line stops growing one byte short of the buffer: the newline
	 * still fits. */
	tty_reset();
	for (int i = 0; i < N_TTY_BUF_SIZE + 100; i++)
		n_tty_receive(&tty, (char)('a' + i % 26));
	type("\n");
	for (int i = 0; i < N_TTY_BUF_SIZE - 1; i++)
		want[i] = (char)('a' + i % 26);
	want[N_TTY_BUF_SIZE - 1] = '\n';
	want[N_TTY_BUF_SIZE] = '\0';
	KEXPECT_STREQ(tty_read_str(N_TTY_BUF_SIZE), want);

	/* The ring now starts at its end: lines wrap around it. */
	for (int i = 0; i < 3; i++) {
		type("0123456789\n");
		KEXPECT_STREQ(tty_read_str(100), "0123456789\n");
	}
	type("wrap");
	type("\x7f\x7f" "ap\n");
	KEXPECT_STREQ(tty_read_str(100), "wrap\n");
}

static int signalled[4], nsignalled;

static void capture_signal(int sig)
{
	if (nsignalled < 4)
		signalled[nsignalled++] = sig;
}

KTEST(tty, signal_characters_flush_and_signal)
{
	tty_reset();
	tty.signal = capture_signal;
	nsignalled = 0;
	/* ^C: the line being edited and the unread ones go, "^C" echoed. */
	type("done\n" "half");
	n_tty_receive(&tty, CTRL('C'));
	KEXPECT_EQ(nsignalled, 1);
	KEXPECT_EQ(signalled[0], SIGINT);
	KEXPECT_EQ(tty_read_any(), -EAGAIN);
	KEXPECT_STREQ(echoed, "done\nhalf^C");
	type("next\n");
	KEXPECT_STREQ(tty_read_str(100), "next\n");
	n_tty_receive(&tty, CTRL('\\'));
	n_tty_receive(&tty, CTRL('Z'));
	KEXPECT_EQ(nsignalled, 3);
	KEXPECT_EQ(signalled[1], SIGQUIT);
	KEXPECT_EQ(signalled[2], SIGTSTP);

	/* Without ISIG they are data. */
	tty_reset();
	tty.signal = capture_signal;
	nsignalled = 0;
	tty.termios.c_lflag &= ~ISIG;
	n_tty_receive(&tty, CTRL('C'));
	type("\n");
	KEXPECT_EQ(nsignalled, 0);
	KEXPECT_STREQ(tty_read_str(100), "\x03\n");
}

KTEST(tty, raw_mode_reads_bytes_as_they_come)
{
	struct termios raw;

	tty_reset();
	type("ab");                     /* a line being edited */
	raw = tty.termios;
	raw.c_lflag &= ~(ICANON | ECHO);
	n_tty_set_termios(&tty, &raw);
	KEXPECT_STREQ(tty_read_str(1), "a");    /* readable at once */
	KEXPECT_STREQ(tty_read_str(100), "b");
	KEXPECT_EQ(tty_read_any(), -EAGAIN);
	/* No editing, no end of file, no echo: every byte as it is. */
	type("x\x7f");
	n_tty_receive(&tty, CTRL('D'));
	type("\r");
	KEXPECT_STREQ(tty_read_str(100), "x\x7f\x04\n");
	KEXPECT_STREQ(echoed, "ab");

	/* Back to canonical: what is unread stays readable, then lines. */
	type("raw");
	raw.c_lflag |= ICANON;
	n_tty_set_termios(&tty, &raw);
	type("li\x7fne\n");
	KEXPECT_STREQ(tty_read_str(100), "raw");
	KEXPECT_STREQ(tty_read_str(100), "lne\n");
}
