/* yes [STRING...]: the strings (or "y") on a line, again and again, until
 * the output goes away (SIGPIPE, or EPIPE if that is ignored). */
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[8192];
	size_t len = 0, line;

	/* The line, cut short if it does not fit. */
	for (int i = 1; i < argc && len < sizeof(buf) - 1; i++) {
		size_t n = strnlen(argv[i], sizeof(buf) - 1 - len);

		memcpy(buf + len, argv[i], n);
		len += n;
		buf[len++] = ' ';
	}
	if (len == 0) {
		memcpy(buf, "y ", 2);
		len = 2;
	}
	buf[len - 1] = '\n';
	/* Many lines per write: one system call moves kilobytes. */
	for (line = len; len + line <= sizeof(buf); len += line)
		memcpy(buf + len, buf, line);
	while (write(1, buf, len) > 0)
		;
	return 1;
}
