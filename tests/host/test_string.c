/*
 * kernel/string.c against the host libc, over every offset and length in a
 * small range (the edge cases of byte loops are at the ends).
 *
 * Kernel sources: kernel/string.c
 */
#include <stdint.h>

#include "check.h"
#include "kernel_names.h"
#include "string.h"	/* the kernel's, declaring kernel_memcpy, ... */
#include "libc_names.h"

#define N 64

/* The sign of a comparison result: only the sign is specified. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + 1);
}

static void memcpy_matches_libc(void)
{
	unsigned char src[N], a[N], b[N];

	fill(src, N, 1);
	for (size_t off = 0; off < 8; off++)
		for (size_t n = 0; n + off <= N; n++) {
			memset(a, 0xaa, N);
			memset(b, 0xaa, N);
			CHECK(kernel_memcpy(a + off, src, n) == a + off);
			memcpy(b + off, src, n);
			CHECK(memcmp(a, b, N) == 0);
		}
}

static void memmove_overlaps_both_ways(void)
{
	unsigned char a[N], b[N];

	for (size_t dst = 0; dst < 16; dst++)
		for (size_t src = 0; src < 16; src++)
			for (size_t n = 0; n + 16 <= N; n += 5) {
				fill(a, N, 3);
				fill(b, N, 3);
				CHECK(kernel_memmove(a + dst, a + src, n) ==
				      a + dst);
				memmove(b + dst, b + src, n);
				CHECK(memcmp(a, b, N) == 0);
			}
}

static void memset_fills_only_n_bytes(void)
{
	unsigned char a[N], b[N];

	for (size_t off = 0; off < 8; off++)
		for (size_t n = 0; n + off <= N; n++) {
			fill(a, N, 5);
			fill(b, N, 5);
			/* Only the low byte of c is used (C11 7.24.6.1). */
			CHECK(kernel_memset(a + off, 0x1ab, n) == a + off);
			memset(b + off, 0x1ab, n);
			CHECK(memcmp(a, b, N) == 0);
		}
}

static void memcmp_compares_unsigned(void)
{
	unsigned char a[N], b[N];

	fill(a, N, 9);
	for (size_t i = 0; i < N; i++) {
		memcpy(b, a, N);
		b[i] = 0x80;	/* above every signed char */
		CHECK_EQ_INT(sign(kernel_memcmp(a, b, N)), sign(memcmp(a, b, N)));
		CHECK_EQ_INT(sign(kernel_memcmp(b, a, N)), sign(memcmp(b, a, N)));
		CHECK_EQ_INT(kernel_memcmp(a, b, i), 0);
	}
	CHECK_EQ_INT(kernel_memcmp(a, a, N), 0);
}

static const char *const strings[] = {
	"", "a", "ab", "abc", "abd", "abcd", "b", "\x80", "\xff" "a",
	"hello world", "hello", "hello\x7f", "a,b,c", "x=y=z",
};

static void strlen_and_strnlen(void)
{
	char unterminated[3] = { 'x', 'y', 'z' };

	for (size_t i = 0; i < ARRAY_SIZE(strings); i++) {
		const char *s = strings[i];

		CHECK_EQ_INT(kernel_strlen(s), strlen(s));
		for (size_t max = 0; max < 16; max++)
			CHECK_EQ_INT(kernel_strnlen(s, max), strnlen(s, max));
	}
	/* strnlen must not look past maxlen: ASan would report a read of
	 * unterminated[3]. */
	CHECK_EQ_INT(kernel_strnlen(unterminated, 3), 3);
}

static void strcmp_and_strncmp(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
		for (size_t j = 0; j < ARRAY_SIZE(strings); j++) {
			const char *a = strings[i], *b = strings[j];

			CHECK_EQ_INT(sign(kernel_strcmp(a, b)),
				     sign(strcmp(a, b)));
			for (size_t n = 0; n < 14; n++)
				CHECK_EQ_INT(sign(kernel_strncmp(a, b, n)),
					     sign(strncmp(a, b, n)));
		}
}

static void strchr_and_strrchr(void)
{
	static const int chars[] = { 'a', 'b', 'l', 'o', ',', '=', 0, 0x80, 0xff,
				     'a' + 256, 'q' };

	for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
		for (size_t j = 0; j < ARRAY_SIZE(chars); j++) {
			const char *s = strings[i];
			int c = chars[j];

			CHECK(kernel_strchr(s, c) == strchr(s, c));
			CHECK(kernel_strrchr(s, c) == strrchr(s, c));
		}
}

static void strlcpy_truncates_and_terminates(void)
{
	char buf[8];

	/* The host libc may not have strlcpy, so the expectations are
	 * spelled out. */
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_INT(kernel_strlcpy(buf, "hello", sizeof(buf)), 5);
	CHECK_EQ_STR(buf, "hello");

	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_INT(kernel_strlcpy(buf, "hello world", sizeof(buf)), 11);
	CHECK_EQ_STR(buf, "hello w");

	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_INT(kernel_strlcpy(buf, "1234567", sizeof(buf)), 7);
	CHECK_EQ_STR(buf, "1234567");

	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_INT(kernel_strlcpy(buf, "abc", 1), 3);
	CHECK_EQ_INT(buf[0], '\0');
	CHECK_EQ_INT(buf[1], 'x');

	/* Size 0 writes nothing at all. */
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_INT(kernel_strlcpy(buf, "abc", 0), 3);
	CHECK_EQ_INT(buf[0], 'x');
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(memcpy_matches_libc),
		TEST(memmove_overlaps_both_ways),
		TEST(memset_fills_only_n_bytes),
		TEST(memcmp_compares_unsigned),
		TEST(strlen_and_strnlen),
		TEST(strcmp_and_strncmp),
		TEST(strchr_and_strrchr),
		TEST(strlcpy_truncates_and_terminates),
	};

	return run_tests("test_string", cases, ARRAY_SIZE(cases));
}
