/* Kernel symbol lookup for backtraces, from the .ksyms blob that
 * tools/mksyms.py builds out of the first link (see tools/link-kernel). */
#include "panic.h"
#include <stddef.h>

#define KSYM_MAGIC 0x4d59534b  /* "KSYM" */

struct ksym_header {
	uint32_t magic, count;
};

struct ksym {
	uint64_t address;
	uint32_t size, name;
};

extern const char __ksyms_start[], __ksyms_end[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
	const struct ksym_header *header = (const void *)__ksyms_start;

	if ((size_t)(__ksyms_end - __ksyms_start) < sizeof(*header) ||
	    header->magic != KSYM_MAGIC)
		return NULL;
	const struct ksym *table = (const void *)(header + 1);
	const char *names = (const char *)(table + header->count);

	/* The table is sorted: find the last symbol at or below addr. */
	uint32_t lo = 0, hi = header->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (table[mid].address <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct ksym *sym = &table[lo - 1];
	if (sym->size && addr >= sym->address + sym->size)
		return NULL;
	*offset = addr - sym->address;
	return names + sym->name;
}
