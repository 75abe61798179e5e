/* uname [-asnrvm]: the system's names, as the uname system call gives them
 * (-s alone by default; -a all of them, in this order). */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	enum { SYS = 1, NODE = 2, REL = 4, VER = 8, MACH = 16 };
	struct utsname u;
	unsigned want = 0;
	int c;

	while ((c = getopt(argc, argv, "asnrvm")) != -1) {
		switch (c) {
		case 'a': want |= SYS | NODE | REL | VER | MACH; break;
		case 's': want |= SYS; break;
		case 'n': want |= NODE; break;
		case 'r': want |= REL; break;
		case 'v': want |= VER; break;
		case 'm': want |= MACH; break;
		default:
			fprintf(stderr, "usage: uname [-asnrvm]\n");
			return 1;
		}
	}
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	const char *sep = "";

	for (unsigned i = 0; i < 5; i++) {
		if ((want ? want : SYS) & (1u << i)) {
			printf("%s%s", sep, fields[i]);
			sep = " ";
		}
	}
	putchar('\n');
	return 0;
}
