/* errno, the -errno convention of system calls, and syscall(). */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include "syscall.h"

int errno;

long __syscall_ret(unsigned long ret)
{
	/* The kernel's errors are -4095..-1; anything else is a result, even
	 * a "negative" one like a high mmap address. */
	if (ret > -4096UL) {
		errno = -(long)ret;
		return -1;
	}
	return ret;
}

/*
 * Every call takes at most six arguments in registers, and reading the
 * ones the caller did not pass only picks up whatever the registers
 * hold, which the kernel then ignores.
 */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(number, a[0], a[1], a[2], a[3], a[4],
					a[5]));
}
