/*
 * Word expansion (POSIX 2.6, cut down: tilde, parameters and field
 * splitting, then quote removal; no command substitution, arithmetic or
 * globbing) and the shell's variables.
 *
 * A variable is either the shell's own or in the environment: exported
 * ones live in environ, where execve passes them on, and nowhere else.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define EXPAND_SPACE (64 * 1024)
#define MAX_VARS     64

int last_status;
int last_background;
int shell_argc;
char **shell_argv;

/* ---- the fields' space ---------------------------------------------- */

static char space[EXPAND_SPACE];
static size_t used;
static bool overflow;

void expand_reset(void)
{
	used = 0;
	overflow = false;
}

static void put(char c)
{
	if (used < sizeof(space))
		space[used++] = c;
	else
		overflow = true;
}

/* The field being built, and where finished ones go. */
struct fields {
	char **v;
	int *n, max;
	size_t start;           /* in space */
	bool have;              /* even an empty field exists once quoted */
	bool split;
};

static void field_end(struct fields *f)
{
	if (f->have) {
		put('\0');
		if (*f->n < f->max)
			f->v[*f->n] = space + f->start;
		++*f->n;
	} else {
		used = f->start;
	}
	f->start = used;
	f->have = false;
}

/* An expansion's value: cut at blanks unless quoted (or not splitting). */
static void put_value(struct fields *f, const char *value, bool quoted)
{
	if (quoted)
		f->have = true;
	for (; *value; value++) {
		if (!quoted && f->split && strchr(" \t\n", *value)) {
			field_end(f);
			continue;
		}
		put(*value);
		f->have = true;
	}
}

/* ---- parameters --------------------------------------------------------- */

static bool name_char(char c, bool first)
{
	return c == '_' || isalpha((unsigned char)c) || (!first && isdigit((unsigned char)c));
}

/* The value of the parameter named at *p (just after a '$'), *p moved
 * past its name; NULL if no name follows (the '$' is then literal). */
static const char *parameter(const char **p, char num[16])
{
	const char *s = *p;
	char name[256];
	size_t len = 0;
	bool braced = *s == '{';

	s += braced;
	if (*s && strchr("?!$#", *s)) {
		int value = *s == '?' ? last_status : *s == '!' ? last_background
			  : *s == '$' ? getpid() : shell_argc - 1;

		snprintf(num, 16, "%d", value);
		name[len++] = *s++;
	} else if (isdigit((unsigned char)*s)) {
		name[len++] = *s++;
	} else {
		while (name_char(*s, len == 0) && len < sizeof(name) - 1)
			name[len++] = *s++;
	}
	if (len == 0 || (braced && *s++ != '}'))
		return NULL;
	name[len] = '\0';
	*p = s;
	if (strchr("?!$#", name[0]))
		return num;
	if (isdigit((unsigned char)name[0]))
		return name[0] - '0' < shell_argc ? shell_argv[name[0] - '0'] : "";
	const char *value = var_get(name);
	return value ? value : "";
}

/* *p is at a '$': expands what it introduces. */
static void expand_dollar(struct fields *f, const char **p, bool quoted)
{
	char num[16];
	const char *after = *p + 1, *value = parameter(&after, num);

	if (!value) {
		put('$');
		f->have = true;
		(*p)++;
		return;
	}
	*p = after;
	put_value(f, value, quoted);
}

/* Inside "...": a backslash only escapes these; before a newline it
 * joins lines. */
static void expand_double_quoted(struct fields *f, const char **p)
{
	const char *s = *p + 1;

	f->have = true;
	while (*s && *s != '"') {
		if (*s == '\\' && s[1] && strchr("$`\"\\\n", s[1])) {
			if (s[1] != '\n')
				put(s[1]);
			s += 2;
		} else if (*s == '$') {
			expand_dollar(f, &s, true);
		} else {
			put(*s++);
		}
	}
	*p = *s ? s + 1 : s;
}

bool expand_word(const char *raw, bool split, char **v, int *n, int max)
{
	struct fields f = { v, n, max, used, false, split };
	const char *p = raw;
	const char *home = var_get("HOME");

	if (p[0] == '~' && (p[1] == '/' || !p[1]) && home) {
		put_value(&f, home, true);
		p++;
	}
	while (*p) {
		switch (*p) {
		case '\'':
			f.have = true;
			for (p++; *p && *p != '\''; p++)
				put(*p);
			p += *p != '\0';
			break;
		case '"':
			expand_double_quoted(&f, &p);
			break;
		case '\\':
			if (p[1] != '\n') {
				f.have = true;
				if (p[1])
					put(p[1]);
			}
			p += p[1] ? 2 : 1;
			break;
		case '$':
			expand_dollar(&f, &p, false);
			break;
		default:
			put(*p++);
			f.have = true;
		}
	}
	field_end(&f);
	if (overflow || *n > max) {
		fprintf(stderr, "sh: %s\n", overflow ? "expansion too long" : "too many arguments");
		return false;
	}
	return true;
}

char *expand_one(const char *raw)
{
	char *field[1];
	int n = 0;

	if (!expand_word(raw, false, field, &n, 1))
		return NULL;
	return n ? field[0] : "";
}

bool is_assignment(const char *raw)
{
	const char *p = raw;

	while (name_char(*p, p == raw))
		p++;
	return p > raw && *p == '=';
}

/* ---- variables ---------------------------------------------------------- */

/* The shell's own (not exported) variables: "NAME=value" strings. */
static char *vars[MAX_VARS];

static char **var_find(const char *name, size_t len)
{
	for (int i = 0; i < MAX_VARS; i++)
		if (vars[i] && strncmp(vars[i], name, len) == 0 && vars[i][len] == '=')
			return &vars[i];
	return NULL;
}

const char *var_get(const char *name)
{
	char **v = var_find(name, strlen(name));

	return v ? *v + strlen(name) + 1 : getenv(name);
}

static void var_drop(const char *name, size_t len)
{
	char **v = var_find(name, len);

	if (v) {
		free(*v);
		*v = NULL;
	}
}

bool var_assign(const char *assignment, bool export)
{
	size_t len = strcspn(assignment, "=");
	char name[len + 1], **slot;

	memcpy(name, assignment, len);
	name[len] = '\0';
	if (export || getenv(name)) {
		var_drop(name, len);
		return setenv(name, assignment + len + 1, 1) == 0;
	}
	slot = var_find(name, len);
	for (int i = 0; !slot && i < MAX_VARS; i++)
		if (!vars[i])
			slot = &vars[i];
	if (!slot) {
		fprintf(stderr, "sh: too many variables\n");
		return false;
	}
	free(*slot);
	*slot = strdup(assignment);
	return *slot != NULL;
}

bool var_export(const char *name)
{
	char **v = var_find(name, strlen(name));

	if (!v)
		return true;    /* exported already, or unset: nothing to pass on */
	char *assignment = *v;
	*v = NULL;
	bool ok = var_assign(assignment, true);
	free(assignment);
	return ok;
}

void var_unset(const char *name)
{
	var_drop(name, strlen(name));
	unsetenv(name);
}
