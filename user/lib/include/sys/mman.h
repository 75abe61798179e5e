/* Memory mappings (POSIX); the constants are the kernel's uapi. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#include "uapi/mman.h"

#define MAP_ANON MAP_ANONYMOUS

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
	   off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

#endif
