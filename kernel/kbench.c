/* Runs the KBENCH functions (include/kbench.h). */
#include "kbench.h"
#include "console.h"
#include "panic.h"
#include "printk.h"
#include "string.h"

extern const struct kbench __start_kbenches[], __stop_kbenches[];

/* "all", or a comma-separated list of names or name prefixes ending in '*'. */
static bool selected(const char *selection, const char *name)
{
	for (const char *p = selection; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if ((len == 3 && strncmp(p, "all", 3) == 0) ||
		    (len > 0 && p[len - 1] == '*' && strncmp(name, p, len - 1) == 0) ||
		    (strlen(name) == len && strncmp(name, p, len) == 0))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

void kbench_run(const char *selection)
{
	char line[128];

	for (const struct kbench *b = __start_kbenches; b < __stop_kbenches; b++) {
		if (!selected(selection, b->name))
			continue;
		int n = snprintf(line, sizeof(line), "%s %lu %s\n", b->name,
				 (unsigned long)b->run(), b->unit);
		console_write(line, n);
	}
}
