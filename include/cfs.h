/*
 * The Completely Fair Scheduler's arithmetic and runqueue (sched/cfs.c),
 * after Linux's kernel/sched/fair.c up to 6.5 (before EEVDF). Pure code:
 * time comes in as an argument, so tests/host can drive it.
 *
 * Each runnable entity has a virtual runtime: the CPU time it used,
 * scaled by NICE_0_WEIGHT / weight, so a heavier (lower nice) entity's
 * vruntime grows more slowly. The runqueue keeps runnable entities in a
 * red-black tree by vruntime and runs the leftmost; the running entity
 * (curr) is counted in nr_running and load but is not in the tree.
 */
#ifndef CFS_H
#define CFS_H

#include <stdbool.h>
#include <stdint.h>
#include "rbtree.h"

#define NSEC_PER_MSEC 1000000ULL

/* Linux's defaults for one CPU (sysctl_sched_*, before the log2 scaling
 * Linux applies for more CPUs). */
#define SCHED_LATENCY_NS          (6 * NSEC_PER_MSEC)
#define SCHED_MIN_GRANULARITY_NS  (750 * 1000ULL)
#define SCHED_WAKEUP_GRANULARITY_NS (1 * NSEC_PER_MSEC)
/* latency / min_granularity: beyond this many tasks the period grows. */
#define SCHED_NR_LATENCY          8

#define NICE_0_WEIGHT 1024
#define MIN_NICE (-20)
#define MAX_NICE 19

struct sched_entity {
	struct rb_node run_node;
	uint64_t vruntime;
	unsigned long weight;
	bool on_rq;                     /* runnable: in the tree or curr */
	uint64_t exec_start;            /* when it last started running */
	uint64_t sum_exec_runtime;      /* CPU time, ns */
	uint64_t prev_sum_exec_runtime; /* sum_exec_runtime when picked */
};

struct cfs_rq {
	struct rb_root_cached tasks_timeline;
	unsigned long load;             /* sum of the runnable weights */
	unsigned nr_running;
	uint64_t min_vruntime;          /* monotonic; where newcomers start */
	struct sched_entity *curr;
	struct sched_entity *skip;      /* sched_yield's "not me next" */
};

/* The weight of a nice level (Linux's sched_prio_to_weight table). */
unsigned long nice_to_weight(int nice);

void cfs_rq_init(struct cfs_rq *rq);
/* delta scaled by NICE_0_WEIGHT / se's weight: CPU time to vruntime. */
uint64_t calc_delta_fair(uint64_t delta, const struct sched_entity *se);
/* The scheduling period for nr_running entities. */
uint64_t sched_period(unsigned nr_running);
/* se's share of the period by weight (se counted even if not queued). */
uint64_t sched_slice(const struct cfs_rq *rq, const struct sched_entity *se);

/* Charge curr for the time since its exec_start and advance min_vruntime. */
void cfs_update_curr(struct cfs_rq *rq, uint64_t now);

enum cfs_place { PLACE_NEW, PLACE_WAKEUP };
/* Where a new (START_DEBIT: one virtual slice late) or a woken (half a
 * latency of sleeper credit) entity enters, never before its own vruntime. */
void cfs_place_entity(struct cfs_rq *rq, struct sched_entity *se, enum cfs_place how);

void cfs_enqueue(struct cfs_rq *rq, struct sched_entity *se);
void cfs_dequeue(struct cfs_rq *rq, struct sched_entity *se);
/* Take the entity to run next out of the tree and make it curr. */
struct sched_entity *cfs_pick_next(struct cfs_rq *rq, uint64_t now);
/* curr stops running: back into the tree if still runnable. */
void cfs_put_prev(struct cfs_rq *rq, struct sched_entity *prev);

/* On each tick: should curr give up the CPU (check_preempt_tick)? */
bool cfs_tick(struct cfs_rq *rq, uint64_t now);
/* Should the woken se preempt curr (check_preempt_wakeup)? */
bool cfs_wakeup_preempt(struct cfs_rq *rq, const struct sched_entity *se);
/* A child starts from its parent's vruntime, then is placed as new. */
void cfs_fork(struct cfs_rq *rq, const struct sched_entity *parent,
	      struct sched_entity *child);
/* sched_yield: let the others run first this round. */
void cfs_yield(struct cfs_rq *rq);

#endif
