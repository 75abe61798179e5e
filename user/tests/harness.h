/*
 * A tiny test harness for the user-space tests, header-only; it builds
 * with our libc and with musl alike, so a test runs on the kernel and on
 * Linux unchanged.  A test program is one source file:
 *
 *	#include "harness.h"
 *
 *	TEST(pipe_keeps_order)
 *	{
 *		int fds[2];
 *
 *		ASSERT_EQ(pipe(fds), 0);
 *		EXPECT_ERRNO(read(-1, NULL, 0), EBADF);
 *	}
 *
 *	int main(void)
 *	{
 *		return run_tests();
 *	}
 *
 * Each case runs in a child process of its own, so a crash fails that case
 * alone ("not ok 3 name # killed by signal 11") and no case sees another's
 * state; TEST_NOFORK(name) runs one in the test program itself instead.
 * EXPECT_* report a failure and go on; ASSERT_* report it and return from
 * the case.  The comparisons take integers or pointers.
 *
 * run_tests() prints the program's KTAP subtest, indented by 4 spaces
 * because init prints the program's own result line at column 0:
 *
 *	    KTAP version 1
 *	    # Subtest: pipes
 *	    1..2
 *	    ok 1 pipe_keeps_order
 *	    # pipes.c:20: expected n == 5, got 4 and 5
 *	    not ok 2 pipe_eof
 *
 * and returns 0 (for main to return) when every case passed, 1 otherwise.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct harness_test {
	const char *name;
	void (*fn)(void);
	int line;	/* cases run in source order */
	int nofork;
};

/*
 * TEST() puts a pointer to its descriptor in the section harness_tests;
 * the linker defines __start_ and __stop_ symbols around any section
 * named like a C identifier.
 */
extern const struct harness_test *const __start_harness_tests[];
extern const struct harness_test *const __stop_harness_tests[];

#define HARNESS_DEFINE_(name, nofork)                                         \
	static void harness_test_##name(void);                                \
	static const struct harness_test harness_desc_##name = {              \
		#name, harness_test_##name, __LINE__, nofork };               \
	static const struct harness_test *const harness_ptr_##name            \
		__attribute__((used, section("harness_tests"))) =             \
			&harness_desc_##name;                                 \
	static void harness_test_##name(void)

#define TEST(name)        HARNESS_DEFINE_(name, 0)
#define TEST_NOFORK(name) HARNESS_DEFINE_(name, 1)

/* Whether the running case has failed. */
static int harness_failed;

__attribute__((format(printf, 3, 4)))
static inline void harness_fail(const char *file, int line, const char *fmt,
				...)
{
	const char *base = strrchr(file, '/');
	va_list ap;

	harness_failed = 1;
	printf("    # %s:%d: ", base ? base + 1 : file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	/* Out now, in case the case crashes before its end. */
	fflush(stdout);
}

/* What a failed check does after reporting: go on, or leave the case. */
#define HARNESS_GO_ON_
#define HARNESS_LEAVE_ return

#define HARNESS_CMP_(a, op, b, then)                                          \
	do {                                                                  \
		long long harness_a_ = (long long)(a);                        \
		long long harness_b_ = (long long)(b);                        \
		if (!(harness_a_ op harness_b_)) {                            \
			harness_fail(__FILE__, __LINE__,                      \
				     "expected %s %s %s, got %lld and %lld",  \
				     #a, #op, #b, harness_a_, harness_b_);    \
			then;                                                 \
		}                                                             \
	} while (0)

#define HARNESS_TRUE_(cond, then)                                             \
	do {                                                                  \
		if (!(cond)) {                                                \
			harness_fail(__FILE__, __LINE__,                      \
				     "expected %s, got false", #cond);        \
			then;                                                 \
		}                                                             \
	} while (0)

#define HARNESS_STREQ_(a, b, then)                                            \
	do {                                                                  \
		const char *harness_a_ = (a), *harness_b_ = (b);              \
		if (strcmp(harness_a_, harness_b_) != 0) {                    \
			harness_fail(__FILE__, __LINE__,                      \
				     "expected %s equal to %s, got \"%s\" "   \
				     "and \"%s\"", #a, #b, harness_a_,        \
				     harness_b_);                             \
			then;                                                 \
		}                                                             \
	} while (0)

/* The call must return -1 (or MAP_FAILED, (void *)-1) with errno err. */
#define HARNESS_ERRNO_(call, err, then)                                       \
	do {                                                                  \
		long long harness_r_;                                         \
		int harness_e_;                                               \
		errno = 0;                                                    \
		harness_r_ = (long long)(call);                               \
		harness_e_ = errno;                                           \
		if (harness_r_ != -1 || harness_e_ != (err)) {                \
			harness_fail(__FILE__, __LINE__,                      \
				     "expected %s to fail with %s, got %lld " \
				     "and errno %d (%s)", #call, #err,        \
				     harness_r_, harness_e_,                  \
				     strerror(harness_e_));                   \
			then;                                                 \
		}                                                             \
	} while (0)

#define EXPECT_EQ(a, b)          HARNESS_CMP_(a, ==, b, HARNESS_GO_ON_)
#define EXPECT_NE(a, b)          HARNESS_CMP_(a, !=, b, HARNESS_GO_ON_)
#define EXPECT_LT(a, b)          HARNESS_CMP_(a, <, b, HARNESS_GO_ON_)
#define EXPECT_LE(a, b)          HARNESS_CMP_(a, <=, b, HARNESS_GO_ON_)
#define EXPECT_GT(a, b)          HARNESS_CMP_(a, >, b, HARNESS_GO_ON_)
#define EXPECT_GE(a, b)          HARNESS_CMP_(a, >=, b, HARNESS_GO_ON_)
#define EXPECT_TRUE(cond)        HARNESS_TRUE_(cond, HARNESS_GO_ON_)
#define EXPECT_STREQ(a, b)       HARNESS_STREQ_(a, b, HARNESS_GO_ON_)
#define EXPECT_ERRNO(call, err)  HARNESS_ERRNO_(call, err, HARNESS_GO_ON_)

#define ASSERT_EQ(a, b)          HARNESS_CMP_(a, ==, b, HARNESS_LEAVE_)
#define ASSERT_NE(a, b)          HARNESS_CMP_(a, !=, b, HARNESS_LEAVE_)
#define ASSERT_LT(a, b)          HARNESS_CMP_(a, <, b, HARNESS_LEAVE_)
#define ASSERT_LE(a, b)          HARNESS_CMP_(a, <=, b, HARNESS_LEAVE_)
#define ASSERT_GT(a, b)          HARNESS_CMP_(a, >, b, HARNESS_LEAVE_)
#define ASSERT_GE(a, b)          HARNESS_CMP_(a, >=, b, HARNESS_LEAVE_)
#define ASSERT_TRUE(cond)        HARNESS_TRUE_(cond, HARNESS_LEAVE_)
#define ASSERT_STREQ(a, b)       HARNESS_STREQ_(a, b, HARNESS_LEAVE_)
#define ASSERT_ERRNO(call, err)  HARNESS_ERRNO_(call, err, HARNESS_LEAVE_)

/*
 * Run one case; 0 if it passed, else the status that says why not (a
 * fork() failure is reported as exit status 127).
 */
static inline int harness_run_one(const struct harness_test *t)
{
	pid_t pid;
	int status;

	harness_failed = 0;
	if (t->nofork) {
		t->fn();
		return harness_failed ? 1 << 8 : 0;
	}
	/* Or the child would print our pending output a second time. */
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("    # fork: %s\n", strerror(errno));
		return 127 << 8;
	}
	if (pid == 0) {
		t->fn();
		fflush(stdout);
		_exit(harness_failed);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127 << 8;
	return status;
}

/* A macro, so __FILE__ names the test program's source, not this file. */
#define run_tests() harness_run(__FILE__)

static inline int harness_run(const char *file)
{
	size_t n = __stop_harness_tests - __start_harness_tests;
	const struct harness_test *tests[n ? n : 1];
	const char *name = strrchr(file, '/');
	int failed = 0;

	/* The linker keeps the order it met the descriptors in, which need
	 * not be the source's: sort by line (insertion sort, n is small). */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		for (; j > 0 && tests[j - 1]->line > __start_harness_tests[i]->line;
		     j--)
			tests[j] = tests[j - 1];
		tests[j] = __start_harness_tests[i];
	}

	name = name ? name + 1 : file;
	printf("    KTAP version 1\n");
	printf("    # Subtest: %.*s\n", (int)strcspn(name, "."), name);
	printf("    1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		int status = harness_run_one(tests[i]);

		if (status == 0) {
			printf("    ok %zu %s\n", i + 1, tests[i]->name);
			continue;
		}
		failed = 1;
		if (WIFSIGNALED(status))
			printf("    not ok %zu %s # killed by signal %d\n", i + 1,
			       tests[i]->name, WTERMSIG(status));
		else if (WEXITSTATUS(status) != 1)
			printf("    not ok %zu %s # exit status %d\n", i + 1,
			       tests[i]->name, WEXITSTATUS(status));
		else
			printf("    not ok %zu %s\n", i + 1, tests[i]->name);
	}
	fflush(stdout);
	return failed;
}

#endif
