/*
 * System V message queues: msgget; msgsnd's checks and its wait on a
 * full queue; msgrcv's type rules (0, > 0, MSG_EXCEPT, < 0) on a queue
 * holding types 1..5 in mixed order, E2BIG and MSG_NOERROR, ENOMSG, a
 * receiver waiting for its type; removal waking sleepers with EIDRM, a
 * signal with EINTR; the msgctl commands.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#define _GNU_SOURCE
#include "harness.h"
#include "ipc_helpers.h"

#ifndef MSG_COPY
#define MSG_COPY 040000         /* Linux's; musl does not name it */
#endif

struct message {
	long mtype;
	char mtext[64];
};

static int send_msg(int id, long type, const char *text, int flags)
{
	struct message m = { .mtype = type };

	strncpy(m.mtext, text, sizeof(m.mtext) - 1);
	return msgsnd(id, &m, strlen(text) + 1, flags);
}

/* The type of the message msgrcv takes, its text in *text. */
static long recv_type(int id, long type, int flags, char *text)
{
	struct message m = { 0 };

	if (msgrcv(id, &m, sizeof(m.mtext), type, flags) < 0)
		return -1;
	if (text)
		strcpy(text, m.mtext);
	return m.mtype;
}

static long qnum(int id)
{
	struct msqid_ds ds;

	return msgctl(id, IPC_STAT, &ds) < 0 ? -1 : (long)ds.msg_qnum;
}

TEST(msgget_keys)
{
	key_t key = test_key(1);

	EXPECT_ERRNO(msgget(key, 0600), ENOENT);
	int id = new_msg(key, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(msgget(key, 0), id);
	EXPECT_EQ(msgget(key, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	int other = new_msg(IPC_PRIVATE, 0600);
	EXPECT_GE(other, 0);
	EXPECT_NE(other, id);
	EXPECT_EQ(rm_msg(other), 0);
	EXPECT_EQ(rm_msg(id), 0);
	EXPECT_ERRNO(msgget(key, 0), ENOENT);
	EXPECT_ERRNO(qnum(id), EINVAL);         /* a stale id */
}

TEST(msgsnd_and_msgrcv_errors)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct message m = { .mtype = 1 };
	static char big[8193 + sizeof(long)];
	ASSERT_GE(id, 0);

	m.mtype = 0;
	EXPECT_ERRNO(msgsnd(id, &m, 4, 0), EINVAL);             /* mtype < 1 */
	m.mtype = -5;
	EXPECT_ERRNO(msgsnd(id, &m, 4, 0), EINVAL);
	m.mtype = 1;
	EXPECT_ERRNO(msgsnd(id, big, 8193, 0), EINVAL);         /* > MSGMAX */
	EXPECT_ERRNO(msgsnd(id, &m, (size_t)-1, 0), EINVAL);
	EXPECT_ERRNO(msgsnd(id, (void *)8, 4, 0), EFAULT);
	EXPECT_ERRNO(msgsnd(-1, &m, 4, 0), EINVAL);
	EXPECT_ERRNO(msgsnd(0x7ffffff0, &m, 4, 0), EINVAL);
	/* The type is read first: a bad pointer beats a bad id. */
	EXPECT_ERRNO(msgsnd(-1, (void *)8, 4, 0), EFAULT);
	/* MSGMAX itself and an empty message are fine. */
	*(long *)big = 9;
	EXPECT_EQ(msgsnd(id, big, 8192, 0), 0);
	EXPECT_EQ(msgsnd(id, &m, 0, 0), 0);

	EXPECT_ERRNO(msgrcv(id, &m, (size_t)-1, 0, 0), EINVAL);
	EXPECT_ERRNO(msgrcv(-1, &m, 4, 0, 0), EINVAL);
	EXPECT_ERRNO(msgrcv(id, &m, 4, 5, IPC_NOWAIT), ENOMSG);
	/* MSG_COPY peeks: never waiting, never with MSG_EXCEPT. */
	EXPECT_ERRNO(msgrcv(id, &m, 4, 0, MSG_COPY), EINVAL);
	EXPECT_ERRNO(msgrcv(id, &m, 4, 0, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT), EINVAL);
	/* A bad buffer loses the message (it was taken off the queue). */
	EXPECT_ERRNO(msgrcv(id, (void *)8, 8192, 9, 0), EFAULT);
	EXPECT_EQ(qnum(id), 1);
	EXPECT_EQ(msgrcv(id, &m, 0, 1, 0), 0);
	EXPECT_EQ(m.mtype, 1);
	EXPECT_ERRNO(msgctl(id, 99, NULL), EINVAL);
	EXPECT_ERRNO(msgctl(id, IPC_STAT, (struct msqid_ds *)8), EFAULT);
	EXPECT_ERRNO(msgctl(id, IPC_SET, (struct msqid_ds *)8), EFAULT);
	EXPECT_EQ(rm_msg(id), 0);
	EXPECT_ERRNO(msgctl(id, IPC_RMID, NULL), EINVAL);
}

TEST(msgrcv_type_rules)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	static const long order[] = { 3, 1, 5, 2, 4, 1, 3 };
	char text[64];
	ASSERT_GE(id, 0);
	for (int i = 0; i < 7; i++) {
		char t[8];

		snprintf(t, sizeof(t), "m%d", i);
		ASSERT_EQ(send_msg(id, order[i], t, 0), 0);
	}
	/* Queue: 3(m0) 1(m1) 5(m2) 2(m3) 4(m4) 1(m5) 3(m6). */
	EXPECT_EQ(recv_type(id, 0, 0, text), 3);                /* the first */
	EXPECT_STREQ(text, "m0");
	EXPECT_EQ(recv_type(id, 4, 0, text), 4);                /* of type 4 */
	EXPECT_STREQ(text, "m4");
	EXPECT_EQ(recv_type(id, 1, MSG_EXCEPT, text), 5);       /* first not 1 */
	EXPECT_STREQ(text, "m2");
	/* Queue: 1(m1) 2(m3) 1(m5) 3(m6). The lowest type <= 3, oldest first. */
	EXPECT_EQ(recv_type(id, -3, 0, text), 1);
	EXPECT_STREQ(text, "m1");
	EXPECT_EQ(recv_type(id, -3, 0, text), 1);
	EXPECT_STREQ(text, "m5");
	EXPECT_ERRNO(recv_type(id, -1, IPC_NOWAIT, NULL), ENOMSG);
	EXPECT_ERRNO(recv_type(id, 7, IPC_NOWAIT, NULL), ENOMSG);
	/* Queue: 2(m3) 3(m6). */
	EXPECT_EQ(recv_type(id, 3, MSG_EXCEPT, text), 2);
	EXPECT_STREQ(text, "m3");
	EXPECT_ERRNO(recv_type(id, 3, MSG_EXCEPT | IPC_NOWAIT, NULL), ENOMSG);
	EXPECT_EQ(qnum(id), 1);
	EXPECT_EQ(recv_type(id, -0x7fffffffffffffffL - 1, 0, text), 3);
	EXPECT_STREQ(text, "m6");
	EXPECT_EQ(qnum(id), 0);
	EXPECT_EQ(rm_msg(id), 0);
}

TEST(e2big_keeps_the_message_noerror_truncates)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct message m;
	ASSERT_GE(id, 0);
	ASSERT_EQ(send_msg(id, 1, "0123456789", 0), 0);        /* 11 bytes */
	EXPECT_ERRNO(msgrcv(id, &m, 5, 0, 0), E2BIG);
	EXPECT_EQ(qnum(id), 1);
	memset(&m, 0, sizeof(m));
	EXPECT_EQ(msgrcv(id, &m, 5, 0, MSG_NOERROR), 5);
	EXPECT_EQ(memcmp(m.mtext, "01234\0", 6), 0);
	EXPECT_EQ(qnum(id), 0);                 /* the rest is gone */
	EXPECT_EQ(rm_msg(id), 0);
}

TEST(msg_copy_peeks_by_position)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct message m;
	ASSERT_GE(id, 0);
	ASSERT_EQ(send_msg(id, 7, "first", 0), 0);
	ASSERT_EQ(send_msg(id, 8, "second", 0), 0);
	memset(&m, 0, sizeof(m));
	EXPECT_EQ(msgrcv(id, &m, sizeof(m.mtext), 1, MSG_COPY | IPC_NOWAIT), 7);
	EXPECT_EQ(m.mtype, 8);
	EXPECT_STREQ(m.mtext, "second");
	EXPECT_ERRNO(msgrcv(id, &m, sizeof(m.mtext), 2, MSG_COPY | IPC_NOWAIT), ENOMSG);
	EXPECT_ERRNO(msgrcv(id, &m, 3, 0, MSG_COPY | IPC_NOWAIT), E2BIG);
	EXPECT_EQ(qnum(id), 2);
	EXPECT_EQ(rm_msg(id), 0);
}

TEST(receiver_waits_for_its_type)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	ASSERT_GE(id, 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char text[64];

		_exit(recv_type(id, 7, 0, text) == 7 && strcmp(text, "seven") == 0 ? 0 : 1);
	}
	sleep_ms(20);
	ASSERT_EQ(send_msg(id, 3, "three", 0), 0);
	ASSERT_EQ(send_msg(id, 7, "seven", 0), 0);
	EXPECT_EQ(reap(pid), 0);
	/* The other one is still queued. */
	EXPECT_EQ(qnum(id), 1);
	struct msqid_ds ds;
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_lrpid, pid);
	EXPECT_EQ(ds.msg_lspid, getpid());
	EXPECT_EQ(rm_msg(id), 0);
}

TEST(msgsnd_waits_on_a_full_queue)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	int ready[2];
	char fill[100 + sizeof(long)] = { 0 };
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(ready), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qbytes, 16384);        /* MSGMNB */
	ds.msg_qbytes = 100;
	ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);

	*(long *)fill = 1;
	ASSERT_EQ(msgsnd(id, fill, 100, 0), 0);
	EXPECT_ERRNO(msgsnd(id, fill, 1, IPC_NOWAIT), EAGAIN);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		_exit(send_msg(id, 2, "waited", 0) == 0 ? 0 : 1);
	}
	char c;
	ASSERT_EQ(read(ready[0], &c, 1), 1);
	sleep_ms(50);
	EXPECT_EQ(qnum(id), 1);                 /* it cannot have sent */
	/* Taking the message makes room: the sender goes on. */
	EXPECT_EQ(msgrcv(id, fill, 100, 1, 0), 100);
	char text[64];
	EXPECT_EQ(recv_type(id, 2, 0, text), 2);
	EXPECT_STREQ(text, "waited");
	EXPECT_EQ(reap(pid), 0);

	/* msg_qbytes also bounds the number of messages. */
	ds.msg_qbytes = 2;
	ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(msgsnd(id, fill, 0, 0), 0);
	EXPECT_EQ(msgsnd(id, fill, 0, 0), 0);
	EXPECT_ERRNO(msgsnd(id, fill, 0, IPC_NOWAIT), EAGAIN);
	EXPECT_EQ(rm_msg(id), 0);
}

/*
 * Whether a child has gone to sleep in msgrcv is not visible from
 * outside: remove the queue after a while, and if the child was not yet
 * asleep (it got EINVAL), try again waiting longer.
 */
TEST(removal_wakes_receivers_and_senders_with_eidrm)
{
	int result = -1;

	for (int wait_ms = 20; wait_ms <= 1280 && result != 0; wait_ms *= 2) {
		int id = new_msg(IPC_PRIVATE, 0600);
		struct msqid_ds ds;
		ASSERT_GE(id, 0);
		ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
		ds.msg_qbytes = 0;              /* every msgsnd waits */
		ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);
		pid_t receiver = fork();
		ASSERT_GE(receiver, 0);
		if (receiver == 0)
			_exit(recv_type(id, 0, 0, NULL) == -1 ? errno : 0);
		pid_t sender = fork();
		ASSERT_GE(sender, 0);
		if (sender == 0)
			_exit(send_msg(id, 1, "x", 0) == -1 ? errno : 0);
		sleep_ms(wait_ms);
		EXPECT_EQ(rm_msg(id), 0);
		int r = reap(receiver), s = reap(sender);
		if (r == EINVAL || s == EINVAL)
			continue;
		EXPECT_EQ(r, EIDRM);
		EXPECT_EQ(s, EIDRM);
		result = 0;
	}
	EXPECT_EQ(result, 0);
}

TEST(signal_interrupts_receiver_and_sender_with_eintr)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	ASSERT_GE(id, 0);
	/* Caught before the children exist: they inherit the handler. */
	ASSERT_EQ(catch_signal(SIGUSR1), 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		_exit(recv_type(id, 0, 0, NULL) == -1 && errno == EINTR ? 0 : 1);
	}
	EXPECT_EQ(signal_until_exit(pid, SIGUSR1), 0);

	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	ds.msg_qbytes = 0;
	ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		_exit(send_msg(id, 1, "x", 0) == -1 && errno == EINTR ? 0 : 1);
	}
	EXPECT_EQ(signal_until_exit(pid, SIGUSR1), 0);
	EXPECT_EQ(qnum(id), 0);
	EXPECT_EQ(rm_msg(id), 0);
}

/* signal(7): a handler makes msgrcv fail with EINTR even under
 * SA_RESTART; without one (a stop and continue) the call restarts. */
TEST(msgrcv_restarts_only_when_no_handler_ran)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	char text[64];
	ASSERT_GE(id, 0);
	/* Caught before the child exists: it inherits the handler. */
	ASSERT_EQ(catch_signal_flags(SIGUSR1, SA_RESTART), 0);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(recv_type(id, 0, 0, NULL) == -1 && errno == EINTR ? 0 : 1);
	EXPECT_EQ(signal_until_exit(pid, SIGUSR1), 0);
	signal(SIGUSR1, SIG_DFL);

	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(recv_type(id, 0, 0, text) == 7 && strcmp(text, "wake") == 0 ? 0 : 1);
	sleep_ms(50);           /* most likely asleep in msgrcv by now */
	EXPECT_EQ(stop_and_continue(pid), 0);
	sleep_ms(50);
	EXPECT_EQ(send_msg(id, 7, "wake", 0), 0);
	EXPECT_EQ(signal_until_exit(pid, 0), 0);
	EXPECT_EQ(rm_msg(id), 0);
}

/* SIGKILL takes sleepers off the queue and frees the message a sender
 * held (the kernel's leak check after the tests counts it). */
TEST(sleepers_killed_leave_the_queue_as_it_was)
{
	int id = new_msg(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	char text[64];
	ASSERT_GE(id, 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	ds.msg_qbytes = 6;
	ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);
	ASSERT_EQ(send_msg(id, 1, "full!", 0), 0);

	pid_t sender = fork();
	ASSERT_GE(sender, 0);
	if (sender == 0)
		_exit(send_msg(id, 2, "more", 0));
	pid_t receiver = fork();
	ASSERT_GE(receiver, 0);
	if (receiver == 0)
		_exit(recv_type(id, 99, 0, NULL));
	sleep_ms(50);
	EXPECT_EQ(kill(sender, SIGKILL), 0);
	EXPECT_EQ(kill(receiver, SIGKILL), 0);
	EXPECT_EQ(reap(sender), 128 + SIGKILL);
	EXPECT_EQ(reap(receiver), 128 + SIGKILL);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 1);
	EXPECT_EQ(ds.msg_cbytes, 6);
	EXPECT_EQ(recv_type(id, 0, IPC_NOWAIT, text), 1);
	EXPECT_STREQ(text, "full!");
	EXPECT_EQ(send_msg(id, 99, "ok", IPC_NOWAIT), 0);
	EXPECT_EQ(recv_type(id, 99, IPC_NOWAIT, text), 99);
	EXPECT_EQ(rm_msg(id), 0);
}

TEST(msgctl_stat_set_info)
{
	time_t before = time(NULL);
	int id = new_msg(IPC_PRIVATE, 0640);
	struct msqid_ds ds;
	struct msginfo info;
	ASSERT_GE(id, 0);

	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_perm.mode, 0640);
	EXPECT_EQ(ds.msg_perm.uid, geteuid());
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(ds.msg_cbytes, 0);
	EXPECT_EQ(ds.msg_stime, 0);
	EXPECT_EQ(ds.msg_lspid, 0);
	EXPECT_GE(ds.msg_ctime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */
	ASSERT_EQ(send_msg(id, 5, "hello", 0), 0);
	ASSERT_EQ(send_msg(id, 5, "hi", 0), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 2);
	EXPECT_EQ(ds.msg_cbytes, 9);
	EXPECT_EQ(ds.msg_lspid, getpid());
	EXPECT_EQ(ds.msg_lrpid, 0);
	EXPECT_GE(ds.msg_stime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */

	/* Past MSGMNB takes CAP_SYS_RESOURCE (ipc_perm.c: not for others). */
	if (root_has_cap(CAP_SYS_RESOURCE)) {
		ds.msg_qbytes = 100000;
		EXPECT_EQ(msgctl(id, IPC_SET, &ds), 0);
		ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
		EXPECT_EQ(ds.msg_qbytes, 100000);
	}
	ds.msg_perm.mode = 0604;
	EXPECT_EQ(msgctl(id, IPC_SET, &ds), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_perm.mode, 0604);

	int max = msgctl(0, IPC_INFO, (struct msqid_ds *)&info);
	ASSERT_GE(max, 0);
	EXPECT_EQ(info.msgmax, 8192);
	EXPECT_EQ(info.msgmnb, 16384);
	EXPECT_EQ(info.msgmni, 32000);
	EXPECT_EQ(info.msgssz, 16);
	EXPECT_EQ(info.msgseg, 0xffff);
	EXPECT_EQ(info.msgpool, 32000 * 16384 / 1024);
	EXPECT_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&info), max);
	EXPECT_GE(info.msgpool, 1);             /* queues in use */
	EXPECT_GE(info.msgmap, 2);              /* messages queued */
	EXPECT_GE(info.msgtql, 9);              /* bytes queued */

	int found = 0;
	for (int idx = 0; idx <= max; idx++)
		if (msgctl(idx, MSG_STAT_ANY, &ds) == id) {
			found = 1;
			EXPECT_EQ(ds.msg_qnum, 2);
			EXPECT_EQ(msgctl(idx, MSG_STAT, &ds), id);
		}
	EXPECT_TRUE(found);
	EXPECT_EQ(recv_type(id, 0, 0, NULL), 5);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_lrpid, getpid());
	EXPECT_GE(ds.msg_rtime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */
	EXPECT_EQ(ds.msg_cbytes, 3);
	EXPECT_EQ(rm_msg(id), 0);
}

int main(void)
{
	return run_ipc_tests();
}
