/*
 * Formatted output.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

/* --- String formatting (kernel/vsprintf.c) ---------------------------------
 *
 * C11 7.21.6 semantics for the conversions d i u x X o c s p %, the length
 * modifiers hh h l ll z t j, the flags - 0 + space #, and a width and
 * precision given as digits or '*'.  Returns the length the whole output
 * would have had (C11 7.21.6.5), so a result >= size means it was truncated;
 * buf is always NUL-terminated when size > 0, and may be NULL when size is 0.
 *
 * Differences from a hosted libc, all deliberate:
 *  - %p prints "0x" and 16 lowercase hex digits (like "0x%016lx"), NULL
 *    included, so pointers line up in register dumps;
 *  - %s of NULL prints "(null)";
 *  - no floating point (the kernel does not touch FPU state) and no %n;
 *    an unsupported conversion is copied to the output as written.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));


/* --- Kernel log (kernel/printk.c) -------------------------------------------
 *
 * printk(KERN_INFO "text\n") as in Linux: a level prefix, then the text.
 * Lines go to the console with a "[seconds.micros] " timestamp when their
 * level is at or below the console level (`loglevel=` on the command line:
 * 0-7 or emerg..debug; default info).
 */
#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"

enum {
	LOGLEVEL_EMERG, LOGLEVEL_ALERT, LOGLEVEL_CRIT, LOGLEVEL_ERR,
	LOGLEVEL_WARNING, LOGLEVEL_NOTICE, LOGLEVEL_INFO, LOGLEVEL_DEBUG,
};

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Parse a `loglevel=` value; returns -1 if it is not a level. */
int printk_parse_level(const char *name);
void printk_set_level(int level);

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)   printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)  printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)  printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

#endif /* KERNEL_PRINTK_H */
