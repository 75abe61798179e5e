/*
 * The in-kernel test runner (DESIGN.md section 7). Tests are struct ktest
 * descriptors that KTEST() places in the .ktests section; linker.ld brackets
 * it with __start_ktests/__stop_ktests. Suites run in link order, each as a
 * KTAP subtest; a test that fails an assertion or takes an unexpected
 * exception is ended through a longjmp and the run goes on.
 */
#include "ktest.h"
#include "boot.h"
#include "cmdline.h"
#include "console.h"
#include "ktap.h"
#include "panic.h"
#include "printk.h"
#include "random.h"
#include "trap.h"
#include "x86.h"

extern const struct ktest __start_ktests[], __stop_ktests[];

struct ktest_trap ktest_last_trap;

static struct {
	const struct ktest *test;       /* NULL between tests */
	bool failed;
	struct jmp_buf abort_jump;      /* ends the test */
	int expected_vector;            /* -1: no KEXPECT_TRAP armed */
	struct jmp_buf trap_jump;       /* back into KEXPECT_TRAP */
} running = { .expected_vector = -1 };

static void console_sink(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	console_write(s, len);
}

static struct ktap_writer out = { .write = console_sink };

bool ktest_running(void)
{
	return running.test != NULL;
}

static void vdiag(const char *fmt, va_list ap)
{
	char text[256];

	vsnprintf(text, sizeof(text), fmt, ap);
	ktap_diag(&out, "%s", text);
}

void ktest_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
}

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ktap_diag(&out, "%s:%d: %s", file, line, text);
	running.failed = true;
}

void ktest_abort(void)
{
	running.failed = true;
	kernel_longjmp(&running.abort_jump, 1);
}

struct jmp_buf *ktest_trap_arm(unsigned vector)
{
	running.expected_vector = vector;
	ktest_last_trap = (struct ktest_trap){ .vector = ~0u };
	return &running.trap_jump;
}

void ktest_trap_missed(const char *file, int line)
{
	ktest_fail(file, line, "expected %s (vector %d), but none was raised",
		   exception_name(running.expected_vector), running.expected_vector);
}

void ktest_trap_disarm(void)
{
	running.expected_vector = -1;
}

void ktest_handle_trap(struct trap_frame *frame)
{
	ktest_last_trap = (struct ktest_trap){
		.vector = frame->vector,
		.error_code = frame->error_code,
		.rip = frame->rip,
		.cr2 = frame->vector == X86_PF ? read_cr2() : 0,
	};
	if (running.expected_vector == (int)frame->vector) {
		running.expected_vector = -1;
		kernel_longjmp(&running.trap_jump, 1);
	}

	uint64_t offset = 0;
	const char *where = ksym_lookup(frame->rip, &offset);
	ktap_diag(&out, "unexpected %s (vector %lu, error code %#lx) at %s+%#lx (%#lx)%s",
		  exception_name(frame->vector), frame->vector, frame->error_code,
		  where ? where : "?", offset, frame->rip,
		  frame->vector == X86_PF ? ", see CR2 below" : "");
	if (running.expected_vector >= 0)
		ktap_diag(&out, "expected %s instead",
			  exception_name(running.expected_vector));
	dump_registers(frame);
	backtrace(frame->rip, frame->rbp);
	running.expected_vector = -1;
	ktest_abort();
}

/* Does one comma-separated entry of the selection pick this test? "all"
 * picks every suite but the runner's deliberately broken selftest ones; an
 * entry may be a suite, suite.test, or end in '*' to match a prefix. */
static bool entry_matches(const char *entry, size_t len, const struct ktest *t)
{
	char full[96];

	if (len == 3 && strncmp(entry, "all", 3) == 0)
		return strncmp(t->suite, "selftest", 8) != 0;
	if (len > 0 && entry[len - 1] == '*') {
		snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
		return strncmp(full, entry, len - 1) == 0;
	}
	if (strlen(t->suite) == len && strncmp(entry, t->suite, len) == 0)
		return true;
	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	return strlen(full) == len && strncmp(entry, full, len) == 0;
}

static bool selected(const char *selection, const struct ktest *t)
{
	for (const char *p = selection; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (entry_matches(p, len, t))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

/* The first descriptor of each suite, in link order, stands for it. */
static bool first_of_suite(const struct ktest *t, const char *selection)
{
	for (const struct ktest *u = __start_ktests; u < t; u++)
		if (strcmp(u->suite, t->suite) == 0 && selected(selection, u))
			return false;
	return true;
}

static bool run_one(const struct ktest *t)
{
	running.test = t;
	running.failed = false;
	running.expected_vector = -1;
	ktest_leak_snapshot();
	if (kernel_setjmp(&running.abort_jump) == 0)
		t->run();
	running.test = NULL;
	/* A test that failed may well have skipped its clean-up. */
	if (!running.failed && !ktest_leak_check())
		running.failed = true;
	return !running.failed;
}

static unsigned run_suite(const char *suite, const char *selection,
			  unsigned *passed, unsigned *failed)
{
	unsigned count = 0, number = 0, suite_failures = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		if (strcmp(t->suite, suite) == 0 && selected(selection, t))
			count++;

	out.depth = 1;
	/* KUnit's order: version, subtest name, plan. */
	ktap_version(&out);
	ktap_subtest(&out, suite);
	ktap_plan(&out, count);
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (strcmp(t->suite, suite) != 0 || !selected(selection, t))
			continue;
		bool ok = run_one(t);
		ktap_result(&out, ok, ++number, t->name, NULL);
		if (ok) {
			(*passed)++;
		} else {
			(*failed)++;
			suite_failures++;
		}
	}
	out.depth = 0;
	return suite_failures;
}

/* The whole run's numbering and counts: kernel suites, then the user
 * suites init reports, then the kernel's check of what they left. */
static unsigned suite_number, tests_passed, tests_failed, suites_failed;

unsigned ktest_count_suites(const char *selection)
{
	unsigned suites = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		if (selected(selection, t) && first_of_suite(t, selection))
			suites++;
	return suites;
}

void ktest_begin(unsigned total_suites)
{
	out.depth = 0;
	ktap_version(&out);
	ktap_plan(&out, total_suites);
	/* seed=N on the command line replays this run's random choices. */
	ktap_diag(&out, "seed: %lu", (unsigned long)random_seed());
}

void ktest_run_kernel(const char *selection)
{
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!selected(selection, t) || !first_of_suite(t, selection))
			continue;
		unsigned failures = run_suite(t->suite, selection, &tests_passed, &tests_failed);
		ktest_report_suite(failures == 0, t->suite);
	}
}

void ktest_report_suite(bool ok, const char *name)
{
	out.depth = 0;
	ktap_result(&out, ok, ++suite_number, name, NULL);
	if (!ok)
		suites_failed++;
}

void ktest_note_failure(const char *fmt, ...)
{
	va_list ap;

	out.depth = 0;
	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
	suites_failed++;
}

void ktest_suites_reported_elsewhere(unsigned count)
{
	suite_number += count;
}

unsigned ktest_suites_reported(void)
{
	return suite_number;
}

void ktest_end(void)
{
	/* nonce=X on the command line (a grading run) marks this log. */
	const char *nonce = cmdline_get(&boot_cmdline, "nonce");

	ktap_diag(&out, "ktest: %u of %u suites failed; kernel tests: %u passed, %u failed%s%s",
		  suites_failed, suite_number, tests_passed, tests_failed,
		  nonce ? "; nonce: " : "", nonce ? nonce : "");
	qemu_exit(suites_failed ? QEMU_EXIT_FAILED : QEMU_EXIT_PASSED);
}

bool ktest_selects(const char *selection, const char *suite)
{
	struct ktest probe = { .suite = suite, .name = "" };

	return selected(selection, &probe);
}

bool ktest_selects_test(const char *selection, const char *suite, const char *name)
{
	struct ktest probe = { .suite = suite, .name = name };

	return selected(selection, &probe);
}
