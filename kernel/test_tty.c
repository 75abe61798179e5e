/*
 * In-kernel tests of the console's line discipline (kernel/tty.c): a
 * struct n_tty of the test's own, fed characters one by one as the
 * serial port would, its echo captured instead of printed.
 */
#include "fs.h"
#include "ktest.h"
#include "string.h"
#include "uapi/errno.h"

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
