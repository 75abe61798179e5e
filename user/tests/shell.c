/*
 * The shell (user/bin/sh) and the utilities it runs, from the outside:
 * each case writes a script into a pipe on sh's stdin and compares what
 * comes out of two others (stdout and stderr) and the exit status with
 * the expected ones.
 *
 * Only our own /bin/sh is under test: on Linux, where /bin/sh is another
 * shell and there is no /tests/data (the initrd's test fixtures), the
 * program reports itself skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define SH "/bin/sh"

static char out[32 * 1024], err[32 * 1024];
static int status;      /* sh's exit status, or -1 if it did not exit */

/* All of fd's data, as a string, into buf. */
static void slurp(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
}

/*
 * Runs sh ARGS... with script on its stdin: returns its stdout (out);
 * err gets its stderr, status its exit status. stdout is read to its
 * end first, so a script must not write 64 KiB to stderr.
 */
static const char *run(const char *script, char *const *args)
{
	char *argv[8] = { "sh" };
	int in[2], o[2], e[2], wstatus;
	pid_t pid;

	for (int i = 0; args && args[i] && i < 6; i++)
		argv[1 + i] = args[i];
	status = -1;
	out[0] = err[0] = '\0';
	if (pipe(in) < 0 || pipe(o) < 0 || pipe(e) < 0)
		return "(no pipe)";
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(in[0]);
		close(in[1]);
		close(o[0]);
		close(o[1]);
		close(e[0]);
		close(e[1]);
		execv(SH, argv);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	/* Scripts are far below the pipe's 64 KiB: this write cannot block. */
	write(in[1], script, strlen(script));
	close(in[1]);
	slurp(o[0], out, sizeof(out));
	slurp(e[0], err, sizeof(err));
	if (pid > 0 && waitpid(pid, &wstatus, 0) == pid && WIFEXITED(wstatus))
		status = WEXITSTATUS(wstatus);
	return out;
}

static const char *sh(const char *script)
{
	return run(script, NULL);
}

/* ---- the shell ------------------------------------------------------------ */

TEST(pipelines_of_three_and_more)
{
	EXPECT_STREQ(sh("echo a b c | cat | wc -w\n"), "3\n");
	EXPECT_STREQ(sh("echo hello | cat | cat | cat | cat | cat | wc -c\n"), "6\n");
	EXPECT_STREQ(sh("yes | head -n 1000 | grep -c y\n"), "1000\n");
	/* head leaves early: yes dies of SIGPIPE, the pipeline still ends. */
	EXPECT_STREQ(sh("yes | head -c 1000000 | wc -c\n"), "1000000\n");
	EXPECT_EQ(status, 0);
}

TEST(status_of_commands_and_pipelines)
{
	EXPECT_STREQ(sh("false; echo $?; true; echo $?\n"), "1\n0\n");
	EXPECT_STREQ(sh("true | false; echo $?; false | true; echo $?\n"), "1\n0\n");
	EXPECT_STREQ(sh("no-such-command; echo $?\n"), "127\n");
	EXPECT_STREQ(err, "sh: no-such-command: not found\n");
	EXPECT_STREQ(sh("false && echo no; true && echo yes\n"), "yes\n");
	EXPECT_STREQ(sh("false || echo yes; false && echo no || echo last\n"), "yes\nlast\n");
	sh("exit 7\necho not reached\n");
	EXPECT_EQ(status, 7);
	sh("false\n");
	EXPECT_EQ(status, 1);
}

TEST(quoting)
{
	EXPECT_STREQ(sh("X=1; echo 'single $X' \"double $X\" back\\ slash \"q\\\"uote\"\n"),
		     "single $X double 1 back slash q\"uote\n");
	EXPECT_STREQ(sh("echo a'b'\"c\"\\d \"\" '' | wc -w\n"), "1\n");
	EXPECT_STREQ(sh("echo it\\'s \"$\" \\$X\n"), "it's $ $X\n");
	EXPECT_STREQ(sh("echo \"two\nlines\" joined\\\ntogether\n"), "two\nlines joinedtogether\n");
}

TEST(variables_and_export)
{
	EXPECT_STREQ(sh("X=value; echo $X ${X}s \"<$X>\"; echo $UNSET.\n"),
		     "value values <value>\n.\n");
	/* Field splitting of unquoted expansions only. */
	EXPECT_STREQ(sh("Y='a  b c'; echo $Y | wc -w; echo \"$Y\"\n"), "3\na  b c\n");
	EXPECT_STREQ(sh("X=1; env | grep -c X=1; export X; env | grep X=1\n"), "0\nX=1\n");
	EXPECT_STREQ(sh("export A=2 B=3; env | grep A=2; env | grep B=3; unset A; env | grep -c A=2\n"),
		     "A=2\nB=3\n0\n");
	EXPECT_STREQ(sh("Z=only-here env | grep Z=only; echo \"[$Z]\"\n"), "Z=only-here\n[]\n");
	EXPECT_STREQ(sh("echo $HOME ~ ~/x\n"), "/ / //x\n");
}

TEST(comments_and_lists)
{
	EXPECT_STREQ(sh("# a comment\necho a # another\n\n   \necho b; echo c;\n"), "a\nb\nc\n");
	EXPECT_STREQ(sh("echo '#' not#a#comment\n"), "# not#a#comment\n");
}

TEST(syntax_errors_skip_the_line)
{
	EXPECT_STREQ(sh("echo a | | b; echo skipped\necho $?\n"), "2\n");
	EXPECT_STREQ(err, "sh: syntax error near '|'\n");
	EXPECT_STREQ(sh("; echo x\necho y &&\n"), "y\n");
	EXPECT_STREQ(err, "sh: syntax error near ';'\nsh: syntax error near end of line\n");
}

TEST(redirections)
{
	EXPECT_STREQ(sh("wc -c < /tests/data/not_elf.txt\n"), "16\n");
	EXPECT_STREQ(sh("grep -c ELF </tests/data/not_elf.txt\n"), "1\n");
	EXPECT_STREQ(sh("cat 0< /tests/data/not_elf.txt | wc -w\n"), "4\n");
	/* stderr into the pipe, or not. */
	EXPECT_STREQ(sh("ls /no-such-dir 2>&1 | wc -l\n"), "1\n");
	EXPECT_STREQ(sh("ls /no-such-dir | wc -l\n"), "0\n");
	EXPECT_STREQ(err, "ls: /no-such-dir: No such file or directory\n");
	/* stdout onto stderr: nothing for the pipe. */
	EXPECT_STREQ(sh("echo to-stderr 1>&2 | wc -c\n"), "0\n");
	EXPECT_STREQ(err, "to-stderr\n");
	/* Left to right: 2>&1 copies stdout as it is then, the pipe. */
	EXPECT_STREQ(sh("ls /no-such-dir 2>&1 1>&2 | wc -l\n"), "1\n");
	/* The initrd is read-only: > and >> fail, and say why. */
	EXPECT_STREQ(sh("echo x > /tests/data/not_elf.txt; echo $?\n"), "1\n");
	EXPECT_STREQ(err, "sh: /tests/data/not_elf.txt: Read-only file system\n");
	EXPECT_STREQ(sh("echo x >> /tests/new-file; echo $?\n"), "1\n");
	EXPECT_STREQ(err, "sh: /tests/new-file: Read-only file system\n");
	EXPECT_STREQ(sh("echo x > /no-such-dir/f; echo $?\n"), "1\n");
	EXPECT_STREQ(err, "sh: /no-such-dir/f: No such file or directory\n");
	/* A builtin's redirections are undone after it. */
	EXPECT_STREQ(sh("jobs > /tests/data/not_elf.txt; echo still-here\n"), "still-here\n");
}

TEST(background_jobs_and_wait)
{
	EXPECT_STREQ(sh("sleep 0.1 & echo started; wait; echo done\n"), "started\ndone\n");
	EXPECT_EQ(strncmp(err, "[1] ", 4), 0);
	EXPECT_STREQ(sh("echo from-bg & wait\necho after\n"), "from-bg\nafter\n");
	EXPECT_STREQ(sh("sleep 1 & jobs; kill $!; wait %1; echo $?; jobs\n"),
		     "[1] Running  sleep 1\n143\n");
	EXPECT_STREQ(sh("sh -c 'exit 3' & fg; echo $?\n"), "sh -c 'exit 3'\n3\n");
	EXPECT_STREQ(sh("true & false & wait; jobs; echo $?\n"), "0\n");
	EXPECT_STREQ(sh("fg\n"), "");
	EXPECT_STREQ(err, "sh: fg: no such job\n");
	EXPECT_EQ(status, 1);
	EXPECT_STREQ(sh("bg\n"), "");
	EXPECT_STREQ(err, "sh: bg: no such job\n");
	/* A job stopped from outside: jobs says so, bg continues it. */
	EXPECT_STREQ(sh("sleep 5 & kill -STOP $!; sleep 0.1; jobs; bg; kill $!; wait\n"),
		     "[1] Stopped  sleep 5\n[1] sleep 5 &\n");
}

TEST(input_left_for_the_commands)
{
	/* sh reads no further than its own line: cat gets the rest. */
	EXPECT_STREQ(sh("cat\nthis line is cat's\n"), "this line is cat's\n");
}

TEST(scripts_and_minus_c)
{
	char *script[] = { "/tests/data/script.sh", "one", "two", NULL };
	char *minus_c[] = { "-c", "echo $0 $1; exit 5", "name", "arg", NULL };

	EXPECT_STREQ(run("echo not read\n", script),
		     "/tests/data/script.sh has 2 arguments: one two\n");
	EXPECT_EQ(status, 4);
	EXPECT_STREQ(run("", minus_c), "name arg\n");
	EXPECT_EQ(status, 5);
}

TEST(cd_reports_failure)
{
	EXPECT_STREQ(sh("cd /no-such-dir; echo $?\n"), "1\n");
}

TEST(cd_changes_where_relative_paths_start)
{
	EXPECT_STREQ(sh("cd /bin; ./echo hi; cd ..; bin/echo there; cd; echo $?\n"),
		     "hi\nthere\n0\n");
}

/* ---- the utilities -------------------------------------------------------- */

TEST(echo_cat_wc)
{
	EXPECT_STREQ(sh("echo -n x; echo y\n"), "xy\n");
	EXPECT_STREQ(sh("cat /tests/data/not_elf.txt - /tests/data/not_elf.txt < /tests/data/not_elf.txt\n"),
		     "not an ELF file\nnot an ELF file\nnot an ELF file\n");
	EXPECT_STREQ(sh("wc /tests/data/not_elf.txt; wc -l -c < /tests/data/not_elf.txt\n"),
		     "1 4 16 /tests/data/not_elf.txt\n1 16\n");
	EXPECT_STREQ(sh("wc -w /tests/data/not_elf.txt /tests/data/not_elf.txt\n"),
		     "4 /tests/data/not_elf.txt\n4 /tests/data/not_elf.txt\n8 total\n");
}

TEST(ls_head_grep)
{
	EXPECT_STREQ(sh("ls /tests/data | head -n 2\n"), "not_elf.txt\nscript.sh\n");
	EXPECT_STREQ(sh("ls /tests/data | grep -n elf\n"),
		     "1:not_elf.txt\n3:truncated_elf\n4:wrong_machine_elf\n");
	EXPECT_STREQ(sh("ls /tests/data | grep -v -c elf\n"), "1\n");
	EXPECT_STREQ(sh("ls -l /tests/data/not_elf.txt\n"),
		     "-rwxr-xr-x  1       16 /tests/data/not_elf.txt\n");
	EXPECT_STREQ(sh("ls -l / | grep ' dev'\n"), "drwxr-xr-x  2        0 dev\n");
	EXPECT_STREQ(sh("head -c 6 /tests/data/not_elf.txt; echo; yes ab | head -2\n"),
		     "not an\nab\nab\n");
	EXPECT_STREQ(sh("grep nothing /tests/data/not_elf.txt; echo $?\n"), "1\n");
}

TEST(sleep_kill_nice_env_uname)
{
	EXPECT_STREQ(sh("sleep 0.05 0.05; echo $?; sleep x 2>&1\n"),
		     "0\nsleep: invalid time interval 'x'\n");
	EXPECT_STREQ(sh("kill -l | head -n 2; kill -NOPE 1; echo $?\n"), " 1) SIGHUP\n 2) SIGINT\n2\n");
	EXPECT_STREQ(sh("sleep 5 & kill -KILL $!; wait %1; echo $?\n"), "137\n");
	EXPECT_STREQ(sh("nice; nice nice; nice -n 3 nice\n"), "0\n10\n3\n");
	EXPECT_STREQ(sh("env | grep PATH=; env -i A=1 env\n"), "PATH=/bin\nA=1\n");
	EXPECT_STREQ(sh("uname; uname -m\n"), "Linux\nx86_64\n");
}

int main(void)
{
	if (access("/tests/data", F_OK) != 0) {
		printf("    KTAP version 1\n    # Subtest: shell\n");
		printf("    1..0 # SKIP no /tests/data: %s is not this kernel's shell\n", SH);
		return 0;
	}
	return run_tests();
}
