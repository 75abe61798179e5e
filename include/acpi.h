/*
 * ACPI tables: just enough to find the interrupt controllers.
 *
 * GRUB hands over a copy of the RSDP (multiboot2 tags 14 and 15); it leads
 * to the RSDT or XSDT, a list of the other tables, among them the MADT
 * ("APIC"), which says where the local APIC and the IOAPICs are and how
 * the ISA IRQs are wired to IOAPIC inputs. acpi_init() copies what the
 * MADT says into a struct madt_info, so nothing needs the tables later.
 */
#ifndef ACPI_H
#define ACPI_H

#include <stdint.h>
#include <stddef.h>

/* ACPI 6.4 5.2.5.3: the Root System Description Pointer. */
struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	uint8_t checksum;		/* of the first 20 bytes */
	char oem_id[6];
	uint8_t revision;		/* 0: ACPI 1.0, only the fields above */
	uint32_t rsdt_address;
	/* revision >= 2 */
	uint32_t length;		/* of the whole structure */
	uint64_t xsdt_address;
	uint8_t extended_checksum;	/* of all length bytes */
	uint8_t reserved[3];
} __attribute__((packed));

#define ACPI_RSDP_V1_SIZE 20

/* ACPI 6.4 5.2.6: the header every System Description Table starts with. */
struct acpi_sdt_header {
	char signature[4];
	uint32_t length;		/* header included */
	uint8_t revision;
	uint8_t checksum;		/* all length bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

/* ACPI 6.4 5.2.12: the MADT is the header, two fields, then the entries. */
struct acpi_madt {
	struct acpi_sdt_header header;
	uint32_t lapic_address;
	uint32_t flags;
} __attribute__((packed));

#define MADT_PCAT_COMPAT (1u << 0)	/* dual 8259 PICs are present too */

/*
 * Each entry starts with its type and its length in bytes. The others
 * (NMI wiring, x2APIC processors: we run the LAPIC in xAPIC mode, which
 * cannot address x2APIC ids) are skipped.
 */
enum madt_entry_type {
	MADT_LAPIC = 0,			/* 5.2.12.2 */
	MADT_IOAPIC = 1,		/* 5.2.12.3 */
	MADT_SOURCE_OVERRIDE = 2,	/* 5.2.12.5 */
	MADT_LAPIC_ADDRESS = 5,		/* 5.2.12.8 */
};

struct madt_entry_header {
	uint8_t type;
	uint8_t length;
} __attribute__((packed));

struct madt_lapic {
	struct madt_entry_header h;
	uint8_t processor_uid;
	uint8_t apic_id;
	uint32_t flags;
} __attribute__((packed));

#define MADT_CPU_ENABLED (1u << 0)

struct madt_ioapic_entry {
	struct madt_entry_header h;
	uint8_t ioapic_id;
	uint8_t reserved;
	uint32_t address;
	uint32_t gsi_base;
} __attribute__((packed));

struct madt_source_override_entry {
	struct madt_entry_header h;
	uint8_t bus;			/* always 0: ISA */
	uint8_t source;			/* ISA IRQ */
	uint32_t gsi;
	uint16_t flags;			/* MPS_INTI_* */
} __attribute__((packed));

struct madt_lapic_address {
	struct madt_entry_header h;
	uint16_t reserved;
	uint64_t address;
} __attribute__((packed));

/*
 * ACPI 6.4 5.2.12.5, MPS INTI flags: "conforms" means the bus's default,
 * which for ISA is edge triggered, active high.
 */
#define MPS_INTI_POLARITY_MASK	0x3
#define MPS_INTI_POLARITY_HIGH	0x1
#define MPS_INTI_POLARITY_LOW	0x3
#define MPS_INTI_TRIGGER_MASK	0xc
#define MPS_INTI_TRIGGER_EDGE	0x4
#define MPS_INTI_TRIGGER_LEVEL	0xc

/* What the MADT says, in plain form. */
#define MADT_MAX_CPUS		256
#define MADT_MAX_IOAPICS	16
#define MADT_MAX_OVERRIDES	32

struct madt_ioapic {
	uint8_t id;
	uint32_t address;		/* physical, of the register window */
	uint32_t gsi_base;		/* GSI of its input 0 */
};

struct madt_override {
	uint8_t isa_irq;
	uint32_t gsi;
	uint16_t flags;			/* MPS_INTI_* */
};

struct madt_info {
	uint64_t lapic_address;		/* physical; type 5 entry applied */
	uint32_t flags;			/* MADT_PCAT_COMPAT */
	unsigned nr_cpus;		/* enabled processors only */
	uint8_t cpu_apic_ids[MADT_MAX_CPUS];
	unsigned nr_ioapics;
	struct madt_ioapic ioapics[MADT_MAX_IOAPICS];
	unsigned nr_overrides;
	struct madt_override overrides[MADT_MAX_OVERRIDES];
};

/*
 * Parse the MADT at madt, length bytes long (its header included), into
 * *out. Pure: touches nothing but the two buffers. Returns 0, -EINVAL for a
 * table too short or not "APIC", or an entry whose length is too small for
 * its type or runs past the end, -ENOSPC when more CPUs, IOAPICs or
 * overrides than the MADT_MAX_* limits are listed.
 */
int acpi_parse_madt(const void *madt, size_t length, struct madt_info *out);

/*
 * Find and check the tables starting from the RSDP copy the boot loader
 * gave (a kernel virtual address and its size), then parse the MADT.
 * Returns 0 or a negative errno, having said why with pr_err.
 */
int acpi_init(const void *rsdp, size_t rsdp_size);

/* The parsed MADT, or NULL if acpi_init() failed or was not called. */
const struct madt_info *acpi_madt(void);

#endif
