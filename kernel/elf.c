/*
 * Checking an ELF64 executable before execve maps it (interface in elf.h).
 *
 * The file is hostile input.  Headers are copied out of the caller's buffer
 * with memcpy once their bounds are checked (the buffer may be unaligned),
 * and every sum of two file values is checked for overflow before it is
 * made.  What is not used for loading is not checked: the section headers
 * (gABI 4.1: sections are the linking view, segments the execution view),
 * e_flags (the psABI defines none), and the e_ident padding ("programs that
 * read object files should ignore them").
 */
#include <stdbool.h>

#include "elf.h"
#include "layout.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

static uint64_t page_down(uint64_t addr)
{
	return addr & ~(PAGE_SIZE - 1);
}

/* page_up(vaddr + memsz) into *end; false if that does not fit 64 bits. */
static bool segment_end(uint64_t vaddr, uint64_t memsz, uint64_t *end)
{
	const uint64_t max = UINT64_MAX - (PAGE_SIZE - 1);

	if (vaddr > max || memsz > max - vaddr)
		return false;
	*end = page_down(vaddr + memsz + PAGE_SIZE - 1);
	return true;
}

static bool header_ok(const Elf64_Ehdr *eh)
{
	const unsigned char *id = eh->e_ident;

	/* gABI 4.1 e_ident.  EI_OSABI: GNU ld writes ELFOSABI_GNU when the
	 * program uses GNU extensions such as IFUNC (static glibc does). */
	if (memcmp(id, ELFMAG, SELFMAG) != 0 || id[EI_CLASS] != ELFCLASS64 ||
	    id[EI_DATA] != ELFDATA2LSB || id[EI_VERSION] != EV_CURRENT ||
	    (id[EI_OSABI] != ELFOSABI_NONE && id[EI_OSABI] != ELFOSABI_GNU))
		return false;
	/* gABI 4.1: e_type, e_machine (psABI 4.1.1), e_version, and the
	 * sizes of this header and of a program header entry. */
	return (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) &&
	       eh->e_machine == EM_X86_64 && eh->e_version == EV_CURRENT &&
	       eh->e_ehsize == sizeof(Elf64_Ehdr) &&
	       eh->e_phentsize == sizeof(Elf64_Phdr) && eh->e_phnum > 0;
}

/* gABI 5.1 p_flags to mmap's protection bits. */
static unsigned segment_prot(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) |
	       (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* Check one PT_LOAD (not yet relocated) and append it to image. */
static int add_segment(struct elf_image *image, const Elf64_Phdr *ph,
		       uint64_t file_size)
{
	uint64_t align = ph->p_align > PAGE_SIZE ? ph->p_align : PAGE_SIZE;
	uint64_t end;
	struct elf_segment *seg;

	/* gABI 5.1: "The file size may not be larger than the memory size." */
	if (ph->p_filesz > ph->p_memsz)
		return -ENOEXEC;
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return -ENOEXEC;
	/* gABI 5.1 p_align: 0 or 1 for none, else a power of two, and
	 * p_vaddr == p_offset modulo p_align; mapping the file's pages needs
	 * that modulo the page size too ("Program Loading"). */
	if ((ph->p_align & (ph->p_align - 1)) != 0 ||
	    ((ph->p_vaddr - ph->p_offset) & (align - 1)) != 0)
		return -ENOEXEC;
	if (!segment_end(ph->p_vaddr, ph->p_memsz, &end))
		return -ENOEXEC;
	if (ph->p_memsz == 0)
		return 0;	/* occupies no memory */

	/* gABI 5.1: "Loadable segment entries in the program header table
	 * appear in ascending order, sorted on the p_vaddr member."  Each
	 * must also start on a page of its own, since it becomes a VMA with
	 * its own protection (Linux would let a later one overwrite it).
	 * image->highest is so far the page-aligned end of the last one. */
	if (image->segment_count > 0 && page_down(ph->p_vaddr) < image->highest)
		return -ENOEXEC;
	if (image->segment_count == ELF_MAX_SEGMENTS)
		return -ENOEXEC;
	if (image->segment_count == 0)
		image->lowest = page_down(ph->p_vaddr);
	image->highest = end;

	seg = &image->segments[image->segment_count++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->prot = segment_prot(ph->p_flags);
	return 0;
}

/* The address that file bytes [offset, offset + size) load at, if a
 * segment loads them all. */
static bool file_to_vaddr(const struct elf_image *image, uint64_t offset,
			  uint64_t size, uint64_t *vaddr)
{
	for (unsigned i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];
		uint64_t skip;

		if (offset < seg->offset)
			continue;
		skip = offset - seg->offset;
		if (skip <= seg->filesz && size <= seg->filesz - skip) {
			*vaddr = seg->vaddr + skip;
			return true;
		}
	}
	return false;
}

/* The entry point must be code from the file: in the file-backed part of
 * an executable segment. */
static bool entry_ok(const struct elf_image *image, uint64_t entry)
{
	for (unsigned i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];

		if ((seg->prot & PROT_EXEC) && entry >= seg->vaddr &&
		    entry - seg->vaddr < seg->filesz)
			return true;
	}
	return false;
}

int elf_parse(const void *header, size_t header_len, uint64_t file_size,
	      uint64_t user_limit, struct elf_image *image)
{
	Elf64_Ehdr eh;
	uint64_t table_size, bias, pt_phdr = 0;
	bool has_pt_phdr = false, phdr_loaded;

	if (header_len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, header, sizeof(eh));
	if (!header_ok(&eh))
		return -ENOEXEC;
	/* The program header table must be inside what the caller read. */
	table_size = (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr);
	if (eh.e_phoff > header_len || table_size > header_len - eh.e_phoff)
		return -ENOEXEC;

	memset(image, 0, sizeof(*image));
	image->phnum = eh.e_phnum;
	image->phentsize = eh.e_phentsize;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		int err;

		memcpy(&ph, (const char *)header + eh.e_phoff + i * sizeof(ph),
		       sizeof(ph));
		switch (ph.p_type) {
		case PT_LOAD:
			err = add_segment(image, &ph, file_size);
			if (err)
				return err;
			break;
		case PT_INTERP:		/* needs a dynamic linker */
			return -ENOEXEC;
		case PT_PHDR:
			/* gABI 5.1: the table itself, "part of the memory
			 * image"; "may not occur more than once" and "must
			 * precede any loadable segment entry". */
			if (has_pt_phdr || image->segment_count > 0 ||
			    ph.p_offset != eh.e_phoff ||
			    ph.p_filesz != table_size ||
			    ph.p_memsz != table_size)
				return -ENOEXEC;
			has_pt_phdr = true;
			pt_phdr = ph.p_vaddr;
			break;
		}
	}
	if (image->segment_count == 0 ||
	    image->highest - image->lowest > ELF_MAX_SPAN ||
	    !entry_ok(image, eh.e_entry))
		return -ENOEXEC;
	phdr_loaded = file_to_vaddr(image, eh.e_phoff, table_size,
				    &image->phdr_vaddr);
	if (has_pt_phdr && (!phdr_loaded || image->phdr_vaddr != pt_phdr))
		return -ENOEXEC;

	/* Relocate.  An ET_DYN image moves to [ELF_ET_DYN_BASE,
	 * ELF_ET_DYN_BASE + ELF_MAX_SPAN], so no address wraps around, though
	 * load_bias itself may (it is an offset modulo 2^64). */
	bias = eh.e_type == ET_DYN ? ELF_ET_DYN_BASE - image->lowest : 0;
	image->load_bias = bias;
	image->lowest += bias;
	image->highest += bias;
	if (image->lowest < ELF_MIN_VADDR || image->highest > user_limit)
		return -ENOEXEC;
	for (unsigned i = 0; i < image->segment_count; i++)
		image->segments[i].vaddr += bias;
	image->entry = eh.e_entry + bias;
	if (phdr_loaded)
		image->phdr_vaddr += bias;
	return 0;
}
