/* ioctl; the terminal requests and their structures are the kernel's. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include "uapi/ioctl.h"

int ioctl(int fd, unsigned long request, ...);

#endif
