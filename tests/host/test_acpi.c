/*
 * acpi_parse_madt() on hand-made MADTs.
 *
 * The tables are written byte by byte from the layouts in ACPI 6.4 5.2.12,
 * not through the kernel's structs, so a wrong struct would show. Each is
 * parsed from a malloc'ed copy of exactly its length, so that ASan reports
 * any read past the end.
 *
 * Kernel sources: kernel/acpi.c kernel/string.c
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "acpi.h"
#include "uapi/errno.h"

static uint8_t table[4096];
static size_t used;
static void *copy;
static struct madt_info info;

/* acpi.c logs through printk(); the parser itself must not. */
static unsigned printk_calls;

int printk(const char *fmt, ...)
{
	(void)fmt;
	printk_calls++;
	return 0;
}

static void put(size_t off, uint64_t v, size_t n)
{
	memcpy(table + off, &v, n);	/* x86 is little-endian, as ACPI */
}

/* The 36-byte SDT header (5.2.6), then the local interrupt controller
 * address and the flags. The length is filled in by parse(). */
static void start(uint32_t lapic_address, uint32_t flags)
{
	memset(table, 0, sizeof(table));
	memcpy(table, "APIC", 4);
	table[8] = 5;			/* revision */
	memcpy(table + 10, "BOCHS ", 6);
	put(36, lapic_address, 4);
	put(40, flags, 4);
	used = 44;
}

static void entry(uint8_t type, uint8_t length)
{
	table[used] = type;
	table[used + 1] = length;
}

static void add_lapic(uint8_t uid, uint8_t apic_id, uint32_t flags)
{
	entry(0, 8);
	table[used + 2] = uid;
	table[used + 3] = apic_id;
	put(used + 4, flags, 4);
	used += 8;
}

static void add_ioapic(uint8_t id, uint32_t address, uint32_t gsi_base)
{
	entry(1, 12);
	table[used + 2] = id;
	put(used + 4, address, 4);
	put(used + 8, gsi_base, 4);
	used += 12;
}

static void add_override(uint8_t source, uint32_t gsi, uint16_t flags)
{
	entry(2, 10);
	table[used + 2] = 0;		/* bus: ISA */
	table[used + 3] = source;
	put(used + 4, gsi, 4);
	put(used + 8, flags, 2);
	used += 10;
}

static void add_lapic_nmi(void)
{
	entry(4, 6);
	table[used + 2] = 0xff;		/* all processors */
	put(used + 3, 0, 2);
	table[used + 5] = 1;		/* LINT1 */
	used += 6;
}

static void add_lapic_address(uint64_t address)
{
	entry(5, 12);
	put(used + 4, address, 8);
	used += 12;
}

/* Parse the first length bytes (the header's length field says used). */
static int parse_length(size_t length)
{
	put(4, used, 4);
	free(copy);
	copy = malloc(length ? length : 1);
	memcpy(copy, table, length);
	memset(&info, 0xa5, sizeof(info));
	return acpi_parse_madt(copy, length, &info);
}

static int parse(void)
{
	return parse_length(used);
}

/* What QEMU's i440fx machine provides, less the 8 ISA IRQs' overrides. */
static void test_qemu_like(void)
{
	start(0xfee00000, 1);
	add_lapic(0, 0, 1);
	add_ioapic(0, 0xfec00000, 0);
	add_override(0, 2, 0);
	add_override(9, 9, 0xd);
	add_lapic_nmi();
	printk_calls = 0;
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(printk_calls, 0);
	CHECK_EQ_INT(info.lapic_address, 0xfee00000);
	CHECK_EQ_INT(info.flags, MADT_PCAT_COMPAT);
	CHECK_EQ_INT(info.nr_cpus, 1);
	CHECK_EQ_INT(info.cpu_apic_ids[0], 0);
	CHECK_EQ_INT(info.nr_ioapics, 1);
	CHECK_EQ_INT(info.ioapics[0].id, 0);
	CHECK_EQ_INT(info.ioapics[0].address, 0xfec00000);
	CHECK_EQ_INT(info.ioapics[0].gsi_base, 0);
	CHECK_EQ_INT(info.nr_overrides, 2);
	CHECK_EQ_INT(info.overrides[0].isa_irq, 0);
	CHECK_EQ_INT(info.overrides[0].gsi, 2);
	CHECK_EQ_INT(info.overrides[0].flags, 0);
	CHECK_EQ_INT(info.overrides[1].isa_irq, 9);
	CHECK_EQ_INT(info.overrides[1].gsi, 9);
	CHECK_EQ_INT(info.overrides[1].flags & MPS_INTI_TRIGGER_MASK,
		     MPS_INTI_TRIGGER_LEVEL);
	CHECK_EQ_INT(info.overrides[1].flags & MPS_INTI_POLARITY_MASK,
		     MPS_INTI_POLARITY_HIGH);
}

static void test_no_entries(void)
{
	start(0xfee00000, 0);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(info.lapic_address, 0xfee00000);
	CHECK_EQ_INT(info.nr_cpus, 0);
	CHECK_EQ_INT(info.nr_ioapics, 0);
	CHECK_EQ_INT(info.nr_overrides, 0);
}

/* Type 5 replaces the header's address wherever it appears. */
static void test_lapic_address_override(void)
{
	start(0xfee00000, 0);
	add_lapic_address(0x1234567890000ULL);
	add_lapic(0, 0, 1);
	if (CHECK_EQ_INT(parse(), 0))
		CHECK_EQ_INT(info.lapic_address, 0x1234567890000ULL);
}

static void test_disabled_cpus_skipped(void)
{
	start(0xfee00000, 0);
	add_lapic(0, 0, 1);
	add_lapic(1, 1, 0);		/* not enabled, not online capable */
	add_lapic(2, 2, 2);		/* online capable only */
	add_lapic(3, 6, 1);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(info.nr_cpus, 2);
	CHECK_EQ_INT(info.cpu_apic_ids[0], 0);
	CHECK_EQ_INT(info.cpu_apic_ids[1], 6);
}

static void test_two_ioapics(void)
{
	start(0xfee00000, 0);
	add_ioapic(2, 0xfec00000, 0);
	add_ioapic(3, 0xfec01000, 24);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(info.nr_ioapics, 2);
	CHECK_EQ_INT(info.ioapics[1].id, 3);
	CHECK_EQ_INT(info.ioapics[1].address, 0xfec01000);
	CHECK_EQ_INT(info.ioapics[1].gsi_base, 24);
}

/* A later ACPI revision may lengthen an entry: the fields we know stay. */
static void test_longer_entry_accepted(void)
{
	start(0xfee00000, 0);
	add_ioapic(1, 0xfec00000, 0);
	table[44 + 1] = 16;
	used += 4;
	add_lapic(0, 4, 1);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(info.nr_ioapics, 1);
	CHECK_EQ_INT(info.nr_cpus, 1);
	CHECK_EQ_INT(info.cpu_apic_ids[0], 4);
}

static void test_unknown_type_skipped(void)
{
	start(0xfee00000, 0);
	entry(0x7f, 3);
	used += 3;
	add_lapic(0, 0, 1);
	if (CHECK_EQ_INT(parse(), 0))
		CHECK_EQ_INT(info.nr_cpus, 1);
}

/* A zero length would make the walk loop forever. */
static void test_zero_length_entry(void)
{
	start(0xfee00000, 0);
	add_lapic(0, 0, 1);
	entry(0x7f, 0);
	used += 8;
	CHECK_EQ_INT(parse(), -EINVAL);
}

static void test_one_byte_length_entry(void)
{
	start(0xfee00000, 0);
	entry(0x7f, 1);
	used += 8;
	CHECK_EQ_INT(parse(), -EINVAL);
}

static void test_entry_past_end(void)
{
	start(0xfee00000, 0);
	add_lapic(0, 0, 1);
	add_ioapic(0, 0xfec00000, 0);
	CHECK_EQ_INT(parse_length(used - 1), -EINVAL);
}

/* A lone type byte with no room for the length byte. */
static void test_truncated_entry_header(void)
{
	start(0xfee00000, 0);
	add_lapic(0, 0, 1);
	table[used++] = 0;
	CHECK_EQ_INT(parse(), -EINVAL);
}

/* Each known type has a minimum length; one byte less is corrupt. */
static void test_short_known_entries(void)
{
	static const uint8_t types[] = { 0, 1, 2, 5 };
	static const uint8_t min_length[] = { 8, 12, 10, 12 };

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		start(0xfee00000, 0);
		entry(types[i], min_length[i] - 1);
		used += min_length[i] - 1;
		/* Something valid after it, so that reading the short entry
		 * as a whole one stays inside the table. */
		entry(0x7f, 16);
		used += 16;
		if (!CHECK_EQ_INT(parse(), -EINVAL))
			printf("    # type %u\n", types[i]);
	}
}

static void test_short_table(void)
{
	start(0xfee00000, 0);
	CHECK_EQ_INT(parse_length(43), -EINVAL);
	CHECK_EQ_INT(parse_length(0), -EINVAL);
}

static void test_wrong_signature(void)
{
	start(0xfee00000, 0);
	add_lapic(0, 0, 1);
	memcpy(table, "FACP", 4);
	CHECK_EQ_INT(parse(), -EINVAL);
}

static void test_too_many_ioapics(void)
{
	start(0xfee00000, 0);
	for (unsigned i = 0; i < MADT_MAX_IOAPICS; i++)
		add_ioapic(i, 0xfec00000 + i * 0x1000, i * 24);
	if (!CHECK_EQ_INT(parse(), 0))
		return;
	CHECK_EQ_INT(info.nr_ioapics, MADT_MAX_IOAPICS);
	add_ioapic(99, 0xfed00000, 999);
	CHECK_EQ_INT(parse(), -ENOSPC);
}

static void test_too_many_overrides(void)
{
	start(0xfee00000, 0);
	for (unsigned i = 0; i <= MADT_MAX_OVERRIDES; i++)
		add_override(i % 16, i, 0);
	CHECK_EQ_INT(parse(), -ENOSPC);
}

static void test_too_many_cpus(void)
{
	start(0xfee00000, 0);
	for (unsigned i = 0; i <= MADT_MAX_CPUS; i++)
		add_lapic(i, i, 1);
	CHECK_EQ_INT(parse(), -ENOSPC);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(test_qemu_like),
		TEST(test_no_entries),
		TEST(test_lapic_address_override),
		TEST(test_disabled_cpus_skipped),
		TEST(test_two_ioapics),
		TEST(test_longer_entry_accepted),
		TEST(test_unknown_type_skipped),
		TEST(test_zero_length_entry),
		TEST(test_one_byte_length_entry),
		TEST(test_entry_past_end),
		TEST(test_truncated_entry_header),
		TEST(test_short_known_entries),
		TEST(test_short_table),
		TEST(test_wrong_signature),
		TEST(test_too_many_ioapics),
		TEST(test_too_many_overrides),
		TEST(test_too_many_cpus),
	};
	int status = run_tests("acpi", cases, ARRAY_SIZE(cases));

	free(copy);
	return status;
}
