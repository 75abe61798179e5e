/*
 * Memory and string functions, as plain byte loops: clear first, and fast
 * enough for a teaching kernel (the hot copies are page-sized and rare).
 */
#include <stdint.h>

#include "string.h"

/*
 * GCC may recognise a copy or fill loop and replace it with a call to memcpy
 * or memset ("loop distribution", -ftree-loop-distribute-patterns), even
 * under -ffreestanding -fno-builtin: GCC 12 -O3 does so for an indexed loop.
 * Inside memcpy and memset themselves that would be infinite recursion, so
 * turn the transformation off for the functions that implement them.
 */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

/*
 * memcpy and memset are the page-fault path's hot spots (a fresh page is
 * zeroed, a COW page copied): string instructions, 8 bytes at a time and
 * then the tail, which CPUs (SDM 7.3.9.3, fast-string operation) and
 * QEMU's TCG both run far faster than a byte loop.
 */
NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *d = dst;
	size_t quads = n / 8, tail = n % 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(quads) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(tail) : : "memory");
	return dst;
}

/* Like memcpy, but the ranges may overlap (C11 7.24.2.2). */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* As integers: C orders pointers only within one object (6.5.8). */
	if ((uintptr_t)d <= (uintptr_t)s) {
		/* Copying forwards never overwrites a byte before reading it. */
		while (n--)
			*d++ = *s++;
	} else {
		/* dst is above src: copy backwards for the same reason. */
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}

NO_LIBCALL void *memset(void *s, int c, size_t n)
{
	void *p = s;
	size_t quads = n / 8, tail = n % 8;
	uint64_t pattern = (uint8_t)c * 0x0101010101010101ULL;

	__asm__ volatile("rep stosq" : "+D"(p), "+c"(quads) : "a"(pattern) : "memory");
	__asm__ volatile("rep stosb" : "+D"(p), "+c"(tail) : "a"(pattern) : "memory");
	return s;
}

/* C11 7.24.4: bytes compare as unsigned char. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* Never reads s[maxlen] or beyond: s need not be terminated. */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

/* C11 7.24.4: characters compare as unsigned char. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

/* C11 7.24.5.2: the terminating NUL counts as part of the string. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
