/*
 * Standard I/O (C11 7.21, plus POSIX's dprintf, fdopen and fileno).
 *
 * printf and friends format with the kernel's own vsnprintf
 * (kernel/vsprintf.c): the usual integer, character, string and pointer
 * conversions with flags, width and precision; no floating point.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct _FILE FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define EOF     (-1)
#define BUFSIZ  4096

/* setvbuf modes. */
#define _IOFBF  0
#define _IOLBF  1
#define _IONBF  2

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

int printf(const char *restrict fmt, ...) PRINTF_LIKE(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) PRINTF_LIKE(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) PRINTF_LIKE(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	PRINTF_LIKE(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	PRINTF_LIKE(3, 4);
int vprintf(const char *restrict fmt, va_list ap) PRINTF_LIKE(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	PRINTF_LIKE(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) PRINTF_LIKE(2, 0);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	PRINTF_LIKE(2, 0);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap) PRINTF_LIKE(3, 0);

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
size_t fwrite(const void *restrict p, size_t size, size_t n,
	      FILE *restrict f);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);

void perror(const char *s);

#undef PRINTF_LIKE

#endif
