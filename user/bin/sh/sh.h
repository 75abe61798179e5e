/*
 * The shell's parts (user/bin/sh.c runs commands; sh/parse.c cuts a line
 * into pipelines; sh/expand.c expands words and keeps the variables).
 *
 * A line is parsed first and expanded later, command by command, just
 * before each runs: so "X=1; echo $X" sees the new X. Between the two
 * steps a word is kept raw, quotes and all.
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>

#define SH_LINE_MAX   8192      /* a line with its continuations */
#define SH_MAX_WORDS  64        /* words of one command */
#define SH_MAX_REDIRS 8         /* redirections of one command */
#define SH_MAX_CMDS   16        /* commands of one pipeline */

enum redir_kind {
	REDIR_IN,               /* N<file   (N = 0 by default) */
	REDIR_OUT,              /* N>file   (N = 1 by default) */
	REDIR_APPEND,           /* N>>file */
	REDIR_DUP,              /* N>&M, N<&M: N becomes a copy of M */
};

struct redir {
	enum redir_kind kind;
	int fd;
	int from;               /* REDIR_DUP: M */
	const char *word;       /* the others: the file name, raw */
};

struct command {
	const char *words[SH_MAX_WORDS];        /* raw, assignments first */
	int nwords;
	struct redir redirs[SH_MAX_REDIRS];
	int nredirs;
};

/* What the pipeline's status decides about the next one (&&, ||). */
enum then { THEN_ALWAYS, THEN_IF_SUCCESS, THEN_IF_FAILURE };

struct pipeline {
	struct command cmds[SH_MAX_CMDS];
	int ncmds;
	bool background;        /* ended by '&' */
	enum then then;         /* ended by && or || */
	const char *text;       /* its source, for the job list */
	int text_len;
};

/* ---- parse.c ---- */

/* Whether line needs another one: an open quote or a final backslash. */
bool line_incomplete(const char *line);
/*
 * The next pipeline from *s on, raw words copied into arena (at least
 * twice the line's length): 1 with *s moved past it, 0 at the line's end,
 * -1 on a syntax error (reported; the rest of the line is to be skipped).
 */
int parse_pipeline(const char **s, struct pipeline *pl, char *arena);

/* ---- expand.c ---- */

/* What $? $! $0 $1... expand to. */
extern int last_status;
extern int last_background;     /* the pid of the last background job's last command */
extern int shell_argc;
extern char **shell_argv;

/* Reset the space expansions are written to (before each pipeline). */
void expand_reset(void);
/*
 * Expand raw: quotes removed, $VAR ${VAR} $? $! $$ $# $0-$9 and a leading ~
 * replaced. With split, unquoted expansions are cut at blanks into more
 * fields (POSIX field splitting). Fields are stored at fields[*n...]:
 * false if there is no room (reported).
 */
bool expand_word(const char *raw, bool split, char **fields, int *n, int max);
/* The single field of raw (a file name, an assignment's value), or NULL. */
char *expand_one(const char *raw);
/* raw is NAME=value with a valid NAME, unquoted. */
bool is_assignment(const char *raw);

/* Variables: the shell's own, and the environment (exported ones). */
const char *var_get(const char *name);
/* Set NAME=value ("NAME=value" given whole); exported ones stay so. */
bool var_assign(const char *assignment, bool export);
bool var_export(const char *name);
void var_unset(const char *name);

#endif
