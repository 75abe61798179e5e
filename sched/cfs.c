/*
 * CFS (include/cfs.h): the runqueue and the arithmetic of
 * kernel/sched/fair.c as it was up to Linux 6.5.
 */
#include "cfs.h"
#include "lab.h"
#include "panic.h"

/*
 * Nice -20 .. 19 to weight: each step is ~10% of CPU between two tasks,
 * a factor of ~1.25 (Linux's sched_prio_to_weight).
 */
static const unsigned long prio_to_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

unsigned long nice_to_weight(int nice)
{
	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	return prio_to_weight[nice - MIN_NICE];
}

/* vruntimes only ever compare by difference, so wrap-around is harmless. */
static inline int64_t vruntime_diff(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b);
}

static bool entity_before(const struct rb_node *a, const struct rb_node *b)
{
	return vruntime_diff(rb_entry(a, struct sched_entity, run_node)->vruntime,
			     rb_entry(b, struct sched_entity, run_node)->vruntime) < 0;
}

static struct sched_entity *first_entity(const struct cfs_rq *rq)
{
	struct rb_node *left = rb_first_cached(&rq->tasks_timeline);

	return left ? rb_entry(left, struct sched_entity, run_node) : NULL;
}

void cfs_rq_init(struct cfs_rq *rq)
{
	*rq = (struct cfs_rq){ .tasks_timeline = RB_ROOT_CACHED };
}

uint64_t calc_delta_fair(uint64_t delta, const struct sched_entity *se)
{
	if (se->weight == NICE_0_WEIGHT)
		return delta;
	/*
	 * delta * 1024 / weight as a multiply by 2^32 / weight and a shift,
	 * as Linux's __calc_delta does: the kernel has no 128-bit division,
	 * and the 128-bit product cannot overflow for any delta.
	 */
	uint64_t inverse = (1ULL << 32) / se->weight;
	return (uint64_t)(((unsigned __int128)delta * NICE_0_WEIGHT * inverse) >> 32);
}

uint64_t sched_period(unsigned nr_running)
{
	if (nr_running > SCHED_NR_LATENCY)
		return nr_running * SCHED_MIN_GRANULARITY_NS;
	return SCHED_LATENCY_NS;
}

uint64_t sched_slice(const struct cfs_rq *rq, const struct sched_entity *se)
{
	unsigned nr = rq->nr_running + !se->on_rq;
	unsigned long load = rq->load + (se->on_rq ? 0 : se->weight);

	/* At most ~2^40 ns of period times a 17-bit weight: fits 64 bits. */
	return sched_period(nr) * se->weight / load;
}

/* The slice in virtual time: what START_DEBIT charges a newcomer. */
static uint64_t sched_vslice(const struct cfs_rq *rq, const struct sched_entity *se)
{
	return calc_delta_fair(sched_slice(rq, se), se);
}

/* min_vruntime follows the smallest vruntime on the queue, never back. */
static void update_min_vruntime(struct cfs_rq *rq)
{
	struct sched_entity *curr = rq->curr, *left = first_entity(rq);
	uint64_t vruntime = rq->min_vruntime;

	if (curr && curr->on_rq)
		vruntime = curr->vruntime;
	else
		curr = NULL;
	if (left && (!curr || vruntime_diff(left->vruntime, vruntime) < 0))
		vruntime = left->vruntime;
	if (vruntime_diff(vruntime, rq->min_vruntime) > 0)
		rq->min_vruntime = vruntime;
}

void cfs_update_curr(struct cfs_rq *rq, uint64_t now)
{
	struct sched_entity *curr = rq->curr;

	if (!curr || now <= curr->exec_start)
		return;
	uint64_t delta = now - curr->exec_start;

	curr->exec_start = now;
	curr->sum_exec_runtime += delta;
	/* LAB(cfs) BEGIN: charge curr the virtual time of delta (scaled by NICE_0_WEIGHT / its weight) and advance min_vruntime */
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(rq);
	/* LAB(cfs) STUB: lab_missing("cfs"); */
	/* LAB(cfs) END */
}

void cfs_place_entity(struct cfs_rq *rq, struct sched_entity *se, enum cfs_place how)
{
	/* LAB(cfs) BEGIN: place se near min_vruntime: a slice later when new (START_DEBIT), half a latency earlier when waking, never backwards */
	uint64_t vruntime = rq->min_vruntime;

	if (how == PLACE_NEW)
		vruntime += sched_vslice(rq, se);       /* START_DEBIT */
	else
		vruntime -= SCHED_LATENCY_NS / 2;       /* GENTLE_FAIR_SLEEPERS */
	/* Never move an entity back in time: sleeping cannot bank credit. */
	if (vruntime_diff(vruntime, se->vruntime) > 0)
		se->vruntime = vruntime;
	/* LAB(cfs) STUB: (void)rq; (void)se; (void)how; (void)sched_vslice; lab_missing("cfs"); */
	/* LAB(cfs) END */
}

void cfs_enqueue(struct cfs_rq *rq, struct sched_entity *se)
{
	BUG_ON(se->on_rq);
	se->on_rq = true;
	rq->load += se->weight;
	rq->nr_running++;
	if (se != rq->curr)
		rb_add_cached(&se->run_node, &rq->tasks_timeline, entity_before);
}

void cfs_dequeue(struct cfs_rq *rq, struct sched_entity *se)
{
	BUG_ON(!se->on_rq);
	if (se != rq->curr)
		rb_erase_cached(&se->run_node, &rq->tasks_timeline);
	if (rq->skip == se)
		rq->skip = NULL;
	se->on_rq = false;
	rq->load -= se->weight;
	rq->nr_running--;
	update_min_vruntime(rq);
}

/*
 * wakeup_preempt_entity: 1 if se is ahead of curr by more than the
 * wakeup granularity (in se's virtual time), so it deserves the CPU now.
 */
static int wakeup_preempt_entity(const struct sched_entity *curr,
				 const struct sched_entity *se)
{
	int64_t vdiff = vruntime_diff(curr->vruntime, se->vruntime);

	if (vdiff <= 0)
		return -1;
	if (vdiff > (int64_t)calc_delta_fair(SCHED_WAKEUP_GRANULARITY_NS, se))
		return 1;
	return 0;
}

struct sched_entity *cfs_pick_next(struct cfs_rq *rq, uint64_t now)
{
	struct sched_entity *se = first_entity(rq);

	if (!se)
		return NULL;
	/* A yielder runs last unless the next one is far behind it. */
	if (se == rq->skip) {
		struct rb_node *second = rb_next(&se->run_node);

		if (second) {
			struct sched_entity *other =
				rb_entry(second, struct sched_entity, run_node);

			if (wakeup_preempt_entity(other, se) < 1)
				se = other;
		}
	}
	rq->skip = NULL;
	rb_erase_cached(&se->run_node, &rq->tasks_timeline);
	rq->curr = se;
	se->exec_start = now;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	return se;
}

void cfs_put_prev(struct cfs_rq *rq, struct sched_entity *prev)
{
	BUG_ON(rq->curr != prev);
	if (prev->on_rq)
		rb_add_cached(&prev->run_node, &rq->tasks_timeline, entity_before);
	rq->curr = NULL;
}

bool cfs_tick(struct cfs_rq *rq, uint64_t now)
{
	struct sched_entity *curr = rq->curr;

	cfs_update_curr(rq, now);
	if (!curr || rq->nr_running < 2)
		return false;

	/* LAB(cfs) BEGIN: preempt curr once it ran its ideal slice, or (after the minimum granularity) when it is a slice ahead of the leftmost */
	uint64_t ideal = sched_slice(rq, curr);
	uint64_t ran = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	if (ran > ideal)
		return true;
	/* Let it run at least the minimum granularity. */
	if (ran < SCHED_MIN_GRANULARITY_NS)
		return false;
	struct sched_entity *first = first_entity(rq);
	if (!first)
		return false;
	int64_t delta = vruntime_diff(curr->vruntime, first->vruntime);
	return delta > 0 && (uint64_t)delta > ideal;
	/* LAB(cfs) STUB: lab_missing("cfs"); return true; */
	/* LAB(cfs) END */
}

bool cfs_wakeup_preempt(struct cfs_rq *rq, const struct sched_entity *se)
{
	return rq->curr && rq->curr != se && wakeup_preempt_entity(rq->curr, se) == 1;
}

void cfs_fork(struct cfs_rq *rq, const struct sched_entity *parent,
	      struct sched_entity *child)
{
	child->vruntime = parent ? parent->vruntime : rq->min_vruntime;
	cfs_place_entity(rq, child, PLACE_NEW);
}

void cfs_yield(struct cfs_rq *rq)
{
	if (rq->nr_running > 1)
		rq->skip = rq->curr;
}
