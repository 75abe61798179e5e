/*
 * kernel/multiboot2.c on hand-made boot information blocks.
 *
 * The blocks are written field by field from the layouts in the Multiboot2
 * specification (3.6), not through the kernel's structs, so a wrong struct
 * would show.  Each is parsed from a malloc'ed copy of exactly its size, so
 * that ASan reports any read past the end.
 *
 * Kernel sources: kernel/multiboot2.c kernel/string.c
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "multiboot2.h"
#include "uapi/errno.h"

static uint64_t block[512];	/* 4 KiB, 8-byte aligned as the spec asks */
static size_t used;		/* bytes of block written so far */
static void *copy;		/* what mb2_parse() saw; bi points into it */
static struct boot_info bi;

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void put32(size_t off, uint32_t v)
{
	memcpy((char *)block + off, &v, sizeof(v));
}

static void put64(size_t off, uint64_t v)
{
	memcpy((char *)block + off, &v, sizeof(v));
}

/* Start a block: total_size is filled in by finish(). */
static void start(void)
{
	memset(block, 0, sizeof(block));
	used = 8;
}

/* Append a tag header; returns the offset of the tag. */
static size_t tag(uint32_t type, uint32_t size)
{
	size_t off = used;

	put32(off, type);
	put32(off + 4, size);
	used += align8(size);
	return off;
}

static void string_tag(uint32_t type, const char *s)
{
	size_t off = tag(type, 8 + strlen(s) + 1);

	memcpy((char *)block + off + 8, s, strlen(s) + 1);
}

static void module_tag(uint32_t start, uint32_t end, const char *s)
{
	size_t off = tag(MB2_TAG_MODULE, 16 + strlen(s) + 1);

	put32(off + 8, start);
	put32(off + 12, end);
	memcpy((char *)block + off + 16, s, strlen(s) + 1);
}

/* A memory map of n entries of entry_size bytes: base i MiB, length i+1
 * KiB, type i % 5 + 1. */
static void mmap_tag(unsigned n, uint32_t entry_size)
{
	size_t off = tag(MB2_TAG_MMAP, 16 + n * entry_size);

	put32(off + 8, entry_size);
	put32(off + 12, 0);	/* entry_version */
	for (unsigned i = 0; i < n; i++) {
		size_t e = off + 16 + i * entry_size;

		put64(e, (uint64_t)i << 20);
		put64(e + 8, (uint64_t)(i + 1) << 10);
		put32(e + 16, i % 5 + 1);
	}
}

/* An RSDP copy whose bytes count up from first, so copies can be told
 * apart. */
static void rsdp_tag(uint32_t type, uint32_t len, uint8_t first)
{
	size_t off = tag(type, 8 + len);

	for (uint32_t i = 0; i < len; i++)
		((uint8_t *)block)[off + 8 + i] = first + i;
}

static void finish(void)
{
	tag(MB2_TAG_END, 8);
	put32(0, used);
}

/* Parse a copy of the first size bytes of block. */
static int parse(size_t size)
{
	free(copy);
	copy = malloc(size);
	memcpy(copy, block, size);
	return mb2_parse(copy, size, &bi);
}

/* The typical GRUB block, with every tag the kernel reads. */
static void full_block(void)
{
	const uint8_t *rsdp;

	start();
	string_tag(MB2_TAG_CMDLINE, "init=/bin/sh ktest=all");
	string_tag(MB2_TAG_LOADER_NAME, "GRUB 2.06");
	tag(MB2_TAG_BASIC_MEMINFO, 16);
	put32(used - 8, 639);
	put32(used - 4, 130048);
	tag(5, 20);			/* BIOS boot device: skipped */
	mmap_tag(3, 24);
	module_tag(0x200000, 0x280000, "initrd.cpio");
	tag(99, 13);			/* unknown, with padding after it */
	module_tag(0x300000, 0x300100, "");
	rsdp_tag(MB2_TAG_ACPI_OLD, 20, 0x10);
	rsdp_tag(MB2_TAG_ACPI_NEW, 36, 0x40);
	finish();

	CHECK_EQ_INT(parse(used), 0);
	CHECK_EQ_INT(bi.total_size, used);
	CHECK_EQ_STR(bi.cmdline, "init=/bin/sh ktest=all");
	CHECK_EQ_STR(bi.loader_name, "GRUB 2.06");
	/* The strings point into the block, not into a copy of their own. */
	CHECK(bi.cmdline == (char *)copy + 16);
	CHECK_EQ_INT(bi.mem_lower_kb, 639);
	CHECK_EQ_INT(bi.mem_upper_kb, 130048);

	CHECK_EQ_INT(bi.region_count, 3);
	for (unsigned i = 0; i < 3; i++) {
		CHECK_EQ_INT(bi.regions[i].base, (uint64_t)i << 20);
		CHECK_EQ_INT(bi.regions[i].length, (uint64_t)(i + 1) << 10);
		CHECK_EQ_INT(bi.regions[i].type, i + 1);
	}

	CHECK_EQ_INT(bi.module_count, 2);
	CHECK_EQ_INT(bi.modules[0].start, 0x200000);
	CHECK_EQ_INT(bi.modules[0].end, 0x280000);
	CHECK_EQ_STR(bi.modules[0].cmdline, "initrd.cpio");
	CHECK_EQ_INT(bi.modules[1].start, 0x300000);
	CHECK_EQ_INT(bi.modules[1].end, 0x300100);
	CHECK_EQ_STR(bi.modules[1].cmdline, "");
	CHECK(!bi.truncated);

	rsdp = bi.rsdp;
	CHECK(rsdp != NULL);
	CHECK_EQ_INT(bi.rsdp_revision, 2);
	CHECK_EQ_INT(bi.rsdp_size, 36);
	if (rsdp)
		CHECK_EQ_INT(rsdp[0], 0x40);
}

static void new_rsdp_preferred_in_any_order(void)
{
	const uint8_t *rsdp;

	start();
	rsdp_tag(MB2_TAG_ACPI_NEW, 36, 0x40);
	rsdp_tag(MB2_TAG_ACPI_OLD, 20, 0x10);
	finish();
	CHECK_EQ_INT(parse(used), 0);
	rsdp = bi.rsdp;
	CHECK_EQ_INT(bi.rsdp_revision, 2);
	CHECK_EQ_INT(bi.rsdp_size, 36);
	if (CHECK(rsdp != NULL))
		CHECK_EQ_INT(rsdp[0], 0x40);

	/* The old tag alone is used. */
	start();
	rsdp_tag(MB2_TAG_ACPI_OLD, 20, 0x10);
	finish();
	CHECK_EQ_INT(parse(used), 0);
	rsdp = bi.rsdp;
	CHECK_EQ_INT(bi.rsdp_revision, 0);
	CHECK_EQ_INT(bi.rsdp_size, 20);
	if (CHECK(rsdp != NULL))
		CHECK_EQ_INT(rsdp[0], 0x10);
}

static void only_end_tag(void)
{
	start();
	finish();
	CHECK_EQ_INT(used, 16);
	CHECK_EQ_INT(parse(used), 0);
	CHECK_EQ_STR(bi.cmdline, "");
	CHECK_EQ_STR(bi.loader_name, "");
	CHECK_EQ_INT(bi.mem_lower_kb, 0);
	CHECK_EQ_INT(bi.mem_upper_kb, 0);
	CHECK_EQ_INT(bi.region_count, 0);
	CHECK_EQ_INT(bi.module_count, 0);
	CHECK(bi.rsdp == NULL);
	CHECK_EQ_INT(bi.rsdp_size, 0);

	/* Bytes after the end tag are not looked at. */
	put32(used, 0xdead);
	CHECK_EQ_INT(parse(used + 8), 0);
}

/* A later entry_version may use longer entries: step by entry_size. */
static void larger_mmap_entries(void)
{
	start();
	mmap_tag(4, 40);
	finish();
	CHECK_EQ_INT(parse(used), 0);
	CHECK_EQ_INT(bi.region_count, 4);
	CHECK_EQ_INT(bi.regions[3].base, 3 << 20);
	CHECK_EQ_INT(bi.regions[3].length, 4 << 10);
	CHECK_EQ_INT(bi.regions[3].type, 4);
}

static void too_many_regions_and_modules(void)
{
	start();
	mmap_tag(BOOT_MAX_REGIONS + 2, 24);
	for (unsigned i = 0; i < BOOT_MAX_MODULES + 1; i++)
		module_tag(i << 20, (i << 20) + 100, "m");
	finish();
	CHECK(used <= sizeof(block));
	CHECK_EQ_INT(parse(used), 0);
	CHECK(bi.truncated);
	CHECK_EQ_INT(bi.region_count, BOOT_MAX_REGIONS);
	CHECK_EQ_INT(bi.regions[BOOT_MAX_REGIONS - 1].base,
		     (uint64_t)(BOOT_MAX_REGIONS - 1) << 20);
	CHECK_EQ_INT(bi.module_count, BOOT_MAX_MODULES);
	CHECK_EQ_INT(bi.modules[BOOT_MAX_MODULES - 1].start,
		     (BOOT_MAX_MODULES - 1) << 20);
}

static void bad_total_size(void)
{
	start();
	finish();
	put32(0, 8);		/* smaller than header + end tag */
	CHECK_EQ_INT(parse(16), -EINVAL);
	put32(0, 24);		/* larger than the bytes mapped */
	CHECK_EQ_INT(parse(16), -EINVAL);
	put32(0, 16);
	CHECK_EQ_INT(parse(8), -EINVAL);	/* too few bytes mapped */
	CHECK_EQ_INT(parse(16), 0);
}

static void bad_tags(void)
{
	size_t off;

	/* Tags that run past total_size: a memory map whose entries would
	 * be read beyond the block (ASan would see it), and an end tag. */
	start();
	off = used;
	mmap_tag(1, 24);
	finish();
	put32(off + 4, 16 + 3 * 24);
	CHECK_EQ_INT(parse(used), -EINVAL);

	start();
	finish();
	put32(used - 4, 16);
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* A tag smaller than its own header. */
	start();
	off = tag(99, 8);
	finish();
	put32(off + 4, 4);
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* No end tag: the last tag ends the block. */
	start();
	string_tag(MB2_TAG_CMDLINE, "quiet");
	put32(0, used);
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* A string without its NUL inside the tag. */
	start();
	off = tag(MB2_TAG_LOADER_NAME, 12);
	memcpy((char *)block + off + 8, "GRUB", 4);
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* Module tags too short for their fields, or for the string. */
	start();
	tag(MB2_TAG_MODULE, 12);
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);
	start();
	tag(MB2_TAG_MODULE, 16);
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* A memory map tag too short for its fields. */
	start();
	tag(MB2_TAG_MMAP, 12);
	put32(used - 8, 24);	/* entry_size */
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);

	/* A meminfo tag too short for its fields. */
	start();
	tag(MB2_TAG_BASIC_MEMINFO, 12);
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);
}

static void bad_mmap_entry_size(void)
{
	start();
	mmap_tag(2, 16);	/* smaller than one entry */
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);

	start();
	mmap_tag(2, 28);	/* not a multiple of 8 */
	finish();
	CHECK_EQ_INT(parse(used), -EINVAL);
}

static void misaligned_block(void)
{
	start();
	finish();
	memmove((char *)block + 4, block, used);
	CHECK_EQ_INT(mb2_parse((char *)block + 4, used, &bi), -EINVAL);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(full_block),
		TEST(new_rsdp_preferred_in_any_order),
		TEST(only_end_tag),
		TEST(larger_mmap_entries),
		TEST(too_many_regions_and_modules),
		TEST(bad_total_size),
		TEST(bad_tags),
		TEST(bad_mmap_entry_size),
		TEST(misaligned_block),
	};
	int status = run_tests("test_multiboot2", cases, ARRAY_SIZE(cases));

	free(copy);
	return status;
}
