/*
 * The initial process stack (the layout is in exec_stack.h).
 *
 * The image is built downwards from stack_top in user addresses, so that
 * alignment is that of the addresses user space sees whatever buf's own
 * alignment; at() gives the byte of buf that stands for a user address.
 * Sizes come from the caller's strings, so each push checks that it fits
 * before it writes, and strings are measured no further than the room left.
 */
#include <stdbool.h>

#include "exec_stack.h"
#include "string.h"
#include "uapi/errno.h"

#define STACK_ALIGN 16	/* psABI 3.4.1: rsp at process entry */

/* AT_PLATFORM: Linux's ELF_PLATFORM on x86-64 (utsname machine). */
static const char platform[] = "x86_64";

struct stack_image {
	uint8_t *end;		/* buf + buf_size, which stands for top */
	uint64_t top;		/* stack_top */
	uint64_t floor;		/* the lowest user address that fits */
	uint64_t sp;		/* the lowest user address used so far */
};

static uint8_t *at(const struct stack_image *s, uint64_t addr)
{
	return s->end - (s->top - addr);
}

/* Copy n bytes to just below sp, if they fit. */
static bool push(struct stack_image *s, const void *data, uint64_t n)
{
	if (n > s->sp - s->floor)
		return false;
	s->sp -= n;
	memcpy(at(s, s->sp), data, n);
	return true;
}

/* Push a string and its NUL. */
static bool push_string(struct stack_image *s, const char *str)
{
	uint64_t room = s->sp - s->floor;
	size_t len = strnlen(str, room);

	return len < room && push(s, str, len + 1);
}

/* Push strings[0..count-1] so that they lie in order upwards from sp:
 * strings[0] at sp, each next one after its predecessor's NUL. */
static bool push_strings(struct stack_image *s, const char *const *strings,
			 unsigned count)
{
	for (unsigned i = count; i-- > 0;)
		if (!push_string(s, strings[i]))
			return false;
	return true;
}

/* Store a word at user address *addr and step past it. */
static void put(const struct stack_image *s, uint64_t *addr, uint64_t value)
{
	memcpy(at(s, *addr), &value, sizeof(value));
	*addr += sizeof(value);
}

/* Store the pointers to count strings laid out by push_strings() from
 * user address first, then the NULL that ends argv or envp. */
static void put_pointers(const struct stack_image *s, uint64_t *addr,
			 const char *const *strings, unsigned count,
			 uint64_t first)
{
	for (unsigned i = 0; i < count; i++) {
		put(s, addr, first);
		first += strlen(strings[i]) + 1;
	}
	put(s, addr, 0);
}

static void put_aux(const struct stack_image *s, uint64_t *addr,
		    uint64_t type, uint64_t value)
{
	put(s, addr, type);
	put(s, addr, value);
}

int exec_stack_build(void *buf, size_t buf_size, uint64_t stack_top,
		     const char *const *argv, unsigned argc,
		     const char *const *envp, unsigned envc,
		     const char *execfn, const uint8_t random[16],
		     const struct auxv_entry *auxv, unsigned auxc,
		     uint64_t *rsp)
{
	/* The image fits in buf and above user address 0. */
	uint64_t room = buf_size < stack_top ? buf_size : stack_top;
	struct stack_image s = {
		.end = (uint8_t *)buf + buf_size,
		.top = stack_top,
		.floor = stack_top - room,
		.sp = stack_top,
	};
	uint64_t execfn_at, envp_at, argv_at, platform_at, random_at;
	uint64_t table_size, table_end, p;

	/* The information block. */
	if (!push_string(&s, execfn))
		return -E2BIG;
	execfn_at = s.sp;
	if (!push_strings(&s, envp, envc))
		return -E2BIG;
	envp_at = s.sp;
	if (!push_strings(&s, argv, argc))
		return -E2BIG;
	argv_at = s.sp;
	if (!push(&s, platform, sizeof(platform)))
		return -E2BIG;
	platform_at = s.sp;
	if (!push(&s, random, 16))
		return -E2BIG;
	random_at = s.sp;

	/* argc, argv and envp with their NULLs, the caller's auxv and our
	 * three entries and AT_NULL: no overflow, the counts are 32-bit. */
	table_size = (3 + (uint64_t)argc + envc) * sizeof(uint64_t) +
		     (auxc + 4ULL) * sizeof(struct auxv_entry);
	if (table_size > s.sp - s.floor)
		return -E2BIG;
	p = (s.sp - table_size) & ~(uint64_t)(STACK_ALIGN - 1);
	if (p < s.floor)
		return -E2BIG;
	table_end = p + table_size;
	/* The padding is zeros, not stale kernel data. */
	memset(at(&s, table_end), 0, s.sp - table_end);

	*rsp = p;
	put(&s, &p, argc);
	put_pointers(&s, &p, argv, argc, argv_at);
	put_pointers(&s, &p, envp, envc, envp_at);
	for (unsigned i = 0; i < auxc; i++)
		put_aux(&s, &p, auxv[i].type, auxv[i].value);
	put_aux(&s, &p, AT_RANDOM, random_at);
	put_aux(&s, &p, AT_EXECFN, execfn_at);
	put_aux(&s, &p, AT_PLATFORM, platform_at);
	put_aux(&s, &p, AT_NULL, 0);
	return 0;
}
