/* Wrappers for the process, identity and scheduling system calls. */
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

pid_t fork(void)
{
	return __syscall_ret(__syscall0(__NR_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(__syscall3(__NR_execve, (long)path, (long)argv,
					(long)envp));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return __syscall_ret(__syscall4(__NR_wait4, pid, (long)status, options,
					(long)usage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall2(__NR_kill, pid, sig));
}

/* The process ids: these calls cannot fail. */
pid_t getpid(void)
{
	return __syscall0(__NR_getpid);
}

pid_t getppid(void)
{
	return __syscall0(__NR_getppid);
}

pid_t gettid(void)
{
	return __syscall0(__NR_gettid);
}

pid_t getpgrp(void)
{
	return __syscall0(__NR_getpgrp);
}

pid_t getpgid(pid_t pid)
{
	return __syscall_ret(__syscall1(__NR_getpgid, pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return __syscall_ret(__syscall2(__NR_setpgid, pid, pgid));
}

pid_t getsid(pid_t pid)
{
	return __syscall_ret(__syscall1(__NR_getsid, pid));
}

pid_t setsid(void)
{
	return __syscall_ret(__syscall0(__NR_setsid));
}

uid_t getuid(void)
{
	return __syscall0(__NR_getuid);
}

uid_t geteuid(void)
{
	return __syscall0(__NR_geteuid);
}

gid_t getgid(void)
{
	return __syscall0(__NR_getgid);
}

gid_t getegid(void)
{
	return __syscall0(__NR_getegid);
}

int setuid(uid_t uid)
{
	return __syscall_ret(__syscall1(__NR_setuid, uid));
}

int setgid(gid_t gid)
{
	return __syscall_ret(__syscall1(__NR_setgid, gid));
}

/*
 * The system call returns 20 - nice (1..40), so that no success looks
 * like an error; the C function returns the nice value itself.
 */
int getpriority(int which, id_t who)
{
	long ret = __syscall_ret(__syscall2(__NR_getpriority, which, who));

	return ret < 0 ? -1 : 20 - ret;
}

int setpriority(int which, id_t who, int prio)
{
	return __syscall_ret(__syscall3(__NR_setpriority, which, who, prio));
}

int getrusage(int who, struct rusage *usage)
{
	return __syscall_ret(__syscall2(__NR_getrusage, who, (long)usage));
}

int sysinfo(struct sysinfo *info)
{
	return __syscall_ret(__syscall1(__NR_sysinfo, (long)info));
}

int sched_yield(void)
{
	return __syscall_ret(__syscall0(__NR_sched_yield));
}

int uname(struct utsname *buf)
{
	return __syscall_ret(__syscall1(__NR_uname, (long)buf));
}
