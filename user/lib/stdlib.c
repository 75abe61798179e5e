/* Number conversion, sorting, the environment and pseudo-random numbers. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- strtol and friends (C11 7.22.1.4) ----------------------------------- */

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;	/* no digit in any base */
}

/*
 * The common part: optional spaces and sign, then digits of base (0: from
 * the prefix, "0x" hexadecimal, "0" octal, else decimal).  Returns the
 * magnitude, saturated at ULLONG_MAX with *overflow set; *end is after the
 * last digit, or s itself when there is none.
 */
static unsigned long long parse(const char *s, char **end, int base,
				bool *neg, bool *overflow)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false;

	*neg = *overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows: "0xz" is the
	 * number 0 followed by "xz". */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		any = true;
		if (v > (ULLONG_MAX - d) / base)
			*overflow = true;
		else
			v = v * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return *overflow ? ULLONG_MAX : v;
}

/* The value is negated in the unsigned type, as C11 says. */
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	bool neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);
	/* The magnitude of LLONG_MIN is one more than LLONG_MAX's. */
	unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1 :
				   LLONG_MAX;

	if (overflow || v > limit) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)-v : (long long)v;
}

/* long is long long's size on x86-64. */
long strtol(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

int abs(int n)
{
	return n < 0 ? -n : n;
}

long labs(long n)
{
	return n < 0 ? -n : n;
}

long long llabs(long long n)
{
	return n < 0 ? -n : n;
}

/* --- qsort: heapsort, O(n log n) in every case and no recursion --------- */

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element i down the heap of n elements until its children are no
 * greater than it. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;

	/* Build a max-heap, then move its top to the end one at a time. */
	for (size_t i = n / 2; i > 0; i--)
		sift_down(b, i - 1, n, size, cmp);
	for (size_t end = n; end > 1; end--) {
		swap(b, b + (end - 1) * size, size);
		sift_down(b, 0, end - 1, size, cmp);
	}
}

/* --- The environment ----------------------------------------------------- */

/* The entry "name=value" for name, or NULL. */
static char **find_env(const char *name, size_t len)
{
	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
			return e;
	return NULL;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e = find_env(name, len);

	return e ? *e + len + 1 : NULL;
}

/*
 * The kernel's environment block and its strings are never freed; the
 * array and strings made here are never freed either, since a caller may
 * still hold what getenv returned.
 */
int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = strlen(name), vlen = strlen(value), n = 0;
	char **e, **grown, *entry;

	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	e = find_env(name, len);
	if (e && !overwrite)
		return 0;
	entry = malloc(len + 1 + vlen + 1);
	if (!entry)
		return -1;
	memcpy(entry, name, len);
	entry[len] = '=';
	memcpy(entry + len + 1, value, vlen + 1);
	if (e) {
		*e = entry;
		return 0;
	}
	while (environ && environ[n])
		n++;
	grown = malloc((n + 2) * sizeof(*grown));
	if (!grown) {
		free(entry);
		return -1;
	}
	if (n)
		memcpy(grown, environ, n * sizeof(*grown));
	grown[n] = entry;
	grown[n + 1] = NULL;
	environ = grown;
	return 0;
}

int unsetenv(const char *name)
{
	size_t len = strlen(name);
	char **e;

	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	/* Close up the gap; repeat in case the name appears twice. */
	while ((e = find_env(name, len)))
		for (; *e; e++)
			*e = e[1];
	return 0;
}

/* --- rand: a 64-bit linear congruential generator ----------------------- */

/* C11 7.22.2.2: without srand, as if srand(1). */
static unsigned long long rand_state = 1;

int rand(void)
{
	/* Knuth's MMIX constants.  The low bits of an LCG are poor (bit 0
	 * alternates), so return the top 31. */
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);
}

void srand(unsigned seed)
{
	rand_state = seed;
}
