/*
 * User processes (kernel/process.c, kernel/exec.c, kernel/signal.c): fork,
 * exec, exit and wait, the entry to user mode, and signals.
 */
#ifndef PROCESS_H
#define PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "trap.h"

struct task;

/* Signal numbers (Linux x86-64). */
#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPWR   30
#define SIGSYS   31

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
