/*
 * Fake include/panic.h: panic() longjmps back into the test when one is
 * armed, so a test can assert that a bug is detected:
 *
 *	CHECK(PANICS(free_pages(page, 0)));
 *	CHECK(strstr(panic_message, "double free"));
 *
 * Unarmed, it prints the message and aborts. Same guard as the real header;
 * BUG_ON and ASSERT are the real ones.
 */
#ifndef PANIC_H
#define PANIC_H

#include <setjmp.h>
#include <stdbool.h>

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (__builtin_expect(!!(cond), 0))                          \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#ifdef DEBUG
#define ASSERT(cond) BUG_ON(!(cond))
#else
#define ASSERT(cond) do { (void)sizeof(cond); } while (0)
#endif

/* Where panic() jumps (NULL: nowhere, abort) and what it said last. */
extern jmp_buf *panic_jump;
extern char panic_message[512];

/* Run stmt; true if it panicked. The code that panicked is abandoned
 * mid-way, so only code that checks before it changes anything may be
 * resumed after a caught panic. */
#define PANICS(stmt)                                                        \
	({                                                                  \
		jmp_buf panic_env_;                                         \
		volatile bool panicked_ = false;                            \
		panic_message[0] = '\0';                                    \
		panic_jump = &panic_env_;                                   \
		if (setjmp(panic_env_) == 0) {                              \
			stmt;                                               \
		} else {                                                    \
			panicked_ = true;                                   \
		}                                                           \
		panic_jump = NULL;                                          \
		(bool)panicked_;                                            \
	})

#endif
