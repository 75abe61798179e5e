/*
 * assert (C11 7.2).  No include guard on purpose: the standard says each
 * inclusion redefines assert according to the NDEBUG in effect there.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H
#define static_assert _Static_assert
/* Prints "file:line: func: assertion `expr' failed" and aborts. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
			     const char *func);
#endif
