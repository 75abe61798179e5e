/* COM1 receive interrupts arrive through the IOAPIC. */
#include "console.h"
#include "ktest.h"
#include "timer.h"
#include "x86.h"

KTEST(serial, receive_interrupt_in_loopback)
{
	static const char sent[] = "ping";
	char got[sizeof(sent)] = { 0 };
	uint64_t interrupts = serial_rx_interrupts;

	while (serial_getc() >= 0)
		;       /* drop anything typed before */

	/*
	 * In loopback mode the UART hands what it transmits to its own
	 * receiver (16550 MCR bit 4), raising IRQ 4 as real input would.
	 * Nothing may print while it is on: that text would loop back too.
	 */
	bool was_on = irq_save();
	serial_set_loopback(true);
	serial_write(sent, sizeof(sent) - 1);
	local_irq_enable();
	uint64_t deadline = jiffies + HZ;  /* one second at most */
	unsigned received = 0;
	while (received < sizeof(sent) - 1 && jiffies < deadline) {
		int c = serial_getc();

		if (c >= 0)
			got[received++] = (char)c;
		else
			halt();
	}
	local_irq_disable();
	serial_set_loopback(false);
	irq_restore(was_on);

	KEXPECT_STREQ(got, sent);
	KEXPECT_GT(serial_rx_interrupts, interrupts);
}
