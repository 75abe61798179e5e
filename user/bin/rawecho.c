/*
 * rawecho: the terminal in raw mode, as a full-screen program puts it.
 * With ICANON and ECHO off every byte typed arrives at once, unechoed and
 * unedited (backspace is 0x7f, Enter 0x0d); rawecho prints each as <hex>
 * until 'q', then puts the settings back. ISIG stays on: ^C still works.
 */
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
	struct termios saved, raw;
	unsigned char c;

	if (tcgetattr(0, &saved) < 0) {
		perror("rawecho: tcgetattr");
		return 1;
	}
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSAFLUSH, &raw) < 0) {
		perror("rawecho: tcsetattr");
		return 1;
	}
	printf("raw\n");
	fflush(stdout);
	while (read(0, &c, 1) == 1) {
		printf("<%02x>", c);
		fflush(stdout);
		if (c == 'q')
			break;
	}
	tcsetattr(0, TCSANOW, &saved);
	printf("\ndone\n");
	return 0;
}
