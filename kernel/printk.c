/* The kernel log: level filtering and timestamps in front of console_write. */
#include "printk.h"
#include "clock.h"
#include "console.h"
#include "string.h"
#include "x86.h"

static int console_level = LOGLEVEL_INFO;
static bool at_line_start = true;

static const char *const level_names[] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

int printk_parse_level(const char *name)
{
	if (name[0] >= '0' && name[0] <= '7' && name[1] == '\0')
		return name[0] - '0';
	for (int i = 0; i <= LOGLEVEL_DEBUG; i++)
		if (strcmp(name, level_names[i]) == 0)
			return i;
	return -1;
}

void printk_set_level(int level)
{
	console_level = level;
}

int vprintk(const char *fmt, va_list ap)
{
	char text[512];
	int level = LOGLEVEL_INFO;
	int len;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	if (level > console_level)
		return 0;

	len = vsnprintf(text, sizeof(text), fmt, ap);
	if (len >= (int)sizeof(text))
		len = sizeof(text) - 1;

	bool was_on = irq_save();
	for (const char *p = text, *end = text + len; p < end;) {
		const char *newline = strchr(p, '\n');
		const char *stop = newline ? newline + 1 : end;

		if (at_line_start) {
			char stamp[24];
			uint64_t ns = clock_ns();
			int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
					 (unsigned long)(ns / 1000000000),
					 (unsigned long)(ns / 1000 % 1000000));
			console_write(stamp, n);
		}
		console_write(p, stop - p);
		at_line_start = newline != NULL;
		p = stop;
	}
	irq_restore(was_on);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vprintk(fmt, ap);
	va_end(ap);
	return len;
}
