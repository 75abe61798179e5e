/* panic(): the one way the kernel gives up. */
#include "panic.h"
#include "printk.h"
#include "x86.h"
#include "layout.h"

static bool panicking;

static bool kernel_text_address(uint64_t addr)
{
	return addr >= (uint64_t)_text_start && addr < (uint64_t)_text_end;
}

/*
 * A return address may point just past its function (a call to a noreturn
 * function ends it), so it is looked up one byte earlier.
 */
static void print_frame(uint64_t rip, bool return_address)
{
	uint64_t offset;
	const char *name = ksym_lookup(rip - return_address, &offset);

	if (name)
		printk(KERN_EMERG "  [<%016lx>] %s+0x%lx\n", rip, name,
		       offset + return_address);
	else
		printk(KERN_EMERG "  [<%016lx>] ?\n", rip);
}

/*
 * Walk the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer): each frame holds the caller's rbp at [rbp]
 * and the return address at [rbp + 8]. boot/entry.asm starts the chain
 * with rbp = 0. The walk stops at anything that does not look like a
 * kernel stack frame, so a corrupt chain cannot fault here.
 */
void backtrace(uint64_t rip, uint64_t rbp)
{
	printk(KERN_EMERG "Call Trace:\n");
	print_frame(rip, false);
	for (int depth = 0; depth < 32 && rbp; depth++) {
		if (rbp & 7 || rbp < DIRECT_MAP_BASE)
			break;
		uint64_t *frame = (uint64_t *)rbp;
		uint64_t ret = frame[1];

		if (!kernel_text_address(ret))
			break;
		print_frame(ret, true);
		if (frame[0] <= rbp)    /* stacks grow down: callers sit higher */
			break;
		rbp = frame[0];
	}
}

void panic(const char *fmt, ...)
{
	char message[256];
	va_list ap;

	local_irq_disable();
	if (panicking) {
		/* A panic while panicking: do not recurse, just stop. */
		qemu_exit(QEMU_EXIT_PANIC);
	}
	panicking = true;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", message);
	backtrace((uint64_t)panic, (uint64_t)__builtin_frame_address(0));
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	qemu_exit(QEMU_EXIT_PANIC);
}
