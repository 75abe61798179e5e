/*
 * In-kernel tests (DESIGN.md section 7). A test is
 *
 *	KTEST(buddy, coalesce)
 *	{
 *		KEXPECT_EQ(free_pages_count(), before);
 *	}
 *
 * linked into the normal kernel through the .ktests section and run at boot
 * by `ktest=all` or `ktest=suite,suite.test,...`. KEXPECT_* report a
 * failure (file, line, both values) and go on; KASSERT_* end the test. An
 * exception inside a test fails that test only; KEXPECT_TRAP expects one.
 * Suites whose name starts with "selftest" run only when named.
 */
#ifndef KTEST_H
#define KTEST_H

#include <stdint.h>
#include <stdbool.h>
#include "setjmp.h"
#include "string.h"

struct trap_frame;

struct ktest {
	const char *suite;
	const char *name;
	void (*run)(void);
};

#define KTEST(suite, name)                                                  \
	static void ktest_##suite##_##name(void);                           \
	static const struct ktest ktest_desc_##suite##_##name               \
		__attribute__((used, section(".ktests"), aligned(8))) = {   \
			#suite, #name, ktest_##suite##_##name };            \
	static void ktest_##suite##_##name(void)

/*
 * A run (kernel/main.c drives it): ktest_begin prints the plan for the
 * kernel suites plus any user-space suites, ktest_run_kernel runs the
 * in-kernel ones, ktest_report_suite reports a suite result the kernel
 * learned otherwise, ktest_end prints the summary and stops QEMU.
 */
unsigned ktest_count_suites(const char *selection);
bool ktest_selects(const char *selection, const char *suite);
/* Does the selection pick suite.name (user.fork: the user test program
 * /tests/fork)? */
bool ktest_selects_test(const char *selection, const char *suite, const char *name);
void ktest_begin(unsigned total_suites);
void ktest_run_kernel(const char *selection);
void ktest_report_suite(bool ok, const char *name);
unsigned ktest_suites_reported(void);
/* count suites were numbered and reported by someone else (init). */
void ktest_suites_reported_elsewhere(unsigned count);
/* A failure outside any suite (init died): fails the run. */
void ktest_note_failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ktest_end(void) __attribute__((noreturn));

void ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ktest_abort(void) __attribute__((noreturn));
/* Print a diagnostic line ("# ...") inside the current test's output. */
void ktest_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool ktest_running(void);

#define KTEST_CHECK_OP_(a, op, b, on_fail)                                  \
	do {                                                                \
		__auto_type ka_ = (a);                                      \
		__auto_type kb_ = (b);                                      \
		/* Mixed signedness is the test author's to judge. */       \
		_Pragma("GCC diagnostic push")                              \
		_Pragma("GCC diagnostic ignored \"-Wsign-compare\"")        \
		bool ok_ = ka_ op kb_;                                      \
		_Pragma("GCC diagnostic pop")                               \
		if (!ok_) {                                                 \
			ktest_fail(__FILE__, __LINE__,                      \
				   "expected %s %s %s: %s = %lld (%#llx), " \
				   "%s = %lld (%#llx)",                     \
				   #a, #op, #b, #a, (long long)ka_,         \
				   (unsigned long long)ka_, #b,             \
				   (long long)kb_, (unsigned long long)kb_); \
			on_fail;                                            \
		}                                                           \
	} while (0)

#define KEXPECT_EQ(a, b) KTEST_CHECK_OP_(a, ==, b, (void)0)
#define KEXPECT_NE(a, b) KTEST_CHECK_OP_(a, !=, b, (void)0)
#define KEXPECT_LT(a, b) KTEST_CHECK_OP_(a, <, b, (void)0)
#define KEXPECT_LE(a, b) KTEST_CHECK_OP_(a, <=, b, (void)0)
#define KEXPECT_GT(a, b) KTEST_CHECK_OP_(a, >, b, (void)0)
#define KEXPECT_GE(a, b) KTEST_CHECK_OP_(a, >=, b, (void)0)
#define KASSERT_EQ(a, b) KTEST_CHECK_OP_(a, ==, b, ktest_abort())
#define KASSERT_NE(a, b) KTEST_CHECK_OP_(a, !=, b, ktest_abort())

#define KTEST_CHECK_BOOL_(cond, want, on_fail)                              \
	do {                                                                \
		if ((bool)(cond) != (want)) {                              \
			ktest_fail(__FILE__, __LINE__, "expected %s to be %s", \
				   #cond, (want) ? "true" : "false");        \
			on_fail;                                            \
		}                                                           \
	} while (0)

#define KEXPECT_TRUE(cond)  KTEST_CHECK_BOOL_(cond, true, (void)0)
#define KEXPECT_FALSE(cond) KTEST_CHECK_BOOL_(cond, false, (void)0)
#define KASSERT_TRUE(cond)  KTEST_CHECK_BOOL_(cond, true, ktest_abort())

#define KEXPECT_STREQ(a, b)                                                 \
	do {                                                                \
		const char *ka_ = (a), *kb_ = (b);                          \
		if (strcmp(ka_, kb_) != 0)                                  \
			ktest_fail(__FILE__, __LINE__,                      \
				   "expected %s == %s: \"%s\" vs \"%s\"",   \
				   #a, #b, ka_, kb_);                       \
	} while (0)

/*
 * KEXPECT_TRAP(X86_UD, __asm__ volatile("ud2")) runs the statement and
 * expects it to raise the exception `vector`; the trap handler jumps back
 * here, and ktest_last_trap describes the exception. The test fails if
 * the statement completes or raises a different exception.
 */
struct ktest_trap {
	unsigned vector;
	uint64_t error_code, rip, cr2;
};
extern struct ktest_trap ktest_last_trap;

struct jmp_buf *ktest_trap_arm(unsigned vector);
void ktest_trap_missed(const char *file, int line);
void ktest_trap_disarm(void);

#define KEXPECT_TRAP(vector, statement)                                     \
	do {                                                                \
		if (kernel_setjmp(ktest_trap_arm(vector)) == 0) {           \
			statement;                                          \
			ktest_trap_missed(__FILE__, __LINE__);              \
		}                                                           \
		ktest_trap_disarm();                                        \
	} while (0)

/* Leak accounting (kernel/ktest_leak.c): snapshot before a test, check
 * after; the check prints "# leak: ..." lines and returns false on a leak. */
#define KTEST_MAX_CACHES 64
void ktest_leak_snapshot(void);
bool ktest_leak_check(void);

/* Called by the trap handler: true if a test owns this exception (it does
 * not return then: the test is resumed or ended). */
void ktest_handle_trap(struct trap_frame *frame);

#endif
