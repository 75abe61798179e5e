/* The small system calls: identity, time, uname, randomness, priority. */
#include "clock.h"
#include "mm.h"
#include "paging.h"
#include "process.h"
#include "random.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "timer.h"
#include "uapi/errno.h"
#include "boot.h"
#include "x86.h"

SYSCALL_DEFINE0(getpid)
{
	return current->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	return current->parent ? current->parent->pid : 0;
}

SYSCALL_DEFINE0(getuid)
{
	return current->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current->gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->egid;
}

/* POSIX setuid: root sets all ids, others may only go to their real id. */
SYSCALL_DEFINE1(setuid, uint32_t, uid)
{
	if (current->euid == 0) {
		current->uid = current->euid = uid;
		return 0;
	}
	if (uid != current->uid)
		return -EPERM;
	current->euid = uid;
	return 0;
}

SYSCALL_DEFINE1(setgid, uint32_t, gid)
{
	if (current->euid == 0) {
		current->gid = current->egid = gid;
		return 0;
	}
	if (gid != current->gid)
		return -EPERM;
	current->egid = gid;
	return 0;
}

SYSCALL_DEFINE1(set_tid_address, uint64_t, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

SYSCALL_DEFINE2(arch_prctl, int, code, uint64_t, addr)
{
	switch (code) {
	case ARCH_SET_FS:
		/* A non-canonical base would make WRMSR fault (#GP). */
		if (addr >= USER_SPACE_END)
			return -EPERM;
		current->fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->fs_base, (uint64_t __user *)addr);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

struct timespec {
	int64_t tv_sec, tv_nsec;
};

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME 7

/*
 * There is no battery clock driver: wall-clock time starts at the Unix
 * epoch at boot. Monotonic time is the TSC clock.
 */
static int clock_read(int clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = clock_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = current->se.sum_exec_runtime;
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(clock_gettime, int, clock, struct timespec __user *, tp)
{
	uint64_t ns;
	int err = clock_read(clock, &ns);

	if (err)
		return err;
	struct timespec ts = { ns / 1000000000, ns % 1000000000 };
	return copy_to_user(tp, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_getres, int, clock, struct timespec __user *, tp)
{
	uint64_t ns;
	int err = clock_read(clock, &ns);

	if (err || !tp)
		return err;
	struct timespec res = { 0, 1 };
	return copy_to_user(tp, &res, sizeof(res));
}

SYSCALL_DEFINE2(gettimeofday, uint64_t, tv, uint64_t, tz)
{
	uint64_t ns = clock_ns();
	struct {
		int64_t tv_sec, tv_usec;
	} now = { ns / 1000000000, ns / 1000 % 1000000 };

	if (tv && copy_to_user((void __user *)tv, &now, sizeof(now)))
		return -EFAULT;
	if (tz && clear_user((void __user *)tz, 8))
		return -EFAULT;
	return 0;
}

/*
 * Sleep until jiffies reach due. A signal ends the sleep: the time left
 * goes to rem (if given), and the call fails with EINTR if a handler runs;
 * otherwise it goes on to the same deadline through restart_syscall, as
 * Linux's restart block does (a stop and continue does not lengthen it).
 */
static long nanosleep_until(uint64_t due, struct timespec __user *rem);

static long nanosleep_restart(struct restart_block *block)
{
	return nanosleep_until(block->due, block->rem);
}

static long nanosleep_until(uint64_t due, struct timespec __user *rem)
{
	for (uint64_t now; (now = jiffies) < due;) {
		current->state = TASK_INTERRUPTIBLE;
		if (signal_pending_current()) {
			current->state = TASK_RUNNING;
			uint64_t left = (due - now) * (1000000000 / HZ);
			struct timespec r = { left / 1000000000, left % 1000000000 };
			if (rem && copy_to_user(rem, &r, sizeof(r)))
				return -EFAULT;
			current->restart_block = (struct restart_block){
				.fn = nanosleep_restart, .due = due, .rem = rem,
			};
			return -ERESTART_RESTARTBLOCK;
		}
		schedule_timeout((long)(due - now));
	}
	return 0;
}

/* Sleep on the tick: rounds up to whole ticks, like Linux's jiffies
 * timers. rem is written only when a signal ends the sleep (Linux). */
SYSCALL_DEFINE2(nanosleep, const struct timespec __user *, req, struct timespec __user *, rem)
{
	struct timespec ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	uint64_t ticks = (ns + (1000000000 / HZ) - 1) / (1000000000 / HZ);

	return nanosleep_until(jiffies + ticks, rem);
}

/* Continue the call a signal interrupted (its restart_block); EINTR when
 * there is none, as Linux's do_no_restart_syscall. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *block = &current->restart_block;
	long (*fn)(struct restart_block *) = block->fn;

	block->fn = NULL;
	return fn ? fn(block) : -EINTR;
}

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

SYSCALL_DEFINE1(uname, struct utsname __user *, buf)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));  /* the ABI it speaks */
	strlcpy(u.nodename, "teaching", sizeof(u.nodename));
	strlcpy(u.release, KERNEL_VERSION, sizeof(u.release));
	strlcpy(u.version, "teaching kernel " KERNEL_VERSION, sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(buf, &u, sizeof(u));
}

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

SYSCALL_DEFINE3(getrandom, void __user *, buf, size_t, count, unsigned, flags)
{
	uint8_t chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (count > 33554431)           /* Linux caps one call at 32 MiB - 1 */
		count = 33554431;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		get_random_bytes(chunk, n);
		if (copy_to_user((char __user *)buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

#define PRIO_PROCESS 0

/* getpriority returns 20 - nice (1..40) so it is never negative (Linux). */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	if (which != PRIO_PROCESS)
		return -EINVAL;
	struct task *task = who ? find_task(who) : current;
	if (!task)
		return -ESRCH;
	return 20 - task->nice;
}

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, nice)
{
	if (which != PRIO_PROCESS)
		return -EINVAL;
	struct task *task = who ? find_task(who) : current;
	if (!task)
		return -ESRCH;
	if (current->euid != 0 && current->euid != task->uid)
		return -EPERM;
	nice = nice < MIN_NICE ? MIN_NICE : nice > MAX_NICE ? MAX_NICE : nice;
	/* Only root may raise the priority (lower nice). */
	if (nice < task->nice && current->euid != 0)
		return -EACCES;
	set_user_nice(task, nice);
	return 0;
}

struct sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};

/* What free(1) and sysconf(_SC_PHYS_PAGES) read: sizes in pages. */
SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = clock_ns() / 1000000000;
	si.totalram = total_ram_pages();
	si.freeram = nr_free_pages();
	si.procs = nr_tasks();
	si.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &si, sizeof(si));
}
