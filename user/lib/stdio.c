/*
 * Buffered streams (C11 7.21).
 *
 * A stream either reads or writes, never both (there are no update modes,
 * "r+" and friends, nor seeking): buf[pos..len) holds input not yet
 * consumed, or buf[0..len) output not yet written.  stdout is line
 * buffered when it is a terminal and fully buffered otherwise, decided at
 * its first output; stderr is unbuffered, so each message is one write.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"

#define F_READ   1	/* opened for reading */
#define F_WRITE  2	/* opened for writing */
#define F_EOF    4	/* the end-of-file indicator */
#define F_ERR    8	/* the error indicator */
#define F_MALLOC 16	/* the FILE (and its buffer) came from malloc */

/* A writing stream's mode before its first output: see to_writing(). */
#define MODE_UNDECIDED (-1)

struct _FILE {
	int fd;
	int flags;
	int mode;		/* _IOFBF, _IOLBF, _IONBF or MODE_UNDECIDED */
	char *buf;
	size_t size;
	size_t pos;
	size_t len;
	struct _FILE *next;	/* every open stream, for fflush(NULL) */
};

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static FILE std_streams[3] = {
	{ .fd = 0, .flags = F_READ, .mode = _IOFBF, .buf = stdin_buf,
	  .size = BUFSIZ, .next = &std_streams[1] },
	{ .fd = 1, .flags = F_WRITE, .mode = MODE_UNDECIDED, .buf = stdout_buf,
	  .size = BUFSIZ, .next = &std_streams[2] },
	{ .fd = 2, .flags = F_WRITE, .mode = _IONBF },
};

FILE *stdin = &std_streams[0];
FILE *stdout = &std_streams[1];
FILE *stderr = &std_streams[2];
static FILE *streams = &std_streams[0];

/* --- Output ------------------------------------------------------------- */

/* Write all n bytes, going on after short writes and interruptions. */
static int write_all(FILE *f, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			f->flags |= F_ERR;
			return EOF;
		}
		p += w;
		n -= w;
	}
	return 0;
}

static int flush_output(FILE *f)
{
	size_t n = f->len;

	f->len = 0;
	return write_all(f, f->buf, n);
}

static int to_writing(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->mode == MODE_UNDECIDED)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
	return 0;
}

static int put_bytes(FILE *f, const char *p, size_t n)
{
	if (to_writing(f) == EOF)
		return EOF;
	if (f->mode == _IONBF)
		return write_all(f, p, n);
	if (n > f->size - f->len) {
		if (flush_output(f) == EOF)
			return EOF;
		/* Too big to buffer: straight out, saving a copy. */
		if (n >= f->size)
			return write_all(f, p, n);
	}
	memcpy(f->buf + f->len, p, n);
	f->len += n;
	if (f->mode == _IOLBF && memchr(p, '\n', n))
		return flush_output(f);
	return 0;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EOVERFLOW;
		return 0;
	}
	if (total == 0 || put_bytes(f, p, total) == EOF)
		return 0;
	return n;
}

int fputc(int c, FILE *f)
{
	char ch = c;

	return put_bytes(f, &ch, 1) == EOF ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return put_bytes(f, s, strlen(s));
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout);
}

int fflush(FILE *f)
{
	int ret = 0;

	if (f)
		return f->flags & F_WRITE ? flush_output(f) : 0;
	for (f = streams; f; f = f->next)
		if ((f->flags & F_WRITE) && flush_output(f) == EOF)
			ret = EOF;
	return ret;
}

void __stdio_exit(void)
{
	fflush(NULL);
}

/* --- Input -------------------------------------------------------------- */

/* Refill the buffer of a reading stream; EOF at the end or on an error. */
static int fill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	/* C11 7.21.7.1: once at the end, stay there until clearerr. */
	if (f->flags & F_EOF)
		return EOF;
	/* Whoever waits for input has usually just printed a prompt. */
	fflush(stdout);
	n = read(f->fd, f->buf, f->mode == _IONBF ? 1 : f->size);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->pos = 0;
	f->len = n;
	return 0;
}

int fgetc(FILE *f)
{
	if (f->pos >= f->len && fill(f) == EOF)
		return EOF;
	return (unsigned char)f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* A line, newline included, cut at size - 1 bytes; NULL if nothing was
 * read before the end of the file, or on an error. */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);

		if (c == EOF) {
			if (i == 0 || (f->flags & F_ERR))
				return NULL;
			break;
		}
		s[i++] = c;
		if (c == '\n')
			break;
	}
	s[i] = '\0';
	return s;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total, done = 0;

	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EOVERFLOW;
		return 0;
	}
	while (done < total) {
		size_t k;

		if (f->pos >= f->len && fill(f) == EOF)
			break;
		k = f->len - f->pos;
		if (k > total - done)
			k = total - done;
		memcpy((char *)p + done, f->buf + f->pos, k);
		f->pos += k;
		done += k;
	}
	return size ? done / size : 0;
}

/* --- Opening and closing ------------------------------------------------ */

/* Mode "r" reads, "w" and "a" write; a 'b' is allowed and means nothing. */
static int mode_flags(const char *mode)
{
	if (strchr(mode, '+'))
		return 0;
	switch (mode[0]) {
	case 'r':
		return F_READ;
	case 'w':
	case 'a':
		return F_WRITE;
	}
	return 0;
}

FILE *fdopen(int fd, const char *mode)
{
	int flags = mode_flags(mode);
	FILE *f;

	if (!flags) {
		errno = EINVAL;
		return NULL;
	}
	f = malloc(sizeof(*f) + BUFSIZ);
	if (!f)
		return NULL;
	*f = (FILE){
		.fd = fd,
		.flags = flags | F_MALLOC,
		.mode = flags == F_READ ? _IOFBF : MODE_UNDECIDED,
		.buf = (char *)(f + 1),
		.size = BUFSIZ,
		.next = streams,
	};
	streams = f;
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, fd;
	FILE *f;

	switch (mode_flags(mode) ? mode[0] : 0) {
	case 'r':
		oflags = O_RDONLY;
		break;
	case 'w':
		oflags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		oflags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

int fclose(FILE *f)
{
	int ret = fflush(f);
	FILE **pp;

	if (close(f->fd) < 0)
		ret = EOF;
	for (pp = &streams; *pp; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	if (f->flags & F_MALLOC)
		free(f);
	return ret;
}

/* Only before the first input or output, as C11 7.21.5.6 requires. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	if (buf) {
		f->buf = buf;
		f->size = size;
	}
	f->mode = mode;
	return 0;
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

/* --- Formatted output --------------------------------------------------- */

/*
 * Format into small[size] when the result fits, else into a buffer from
 * malloc; *out is the one used.  Returns the length, or -1.
 */
static int format(char *small, size_t size, char **out, const char *fmt,
		  va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	*out = small;
	n = vsnprintf(small, size, fmt, ap);
	if (n >= 0 && (size_t)n >= size) {
		*out = malloc((size_t)n + 1);
		if (*out)
			vsnprintf(*out, (size_t)n + 1, fmt, again);
		else
			n = -1;
	}
	va_end(again);
	return n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	char small[256], *buf;
	int n = format(small, sizeof(small), &buf, fmt, ap);

	if (n < 0)
		return -1;
	if (put_bytes(f, buf, n) == EOF)
		n = -1;
	if (buf != small)
		free(buf);
	return n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	FILE unbuffered = { .fd = fd, .flags = F_WRITE, .mode = _IONBF };

	return vfprintf(&unbuffered, fmt, ap);
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* No size: the caller promises the room. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
