/*
 * kernel/vsprintf.c against the host libc's snprintf as the oracle: a table
 * of fixed cases, then random values under random flags, widths and
 * precisions.  Only what C11 defines is compared; the kernel's own choices
 * (%p, NULL strings, unknown conversions) are checked against literals.
 *
 * Kernel sources: kernel/vsprintf.c kernel/string.c
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>

#include "check.h"
#include "kernel_names.h"
#include "printk.h"	/* the kernel's, declaring kernel_snprintf, ... */
#include "libc_names.h"

static char kbuf[512], lbuf[512];

/*
 * Format the same call with both and compare results and text.  The text
 * is compared as bytes, since %c may put a NUL inside it.
 */
static void same(const char *file, int line, const char *call, int kn, int ln,
		 size_t size)
{
	size_t n = (size_t)ln < size ? (size_t)ln : size - 1;

	check_eq_int(kn, ln, "kernel", call, file, line);
	if (size && memcmp(kbuf, lbuf, n + 1) != 0)
		check_eq_str(kbuf, lbuf, "kernel", call, file, line);
}

/* libc's snprintf through vsnprintf, which GCC does not second-guess with
 * -Wformat-truncation: truncating is the point of some cases. */
__attribute__((format(printf, 3, 4)))
static int oracle(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define SAME(...)	SAME_N(sizeof(kbuf), __VA_ARGS__)
#define SAME_N(size, ...)						\
	same(__FILE__, __LINE__, #__VA_ARGS__,				\
	     kernel_snprintf(kbuf, size, __VA_ARGS__),			\
	     oracle(lbuf, size, __VA_ARGS__), size)

static void integers(void)
{
	SAME("%d %d %d %d %d", 0, 1, -1, INT_MAX, INT_MIN);
	SAME("%i %i", 42, -42);
	SAME("%u %u %u", 0u, 1u, UINT_MAX);
	SAME("%x %X %x %X", 0xdeadbeefu, 0xdeadbeefu, 0u, UINT_MAX);
	SAME("%o %o %o", 0u, 8u, UINT_MAX);
	SAME("[%d]", 123456789);
}

static void length_modifiers(void)
{
	/* hh and h convert the promoted int back to char and short. */
	SAME("%hhd %hhd %hhu %hhx", 300, -129, -1, 511);
	SAME("%hd %hd %hu %hx", 70000, -32769, -1, 0x12345);
	SAME("%ld %ld %lu %lx", LONG_MIN, LONG_MAX, ULONG_MAX, 0x123456789abcdefUL);
	SAME("%lld %llu %llx %llo", LLONG_MIN, ULLONG_MAX, 1ULL << 63, ULLONG_MAX);
	SAME("%zu %zd %zx", SIZE_MAX, (ssize_t)-5, (size_t)4096);
	SAME("%td %tu %tx", (ptrdiff_t)-7, (size_t)PTRDIFF_MAX, (size_t)-1);
	SAME("%jd %ju %jx", INTMAX_MIN, UINTMAX_MAX, (uintmax_t)0xabc);
}

static void flags_width_precision(void)
{
	SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
	SAME("[%05d] [%+05d] [% 05d] [%-5d]", -42, 42, 42, -42);
	SAME("[%.3d] [%.3d] [%8.3d] [%-8.3d]", 7, -7, 7, -7);
	SAME("[%.0d] [%5.0d] [%.0u] [%.0x] [%.d]", 0, 0, 0u, 0u, 0);
	SAME("[%#x] [%#x] [%#X] [%#08x] [%-#8x] [%#.5x]", 0u, 255u, 255u,
	     255u, 255u, 255u);
	SAME("[%#o] [%#o] [%#.0o] [%#5o] [%#.3o] [%#.4o]", 0u, 8u, 0u, 8u, 8u,
	     8u);
	SAME("[%1d] [%2d] [%300d]", 12345, -1, 1);
	SAME("[%0*d] [%-*d]", 6, -12, 6, 12);
}

/*
 * Flags that override others: '+' beats ' ', '-' beats '0', and a precision
 * turns '0' off (C11 7.21.6.1p6).  Well defined, but -Wformat warns about
 * them, so the formats are not literals here.
 */
static void overriding_flags(void)
{
	static const char *const formats[] = {
		"[%+ d]", "[% +d]", "[%-05d]", "[%0-5d]", "[%08.3d]",
		"[%-08.3d]", "[%+08.3d]", "[%+ 08d]", "[%-+ 08.0d]",
		"[%-08x]", "[%#08.3x]", "[%0#10o]", "[%-#010X]",
	};
	static const int values[] = { 0, 1, -1, 42, -42, INT_MAX, INT_MIN };

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		for (size_t j = 0; j < ARRAY_SIZE(values); j++) {
			const char *fmt = formats[i];

			same(__FILE__, __LINE__, fmt,
			     kernel_snprintf(kbuf, sizeof(kbuf), fmt, values[j]),
			     oracle(lbuf, sizeof(lbuf), fmt, values[j]),
			     sizeof(kbuf));
		}
}

static void star_arguments(void)
{
	/* A negative width is '-' and its magnitude; a negative precision
	 * is no precision (C11 7.21.6.1p5). */
	SAME("[%*d] [%*d] [%.*d] [%.*d]", 5, 1, -5, 1, 3, 1, -1, 1);
	SAME("[%*.*d] [%-*.*x]", 8, 4, -3, 8, 4, 0xabu);
	SAME("[%*s] [%.*s] [%*c]", -6, "ab", 2, "abcdef", 3, 'z');
	SAME("[%0*d]", -6, 5);	/* '-' from the width beats '0' */
}

static void chars_and_strings(void)
{
	char unterminated[3] = { 'x', 'y', 'z' };

	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("[%5c] [%-5c] [%c]", 'x', 'y', 0x141);	/* int -> unsigned char */
	SAME("a%cb", 0);	/* a NUL inside the output */
	SAME("[%s] [%s] [%10s] [%-10s] [%.3s] [%.0s] [%10.2s] [%-6.1s]", "hello",
	     "", "hi", "hi", "hello", "hello", "hello", "hello");
	/* With a precision the array need not be terminated: ASan would
	 * report a read of unterminated[3]. */
	SAME("[%.3s] [%.2s]", unterminated, unterminated);
	SAME("100%% %%d %c%%", 'x');
}

static void truncation(void)
{
	/* Size 0: nothing written (buf may be NULL), full length returned. */
	CHECK_EQ_INT(kernel_snprintf(NULL, 0, "%s %d", "hello", 12345), 11);
	memset(kbuf, 'q', 4);
	CHECK_EQ_INT(kernel_snprintf(kbuf, 0, "abc"), 3);
	CHECK_EQ_INT(kbuf[0], 'q');

	for (size_t size = 1; size < 16; size++) {
		memset(kbuf, 'q', sizeof(kbuf));
		memset(lbuf, 'q', sizeof(lbuf));
		SAME_N(size, "%s, %05d%c", "hello world", 42, '!');
		/* Nothing written past buf[size - 1]. */
		CHECK_EQ_INT(kbuf[size], 'q');
	}
	SAME_N(4, "%d", 123);
	SAME_N(4, "%d", 1234);
}

/* The kernel's own choices, documented in printk.h. */
static void kernel_extensions(void)
{
	const char *volatile null = NULL;	/* hide it from -Wformat */
	void *p = (void *)0xffffffff80001234UL;
	const char *fmt;

	kernel_snprintf(kbuf, sizeof(kbuf), "%p", p);
	CHECK_EQ_STR(kbuf, "0xffffffff80001234");
	kernel_snprintf(kbuf, sizeof(kbuf), "%p", (void *)0x1000);
	CHECK_EQ_STR(kbuf, "0x0000000000001000");
	kernel_snprintf(kbuf, sizeof(kbuf), "%p", NULL);
	CHECK_EQ_STR(kbuf, "0x0000000000000000");
	kernel_snprintf(kbuf, sizeof(kbuf), "[%20p] [%-20p]", (void *)1, (void *)2);
	CHECK_EQ_STR(kbuf, "[  0x0000000000000001] [0x0000000000000002  ]");

	CHECK_EQ_INT(kernel_snprintf(kbuf, sizeof(kbuf), "[%s]", null), 8);
	CHECK_EQ_STR(kbuf, "[(null)]");

	/* Not a conversion we support: copied through as written.  The
	 * format is a variable so that -Wformat does not reject it. */
	fmt = "a%yb %-5.2Lq %";
	CHECK_EQ_INT(kernel_snprintf(kbuf, sizeof(kbuf), fmt, 0), 14);
	CHECK_EQ_STR(kbuf, "a%yb %-5.2Lq %");
}

/* xorshift64 (Marsaglia 2003): reproducible, and enough to spread values. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A value with random magnitude, so that short numbers come up often. */
static uint64_t random_value(void)
{
	return rng() >> (rng() % 64);
}

/*
 * Build "%<flags>*.*<length><conv>" with random flags.  '#' only goes with
 * o, x and X: with other conversions it is undefined (C11 7.21.6.1p6).
 */
static void random_format(char *fmt, const char *length, char conv)
{
	static const char flags[] = "-+ 0#";
	char *p = fmt;

	*p++ = '%';
	for (int i = 0; i < 5; i++)
		if (rng() % 3 == 0 && (flags[i] != '#' || strchr("oxX", conv)))
			*p++ = flags[i];
	sprintf(p, "*.*%s%c", length, conv);
}

static void random_numbers(void)
{
	static const char convs[] = "diuoxX";
	unsigned failures_before = check_failures;

	for (int i = 0; i < 20000 && check_failures == failures_before; i++) {
		char fmt[32];
		char conv = convs[rng() % 6];
		int width = (int)(rng() % 50) - 25;		/* < 0: '-' */
		int precision = (int)(rng() % 30) - 5;		/* < 0: none */
		uint64_t v = random_value();
		int kn, ln;

		/* Each length modifier with an argument of its type. */
		switch (rng() % 5) {
		case 0:
			random_format(fmt, "", conv);
			kn = kernel_snprintf(kbuf, sizeof(kbuf), fmt, width,
					     precision, (int)v);
			ln = oracle(lbuf, sizeof(lbuf), fmt, width, precision,
				    (int)v);
			break;
		case 1:
			random_format(fmt, "hh", conv);
			kn = kernel_snprintf(kbuf, sizeof(kbuf), fmt, width,
					     precision, (int)v);
			ln = oracle(lbuf, sizeof(lbuf), fmt, width, precision,
				    (int)v);
			break;
		case 2:
			random_format(fmt, "h", conv);
			kn = kernel_snprintf(kbuf, sizeof(kbuf), fmt, width,
					     precision, (int)v);
			ln = oracle(lbuf, sizeof(lbuf), fmt, width, precision,
				    (int)v);
			break;
		case 3:
			random_format(fmt, "l", conv);
			kn = kernel_snprintf(kbuf, sizeof(kbuf), fmt, width,
					     precision, (long)v);
			ln = oracle(lbuf, sizeof(lbuf), fmt, width, precision,
				    (long)v);
			break;
		default:
			random_format(fmt, "ll", conv);
			kn = kernel_snprintf(kbuf, sizeof(kbuf), fmt, width,
					     precision, (long long)v);
			ln = oracle(lbuf, sizeof(lbuf), fmt, width, precision,
				    (long long)v);
			break;
		}
		check_eq_int(kn, ln, "kernel", fmt, __FILE__, __LINE__);
		check_eq_str(kbuf, lbuf, "kernel", fmt, __FILE__, __LINE__);
		if (check_failures != failures_before)
			printf("    # case %d: width %d, precision %d, value %#llx\n",
			       i, width, precision, (unsigned long long)v);
	}
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(integers),
		TEST(length_modifiers),
		TEST(flags_width_precision),
		TEST(overriding_flags),
		TEST(star_arguments),
		TEST(chars_and_strings),
		TEST(truncation),
		TEST(kernel_extensions),
		TEST(random_numbers),
	};

	return run_tests("test_vsprintf", cases, ARRAY_SIZE(cases));
}
