/*
 * The Multiboot2 boot information: what GRUB tells the kernel about the
 * machine (Multiboot2 specification 1.0, section 3.6; the layout is 3.6.2).
 *
 * The block starts with {total_size, reserved} and continues with tags, each
 * {type, size, payload} at an 8-byte aligned offset, up to an end tag of type
 * 0 and size 8.  size counts the tag's own header but not the padding after
 * it.
 */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* In EAX at the kernel's entry when a Multiboot2 loader started it (3.3). */
#define MB2_BOOTLOADER_MAGIC	0x36d76289

/* The tag types the kernel reads (each has its section in 3.6); it skips
 * the others. */
#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER_NAME	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_BASIC_MEMINFO	4
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14	/* copy of an ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW	15	/* copy of an ACPI 2.0+ RSDP (XSDT) */

/* Memory-map entry types (3.6.8). */
#define MB2_MEMORY_AVAILABLE		1
#define MB2_MEMORY_RESERVED		2
#define MB2_MEMORY_ACPI_RECLAIMABLE	3
#define MB2_MEMORY_NVS			4	/* preserve across hibernation */
#define MB2_MEMORY_BADRAM		5

/* The layouts in the block, all fields little-endian. */
struct mb2_info {
	uint32_t total_size;	/* bytes, this header and the end tag included */
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_tag_string {		/* MB2_TAG_CMDLINE, MB2_TAG_LOADER_NAME */
	struct mb2_tag tag;
	char string[];		/* NUL-terminated */
};

struct mb2_tag_module {
	struct mb2_tag tag;
	uint32_t mod_start;	/* physical addresses: [mod_start, mod_end) */
	uint32_t mod_end;
	char cmdline[];		/* NUL-terminated */
};

struct mb2_tag_basic_meminfo {
	struct mb2_tag tag;
	uint32_t mem_lower;	/* KiB of memory below 1 MiB */
	uint32_t mem_upper;	/* KiB from 1 MiB to the first hole */
};

struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;		/* MB2_MEMORY_* */
	uint32_t reserved;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;	/* stride of the entries, >= 24 and a multiple
				 * of 8: later versions may append fields */
	uint32_t entry_version;	/* 0 */
	/* entries follow */
};

struct mb2_tag_rsdp {		/* MB2_TAG_ACPI_OLD, MB2_TAG_ACPI_NEW */
	struct mb2_tag tag;
	uint8_t rsdp[];
};

/* What the kernel keeps from the block. */
#define BOOT_MAX_REGIONS	128
#define BOOT_MAX_MODULES	8

struct mem_region {
	uint64_t base, length;
	uint32_t type;		/* MB2_MEMORY_* */
};

struct boot_module {
	uint64_t start, end;	/* physical: [start, end) */
	const char *cmdline;
};

struct boot_info {
	const char *cmdline;		/* "" when there is no tag */
	const char *loader_name;	/* "" when there is no tag */
	uint32_t mem_lower_kb, mem_upper_kb;	/* 0 without a meminfo tag */
	struct mem_region regions[BOOT_MAX_REGIONS];
	unsigned region_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	unsigned module_count;
	bool truncated;		/* regions or modules did not all fit */
	const void *rsdp;	/* the RSDP copy in its tag, NULL if none */
	unsigned rsdp_revision;	/* 0 from the old tag, 2 from the new */
	size_t rsdp_size;	/* bytes of that copy */
	uint32_t total_size;
};

/*
 * Parse the block at info, of which max_size bytes are mapped.  The strings
 * and the RSDP in bi point into the block.  Returns 0, or -EINVAL when info
 * is not 8-byte aligned (3.6.2), total_size is < 16 or > max_size, a tag is
 * smaller than 8 bytes or overruns total_size, a tag is too short for its
 * fields or its string is not NUL-terminated, the memory map's entry_size is
 * < 24 or not a multiple of 8, or there is no end tag.  The new ACPI tag is
 * preferred over the old one whatever their order.
 */
int mb2_parse(const void *info, size_t max_size, struct boot_info *bi);

#endif /* KERNEL_MULTIBOOT2_H */
