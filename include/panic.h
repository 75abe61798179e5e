/* Stopping the kernel when something is wrong. */
#ifndef PANIC_H
#define PANIC_H

#include <stdint.h>

/* Print the message and a backtrace, then stop the machine with QEMU exit
 * status 37 (isa-debug-exit 0x12, DESIGN.md section 7). */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (__builtin_expect(!!(cond), 0))                          \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

/* Assertions compiled in debug builds only (make DEBUG=1, make test). */
#ifdef DEBUG
#define ASSERT(cond) BUG_ON(!(cond))
#else
#define ASSERT(cond) do { (void)sizeof(cond); } while (0)
#endif

/* Print rip, then the return addresses of the frame-pointer chain at rbp. */
void backtrace(uint64_t rip, uint64_t rbp);
/* Name of the function containing addr and the offset in it, or NULL. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

/* isa-debug-exit (port 0xf4): QEMU exits with (code << 1) | 1. */
#define QEMU_EXIT_PASSED 0x10
#define QEMU_EXIT_FAILED 0x11
#define QEMU_EXIT_PANIC  0x12
/* init's exit code c (0..63, larger ones as 63) leaves as 0x40 + c: QEMU
 * exits with 129 + 2c, which tools/run turns back into c. */
#define QEMU_EXIT_INIT_BASE 0x40
void qemu_exit(unsigned code) __attribute__((noreturn));
/* Ordinary power-off (ACPI PM1a on QEMU's PIIX4): QEMU exits with 0. */
void machine_poweroff(void) __attribute__((noreturn));

#endif
