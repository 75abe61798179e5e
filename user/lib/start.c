/*
 * Program start-up and exit: from crt0's _start to main, and from main's
 * return (or exit()) back to the kernel; and what the kernel said at the
 * start, in the auxiliary vector.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

char **environ;
unsigned long *__auxv;

int main(int argc, char **argv, char **envp);

/*
 * The constructors and destructors (__attribute__((constructor)) and
 * friends): the static linker gathers their addresses in .init_array and
 * .fini_array and defines these symbols around them.
 */
extern void (*const __init_array_start[])(void);
extern void (*const __init_array_end[])(void);
extern void (*const __fini_array_start[])(void);
extern void (*const __fini_array_end[])(void);

/* atexit: C11 7.22.4.2 guarantees room for at least 32 functions. */
#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

_Noreturn void __libc_start(int argc, char **argv, char **envp)
{
	char **p = envp;

	environ = envp;
	while (*p)
		p++;
	__auxv = (unsigned long *)(p + 1);

	for (size_t i = 0; i < (size_t)(__init_array_end - __init_array_start);
	     i++)
		__init_array_start[i]();
	exit(main(argc, argv, envp));
}

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

/* C11 7.22.4.4: the atexit functions in reverse order of registration,
 * then flush and close the streams.  Destructors run like atexit
 * functions registered before main. */
_Noreturn void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	for (size_t i = __fini_array_end - __fini_array_start; i > 0; i--)
		__fini_array_start[i - 1]();
	__stdio_exit();
	_exit(status);
}

/* exit_group: the whole process ends, as POSIX's _exit means. */
_Noreturn void _exit(int status)
{
	for (;;)
		__syscall1(__NR_exit_group, status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

/* What sysconf knows comes from the kernel, through the auxiliary vector. */
long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return getauxval(AT_PAGESZ);
	case _SC_CLK_TCK:
		return getauxval(AT_CLKTCK);
	}
	errno = EINVAL;
	return -1;
}

int getpagesize(void)
{
	return getauxval(AT_PAGESZ);
}
