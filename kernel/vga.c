/*
 * The VGA text screen at physical 0xb8000: 80x25 cells of (character,
 * attribute). It mirrors the serial console; the hardware cursor follows
 * the text (CRT controller registers 0x0e/0x0f at ports 0x3d4/0x3d5).
 */
#include "console.h"
#include "layout.h"
#include "string.h"
#include "x86.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07           /* light grey on black */

static volatile uint16_t *screen;
static unsigned row, col;

static void vga_move_cursor(void)
{
	unsigned pos = row * VGA_COLS + col;

	outb(0x3d4, 0x0f);
	outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, (pos >> 8) & 0xff);
}

static void vga_clear_row(unsigned r)
{
	for (unsigned c = 0; c < VGA_COLS; c++)
		screen[r * VGA_COLS + c] = VGA_ATTR << 8 | ' ';
}

void vga_init(void)
{
	screen = phys_to_virt(0xb8000);
	for (unsigned r = 0; r < VGA_ROWS; r++)
		vga_clear_row(r);
	row = col = 0;
	vga_move_cursor();
}

static void vga_newline(void)
{
	col = 0;
	if (++row < VGA_ROWS)
		return;
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		screen[i] = screen[i + VGA_COLS];
	row = VGA_ROWS - 1;
	vga_clear_row(row);
}

void vga_write(const char *s, size_t len)
{
	if (!screen)
		return;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			vga_newline();
		} else if (c == '\r') {
			col = 0;
		} else if (c == '\b') {
			if (col > 0)
				col--;
		} else {
			screen[row * VGA_COLS + col] = VGA_ATTR << 8 | (uint8_t)c;
			if (++col == VGA_COLS)
				vga_newline();
		}
	}
	vga_move_cursor();
}
