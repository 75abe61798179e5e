/*
 * The PS/2 keyboard, for GUI=1: the i8042 controller delivers scan codes
 * on ISA IRQ 1 (routed by the IOAPIC). With the controller's translation
 * on, as the firmware leaves it, they are scan code set 1: a key's make
 * code when pressed, the same | 0x80 when released. US layout; Shift and
 * Ctrl are tracked, keys without an ASCII meaning are ignored. What the
 * keys mean goes to the same place as serial input: console_input.
 */
#include "apic.h"
#include "console.h"
#include "trap.h"
#include "wait.h"
#include "x86.h"

#define I8042_DATA   0x60
#define I8042_STATUS 0x64
#define STATUS_OUTPUT_FULL 0x01
#define KEYBOARD_ISA_IRQ 1

#define SC_RELEASE     0x80
#define SC_LEFT_SHIFT  0x2a
#define SC_RIGHT_SHIFT 0x36
#define SC_CTRL        0x1d

/* Set 1 make codes to ASCII; backspace sends DEL, the tty's erase key. */
static const char normal[0x3a] = {
	[0x01] = 0x1b, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=',
	[0x0e] = 0x7f, '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']',
	[0x1c] = '\n', [0x1e] = 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	[0x2b] = '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/',
	[0x37] = '*', [0x39] = ' ',
};

static const char shifted[0x3a] = {
	[0x01] = 0x1b, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+',
	[0x0e] = 0x7f, '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}',
	[0x1c] = '\n', [0x1e] = 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	[0x2b] = '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?',
	[0x37] = '*', [0x39] = ' ',
};

static bool shift, ctrl;

static void keyboard_interrupt(struct trap_frame *frame)
{
	(void)frame;
	while (inb(I8042_STATUS) & STATUS_OUTPUT_FULL) {
		uint8_t code = inb(I8042_DATA);
		bool released = code & SC_RELEASE;
		uint8_t key = code & ~SC_RELEASE;

		if (key == SC_LEFT_SHIFT || key == SC_RIGHT_SHIFT) {
			shift = !released;
		} else if (key == SC_CTRL) {
			ctrl = !released;
		} else if (!released && key < sizeof(normal) && normal[key]) {
			char c = shift ? shifted[key] : normal[key];

			/* Ctrl with a letter: its control code (^C is 3). */
			if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
				c &= 0x1f;
			console_input(c);
		}
	}
	/* Console readers (kernel/tty.c) wait for this count to move. */
	serial_rx_interrupts++;
	wake_up(&serial_rx_wait);
	lapic_eoi();
}

void keyboard_init(void)
{
	unsigned vector = isa_irq_vector(KEYBOARD_ISA_IRQ);

	/* Drop whatever the firmware and GRUB left unread. */
	while (inb(I8042_STATUS) & STATUS_OUTPUT_FULL)
		inb(I8042_DATA);
	irq_set_handler(vector, keyboard_interrupt);
	ioapic_route_isa_irq(KEYBOARD_ISA_IRQ, vector);
}
