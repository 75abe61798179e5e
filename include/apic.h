/*
 * Interrupt controllers: the local APIC of the (boot) CPU, the IOAPICs that
 * route device interrupts to it, and the legacy 8259 PICs, which are only
 * remapped and masked (DESIGN.md section 5, Timer).
 *
 * Vector plan:
 *   0x00-0x1f  CPU exceptions
 *   0x20-0xdf  IOAPIC inputs: GSI n arrives on vector IRQ_VECTOR_BASE + n
 *   0xe0-0xef  the masked 8259s, where only a spurious IRQ 7/15 can land
 *   0xf0       the LAPIC timer
 *   0xff       the LAPIC spurious vector
 */
#ifndef APIC_H
#define APIC_H

#include <stdint.h>

#define IRQ_VECTOR_BASE		0x20
#define PIC_VECTOR_BASE		0xe0
#define LAPIC_TIMER_VECTOR	0xf0
#define SPURIOUS_VECTOR		0xff

#define NR_ISA_IRQS		16

/* Mask the 8259s, enable the LAPIC, mask every IOAPIC input. Needs the
 * MADT (acpi_init()); panics without it. */
void apic_init(void);

/* kernel/pic.c: remap the 8259s to PIC_VECTOR_BASE and mask them. */
void pic_disable(void);

/* --- Local APIC -------------------------------------------------------- */

void lapic_eoi(void);
uint32_t lapic_id(void);

/*
 * The LAPIC timer counts down from its initial count at the bus clock
 * divided by LAPIC_TIMER_DIVIDER (SDM 10.5.4). lapic_timer_free_run()
 * starts it from 0xffffffff, once, masked: a stopwatch for calibration.
 * lapic_timer_periodic() raises LAPIC_TIMER_VECTOR every count ticks.
 */
#define LAPIC_TIMER_DIVIDER	16
void lapic_timer_free_run(void);
void lapic_timer_periodic(uint32_t count);
uint32_t lapic_timer_count(void);

/* --- IOAPIC ------------------------------------------------------------ */

/* The vector our plan gives ISA IRQ isa_irq: IRQ_VECTOR_BASE plus its GSI
 * after the MADT's source overrides (ISA IRQ 0 is GSI 2 on most boards). */
unsigned isa_irq_vector(unsigned isa_irq);

/*
 * Deliver ISA IRQ isa_irq as vector to the boot CPU, with the polarity and
 * trigger mode the MADT gives it (ISA default: edge, active high). The
 * handler is installed separately with irq_set_handler().
 */
void ioapic_route_isa_irq(unsigned isa_irq, unsigned vector);
void ioapic_mask_isa_irq(unsigned isa_irq);

#endif
