/* Fake include/x86.h: the host test is the only thread, so the interrupt
 * "lock" is a no-op. Same guard as the real header. */
#ifndef X86_H
#define X86_H

#include <stdbool.h>

static inline bool irq_save(void)
{
	return false;
}

static inline void irq_restore(bool was_on)
{
	(void)was_on;
}

#endif
