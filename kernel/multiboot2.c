/*
 * Multiboot2 boot information parser (layouts in multiboot2.h).
 *
 * The block comes from the boot loader, so nothing in it is trusted: every
 * size is checked against total_size before the bytes it covers are read.
 */
#include "multiboot2.h"
#include "string.h"
#include "uapi/errno.h"

#define MB2_ALIGN 8	/* tags start at 8-byte aligned offsets (3.6.2) */

static size_t mb2_align(size_t n)
{
	return (n + MB2_ALIGN - 1) & ~(size_t)(MB2_ALIGN - 1);
}

/* A string field filling the rest of a tag must end inside it. */
static const char *tag_string(const struct mb2_tag *tag, const char *s)
{
	size_t room = (const char *)tag + tag->size - s;

	return strnlen(s, room) < room ? s : NULL;
}

static int parse_mmap(const struct mb2_tag *tag, struct boot_info *bi)
{
	const struct mb2_tag_mmap *mmap = (const void *)tag;
	size_t off;

	if (tag->size < sizeof(*mmap) ||
	    mmap->entry_size < sizeof(struct mb2_mmap_entry) ||
	    mmap->entry_size % MB2_ALIGN)
		return -EINVAL;
	/* Step by entry_size, not sizeof: later versions may add fields. */
	for (off = sizeof(*mmap); off + mmap->entry_size <= tag->size;
	     off += mmap->entry_size) {
		const struct mb2_mmap_entry *e =
			(const void *)((const char *)tag + off);
		struct mem_region *r;

		if (bi->region_count == BOOT_MAX_REGIONS) {
			bi->truncated = true;
			break;
		}
		r = &bi->regions[bi->region_count++];
		r->base = e->base_addr;
		r->length = e->length;
		r->type = e->type;
	}
	return 0;
}

static int parse_module(const struct mb2_tag *tag, struct boot_info *bi)
{
	const struct mb2_tag_module *mod = (const void *)tag;
	const char *cmdline;
	struct boot_module *m;

	if (tag->size < sizeof(*mod))
		return -EINVAL;
	cmdline = tag_string(tag, mod->cmdline);
	if (!cmdline)
		return -EINVAL;
	if (bi->module_count == BOOT_MAX_MODULES) {
		bi->truncated = true;
		return 0;
	}
	m = &bi->modules[bi->module_count++];
	m->start = mod->mod_start;
	m->end = mod->mod_end;
	m->cmdline = cmdline;
	return 0;
}

static int parse_tag(const struct mb2_tag *tag, struct boot_info *bi)
{
	const struct mb2_tag_string *str = (const void *)tag;

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		bi->cmdline = tag_string(tag, str->string);
		return bi->cmdline ? 0 : -EINVAL;
	case MB2_TAG_LOADER_NAME:
		bi->loader_name = tag_string(tag, str->string);
		return bi->loader_name ? 0 : -EINVAL;
	case MB2_TAG_MODULE:
		return parse_module(tag, bi);
	case MB2_TAG_BASIC_MEMINFO: {
		const struct mb2_tag_basic_meminfo *meminfo = (const void *)tag;

		if (tag->size < sizeof(*meminfo))
			return -EINVAL;
		bi->mem_lower_kb = meminfo->mem_lower;
		bi->mem_upper_kb = meminfo->mem_upper;
		return 0;
	}
	case MB2_TAG_MMAP:
		return parse_mmap(tag, bi);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW: {
		const struct mb2_tag_rsdp *rsdp = (const void *)tag;

		/* The new tag's RSDP also holds the XSDT address: keep it
		 * whichever tag comes first.  Whether the copy is a valid RSDP
		 * (signature, checksum, length) is for the ACPI code to check. */
		if (tag->type == MB2_TAG_ACPI_OLD && bi->rsdp_revision == 2)
			return 0;
		bi->rsdp = rsdp->rsdp;
		bi->rsdp_size = tag->size - sizeof(*rsdp);
		bi->rsdp_revision = tag->type == MB2_TAG_ACPI_NEW ? 2 : 0;
		return 0;
	}
	}
	return 0;	/* a tag we do not use */
}

int mb2_parse(const void *info, size_t max_size, struct boot_info *bi)
{
	const struct mb2_info *hdr = info;
	size_t off = sizeof(*hdr);

	memset(bi, 0, sizeof(*bi));
	bi->cmdline = "";
	bi->loader_name = "";

	/* The smallest valid block is the header and the end tag; checking
	 * max_size first keeps us from reading total_size out of bounds. */
	if ((uintptr_t)info % MB2_ALIGN || max_size < 16)
		return -EINVAL;
	bi->total_size = hdr->total_size;
	if (hdr->total_size < 16 || hdr->total_size > max_size)
		return -EINVAL;

	while (off + sizeof(struct mb2_tag) <= hdr->total_size) {
		const struct mb2_tag *tag =
			(const void *)((const char *)info + off);
		int err;

		if (tag->size < sizeof(*tag) || tag->size > hdr->total_size - off)
			return -EINVAL;
		if (tag->type == MB2_TAG_END)
			return 0;
		err = parse_tag(tag, bi);
		if (err)
			return err;
		/* The next tag starts at the next aligned offset. */
		off += mb2_align(tag->size);
	}
	return -EINVAL;	/* ran out of bytes before the end tag */
}
