/*
 * malloc_stress: malloc, calloc, realloc and free in a long random (but
 * seeded, so repeatable) sequence over 512 slots, sizes from 1 byte to
 * 192 KiB (musl serves the big ones with mmap, the small from brk), each
 * block filled with a pattern and checked before it is freed or moved.
 * Prints what it did; the output is the same wherever it runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS  512
#define ROUNDS 60000

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static size_t random_size(void)
{
	switch (next() % 16) {
	case 0:
		return 1 + next() % (192 * 1024);       /* big: mmap */
	case 1: case 2: case 3:
		return 1 + next() % 4096;
	default:
		return 1 + next() % 128;
	}
}

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char tag;
};

static struct slot slots[SLOTS];
static unsigned long errors;

static void fill(struct slot *s)
{
	for (size_t i = 0; i < s->size; i++)
		s->p[i] = (unsigned char)(s->tag + i);
}

/* The first n bytes still hold the slot's pattern. */
static void check(const struct slot *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s->p[i] != (unsigned char)(s->tag + i)) {
			errors++;
			return;
		}
}

int main(void)
{
	unsigned long mallocs = 0, callocs = 0, reallocs = 0, frees = 0;
	unsigned long long bytes = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long round = 0; round < ROUNDS; round++) {
		struct slot *s = &slots[next() % SLOTS];
		unsigned op = next() % 4;

		if (s->p && op == 0) {
			check(s, s->size);
			free(s->p);
			s->p = NULL;
			frees++;
		} else if (s->p && op == 1) {
			size_t size = random_size();
			unsigned char *p = realloc(s->p, size);

			if (!p) {
				printf("realloc(%zu) failed\n", size);
				return 1;
			}
			s->p = p;
			check(s, size < s->size ? size : s->size);
			s->size = size;
			fill(s);
			reallocs++;
			bytes += size;
		} else if (!s->p) {
			size_t size = random_size();

			if (op == 2) {
				s->p = calloc(1, size);
				for (size_t i = 0; s->p && i < size; i++)
					errors += s->p[i] != 0;
				callocs++;
			} else {
				s->p = malloc(size);
				mallocs++;
			}
			if (!s->p) {
				printf("allocating %zu bytes failed\n", size);
				return 1;
			}
			s->size = size;
			s->tag = (unsigned char)next();
			fill(s);
			bytes += size;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p) {
			check(&slots[i], slots[i].size);
			free(slots[i].p);
			frees++;
		}
	}
	printf("malloc %lu, calloc %lu, realloc %lu, free %lu\n", mallocs, callocs, reallocs, frees);
	printf("%llu bytes handed out, %lu corrupted blocks\n", bytes, errors);
	return errors != 0;
}
