/* What the boot loader told us, parsed once in kmain. */
#ifndef BOOT_H
#define BOOT_H

#include "cmdline.h"
#include "multiboot2.h"

extern struct boot_info boot_info;
/* Where the multiboot2 information block is (reserved until freed). */
extern uint64_t boot_info_phys;
extern struct cmdline boot_cmdline;

/* Kernel version shown in the banner. */
#define KERNEL_VERSION "0.1"

#endif
