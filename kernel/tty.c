/*
 * /dev/console: a terminal on COM1 (output also goes to the VGA screen)
 * with the canonical line discipline of Linux's drivers/tty/n_tty.c cut
 * down to what a shell needs: typed characters are echoed and collected
 * into a line, which may be edited (erase, kill) until Enter or ^D hands
 * it to read().
 *
 * The serial interrupt only buffers raw bytes; the reading task runs them
 * through the line discipline. Echo therefore appears when someone reads
 * the console, which is when a person types at it.
 */
#include "fs.h"
#include "console.h"
#include "sched.h"
#include "string.h"
#include "wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* /dev/console is character device 5:1, in Linux's new_encode_dev form. */
#define CONSOLE_RDEV ((5u << 8) | 1u)
#define CTRL(c) ((c) & 0x1f)
#define MASK(i) ((i) & (N_TTY_BUF_SIZE - 1))
/* Stored for ^D: ends a line and is not part of it (Linux stores
 * __DISABLED_CHAR, 0, with the line-end bit). */
#define EOF_MARK '\0'

/* Linux's tty_std_termios: cooked mode, at the serial port's speed. */
static const struct termios std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0177,
		[VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VMIN] = 1,
		[VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'),
		[VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
		[VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	},
};

/* ============================ The line discipline ========================= */

void n_tty_init(struct n_tty *tty, void (*echo)(const char *s, size_t len))
{
	memset(tty, 0, sizeof(*tty));
	tty->termios = std_termios;
	tty->echo = echo;
}

static bool is_eol(const struct n_tty *tty, unsigned i)
{
	return tty->eol[MASK(i) / 8] >> (MASK(i) % 8) & 1;
}

/* Appends c to the line being edited; eol marks it as the line's end. */
static void put_char(struct n_tty *tty, char c, bool eol)
{
	unsigned i = MASK(tty->head++);

	tty->buf[i] = c;
	if (eol)
		tty->eol[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		tty->eol[i / 8] &= (uint8_t)~(1u << (i % 8));
}

static void echo(struct n_tty *tty, const char *s, size_t len)
{
	if (tty->termios.c_lflag & ECHO)
		tty->echo(s, len);
}

/* Takes the last character of the line being edited back, on screen too. */
static bool erase_char(struct n_tty *tty)
{
	if (tty->head == tty->canon_head)
		return false;
	tty->head--;
	echo(tty, "\b \b", 3);
	return true;
}

void n_tty_receive(struct n_tty *tty, char ch)
{
	const uint8_t *cc = tty->termios.c_cc;
	unsigned used = tty->head - tty->read_tail;
	unsigned char c = (unsigned char)ch;

	if (c == '\r' && (tty->termios.c_iflag & ICRNL))
		c = '\n';
	/* Issue 7: with ISIG, VINTR (^C) sends SIGINT to the foreground process group here. */
	if (c == cc[VERASE] || c == '\b') {
		erase_char(tty);
	} else if (c == cc[VKILL]) {
		while (erase_char(tty))
			;
	} else if (c == '\n' || c == cc[VEOF]) {
		if (used == N_TTY_BUF_SIZE)
			return;
		put_char(tty, c == '\n' ? '\n' : EOF_MARK, true);
		tty->canon_head = tty->head;
		if (c == '\n')
			echo(tty, "\n", 1);
	} else if (used < N_TTY_BUF_SIZE - 1) {
		/* As in Linux, the last free byte waits for the line's end:
		 * what is typed beyond it is dropped. */
		put_char(tty, (char)c, false);
		echo(tty, &ch, 1);
	}
}

long n_tty_read(struct n_tty *tty, void *buf, size_t count, copy_out_t copy)
{
	unsigned tail = tty->read_tail, end = tail;
	size_t len, consumed;

	if (count == 0)
		return 0;
	if (tail == tty->canon_head)
		return -EAGAIN;
	/* The line's bytes up to its end or count; the last byte before
	 * canon_head ends a line, so this stays inside the completed ones. */
	while (end - tail < count && !is_eol(tty, end))
		end++;
	len = consumed = end - tail;
	if (is_eol(tty, end)) {
		/* A newline is read with its line; an end-of-file mark goes
		 * with the line it ends without being read. */
		if (tty->buf[MASK(end)] != '\n')
			consumed++;
		else if (len < count)
			len = ++consumed;
	}
	/* The ring may wrap inside the line: at most two pieces. */
	size_t first = N_TTY_BUF_SIZE - MASK(tail);
	if (first > len)
		first = len;
	if (copy(buf, tty->buf + MASK(tail), first) < 0 ||
	    copy((char *)buf + first, tty->buf, len - first) < 0)
		return -EFAULT;        /* the line stays for the next read */
	tty->read_tail += (unsigned)consumed;
	return (long)len;
}

/* ================================ The device ============================== */

static struct n_tty console_tty;
/* Held while running the line discipline or using the termios; a reader
 * drops it while it sleeps, so that TCGETS does not wait for a line. */
static struct mutex tty_lock = { NULL, WAIT_QUEUE_HEAD_INIT(tty_lock.wait) };

void tty_init(void)
{
	n_tty_init(&console_tty, console_write);
}

static long tty_read(struct file *file, char __user *buf, size_t count)
{
	long n = 0;
	int c;

	mutex_lock(&tty_lock);
	for (;;) {
		/* Read the count first: a byte arriving after the loop below
		 * drained the serial buffer changes it, so the sleep cannot
		 * miss that byte's wake-up. */
		uint64_t seen = serial_rx_interrupts;

		while ((c = serial_getc()) >= 0)
			n_tty_receive(&console_tty, (char)c);
		n = n_tty_read(&console_tty, buf, count, copy_to_user);
		if (n != -EAGAIN || (file->flags & O_NONBLOCK))
			break;
		mutex_unlock(&tty_lock);
		wait_event(serial_rx_wait, serial_rx_interrupts != seen);
		mutex_lock(&tty_lock);
	}
	mutex_unlock(&tty_lock);
	return n;
}

/* In pieces copied from user space; the bytes written, or -EFAULT if the
 * buffer's first piece is bad. */
static long tty_write(struct file *file, const char __user *buf, size_t count)
{
	char chunk[256];
	size_t done = 0;

	(void)file;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		if (copy_from_user(chunk, buf + done, n) < 0)
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
		cond_resched();
	}
	return (long)done;
}

/*
 * TCGETS / TCSETS keep the termios; the line discipline honours ICRNL,
 * ECHO and the VERASE, VKILL and VEOF characters of it, and stays
 * canonical whatever ICANON says (raw mode is issue 7's). The window is
 * the VGA text screen's.
 */
static long tty_ioctl(struct file *file, unsigned cmd, unsigned long arg)
{
	static const struct winsize winsize = { .ws_row = 25, .ws_col = 80 };
	void __user *argp = (void __user *)arg;
	struct termios termios;

	(void)file;
	switch (cmd) {
	case TCGETS:
		mutex_lock(&tty_lock);
		termios = console_tty.termios;
		mutex_unlock(&tty_lock);
		return copy_to_user(argp, &termios, sizeof(termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&termios, argp, sizeof(termios)) < 0)
			return -EFAULT;
		mutex_lock(&tty_lock);
		console_tty.termios = termios;
		mutex_unlock(&tty_lock);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(argp, &winsize, sizeof(winsize));
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

struct inode console_inode = {
	.mode = S_IFCHR | 0600,
	.rdev = CONSOLE_RDEV,
	.name = "console",
	.parent = &console_inode,       /* until initrd_init puts it in /dev */
	.children = LIST_HEAD_INIT(console_inode.children),
	.sibling = LIST_HEAD_INIT(console_inode.sibling),
	.fops = &tty_fops,
};
