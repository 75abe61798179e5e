/*
 * Memory and string functions: the freestanding kernel has no libc, so it
 * brings its own.  The prototypes are those of C11 7.24 (plus strnlen from
 * POSIX and strlcpy from BSD/Linux), so the compiler's knowledge of them and
 * every reader's expectations hold.
 */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/*
 * Copy src into dst[size] as a NUL-terminated string, truncating if needed
 * (nothing is written when size is 0).  Returns strlen(src), so truncation
 * happened iff the result is >= size.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

#endif /* KERNEL_STRING_H */
