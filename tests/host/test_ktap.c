/*
 * kernel/ktap.c: the exact text of a nested run, one write per line.
 *
 * Kernel sources: kernel/ktap.c kernel/vsprintf.c kernel/string.c
 */
#include "check.h"
#include "ktap.h"

/* Collects the output, and checks each write is one whole line. */
struct capture {
	char text[4096];
	size_t len;
	unsigned writes;
	bool partial;		/* a write that was not exactly one line */
};

static void capture_write(void *ctx, const char *s, size_t len)
{
	struct capture *c = ctx;

	if (len == 0 || s[len - 1] != '\n' || memchr(s, '\n', len) != s + len - 1)
		c->partial = true;
	if (c->len + len < sizeof(c->text)) {
		memcpy(c->text + c->len, s, len);
		c->len += len;
		c->text[c->len] = '\0';
	}
	c->writes++;
}

static struct capture cap;
static struct ktap_writer w;

static void reset(void)
{
	memset(&cap, 0, sizeof(cap));
	w = (struct ktap_writer){ .write = capture_write, .ctx = &cap };
}

static void nested_run(void)
{
	reset();
	ktap_version(&w);
	ktap_plan(&w, 2);

	w.depth++;
	ktap_version(&w);
	ktap_subtest(&w, "buddy");
	ktap_plan(&w, 2);
	ktap_result(&w, true, 1, "buddy_alloc", NULL);
	ktap_diag(&w, "expected %d, got %d", 0, -12);
	ktap_result(&w, false, 2, "buddy_coalesce", NULL);
	w.depth--;
	ktap_result(&w, false, 1, "buddy", NULL);

	ktap_result(&w, true, 2, "slab", "SKIP no memory");

	CHECK_EQ_STR(cap.text,
		     "KTAP version 1\n"
		     "1..2\n"
		     "    KTAP version 1\n"
		     "    # Subtest: buddy\n"
		     "    1..2\n"
		     "    ok 1 buddy_alloc\n"
		     "    # expected 0, got -12\n"
		     "    not ok 2 buddy_coalesce\n"
		     "not ok 1 buddy\n"
		     "ok 2 slab # SKIP no memory\n");
	CHECK_EQ_INT(cap.writes, 10);
	CHECK(!cap.partial);
}

static void multi_line_diag(void)
{
	reset();
	w.depth = 2;
	ktap_diag(&w, "leak: %u pages\nslab %s: %d objects\n", 3u, "task", 1);
	ktap_diag(&w, "a\n\nb");
	CHECK_EQ_STR(cap.text,
		     "        # leak: 3 pages\n"
		     "        # slab task: 1 objects\n"
		     "        # a\n"
		     "        # \n"
		     "        # b\n");
	CHECK_EQ_INT(cap.writes, 5);
	CHECK(!cap.partial);
}

/* A line too long for the buffer is cut, but still one line. */
static void long_line_is_cut(void)
{
	char name[2 * KTAP_LINE_MAX];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	reset();
	w.depth = 1;
	ktap_result(&w, true, 7, name, NULL);
	CHECK_EQ_INT(cap.writes, 1);
	CHECK(!cap.partial);
	CHECK_EQ_INT(cap.len, KTAP_LINE_MAX);
	CHECK(strncmp(cap.text, "    ok 7 nnn", 12) == 0);

	/* Indentation deeper than a line still leaves the newline. */
	reset();
	w.depth = KTAP_LINE_MAX;
	ktap_plan(&w, 1);
	CHECK_EQ_INT(cap.len, KTAP_LINE_MAX);
	CHECK(!cap.partial);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(nested_run),
		TEST(multi_line_diag),
		TEST(long_line_is_cut),
	};

	return run_tests("test_ktap", cases, ARRAY_SIZE(cases));
}
