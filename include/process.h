/*
 * User processes (kernel/process.c, kernel/exec.c, kernel/signal.c): fork,
 * exec, exit and wait, the entry to user mode, and signals.
 */
#ifndef PROCESS_H
#define PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "trap.h"
#include "uapi/signal.h"

struct task;

#define SIG_DFL 0UL
#define SIG_IGN 1UL

/* Replace current's program (exec); 0 or -errno, the caller still intact
 * on failure. argv/envp are kernel strings. */
int do_execve(const char *path, const char *const *argv, unsigned argc,
	      const char *const *envp, unsigned envc);
/* Leave for user mode through the frame at the top of current's stack. */
void enter_user_mode(void) __attribute__((noreturn));
/* End current with a wait status (exit code << 8, or the signal). */
void do_exit(int status) __attribute__((noreturn));

/* Before returning to user mode: reschedule, deliver signals. */
void exit_to_user_mode(struct trap_frame *regs);
/* A CPU exception in user mode raises sig (-1: the one the vector
 * implies, e.g. SIGILL for #UD). */
void user_exception(struct trap_frame *regs, int sig);
void send_signal(struct task *task, int sig);
bool signal_pending(struct task *task);

/*
 * Job control (kernel/jobctl.c, kernel/signal.c). kill_pgrp signals every
 * process of group pgid as kill(-pgid, sig) does: 0 if any was signalled,
 * else -ESRCH (no member) or -EPERM; check_perm false for the kernel's
 * own signals (the tty's ^C). session_of_pgrp: the session of a member,
 * -1 if the group has none. pgrp_orphaned: POSIX's orphaned group (no
 * member's parent in another group of the same session).
 */
long kill_pgrp(int pgid, int sig, bool check_perm);
int session_of_pgrp(int pgid);
bool pgrp_orphaned(int pgid);
/* do_exit: SIGHUP and SIGCONT to the groups the exit orphans with stopped
 * members, before the children go to init. */
void exit_job_control(struct task *task);
/* Whether current ignores or blocks sig (the tty's job control checks). */
bool signal_ignored_or_blocked(int sig);

/* Called when pid 1 ends: the run is over (kernel/main.c). */
void init_exited(int status) __attribute__((noreturn));

#endif
