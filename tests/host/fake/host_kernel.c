/*
 * What the fakes declare: the fake physical memory and the catching
 * panic(). Linked into a test by naming it on its "Kernel sources:" line.
 */
#include "libc_names.h"	/* run.sh renamed vsnprintf & co.: undo it */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

char *host_ram;
jmp_buf *panic_jump;
char panic_message[512];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_message, sizeof(panic_message), fmt, ap);
	va_end(ap);
	if (panic_jump)
		longjmp(*panic_jump, 1);
	fprintf(stderr, "panic: %s\n", panic_message);
	abort();
}
