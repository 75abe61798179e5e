/*
 * COM1, a 16550 UART at I/O port 0x3f8: 115200 baud, 8 data bits, no
 * parity, 1 stop bit. Output is polled; input arrives by interrupt
 * (ISA IRQ 4, routed by the IOAPIC) into a small ring buffer.
 */
#include "console.h"
#include "fs.h"
#include "apic.h"
#include "sched.h"
#include "trap.h"
#include "x86.h"

#define COM1 0x3f8
/* Register offsets (16550 datasheet). */
#define UART_DATA 0     /* RBR on read, THR on write; divisor low with DLAB */
#define UART_IER  1     /* interrupt enable; divisor high with DLAB */
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5

#define IER_RX_AVAILABLE 0x01
#define LCR_8N1          0x03
#define LCR_DLAB         0x80
#define FCR_ENABLE_CLEAR 0x07   /* enable FIFOs, clear both */
#define MCR_DTR_RTS      0x03
#define MCR_OUT2         0x08   /* on PCs, gates the UART's IRQ line */
#define MCR_LOOPBACK     0x10
#define LSR_DATA_READY   0x01
#define LSR_THR_EMPTY    0x20

#define COM1_ISA_IRQ 4
#define CTRL_T 0x14

#define RX_RING_SIZE 256
static char rx_ring[RX_RING_SIZE];
static volatile unsigned rx_head, rx_tail;
volatile uint64_t serial_rx_interrupts;
struct wait_queue_head serial_rx_wait = WAIT_QUEUE_HEAD_INIT(serial_rx_wait);

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, 1);      /* divisor 1: 115200 / 1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		cpu_relax();
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* Terminals in raw mode need the carriage return. */
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/*
 * One character typed on the console, from COM1 or the PS/2 keyboard
 * (kernel/keyboard.c): ^T prints the task list, the tty takes its control
 * characters (^C...), the rest waits in the ring for a reader. Interrupt
 * context; the caller counts the interrupt and wakes serial_rx_wait.
 */
void console_input(char c)
{
	unsigned next = (rx_head + 1) % RX_RING_SIZE;

	/* ^T, BSD's status key: the task list, whatever is running. */
	if (c == CTRL_T) {
		show_tasks();
		return;
	}
	/* ^C and the like: the tty signals the foreground group now, and
	 * what was typed before goes (kernel/tty.c). */
	if (tty_receive_irq(c)) {
		rx_tail = rx_head;
		return;
	}
	if (next != rx_tail) {          /* a full ring drops the byte */
		rx_ring[rx_head] = c;
		rx_head = next;
	}
}

static void serial_interrupt(struct trap_frame *frame)
{
	(void)frame;
	serial_rx_interrupts++;
	while (inb(COM1 + UART_LSR) & LSR_DATA_READY)
		console_input((char)inb(COM1 + UART_DATA));
	wake_up(&serial_rx_wait);
	lapic_eoi();
}

void serial_enable_rx_irq(void)
{
	unsigned vector = isa_irq_vector(COM1_ISA_IRQ);

	irq_set_handler(vector, serial_interrupt);
	ioapic_route_isa_irq(COM1_ISA_IRQ, vector);
	outb(COM1 + UART_IER, IER_RX_AVAILABLE);
}

int serial_getc(void)
{
	bool was_on = irq_save();
	int c = -1;

	if (rx_tail != rx_head) {
		c = (unsigned char)rx_ring[rx_tail];
		rx_tail = (rx_tail + 1) % RX_RING_SIZE;
	}
	irq_restore(was_on);
	return c;
}

void serial_set_loopback(bool on)
{
	outb(COM1 + UART_MCR, MCR_DTR_RTS | MCR_OUT2 | (on ? MCR_LOOPBACK : 0));
}
