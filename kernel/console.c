/* The kernel console: every byte goes to COM1 and the VGA screen. */
#include "console.h"
#include "x86.h"

void console_write(const char *s, size_t len)
{
	/* One writer at a time, so lines from an interrupt do not interleave
	 * with the line it interrupted. */
	bool was_on = irq_save();

	serial_write(s, len);
	vga_write(s, len);
	irq_restore(was_on);
}
