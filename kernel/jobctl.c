/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid,
 * and what job control asks of them elsewhere (kernel/signal.c sends to a
 * group and stops; kernel/tty.c keeps the foreground group).
 *
 * A process group is the set of processes with the same pgid, a session
 * those with the same sid: there is no structure for either, only the
 * task list, walked under its lock (for_each_task). Zombies keep their
 * ids until they are reaped, so a group whose leader has exited but not
 * been waited for still exists, as in Linux (a shell may still move the
 * second command of a pipeline into the first one's group).
 *
 * The rules are POSIX's, checked in Linux's order (kernel/sys.c,
 * kernel/exit.c): see each call.
 */
#include "process.h"
#include "sched.h"
#include "syscall.h"
#include "uapi/errno.h"

/* ============================ Looking at groups ============================ */

struct group_scan {
	int pgid;
	const struct task *ignored;
	int sid;                /* of a member, or -1 if there is none */
	bool stopped;           /* a live member is stopped */
	bool connected;         /* a member's parent is outside the group
				 * but in the same session */
};

static void scan_member(struct task *task, void *arg)
{
	struct group_scan *scan = arg;
	const struct task *parent = task->parent;

	if (task->pgid != scan->pgid || !task_is_process(task))
		return;
	scan->sid = task->sid;
	if (task == scan->ignored || task->state == TASK_ZOMBIE)
		return;
	if (task->stopped)
		scan->stopped = true;
	/* A parent that is init, or that is exiting, links nothing. */
	if (parent && parent->pid != 1 && parent != scan->ignored &&
	    parent->pgid != scan->pgid && parent->sid == task->sid)
		scan->connected = true;
}

static struct group_scan scan_group(int pgid, const struct task *ignored)
{
	struct group_scan scan = { .pgid = pgid, .ignored = ignored, .sid = -1 };

	if (pgid > 0)
		for_each_task(scan_member, &scan);
	return scan;
}

int session_of_pgrp(int pgid)
{
	return scan_group(pgid, NULL).sid;
}

/*
 * POSIX's orphaned process group: no member has a parent in another group
 * of the same session, so no shell is left to continue it (Linux's
 * will_become_orphaned_pgrp, ignoring the task about to exit).
 */
static bool orphaned(int pgid, const struct task *ignored)
{
	return !scan_group(pgid, ignored).connected;
}

bool pgrp_orphaned(int pgid)
{
	return orphaned(pgid, NULL);
}

/*
 * Called by an exiting task before its children go to init: a group that
 * its exit orphans and that has a stopped member would stay stopped for
 * ever, so it gets SIGHUP and SIGCONT (POSIX, Linux's kill_orphaned_pgrp):
 * the task's own group, and each of its children's.
 */
static void hup_if_orphaned(int pgid, const struct task *exiting)
{
	struct group_scan scan = scan_group(pgid, exiting);

	if (!scan.connected && scan.stopped) {
		kill_pgrp(pgid, SIGHUP, false);
		kill_pgrp(pgid, SIGCONT, false);
	}
}

void exit_job_control(struct task *task)
{
	struct task *parent = task->parent, *child;

	if (parent && parent->pgid != task->pgid && parent->sid == task->sid)
		hup_if_orphaned(task->pgid, task);
	list_for_each_entry(child, &task->children, sibling)
		if (child->pgid != task->pgid && child->sid == task->sid)
			hup_if_orphaned(child->pgid, task);
}

/* ============================== The system calls ========================== */

/*
 * setpgid(pid, pgid), Linux's order of checks: a negative pgid -EINVAL;
 * no such process -ESRCH; a child of the caller in another session -EPERM,
 * one that has exec'd -EACCES; neither the caller nor its child -ESRCH; a
 * session leader -EPERM; joining a group that does not exist in the
 * caller's session -EPERM.
 */
SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task *task;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	task = find_process(pid);
	if (!task)
		return -ESRCH;
	if (task->parent == current) {
		if (task->sid != current->sid)
			return -EPERM;
		if (task->did_exec)
			return -EACCES;
	} else if (task != current) {
		return -ESRCH;
	}
	if (task->sid == task->pid)
		return -EPERM;
	if (pgid != pid && session_of_pgrp(pgid) != current->sid)
		return -EPERM;
	task->pgid = pgid;
	return 0;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct task *task = find_process(pid);

	return task ? task->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgid;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct task *task = find_process(pid);

	return task ? task->sid : -ESRCH;
}

/*
 * A new session and group, both numbered by the caller's pid, with no
 * controlling terminal; -EPERM if a group of that number exists already
 * (the caller leads one, or once did and members remain).
 */
SYSCALL_DEFINE0(setsid)
{
	int pid = current->pid;

	if (session_of_pgrp(pid) >= 0)
		return -EPERM;
	current->sid = current->pgid = pid;
	return pid;
}
