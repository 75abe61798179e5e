/*
 * Cutting a line into pipelines (POSIX 2.3 token recognition, 2.9 the
 * grammar, cut down): words, the operators | ; & && || and newline, and the
 * redirections < > >> N< N> N>> N>&M N<&M. A word keeps its quotes and
 * backslashes: expand.c removes them when the command runs.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sh.h"

enum token { T_WORD, T_PIPE, T_SEP, T_AMP, T_AND, T_OR, T_REDIR, T_END };

struct token_value {
	const char *word;       /* T_WORD */
	struct redir redir;     /* T_REDIR: all but the file name */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end an unquoted word. */
static bool ends_word(char c)
{
	return c == '\0' || is_blank(c) || strchr("\n;&|<>", c);
}

/*
 * Past the quoted or escaped part starting at s (a quote or a backslash),
 * or NULL if its closing quote is missing. Inside "...", a backslash
 * still escapes the next character.
 */
static const char *skip_quoted(const char *s)
{
	char quote = *s++;

	if (quote == '\\')
		return *s ? s + 1 : s;
	for (; *s != quote; s++) {
		if (!*s)
			return NULL;
		if (quote == '"' && *s == '\\' && s[1])
			s++;
	}
	return s + 1;
}

static const char *skip_comment(const char *s)
{
	return s + strcspn(s, "\n");
}

bool line_incomplete(const char *s)
{
	bool word_start = true;

	while (*s) {
		if (word_start && *s == '#') {
			s = skip_comment(s);
			continue;
		}
		word_start = ends_word(*s);
		if (*s == '\\' && (s[1] == '\n' || !s[1]) && !s[s[1] ? 2 : 1])
			return true;    /* a backslash ends the line */
		if (*s == '\'' || *s == '"' || *s == '\\') {
			s = skip_quoted(s);
			if (!s)
				return true;
			continue;
		}
		s++;
	}
	return false;
}

/* Copies the word at *s into *arena (NUL-terminated); moves both on. */
static const char *scan_word(const char **s, char **arena)
{
	const char *p = *s, *word = *arena;

	while (!ends_word(*p)) {
		const char *end = p + 1;

		if (*p == '\'' || *p == '"' || *p == '\\')
			end = skip_quoted(p);   /* not NULL: the line is complete */
		memcpy(*arena, p, (size_t)(end - p));
		*arena += end - p;
		p = end;
	}
	*(*arena)++ = '\0';
	*s = p;
	return word;
}

/* A redirection operator at p, after the fd (if any) was read. */
static const char *scan_redir(const char *p, int fd, struct redir *r)
{
	bool in = *p++ == '<';

	r->fd = fd >= 0 ? fd : !in;
	r->kind = in ? REDIR_IN : REDIR_OUT;
	if (!in && *p == '>') {
		r->kind = REDIR_APPEND;
		p++;
	} else if (*p == '&' && isdigit((unsigned char)p[1])) {
		r->kind = REDIR_DUP;
		r->from = 0;
		for (p++; isdigit((unsigned char)*p); p++)
			r->from = r->from * 10 + (*p - '0');
	}
	return p;
}

static enum token next_token(const char **s, char **arena, struct token_value *v)
{
	const char *p = *s;

	/* A backslash before a newline joins the lines: a blank, here. */
	while (is_blank(*p) || (p[0] == '\\' && p[1] == '\n'))
		p += is_blank(*p) ? 1 : 2;
	if (*p == '#')
		p = skip_comment(p);
	*s = p + 1;
	switch (*p) {
	case '\0':
		*s = p;
		return T_END;
	case '\n':
	case ';':
		return T_SEP;
	case '&':
	case '|':
		if (p[1] == *p) {
			*s = p + 2;
			return *p == '&' ? T_AND : T_OR;
		}
		return *p == '&' ? T_AMP : T_PIPE;
	case '<':
	case '>':
		*s = scan_redir(p, -1, &v->redir);
		return T_REDIR;
	}
	/* Digits right before < or > name the descriptor. */
	const char *q = p;
	int fd = 0;

	while (isdigit((unsigned char)*q) && fd < 1000)
		fd = fd * 10 + (*q++ - '0');
	if (q > p && (*q == '<' || *q == '>')) {
		*s = scan_redir(q, fd, &v->redir);
		return T_REDIR;
	}
	*s = p;
	v->word = scan_word(s, arena);
	return T_WORD;
}

static int syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near '%s'\n", near);
	return -1;
}

static const char *token_name(enum token t)
{
	static const char *const names[] = {
		[T_WORD] = "word", [T_PIPE] = "|", [T_SEP] = ";",
		[T_AMP] = "&", [T_AND] = "&&", [T_OR] = "||",
		[T_REDIR] = "redirection", [T_END] = "end of line",
	};
	return names[t];
}

/* Adds what v holds to cmd (a file name follows a redirection). */
static int add_to_command(struct command *cmd, enum token t, struct token_value *v,
			  const char **s, char **arena)
{
	if (t == T_WORD) {
		if (cmd->nwords == SH_MAX_WORDS)
			return syntax_error("too many words");
		cmd->words[cmd->nwords++] = v->word;
		return 0;
	}
	if (cmd->nredirs == SH_MAX_REDIRS)
		return syntax_error("too many redirections");
	if (v->redir.kind != REDIR_DUP) {
		struct token_value file;
		enum token ft = next_token(s, arena, &file);

		if (ft != T_WORD)
			return syntax_error(token_name(ft));
		v->redir.word = file.word;
	}
	cmd->redirs[cmd->nredirs++] = v->redir;
	return 0;
}

static bool command_empty(const struct command *cmd)
{
	return cmd->nwords == 0 && cmd->nredirs == 0;
}

int parse_pipeline(const char **s, struct pipeline *pl, char *arena)
{
	struct command *cmd = &pl->cmds[0];
	struct token_value v;
	const char *end;
	enum token t;

	pl->ncmds = 1;
	pl->background = false;
	cmd->nwords = cmd->nredirs = 0;
	/* Blank lines and comments before the pipeline. */
	for (;;) {
		while (is_blank(**s))
			(*s)++;
		pl->text = *s;
		end = *s;
		t = next_token(s, &arena, &v);
		if (t != T_SEP || *end == ';')
			break;
	}
	if (t == T_END)
		return 0;
	for (;; t = next_token(s, &arena, &v)) {
		if (t == T_WORD || t == T_REDIR) {
			if (add_to_command(cmd, t, &v, s, &arena) < 0)
				return -1;
			end = *s;
			continue;
		}
		if (command_empty(cmd))
			return syntax_error(token_name(t));
		if (t != T_PIPE)
			break;
		if (pl->ncmds == SH_MAX_CMDS)
			return syntax_error("too many commands");
		cmd = &pl->cmds[pl->ncmds++];
		cmd->nwords = cmd->nredirs = 0;
	}
	pl->background = t == T_AMP;
	pl->then = t == T_AND ? THEN_IF_SUCCESS : t == T_OR ? THEN_IF_FAILURE : THEN_ALWAYS;
	pl->text_len = (int)(end - pl->text);
	return 1;
}
