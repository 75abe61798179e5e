/* The system call numbers, __NR_name, for syscall(): the kernel's own. */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include "uapi/unistd.h"

#endif
