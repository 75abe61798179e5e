/* Leaving the machine: QEMU's isa-debug-exit device and ACPI power-off. */
#include "panic.h"
#include "x86.h"

#define ISA_DEBUG_EXIT_PORT 0xf4

void qemu_exit(unsigned code)
{
	outl(ISA_DEBUG_EXIT_PORT, code);
	/* Not under QEMU (or no isa-debug-exit device): stop here. */
	for (;;) {
		local_irq_disable();
		halt();
	}
}

/*
 * QEMU's PIIX4 power-management block: SeaBIOS puts PM1a_CNT at 0x604;
 * SLP_TYP 0 with SLP_EN (bit 13) is soft-off (ACPI 6.4 4.8.3.2.1). A
 * complete version would read both from the FADT and the \_S5 object.
 */
void machine_poweroff(void)
{
	outw(0x604, 1 << 13);
	for (;;) {
		local_irq_disable();
		halt();
	}
}
