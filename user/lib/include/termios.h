/*
 * Terminal settings (POSIX <termios.h>) and the foreground process group.
 * struct termios and the flag names are the kernel's (uapi/ioctl.h): the
 * calls pass it to TCGETS / TCSETS as it is. (glibc and musl add room
 * after c_cc and two speeds; a program that uses only the names builds
 * against either.)
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/types.h>

#include "uapi/ioctl.h"

typedef uint8_t cc_t;
typedef uint32_t speed_t;
typedef uint32_t tcflag_t;

/* tcsetattr's when: at once, after the output drains, and flushing the
 * input too. */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

int tcgetattr(int fd, struct termios *termios);
int tcsetattr(int fd, int when, const struct termios *termios);
/* Raw mode as BSD and glibc define it: no line editing, no echo, no
 * signal characters, 8-bit bytes, VMIN 1. */
void cfmakeraw(struct termios *termios);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
