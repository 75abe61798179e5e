/*
 * ACPI table discovery: RSDP -> RSDT or XSDT -> MADT (ACPI 6.4 5.2).
 *
 * Every structure is checked before it is believed: its signature, its
 * length, and its checksum (all its bytes sum to 0 mod 256). The MADT is
 * then copied into a plain struct madt_info by acpi_parse_madt(), a pure
 * function that tests/host/test_acpi.c exercises on hand-made tables.
 */
#include <stdbool.h>
#include "acpi.h"
#include "layout.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"

/* The boot page tables' direct map covers physical 0..4 GiB (layout.h). */
#define ACPI_MAPPED_LIMIT (4UL << 30)

static struct madt_info madt_info;
static bool madt_valid;

static uint8_t checksum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (n--)
		sum += *b++;
	return sum;
}

/*
 * Minimum length of each entry type we read; an entry shorter than that is
 * corrupt. Longer is allowed: later ACPI revisions may append fields.
 */
static const uint8_t madt_entry_min_length[] = {
	[MADT_LAPIC] = sizeof(struct madt_lapic),
	[MADT_IOAPIC] = sizeof(struct madt_ioapic_entry),
	[MADT_SOURCE_OVERRIDE] = sizeof(struct madt_source_override_entry),
	[MADT_LAPIC_ADDRESS] = sizeof(struct madt_lapic_address),
};

static int madt_entry(const struct madt_entry_header *h, struct madt_info *out)
{
	switch (h->type) {
	case MADT_LAPIC: {
		const struct madt_lapic *e = (const void *)h;

		/* 5.2.12.2: a processor without the Enabled flag is unusable
		 * (or may be hot-added later, which we do not support). */
		if (!(e->flags & MADT_CPU_ENABLED))
			return 0;
		if (out->nr_cpus == MADT_MAX_CPUS)
			return -ENOSPC;
		out->cpu_apic_ids[out->nr_cpus++] = e->apic_id;
		return 0;
	}
	case MADT_IOAPIC: {
		const struct madt_ioapic_entry *e = (const void *)h;

		if (out->nr_ioapics == MADT_MAX_IOAPICS)
			return -ENOSPC;
		out->ioapics[out->nr_ioapics++] = (struct madt_ioapic){
			.id = e->ioapic_id,
			.address = e->address,
			.gsi_base = e->gsi_base,
		};
		return 0;
	}
	case MADT_SOURCE_OVERRIDE: {
		const struct madt_source_override_entry *e = (const void *)h;

		if (out->nr_overrides == MADT_MAX_OVERRIDES)
			return -ENOSPC;
		out->overrides[out->nr_overrides++] = (struct madt_override){
			.isa_irq = e->source,
			.gsi = e->gsi,
			.flags = e->flags,
		};
		return 0;
	}
	case MADT_LAPIC_ADDRESS:
		/* 5.2.12.8: a 64-bit address that replaces the header's. */
		out->lapic_address = ((const struct madt_lapic_address *)h)->address;
		return 0;
	default:
		return 0;
	}
}

int acpi_parse_madt(const void *table, size_t length, struct madt_info *out)
{
	const struct acpi_madt *madt = table;
	const uint8_t *bytes = table;
	size_t off;

	if (length < sizeof(*madt) ||
	    memcmp(madt->header.signature, "APIC", 4) != 0)
		return -EINVAL;

	memset(out, 0, sizeof(*out));
	out->lapic_address = madt->lapic_address;
	out->flags = madt->flags;

	for (off = sizeof(*madt); off < length;) {
		const struct madt_entry_header *h = (const void *)(bytes + off);
		size_t left = length - off;
		int err;

		if (left < sizeof(*h) || h->length < sizeof(*h) ||
		    h->length > left)
			return -EINVAL;
		if (h->type < sizeof(madt_entry_min_length) &&
		    h->length < madt_entry_min_length[h->type])
			return -EINVAL;
		err = madt_entry(h, out);
		if (err)
			return err;
		off += h->length;
	}
	return 0;
}

/* The SDT at phys if it lies in the mapped range and its length and
 * checksum are sound (ACPI 6.4 5.2.6), otherwise NULL with a warning. */
static const struct acpi_sdt_header *map_sdt(uint64_t phys)
{
	const struct acpi_sdt_header *h;

	if (phys == 0 || phys + sizeof(*h) > ACPI_MAPPED_LIMIT) {
		pr_warn("acpi: table at %#lx is outside the direct map\n", phys);
		return NULL;
	}
	h = phys_to_virt(phys);
	if (h->length < sizeof(*h) || phys + h->length > ACPI_MAPPED_LIMIT) {
		pr_warn("acpi: %.4s at %#lx: bad length %u\n", h->signature,
			phys, h->length);
		return NULL;
	}
	if (checksum(h, h->length) != 0) {
		pr_warn("acpi: %.4s at %#lx: bad checksum\n", h->signature, phys);
		return NULL;
	}
	pr_debug("acpi: %.4s %#010lx %6u (v%02u %.6s %.8s)\n", h->signature,
		 phys, h->length, h->revision, h->oem_id, h->oem_table_id);
	return h;
}

/*
 * Walk the RSDT (ACPI 6.4 5.2.7: 32-bit entries) or the XSDT (5.2.8: 64-bit
 * entries, not 8-byte aligned) at root_phys for the table named sig.
 */
static const struct acpi_sdt_header *find_sdt(uint64_t root_phys,
					      const char *root_sig,
					      size_t entry_size, const char *sig)
{
	const struct acpi_sdt_header *root = map_sdt(root_phys);
	const struct acpi_sdt_header *found = NULL;
	const uint8_t *entries;
	size_t i, n;

	if (!root)
		return NULL;
	if (memcmp(root->signature, root_sig, 4) != 0) {
		pr_err("acpi: expected %s at %#lx, found %.4s\n", root_sig,
		       root_phys, root->signature);
		return NULL;
	}
	entries = (const uint8_t *)(root + 1);
	n = (root->length - sizeof(*root)) / entry_size;
	for (i = 0; i < n; i++) {
		uint64_t phys = 0;
		const struct acpi_sdt_header *h;

		memcpy(&phys, entries + i * entry_size, entry_size);
		h = map_sdt(phys);
		if (h && !found && memcmp(h->signature, sig, 4) == 0)
			found = h;
	}
	return found;
}

static void print_madt(const struct madt_info *m)
{
	unsigned i;

	pr_info("acpi: MADT: LAPIC at %#lx, %u CPU(s), %u IOAPIC(s), "
		"%u ISA override(s)%s\n", m->lapic_address, m->nr_cpus,
		m->nr_ioapics, m->nr_overrides,
		m->flags & MADT_PCAT_COMPAT ? ", dual 8259" : "");
	for (i = 0; i < m->nr_ioapics; i++)
		pr_debug("acpi: IOAPIC id %u at %#x, GSI base %u\n",
			 m->ioapics[i].id, m->ioapics[i].address,
			 m->ioapics[i].gsi_base);
	for (i = 0; i < m->nr_overrides; i++)
		pr_debug("acpi: ISA IRQ %u -> GSI %u, flags %#x\n",
			 m->overrides[i].isa_irq, m->overrides[i].gsi,
			 m->overrides[i].flags);
}

int acpi_init(const void *rsdp_copy, size_t size)
{
	const struct acpi_rsdp *rsdp = rsdp_copy;
	const struct acpi_sdt_header *madt;
	int err;

	if (!rsdp) {
		pr_err("acpi: the boot loader passed no RSDP (multiboot2 tag 14 or 15)\n");
		return -ENOENT;
	}
	/* ACPI 6.4 5.2.5.3: the first 20 bytes have their own checksum, the
	 * whole revision 2 structure another one. */
	if (size < ACPI_RSDP_V1_SIZE ||
	    memcmp(rsdp->signature, "RSD PTR ", 8) != 0 ||
	    checksum(rsdp, ACPI_RSDP_V1_SIZE) != 0) {
		pr_err("acpi: the RSDP (%zu bytes) has a bad signature or checksum\n",
		       size);
		return -EINVAL;
	}
	if (rsdp->revision >= 2) {
		if (size < sizeof(*rsdp) || rsdp->length < sizeof(*rsdp) ||
		    rsdp->length > size || checksum(rsdp, rsdp->length) != 0) {
			pr_err("acpi: the revision %u RSDP has a bad length or extended checksum\n",
			       rsdp->revision);
			return -EINVAL;
		}
		madt = find_sdt(rsdp->xsdt_address, "XSDT", 8, "APIC");
	} else {
		madt = find_sdt(rsdp->rsdt_address, "RSDT", 4, "APIC");
	}
	if (!madt) {
		pr_err("acpi: no valid MADT (\"APIC\" table)\n");
		return -ENOENT;
	}

	err = acpi_parse_madt(madt, madt->length, &madt_info);
	if (err) {
		pr_err("acpi: cannot parse the MADT: error %d\n", err);
		return err;
	}
	madt_valid = true;
	print_madt(&madt_info);
	return 0;
}

const struct madt_info *acpi_madt(void)
{
	return madt_valid ? &madt_info : NULL;
}
