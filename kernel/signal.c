/*
 * Signals, the part processes need from the start: sending (kill, faults,
 * SIGCHLD), the masks, and the default actions - terminate, terminate
 * with a "core" message, ignore - taken on the way back to user mode.
 * Handlers in user space (rt_sigaction with a handler, rt_sigreturn) are
 * the signals issue's: until then rt_sigaction refuses a handler with
 * -ENOSYS rather than pretend.
 */
#include "process.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"

#define SIGBIT(sig) (1UL << ((sig) - 1))
/* Neither can be caught, blocked or ignored (POSIX). */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

enum default_action { TERMINATE, CORE, IGNORE, STOP };

static enum default_action default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return IGNORE;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return CORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return STOP;
	default:
		return TERMINATE;
	}
}

bool signal_pending(struct task *task)
{
	return task->signal.pending & ~task->signal.blocked;
}

bool signal_pending_current(void)
{
	return current->mm && signal_pending(current);
}

/* A signal whose action is to do nothing is not even queued (Linux's
 * sig_ignored), unless it is blocked: the mask may change first. */
static bool signal_ignored(struct task *task, int sig)
{
	uint64_t handler = task->signal.action[sig - 1].handler;

	if (task->signal.blocked & SIGBIT(sig))
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && default_action(sig) == IGNORE);
}

void send_signal(struct task *task, int sig)
{
	if (signal_ignored(task, sig))
		return;
	bool flags = irq_save();

	task->signal.pending |= SIGBIT(sig);
	irq_restore(flags);
	/* An interruptible sleeper wakes to notice it. */
	if (task->state == TASK_INTERRUPTIBLE && signal_pending(task))
		wake_up_process(task);
}

/* Take the lowest pending unblocked signal off the set, or 0. */
static int dequeue_signal(struct task *task)
{
	bool flags = irq_save();
	uint64_t ready = task->signal.pending & ~task->signal.blocked;
	int sig = ready ? __builtin_ctzl(ready) + 1 : 0;

	if (sig)
		task->signal.pending &= ~SIGBIT(sig);
	irq_restore(flags);
	return sig;
}

static void do_signal(struct trap_frame *regs)
{
	int sig;

	(void)regs;
	while ((sig = dequeue_signal(current))) {
		struct k_sigaction *action = &current->signal.action[sig - 1];

		if (action->handler == SIG_IGN)
			continue;
		switch (default_action(sig)) {
		case IGNORE:
			continue;
		case STOP:
			/* Job control arrives with the signals issue. */
			pr_warn("%s[%d]: stop signal %d ignored: job control is not implemented\n",
				current->name, current->pid, sig);
			continue;
		case CORE:
		case TERMINATE:
			do_exit(sig);   /* the wait status of a signal death */
		}
	}
}

void exit_to_user_mode(struct trap_frame *regs)
{
	for (;;) {
		if (this_cpu()->need_resched) {
			schedule();
			continue;
		}
		if (signal_pending(current)) {
			do_signal(regs);
			continue;
		}
		break;
	}
}

/* The signal each CPU exception raises in user mode (as Linux does). */
static int exception_signal(unsigned vector)
{
	switch (vector) {
	case X86_DE: case X86_MF: case X86_XM:
		return SIGFPE;
	case X86_DB: case X86_BP:
		return SIGTRAP;
	case X86_UD:
		return SIGILL;
	case X86_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

void user_exception(struct trap_frame *regs, int sig)
{
	if (sig < 0)
		sig = exception_signal(regs->vector);

	if (regs->vector == X86_PF && sig != SIGSEGV)
		printk(KERN_INFO "%s[%d]: %s at %lx ip %016lx sp %016lx error %lx\n",
		       current->name, current->pid, sig == SIGBUS ? "bus error" : "out of memory",
		       read_cr2(), regs->rip, regs->rsp, regs->error_code);
	else if (regs->vector == X86_PF)
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		       current->name, current->pid, read_cr2(), regs->rip, regs->rsp,
		       regs->error_code);
	else
		printk(KERN_INFO "%s[%d]: %s (trap %lu) ip %016lx sp %016lx error %lx\n",
		       current->name, current->pid, exception_name(regs->vector),
		       regs->vector, regs->rip, regs->rsp, regs->error_code);
	/* A fault the program blocked or ignores would only repeat: Linux
	 * forces the default action then. */
	current->signal.blocked &= ~SIGBIT(sig);
	current->signal.action[sig - 1].handler = SIG_DFL;
	send_signal(current, sig);
}

/* Exec keeps ignored signals ignored and resets handled ones (POSIX). */
void signals_reset_on_exec(struct task *task)
{
	for (int i = 0; i < NSIG; i++)
		if (task->signal.action[i].handler != SIG_IGN)
			task->signal.action[i] = (struct k_sigaction){ 0 };
}

static int check_kill_permission(struct task *target)
{
	if (current->euid == 0 || current->euid == target->uid ||
	    current->uid == target->uid)
		return 0;
	return -EPERM;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -ENOSYS; /* process groups come with job control */
	struct task *target = find_task(pid);
	if (!target || !target->mm || target->state == TASK_ZOMBIE)
		return -ESRCH;
	int err = check_kill_permission(target);
	if (err || sig == 0)
		return err;
	send_signal(target, sig);
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction __user *, act,
		struct k_sigaction __user *, oldact, size_t, sigsetsize)
{
	struct k_sigaction new;

	if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (SIGBIT(sig) & UNBLOCKABLE))
		return -EINVAL;
	if (act && new.handler != SIG_DFL && new.handler != SIG_IGN)
		return -ENOSYS;
	if (oldact && copy_to_user(oldact, &current->signal.action[sig - 1], sizeof(*oldact)))
		return -EFAULT;
	if (act)
		current->signal.action[sig - 1] = new;
	return 0;
}

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t __user *, set,
		uint64_t __user *, oldset, size_t, sigsetsize)
{
	uint64_t mask, old = current->signal.blocked;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&mask, set, sizeof(mask)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			current->signal.blocked |= mask;
			break;
		case SIG_UNBLOCK:
			current->signal.blocked &= ~mask;
			break;
		case SIG_SETMASK:
			current->signal.blocked = mask;
			break;
		default:
			return -EINVAL;
		}
		current->signal.blocked &= ~UNBLOCKABLE;
	}
	if (oldset && copy_to_user(oldset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
