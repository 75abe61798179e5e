/* kmain: from boot/entry.asm's jump to the higher half to a running kernel. */
#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "clock.h"
#include "console.h"
#include "cpu.h"
#include "kbench.h"
#include "ktest.h"
#include "layout.h"
#include "paging.h"
#include "panic.h"
#include "percpu.h"
#include "printk.h"
#include "sched.h"
#include "timer.h"
#include "uapi/errno.h"
#include "trap.h"
#include "x86.h"

struct boot_info boot_info;
uint64_t boot_info_phys;
struct cmdline boot_cmdline;

/* The boot information may be anywhere GRUB put it, below 4 GiB. */
#define MB2_INFO_MAX_SIZE (64 * 1024)

static void parse_boot_info(uint64_t mb2_info_phys)
{
	boot_info_phys = mb2_info_phys;
	int err = mb2_parse(phys_to_virt(mb2_info_phys), MB2_INFO_MAX_SIZE, &boot_info);

	if (err)
		panic("multiboot2 information at %#lx is malformed (%d)",
		      mb2_info_phys, err);
	err = cmdline_parse(&boot_cmdline, boot_info.cmdline);
	if (err)
		pr_warn("command line: %s, some of it is ignored\n",
			err == -E2BIG ? "too long" : "unterminated quote");

	const char *level = cmdline_get(&boot_cmdline, "loglevel");
	if (level) {
		int n = printk_parse_level(level);

		if (n < 0)
			pr_warn("loglevel=%s: not a level (0-7 or emerg..debug)\n", level);
		else
			printk_set_level(n);
	}
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

static void print_banner(void)
{
	uint64_t tsc_hz = clock_tsc_hz(), lapic_hz = clock_lapic_timer_hz();

	pr_info("teaching kernel %s (x86-64), booted by %s\n", KERNEL_VERSION,
		boot_info.loader_name[0] ? boot_info.loader_name : "an unnamed loader");
	mem_report();
	pr_info("cpu: %s, %s\n", boot_cpu.vendor, skip_spaces(boot_cpu.model));
	pr_info("lapic timer: %lu.%03lu MHz, tsc: %lu.%03lu MHz, tick %d Hz\n",
		lapic_hz / 1000000, lapic_hz / 1000 % 1000,
		tsc_hz / 1000000, tsc_hz / 1000 % 1000, HZ);
	pr_info("command line: %s\n", boot_info.cmdline);
}

/* The rest of the boot, on a kernel stack with a guard page below it. */
static void kmain_late(void)
{
	if (acpi_init(boot_info.rsdp, boot_info.rsdp_size) != 0)
		panic("no usable ACPI tables: the kernel needs the MADT to find the APICs");
	apic_init();
	clock_calibrate();
	sched_init();
	timer_init();
	serial_enable_rx_irq();
	local_irq_enable();

	print_banner();

	const char *selection = cmdline_get(&boot_cmdline, "ktest");
	if (selection)
		ktest_main(selection[0] ? selection : "all");
	selection = cmdline_get(&boot_cmdline, "kbench");
	if (selection)
		kbench_main(selection[0] ? selection : "all");

	pr_info("nothing to run: idle (Ctrl-A X quits QEMU)\n");
	for (;;)
		halt();
}

void kmain(uint64_t mb2_info_phys)
{
	serial_init();
	vga_init();
	gdt_init();
	percpu_init(0);
	idt_init();
	parse_boot_info(mb2_info_phys);
	cpu_identify();
	mem_init();

	uint64_t stack = kernel_stack_alloc();
	BUG_ON(!stack);
	call_on_stack(stack, kmain_late);
}
