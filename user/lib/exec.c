/* The exec family over execve: the environment, a PATH search, lists. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where execvp looks when there is no PATH. */
#define DEFAULT_PATH "/bin"

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * A file name without a slash is looked up in each directory of PATH in
 * turn.  Like glibc and musl: keep going past directories where it is
 * missing, but report EACCES if some candidate was found and refused.
 */
int execvp(const char *file, char *const argv[])
{
	const char *path = getenv("PATH");
	size_t flen = strlen(file);
	int saw_eacces = 0;

	if (strchr(file, '/'))
		return execve(file, argv, environ);
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (!path)
		path = DEFAULT_PATH;
	for (;;) {
		size_t dlen = strcspn(path, ":");
		char full[dlen + 1 + flen + 1];

		/* An empty entry means the current directory. */
		memcpy(full, path, dlen);
		full[dlen] = '/';
		memcpy(full + dlen + 1, file, flen + 1);
		execve(dlen ? full : file, argv, environ);
		if (errno == EACCES)
			saw_eacces = 1;
		else if (errno != ENOENT && errno != ENOTDIR)
			return -1;
		if (!path[dlen])
			break;
		path += dlen + 1;
	}
	if (saw_eacces)
		errno = EACCES;
	return -1;
}

/* Count the arguments after arg, up to the NULL that ends them. */
static int count_args(va_list ap)
{
	int n = 0;

	while (va_arg(ap, const char *))
		n++;
	return n;
}

/*
 * execl and execlp: collect arg and the variadic arguments after it,
 * NULL included, into an argv array in the caller's frame (the array's
 * size is known only there), then call exec_fn on it.
 */
#define EXEC_LIST(exec_fn, target, arg)                                     \
	do {                                                                \
		va_list ap;                                                 \
		va_start(ap, arg);                                          \
		int n = count_args(ap);                                     \
		va_end(ap);                                                 \
		char *argv[n + 2];                                          \
		argv[0] = (char *)(arg);                                    \
		va_start(ap, arg);                                          \
		for (int i = 1; i <= n + 1; i++)                            \
			argv[i] = va_arg(ap, char *);                       \
		va_end(ap);                                                 \
		return exec_fn(target, argv);                               \
	} while (0)

int execl(const char *path, const char *arg, ...)
{
	EXEC_LIST(execv, path, arg);
}

int execlp(const char *file, const char *arg, ...)
{
	EXEC_LIST(execvp, file, arg);
}
