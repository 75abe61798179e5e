/*
 * kernel/cmdline.c: words, key=value, quotes, lookups and the error cases.
 *
 * Kernel sources: kernel/cmdline.c kernel/string.c
 */
#include <errno.h>
#include <limits.h>

#include "check.h"
#include "cmdline.h"
/* After the host's <errno.h>: any number that differs from Linux's would be
 * a macro redefinition, which -Werror turns into a build failure. */
#include "uapi/errno.h"

/* The parser's state is 2 KiB: one per test, not on the stack of each. */
static struct cmdline cl;

static void flags_and_values(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, "  quiet init=/bin/sh\tloglevel=debug  "), 0);
	CHECK_EQ_INT(cl.count, 3);
	CHECK_EQ_STR(cl.args[0].key, "quiet");
	CHECK(cl.args[0].value == NULL);
	CHECK_EQ_STR(cl.args[1].key, "init");
	CHECK_EQ_STR(cl.args[1].value, "/bin/sh");

	CHECK(cmdline_has(&cl, "quiet"));
	CHECK_EQ_STR(cmdline_get(&cl, "quiet"), "");
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "/bin/sh");
	CHECK_EQ_STR(cmdline_get(&cl, "loglevel"), "debug");
	CHECK(!cmdline_has(&cl, "qui"));
	CHECK(!cmdline_has(&cl, "/bin/sh"));
	CHECK(cmdline_get(&cl, "absent") == NULL);
}

static void empty_line(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, ""), 0);
	CHECK_EQ_INT(cl.count, 0);
	CHECK_EQ_INT(cmdline_parse(&cl, "   \t\n "), 0);
	CHECK_EQ_INT(cl.count, 0);
	CHECK(!cmdline_has(&cl, ""));
}

static void value_edge_cases(void)
{
	/* The key ends at the first '='; the value may hold more. */
	CHECK_EQ_INT(cmdline_parse(&cl, "a=b=c empty= =novalue"), 0);
	CHECK_EQ_STR(cmdline_get(&cl, "a"), "b=c");
	CHECK_EQ_STR(cmdline_get(&cl, "empty"), "");
	CHECK(cmdline_get(&cl, "empty") != NULL);
	CHECK_EQ_STR(cmdline_get(&cl, ""), "novalue");
}

static void last_key_wins(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, "init=/bin/a x init=/bin/b y init"), 0);
	/* The bare flag came last: it wins, and reads as "". */
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "");
	CHECK_EQ_INT(cmdline_parse(&cl, "init=/bin/a x init=/bin/b y"), 0);
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "/bin/b");
}

static void quotes(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, "init=\"/bin/sh -x\" quiet"), 0);
	CHECK_EQ_INT(cl.count, 2);
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "/bin/sh -x");
	CHECK(cmdline_has(&cl, "quiet"));

	/* Quoting the whole word, or the middle of one, works the same. */
	CHECK_EQ_INT(cmdline_parse(&cl, "\"init=/bin/sh -x\" a=b\" c \"d"), 0);
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "/bin/sh -x");
	CHECK_EQ_STR(cmdline_get(&cl, "a"), "b c d");

	CHECK_EQ_INT(cmdline_parse(&cl, "x=\"\" \"spaced flag\" y=\"=\""), 0);
	CHECK_EQ_STR(cmdline_get(&cl, "x"), "");
	CHECK(cmdline_has(&cl, "spaced flag"));
	CHECK_EQ_STR(cmdline_get(&cl, "y"), "=");
}

static void unterminated_quote(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, "quiet init=\"/bin/sh -x"), -EINVAL);
	CHECK_EQ_INT(cl.count, 2);
	CHECK(cmdline_has(&cl, "quiet"));
	/* The word is kept, the quote running to the end of the text. */
	CHECK_EQ_STR(cmdline_get(&cl, "init"), "/bin/sh -x");
}

static void list_membership(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl, "ktest=buddy,slab one=x empty= flag"), 0);
	CHECK(cmdline_list_has(&cl, "ktest", "buddy"));
	CHECK(cmdline_list_has(&cl, "ktest", "slab"));
	CHECK(!cmdline_list_has(&cl, "ktest", "bud"));
	CHECK(!cmdline_list_has(&cl, "ktest", "buddy,slab"));
	CHECK(!cmdline_list_has(&cl, "ktest", "slabs"));
	CHECK(!cmdline_list_has(&cl, "ktest", ""));
	CHECK(cmdline_list_has(&cl, "one", "x"));
	CHECK(!cmdline_list_has(&cl, "absent", "x"));
	CHECK(!cmdline_list_has(&cl, "flag", "x"));
	CHECK(cmdline_list_has(&cl, "empty", ""));
}

static void numbers(void)
{
	CHECK_EQ_INT(cmdline_parse(&cl,
		"a=42 b=-17 c=0x1F d=0XfF e=-0x10 f=0 g=9223372036854775807 "
		"h=-9223372036854775808 i=9223372036854775808 j=0x "
		"k=12abc l=abc m= n o=- p=0x8000000000000000 q=1.5 r=+3"), 0);
	CHECK_EQ_INT(cmdline_get_long(&cl, "a", -1), 42);
	CHECK_EQ_INT(cmdline_get_long(&cl, "b", -1), -17);
	CHECK_EQ_INT(cmdline_get_long(&cl, "c", -1), 0x1f);
	CHECK_EQ_INT(cmdline_get_long(&cl, "d", -1), 0xff);
	CHECK_EQ_INT(cmdline_get_long(&cl, "e", -1), -16);
	CHECK_EQ_INT(cmdline_get_long(&cl, "f", -1), 0);
	CHECK_EQ_INT(cmdline_get_long(&cl, "g", -1), LONG_MAX);
	CHECK_EQ_INT(cmdline_get_long(&cl, "h", -1), LONG_MIN);
	/* Malformed or out of range: the fallback. */
	CHECK_EQ_INT(cmdline_get_long(&cl, "i", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "j", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "k", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "l", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "m", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "n", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "o", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "p", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "q", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "r", -1), -1);
	CHECK_EQ_INT(cmdline_get_long(&cl, "absent", 77), 77);
}

static void too_long(void)
{
	static char text[3 * CMDLINE_MAX];
	size_t len;

	/* CMDLINE_MAX - 1 bytes in one word: fits exactly. */
	memset(text, 'k', CMDLINE_MAX - 1);
	text[CMDLINE_MAX - 1] = '\0';
	CHECK_EQ_INT(cmdline_parse(&cl, text), 0);
	CHECK_EQ_INT(cl.count, 1);
	CHECK_EQ_INT(strlen(cl.args[0].key), CMDLINE_MAX - 1);

	/* Then even an empty word does not fit: there is no room for its NUL. */
	strcpy(text + CMDLINE_MAX - 1, " \"\"");
	CHECK_EQ_INT(cmdline_parse(&cl, text), -E2BIG);
	CHECK_EQ_INT(cl.count, 1);

	/* One more byte does not fit, and the word is dropped whole. */
	text[CMDLINE_MAX - 1] = 'k';
	text[CMDLINE_MAX] = '\0';
	CHECK_EQ_INT(cmdline_parse(&cl, text), -E2BIG);
	CHECK_EQ_INT(cl.count, 0);

	/* Words that fit are kept; the first that does not, and everything
	 * after it, are dropped. */
	strcpy(text, "quiet mem=1024 ");
	len = strlen(text);
	memset(text + len, 'x', CMDLINE_MAX);
	strcpy(text + len + CMDLINE_MAX, " later");
	CHECK_EQ_INT(cmdline_parse(&cl, text), -E2BIG);
	CHECK_EQ_INT(cl.count, 2);
	CHECK_EQ_STR(cmdline_get(&cl, "mem"), "1024");
	CHECK(!cmdline_has(&cl, "later"));

	/* Separators and quotes take no room: a longer text may still fit. */
	memset(text, ' ', 2 * CMDLINE_MAX);
	strcpy(text + 2 * CMDLINE_MAX, "\"\"a\"\"=\"\"b");
	CHECK_EQ_INT(cmdline_parse(&cl, text), 0);
	CHECK_EQ_STR(cmdline_get(&cl, "a"), "b");
}

static void too_many_words(void)
{
	static char text[4 * CMDLINE_MAX_ARGS + 16];
	char *p = text;

	for (int i = 0; i < CMDLINE_MAX_ARGS; i++)
		p += sprintf(p, "w%d ", i);
	CHECK_EQ_INT(cmdline_parse(&cl, text), 0);
	CHECK_EQ_INT(cl.count, CMDLINE_MAX_ARGS);

	strcpy(p, "extra");
	CHECK_EQ_INT(cmdline_parse(&cl, text), -E2BIG);
	CHECK_EQ_INT(cl.count, CMDLINE_MAX_ARGS);
	CHECK(cmdline_has(&cl, "w0"));
	CHECK(cmdline_has(&cl, "w63"));
	CHECK(!cmdline_has(&cl, "extra"));
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(flags_and_values),
		TEST(empty_line),
		TEST(value_edge_cases),
		TEST(last_key_wins),
		TEST(quotes),
		TEST(unterminated_quote),
		TEST(list_membership),
		TEST(numbers),
		TEST(too_long),
		TEST(too_many_words),
	};

	return run_tests("test_cmdline", cases, ARRAY_SIZE(cases));
}
