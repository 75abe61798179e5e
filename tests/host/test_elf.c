/*
 * kernel/elf.c on hand-made executables, on real ones that the host's
 * musl-gcc builds at run time, and on random corruptions of both.
 *
 * Hand-made headers are written field by field at the offsets of the gABI
 * (4.1 for the ELF header, 5.1 for a program header), not through elf.h's
 * structs, so a wrong struct would show.  elf_parse() always gets a
 * malloc'ed copy of exactly the bytes it is given, so that ASan reports any
 * read past them.
 *
 * Kernel sources: kernel/elf.c kernel/string.c
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "elf.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define LIMIT	(0x7ffffffff000UL - (8UL << 20))	/* user_limit */
#define EH_SIZE	64	/* gABI 4.1 */
#define PH_SIZE	56	/* gABI 5.1 */
#define PH(i)	(EH_SIZE + (i) * PH_SIZE)	/* offset of phdr i */
/* Offsets of the fields in a program header (gABI 5.1). */
#define P_TYPE	0
#define P_FLAGS	4
#define P_OFFSET 8
#define P_VADDR	16
#define P_FILESZ 32
#define P_MEMSZ	40
#define P_ALIGN	48

struct ph {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz, align;
};

/* The hand-made file: its first len bytes, and the size it claims. */
static unsigned char file[4096];
static size_t len;
static uint64_t file_size;
static struct elf_image img;

static void put16(size_t off, uint16_t v) { memcpy(file + off, &v, 2); }
static void put32(size_t off, uint32_t v) { memcpy(file + off, &v, 4); }
static void put64(size_t off, uint64_t v) { memcpy(file + off, &v, 8); }

/* A typical static link: headers and rodata, text, data with bss. */
static const struct ph exec_phs[] = {
	{ PT_LOAD, PF_R, 0, 0x400000, 0x200, 0x200, 0x1000 },
	{ PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x100, 0x100, 0x1000 },
	{ PT_LOAD, PF_R | PF_W, 0x1e10, 0x402e10, 0x30, 0x1000, 0x1000 },
	{ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16 },
};
#define EXEC_ENTRY	0x401010
#define EXEC_FILE_SIZE	0x1e40

/* Write a file of type with n program headers. */
static void build(uint16_t type, uint64_t entry, const struct ph *phs,
		  unsigned n)
{
	memset(file, 0, sizeof(file));
	memcpy(file, "\177ELF", 4);
	file[4] = 2;		/* EI_CLASS: ELFCLASS64 */
	file[5] = 1;		/* EI_DATA: ELFDATA2LSB */
	file[6] = 1;		/* EI_VERSION: EV_CURRENT */
	put16(16, type);
	put16(18, 62);		/* e_machine: EM_X86_64 */
	put32(20, 1);		/* e_version */
	put64(24, entry);
	put64(32, EH_SIZE);	/* e_phoff */
	put16(52, EH_SIZE);	/* e_ehsize */
	put16(54, PH_SIZE);	/* e_phentsize */
	put16(56, n);		/* e_phnum */
	for (unsigned i = 0; i < n; i++) {
		put32(PH(i) + P_TYPE, phs[i].type);
		put32(PH(i) + P_FLAGS, phs[i].flags);
		put64(PH(i) + P_OFFSET, phs[i].offset);
		put64(PH(i) + P_VADDR, phs[i].vaddr);
		put64(PH(i) + 24, phs[i].vaddr);	/* p_paddr */
		put64(PH(i) + P_FILESZ, phs[i].filesz);
		put64(PH(i) + P_MEMSZ, phs[i].memsz);
		put64(PH(i) + P_ALIGN, phs[i].align);
	}
	len = PH(n);
	file_size = EXEC_FILE_SIZE;
}

static void build_exec(void)
{
	build(ET_EXEC, EXEC_ENTRY, exec_phs, ARRAY_SIZE(exec_phs));
}

static int parse_bytes(const unsigned char *bytes, size_t n, uint64_t size,
		       uint64_t limit)
{
	unsigned char *copy = malloc(n ? n : 1);
	int ret;

	memcpy(copy, bytes, n);
	ret = elf_parse(copy, n, size, limit, &img);
	free(copy);
	return ret;
}

static int parse(void)
{
	return parse_bytes(file, len, file_size, LIMIT);
}

static int parse_limit(uint64_t limit)
{
	return parse_bytes(file, len, file_size, limit);
}

/* What every accepted image promises its user, kernel/exec.c. */
static bool image_ok(uint64_t size, uint64_t limit)
{
	bool ok = img.segment_count >= 1 &&
		  img.segment_count <= ELF_MAX_SEGMENTS &&
		  img.lowest % 4096 == 0 && img.highest % 4096 == 0 &&
		  img.lowest >= ELF_MIN_VADDR && img.highest <= limit &&
		  img.lowest < img.highest &&
		  img.highest - img.lowest <= ELF_MAX_SPAN &&
		  img.phentsize == PH_SIZE;
	bool entry_ok = false;
	uint64_t prev_end = img.lowest;

	for (unsigned i = 0; ok && i < img.segment_count; i++) {
		const struct elf_segment *s = &img.segments[i];

		ok = s->memsz > 0 && s->filesz <= s->memsz &&
		     s->offset <= size && s->filesz <= size - s->offset &&
		     (s->vaddr - s->offset) % 4096 == 0 &&
		     (s->vaddr & ~4095UL) >= prev_end &&
		     s->vaddr + s->memsz <= img.highest &&
		     (s->prot & ~7u) == 0;
		prev_end = (s->vaddr + s->memsz + 4095) & ~4095UL;
		if ((s->prot & PROT_EXEC) && img.entry >= s->vaddr &&
		    img.entry - s->vaddr < s->filesz)
			entry_ok = true;
	}
	return ok && entry_ok;
}

static void valid_exec(void)
{
	build_exec();
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK(image_ok(file_size, LIMIT));
	CHECK_EQ_INT(img.entry, EXEC_ENTRY);
	CHECK_EQ_INT(img.load_bias, 0);
	CHECK_EQ_INT(img.phdr_vaddr, 0x400000 + EH_SIZE);
	CHECK_EQ_INT(img.phnum, 4);
	CHECK_EQ_INT(img.phentsize, PH_SIZE);
	CHECK_EQ_INT(img.lowest, 0x400000);
	CHECK_EQ_INT(img.highest, 0x404000);
	if (!CHECK_EQ_INT(img.segment_count, 3))
		return;
	for (unsigned i = 0; i < 3; i++) {
		CHECK_EQ_INT(img.segments[i].vaddr, exec_phs[i].vaddr);
		CHECK_EQ_INT(img.segments[i].memsz, exec_phs[i].memsz);
		CHECK_EQ_INT(img.segments[i].offset, exec_phs[i].offset);
		CHECK_EQ_INT(img.segments[i].filesz, exec_phs[i].filesz);
	}
	CHECK_EQ_INT(img.segments[0].prot, PROT_READ);
	CHECK_EQ_INT(img.segments[1].prot, PROT_READ | PROT_EXEC);
	CHECK_EQ_INT(img.segments[2].prot, PROT_READ | PROT_WRITE);
}

/* The file may have any alignment in the caller's buffer. */
static void unaligned_buffer(void)
{
	unsigned char *buf = malloc(PH(4) + 1);

	build_exec();
	memcpy(buf + 1, file, len);
	CHECK_EQ_INT(elf_parse(buf + 1, len, file_size, LIMIT, &img), 0);
	CHECK_EQ_INT(img.entry, EXEC_ENTRY);
	free(buf);
}

static void valid_dyn(void)
{
	struct ph phs[ARRAY_SIZE(exec_phs)];

	memcpy(phs, exec_phs, sizeof(phs));
	for (unsigned i = 0; i < 3; i++)
		phs[i].vaddr -= 0x400000;
	build(ET_DYN, EXEC_ENTRY - 0x400000, phs, ARRAY_SIZE(phs));
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK(image_ok(file_size, LIMIT));
	CHECK_EQ_INT(img.load_bias, ELF_ET_DYN_BASE);
	CHECK_EQ_INT(img.entry, ELF_ET_DYN_BASE + 0x1010);
	CHECK_EQ_INT(img.phdr_vaddr, ELF_ET_DYN_BASE + EH_SIZE);
	CHECK_EQ_INT(img.lowest, ELF_ET_DYN_BASE);
	CHECK_EQ_INT(img.highest, ELF_ET_DYN_BASE + 0x4000);
	CHECK_EQ_INT(img.segments[2].vaddr, ELF_ET_DYN_BASE + 0x2e10);

	/* The lowest vaddr, page aligned down, goes to the base, even when
	 * the bias wraps around 2^64. */
	phs[0].vaddr = 0xfffffffff0000123;
	phs[0].offset = 0x123;
	phs[0].filesz = phs[0].memsz = 0x100;
	phs[1].vaddr = 0xfffffffff0001000;
	build(ET_DYN, 0xfffffffff0001010, phs, 2);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK(image_ok(file_size, LIMIT));
	CHECK_EQ_INT(img.load_bias, ELF_ET_DYN_BASE - 0xfffffffff0000000);
	CHECK_EQ_INT(img.segments[0].vaddr, ELF_ET_DYN_BASE + 0x123);
	CHECK_EQ_INT(img.entry, ELF_ET_DYN_BASE + 0x1010);
	CHECK_EQ_INT(img.phdr_vaddr, 0);	/* offset 64 is not loaded */

	/* The base must be below user_limit. */
	memcpy(phs, exec_phs, sizeof(phs));
	for (unsigned i = 0; i < 3; i++)
		phs[i].vaddr -= 0x400000;
	build(ET_DYN, 0x1010, phs, 3);
	CHECK_EQ_INT(parse_limit(ELF_ET_DYN_BASE + 0x4000), 0);
	CHECK_EQ_INT(parse_limit(ELF_ET_DYN_BASE + 0x3fff), -ENOEXEC);
	CHECK_EQ_INT(parse_limit(0x400000), -ENOEXEC);
}

/* PT_PHDR (gABI 5.1) must describe the table where a PT_LOAD puts it. */
static void pt_phdr(void)
{
	struct ph phs[6] = {
		{ PT_PHDR, PF_R, EH_SIZE, 0x400000 + EH_SIZE, PH(5) - EH_SIZE,
		  PH(5) - EH_SIZE, 8 },
	};

	memcpy(phs + 1, exec_phs, sizeof(exec_phs));
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	if (CHECK_EQ_INT(parse(), 0))
		CHECK_EQ_INT(img.phdr_vaddr, 0x400040);

	put64(PH(0) + P_VADDR, 0x400048);		/* not where it loads */
	CHECK_EQ_INT(parse(), -ENOEXEC);
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	put64(PH(0) + P_OFFSET, EH_SIZE + 8);		/* not the table */
	CHECK_EQ_INT(parse(), -ENOEXEC);
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	put64(PH(0) + P_FILESZ, PH(5));			/* the wrong size */
	CHECK_EQ_INT(parse(), -ENOEXEC);
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	put64(PH(0) + P_MEMSZ, 0x1000);
	CHECK_EQ_INT(parse(), -ENOEXEC);

	/* After a PT_LOAD, or twice. */
	phs[5] = phs[0];
	build(ET_EXEC, EXEC_ENTRY, phs + 1, 5);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	build(ET_EXEC, EXEC_ENTRY, phs, 6);
	put64(PH(0) + P_FILESZ, PH(6) - EH_SIZE);
	put64(PH(0) + P_MEMSZ, PH(6) - EH_SIZE);
	put64(PH(5) + P_FILESZ, PH(6) - EH_SIZE);
	put64(PH(5) + P_MEMSZ, PH(6) - EH_SIZE);
	CHECK_EQ_INT(parse(), -ENOEXEC);

	/* The table is not in the first segment's file bytes. */
	phs[1].filesz = phs[1].memsz = 0x100;
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	/* Without a PT_PHDR that is allowed: AT_PHDR is then 0. */
	build(ET_EXEC, EXEC_ENTRY, phs + 1, 4);
	if (CHECK_EQ_INT(parse(), 0))
		CHECK_EQ_INT(img.phdr_vaddr, 0);
}

/* Each byte of e_ident that is checked, and the fields after it. */
static void bad_elf_header(void)
{
	static const struct { size_t off, size; uint64_t value; } bad[] = {
		{ 0, 1, 0x7e }, { 1, 1, 'e' }, { 2, 1, 'l' }, { 3, 1, 'f' },
		{ 4, 1, 1 }, { 4, 1, 0 }, { 4, 1, 3 },	/* ELFCLASS32.. */
		{ 5, 1, 2 }, { 5, 1, 0 },		/* big-endian, none */
		{ 6, 1, 0 }, { 6, 1, 2 },		/* EI_VERSION */
		{ 7, 1, 1 }, { 7, 1, 9 }, { 7, 1, 255 },	/* HP-UX.. */
		{ 16, 2, 0 }, { 16, 2, 1 }, { 16, 2, 4 }, { 16, 2, 0xfe00 },
		{ 18, 2, 3 }, { 18, 2, 0 }, { 18, 2, 183 },	/* i386.. */
		{ 20, 4, 0 }, { 20, 4, 2 },		/* e_version */
		{ 52, 2, 52 }, { 52, 2, 0 }, { 52, 2, 65 },	/* e_ehsize */
		{ 54, 2, 32 }, { 54, 2, 0 }, { 54, 2, 57 }, { 54, 2, 64 },
		{ 56, 2, 0 },				/* e_phnum */
		{ 56, 2, 5 }, { 56, 2, 0xffff },	/* table past the end */
		{ 32, 8, EH_SIZE + 1 },			/* e_phoff */
		{ 32, 8, 0x1000 },
		{ 32, 8, UINT64_MAX },
		{ 32, 8, UINT64_MAX - PH_SIZE + 1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		build_exec();
		memcpy(file + bad[i].off, &bad[i].value, bad[i].size);
		if (!CHECK_EQ_INT(parse(), -ENOEXEC))
			printf("    # bad[%zu]: offset %zu = %#" PRIx64 "\n",
			       i, bad[i].off, bad[i].value);
	}

	/* What is not used for loading may be anything. */
	build_exec();
	file[7] = 3;				/* ELFOSABI_GNU */
	file[8] = 1;				/* EI_ABIVERSION */
	memset(file + 9, 0xff, 7);		/* EI_PAD */
	put64(40, UINT64_MAX);			/* e_shoff */
	put32(48, 0xffffffff);			/* e_flags */
	put16(58, 7);				/* e_shentsize, e_shnum.. */
	put16(60, 0xffff);
	put16(62, 0xffff);
	CHECK_EQ_INT(parse(), 0);
}

/* Every prefix shorter than the table is rejected, and read within. */
static void truncated(void)
{
	build_exec();
	for (size_t n = 0; n < len; n++)
		CHECK_EQ_INT(parse_bytes(file, n, file_size, LIMIT), -ENOEXEC);
	CHECK_EQ_INT(parse_bytes(file, len, file_size, LIMIT), 0);
	/* The table must be in the header, whatever the file's size. */
	CHECK_EQ_INT(parse_bytes(file, len - 1, 1UL << 40, LIMIT), -ENOEXEC);
}

static void interpreter(void)
{
	struct ph phs[5] = {
		[4] = { PT_INTERP, PF_R, 0x200, 0x400200, 0x1c, 0x1c, 1 },
	};

	memcpy(phs, exec_phs, sizeof(exec_phs));
	build(ET_EXEC, EXEC_ENTRY, phs, 5);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	/* An unknown type is skipped, PT_INTERP never. */
	put32(PH(4) + P_TYPE, 0x6fffffff);
	CHECK_EQ_INT(parse(), 0);
}

/* Replace one field of program header i of the valid file, then parse. */
static int with(unsigned i, size_t field, uint64_t value)
{
	build_exec();
	if (field == P_TYPE || field == P_FLAGS)
		put32(PH(i) + field, value);
	else
		put64(PH(i) + field, value);
	return parse();
}

static void bad_segment(void)
{
	/* gABI: p_filesz <= p_memsz. */
	CHECK_EQ_INT(with(2, P_FILESZ, 0x1001), -ENOEXEC);
	CHECK_EQ_INT(with(2, P_FILESZ, 0x1000), -ENOEXEC);	/* past EOF */
	/* In the file: the last byte exists, one more does not. */
	build_exec();
	file_size = EXEC_FILE_SIZE - 1;
	CHECK_EQ_INT(parse(), -ENOEXEC);
	CHECK_EQ_INT(with(2, P_OFFSET, 0x2e10), -ENOEXEC);
	/* offset + filesz wraps around (and is congruent to vaddr). */
	build_exec();
	put64(PH(2) + P_OFFSET, 0xfffffffffffffe10);
	put64(PH(2) + P_FILESZ, 0x200);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	/* p_vaddr and p_offset congruent modulo the page and p_align. */
	CHECK_EQ_INT(with(1, P_VADDR, 0x401800), -ENOEXEC);
	CHECK_EQ_INT(with(1, P_OFFSET, 0x1008), -ENOEXEC);
	CHECK_EQ_INT(with(1, P_ALIGN, 0x1800), -ENOEXEC);	/* not 2^n */
	CHECK_EQ_INT(with(1, P_ALIGN, 0x800000), -ENOEXEC);	/* 0x400000 */
	CHECK_EQ_INT(with(1, P_ALIGN, 0x400000), 0);
	CHECK_EQ_INT(with(1, P_ALIGN, 0), 0);
	CHECK_EQ_INT(with(1, P_ALIGN, 1), 0);
	CHECK_EQ_INT(with(1, P_ALIGN, 16), 0);
	/* vaddr + memsz wraps around. */
	build_exec();
	put64(PH(2) + P_VADDR, 0xfffffffffffffe10);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	put64(PH(2) + P_MEMSZ, 0x30);
	CHECK_EQ_INT(parse(), -ENOEXEC);	/* the page end wraps */
	/* Overlapping, sharing a page, out of order. */
	build_exec();
	put64(PH(2) + P_VADDR, 0x401080);
	put64(PH(2) + P_OFFSET, 0x1080);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	put64(PH(2) + P_VADDR, 0x401e10);
	put64(PH(2) + P_OFFSET, 0x1e10);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	put64(PH(2) + P_VADDR, 0x3ffe10);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	/* A segment ending right where the next page-aligned one starts. */
	CHECK_EQ_INT(with(1, P_MEMSZ, 0x1000), 0);
	CHECK_EQ_INT(with(1, P_MEMSZ, 0x1001), -ENOEXEC);
	/* A PT_LOAD of no memory is skipped (its file bytes still checked). */
	build_exec();
	put64(PH(1) + P_MEMSZ, 0x0);
	put64(PH(1) + P_FILESZ, 0x0);
	CHECK_EQ_INT(parse(), -ENOEXEC);	/* the entry's segment is gone */
	CHECK_EQ_INT(with(3, P_TYPE, PT_LOAD), 0);	/* GNU_STACK's fields */
	CHECK_EQ_INT(img.segment_count, 3);
	build_exec();
	put32(PH(3) + P_TYPE, PT_LOAD);
	put64(PH(3) + P_OFFSET, EXEC_FILE_SIZE + 1);
	CHECK_EQ_INT(parse(), -ENOEXEC);
}

static void address_limits(void)
{
	/* user_limit: the end of the last segment's last page must not
	 * pass it. */
	build_exec();
	CHECK_EQ_INT(parse_limit(0x404000), 0);
	CHECK_EQ_INT(parse_limit(0x404fff), 0);
	CHECK_EQ_INT(parse_limit(0x403fff), -ENOEXEC);
	CHECK_EQ_INT(parse_limit(0x403000), -ENOEXEC);
	CHECK_EQ_INT(parse_limit(0), -ENOEXEC);
	{
		struct ph phs[2] = {
			{ PT_LOAD, PF_R | PF_X, 0, LIMIT - 0x2000, 0x200,
			  0x200, 0x1000 },
			{ PT_LOAD, PF_R | PF_W, 0x200, LIMIT - 0x1000 + 0x200, 0x10,
			  0xe00, 0x1000 },
		};

		build(ET_EXEC, LIMIT - 0x2000 + 0x100, phs, 2);
		CHECK_EQ_INT(parse(), 0);
		CHECK_EQ_INT(img.highest, LIMIT);
		phs[1].memsz++;
		build(ET_EXEC, LIMIT - 0x2000 + 0x100, phs, 2);
		CHECK_EQ_INT(parse(), -ENOEXEC);
	}

	/* mmap_min_addr: 0x10000 is the lowest page. */
	{
		struct ph phs[2] = {
			{ PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x200, 0x200, 0x1000 },
			{ PT_LOAD, PF_R | PF_W, 0x200, 0x11200, 0x10, 0x10,
			  0x1000 },
		};

		build(ET_EXEC, 0x10100, phs, 2);
		CHECK_EQ_INT(parse(), 0);
		phs[0].vaddr = 0xf000;
		build(ET_EXEC, 0xf100, phs, 2);
		CHECK_EQ_INT(parse(), -ENOEXEC);
		phs[0].vaddr = 0;
		build(ET_EXEC, 0x100, phs, 2);
		CHECK_EQ_INT(parse(), -ENOEXEC);
	}

	/* At most ELF_MAX_SPAN from the lowest page to the highest. */
	CHECK_EQ_INT(with(2, P_MEMSZ, 0x40400000 - 0x402e10), 0);
	CHECK_EQ_INT(with(2, P_MEMSZ, 0x40400000 - 0x402e10 + 1), -ENOEXEC);
	CHECK_EQ_INT(with(2, P_MEMSZ, UINT64_MAX / 2), -ENOEXEC);
	build_exec();
	put64(PH(2) + P_VADDR, 0x402e10 + ELF_MAX_SPAN);
	CHECK_EQ_INT(parse(), -ENOEXEC);
}

static void entry_point(void)
{
	static const struct { uint64_t entry; int ret; } cases[] = {
		{ 0x401000, 0 }, { 0x4010ff, 0 },
		{ 0x400fff, -ENOEXEC }, { 0x401100, -ENOEXEC },
		{ 0x400010, -ENOEXEC },		/* in read-only data */
		{ 0x402e10, -ENOEXEC },		/* in data */
		{ 0, -ENOEXEC }, { UINT64_MAX, -ENOEXEC },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		build_exec();
		put64(24, cases[i].entry);
		CHECK_EQ_INT(parse(), cases[i].ret);
	}
	/* In the executable segment's bss: not code from the file. */
	build_exec();
	put64(PH(1) + P_MEMSZ, 0x200);
	put64(24, 0x401100);
	CHECK_EQ_INT(parse(), -ENOEXEC);
	/* Executable data is executable. */
	build_exec();
	put32(PH(2) + P_FLAGS, PF_R | PF_W | PF_X);
	put64(24, 0x402e20);
	CHECK_EQ_INT(parse(), 0);
}

/* n one-page segments; the file holds them all. */
static int segments(unsigned n)
{
	struct ph phs[ELF_MAX_SEGMENTS + 2];

	for (unsigned i = 0; i < n; i++)
		phs[i] = (struct ph){ PT_LOAD, PF_R | PF_X, i * 0x1000UL,
				      0x400000 + i * 0x1000UL, 0x100, 0x800,
				      0x1000 };
	build(ET_EXEC, 0x400010, phs, n);
	file_size = n * 0x1000UL;
	return parse();
}

static void segment_count(void)
{
	CHECK_EQ_INT(segments(1), 0);
	CHECK_EQ_INT(segments(ELF_MAX_SEGMENTS), 0);
	CHECK_EQ_INT(img.segment_count, ELF_MAX_SEGMENTS);
	CHECK_EQ_INT(img.highest, 0x400000 + ELF_MAX_SEGMENTS * 0x1000);
	CHECK_EQ_INT(segments(ELF_MAX_SEGMENTS + 1), -ENOEXEC);
	/* Only PT_LOADs count. */
	build_exec();
	for (unsigned i = 4; i < 40; i++)
		memcpy(file + PH(i), file + PH(3), PH_SIZE);
	put16(56, 40);
	len = PH(40);
	CHECK_EQ_INT(parse(), 0);
	CHECK_EQ_INT(img.phnum, 40);
	/* No PT_LOAD at all. */
	build(ET_EXEC, EXEC_ENTRY, exec_phs + 3, 1);
	CHECK_EQ_INT(parse(), -ENOEXEC);
}

/* Real programs, built with the host's musl-gcc into a temporary directory. */

static char dir[] = "/tmp/test_elf.XXXXXX";
static unsigned char real[4096];	/* the first 4 KiB of the file */
static size_t real_len;
static uint64_t real_size;

/* Run a shell command; each %s in fmt stands for dir. */
static bool sh(const char *fmt)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, dir, dir, dir);
	if (system(cmd) == 0)
		return true;
	printf("    # failed: %s\n", cmd);
	return false;
}

/* Read the first 4 KiB of path as execve does. */
static bool load(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	real_len = fread(real, 1, sizeof(real), f);
	fseek(f, 0, SEEK_END);
	real_size = ftell(f);
	fclose(f);
	return true;
}

/* Compare the image with what readelf says about path. */
static void check_against_readelf(const char *path, bool dyn)
{
	char cmd[256], line[512];
	uint64_t entry = 0, phoff = 0, first = UINT64_MAX, phdr = 0;
	unsigned phnum = 0, loads = 0;
	bool has_pt_phdr = false;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "readelf -lW %s", path);
	p = popen(cmd, "r");
	if (!CHECK(p != NULL))
		return;
	while (fgets(line, sizeof(line), p)) {
		uint64_t offset, vaddr, filesz, memsz;
		int n = 0;

		sscanf(line, "Entry point %" SCNx64, &entry);
		sscanf(line, "There are %u program headers, starting at offset"
		       " %" SCNu64, &phnum, &phoff);
		if (sscanf(line, " PHDR %*x %" SCNx64, &phdr) == 1)
			has_pt_phdr = true;
		if (sscanf(line, " LOAD %" SCNx64 " %" SCNx64 " %*x %" SCNx64
			   " %" SCNx64 " %n", &offset, &vaddr, &filesz, &memsz,
			   &n) == 4 && n > 0) {
			const struct elf_segment *s = &img.segments[loads];
			char *flags = line + n, *end = strstr(flags, "0x");
			unsigned prot = 0;
			uint64_t bias;

			if (!CHECK(end && loads < img.segment_count))
				break;
			*end = '\0';
			prot |= strchr(flags, 'R') ? PROT_READ : 0;
			prot |= strchr(flags, 'W') ? PROT_WRITE : 0;
			prot |= strchr(flags, 'E') ? PROT_EXEC : 0;
			if (first == UINT64_MAX)
				first = vaddr & ~4095UL;
			bias = dyn ? ELF_ET_DYN_BASE - first : 0;
			CHECK_EQ_INT(s->vaddr, vaddr + bias);
			CHECK_EQ_INT(s->offset, offset);
			CHECK_EQ_INT(s->filesz, filesz);
			CHECK_EQ_INT(s->memsz, memsz);
			CHECK_EQ_INT(s->prot, prot);
			if (offset <= phoff &&
			    phoff + phnum * PH_SIZE <= offset + filesz)
				CHECK_EQ_INT(img.phdr_vaddr,
					     vaddr + bias + phoff - offset);
			loads++;
		}
	}
	pclose(p);
	CHECK_EQ_INT(loads, img.segment_count);
	CHECK_EQ_INT(img.load_bias, dyn ? ELF_ET_DYN_BASE - first : 0);
	CHECK_EQ_INT(img.entry, entry + img.load_bias);
	CHECK_EQ_INT(img.phnum, phnum);
	if (has_pt_phdr)
		CHECK_EQ_INT(img.phdr_vaddr, phdr + img.load_bias);
	CHECK(img.phdr_vaddr != 0);	/* musl needs AT_PHDR for TLS */
}

static void build_programs(void)
{
	static const char prog[] = "#include <stdio.h>\n"
		"int main(int argc, char **argv)\n"
		"{\n\tputs(argv[0]);\n\treturn argc - 1;\n}\n";
	char path[64];
	FILE *f;

	if (!CHECK(mkdtemp(dir) != NULL))
		return;
	snprintf(path, sizeof(path), "%s/prog.c", dir);
	f = fopen(path, "w");
	if (!CHECK(f != NULL))
		return;
	fputs(prog, f);
	fclose(f);
	CHECK(sh("musl-gcc -static -O2 -o %s/static %s/prog.c"));
	/* musl-gcc has no -static-pie of its own: link rcrt1.o (which
	 * relocates the program itself) from musl's directory, statically
	 * and without an interpreter. */
	CHECK(sh("d=$(dirname $(musl-gcc -### -x c /dev/null 2>&1 |"
		 " grep -o '[^ \"]*/Scrt1.o' | head -n 1)) &&"
		 " musl-gcc -static-pie -nostartfiles -Wl,--no-dynamic-linker"
		 " -Wl,-Bstatic -O2 -o %s/pie $d/rcrt1.o $d/crti.o %s/prog.c"
		 " $d/crtn.o"));
	CHECK(sh("musl-gcc -O2 -o %s/dynamic %s/prog.c"));
	/* The static-pie really runs: argc - 1 is its exit status. */
	CHECK(sh("%s/pie a b >/dev/null; test $? -eq 2"));
}

static int parse_real(void)
{
	return parse_bytes(real, real_len, real_size, LIMIT);
}

/* The program dir/name is accepted, as readelf sees it. */
static void accepted(const char *name, bool dyn)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!CHECK(load(path)) || !CHECK_EQ_INT(parse_real(), 0))
		return;
	CHECK(image_ok(real_size, LIMIT));
	CHECK_EQ_INT(img.lowest, dyn ? ELF_ET_DYN_BASE : 0x400000);
	check_against_readelf(path, dyn);
}

static void real_static(void)
{
	accepted("static", false);
}

static void real_static_pie(void)
{
	accepted("pie", true);
}

/* Dynamically linked programs ask for an interpreter: not supported. */
static void real_dynamic(void)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/dynamic", dir);
	if (CHECK(load(path)))
		CHECK_EQ_INT(parse_real(), -ENOEXEC);
	if (load("/bin/true"))			/* glibc's, on Debian */
		CHECK_EQ_INT(parse_real(), -ENOEXEC);
	/* Not ELF: a broken magic, a script. */
	if (load("/bin/sh")) {
		real[0] = '#';
		CHECK_EQ_INT(parse_real(), -ENOEXEC);
	}
	CHECK_EQ_INT(parse_bytes((const unsigned char *)"#!/bin/sh\n", 10, 10,
				 LIMIT), -ENOEXEC);
}

/* Fuzz-ish: random single-byte corruptions either parse into a sane
 * image or give -ENOEXEC, and never read out of bounds (ASan, UBSan). */

static uint64_t rng = 0x9e3779b97f4a7c15;	/* fixed: reproducible */

static uint64_t next_random(void)
{
	rng ^= rng << 13;	/* xorshift64 */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void corrupt(const unsigned char *good, size_t n, uint64_t size,
		    unsigned rounds)
{
	unsigned char *bad = malloc(n);
	unsigned accepted = 0, wrong = 0;

	for (unsigned r = 0; r < rounds; r++) {
		uint64_t x = next_random();
		size_t at = (x >> 8) % n;
		int ret;

		memcpy(bad, good, n);
		bad[at] = (unsigned char)x;
		ret = elf_parse(bad, n, size, LIMIT, &img);
		if (ret == 0 && image_ok(size, LIMIT)) {
			accepted++;
		} else if (ret != -ENOEXEC && wrong++ < 5) {
			printf("    # byte %zu = %#x: returned %d, image %s\n",
			       at, (unsigned char)x, ret,
			       image_ok(size, LIMIT) ? "ok" : "broken");
		}
	}
	CHECK_EQ_INT(wrong, 0);
	printf("    # %u of %u corruptions accepted\n", accepted, rounds);
	free(bad);
}

static void fuzz_handmade(void)
{
	build_exec();
	corrupt(file, len, file_size, 100000);
}

static void fuzz_real(void)
{
	char path[64];
	size_t table_end;

	snprintf(path, sizeof(path), "%s/static", dir);
	if (!CHECK(load(path)) || !CHECK(real_len >= 64))
		return;
	/* Corrupt only what is read: the header and the table. */
	table_end = EH_SIZE + PH_SIZE * (real[56] | real[57] << 8);
	if (CHECK(table_end <= real_len))
		corrupt(real, table_end, real_size, 100000);
}

static void remove_programs(void)
{
	CHECK(sh("rm -r %s"));
}

static const struct test_case cases[] = {
	TEST(valid_exec),
	TEST(unaligned_buffer),
	TEST(valid_dyn),
	TEST(pt_phdr),
	TEST(bad_elf_header),
	TEST(truncated),
	TEST(interpreter),
	TEST(bad_segment),
	TEST(address_limits),
	TEST(entry_point),
	TEST(segment_count),
	TEST(build_programs),
	TEST(real_static),
	TEST(real_static_pie),
	TEST(real_dynamic),
	TEST(fuzz_handmade),
	TEST(fuzz_real),
	TEST(remove_programs),
};

int main(void)
{
	return run_tests("elf", cases, ARRAY_SIZE(cases));
}
