/* Where every interrupt and exception lands (from kernel/trap_entry.asm). */
#include "trap.h"
#include "cpu.h"
#include "ktest.h"
#include "paging.h"
#include "process.h"
#include "uaccess.h"
#include "vm.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "x86.h"

extern irq_handler_t irq_handlers[NR_VECTORS];

static const char *const exception_names[NR_EXCEPTIONS] = {
	[X86_DE] = "divide error",
	[X86_DB] = "debug",
	[X86_NMI] = "non-maskable interrupt",
	[X86_BP] = "breakpoint",
	[X86_OF] = "overflow",
	[X86_BR] = "bound range exceeded",
	[X86_UD] = "invalid opcode",
	[X86_NM] = "device not available",
	[X86_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[X86_TS] = "invalid TSS",
	[X86_NP] = "segment not present",
	[X86_SS] = "stack-segment fault",
	[X86_GP] = "general protection fault",
	[X86_PF] = "page fault",
	[X86_MF] = "x87 floating-point error",
	[X86_AC] = "alignment check",
	[X86_MC] = "machine check",
	[X86_XM] = "SIMD floating-point exception",
	[X86_VE] = "virtualization exception",
	[X86_CP] = "control protection exception",
};

const char *exception_name(unsigned vector)
{
	if (vector < NR_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	return vector < NR_EXCEPTIONS ? "reserved exception" : "interrupt";
}

void dump_registers(const struct trap_frame *f)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx RFLAGS: %08lx\n", f->cs, f->rip, f->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx CR2: %016lx\n", f->ss, f->rsp, read_cr2());
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", f->rax, f->rbx, f->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", f->rdx, f->rsi, f->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", f->rbp, f->r8, f->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", f->r10, f->r11, f->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", f->r13, f->r14, f->r15);
	printk(KERN_EMERG "CR0: %016lx CR3: %016lx CR4: %016lx\n", read_cr0(), read_cr3(), read_cr4());
}

void die(struct trap_frame *frame, const char *why)
{
	local_irq_disable();
	printk(KERN_EMERG "%s: %s (vector %lu) error code %#lx\n", why,
	       exception_name(frame->vector), frame->vector, frame->error_code);
	dump_registers(frame);
	backtrace(frame->rip, frame->rbp);
	panic("%s: %s in kernel mode at %#lx", why, exception_name(frame->vector),
	      frame->rip);
}

/* A page fault on a user address: demand paging or COW (0), or the
 * signal a bad access earns. */
static int user_page_fault(struct trap_frame *frame)
{
	uint64_t addr = read_cr2();

	if (addr >= USER_SPACE_END || !current || !current->mm)
		return SIGSEGV;
	int sig = handle_mm_fault(current->mm, addr, frame->error_code);
	if (!sig)
		current->min_flt++;
	return sig;
}

static void exception(struct trap_frame *frame)
{
	if (trap_from_user(frame)) {
		int sig = frame->vector == X86_PF ? user_page_fault(frame) : -1;

		if (sig)
			user_exception(frame, sig);
		return;
	}
	/* The kernel touching user memory for a system call: bring the page
	 * in, or resume at the copy routine's fixup (-EFAULT). */
	if (frame->vector == X86_PF) {
		uint64_t fixup;

		if (!user_page_fault(frame))
			return;
		if ((fixup = search_exception_table(frame->rip))) {
			frame->rip = fixup;
			return;
		}
	}
	/* A push into a stack's guard page faults, and so does delivering
	 * that #PF on the same stack: the CPU raises #DF with CR2 still
	 * holding the guard address (SDM 6.15, interrupt 8). */
	if (frame->vector == X86_DF && kernel_stack_guard_hit(read_cr2()))
		die(frame, "kernel stack overflow");
	if (!trap_from_user(frame) && ktest_running() && frame->vector != X86_DF &&
	    frame->vector != X86_NMI && frame->vector != X86_MC)
		ktest_handle_trap(frame);       /* does not return */
	die(frame, trap_from_user(frame) ? "unhandled user exception" : "oops");
}

void trap_dispatch(struct trap_frame *frame)
{
	if (frame->vector < NR_EXCEPTIONS) {
		exception(frame);
	} else {
		irq_handler_t handler = irq_handlers[frame->vector];

		if (!handler)
			panic("interrupt on vector %#lx with no handler", frame->vector);
		handler(frame);
	}
	/* A tick or a wake-up may have made another task due: this is where
	 * the current one is preempted (the handler has sent its EOI). */
	if (trap_from_user(frame))
		exit_to_user_mode(frame);
	else if (frame->vector >= NR_EXCEPTIONS)
		preempt_schedule_irq();
}
