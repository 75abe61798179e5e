/*
 * Terminal ioctls of the Linux x86-64 ABI (include/uapi/asm-generic/
 * ioctls.h) and the structures they pass: the kernel's struct termios
 * (asm-generic/termbits.h, which x86 uses) and struct winsize.
 *
 * The kernel's struct termios is not the libc's: glibc's and musl's add
 * c_cc room (NCCS 32) and two speeds after it. Their tcgetattr() hands the
 * kernel a pointer to their own structure, of which TCGETS fills only this
 * common beginning, 36 bytes.
 */
#ifndef _UAPI_IOCTL_H
#define _UAPI_IOCTL_H

#include <stdint.h>

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403       /* after the output drains */
#define TCSETSF    0x5404       /* after the output drains, input flushed */
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414

struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

#define NCCS 19
struct termios {
	uint32_t c_iflag;       /* input modes */
	uint32_t c_oflag;       /* output modes */
	uint32_t c_cflag;       /* control modes */
	uint32_t c_lflag;       /* local modes */
	uint8_t c_line;         /* line discipline: 0, N_TTY */
	uint8_t c_cc[NCCS];     /* control characters, indexed by V* */
};

/* c_cc indices. */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define IGNPAR  0000004
#define PARMRK  0000010
#define INPCK   0000020
#define ISTRIP  0000040
#define INLCR   0000100
#define IGNCR   0000200
#define ICRNL   0000400
#define IXON    0002000
#define IXANY   0004000
#define IXOFF   0010000
#define IMAXBEL 0020000
#define IUTF8   0040000

/* c_oflag */
#define OPOST  0000001
#define ONLCR  0000004
#define OCRNL  0000010
#define ONOCR  0000020
#define ONLRET 0000040

/* c_cflag: the speed (CBAUD bits), the character size and the rest. */
#define CBAUD   0010017
#define B9600   0000015
#define B38400  0000017
#define B57600  0010001
#define B115200 0010002
#define CSIZE   0000060
#define CS7     0000040
#define CS8     0000060
#define CSTOPB  0000100
#define CREAD   0000200
#define PARENB  0000400
#define PARODD  0001000
#define HUPCL   0002000
#define CLOCAL  0004000

/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE  0004000
#define IEXTEN  0100000

#endif
