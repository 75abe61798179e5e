/*
 * The auxiliary vector: what the kernel tells a new program besides argv
 * and envp, as (type, value) pairs after envp on the initial stack.
 */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include "uapi/auxvec.h"

/* The value of the entry of that type, or 0 (and errno ENOENT). */
unsigned long getauxval(unsigned long type);

#endif
