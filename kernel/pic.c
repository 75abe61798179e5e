/*
 * The legacy 8259A PIC pair, which we do not use: interrupts go through the
 * IOAPIC. Reset, the PICs deliver IRQ 0-7 on vectors 0x08-0x0f, on top of
 * CPU exceptions, so they are reprogrammed to PIC_VECTOR_BASE before being
 * masked. A masked 8259 can still raise a spurious IRQ 7 (or 15 on the
 * slave) when a request vanishes during the acknowledge cycle; it lands on
 * a vector whose handler ignores it.
 */
#include "apic.h"
#include "trap.h"
#include "x86.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

/* 8259A datasheet, initialization command words. */
#define ICW1_INIT	0x10	/* start the init sequence... */
#define ICW1_ICW4	0x01	/* ...which will include ICW4 */
#define ICW3_MASTER	0x04	/* the slave hangs on IRQ 2 (a bit mask) */
#define ICW3_SLAVE	0x02	/* the slave's cascade identity: 2 */
#define ICW4_8086	0x01	/* 8086 mode, normal EOI */

/* Old chipsets need a pause between accesses; an out to the unused POST
 * diagnostic port 0x80 takes about a microsecond. */
static void pic_out(uint16_t port, uint8_t value)
{
	outb(port, value);
	outb(0x80, 0);
}

/* Spurious: not in service, so no EOI (which could end a real one). */
static void pic_spurious(struct trap_frame *frame)
{
	(void)frame;
}

void pic_disable(void)
{
	pic_out(PIC1_CMD, ICW1_INIT | ICW1_ICW4);
	pic_out(PIC2_CMD, ICW1_INIT | ICW1_ICW4);
	pic_out(PIC1_DATA, PIC_VECTOR_BASE);		/* ICW2: vector base */
	pic_out(PIC2_DATA, PIC_VECTOR_BASE + 8);
	pic_out(PIC1_DATA, ICW3_MASTER);
	pic_out(PIC2_DATA, ICW3_SLAVE);
	pic_out(PIC1_DATA, ICW4_8086);
	pic_out(PIC2_DATA, ICW4_8086);
	/* OCW1: mask all eight inputs of each. */
	pic_out(PIC1_DATA, 0xff);
	pic_out(PIC2_DATA, 0xff);

	irq_set_handler(PIC_VECTOR_BASE + 7, pic_spurious);
	irq_set_handler(PIC_VECTOR_BASE + 15, pic_spurious);
}
