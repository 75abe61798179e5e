/* kmain: from boot/entry.asm's jump to the higher half to a running kernel. */
#include "acpi.h"
#include "apic.h"
#include "boot.h"
#include "clock.h"
#include "console.h"
#include "cpu.h"
#include "fs.h"
#include "kbench.h"
#include "mm.h"
#include "process.h"
#include "random.h"
#include "string.h"
#include "syscall.h"
#include "uapi/stat.h"
#include "vm.h"
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
static uint64_t kmain_stack_top;
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

/* Test mode: init runs one user suite per program in /tests, or per
 * program the selection names (ktest=user.fork,user.msg). */
static bool user_test_mode;
static unsigned user_suites;
#define MAX_NAMED_USER_TESTS 32

static unsigned count_user_test_programs(const char *selection, const char **names,
					 unsigned *named)
{
	int err;
	struct inode *dir = path_lookup("/tests", &err), *entry;
	bool all = ktest_selects(selection, "user");
	unsigned count = 0;

	*named = 0;
	if (!dir || !path_lookup("/bin/init", &err))
		return 0;
	list_for_each_entry(entry, &dir->children, sibling) {
		if (!S_ISREG(entry->mode))
			continue;
		if (all) {
			count++;
		} else if (ktest_selects_test(selection, "user", entry->name) &&
			   *named < MAX_NAMED_USER_TESTS) {
			names[(*named)++] = entry->name;
			count++;
		}
	}
	return count;
}

/*
 * Become /bin/init (pid 1): this task execs it in place, as Linux's boot
 * thread does. init's arguments: "--test FIRST" in test mode, "--run PATH
 * ARGS..." for init=PATH (the bare words after it on the command line).
 */
static void start_init(const char *const *argv, unsigned argc)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin", "TERM=linux" };

	/* init leads process group and session 1, whose controlling
	 * terminal is the console (kernel/tty.c). */
	current->pgid = current->sid = current->pid;
	current->files = files_alloc_console();
	BUG_ON(!current->files);
	int err = do_execve("/bin/init", argv, argc, envp, 3);
	if (err)
		panic("cannot run /bin/init (%d): is the initrd there?", err);
	enter_user_mode();
}

static void run_init(void)
{
	const char *argv[CMDLINE_MAX_ARGS + 3] = { "/bin/init" };
	unsigned argc = 1;
	bool after_init = false;

	for (unsigned i = 0; i < boot_cmdline.count; i++) {
		const struct cmdline_arg *arg = &boot_cmdline.args[i];

		if (strcmp(arg->key, "init") == 0 && arg->value) {
			argv[argc++] = "--run";
			argv[argc++] = arg->value;
			after_init = true;
		} else if (after_init && !arg->value) {
			argv[argc++] = arg->key;
		}
	}
	start_init(argv, argc);
}

void init_exited(int status)
{
	if (user_test_mode) {
		/* Every user process is gone: what they used must be back. */
		bool clean = ktest_leak_check();

		ktest_suites_reported_elsewhere(user_suites);
		if (status != 0)
			ktest_note_failure("init exited with status %#x", status);

		ktest_report_suite(clean, "user_leak_check");
		ktest_end();
	}
	/* A shell would say: the exit code, or 128 + the signal. */
	int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
	pr_info("init exited with status %d: powering off\n", code);
	qemu_exit(QEMU_EXIT_INIT_BASE + (code < 63 ? code : 63));
}

static void run_tests(const char *selection)
{
	const char *argv[3 + MAX_NAMED_USER_TESTS] = { "/bin/init", "--test" };
	unsigned named;

	user_suites = count_user_test_programs(selection, argv + 3, &named);

	ktest_begin(ktest_count_suites(selection) + (user_suites ? user_suites + 1 : 0));
	ktest_run_kernel(selection);
	if (!user_suites)
		ktest_end();

	char first[16];
	snprintf(first, sizeof(first), "%u", ktest_suites_reported() + 1);
	argv[2] = first;
	user_test_mode = true;
	ktest_leak_snapshot();
	start_init(argv, 3 + named);
}

/* The rest of the boot, on a kernel stack with a guard page below it. */
static void kmain_late(void)
{
	if (acpi_init(boot_info.rsdp, boot_info.rsdp_size) != 0)
		panic("no usable ACPI tables: the kernel needs the MADT to find the APICs");
	apic_init();
	clock_calibrate();
	random_init();
	sched_init(kmain_stack_top);
	timer_init();
	serial_enable_rx_irq();
	keyboard_init();
	syscall_init();
	vm_init();
	files_init();
	tty_init();
	if (boot_info.module_count) {
		const struct boot_module *initrd = &boot_info.modules[0];

		if (initrd_init(phys_to_virt(initrd->start), initrd->end - initrd->start))
			pr_err("initrd: damaged archive; the files before the damage are there\n");
		/* initrd_init copied every file into the page cache: the
		 * module's own frames go to the buddy allocator. */
		buddy_add_free_range((initrd->start + PAGE_SIZE - 1) >> PAGE_SHIFT,
				     initrd->end >> PAGE_SHIFT);
	}
	local_irq_enable();

	print_banner();

	const char *selection = cmdline_get(&boot_cmdline, "ktest");
	if (selection)
		run_tests(selection[0] ? selection : "all");
	selection = cmdline_get(&boot_cmdline, "kbench");
	if (selection) {
		static const char *const argv[] = { "/bin/init", "--run", "/bin/kbench" };

		kbench_run(selection[0] ? selection : "all");
		start_init(argv, 3);
	}
	run_init();
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
	fpu_init();
	mem_init();

	kmain_stack_top = kernel_stack_alloc();
	BUG_ON(!kmain_stack_top);
	/* The top of the stack is kept for the user registers of the
	 * process this task becomes (init): see start_init. */
	call_on_stack(kmain_stack_top - sizeof(struct trap_frame), kmain_late);
}
