/*
 * KTAP version 1 writer (format in ktap.h).
 */
#include <stdarg.h>

#include "ktap.h"
#include "printk.h"
#include "string.h"

/*
 * Write one line: the indentation, the formatted text and "\n", built whole
 * in a buffer so that it reaches w->write in one call.
 */
__attribute__((format(printf, 2, 3)))
static void ktap_line(struct ktap_writer *w, const char *fmt, ...)
{
	char line[KTAP_LINE_MAX];
	size_t indent = 4 * w->depth, room, len;
	va_list ap;
	int n;

	/* Keep at least the byte for the newline. */
	if (indent > sizeof(line) - 1)
		indent = sizeof(line) - 1;
	memset(line, ' ', indent);

	/* vsnprintf ends what it writes with a NUL, which the newline then
	 * replaces: text of up to room - 1 bytes fits. */
	room = sizeof(line) - indent;
	va_start(ap, fmt);
	n = vsnprintf(line + indent, room, fmt, ap);
	va_end(ap);
	len = indent + ((size_t)n < room - 1 ? (size_t)n : room - 1);
	line[len++] = '\n';
	w->write(w->ctx, line, len);
}

void ktap_version(struct ktap_writer *w)
{
	ktap_line(w, "KTAP version 1");
}

void ktap_subtest(struct ktap_writer *w, const char *name)
{
	ktap_line(w, "# Subtest: %s", name);
}

void ktap_plan(struct ktap_writer *w, unsigned count)
{
	ktap_line(w, "1..%u", count);
}

void ktap_result(struct ktap_writer *w, bool ok, unsigned number,
		 const char *name, const char *directive)
{
	ktap_line(w, "%s %u %s%s%s", ok ? "ok" : "not ok", number, name,
		  directive ? " # " : "", directive ? directive : "");
}

void ktap_diag(struct ktap_writer *w, const char *fmt, ...)
{
	char text[KTAP_LINE_MAX];
	const char *line = text;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);

	/* A diagnostic line must start with '#', so each line gets its own;
	 * a final newline does not start another line. */
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		ktap_line(w, "# %.*s", (int)len, line);
		line += nl ? len + 1 : len;
	}
}
