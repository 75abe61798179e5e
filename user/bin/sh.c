/*
 * sh: a small POSIX-like shell.
 *
 *	sh                      commands from stdin ("$ " prompt on a terminal)
 *	sh SCRIPT [ARGS...]     commands from a file; $0 is SCRIPT, $1... ARGS
 *	sh -c TEXT [NAME ARGS...]
 *	sh -i ...               interactive even when stdin is no terminal
 *
 * It has quoting ('...', "...", \), variables ($VAR, ${VAR}, $?, $!, $$,
 * $#, $0-$9, ~), pipelines of any length (a | b | c), lists (a; b,
 * a && b, a || b), background jobs (a &), redirections (< > >> N>&M),
 * comments and the builtins cd, exit, export, unset, jobs, fg, bg and wait.
 *
 * Job control, when the shell is interactive on its controlling terminal:
 * each pipeline runs in a process group of its own (setpgid in the shell
 * and in the child, whichever runs first), the foreground one gets the
 * terminal (tcsetpgrp) and the shell takes it back when the job ends or
 * stops. So ^C and ^Z reach the job and never the shell, which ignores
 * SIGTSTP, SIGTTIN, SIGTTOU and SIGQUIT and catches SIGINT only to drop
 * the line being typed. A stopped job shows as Stopped in `jobs`; fg and
 * bg continue it (SIGCONT to its group). Without job control (a script,
 * or input that is no terminal) everything runs in the shell's group, and
 * ^C is kept from the shell by ignoring SIGINT: a foreground command gets
 * it back at its default, a background one keeps ignoring it, as POSIX
 * says for asynchronous lists then.
 *
 * How a pipeline runs: one pipe between each two neighbours, one fork per
 * command; each child moves its pipe ends onto 0 and 1 with dup2, closes
 * the originals (or the reader would never see end of file), applies its
 * redirections and execs; the shell closes its copies and waits for all
 * of them. sh/parse.c cuts the line into pipelines; sh/expand.c expands
 * the words just before each pipeline runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh/sh.h"

/* POSIX: the program declares it. */
extern char **environ;

#define MAX_JOBS 32
#define JOB_TEXT 80

/* A pipeline's processes: a background job, or the foreground one. */
struct job {
	int id;                 /* [N]; 0: a free slot */
	pid_t pgid;             /* its process group (job control), or 0 */
	pid_t pids[SH_MAX_CMDS];  /* 0 once reaped */
	bool stopped[SH_MAX_CMDS];
	int npids, running;     /* started, not yet reaped */
	int nstopped;           /* of the running ones */
	bool notify;            /* stopped since the last report */
	int status;             /* the last command's, as $? shows it */
	char text[JOB_TEXT];
};

/* A command with its words expanded. */
struct expanded {
	char *assigns[SH_MAX_WORDS];
	int nassigns;
	char *argv[SH_MAX_WORDS + 1];
	int argc;
	char *files[SH_MAX_REDIRS];     /* redirection targets */
};

static struct job jobs[MAX_JOBS], foreground;
static struct expanded expanded[SH_MAX_CMDS];
static bool interactive;
/* Job control: on, the shell's own group, and the one it started in. */
static bool job_control;
static pid_t shell_pgid, original_pgid;
/* ^C at the prompt (the SIGINT handler's note). */
static volatile sig_atomic_t interrupted;

static int exit_status(int wstatus)
{
	if (WIFSTOPPED(wstatus))
		return 128 + WSTOPSIG(wstatus);
	return WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : WEXITSTATUS(wstatus);
}

/* ---- jobs ------------------------------------------------------------- */

/* Every process of the job that is left is stopped. */
static bool job_is_stopped(const struct job *job)
{
	return job->running > 0 && job->nstopped == job->running;
}

/* What waitpid said of pid, if it is one of job's: ended, stopped or
 * continued. */
static void job_reaped(struct job *job, pid_t pid, int wstatus)
{
	for (int i = 0; i < job->npids; i++) {
		if (job->pids[i] != pid)
			continue;
		if (WIFSTOPPED(wstatus) || WIFCONTINUED(wstatus)) {
			bool stop = WIFSTOPPED(wstatus);

			if (job->stopped[i] != stop)
				job->nstopped += stop ? 1 : -1;
			job->stopped[i] = stop;
			if (stop && job_is_stopped(job)) {
				job->notify = true;
				job->status = exit_status(wstatus);
			}
			continue;
		}
		if (job->stopped[i])
			job->nstopped--;
		job->stopped[i] = false;
		job->pids[i] = 0;
		job->running--;
		if (i == job->npids - 1)
			job->status = exit_status(wstatus);
	}
}

/* Sends sig to every process of the job: to its group, or one by one. */
static void job_signal(struct job *job, int sig)
{
	if (job->pgid) {
		kill(-job->pgid, sig);
		return;
	}
	for (int i = 0; i < job->npids; i++)
		if (job->pids[i])
			kill(job->pids[i], sig);
}

/* Collect one child that ended, stopped or continued (waiting for one if
 * block): false when there is none. */
static bool reap_one(bool block)
{
	int options = (block ? 0 : WNOHANG) | WUNTRACED | WCONTINUED;
	int wstatus;
	pid_t pid;

	do
		pid = waitpid(-1, &wstatus, options);
	while (pid < 0 && errno == EINTR);
	if (pid <= 0)
		return false;
	job_reaped(&foreground, pid, wstatus);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id)
			job_reaped(&jobs[i], pid, wstatus);
	return true;
}

/* Until the job has ended, or stopped. */
static void wait_job(struct job *job)
{
	while (job->running && !job_is_stopped(job) && reap_one(true))
		;
}

/* A free slot with the next job number, or NULL. */
static struct job *job_slot(void)
{
	struct job *free_slot = NULL;
	int id = 1;

	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].id >= id)
			id = jobs[i].id + 1;
		else if (!jobs[i].id && !free_slot)
			free_slot = &jobs[i];
	}
	/* Full: forget a finished job nobody asked about. */
	for (int i = 0; !free_slot && i < MAX_JOBS; i++)
		if (!jobs[i].running)
			free_slot = &jobs[i];
	if (free_slot)
		*free_slot = (struct job){ .id = id };
	return free_slot;
}

static struct job *job_add(const struct pipeline *pl)
{
	struct job *job = job_slot();

	if (job)
		snprintf(job->text, JOB_TEXT, "%.*s", pl->text_len, pl->text);
	return job;
}

/* "%N" or "N", or the latest job when spec is NULL. */
static struct job *job_find(const char *spec)
{
	struct job *found = NULL;
	int id = spec ? atoi(spec + (spec[0] == '%')) : 0;

	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && (jobs[i].id == id || (!spec && (!found || jobs[i].id > found->id))))
			found = &jobs[i];
	return found;
}

static void job_print(struct job *job)
{
	char state[16] = "Running";

	if (job_is_stopped(job))
		strcpy(state, "Stopped");
	else if (!job->running && job->status)
		snprintf(state, sizeof(state), "Exit %d", job->status);
	else if (!job->running)
		strcpy(state, "Done");
	printf("[%d] %-8s %s\n", job->id, state, job->text);
}

/* Lists the jobs by number; the finished ones are then forgotten. Only
 * finished and newly stopped ones if done_only (the notices before a
 * prompt). */
static void jobs_report(bool done_only)
{
	for (int last = 0;;) {
		struct job *next = NULL;

		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id > last && (!next || jobs[i].id < next->id))
				next = &jobs[i];
		if (!next)
			break;
		last = next->id;
		if (done_only && next->running && !(next->notify && job_is_stopped(next)))
			continue;
		next->notify = false;
		job_print(next);
		if (!next->running)
			next->id = 0;
	}
	fflush(stdout);
}

/* ---- the terminal ------------------------------------------------------- */

/* Give the terminal to group pgid (the shell ignores SIGTTOU, so it may
 * even from the background). */
static void give_terminal_to(pid_t pgid)
{
	if (job_control)
		tcsetpgrp(0, pgid);
}

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void set_signal(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;        /* no SA_RESTART: read ends with EINTR */
	sigaction(sig, &sa, NULL);
}

/* The job control signals the shell ignores, back to their defaults in
 * a child that is about to run a command. */
static const int job_signals[] = { SIGTSTP, SIGTTIN, SIGTTOU, SIGQUIT };

static void restore_terminal(void)
{
	give_terminal_to(original_pgid);
}

/*
 * An interactive shell on its controlling terminal takes job control: a
 * group of its own, the terminal for it. Not when another group has the
 * terminal (it was started in the background): then it runs as a shell
 * without job control.
 */
static void init_job_control(void)
{
	pid_t fg = tcgetpgrp(0);

	original_pgid = getpgrp();
	if (fg < 0 || (fg != original_pgid && kill(-fg, 0) == 0))
		return;
	for (size_t i = 0; i < sizeof(job_signals) / sizeof(job_signals[0]); i++)
		signal(job_signals[i], SIG_IGN);
	set_signal(SIGINT, on_sigint);
	setpgid(0, 0);          /* EPERM for a session leader: it has one */
	shell_pgid = getpgrp();
	job_control = true;
	give_terminal_to(shell_pgid);
	atexit(restore_terminal);
}

/* A job that was in the foreground has ended or stopped: the terminal
 * back to the shell, and a word about it. */
static void foreground_done(struct job *job)
{
	give_terminal_to(shell_pgid);
	if (job_is_stopped(job)) {
		struct job *slot = job->id ? job : job_slot();

		if (!slot) {
			/* No room to keep it: it cannot be left stopped. */
			job_signal(job, SIGKILL);
			job_signal(job, SIGCONT);
			wait_job(job);
			return;
		}
		if (slot != job) {
			int id = slot->id;

			*slot = *job;
			slot->id = id;
		}
		slot->notify = false;
		if (job_control)
			printf("\n");  /* after the "^Z" */
		job_print(slot);
		fflush(stdout);
	} else if (job_control && job->status == 128 + SIGINT) {
		/* ^C left the cursor after "^C". */
		printf("\n");
		fflush(stdout);
	}
}

/* ---- redirections ------------------------------------------------------- */

/* What restore_redirs leaves alone: apply_redirs stopped before it. */
#define UNTOUCHED (-2)

/*
 * Applies cmd's redirections; with saved, remembers what each descriptor
 * was (a copy, or -1 if closed) so that restore_redirs can put it back
 * (a builtin runs in the shell itself). False on an error (reported).
 */
static bool apply_redirs(const struct command *cmd, const struct expanded *e, int *saved)
{
	static const int flags[] = {
		[REDIR_IN] = O_RDONLY,
		[REDIR_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[REDIR_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};

	for (int i = 0; saved && i < cmd->nredirs; i++)
		saved[i] = UNTOUCHED;
	for (int i = 0; i < cmd->nredirs; i++) {
		const struct redir *r = &cmd->redirs[i];
		int fd = r->from;

		if (saved)
			saved[i] = fcntl(r->fd, F_DUPFD_CLOEXEC, 10);
		if (r->kind != REDIR_DUP) {
			fd = open(e->files[i], flags[r->kind], 0666);
			if (fd < 0) {
				fprintf(stderr, "sh: %s: %s\n", e->files[i], strerror(errno));
				return false;
			}
		}
		if (fd != r->fd && dup2(fd, r->fd) < 0) {
			fprintf(stderr, "sh: %d: %s\n", r->kind == REDIR_DUP ? fd : r->fd,
				strerror(errno));
			if (r->kind != REDIR_DUP)
				close(fd);
			return false;
		}
		if (r->kind != REDIR_DUP && fd != r->fd)
			close(fd);
	}
	return true;
}

/* Undoes what apply_redirs did, the last redirection first. */
static void restore_redirs(const struct command *cmd, const int *saved)
{
	fflush(stdout);
	for (int n = cmd->nredirs; n-- > 0;) {
		if (saved[n] == UNTOUCHED)
			continue;
		if (saved[n] >= 0) {
			dup2(saved[n], cmd->redirs[n].fd);
			close(saved[n]);
		} else {
			close(cmd->redirs[n].fd);
		}
	}
}

/* ---- builtins ----------------------------------------------------------- */

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	exit(argc > 1 ? atoi(argv[1]) : last_status);
}

static int builtin_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		for (char **e = environ; *e; e++)
			printf("export %s\n", *e);
	for (int i = 1; i < argc; i++) {
		bool ok = strchr(argv[i], '=') ? is_assignment(argv[i]) && var_assign(argv[i], true)
					       : var_export(argv[i]);
		if (!ok) {
			fprintf(stderr, "sh: export: %s: bad variable name\n", argv[i]);
			status = 1;
		}
	}
	return status;
}

static int builtin_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		var_unset(argv[i]);
	return 0;
}

static int builtin_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	while (reap_one(false))
		;
	jobs_report(false);
	return 0;
}

/* Continue a stopped job (SIGCONT to all of it). */
static void job_continue(struct job *job)
{
	if (job->nstopped) {
		job_signal(job, SIGCONT);
		memset(job->stopped, 0, sizeof(job->stopped));
		job->nstopped = 0;
	}
	job->notify = false;
}

/* fg [%N]: the job in the foreground, continued if stopped, waited for. */
static int builtin_fg(int argc, char **argv)
{
	struct job *job = job_find(argc > 1 ? argv[1] : NULL);
	int status;

	if (!job) {
		fprintf(stderr, "sh: fg: no such job\n");
		return 1;
	}
	printf("%s\n", job->text);
	fflush(stdout);
	if (job->pgid)
		give_terminal_to(job->pgid);
	job_continue(job);
	wait_job(job);
	foreground_done(job);
	status = job->status;
	if (!job_is_stopped(job))
		job->id = 0;
	return status;
}

/* bg [%N]: a stopped job continues in the background. */
static int builtin_bg(int argc, char **argv)
{
	struct job *job = job_find(argc > 1 ? argv[1] : NULL);

	if (!job) {
		fprintf(stderr, "sh: bg: no such job\n");
		return 1;
	}
	if (!job_is_stopped(job)) {
		fprintf(stderr, "sh: bg: job %d already in background\n", job->id);
		return 0;
	}
	job_continue(job);
	printf("[%d] %s &\n", job->id, job->text);
	fflush(stdout);
	return 0;
}

/* wait: for every job (status 0), or for one (its status), to end or
 * stop. */
static int builtin_wait(int argc, char **argv)
{
	struct job *job = argc > 1 ? job_find(argv[1]) : NULL;
	int status = 0;

	if (argc > 1 && !job) {
		fprintf(stderr, "sh: wait: %s: no such job\n", argv[1]);
		return 127;
	}
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].id || (job && job != &jobs[i]))
			continue;
		wait_job(&jobs[i]);
		status = job ? jobs[i].status : 0;
		/* A stopped job is not over: it stays for fg and bg. */
		if (!job_is_stopped(&jobs[i]))
			jobs[i].id = 0;
	}
	return status;
}

static const struct builtin {
	const char *name;
	int (*fn)(int argc, char **argv);
} builtins[] = {
	{ "cd", builtin_cd }, { "exit", builtin_exit }, { "export", builtin_export },
	{ "unset", builtin_unset }, { "jobs", builtin_jobs }, { "fg", builtin_fg },
	{ "bg", builtin_bg }, { "wait", builtin_wait },
};

static const struct builtin *find_builtin(const char *name)
{
	for (size_t i = 0; name && i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(name, builtins[i].name) == 0)
			return &builtins[i];
	return NULL;
}

/* ---- running commands ------------------------------------------------- */

static bool expand_command(const struct command *cmd, struct expanded *e)
{
	int i = 0;

	e->nassigns = e->argc = 0;
	for (; i < cmd->nwords && is_assignment(cmd->words[i]); i++)
		if (!(e->assigns[e->nassigns++] = expand_one(cmd->words[i])))
			return false;
	for (; i < cmd->nwords; i++)
		if (!expand_word(cmd->words[i], true, e->argv, &e->argc, SH_MAX_WORDS))
			return false;
	e->argv[e->argc] = NULL;
	for (i = 0; i < cmd->nredirs; i++)
		if (cmd->redirs[i].kind != REDIR_DUP && !(e->files[i] = expand_one(cmd->redirs[i].word)))
			return false;
	return true;
}

/* A command with no program, or a builtin, alone in the foreground: it
 * runs in the shell, since it is there for the shell's own state. */
static int run_in_shell(const struct command *cmd, struct expanded *e)
{
	const struct builtin *b = find_builtin(e->argv[0]);
	int saved[SH_MAX_REDIRS], status = 1;
	bool ok = apply_redirs(cmd, e, saved);

	if (ok && b) {
		status = b->fn(e->argc, e->argv);
	} else if (ok) {
		status = 0;
		for (int i = 0; i < e->nassigns; i++)
			if (!var_assign(e->assigns[i], false))
				status = 1;
	}
	restore_redirs(cmd, saved);
	return status;
}

/* In the child: stdin from in, stdout to out (-1: unchanged); pgid is
 * the job's group (0: this child starts it) under job control. */
static _Noreturn void run_child(const struct command *cmd, struct expanded *e,
				int in, int out, bool background, pid_t pgid)
{
	const struct builtin *b;

	if (job_control) {
		/* The shell does the same: whichever comes first. The terminal
		 * is still the shell's stdin here. */
		setpgid(0, pgid);
		if (!background)
			tcsetpgrp(0, pgid ? pgid : getpid());
		for (size_t i = 0; i < sizeof(job_signals) / sizeof(job_signals[0]); i++)
			signal(job_signals[i], SIG_DFL);
		signal(SIGINT, SIG_DFL);
	} else {
		signal(SIGINT, background ? SIG_IGN : SIG_DFL);
	}
	if (in >= 0) {
		dup2(in, 0);
		close(in);
	}
	if (out >= 0) {
		dup2(out, 1);
		close(out);
	}
	if (!apply_redirs(cmd, e, NULL))
		exit(1);
	for (int i = 0; i < e->nassigns; i++)
		var_assign(e->assigns[i], true);
	if (e->argc == 0)
		exit(0);
	b = find_builtin(e->argv[0]);
	if (b)
		exit(b->fn(e->argc, e->argv));
	execvp(e->argv[0], e->argv);
	fprintf(stderr, "sh: %s: %s\n", e->argv[0],
		errno == ENOENT ? "not found" : strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* Forks the pipeline's commands into job, connected by pipes. */
static void start_pipeline(const struct pipeline *pl, struct job *job)
{
	int in = -1;

	fflush(stdout);
	for (int i = 0; i < pl->ncmds; i++) {
		int p[2] = { -1, -1 };
		pid_t pid;

		/* Close-on-exec: a command must hold only its own ends. */
		if (i < pl->ncmds - 1 && pipe2(p, O_CLOEXEC) < 0) {
			perror("sh: pipe");
			break;
		}
		pid = fork();
		if (pid == 0) {
			if (p[0] >= 0)
				close(p[0]);
			run_child(&pl->cmds[i], &expanded[i], in, p[1], pl->background, job->pgid);
		}
		if (pid > 0 && job_control) {
			if (!job->pgid)
				job->pgid = pid;
			setpgid(pid, job->pgid);
			if (!pl->background)
				give_terminal_to(job->pgid);
		}
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
		if (pid < 0) {
			perror("sh: fork");
			break;
		}
		job->pids[job->npids++] = pid;
		job->running++;
	}
	if (in >= 0)
		close(in);
}

static void run_pipeline(const struct pipeline *pl)
{
	struct job *job = &foreground;

	expand_reset();
	for (int i = 0; i < pl->ncmds; i++) {
		if (!expand_command(&pl->cmds[i], &expanded[i])) {
			last_status = 1;
			return;
		}
	}
	if (pl->ncmds == 1 && !pl->background &&
	    (expanded[0].argc == 0 || find_builtin(expanded[0].argv[0]))) {
		last_status = run_in_shell(&pl->cmds[0], &expanded[0]);
		return;
	}
	if (pl->background)
		job = job_add(pl);
	else
		foreground = (struct job){ 0 };
	snprintf(job ? job->text : foreground.text, JOB_TEXT, "%.*s", pl->text_len, pl->text);
	if (!job) {
		fprintf(stderr, "sh: too many jobs\n");
		last_status = 1;
		return;
	}
	start_pipeline(pl, job);
	if (pl->background) {
		last_background = job->npids ? job->pids[job->npids - 1] : 0;
		fprintf(stderr, "[%d] %d\n", job->id, last_background);
		last_status = 0;
		return;
	}
	wait_job(job);
	foreground_done(job);
	last_status = job->npids == pl->ncmds ? job->status : 1;
}

/*
 * Runs every pipeline of text (one line, or -c's whole string). After
 * "a && b" or "a || b", b runs or not by a's status; a skipped pipeline
 * leaves the status alone, so that "false && x || y" runs y.
 */
static void run_text(const char *text)
{
	static char arena[2 * SH_LINE_MAX];
	static struct pipeline pl;
	bool skip = false;
	int r;

	if (strlen(text) >= SH_LINE_MAX) {
		fprintf(stderr, "sh: line too long\n");
		last_status = 2;
		return;
	}
	pl.then = THEN_ALWAYS;
	while ((r = parse_pipeline(&text, &pl, arena)) != 0) {
		if (r < 0) {
			last_status = 2;
			return;
		}
		if (!skip)
			run_pipeline(&pl);
		skip = (pl.then == THEN_IF_SUCCESS && last_status != 0) ||
		       (pl.then == THEN_IF_FAILURE && last_status == 0);
	}
	if (pl.then != THEN_ALWAYS) {
		fprintf(stderr, "sh: syntax error near end of line\n");
		last_status = 2;
	}
}

/* ---- input -------------------------------------------------------------- */

/* What read_line returns when ^C interrupted the line. */
#define INTERRUPTED ((size_t)-1)

/*
 * Appends one line (up to and with its newline) from fd to buf, which
 * holds len bytes: the bytes read, 0 at end of input, INTERRUPTED after
 * ^C (the terminal has thrown the line away). One byte at a time: a
 * command run next must find the rest of the input still unread.
 */
static size_t read_line(int fd, char *buf, size_t len, size_t size)
{
	size_t start = len;
	ssize_t n;
	char c;

	while ((n = read(fd, &c, 1)) != 0) {
		if (n < 0) {
			if (errno == EINTR && interrupted) {
				interrupted = 0;
				buf[start] = '\0';
				return INTERRUPTED;
			}
			if (errno == EINTR)
				continue;
			break;
		}
		if (len < size - 1)
			buf[len++] = c;
		if (c == '\n')
			break;
	}
	buf[len] = '\0';
	return len - start;
}

static void prompt(const char *text)
{
	if (interactive) {
		fputs(text, stderr);
		fflush(stderr);
	}
}

static void run_input(int fd)
{
	/* One byte more than a line may have: run_text refuses a longer one. */
	static char line[SH_LINE_MAX + 1];

	for (;;) {
		size_t len;

		if (interactive) {
			while (reap_one(false))
				;
			jobs_report(true);
		}
		prompt("$ ");
		len = read_line(fd, line, 0, sizeof(line));
		if (len == INTERRUPTED) {
			prompt("\n");
			continue;
		}
		if (len == 0)
			break;
		while (line_incomplete(line)) {
			size_t more;

			prompt("> ");
			more = read_line(fd, line, len, sizeof(line));
			if (more == 0 || more == INTERRUPTED) {
				len = more;
				break;
			}
			len += more;
		}
		if (len == INTERRUPTED) {
			prompt("\n");
			continue;
		}
		run_text(line);
		/* Background jobs that ended become no zombies. */
		while (reap_one(false))
			;
	}
	if (interactive)
		fputs("\n", stderr);
}

int main(int argc, char **argv)
{
	int arg = 1, fd = 0;
	const char *command = NULL;

	signal(SIGINT, SIG_IGN);
	if (arg < argc && strcmp(argv[arg], "-i") == 0) {
		interactive = true;
		arg++;
	}
	if (arg < argc && strcmp(argv[arg], "-c") == 0) {
		if (++arg == argc) {
			fprintf(stderr, "sh: -c needs a command\n");
			return 2;
		}
		command = argv[arg++];
	}
	/* $0 is the script (or -c's name), then its arguments. */
	shell_argv = arg < argc ? argv + arg : argv;
	shell_argc = arg < argc ? argc - arg : 1;
	if (command) {
		run_text(command);
		return last_status;
	}
	if (arg < argc) {
		fd = open(argv[arg], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[arg], strerror(errno));
			return 127;
		}
	}
	interactive = interactive || (fd == 0 && isatty(0));
	if (interactive && fd == 0)
		init_job_control();
	run_input(fd);
	return last_status;
}
