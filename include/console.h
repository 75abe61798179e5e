/* The console: COM1 and the VGA text screen, written together. */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct wait_queue_head;

void serial_init(void);
void serial_write(const char *s, size_t len);
/* Take COM1 receive interrupts through the IOAPIC (after apic_init). */
void serial_enable_rx_irq(void);
/* A character typed on the console (COM1 or the keyboard), from an
 * interrupt handler, which then bumps serial_rx_interrupts and wakes
 * serial_rx_wait. */
void console_input(char c);
/* The PS/2 keyboard (kernel/keyboard.c, GUI=1): keys feed console_input. */
void keyboard_init(void);
/* Next received byte, or -1 when none is buffered. */
int serial_getc(void);
/* Loopback mode (16550 MCR bit 4): what we send comes back as input. */
void serial_set_loopback(bool on);
extern volatile uint64_t serial_rx_interrupts;
/* Woken by every receive interrupt (the tty sleeps here for input). */
extern struct wait_queue_head serial_rx_wait;

void vga_init(void);
void vga_write(const char *s, size_t len);

/* Both of the above; safe from any context (interrupts are held off). */
void console_write(const char *s, size_t len);

#endif
