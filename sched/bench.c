/*
 * The cost of a kernel-thread context switch (make bench): two threads
 * hand a token back and forth through wait queues. Each hand-off is one
 * switch: the holder gives the token away, wakes the other and sleeps
 * until the token comes back, so a round trip is two switches, each
 * with the wake-up, the pick and switch_to that a real sleeper pays.
 */
#include "clock.h"
#include "kbench.h"
#include "panic.h"
#include "sched.h"

#define WARMUP 100              /* round trips before timing starts */
#define ROUNDS 20000            /* round trips timed */

static struct {
	struct wait_queue_head wq[2];   /* wq[i]: player i waits for its turn */
	volatile unsigned turn;         /* who holds the token: 0 or 1 */
	uint64_t start, end;
} token;

static void take(unsigned me)
{
	wait_event(token.wq[me], token.turn == me);
}

static void give(unsigned me)
{
	token.turn = !me;
	wake_up(&token.wq[!me]);
}

/*
 * Player 0 holds the token first and last: it takes it WARMUP + ROUNDS + 1
 * times, and between its WARMUP-th and its last take ROUNDS round trips
 * pass.
 */
static int player0(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < WARMUP + ROUNDS; i++) {
		take(0);
		if (i == WARMUP)
			token.start = clock_ns();
		give(0);
	}
	take(0);
	token.end = clock_ns();
	return 0;
}

static int player1(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < WARMUP + ROUNDS; i++) {
		take(1);
		give(1);
	}
	return 0;
}

KBENCH(context_switch, "ns")
{
	init_waitqueue_head(&token.wq[0]);
	init_waitqueue_head(&token.wq[1]);
	token.turn = 0;
	struct task *t0 = kthread_create(player0, NULL, "ping");
	struct task *t1 = kthread_create(player1, NULL, "pong");

	BUG_ON(!t0 || !t1);
	kthread_join(t0);
	kthread_join(t1);
	return (token.end - token.start) / (2 * ROUNDS);
}
