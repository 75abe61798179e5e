/*
 * The kernel command line: "init=/bin/sh ktest=buddy,slab quiet".
 *
 * Words are separated by spaces (or tabs, newlines).  A word is either
 * key=value or a bare flag; the key ends at the word's first '='.  Double
 * quotes let a word contain spaces and are removed, wherever they are:
 * init="/bin/sh -x" and "init=/bin/sh -x" both give key init, value
 * "/bin/sh -x" (as Linux's next_arg() does for those forms).
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>

#define CMDLINE_MAX		1024	/* bytes of text, NUL included */
#define CMDLINE_MAX_ARGS	64

struct cmdline_arg {
	const char *key;
	const char *value;	/* NULL for a bare flag */
};

struct cmdline {
	char buf[CMDLINE_MAX];	/* the keys and values, NUL-terminated */
	struct cmdline_arg args[CMDLINE_MAX_ARGS];
	unsigned count;
};

/*
 * Parse s into cl, copying the text.  Returns 0; -E2BIG when the words do not
 * fit in buf (never for a text shorter than CMDLINE_MAX) or there are more
 * than CMDLINE_MAX_ARGS of them, keeping the words before the first one that
 * did not fit; -EINVAL for an unterminated quote, keeping that word with its
 * quote running to the end.
 */
int cmdline_parse(struct cmdline *cl, const char *s);

/* The value of the last key=value, "" for a bare flag, NULL if key is absent. */
const char *cmdline_get(const struct cmdline *cl, const char *key);
bool cmdline_has(const struct cmdline *cl, const char *key);

/* key's value as a decimal or 0x-hex number, optionally negative; fallback
 * if key is absent, or its value is not such a number or overflows a long. */
long cmdline_get_long(const struct cmdline *cl, const char *key, long fallback);

/* Whether item is one of the comma-separated entries of key's value:
 * ktest=buddy,slab has "buddy" and "slab", but not "bud". */
bool cmdline_list_has(const struct cmdline *cl, const char *key,
		      const char *item);

#endif /* KERNEL_CMDLINE_H */
