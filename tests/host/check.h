/*
 * A minimal harness for host unit tests.
 *
 * A test program is a table of test functions run by run_tests().  A failing
 * CHECK prints a "# file:line: ..." diagnostic and fails the current test;
 * the test goes on, so one run shows every failed check.  The results are
 * printed as a KTAP subtest indented one level, which run.sh nests under its
 * own result line for the program.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

#define TEST(fn)	{ #fn, fn }
#ifndef ARRAY_SIZE	/* a kernel header may have defined it already */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

static unsigned check_failures;	/* failed checks in the current test */

static inline bool check_true(bool ok, const char *expr, const char *file,
			      int line)
{
	if (!ok) {
		printf("    # %s:%d: CHECK(%s) failed\n", file, line, expr);
		check_failures++;
	}
	return ok;
}

static inline bool check_eq_int(long long a, long long b, const char *ea,
				const char *eb, const char *file, int line)
{
	if (a != b) {
		printf("    # %s:%d: %s == %s failed: %lld (%#llx) != %lld (%#llx)\n",
		       file, line, ea, eb, a, (unsigned long long)a, b,
		       (unsigned long long)b);
		check_failures++;
	}
	return a == b;
}

/* s as a C string literal, so that a diagnostic stays on one line. */
static inline void check_print_quoted(const char *s)
{
	if (!s) {
		printf("NULL");
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '\n')
			printf("\\n");
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < ' ' || c > '~')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* NULL is a value here: two NULLs are equal, NULL and a string are not. */
static inline bool check_eq_str(const char *a, const char *b, const char *ea,
				const char *eb, const char *file, int line)
{
	bool ok = a && b ? strcmp(a, b) == 0 : a == b;

	if (!ok) {
		printf("    # %s:%d: %s == %s failed: ", file, line, ea, eb);
		check_print_quoted(a);
		printf(" != ");
		check_print_quoted(b);
		printf("\n");
		check_failures++;
	}
	return ok;
}

/* Each returns whether the check passed, for a test that must stop there. */
#define CHECK(cond)		check_true((cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ_INT(a, b)	check_eq_int((long long)(a), (long long)(b), \
					     #a, #b, __FILE__, __LINE__)
#define CHECK_EQ_STR(a, b)	check_eq_str((a), (b), #a, #b, __FILE__, __LINE__)

/* Run every case; the exit status is 1 if any failed. */
static inline int run_tests(const char *suite, const struct test_case *cases,
			    size_t count)
{
	unsigned failed = 0;

	/* Line-buffered, so that the results before a sanitizer abort are
	 * not lost in stdio's buffer. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("    KTAP version 1\n    # Subtest: %s\n    1..%zu\n", suite, count);
	for (size_t i = 0; i < count; i++) {
		check_failures = 0;
		cases[i].fn();
		printf("    %s %zu %s\n", check_failures ? "not ok" : "ok", i + 1,
		       cases[i].name);
		failed += check_failures != 0;
	}
	return failed != 0;
}

#endif /* CHECK_H */
