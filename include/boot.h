/* What the boot loader told us, parsed once in kmain. */
#ifndef BOOT_H
#define BOOT_H

#include "cmdline.h"
#include "multiboot2.h"

extern struct boot_info boot_info;
extern struct cmdline boot_cmdline;

/* Kernel version shown in the banner. */
#define KERNEL_VERSION "0.1"

#endif
