/*
 * In-kernel benchmarks: KBENCH(name, unit) { ... return value; } registers
 * a function in the .kbenches section; `kbench=all` or `kbench=name,...`
 * on the command line runs them and prints one line each, `name value
 * unit`; then init runs the user-space benchmarks (/bin/kbench) and the
 * machine powers off (make bench). Timing is for benchmarks only, never
 * for tests.
 */
#ifndef KBENCH_H
#define KBENCH_H

#include <stdint.h>

struct kbench {
	const char *name;
	const char *unit;
	uint64_t (*run)(void);
};

#define KBENCH(name, unit)                                                  \
	static uint64_t kbench_##name(void);                                \
	static const struct kbench kbench_desc_##name                       \
		__attribute__((used, section(".kbenches"), aligned(8))) = { \
			#name, unit, kbench_##name };                       \
	static uint64_t kbench_##name(void)

void kbench_run(const char *selection);

#endif
