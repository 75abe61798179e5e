/*
 * Kernel command-line parsing (the syntax is described in cmdline.h).
 */
#include "cmdline.h"
#include "string.h"
#include "uapi/errno.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Words are copied into cl->buf without their quotes, the '=' and the word's
 * end each becoming a NUL, so the copy never needs more than strlen(s) + 1
 * bytes.  A word that does not fit is dropped whole: a truncated value
 * ("mem=10" of "mem=1024") would be worse than none.
 */
int cmdline_parse(struct cmdline *cl, const char *s)
{
	size_t w = 0;	/* next free byte of cl->buf */

	cl->count = 0;
	for (;;) {
		struct cmdline_arg *arg;
		size_t key = w, value = 0;
		bool has_value = false, quoted = false;

		while (is_space(*s))
			s++;
		if (!*s)
			return 0;
		if (cl->count == CMDLINE_MAX_ARGS)
			return -E2BIG;

		for (; *s && (quoted || !is_space(*s)); s++) {
			if (*s == '"') {
				quoted = !quoted;
				continue;
			}
			if (w >= CMDLINE_MAX)
				return -E2BIG;
			if (*s == '=' && !has_value) {
				cl->buf[w++] = '\0';
				value = w;
				has_value = true;
			} else {
				cl->buf[w++] = *s;
			}
		}
		if (w >= CMDLINE_MAX)
			return -E2BIG;
		cl->buf[w++] = '\0';

		arg = &cl->args[cl->count++];
		arg->key = &cl->buf[key];
		arg->value = has_value ? &cl->buf[value] : NULL;
		if (quoted)
			return -EINVAL;
	}
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
	/* Search backwards: a later key=value overrides an earlier one, as
	 * when Linux applies its parameters in order. */
	for (unsigned i = cl->count; i-- > 0;) {
		const struct cmdline_arg *arg = &cl->args[i];

		if (strcmp(arg->key, key) == 0)
			return arg->value ? arg->value : "";
	}
	return NULL;
}

bool cmdline_has(const struct cmdline *cl, const char *key)
{
	return cmdline_get(cl, key) != NULL;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;	/* not a digit in any base we accept */
}

long cmdline_get_long(const struct cmdline *cl, const char *key, long fallback)
{
	const char *s = cmdline_get(cl, key);
	bool negative;
	unsigned base = 10;
	unsigned long n = 0, limit;

	if (!s)
		return fallback;
	negative = *s == '-';
	if (negative)
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/* The magnitude may reach LONG_MAX, or -LONG_MIN when negative. */
	limit = (unsigned long)__LONG_MAX__ + negative;
	if (!*s)
		return fallback;
	for (; *s; s++) {
		unsigned d = digit_value(*s);

		if (d >= base || n > (limit - d) / base)
			return fallback;
		n = n * base + d;
	}
	/* Negate in unsigned arithmetic, then convert: for LONG_MIN the
	 * conversion is GCC's modulo 2^64 (implementation-defined, C11
	 * 6.3.1.3). */
	return negative ? (long)-n : (long)n;
}

bool cmdline_list_has(const struct cmdline *cl, const char *key,
		      const char *item)
{
	const char *s = cmdline_get(cl, key);
	size_t len = strlen(item);

	while (s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);

		if (n == len && strncmp(s, item, len) == 0)
			return true;
		s = comma ? comma + 1 : NULL;
	}
	return false;
}
