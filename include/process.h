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

/* Called when pid 1 ends: the run is over (kernel/main.c). */
void init_exited(int status) __attribute__((noreturn));

#endif
