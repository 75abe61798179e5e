/*
 * Signals: sending (kill, faults, SIGCHLD), the masks, the default actions
 * (terminate, terminate with a "core" message, ignore) and user handlers,
 * all taken on the way back to user mode. A handler runs on the user
 * stack above a struct rt_sigframe laid out as Linux's (so musl's and
 * glibc's restorers work unchanged); rt_sigreturn puts everything back.
 *
 * Job control: a stop signal's default action stops the process on its
 * way back to user mode (TASK_STOPPED, do_signal_stop) until SIGCONT or
 * SIGKILL; the parent hears of both through SIGCHLD (unless it set
 * SA_NOCLDSTOP) and wait4 (WUNTRACED, WCONTINUED). SIGCONT continues the
 * process when it is sent, whatever its action (Linux's prepare_signal).
 */
#include "process.h"
#include "cpu.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"

#define SIGBIT(sig) (1UL << ((sig) - 1))
/* Neither can be caught, blocked or ignored (POSIX). */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define STOP_SIGNALS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

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

bool signal_ignored_or_blocked(int sig)
{
	return (current->signal.blocked & SIGBIT(sig)) ||
	       current->signal.action[sig - 1].handler == SIG_IGN;
}

/* A child stopped or continued: SIGCHLD unless the parent asked for none
 * (SA_NOCLDSTOP), and a wake-up for its wait4. */
static void notify_parent_stop(struct task *task)
{
	struct task *parent = task->parent;

	if (!parent)
		return;
	if (!(parent->signal.action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal(parent, SIGCHLD);
	wake_up_all(&parent->child_exit);
}

/*
 * What sending sig does before it is queued, even if ignored (Linux's
 * prepare_signal): a stop signal cancels a pending SIGCONT; SIGCONT
 * cancels pending stop signals and continues a stopped process.
 */
static void prepare_signal(struct task *task, int sig)
{
	if (SIGBIT(sig) & STOP_SIGNALS)
		task->signal.pending &= ~SIGBIT(SIGCONT);
	if (sig != SIGCONT)
		return;
	task->signal.pending &= ~STOP_SIGNALS;
	if (task->stopped) {
		task->stopped = false;
		task->wait_report = (task->wait_report & ~WAIT_REPORT_STOPPED) |
				    WAIT_REPORT_CONTINUED;
		wake_up_stopped(task);
		notify_parent_stop(task);
	}
}

void send_signal(struct task *task, int sig)
{
	bool flags = irq_save();

	if (task->state == TASK_ZOMBIE) {
		irq_restore(flags);
		return;
	}
	prepare_signal(task, sig);
	if (signal_ignored(task, sig)) {
		irq_restore(flags);
		return;
	}
	task->signal.pending |= SIGBIT(sig);
	irq_restore(flags);
	/* An interruptible sleeper wakes to notice it; SIGKILL also ends a
	 * stop. */
	if (task->state == TASK_INTERRUPTIBLE && signal_pending(task))
		wake_up_process(task);
	if (sig == SIGKILL)
		wake_up_stopped(task);
}

/*
 * The default action of a stop signal: stopped until SIGCONT clears
 * task->stopped or SIGKILL comes. The state is set with interrupts off
 * after the check, so that a SIGCONT sent meanwhile is not missed.
 */
static void do_signal_stop(int sig)
{
	struct task *task = current;
	bool flags = irq_save();

	task->stopped = true;
	task->stop_signal = sig;
	task->wait_report = (task->wait_report & ~WAIT_REPORT_CONTINUED) | WAIT_REPORT_STOPPED;
	/* Stopped before the parent hears of it (ps would say so). */
	task->state = TASK_STOPPED;
	irq_restore(flags);
	notify_parent_stop(task);
	for (;;) {
		flags = irq_save();
		if (!task->stopped || (task->signal.pending & SIGBIT(SIGKILL))) {
			task->stopped = false;
			task->state = TASK_RUNNING;
			irq_restore(flags);
			break;
		}
		task->state = TASK_STOPPED;
		irq_restore(flags);
		schedule();
	}
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


#define SYSCALL_VECTOR 0x100     /* trap_frame.vector of a system call */
#define SYSCALL_INSN_LEN 2       /* "syscall" is 0f 05 */

/* Linux's x86-64 signal frame (arch/x86/include/uapi/asm/sigcontext.h,
 * asm-generic/ucontext.h, asm/sigframe.h). */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	uint64_t eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;               /* user address of the FXSAVE image */
	uint64_t reserved1[8];
};

struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct {
		uint64_t ss_sp;
		int32_t ss_flags;
		uint64_t ss_size;
	} uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

struct siginfo {
	int32_t si_signo, si_errno, si_code, pad;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
		} kill;
		uint64_t addr;          /* SIGSEGV, SIGBUS: the faulting address */
		uint8_t size[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode;              /* the restorer: the handler returns here */
	struct ucontext uc;
	struct siginfo info;
};

_Static_assert(sizeof(struct sigcontext) == 256, "Linux sigcontext layout");
_Static_assert(sizeof(struct siginfo) == 128, "Linux siginfo layout");

#define SS_DISABLE 2
#define SI_USER    0
#define SEGV_MAPERR 1
#define RED_ZONE 128                    /* psABI 3.2.2: below rsp, the callee's */
#define USER_CS (0x20 | 3)
#define USER_DS (0x18 | 3)
/* RFLAGS bits a signal handler's context may change (as Linux's FIX_EFLAGS). */
#define USER_RFLAGS 0x50dd5             /* AC OF DF TF SF ZF AF PF CF RF */

/*
 * A system call a signal interrupted (handler: the action about to run,
 * NULL when none runs): restart it by backing up over the syscall
 * instruction, or let it fail with EINTR (include/wait.h): -ERESTARTSYS
 * restarts unless a handler without SA_RESTART runs; -ERESTARTNOHAND
 * (pause, sigsuspend, msgsnd, msgrcv) only when no handler runs, and
 * -ERESTART_RESTARTBLOCK (nanosleep) too, as restart_syscall; a plain
 * -EINTR (semop) never.
 */
static void restart_syscall(struct trap_frame *regs, const struct k_sigaction *handler)
{
	if (regs->vector != SYSCALL_VECTOR)
		return;
	switch ((int64_t)regs->rax) {
	case -ERESTARTSYS:
		if (handler && !(handler->flags & SA_RESTART)) {
			regs->rax = -EINTR;
			return;
		}
		break;
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		if (handler) {
			regs->rax = -EINTR;
			return;
		}
		break;
	default:
		return;
	}
	/* The system call number, or restart_syscall to continue the
	 * interrupted call where it was (current->restart_block). */
	regs->rax = (int64_t)regs->rax == -ERESTART_RESTARTBLOCK ? __NR_restart_syscall
								 : regs->error_code;
	regs->rip -= SYSCALL_INSN_LEN;
}

/* The mask the handler's return puts back: the one rt_sigsuspend
 * replaced while it waited, or the current one. */
static uint64_t old_blocked(void)
{
	struct signal_state *s = &current->signal;

	return s->restore_blocked ? s->saved_blocked : s->blocked;
}

/* rt_sigsuspend's mask ends when a handler's frame holds the old one,
 * or when no handler runs (the call then restarts with its own). */
static void restore_saved_blocked(void)
{
	if (current->signal.restore_blocked) {
		current->signal.blocked = current->signal.saved_blocked & ~UNBLOCKABLE;
		current->signal.restore_blocked = false;
	}
}

/* Build the frame on the user stack and point the registers at the
 * handler; false if the stack is unusable (the process then dies). */
static bool setup_frame(struct trap_frame *regs, int sig, const struct k_sigaction *action)
{
	uint64_t sp = regs->rsp - RED_ZONE;
	uint64_t fpstate = (sp - sizeof(struct fpu_state)) & ~63UL;
	uint64_t frame_addr = ((fpstate - sizeof(struct rt_sigframe)) & ~15UL) - 8;
	struct rt_sigframe frame;

	if (!(action->flags & SA_RESTORER))
		return false;   /* x86-64 has no kernel trampoline: libcs always set one */
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = action->restorer;
	frame.uc.uc_stack.ss_flags = SS_DISABLE;
	struct sigcontext *sc = &frame.uc.uc_mcontext;
	*sc = (struct sigcontext){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.rdi = regs->rdi, .rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rax = regs->rax, .rcx = regs->rcx, .rsp = regs->rsp,
		.rip = regs->rip, .eflags = regs->rflags, .cs = USER_CS, .ss = USER_DS,
		.err = regs->vector < NR_EXCEPTIONS ? regs->error_code : 0,
		.trapno = regs->vector < NR_EXCEPTIONS ? regs->vector : 0,
		.oldmask = old_blocked(), .fpstate = fpstate,
	};
	frame.uc.uc_sigmask = old_blocked();
	frame.info.si_signo = sig;
	if (regs->vector == X86_PF && (sig == SIGSEGV || sig == SIGBUS)) {
		frame.info.si_code = SEGV_MAPERR;
		frame.info.addr = sc->cr2 = read_cr2();
	} else {
		frame.info.si_code = SI_USER;
	}

	fpu_save(&current->fpu);
	if (copy_to_user((void __user *)fpstate, &current->fpu, sizeof(current->fpu)) ||
	    copy_to_user((void __user *)frame_addr, &frame, sizeof(frame)))
		return false;

	regs->rip = action->handler;
	regs->rsp = frame_addr;
	regs->rdi = sig;
	regs->rsi = frame_addr + __builtin_offsetof(struct rt_sigframe, info);
	regs->rdx = frame_addr + __builtin_offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rflags &= ~(0x100UL | 0x400UL);   /* TF, DF: the psABI's clean state */
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	return true;
}

static void handle_signal(struct trap_frame *regs, int sig, struct k_sigaction *action)
{
	restart_syscall(regs, action);
	if (!setup_frame(regs, sig, action)) {
		printk(KERN_INFO "%s[%d]: cannot deliver signal %d: bad stack or no restorer\n",
		       current->name, current->pid, sig);
		do_exit(SIGSEGV);
	}
	current->signal.restore_blocked = false;
	current->signal.blocked |= action->mask;
	if (!(action->flags & SA_NODEFER))
		current->signal.blocked |= SIGBIT(sig);
	current->signal.blocked &= ~UNBLOCKABLE;
	if (action->flags & SA_RESETHAND)
		action->handler = SIG_DFL;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct trap_frame *regs = current_user_regs();
	uint64_t frame_addr = regs->rsp - 8;    /* the handler's ret popped pretcode */
	struct rt_sigframe frame;

	if (copy_from_user(&frame, (void __user *)frame_addr, sizeof(frame)))
		goto bad;
	const struct sigcontext *sc = &frame.uc.uc_mcontext;
	if (sc->fpstate) {
		if (copy_from_user(&current->fpu, (void __user *)sc->fpstate, sizeof(current->fpu)))
			goto bad;
		/* MXCSR (bytes 24..27 of the image): a reserved bit set makes
		 * FXRSTOR fault (SDM 10.2.3); keep only the defined ones. */
		uint32_t *mxcsr = (uint32_t *)&current->fpu.fxsave_area[24];
		*mxcsr &= 0xffbf;
		fpu_restore(&current->fpu);
	}
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rcx = sc->rcx; regs->rsp = sc->rsp; regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~USER_RFLAGS) | (sc->eflags & USER_RFLAGS);
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->vector = 0;               /* no longer a system call to restart */
	current->signal.blocked = frame.uc.uc_sigmask & ~UNBLOCKABLE;
	/* The return value becomes rax: hand back the interrupted one. */
	return sc->rax;
bad:
	printk(KERN_INFO "%s[%d]: bad signal frame at %lx\n", current->name, current->pid,
	       frame_addr);
	do_exit(SIGSEGV);
}

static void do_signal(struct trap_frame *regs)
{
	int sig;

	while ((sig = dequeue_signal(current))) {
		struct k_sigaction *action = &current->signal.action[sig - 1];

		if (action->handler == SIG_IGN)
			continue;
		if (action->handler != SIG_DFL) {
			handle_signal(regs, sig, action);
			return;         /* one frame at a time */
		}
		switch (default_action(sig)) {
		case IGNORE:
			continue;
		case STOP:
			/* The terminal's stop signals do nothing to an orphaned
			 * group: no shell would ever continue it (POSIX). */
			if (sig != SIGSTOP && pgrp_orphaned(current->pgid))
				continue;
			do_signal_stop(sig);
			continue;
		case CORE:
			/* There is no core file; say what Linux's shell would. */
			printk(KERN_INFO "%s[%d]: killed by signal %d (core dump not supported)\n",
			       current->name, current->pid, sig);
			do_exit(sig);
		case TERMINATE:
			do_exit(sig);   /* the wait status of a signal death */
		}
	}
	/* Nothing was delivered: an interrupted call restarts (Linux restarts
	 * when no handler ran). */
	restore_saved_blocked();
	restart_syscall(regs, NULL);
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
	 * forces the default action then (force_sig); a handler runs. */
	struct k_sigaction *action = &current->signal.action[sig - 1];
	if ((current->signal.blocked & SIGBIT(sig)) || action->handler == SIG_IGN) {
		current->signal.blocked &= ~SIGBIT(sig);
		action->handler = SIG_DFL;
	}
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

/*
 * A signal from kill() and its kin: init (pid 1) only gets those it has a
 * handler for (Linux's SIGNAL_UNKILLABLE), so that no process ends the
 * run by signalling its process group or init itself.
 */
static void kill_task(struct task *task, int sig)
{
	if (task->pid == 1 && task->signal.action[sig - 1].handler == SIG_DFL)
		return;
	send_signal(task, sig);
}

/* Signal one process (every process is one thread here). */
static long signal_process(int pid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	struct task *target = find_process(pid);
	if (!target)
		return -ESRCH;
	int err = check_kill_permission(target);
	if (err || sig == 0)
		return err;
	/* Linux: a zombie (or a process on its way there) exists until it
	 * is reaped, so kill() succeeds, but there is nothing to deliver. */
	if (target->mm)
		kill_task(target, sig);
	return 0;
}

struct pgrp_kill {
	int pgid, sig;
	bool check_perm;
	bool found, sent;
	long err;
};

static void kill_member(struct task *task, void *arg)
{
	struct pgrp_kill *k = arg;

	if (task->pgid != k->pgid || !task_is_process(task))
		return;
	k->found = true;
	long err = k->check_perm ? check_kill_permission(task) : 0;
	if (err) {
		k->err = err;
		return;
	}
	k->sent = true;
	if (k->sig && task->mm)         /* not exiting, not a zombie */
		kill_task(task, k->sig);
}

/* Linux's __kill_pgrp_info: success if any member got it (a zombie counts),
 * else the last error. */
long kill_pgrp(int pgid, int sig, bool check_perm)
{
	struct pgrp_kill k = { .pgid = pgid, .sig = sig, .check_perm = check_perm };

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pgid <= 0)
		return -ESRCH;
	for_each_task(kill_member, &k);
	if (!k.found)
		return -ESRCH;
	return k.sent ? 0 : k.err;
}

/* kill(-1, sig): every process the caller may signal but itself and
 * init; ESRCH when there is none (POSIX, as Linux). */
static long signal_everyone(int sig)
{
	long result = -ESRCH;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	for (int pid = 2; pid < PID_MAX; pid++) {
		struct task *task = find_task(pid);

		if (!task || task == current || !task->mm)
			continue;
		if (check_kill_permission(task))
			continue;
		if (sig)
			send_signal(task, sig);
		result = 0;
	}
	return result;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	if (pid == -1)
		return signal_everyone(sig);
	if (pid == 0)
		return kill_pgrp(current->pgid, sig, true);
	if (pid < 0)
		return pid == INT32_MIN ? -ESRCH : kill_pgrp(-pid, sig, true);
	return signal_process(pid, sig);
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	return tid <= 0 ? -EINVAL : signal_process(tid, sig);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return tgid != tid ? -ESRCH : signal_process(tid, sig);
}

static struct wait_queue_head pause_wait = WAIT_QUEUE_HEAD_INIT(pause_wait);

/* Sleep until a signal: handled, it makes pause fail with EINTR. */
SYSCALL_DEFINE0(pause)
{
	wait_event_interruptible(pause_wait, false);
	return -ERESTARTNOHAND;
}

/* Wait for a signal with mask as the blocked set: -EINTR once a handler
 * ran, the old mask back when it returns. */
SYSCALL_DEFINE2(rt_sigsuspend, const uint64_t __user *, umask, size_t, sigsetsize)
{
	uint64_t mask;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->signal.saved_blocked = current->signal.blocked;
	current->signal.restore_blocked = true;
	current->signal.blocked = mask & ~UNBLOCKABLE;
	wait_event_interruptible(pause_wait, false);
	return -ERESTARTNOHAND;
}

/* The signals waiting because they are blocked. */
SYSCALL_DEFINE2(rt_sigpending, uint64_t __user *, uset, size_t, sigsetsize)
{
	uint64_t set = current->signal.pending & current->signal.blocked;

	if (sigsetsize > sizeof(uint64_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize);
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
	if (oldact && copy_to_user(oldact, &current->signal.action[sig - 1], sizeof(*oldact)))
		return -EFAULT;
	if (act)
		current->signal.action[sig - 1] = new;
	return 0;
}

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
