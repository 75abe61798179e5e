/*
 * The local APIC (SDM volume 3A chapter 10) and the IOAPICs (Intel 82093AA
 * datasheet), found through the ACPI MADT. One CPU: every device interrupt
 * is delivered, fixed and physically addressed, to the boot CPU.
 */
#include <stdbool.h>
#include "acpi.h"
#include "apic.h"
#include "layout.h"
#include "panic.h"
#include "printk.h"
#include "trap.h"
#include "x86.h"

/* SDM 10.4.4: IA32_APIC_BASE. */
#define APIC_BASE_X2APIC	(1UL << 10)
#define APIC_BASE_ENABLE	(1UL << 11)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000UL

/* SDM 10.4.1, table 10-1: register offsets in the 4 KiB MMIO page. */
#define LAPIC_ID		0x020
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_ESR		0x280
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INITIAL	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0

#define SVR_APIC_ENABLE		(1u << 8)	/* SDM 10.9 */
#define LVT_DELIVERY_NMI	(4u << 8)	/* SDM 10.5.1 */
#define LVT_MASKED		(1u << 16)
#define LVT_TIMER_PERIODIC	(1u << 17)
#define TIMER_DIVIDE_BY_16	0x3		/* SDM 10.5.4, figure 10-10 */

/* 82093AA 3.1: an index register and a data window. */
#define IOREGSEL		0x00
#define IOWIN			0x10
#define IOAPICVER		0x01
#define IOREDTBL(pin)		(0x10 + 2 * (pin))

/* 82093AA 3.2.4: low dword of a redirection entry; the high dword's top
 * byte is the destination APIC id (physical mode). */
#define IOREDTBL_ACTIVE_LOW	(1u << 13)
#define IOREDTBL_LEVEL		(1u << 15)
#define IOREDTBL_MASKED		(1u << 16)

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base;
	unsigned nr_pins;
};

static volatile uint32_t *lapic;
static uint32_t boot_lapic_id;
static struct ioapic ioapics[MADT_MAX_IOAPICS];
static unsigned nr_ioapics;

static uint32_t lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t value)
{
	lapic[reg / 4] = value;
}

void lapic_eoi(void)
{
	/* SDM 10.8.5: any write to the EOI register ends the interrupt. */
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;	/* SDM 10.4.6 */
}

void lapic_timer_free_run(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LAPIC_TIMER_VECTOR);
	/* SDM 10.5.4: writing the initial count (re)starts the countdown. */
	lapic_write(LAPIC_TIMER_INITIAL, 0xffffffff);
}

void lapic_timer_periodic(uint32_t count)
{
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_PERIODIC | LAPIC_TIMER_VECTOR);
	lapic_write(LAPIC_TIMER_INITIAL, count);
}

uint32_t lapic_timer_count(void)
{
	return lapic_read(LAPIC_TIMER_CURRENT);
}

/* SDM 10.9: the spurious vector is not in service and takes no EOI. */
static void lapic_spurious(struct trap_frame *frame)
{
	(void)frame;
}

static void lapic_init(uint64_t phys)
{
	uint64_t base;

	/* SDM 10.4.2: CPUID.01H:EDX.APIC[bit 9]; without it the MSR #GPs. */
	if (!(cpuid(1, 0).edx & (1u << 9)))
		panic("apic: this CPU has no local APIC");
	base = rdmsr(MSR_APIC_BASE);
	if (base & APIC_BASE_X2APIC)
		panic("apic: the firmware left the LAPIC in x2APIC mode, which this kernel does not drive");
	if ((base & APIC_BASE_ADDR_MASK) != phys)
		pr_warn("apic: IA32_APIC_BASE says %#lx, the MADT %#lx; using the MADT's\n",
			base & APIC_BASE_ADDR_MASK, phys);
	/* SDM 10.4.3: the global enable; the SVR bit below is the other one. */
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = phys_to_virt(phys);
	boot_lapic_id = lapic_id();

	/*
	 * The BIOS left LINT0 in virtual-wire mode (ExtINT from the 8259)
	 * and LINT1 as NMI (SDM 10.5.1). The 8259 is masked for good, so
	 * LINT0 is too; NMIs stay.
	 */
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_DELIVERY_NMI);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LAPIC_TIMER_VECTOR);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_ESR, 0);	/* SDM 10.5.3: write to clear */
	/* SDM 10.8.3.1: priority 0 accepts every vector. */
	lapic_write(LAPIC_TPR, 0);
	irq_set_handler(SPURIOUS_VECTOR, lapic_spurious);
	lapic_write(LAPIC_SVR, SVR_APIC_ENABLE | SPURIOUS_VECTOR);
}

/*
 * IOREGSEL and IOWIN are a pair: an interrupt handler touching the IOAPIC
 * between the two accesses would select another register.
 */
static uint32_t ioapic_read(struct ioapic *io, unsigned reg)
{
	bool irqs = irq_save();
	uint32_t value;

	io->regs[IOREGSEL / 4] = reg;
	value = io->regs[IOWIN / 4];
	irq_restore(irqs);
	return value;
}

static void ioapic_write(struct ioapic *io, unsigned reg, uint32_t value)
{
	bool irqs = irq_save();

	io->regs[IOREGSEL / 4] = reg;
	io->regs[IOWIN / 4] = value;
	irq_restore(irqs);
}

static void ioapic_init(const struct madt_ioapic *m)
{
	struct ioapic *io = &ioapics[nr_ioapics++];
	unsigned pin;

	io->regs = phys_to_virt(m->address);
	io->gsi_base = m->gsi_base;
	/* 82093AA 3.2.2: bits 23:16 hold the highest entry's index. */
	io->nr_pins = ((ioapic_read(io, IOAPICVER) >> 16) & 0xff) + 1;
	for (pin = 0; pin < io->nr_pins; pin++) {
		ioapic_write(io, IOREDTBL(pin), IOREDTBL_MASKED);
		ioapic_write(io, IOREDTBL(pin) + 1, 0);
	}
	pr_info("apic: IOAPIC %u at %#x: GSIs %u-%u\n", m->id, m->address,
		io->gsi_base, io->gsi_base + io->nr_pins - 1);
}

static struct ioapic *ioapic_for_gsi(uint32_t gsi, unsigned *pin)
{
	unsigned i;

	for (i = 0; i < nr_ioapics; i++) {
		if (gsi >= ioapics[i].gsi_base &&
		    gsi - ioapics[i].gsi_base < ioapics[i].nr_pins) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	panic("apic: no IOAPIC serves GSI %u", gsi);
}

static const struct madt_override *isa_override(unsigned isa_irq)
{
	const struct madt_info *m = acpi_madt();
	unsigned i;

	BUG_ON(isa_irq >= NR_ISA_IRQS);
	for (i = 0; i < m->nr_overrides; i++)
		if (m->overrides[i].isa_irq == isa_irq)
			return &m->overrides[i];
	return NULL;
}

/* ACPI 6.4 5.2.12.5: without an override, ISA IRQ n is GSI n. */
static uint32_t isa_irq_gsi(unsigned isa_irq)
{
	const struct madt_override *ov = isa_override(isa_irq);

	return ov ? ov->gsi : isa_irq;
}

unsigned isa_irq_vector(unsigned isa_irq)
{
	uint32_t gsi = isa_irq_gsi(isa_irq);

	BUG_ON(gsi >= PIC_VECTOR_BASE - IRQ_VECTOR_BASE);
	return IRQ_VECTOR_BASE + gsi;
}

void ioapic_route_isa_irq(unsigned isa_irq, unsigned vector)
{
	const struct madt_override *ov = isa_override(isa_irq);
	uint16_t flags = ov ? ov->flags : 0;
	uint32_t gsi = ov ? ov->gsi : isa_irq;
	uint32_t low = vector;		/* fixed delivery, physical mode */
	struct ioapic *io;
	unsigned pin;

	BUG_ON(vector < IRQ_VECTOR_BASE || vector >= PIC_VECTOR_BASE);
	/* "Conforms to the bus" is ISA's edge, active high: bits stay 0. */
	if ((flags & MPS_INTI_POLARITY_MASK) == MPS_INTI_POLARITY_LOW)
		low |= IOREDTBL_ACTIVE_LOW;
	if ((flags & MPS_INTI_TRIGGER_MASK) == MPS_INTI_TRIGGER_LEVEL)
		low |= IOREDTBL_LEVEL;

	io = ioapic_for_gsi(gsi, &pin);
	/* Destination first, so the entry is complete once unmasked. */
	ioapic_write(io, IOREDTBL(pin) + 1, boot_lapic_id << 24);
	ioapic_write(io, IOREDTBL(pin), low);
	pr_debug("apic: ISA IRQ %u -> GSI %u -> vector %#x%s%s\n", isa_irq,
		 gsi, vector, low & IOREDTBL_LEVEL ? ", level" : "",
		 low & IOREDTBL_ACTIVE_LOW ? ", active low" : "");
}

void ioapic_mask_isa_irq(unsigned isa_irq)
{
	unsigned pin;
	struct ioapic *io = ioapic_for_gsi(isa_irq_gsi(isa_irq), &pin);

	ioapic_write(io, IOREDTBL(pin),
		     ioapic_read(io, IOREDTBL(pin)) | IOREDTBL_MASKED);
}

void apic_init(void)
{
	const struct madt_info *m = acpi_madt();
	unsigned i;

	if (!m)
		panic("apic: no ACPI MADT, so no way to find the local APIC and the IOAPIC (see the acpi: errors above)");
	if (m->nr_ioapics == 0)
		panic("apic: the MADT lists no IOAPIC");

	/* ACPI 6.4 5.2.12.4: with PCAT_COMPAT, 8259s are there to silence. */
	if (m->flags & MADT_PCAT_COMPAT)
		pic_disable();
	lapic_init(m->lapic_address);
	for (i = 0; i < m->nr_ioapics; i++)
		ioapic_init(&m->ioapics[i]);
	pr_info("apic: LAPIC id %u at %#lx enabled, spurious vector %#x\n",
		boot_lapic_id, m->lapic_address, SPURIOUS_VECTOR);
}
