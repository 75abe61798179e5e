/*
 * What the System V IPC tests share. Every object a case creates goes
 * through new_shm/new_sem/new_msg, which record it in a page shared by
 * the whole test program (made by ipc_track_init() before the cases
 * fork); rm_* removes one and forgets it. main() runs the cases with
 * run_ipc_tests(), whose ipc_cleanup() removes whatever a case left behind
 * when a check failed or it crashed: on the Linux host an object would
 * otherwise outlive the run (see `ipcs`), on the kernel the leak check
 * after the tests would count it.
 */
#ifndef IPC_HELPERS_H
#define IPC_HELPERS_H

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

/* POSIX leaves the caller to define semctl's fourth argument. */
union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

enum { KIND_SHM, KIND_SEM, KIND_MSG };

#define MAX_TRACKED 500
static struct tracked {
	int n;
	struct { int kind, id; } obj[MAX_TRACKED];
} *tracked;

static inline void ipc_track_init(void)
{
	void *p = mmap(NULL, sizeof(*tracked), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	tracked = p == MAP_FAILED ? NULL : p;
}

static inline int track(int kind, int id)
{
	if (id >= 0 && tracked) {
		int i = __atomic_fetch_add(&tracked->n, 1, __ATOMIC_SEQ_CST);

		if (i < MAX_TRACKED) {
			tracked->obj[i].kind = kind;
			tracked->obj[i].id = id;
		}
	}
	return id;
}

#define new_shm(key, size, flg) track(KIND_SHM, shmget(key, size, flg))
#define new_sem(key, nsems, flg) track(KIND_SEM, semget(key, nsems, flg))
#define new_msg(key, flg) track(KIND_MSG, msgget(key, flg))

static inline int rm_kind(int kind, int id)
{
	int ret = kind == KIND_SHM ? shmctl(id, IPC_RMID, NULL)
		: kind == KIND_SEM ? semctl(id, 0, IPC_RMID)
		: msgctl(id, IPC_RMID, NULL);

	for (int i = 0; tracked && i < tracked->n && i < MAX_TRACKED; i++)
		if (tracked->obj[i].kind == kind && tracked->obj[i].id == id)
			tracked->obj[i].id = -1;
	return ret;
}

#define rm_shm(id) rm_kind(KIND_SHM, id)
#define rm_sem(id) rm_kind(KIND_SEM, id)
#define rm_msg(id) rm_kind(KIND_MSG, id)

static inline void ipc_cleanup(void)
{
	for (int i = 0; tracked && i < tracked->n && i < MAX_TRACKED; i++)
		if (tracked->obj[i].id >= 0)
			rm_kind(tracked->obj[i].kind, tracked->obj[i].id);
}

/* The program's cases between ipc_track_init and ipc_cleanup; the number
 * that failed (main's exit status). */
#define run_ipc_tests() run_ipc_tests_(__FILE__)
static inline int run_ipc_tests_(const char *file)
{
	ipc_track_init();
	int failed = harness_run(file);
	ipc_cleanup();
	return failed;
}

/*
 * Whether root's effective capabilities include cap (Linux's number): a
 * Linux container may withhold some from root; a kernel without capget
 * (ENOSYS) gives root every privilege. Not root: none.
 */
#define CAP_SYS_RESOURCE 24
#define NR_CAPGET 125
static inline int root_has_cap(int cap)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];

	if (geteuid() != 0)
		return 0;
	if (syscall(NR_CAPGET, &hdr, data) < 0)
		return errno == ENOSYS;
	return data[cap / 32].effective >> (cap % 32) & 1;
}

/* A key no other run uses at the same time (keys are global). */
static inline key_t test_key(int n)
{
	return (key_t)(0x1c000000 | (getpid() & 0xfffff) << 4 | n);
}

/* Wait for pid: its exit code, 128 + the signal that killed it, or -1. */
static inline int reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The semaphore's waiter counts, polled until they reach want. */
static inline int wait_for_sem_waiters(int semid, int semnum, int cmd, int want)
{
	for (int i = 0; i < 5000; i++) {
		if (semctl(semid, semnum, cmd) == want)
			return 0;
		sleep_ms(1);
	}
	return -1;
}

/* A handler that does nothing: a blocked call returns EINTR. */
static inline void note_signal(int sig)
{
	(void)sig;
}

/* Without SA_RESTART: an interrupted call fails with EINTR. With it,
 * most calls restart, but not semop, msgsnd or msgrcv (signal(7)). */
static inline int catch_signal_flags(int sig, int flags)
{
	struct sigaction sa;

	sigemptyset(&sa.sa_mask);
	sa.sa_flags = flags;
	sa.sa_handler = note_signal;
	return sigaction(sig, &sa, NULL);
}

static inline int catch_signal(int sig)
{
	return catch_signal_flags(sig, 0);
}

/* Stop pid and continue it: with no handler, Linux restarts an
 * interrupted msgsnd or msgrcv, but semop fails with EINTR (signal(7)). */
static inline int stop_and_continue(pid_t pid)
{
	int status;

	if (kill(pid, SIGSTOP) < 0 || waitpid(pid, &status, WUNTRACED) != pid ||
	    !WIFSTOPPED(status))
		return -1;
	return kill(pid, SIGCONT);
}

/*
 * Send sig to pid every few milliseconds until it exits, and reap it: a
 * signal that arrives before pid has blocked only runs the handler, a
 * later one interrupts the call. Its exit code, as reap(); -1 if it runs
 * on for 10 s (then it is killed). sig 0 only waits.
 */
static inline int signal_until_exit(pid_t pid, int sig)
{
	int status;

	for (int i = 0; i < 2000; i++) {
		pid_t done = waitpid(pid, &status, WNOHANG);

		if (done == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status)
						 : 128 + WTERMSIG(status);
		kill(pid, sig);
		sleep_ms(5);
	}
	kill(pid, SIGKILL);
	reap(pid);
	return -1;
}

#endif
