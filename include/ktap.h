/*
 * KTAP version 1 output, the Linux kernel's test-result format
 * (Documentation/dev-tools/ktap.rst):
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: buddy
 *	    1..2
 *	    ok 1 buddy_alloc
 *	    # expected 0, got -12
 *	    not ok 2 buddy_coalesce
 *	not ok 1 buddy
 *	ok 2 slab # SKIP no memory
 *
 * Each nesting level indents by 4 spaces.  A nested test is written by
 * raising w->depth, writing its version, "# Subtest:" line (as KUnit does),
 * plan and results, lowering w->depth and writing its own result line.
 */
#ifndef KERNEL_KTAP_H
#define KERNEL_KTAP_H

#include <stdbool.h>
#include <stddef.h>

/* Longest line written, indentation and newline included; longer ones are
 * cut short. */
#define KTAP_LINE_MAX	256

/* Where the lines go: each is one write() call of a whole line ending in
 * "\n", so a console lock around write() keeps lines from interleaving. */
struct ktap_writer {
	void (*write)(void *ctx, const char *s, size_t len);
	void *ctx;
	unsigned depth;		/* nesting level: 4 spaces of indentation each */
};

/* "KTAP version 1", "# Subtest: name" and the plan "1..count". */
void ktap_version(struct ktap_writer *w);
void ktap_subtest(struct ktap_writer *w, const char *name);
void ktap_plan(struct ktap_writer *w, unsigned count);

/*
 * "ok number name" or "not ok number name", followed by " # directive" if
 * directive is not NULL (e.g. "SKIP no IOAPIC").  KTAP does not allow '#' or
 * a newline in name.
 */
void ktap_result(struct ktap_writer *w, bool ok, unsigned number,
		 const char *name, const char *directive);

/* Diagnostic text, cut at KTAP_LINE_MAX bytes: each of its lines is written
 * as "# line". */
void ktap_diag(struct ktap_writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* KERNEL_KTAP_H */
