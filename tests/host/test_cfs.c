/*
 * sched/cfs.c through include/cfs.h: the weight table, vruntime growth,
 * period and slices, placement of new and woken entities, min_vruntime,
 * pick order, tick and wakeup preemption, fork, yield, and a simulated
 * 10 s run of three entities at nice 0, 5 and -5 whose CPU shares must
 * match their weights (and whose first 21 ms docs/sched.md works out by
 * hand).
 *
 * Time is whatever the test says it is: cfs.c only ever sees "now" as an
 * argument, so the test plays the part of sched/core.c and the clock.
 *
 * Kernel sources: sched/cfs.c kernel/rbtree.c tests/host/fake/host_kernel.c
 * Host flags: -include tests/host/fake/fakes.h
 */
#include <stdint.h>

#include "check.h"
#include "cfs.h"

#define MS NSEC_PER_MSEC
#define US 1000ULL

static struct cfs_rq rq;

static void entity_init(struct sched_entity *se, int nice, uint64_t vruntime)
{
	*se = (struct sched_entity){ .vruntime = vruntime, .weight = nice_to_weight(nice) };
}

/* What schedule() does for a task that stays runnable: charge curr up to
 * now, put it back in the tree, pick the leftmost. */
static struct sched_entity *reschedule(uint64_t now)
{
	if (rq.curr) {
		cfs_update_curr(&rq, now);
		cfs_put_prev(&rq, rq.curr);
	}
	return cfs_pick_next(&rq, now);
}

/* An entity that stops being runnable while it is curr (it blocks). */
static void block_curr(void)
{
	struct sched_entity *curr = rq.curr;

	cfs_dequeue(&rq, curr);
	cfs_put_prev(&rq, curr);
}

/* The tree keeps the red-black rules and its cached leftmost is right. */
static bool tree_ok(void)
{
	const struct rb_root_cached *t = &rq.tasks_timeline;

	return rb_check(&t->root) >= 0 && t->leftmost == rb_first(&t->root);
}

static void nice_to_weight_table(void)
{
	CHECK_EQ_INT(nice_to_weight(-20), 88761);
	CHECK_EQ_INT(nice_to_weight(-5), 3121);
	CHECK_EQ_INT(nice_to_weight(0), NICE_0_WEIGHT);
	CHECK_EQ_INT(nice_to_weight(5), 335);
	CHECK_EQ_INT(nice_to_weight(19), 15);
	/* Out of range clamps to the ends, as setpriority() does. */
	CHECK_EQ_INT(nice_to_weight(-21), 88761);
	CHECK_EQ_INT(nice_to_weight(-1000), 88761);
	CHECK_EQ_INT(nice_to_weight(20), 15);
	CHECK_EQ_INT(nice_to_weight(1000), 15);
	/* Each nice step is a factor of about 1.25 (10% of CPU between two
	 * tasks); rounding puts the smallest weights between 1.2 and 1.3. */
	for (int nice = MIN_NICE; nice < MAX_NICE; nice++) {
		unsigned long w = nice_to_weight(nice), next = nice_to_weight(nice + 1);

		CHECK(100 * w >= 119 * next && 100 * w <= 131 * next);
	}
}

static void calc_delta_fair_scales_by_weight(void)
{
	static const int nices[] = { -20, -5, -1, 1, 5, 19 };
	static const uint64_t deltas[] = { 1, 999, MS, 7 * MS + 123, 1000 * MS, 3600000 * MS };
	struct sched_entity se;

	entity_init(&se, 0, 0);
	for (size_t d = 0; d < ARRAY_SIZE(deltas); d++)
		CHECK_EQ_INT(calc_delta_fair(deltas[d], &se), deltas[d]);

	for (size_t n = 0; n < ARRAY_SIZE(nices); n++) {
		entity_init(&se, nices[n], 0);
		CHECK_EQ_INT(calc_delta_fair(0, &se), 0);
		for (size_t d = 0; d < ARRAY_SIZE(deltas); d++) {
			uint64_t delta = deltas[d];
			uint64_t exact = (uint64_t)((unsigned __int128)delta * NICE_0_WEIGHT / se.weight);
			uint64_t got = calc_delta_fair(delta, &se);
			/* Truncated, and at most 1 ns per ms (or 1 ns) short. */
			uint64_t slack = delta / MS > 1 ? delta / MS : 1;

			if (!CHECK(got <= exact && exact - got <= slack))
				printf("    # nice %d delta %llu: %llu, exact %llu\n", nices[n],
				       (unsigned long long)delta, (unsigned long long)got,
				       (unsigned long long)exact);
		}
	}
	/* The worked example's per-ms figures (docs/sched.md). */
	entity_init(&se, 5, 0);
	CHECK_EQ_INT(calc_delta_fair(MS, &se), 3056716);
	entity_init(&se, -5, 0);
	CHECK_EQ_INT(calc_delta_fair(MS, &se), 328099);
}

static void sched_period_stretches_beyond_nr_latency(void)
{
	for (unsigned nr = 0; nr <= SCHED_NR_LATENCY; nr++)
		CHECK_EQ_INT(sched_period(nr), 6 * MS);
	/* Past 8 tasks each gets the minimum granularity instead. */
	CHECK_EQ_INT(sched_period(9), 6750 * US);
	CHECK_EQ_INT(sched_period(100), 75 * MS);
}

static void sched_slice_by_weight_and_queue(void)
{
	struct sched_entity a, b, c, many[10];

	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	/* An entity not on the queue is counted as if it were. */
	CHECK_EQ_INT(sched_slice(&rq, &a), 6 * MS);
	cfs_enqueue(&rq, &a);
	CHECK_EQ_INT(sched_slice(&rq, &a), 6 * MS);
	entity_init(&b, 5, 0);
	CHECK_EQ_INT(sched_slice(&rq, &b), 6 * MS * 335 / 1359);
	cfs_enqueue(&rq, &b);
	CHECK_EQ_INT(rq.load, 1359);
	CHECK_EQ_INT(rq.nr_running, 2);
	CHECK_EQ_INT(sched_slice(&rq, &a), 6 * MS * 1024 / 1359);      /* 4.521 ms */
	CHECK_EQ_INT(sched_slice(&rq, &b), 6 * MS * 335 / 1359);       /* 1.479 ms */
	entity_init(&c, -5, 0);
	cfs_enqueue(&rq, &c);
	CHECK_EQ_INT(sched_slice(&rq, &a), 1371428);    /* 6 ms * 1024/4480 */
	CHECK_EQ_INT(sched_slice(&rq, &b), 448660);     /*        335/4480 */
	CHECK_EQ_INT(sched_slice(&rq, &c), 4179910);    /*       3121/4480 */

	/* Ten equal entities: the period grows to 7.5 ms, 0.75 ms each. On
	 * the way, a ninth not yet queued already stretches it to 6.75 ms. */
	cfs_rq_init(&rq);
	for (int i = 0; i < 10; i++) {
		entity_init(&many[i], 0, 0);
		if (i == SCHED_NR_LATENCY)
			CHECK_EQ_INT(sched_slice(&rq, &many[i]), 6750 * US / 9);
		cfs_enqueue(&rq, &many[i]);
	}
	for (int i = 0; i < 10; i++)
		CHECK_EQ_INT(sched_slice(&rq, &many[i]), SCHED_MIN_GRANULARITY_NS);
}

/* A queue whose only entity, a, has run 100 ms: min_vruntime is 100 ms. */
static void run_a_for_100ms(struct sched_entity *a)
{
	cfs_rq_init(&rq);
	entity_init(a, 0, 0);
	cfs_enqueue(&rq, a);
	CHECK(cfs_pick_next(&rq, 0) == a);
	cfs_update_curr(&rq, 100 * MS);
	CHECK_EQ_INT(a->vruntime, 100 * MS);
	CHECK_EQ_INT(a->sum_exec_runtime, 100 * MS);
	CHECK_EQ_INT(rq.min_vruntime, 100 * MS);
}

static void place_new_entity_with_start_debit(void)
{
	struct sched_entity a, b, c;

	run_a_for_100ms(&a);
	/* One slice late, in its own virtual time: 3 ms of 6 for two. */
	entity_init(&b, 0, 0);
	cfs_place_entity(&rq, &b, PLACE_NEW);
	CHECK_EQ_INT(b.vruntime, 103 * MS);
	/* nice 5 beside a: 1.479 ms of slice is 4.521 ms of its vruntime. */
	entity_init(&c, 5, 0);
	cfs_place_entity(&rq, &c, PLACE_NEW);
	CHECK_EQ_INT(c.vruntime, 100 * MS + calc_delta_fair(6 * MS * 335 / 1359, &c));
	/* That is 6 ms * 1024/1359 = 4.520971 ms, less a few ns of rounding. */
	CHECK(c.vruntime <= 100 * MS + 4520971 && c.vruntime >= 100 * MS + 4520971 - 5);
	/* Already further on: it stays there. */
	entity_init(&c, 0, 200 * MS);
	cfs_place_entity(&rq, &c, PLACE_NEW);
	CHECK_EQ_INT(c.vruntime, 200 * MS);
}

static void place_woken_entity_with_sleeper_credit(void)
{
	struct sched_entity a, b;

	run_a_for_100ms(&a);
	/* Slept long: half a latency before min_vruntime, whatever its weight. */
	entity_init(&b, 0, 0);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	CHECK_EQ_INT(b.vruntime, 97 * MS);
	entity_init(&b, 19, 0);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	CHECK_EQ_INT(b.vruntime, 97 * MS);
	/* Slept briefly: it keeps its own vruntime, never moves back. */
	entity_init(&b, 0, 99 * MS);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	CHECK_EQ_INT(b.vruntime, 99 * MS);
	entity_init(&b, 0, 150 * MS);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	CHECK_EQ_INT(b.vruntime, 150 * MS);

	/* Early on, min_vruntime - 3 ms wraps below zero, to 2^64 - 3 ms:
	 * compared by difference, that is still before the entity's own 0. */
	cfs_rq_init(&rq);
	entity_init(&b, 0, 0);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	CHECK_EQ_INT(b.vruntime, 0);
}

static void min_vruntime_never_goes_back(void)
{
	struct sched_entity a, b, c;

	/* Dequeueing entities: min_vruntime follows the leftmost forward... */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 10 * MS);
	entity_init(&b, 0, 20 * MS);
	entity_init(&c, 0, 30 * MS);
	cfs_enqueue(&rq, &a);
	cfs_enqueue(&rq, &b);
	cfs_enqueue(&rq, &c);
	cfs_dequeue(&rq, &b);
	CHECK_EQ_INT(rq.min_vruntime, 10 * MS);
	cfs_dequeue(&rq, &a);
	CHECK_EQ_INT(rq.min_vruntime, 30 * MS);
	/* ...but not back when an earlier one returns and the later leaves. */
	cfs_enqueue(&rq, &a);
	cfs_dequeue(&rq, &c);
	CHECK_EQ_INT(rq.min_vruntime, 30 * MS);
	cfs_dequeue(&rq, &a);
	CHECK_EQ_INT(rq.nr_running, 0);
	CHECK_EQ_INT(rq.load, 0);
	CHECK_EQ_INT(rq.min_vruntime, 30 * MS);

	/* A woken entity placed 3 ms behind becomes curr and runs: curr is
	 * now the smallest vruntime on the queue, below min_vruntime. */
	run_a_for_100ms(&a);
	entity_init(&b, 0, 0);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	cfs_enqueue(&rq, &b);
	CHECK(reschedule(100 * MS) == &b);
	cfs_update_curr(&rq, 101 * MS);
	CHECK_EQ_INT(b.vruntime, 98 * MS);
	CHECK_EQ_INT(rq.min_vruntime, 100 * MS);
	/* Once b passes a, the minimum is a's: 100 ms still. */
	cfs_update_curr(&rq, 104 * MS);
	CHECK_EQ_INT(rq.min_vruntime, 100 * MS);
	/* a blocks... */
	CHECK(reschedule(104 * MS) == &a);
	block_curr();
	CHECK(cfs_pick_next(&rq, 104 * MS) == &b);
	/* ...and only b is left, at 101 ms: min_vruntime follows it. */
	cfs_update_curr(&rq, 105 * MS);
	CHECK_EQ_INT(rq.min_vruntime, 102 * MS);
	CHECK(tree_ok());
}

static void pick_order_by_vruntime_then_fifo(void)
{
	static const uint64_t keys[] = { 50, 10, 40, 20, 30, 60, 0 };
	struct sched_entity se[ARRAY_SIZE(keys)], x, y, z;

	cfs_rq_init(&rq);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		entity_init(&se[i], 0, keys[i] * MS);
		cfs_enqueue(&rq, &se[i]);
	}
	CHECK(tree_ok());
	for (uint64_t want = 0; want <= 60; want += 10) {
		struct sched_entity *next = cfs_pick_next(&rq, 0);

		if (!CHECK(next != NULL))
			return;
		CHECK_EQ_INT(next->vruntime, want * MS);
		block_curr();
		CHECK(tree_ok());
	}
	CHECK(cfs_pick_next(&rq, 0) == NULL);

	/* Equal vruntimes come out in the order they went in; one put back
	 * without having run goes behind the others. */
	entity_init(&x, 0, 5 * MS);
	entity_init(&y, 0, 5 * MS);
	entity_init(&z, 0, 5 * MS);
	cfs_enqueue(&rq, &x);
	cfs_enqueue(&rq, &y);
	cfs_enqueue(&rq, &z);
	CHECK(cfs_pick_next(&rq, 0) == &x);
	CHECK(reschedule(0) == &y);
	CHECK(reschedule(0) == &z);
	CHECK(reschedule(0) == &x);
}

static void tick_preempts_after_the_slice(void)
{
	struct sched_entity a, b;

	/* Two nice-0 entities: 3 ms each. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &a);
	cfs_enqueue(&rq, &b);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	CHECK(!cfs_tick(&rq, 500 * US));
	CHECK(!cfs_tick(&rq, 1 * MS));
	CHECK(!cfs_tick(&rq, 2 * MS));
	CHECK(!cfs_tick(&rq, 3 * MS));
	CHECK(cfs_tick(&rq, 3 * MS + 1));
	CHECK_EQ_INT(a.sum_exec_runtime, 3 * MS + 1);
	/* The slice counts from the pick, not from the start. */
	CHECK(reschedule(3 * MS + 1) == &b);
	CHECK(!cfs_tick(&rq, 6 * MS));
	CHECK(cfs_tick(&rq, 6 * MS + 2));

	/* Alone, curr runs on and on. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	cfs_enqueue(&rq, &a);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	CHECK(!cfs_tick(&rq, 100 * MS));
}

static void tick_waits_for_the_minimum_granularity(void)
{
	struct sched_entity a, b;

	/* b arrives 20 ms of vruntime behind the running a (unplaced, as
	 * a long sleeper's placement would never allow): far more than a
	 * slice behind, yet a keeps the CPU for 0.75 ms after its pick. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 20 * MS);
	cfs_enqueue(&rq, &a);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &b);
	CHECK(!cfs_tick(&rq, 500 * US));
	CHECK(!cfs_tick(&rq, SCHED_MIN_GRANULARITY_NS - 1));
	/* Past it, a vruntime lead over the leftmost larger than the ideal
	 * slice (3 ms) preempts before the slice is used up. */
	CHECK(cfs_tick(&rq, 800 * US));

	/* A lead within the slice does not. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 2 * MS);
	cfs_enqueue(&rq, &a);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &b);
	CHECK(!cfs_tick(&rq, 800 * US));        /* 2.8 ms ahead of b */
	CHECK(cfs_tick(&rq, 1100 * US));        /* 3.1 ms ahead of b */
}

static void wakeup_preemption_needs_a_lead(void)
{
	struct sched_entity a, b;

	run_a_for_100ms(&a);
	/* Needs more than 1 ms of lead over curr... */
	entity_init(&b, 0, 99 * MS);
	cfs_enqueue(&rq, &b);
	CHECK(!cfs_wakeup_preempt(&rq, &b));
	cfs_dequeue(&rq, &b);
	entity_init(&b, 0, 99 * MS - 1);
	cfs_enqueue(&rq, &b);
	CHECK(cfs_wakeup_preempt(&rq, &b));
	cfs_dequeue(&rq, &b);
	/* ...in the woken entity's virtual time: a nice 5 one needs 3.06 ms,
	 * a nice -5 one 0.33 ms. */
	entity_init(&b, 5, 97 * MS);
	CHECK(!cfs_wakeup_preempt(&rq, &b));
	entity_init(&b, 5, 96900 * US);
	CHECK(cfs_wakeup_preempt(&rq, &b));
	entity_init(&b, -5, 99700 * US);
	CHECK(!cfs_wakeup_preempt(&rq, &b));
	entity_init(&b, -5, 99600 * US);
	CHECK(cfs_wakeup_preempt(&rq, &b));
	/* Behind curr, or curr itself: never. */
	entity_init(&b, -20, 101 * MS);
	CHECK(!cfs_wakeup_preempt(&rq, &b));
	CHECK(!cfs_wakeup_preempt(&rq, &a));

	/* A long sleeper's credit (3 ms) is enough for a nice-0 wakee. */
	entity_init(&b, 0, 0);
	cfs_place_entity(&rq, &b, PLACE_WAKEUP);
	cfs_enqueue(&rq, &b);
	CHECK(cfs_wakeup_preempt(&rq, &b));
	CHECK(reschedule(100 * MS) == &b);

	/* Nothing running (idle): nothing to preempt here. */
	cfs_rq_init(&rq);
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &b);
	CHECK(!cfs_wakeup_preempt(&rq, &b));
}

static void fork_inherits_then_start_debit(void)
{
	struct sched_entity a, b, child;

	/* Parent at min_vruntime: the child starts a vslice later. */
	run_a_for_100ms(&a);
	entity_init(&child, 0, 0);
	cfs_fork(&rq, &a, &child);
	CHECK_EQ_INT(child.vruntime, 103 * MS);
	/* The parent's vruntime, 100 ms, is not what min_vruntime is any
	 * more once the parent runs: a child never starts before it. */
	entity_init(&b, 0, 90 * MS);
	cfs_enqueue(&rq, &b);
	cfs_update_curr(&rq, 110 * MS);
	CHECK_EQ_INT(a.vruntime, 110 * MS);
	CHECK_EQ_INT(rq.min_vruntime, 100 * MS);        /* b is behind; no going back */
	entity_init(&child, 0, 0);
	cfs_fork(&rq, &a, &child);
	CHECK_EQ_INT(child.vruntime, 110 * MS);         /* > 100 ms + 2 ms */
	/* A heavier child has a smaller vslice; the parent's vruntime rules. */
	entity_init(&child, -5, 0);
	cfs_fork(&rq, &a, &child);
	CHECK_EQ_INT(child.vruntime, 110 * MS);
	/* Forked by no task (the idle task): from min_vruntime. */
	entity_init(&child, 0, 0);
	cfs_fork(&rq, NULL, &child);
	CHECK_EQ_INT(child.vruntime, 100 * MS + 2 * MS);
	CHECK_EQ_INT(rq.nr_running, 2);                 /* fork does not enqueue */
}

static void yield_skips_the_yielder_once(void)
{
	struct sched_entity a, b;

	/* a runs 0.2 ms; b waits 0.5 ms of vruntime on: a is still leftmost. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	entity_init(&b, 0, 500 * US);
	cfs_enqueue(&rq, &a);
	cfs_enqueue(&rq, &b);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	cfs_update_curr(&rq, 200 * US);
	cfs_yield(&rq);
	CHECK(reschedule(200 * US) == &b);
	/* Only the next pick: after b, a is first again. */
	CHECK(reschedule(200 * US) == &a);

	/* b more than the wakeup granularity behind a: a runs anyway. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	entity_init(&b, 0, 2 * MS);
	cfs_enqueue(&rq, &a);
	cfs_enqueue(&rq, &b);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	cfs_update_curr(&rq, 200 * US);
	cfs_yield(&rq);
	CHECK(reschedule(200 * US) == &a);

	/* Alone: yielding changes nothing. */
	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	cfs_enqueue(&rq, &a);
	CHECK(cfs_pick_next(&rq, 0) == &a);
	cfs_yield(&rq);
	CHECK(rq.skip == NULL);
	CHECK(reschedule(1 * MS) == &a);

	/* A yielder that blocks leaves no stale skip behind. */
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &b);
	cfs_yield(&rq);
	block_curr();
	CHECK(rq.skip == NULL);
	CHECK(cfs_pick_next(&rq, 1 * MS) == &b);
}

static void misuse_is_a_bug(void)
{
	struct sched_entity a, b;

	cfs_rq_init(&rq);
	entity_init(&a, 0, 0);
	entity_init(&b, 0, 0);
	cfs_enqueue(&rq, &a);
	CHECK(PANICS(cfs_enqueue(&rq, &a)));
	CHECK(PANICS(cfs_dequeue(&rq, &b)));
	CHECK(cfs_pick_next(&rq, 0) == &a);
	CHECK(PANICS(cfs_put_prev(&rq, &b)));
	CHECK_EQ_INT(rq.nr_running, 1);
}

/*
 * The kernel's loop, one tick a millisecond: cfs_tick charges curr and
 * says whether to switch; if so, schedule() puts curr back and picks.
 * Three entities start together at vruntime 0 in the order A (nice 0),
 * B (nice 5), C (nice -5); ran[t] records who ran in millisecond t.
 */
#define SIM_MS 10000

static struct sched_entity sim[3];
static char ran[SIM_MS + 1];

static void simulate(void)
{
	static const int nices[3] = { 0, 5, -5 };

	cfs_rq_init(&rq);
	for (int i = 0; i < 3; i++) {
		entity_init(&sim[i], nices[i], 0);
		cfs_enqueue(&rq, &sim[i]);
	}
	struct sched_entity *curr = cfs_pick_next(&rq, 0);

	for (uint64_t t = 1; t <= SIM_MS; t++) {
		ran[t - 1] = (char)('A' + (curr - sim));
		if (cfs_tick(&rq, t * MS))
			curr = reschedule(t * MS);
	}
	ran[SIM_MS] = '\0';
}

static void simulated_shares_match_weights(void)
{
	uint64_t total = 0, load = 0;

	simulate();
	for (int i = 0; i < 3; i++) {
		total += sim[i].sum_exec_runtime;
		load += sim[i].weight;
	}
	CHECK_EQ_INT(total, SIM_MS * MS);
	for (int i = 0; i < 3; i++) {
		/* Parts per 100,000 of the CPU; within 1% of the weight's share. */
		uint64_t got = sim[i].sum_exec_runtime * 100000 / total;
		uint64_t want = sim[i].weight * 100000 / load;

		printf("    # %c nice %d: %llu.%03llu%% of the CPU, weight says %llu.%03llu%%\n",
		       'A' + i, i == 0 ? 0 : i == 1 ? 5 : -5,
		       (unsigned long long)got / 1000, (unsigned long long)got % 1000,
		       (unsigned long long)want / 1000, (unsigned long long)want % 1000);
		CHECK(got * 100 >= want * 99 && got * 100 <= want * 101);
	}
	/* Fairness in virtual time: the vruntimes stay within a few ms. */
	for (int i = 0; i < 3; i++)
		CHECK(sim[i].vruntime - rq.min_vruntime < 10 * MS);
	CHECK(tree_ok());
}

/* docs/sched.md works the first 21 ms out by hand; this is its answer. */
static void simulated_timeline_matches_docs(void)
{
	static const char docs[] = "AABCCCCCCCCCCAABCCCCC";

	simulate();
	CHECK(strncmp(ran, docs, sizeof(docs) - 1) == 0);
	printf("    # first 40 ms: %.40s\n", ran);
}

int main(void)
{
	static const struct test_case cases[] = {
		TEST(nice_to_weight_table),
		TEST(calc_delta_fair_scales_by_weight),
		TEST(sched_period_stretches_beyond_nr_latency),
		TEST(sched_slice_by_weight_and_queue),
		TEST(place_new_entity_with_start_debit),
		TEST(place_woken_entity_with_sleeper_credit),
		TEST(min_vruntime_never_goes_back),
		TEST(pick_order_by_vruntime_then_fifo),
		TEST(tick_preempts_after_the_slice),
		TEST(tick_waits_for_the_minimum_granularity),
		TEST(wakeup_preemption_needs_a_lead),
		TEST(fork_inherits_then_start_debit),
		TEST(yield_skips_the_yielder_once),
		TEST(misuse_is_a_bug),
		TEST(simulated_shares_match_weights),
		TEST(simulated_timeline_matches_docs),
	};

	return run_tests("cfs", cases, ARRAY_SIZE(cases));
}
