/*
 * kernel/exec_stack.c: build an initial process stack, then read it back
 * as a C runtime's _start would (psABI 3.4.1, figure 3.9), treating the
 * buffer as mapped just below stack_top: a user pointer in the image is
 * translated to its byte in the buffer, and must point inside the image.
 *
 * Each buffer is malloc'ed at exactly the size given and filled with 0xaa
 * first, so that ASan reports a write outside it, and a byte of the image
 * left unwritten (stale kernel data reaching user space) shows.
 *
 * Kernel sources: kernel/exec_stack.c kernel/string.c
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "exec_stack.h"
#include "uapi/errno.h"
/* After uapi/auxvec.h: a number that differs from Linux's would be a macro
 * redefinition, which -Werror turns into a build failure. */
#include <linux/auxvec.h>

#define TOP	0x7ffffffff000UL	/* the usual stack_top */
#define UNSET	0x5a5a5a5a5a5a5a5aUL	/* *rsp before a call */
#define STALE	0xaa			/* the buffer before a call */

struct stack_args {
	const char *const *argv;
	unsigned argc;
	const char *const *envp;
	unsigned envc;
	const char *execfn;
	uint8_t random[16];
	const struct auxv_entry *auxv;
	unsigned auxc;
};

/* The last build: its buffer, and the user addresses it stands for. */
static uint8_t *buf;
static size_t buf_size;
static uint64_t top, rsp;

static int build(const struct stack_args *a, size_t size, uint64_t stack_top)
{
	free(buf);
	buf = malloc(size ? size : 1);
	memset(buf, STALE, size);
	buf_size = size;
	top = stack_top;
	rsp = UNSET;
	return exec_stack_build(buf, size, top, a->argv, a->argc, a->envp,
				a->envc, a->execfn, a->random, a->auxv, a->auxc,
				&rsp);
}

/* The buffer bytes of user addresses [addr, addr + n), if they are all
 * inside the image [rsp, top). */
static const uint8_t *user(uint64_t addr, uint64_t n)
{
	if (addr < rsp || addr > top || n > top - addr)
		return NULL;
	return buf + buf_size - (top - addr);
}

static uint64_t word(uint64_t addr)
{
	const uint8_t *p = user(addr, 8);
	uint64_t v = UNSET;

	if (CHECK(p != NULL))
		memcpy(&v, p, 8);
	return v;
}

/* The NUL-terminated string at user address addr, NULL if it is not. */
static const char *string(uint64_t addr)
{
	const uint8_t *p = user(addr, 1);

	return p && memchr(p, 0, top - addr) ? (const char *)p : NULL;
}

/* Check that a pointer table entry points at the string expected. */
static void check_string(uint64_t addr, const char *expected, uint64_t *lowest)
{
	uint64_t s = word(addr);

	CHECK_EQ_STR(string(s), expected);
	*lowest = s < *lowest ? s : *lowest;
}

/* Read the image back and compare it with what it was built from. */
static void check_stack(const struct stack_args *a)
{
	uint64_t p = rsp, info, lowest = top;
	bool random_seen = false, execfn_seen = false, platform_seen = false;
	unsigned aux = 0;

	if (!CHECK(rsp != UNSET && rsp % 16 == 0 && top - rsp <= buf_size))
		return;
	/* argc, argv[] and NULL, envp[] and NULL. */
	CHECK_EQ_INT(word(p), a->argc);
	p += 8;
	for (unsigned i = 0; i < a->argc; i++, p += 8)
		check_string(p, a->argv[i], &lowest);
	CHECK_EQ_INT(word(p), 0);
	p += 8;
	for (unsigned i = 0; i < a->envc; i++, p += 8)
		check_string(p, a->envp[i], &lowest);
	CHECK_EQ_INT(word(p), 0);
	p += 8;

	/* The auxv: the caller's entries in order, ours, AT_NULL. */
	for (;; p += 16) {
		uint64_t type = word(p), value = word(p + 8);

		if (!CHECK(user(p, 16) != NULL) || type == AT_NULL) {
			CHECK_EQ_INT(value, 0);
			break;
		}
		if (type == AT_RANDOM) {
			CHECK(!random_seen);
			random_seen = true;
			CHECK(user(value, 16) &&
			      memcmp(user(value, 16), a->random, 16) == 0);
			lowest = value < lowest ? value : lowest;
		} else if (type == AT_EXECFN) {
			CHECK(!execfn_seen);
			execfn_seen = true;
			check_string(p + 8, a->execfn, &lowest);
		} else if (type == AT_PLATFORM) {
			CHECK(!platform_seen);
			platform_seen = true;
			check_string(p + 8, "x86_64", &lowest);
		} else if (CHECK(aux < a->auxc)) {
			CHECK_EQ_INT(type, a->auxv[aux].type);
			CHECK_EQ_INT(value, a->auxv[aux].value);
			aux++;
		}
	}
	p += 16;
	CHECK(random_seen && execfn_seen && platform_seen);
	CHECK_EQ_INT(aux, a->auxc);

	/* Above the tables: at most 15 bytes of zeros, then the information
	 * block, exactly as big as the strings and random bytes in it. */
	info = 16 + sizeof("x86_64") + strlen(a->execfn) + 1;
	for (unsigned i = 0; i < a->argc; i++)
		info += strlen(a->argv[i]) + 1;
	for (unsigned i = 0; i < a->envc; i++)
		info += strlen(a->envp[i]) + 1;
	CHECK_EQ_INT(lowest, top - info);
	if (CHECK(p <= lowest && lowest - p < 16))
		for (uint64_t q = p; q < lowest; q++)
			CHECK_EQ_INT(*user(q, 1), 0);
	/* Nothing below the image was written. */
	for (size_t i = 0; i < buf_size - (top - rsp); i++)
		if (!CHECK_EQ_INT(buf[i], STALE))
			break;
}

static const char *const argv3[] = { "/bin/prog", "hello", "world" };
static const char *const envp2[] = { "HOME=/", "PATH=/bin:/usr/bin" };
static const struct auxv_entry auxv6[] = {
	{ AT_PHDR, 0x400040 }, { AT_PHENT, 56 }, { AT_PHNUM, 6 },
	{ AT_PAGESZ, 4096 }, { AT_ENTRY, 0x401034 }, { AT_UID, 1000 },
};

static struct stack_args typical = {
	argv3, 3, envp2, 2, "/bin/prog",
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff },
	auxv6, 6,
};

static void typical_stack(void)
{
	if (!CHECK_EQ_INT(build(&typical, 4096, TOP), 0))
		return;
	check_stack(&typical);
	/* As on Linux: the strings just below the top, execfn highest. */
	CHECK_EQ_STR(string(TOP - sizeof("/bin/prog")), "/bin/prog");
	CHECK_EQ_INT(word(rsp + 8), TOP - 10 - 26 - 22);	/* argv[0] */
}

static void empty_argv_envp_auxv(void)
{
	static const char *const none[1];
	static const char *const empties[] = { "", "", "" };
	struct stack_args a = { none, 0, none, 0, "", { 0 }, NULL, 0 };

	if (CHECK_EQ_INT(build(&a, 4096, TOP), 0))
		check_stack(&a);
	a.argv = empties;
	a.argc = 3;
	a.envp = empties;
	a.envc = 2;
	if (CHECK_EQ_INT(build(&a, 4096, TOP), 0))
		check_stack(&a);
}

/* rsp % 16 == 0 for odd and even argc and envc, with every length of
 * strings mod 16 and every alignment of stack_top. */
static void alignment(void)
{
	static char pool[32][40];
	const char *argv[6], *envp[6];
	struct auxv_entry auxv[3] = { { AT_PAGESZ, 4096 }, { AT_FLAGS, 0 },
				      { AT_SECURE, 1 } };
	unsigned built = 0;

	for (unsigned i = 0; i < 32; i++)
		for (unsigned j = 0; j < i; j++)
			pool[i][j] = 'a' + (i + j) % 26;
	for (unsigned argc = 0; argc <= 5; argc++)
	for (unsigned envc = 0; envc <= 4; envc++)
	for (unsigned seed = 0; seed < 8; seed++)
	for (unsigned skew = 0; skew < 16; skew++) {
		struct stack_args a = { argv, argc, envp, envc,
					pool[(seed * 5 + 3) % 32], { 0 },
					auxv, (argc + seed) % 4 };
		unsigned before = check_failures;

		for (unsigned i = 0; i < argc; i++)
			argv[i] = pool[(seed * 11 + i * 7) % 32];
		for (unsigned i = 0; i < envc; i++)
			envp[i] = pool[(seed * 13 + i * 3 + 1) % 32];
		a.random[seed] = skew;
		if (CHECK_EQ_INT(build(&a, 1024, TOP - skew), 0))
			check_stack(&a);
		built++;
		if (check_failures != before) {
			printf("    # argc %u envc %u seed %u skew %u\n",
			       argc, envc, seed, skew);
			return;
		}
	}
	CHECK_EQ_INT(built, 6 * 5 * 8 * 16);
}

/* The image needs exactly top - rsp bytes: every smaller buffer gives
 * -E2BIG without writing anything past it (ASan) or setting *rsp. */
static void exact_fit(void)
{
	for (uint64_t skew = 0; skew < 16; skew += 5) {
		uint64_t need, good;

		if (!CHECK_EQ_INT(build(&typical, 4096, TOP - skew), 0))
			return;
		need = top - rsp;
		good = rsp;
		for (size_t size = 0; size < need; size++) {
			if (!CHECK_EQ_INT(build(&typical, size, TOP - skew),
					  -E2BIG))
				return;
			CHECK_EQ_INT(rsp, UNSET);
		}
		for (size_t size = need; size < need + 40; size++) {
			if (!CHECK_EQ_INT(build(&typical, size, TOP - skew), 0))
				return;
			CHECK_EQ_INT(rsp, good);
			check_stack(&typical);
		}
	}
}

/* The image must also fit below stack_top. */
static void low_stack_top(void)
{
	CHECK_EQ_INT(build(&typical, 4096, 0), -E2BIG);
	CHECK_EQ_INT(build(&typical, 4096, 100), -E2BIG);
	CHECK_EQ_INT(build(&typical, 4096, 4096), 0);
	check_stack(&typical);
}

/* Strings are measured no further than the room left: one longer than
 * the buffer need not even be terminated. */
static void huge_strings(void)
{
	char *huge = malloc(1 << 20);
	const char *argv[] = { "prog", huge };
	struct stack_args a = { argv, 2, NULL, 0, "prog", { 0 }, NULL, 0 };

	memset(huge, 'x', 1 << 20);			/* no NUL */
	CHECK_EQ_INT(build(&a, 4096, TOP), -E2BIG);
	a.execfn = huge;				/* the first pushed */
	a.argc = 1;
	CHECK_EQ_INT(build(&a, 64 << 10, TOP), -E2BIG);
	huge[(1 << 20) - 1] = '\0';
	a.argv = argv;
	a.argc = 2;
	a.execfn = "prog";
	if (CHECK_EQ_INT(build(&a, 2 << 20, TOP), 0))
		check_stack(&a);
	CHECK_EQ_INT(build(&a, 1 << 20, TOP), -E2BIG);
	free(huge);
}

/* Many arguments: 20000 "-v" need 20000 * (8 + 3) bytes and more. */
static void many_arguments(void)
{
	enum { N = 20000 };
	const char **argv = malloc(N * sizeof(*argv));
	struct stack_args a = { argv, N, envp2, 2, "/bin/prog", { 7 },
				auxv6, 6 };

	for (unsigned i = 0; i < N; i++)
		argv[i] = i % 2 ? "-v" : "--";
	if (CHECK_EQ_INT(build(&a, 256 << 10, TOP), 0))
		check_stack(&a);
	CHECK_EQ_INT(build(&a, N * 11, TOP), -E2BIG);
	free(argv);
}

static const struct test_case cases[] = {
	TEST(typical_stack),
	TEST(empty_argv_envp_auxv),
	TEST(alignment),
	TEST(exact_fit),
	TEST(low_stack_top),
	TEST(huge_strings),
	TEST(many_arguments),
};

int main(void)
{
	int failed = run_tests("exec_stack", cases, ARRAY_SIZE(cases));

	free(buf);
	return failed;
}
