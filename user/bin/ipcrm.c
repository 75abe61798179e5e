/*
 * ipcrm: remove System V IPC objects, as util-linux's ipcrm does.
 *
 *	ipcrm -m ID | -s ID | -q ID	a segment, semaphore array or queue
 *	ipcrm -M KEY | -S KEY | -Q KEY	the one with that key (0x... or decimal)
 *
 * Options may repeat; each one is tried. The exit status is 1 if any
 * failed. A segment still attached is only marked for removal: it goes
 * when the last process detaches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

static int remove_id(char kind, int id)
{
	switch (kind) {
	case 'm':
		return shmctl(id, IPC_RMID, NULL);
	case 's':
		return semctl(id, 0, IPC_RMID);
	default:
		return msgctl(id, IPC_RMID, NULL);
	}
}

/* The id for a key (kind in upper case), or -1 with errno. */
static int find_key(char kind, key_t key)
{
	switch (kind) {
	case 'M':
		return shmget(key, 0, 0);
	case 'S':
		return semget(key, 0, 0);
	default:
		return msgget(key, 0);
	}
}

static int parse(const char *arg, int base, unsigned long *value)
{
	char *end;

	errno = 0;
	*value = strtoul(arg, &end, base);
	if (errno || end == arg || *end) {
		fprintf(stderr, "ipcrm: failed to parse argument: '%s'\n", arg);
		return -1;
	}
	return 0;
}

/* util-linux's messages: what failed, and whether for an id or a key. */
static void report(const char *what, const char *arg)
{
	const char *why = errno == EACCES || errno == EPERM ? "permission denied for"
			: errno == EIDRM ? "already removed"
			: "invalid";

	fprintf(stderr, "ipcrm: %s %s (%s)\n", why, what, arg);
}

static int remove_one(char option, const char *arg)
{
	unsigned long value;
	int id;

	if (option >= 'a') {
		if (parse(arg, 10, &value))
			return -1;
		if (remove_id(option, value) < 0) {
			report("id", arg);
			return -1;
		}
		return 0;
	}
	if (parse(arg, 0, &value))
		return -1;
	if (value == IPC_PRIVATE) {
		fprintf(stderr, "ipcrm: illegal key (%s)\n", arg);
		return -1;
	}
	id = find_key(option, (key_t)value);
	if (id < 0 || remove_id(option + 'a' - 'A', id) < 0) {
		report("key", arg);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "m:s:q:M:S:Q:")) != -1) {
		if (c == '?') {
			fprintf(stderr, "usage: ipcrm [-m ID] [-s ID] [-q ID] [-M KEY] [-S KEY] [-Q KEY]\n");
			return 1;
		}
		if (remove_one(c, optarg) < 0)
			status = 1;
	}
	return status;
}
