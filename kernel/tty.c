/*
 * /dev/console: a terminal on COM1 (output also goes to the VGA screen)
 * with the line discipline of Linux's drivers/tty/n_tty.c cut down to
 * what a shell and a full-screen program need. In canonical mode (ICANON)
 * typed characters are echoed and collected into a line, which may be
 * edited (erase, kill) until Enter or ^D hands it to read(); in raw mode
 * every byte is readable as it arrives (VMIN 1; VMIN 0 does not wait).
 * With ISIG, ^C, ^\ and ^Z send SIGINT, SIGQUIT and SIGTSTP to the
 * foreground process group and throw away the pending input.
 *
 * The serial interrupt only buffers raw bytes; the reading task runs them
 * through the line discipline. Echo therefore appears when someone reads
 * the console, which is when a person types at it. The signal characters
 * are the exception: the interrupt acts on them at once
 * (tty_receive_irq), since the program they are meant to stop is most
 * likely not reading.
 *
 * Job control: the console is the controlling terminal of session 1,
 * init's, and keeps a foreground process group (TIOCSPGRP, tcsetpgrp;
 * init's group at first). A process of the session outside that group
 * that reads gets SIGTTIN (EIO if it ignores it), one that changes the
 * settings or the group SIGTTOU; writing is allowed (TOSTOP is not
 * implemented). Linux's drivers/tty/tty_jobctrl.c has the same rules.
 */
#include "fs.h"
#include "console.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
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

/* A control character as ECHOCTL shows it: ^C. */
static void echo_ctl(struct n_tty *tty, unsigned char c)
{
	char s[2] = { '^', (char)(c ^ 0100) };

	if (tty->termios.c_lflag & ECHOCTL)
		echo(tty, s, 2);
	else
		echo(tty, (const char *)&c, 1);
}

int n_tty_isig(const struct n_tty *tty, char ch)
{
	const uint8_t *cc = tty->termios.c_cc;
	unsigned char c = (unsigned char)ch;

	if (!(tty->termios.c_lflag & ISIG) || c == 0)   /* 0: disabled */
		return 0;
	if (c == cc[VINTR])
		return SIGINT;
	if (c == cc[VQUIT])
		return SIGQUIT;
	if (c == cc[VSUSP])
		return SIGTSTP;
	return 0;
}

void n_tty_flush(struct n_tty *tty)
{
	tty->read_tail = tty->canon_head = tty->head;
	tty->push = false;
}

void n_tty_set_termios(struct n_tty *tty, const struct termios *termios)
{
	bool was_canon = tty->termios.c_lflag & ICANON;
	bool canon = termios->c_lflag & ICANON;

	tty->termios = *termios;
	/* Into raw mode: the line being edited becomes readable. Back to
	 * canonical mode: what is unread stays readable, as one line. */
	if (was_canon && !canon)
		tty->canon_head = tty->head;
	if (!was_canon && canon && tty->head != tty->read_tail) {
		unsigned last = MASK(tty->head - 1);

		tty->eol[last / 8] |= (uint8_t)(1u << (last % 8));
		tty->push = true;
		tty->push_at = tty->head - 1;
		tty->canon_head = tty->head;
	}
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
	int sig = n_tty_isig(tty, (char)c);
	if (sig) {
		/* As Linux's isig(): the pending input goes, unless NOFLSH. */
		if (!(tty->termios.c_lflag & NOFLSH))
			n_tty_flush(tty);
		echo_ctl(tty, c);
		if (tty->signal)
			tty->signal(sig);
		return;
	}
	if (!(tty->termios.c_lflag & ICANON)) {
		/* Raw: every byte is readable at once; none is special. */
		if (used < N_TTY_BUF_SIZE) {
			put_char(tty, (char)c, false);
			tty->canon_head = tty->head;
			echo(tty, (const char *)&c, 1);
		}
		return;
	}
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
	 * canon_head ends a line, so this stays inside the completed ones
	 * (raw mode: there are no line ends, all of them are readable). */
	bool canon = tty->termios.c_lflag & ICANON;
	while (end - tail < count && end != tty->canon_head && !(canon && is_eol(tty, end)))
		end++;
	len = consumed = end - tail;
	if (canon && end != tty->canon_head && is_eol(tty, end)) {
		/* A newline (or a pushed byte) is read with its line; an
		 * end-of-file mark goes with the line it ends without being
		 * read. */
		bool pushed = tty->push && end == tty->push_at;

		if (pushed || tty->buf[MASK(end)] == '\n') {
			if (len < count)
				len = ++consumed;
		} else {
			consumed++;
		}
	}
	/* The ring may wrap inside the line: at most two pieces. */
	size_t first = N_TTY_BUF_SIZE - MASK(tail);
	if (first > len)
		first = len;
	if (copy(buf, tty->buf + MASK(tail), first) < 0 ||
	    copy((char *)buf + first, tty->buf, len - first) < 0)
		return -EFAULT;        /* the line stays for the next read */
	tty->read_tail += (unsigned)consumed;
	if (tty->push && (int)(tty->read_tail - tty->push_at) > 0)
		tty->push = false;      /* read past it */
	return (long)len;
}

/* ================================ The device ============================== */

static struct n_tty console_tty;
/* Held while running the line discipline or using the termios; a reader
 * drops it while it sleeps, so that TCGETS does not wait for a line. */
static struct mutex tty_lock = { NULL, WAIT_QUEUE_HEAD_INIT(tty_lock.wait) };

/* The session the console controls (init's), and its foreground group. */
#define CONSOLE_SESSION 1
static int console_pgrp = 1;
/* A signal character came in by interrupt: the reader must throw away
 * the input it holds before going on. */
static bool console_flush_pending;

/* The line discipline's signals go to the foreground group. */
static void console_signal(int sig)
{
	kill_pgrp(console_pgrp, sig, false);
}

void tty_init(void)
{
	n_tty_init(&console_tty, console_write);
	console_tty.signal = console_signal;
}

/*
 * From the serial interrupt, for each byte before it is buffered: a
 * signal character (ISIG) acts at once, whoever reads, and is not
 * buffered (true: the caller drops what it has buffered too).
 */
bool tty_receive_irq(char ch)
{
	unsigned char c = (unsigned char)ch;
	int sig;

	if (c == '\r' && (console_tty.termios.c_iflag & ICRNL))
		c = '\n';
	sig = n_tty_isig(&console_tty, (char)c);
	if (!sig)
		return false;
	if (!(console_tty.termios.c_lflag & NOFLSH))
		console_flush_pending = true;
	echo_ctl(&console_tty, c);
	console_signal(sig);
	return true;
}

int console_foreground(int sid)
{
	return sid == CONSOLE_SESSION ? console_pgrp : -1;
}

/* The console is current's controlling terminal. */
static bool is_controlling_tty(void)
{
	return current->sid == CONSOLE_SESSION;
}

/*
 * Linux's __tty_check_change: a process of the console's session outside
 * its foreground group that reads (SIGTTIN) or changes the terminal
 * (SIGTTOU) stops: its group gets sig and the call is restarted once it
 * is continued (or fails with EINTR after a handler). If it ignores or
 * blocks sig, reading is EIO and changing allowed; an orphaned group
 * cannot be stopped, so that is EIO too.
 */
static int tty_check_change(int sig)
{
	if (!is_controlling_tty() || console_pgrp <= 0 || current->pgid == console_pgrp)
		return 0;
	if (signal_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(current->pgid))
		return -EIO;
	kill_pgrp(current->pgid, sig, false);
	return -ERESTARTSYS;
}

static long tty_read(struct file *file, char __user *buf, size_t count)
{
	long n = 0;
	int c;

	n = tty_check_change(SIGTTIN);
	if (n)
		return n;
	mutex_lock(&tty_lock);
	for (;;) {
		/* Read the count first: a byte arriving after the loop below
		 * drained the serial buffer changes it, so the sleep cannot
		 * miss that byte's wake-up. */
		uint64_t seen = serial_rx_interrupts;

		if (__atomic_exchange_n(&console_flush_pending, false, __ATOMIC_ACQ_REL))
			n_tty_flush(&console_tty);
		while ((c = serial_getc()) >= 0)
			n_tty_receive(&console_tty, (char)c);
		n = n_tty_read(&console_tty, buf, count, copy_to_user);
		if (n != -EAGAIN || (file->flags & O_NONBLOCK))
			break;
		/* Raw mode with VMIN 0: no waiting. */
		if (!(console_tty.termios.c_lflag & ICANON) && console_tty.termios.c_cc[VMIN] == 0) {
			n = 0;
			break;
		}
		mutex_unlock(&tty_lock);
		/* A signal ends the wait (the read restarts unless a handler
		 * without SA_RESTART runs). */
		n = wait_event_interruptible(serial_rx_wait, serial_rx_interrupts != seen);
		if (n)
			return n;
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
 * TCGETS / TCSETS: the termios; the line discipline honours ICRNL, ICANON,
 * ECHO, ECHOCTL, ISIG, NOFLSH, VMIN (0 or not) and the VINTR, VQUIT,
 * VSUSP, VERASE, VKILL and VEOF characters of it. TIOCGPGRP / TIOCSPGRP:
 * the foreground process group (tcgetpgrp, tcsetpgrp), for the console's
 * session only (ENOTTY otherwise). The window is the VGA text screen's.
 */
static long tty_ioctl(struct file *file, unsigned cmd, unsigned long arg)
{
	static const struct winsize winsize = { .ws_row = 25, .ws_col = 80 };
	void __user *argp = (void __user *)arg;
	struct termios termios;
	int pgrp, sid;
	long err;

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
		err = tty_check_change(SIGTTOU);
		if (err)
			return err;
		if (copy_from_user(&termios, argp, sizeof(termios)) < 0)
			return -EFAULT;
		mutex_lock(&tty_lock);
		if (cmd == TCSETSF)
			n_tty_flush(&console_tty);
		n_tty_set_termios(&console_tty, &termios);
		mutex_unlock(&tty_lock);
		return 0;
	case TIOCGPGRP:
		if (!is_controlling_tty())
			return -ENOTTY;
		pgrp = console_pgrp;
		return copy_to_user(argp, &pgrp, sizeof(pgrp));
	case TIOCSPGRP:
		err = tty_check_change(SIGTTOU);
		if (err)
			return err;
		if (!is_controlling_tty())
			return -ENOTTY;
		if (copy_from_user(&pgrp, argp, sizeof(pgrp)) < 0)
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		sid = session_of_pgrp(pgrp);
		if (sid < 0)
			return -ESRCH;
		if (sid != current->sid)
			return -EPERM;
		console_pgrp = pgrp;
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
