/*
 * ELF64 executables: the file format (System V gABI, "Object Files" and
 * "Program Loading"; the x86-64 psABI chapter 4 fills in the machine
 * specific values) and elf_parse(), which checks an executable and describes
 * how to load it.  It does no I/O and no allocation: execve reads the start
 * of the file and maps what elf_parse() returns (kernel/exec.c).
 *
 * Only statically linked programs are supported: ET_EXEC loaded where its
 * segments say, and static-pie ET_DYN loaded at ELF_ET_DYN_BASE.  A program
 * that asks for an interpreter (PT_INTERP, a dynamically linked one) is
 * rejected.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

/* gABI 4.1 "ELF Header": e_ident[] indexes and values. */
#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS64	2
#define ELFDATA2LSB	1	/* two's complement, little-endian */
#define ELFOSABI_NONE	0	/* UNIX System V ABI */
#define ELFOSABI_GNU	3	/* GNU extensions (e.g. STT_GNU_IFUNC) */
#define EV_CURRENT	1

/* e_type */
#define ET_EXEC		2	/* executable file */
#define ET_DYN		3	/* shared object, or a position-independent
				 * executable (static-pie) */

/* e_machine (psABI 4.1.1) */
#define EM_X86_64	62

/* gABI 5.1 "Program Header": p_type and p_flags. */
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551	/* GNU: p_flags say whether the stack
					 * is executable; here it never is */

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* gABI 4.1: the ELF header, at offset 0 of the file. */
typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;	/* virtual address of the first instruction */
	uint64_t e_phoff;	/* file offset of the program header table */
	uint64_t e_shoff;	/* file offset of the section header table */
	uint32_t e_flags;	/* processor specific: psABI defines none */
	uint16_t e_ehsize;	/* this header's size */
	uint16_t e_phentsize;	/* one program header's size */
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

/* gABI 5.1: one entry of the program header table. */
typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;	/* file offset of the segment's first byte */
	uint64_t p_vaddr;	/* its virtual address */
	uint64_t p_paddr;	/* unused on x86-64 */
	uint64_t p_filesz;	/* bytes in the file */
	uint64_t p_memsz;	/* bytes in memory: the rest is zero (.bss) */
	uint64_t p_align;
} Elf64_Phdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "gABI 4.1: ELF64 header size");
_Static_assert(sizeof(Elf64_Phdr) == 56, "gABI 5.1: ELF64 phdr size");

#define ELF_MAX_SEGMENTS 16		/* PT_LOAD entries accepted */
/* Where static-pie (ET_DYN) images load: Linux's ELF_ET_DYN_BASE on
 * x86-64 (2/3 of the user address space), without randomisation. */
#define ELF_ET_DYN_BASE	0x555555554000UL
#define ELF_MIN_VADDR	0x10000UL	/* Linux's default vm.mmap_min_addr */
#define ELF_MAX_SPAN	(1UL << 30)	/* from the lowest page to the highest */

/*
 * One PT_LOAD segment, ready to map: the file's bytes [offset, offset +
 * filesz) at vaddr, then zeros up to vaddr + memsz.  Segments are in
 * ascending order and never share a page.
 */
struct elf_segment {
	uint64_t vaddr;		/* relocated; may not be page aligned */
	uint64_t memsz;		/* > 0 */
	uint64_t offset;	/* == vaddr modulo PAGE_SIZE */
	uint64_t filesz;	/* <= memsz, and inside the file */
	unsigned prot;		/* PROT_READ | PROT_WRITE | PROT_EXEC */
};

struct elf_image {
	uint64_t entry;		/* relocated */
	uint64_t load_bias;	/* 0 for ET_EXEC; ELF_ET_DYN_BASE - lowest p_vaddr
				 * (page aligned, modulo 2^64) for ET_DYN */
	uint64_t phdr_vaddr;	/* where the program headers are in memory (for
				 * AT_PHDR); 0 if no segment loads them */
	uint16_t phnum, phentsize;	/* for AT_PHNUM, AT_PHENT */
	unsigned segment_count;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
	uint64_t lowest, highest;	/* page-aligned span of all segments */
};

/*
 * Check an executable and describe how to load it.
 *
 * header: the first header_len bytes of the file (the caller reads up to
 * 4 KiB; the program header table must lie inside them).  file_size: the
 * whole file's size.  user_limit: the first address user space may not use,
 * e.g. the bottom of the area reserved for the stack.  The header may be at
 * any alignment.
 *
 * Returns 0 with *image filled in, or -ENOEXEC for anything it does not
 * accept (*image is then meaningless): a wrong ELF header, an interpreter,
 * more than ELF_MAX_SEGMENTS PT_LOADs or none, a segment that is not inside
 * the file or not inside [ELF_MIN_VADDR, user_limit), segments not in
 * ascending order or sharing a page, more than ELF_MAX_SPAN from the first
 * segment to the last, an entry point outside the file-backed part of an
 * executable segment.
 */
int elf_parse(const void *header, size_t header_len, uint64_t file_size,
	      uint64_t user_limit, struct elf_image *image);

#endif /* KERNEL_ELF_H */
