/*
 * vsnprintf and snprintf: C11 7.21.6.1 formatting for the kernel.
 *
 * References to "p4", "p6"... are paragraphs of C11 7.21.6.1 (fprintf).
 */
#include <stdbool.h>
#include <stdint.h>

#include "printk.h"
#include "string.h"

/*
 * The output buffer buf[size], of which len bytes have been produced.  len
 * keeps counting past the end: the caller gets the untruncated length.
 */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	/* Keep the last byte of buf for the terminating NUL. */
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

static void out_repeat(struct out *o, char c, size_t n)
{
	while (n--)
		out_char(o, c);
}

/* The length modifiers (p7), naming the type of the argument. */
enum length {
	LEN_INT,	/* none: int or unsigned int */
	LEN_CHAR,	/* hh */
	LEN_SHORT,	/* h */
	LEN_LONG,	/* l */
	LEN_LLONG,	/* ll */
	LEN_SIZE,	/* z: size_t */
	LEN_PTRDIFF,	/* t: ptrdiff_t */
	LEN_INTMAX,	/* j: intmax_t */
};

/* A conversion specification: %[flags][width][.precision][length]conv (p4). */
struct spec {
	bool left;	/* '-': pad on the right */
	bool plus;	/* '+': a sign even for positive numbers */
	bool space;	/* ' ': a space where '+' would put the sign */
	bool alt;	/* '#': "0x" before x, a leading 0 for o */
	bool zero;	/* '0': pad numbers with zeros instead of spaces */
	size_t width;
	int precision;	/* -1 when not given */
	enum length length;
};

/* hh and h arguments arrive promoted to int and are converted back (p7). */
static intmax_t arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		/* %zd takes "the corresponding signed integer type" of size_t. */
		return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, intmax_t);
	case LEN_INT:
		break;
	}
	return va_arg(*ap, int);
}

static uintmax_t arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		/* %tu takes the unsigned type of ptrdiff_t's width. */
		return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, uintmax_t);
	case LEN_INT:
		break;
	}
	return va_arg(*ap, unsigned int);
}

/* Text of n bytes, padded with spaces to the field width (for %c and %s). */
static void out_padded(struct out *o, const struct spec *sp, const char *s,
		       size_t n)
{
	size_t pad = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		out_repeat(o, ' ', pad);
	out_bytes(o, s, n);
	if (sp->left)
		out_repeat(o, ' ', pad);
}

/*
 * The number v in base 8, 10 or 16, after prefix (a sign, "0x" or nothing).
 * The layout is [spaces][prefix][zeros][digits][spaces], where the zeros come
 * from the precision, from '#' for octal, and from the '0' flag.
 */
static void out_integer(struct out *o, const struct spec *sp, uintmax_t v,
			unsigned base, bool upper, const char *prefix)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[sizeof(uintmax_t) * 3];	/* 22 octal digits for 64 bits */
	size_t ndigits = 0, zeros = 0, pad = 0, total;
	size_t plen = strlen(prefix);

	/* "The result of converting a zero value with a precision of zero is
	 * no characters" (p8). */
	if (v != 0 || sp->precision != 0) {
		do {
			tmp[ndigits++] = digit[v % base];
			v /= base;
		} while (v);
	}
	/* The precision is the minimum number of digits (p4). */
	if (sp->precision >= 0 && (size_t)sp->precision > ndigits)
		zeros = sp->precision - ndigits;
	/* For o, '#' raises the precision just enough to make the first digit
	 * a zero (p6): "%#o" of 8 is "010", of 0 is "0". */
	if (sp->alt && base == 8 && zeros == 0 &&
	    (ndigits == 0 || tmp[ndigits - 1] != '0'))
		zeros = 1;

	total = plen + zeros + ndigits;
	if (sp->width > total) {
		/* '0' pads with zeros after the prefix, but is ignored with '-'
		 * or with a precision (p6). */
		if (sp->zero && !sp->left && sp->precision < 0)
			zeros += sp->width - total;
		else
			pad = sp->width - total;
	}

	if (!sp->left)
		out_repeat(o, ' ', pad);
	out_bytes(o, prefix, plen);
	out_repeat(o, '0', zeros);
	while (ndigits)
		out_char(o, tmp[--ndigits]);
	if (sp->left)
		out_repeat(o, ' ', pad);
}

/* A decimal width or precision, saturating instead of overflowing. */
static int parse_decimal(const char **fmt)
{
	int n = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++) {
		int d = **fmt - '0';

		n = n > (__INT_MAX__ - d) / 10 ? __INT_MAX__ : n * 10 + d;
	}
	return n;
}

/*
 * Parse the flags, width, precision and length modifier that follow a '%',
 * taking '*' values from ap, and leave *fmt at the conversion character.
 */
static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;

	*sp = (struct spec){ .precision = -1, .length = LEN_INT };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}

	if (*f == '*') {
		int w = va_arg(*ap, int);

		/* "A negative field width argument is taken as a - flag
		 * followed by a positive field width" (p5). */
		sp->left |= w < 0;
		sp->width = w < 0 ? -(size_t)w : (size_t)w;
		f++;
	} else {
		sp->width = parse_decimal(&f);
	}

	if (*f == '.') {
		f++;
		if (*f == '*') {
			int p = va_arg(*ap, int);

			/* "A negative precision argument is taken as if the
			 * precision were omitted" (p5). */
			sp->precision = p < 0 ? -1 : p;
			f++;
		} else {
			/* A lone '.' means precision 0 (p4). */
			sp->precision = parse_decimal(&f);
		}
	}

	switch (*f) {
	case 'h':
		sp->length = f[1] == 'h' ? LEN_CHAR : LEN_SHORT;
		f += sp->length == LEN_CHAR ? 2 : 1;
		break;
	case 'l':
		sp->length = f[1] == 'l' ? LEN_LLONG : LEN_LONG;
		f += sp->length == LEN_LLONG ? 2 : 1;
		break;
	case 'z':
		sp->length = LEN_SIZE;
		f++;
		break;
	case 't':
		sp->length = LEN_PTRDIFF;
		f++;
		break;
	case 'j':
		sp->length = LEN_INTMAX;
		f++;
		break;
	}
	*fmt = f;
}

/* Format one argument by conversion conv; false if conv is not supported. */
static bool convert(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(ap, sp->length);
		/* Negate in unsigned arithmetic: -INTMAX_MIN overflows. */
		uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
		const char *sign = v < 0 ? "-" : sp->plus ? "+" :
				   sp->space ? " " : "";

		out_integer(o, sp, mag, 10, false, sign);
		return true;
	}
	case 'u':
		out_integer(o, sp, arg_unsigned(ap, sp->length), 10, false, "");
		return true;
	case 'o':
		out_integer(o, sp, arg_unsigned(ap, sp->length), 8, false, "");
		return true;
	case 'x':
	case 'X': {
		uintmax_t v = arg_unsigned(ap, sp->length);
		/* '#' puts 0x (0X) before a nonzero result only (p6). */
		const char *prefix = !sp->alt || v == 0 ? "" :
				     conv == 'x' ? "0x" : "0X";

		out_integer(o, sp, v, 16, conv == 'X', prefix);
		return true;
	}
	case 'c': {
		char c = (unsigned char)va_arg(*ap, int);

		out_padded(o, sp, &c, 1);
		return true;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (!s)
			s = "(null)";
		/* With a precision the array need not be terminated, so read
		 * no further than that (p8). */
		out_padded(o, sp, s, sp->precision >= 0 ?
			   strnlen(s, sp->precision) : strlen(s));
		return true;
	}
	case 'p':
		/* Our choice (p8 leaves it to the implementation): all 16
		 * digits, like "0x%016lx". */
		sp->precision = 2 * sizeof(void *);
		out_integer(o, sp, (uintptr_t)va_arg(*ap, void *), 16, false,
			    "0x");
		return true;
	case '%':
		out_char(o, '%');
		return true;
	}
	return false;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	va_list args;

	/* A copy we may take the address of: a va_list parameter is an array
	 * on x86-64, so &ap would not be a va_list *. */
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;
		char conv;

		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, &args);
		conv = *fmt;
		if (conv)
			fmt++;
		/* An unsupported conversion (or a format ending in '%') is
		 * copied through as written, so the mistake shows. */
		if (!convert(&o, &sp, conv, &args))
			out_bytes(&o, start, fmt - start);
	}
	va_end(args);

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	/* An int cannot hold a longer length; POSIX says fail with EOVERFLOW,
	 * and a negative result is how C11 7.21.6.5 reports failure. */
	return o.len > __INT_MAX__ ? -1 : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
