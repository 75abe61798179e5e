/*
 * msgping [K]: two processes ping-pong K messages (default 1000) over
 * one System V message queue. The parent sends "ping" messages of type
 * 1, the child answers each with type 2 and the same sequence number;
 * message types keep the two directions apart on the one queue.
 *
 *	msgping: 1000 round trips in 61234 us (61.2 us each)
 *
 * exit status 0, 1 if an answer was wrong, 2 if a call failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PING 1
#define PONG 2

struct ping {
	long mtype;
	long seq;
};

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* The child: answer pings until the queue is removed (EIDRM). */
static int answer(int id)
{
	struct ping m;

	while (msgrcv(id, &m, sizeof(m.seq), PING, 0) == sizeof(m.seq)) {
		m.mtype = PONG;
		if (msgsnd(id, &m, sizeof(m.seq), 0) < 0)
			return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long k = argc > 1 ? atol(argv[1]) : 1000;
	int id = msgget(IPC_PRIVATE, 0600), status = 0, bad = 0;

	if (k < 1 || id < 0) {
		if (id < 0)
			perror("msgping: msgget");
		else
			fprintf(stderr, "usage: msgping [ROUND_TRIPS]\n");
		return 2;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(answer(id));

	long start = now_us();
	for (long seq = 0; seq < k && pid > 0; seq++) {
		struct ping m = { PING, seq };

		if (msgsnd(id, &m, sizeof(m.seq), 0) < 0 ||
		    msgrcv(id, &m, sizeof(m.seq), PONG, 0) != sizeof(m.seq)) {
			perror("msgping");
			bad = 2;
			break;
		}
		if (m.seq != seq && !bad) {
			fprintf(stderr, "msgping: sent %ld, got %ld back\n", seq, m.seq);
			bad = 1;
		}
	}
	long elapsed = now_us() - start;

	/* Removing the queue ends the child's msgrcv (EIDRM) whatever it was doing. */
	msgctl(id, IPC_RMID, NULL);
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || status != 0)
		bad = 2;
	if (!bad)
		printf("msgping: %ld round trips in %ld us (%ld.%ld us each)\n", k, elapsed,
		       elapsed / k, elapsed * 10 / k % 10);
	return bad;
}
