/*
 * execve: argv and envp arrive intact, the auxiliary vector describes the
 * program, the new image starts from a fresh address space with the same
 * pid, and a failed exec (missing file, not an ELF, a truncated or foreign
 * ELF) returns an error to a caller that keeps running.
 *
 * The program execs itself: argv[1] == "--exec-child" selects the child
 * side, which checks what it was given and answers with its exit status.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too. On Linux the malformed files
 * are written to /tmp at run time; on the kernel (read-only initrd) they
 * come from /tests/data/.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define CHILD_FLAG "--exec-child"
#define MANY_ARGS 200
#define LONG_LEN 3000
#define FRESH_ADDR 0x300000000000UL

/* The ELF program header, as the System V ABI lays it out. */
struct phdr64 {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
#define SEG_LOAD 1
#define SEG_PHDR 6
#define SEG_X 1

/* POSIX: the program declares it. */
extern char **environ;

static const char *self_path;
static int marker = 1;		/* a fresh image has this value again */
static char long_arg[LONG_LEN + 1];

static int exists(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static const char *find_self(const char *argv0)
{
	if (argv0 && argv0[0] == '/' && exists(argv0))
		return argv0;
	if (exists("/tests/exec"))
		return "/tests/exec";
	return "/proc/self/exe";
}

static void fill_long_arg(void)
{
	memset(long_arg, 'x', LONG_LEN);
	long_arg[LONG_LEN] = '\0';
}

/* ---- the child side ---------------------------------------------------- */

static const char *const round_trip_args[] = { "plain", "with spaces", "",
					       "caf\xc3\xa9", NULL };
static const char *const round_trip_env[] = { "A=1", "EMPTY=",
					      "SPACES=a b c", NULL };

static int child_round_trip(int argc, char **argv)
{
	int n = 0;
	while (round_trip_args[n])
		n++;
	if (argc != 3 + n + 1)	/* self, flag, mode, args..., long arg */
		return 10;
	for (int i = 0; i < n; i++)
		if (strcmp(argv[3 + i], round_trip_args[i]) != 0)
			return 11 + i;
	fill_long_arg();
	if (strcmp(argv[3 + n], long_arg) != 0)
		return 20;
	if (argv[argc] != NULL)
		return 21;
	int e = 0;
	for (; round_trip_env[e]; e++)
		if (!environ[e] || strcmp(environ[e], round_trip_env[e]) != 0)
			return 30 + e;
	if (!environ[e] || strncmp(environ[e], "LONG=", 5) != 0 ||
	    strcmp(environ[e] + 5, long_arg) != 0)
		return 40;
	if (environ[e + 1] != NULL)
		return 41;
	/* AT_EXECFN names the file as execve was given it. */
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	if (!execfn || strcmp(execfn, argv[0]) != 0)
		return 42;
	return 0;
}

static int child_main(int argc, char **argv)
{
	const char *mode = argc > 2 ? argv[2] : "";
	if (strcmp(mode, "round-trip") == 0)
		return child_round_trip(argc, argv);
	if (strcmp(mode, "many") == 0) {
		if (argc != 3 + MANY_ARGS)
			return 10;
		for (int i = 0; i < MANY_ARGS; i++)
			if (atoi(argv[3 + i]) != i)
				return 11;
		return 0;
	}
	if (strcmp(mode, "no-env") == 0)
		return environ && environ[0] == NULL ? 0 : 10;
	if (strcmp(mode, "ids") == 0 && argc == 5) {
		if (getpid() != (pid_t)atoi(argv[3]))
			return 10;
		return getppid() == (pid_t)atoi(argv[4]) ? 0 : 11;
	}
	if (strcmp(mode, "fresh") == 0) {
		if (marker != 1)
			return 10;	/* data came from the old image */
		char *p = mmap((void *)FRESH_ADDR, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != (char *)FRESH_ADDR)
			return 11;	/* the old mapping is still there */
		return p[0] == 0 ? 0 : 12;
	}
	if (strcmp(mode, "exit") == 0 && argc == 4)
		return atoi(argv[3]);
	return 99;
}

/* ---- the parent side --------------------------------------------------- */

/* Fork, exec self with args (after the flag) and envp; the wait status. */
static int run_self(char **args, char **envp)
{
	char *argv[3 + MANY_ARGS + 1];
	int n = 0;
	argv[n++] = (char *)self_path;
	argv[n++] = CHILD_FLAG;
	for (int i = 0; args[i] && n < 3 + MANY_ARGS; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(self_path, argv, envp);
		_exit(127);
	}
	int status = 0;
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

static char *no_env[] = { NULL };

#define EXPECT_EXIT(status, code)                                             \
	do {                                                                  \
		int st_ = (status);                                           \
		EXPECT_TRUE(WIFEXITED(st_));                                  \
		EXPECT_EQ(WEXITSTATUS(st_), code);                            \
	} while (0)

TEST(argv_envp_round_trip)
{
	static char long_env[5 + LONG_LEN + 1] = "LONG=";
	fill_long_arg();
	strcat(long_env, long_arg);
	char *args[8], *envp[8];
	int n = 0, e = 0;
	args[n++] = "round-trip";
	for (int i = 0; round_trip_args[i]; i++)
		args[n++] = (char *)round_trip_args[i];
	args[n++] = long_arg;
	args[n] = NULL;
	for (; round_trip_env[e]; e++)
		envp[e] = (char *)round_trip_env[e];
	envp[e++] = long_env;
	envp[e] = NULL;
	EXPECT_EXIT(run_self(args, envp), 0);
}

TEST(many_arguments)
{
	static char numbers[MANY_ARGS][8];
	char *args[MANY_ARGS + 2];
	args[0] = "many";
	for (int i = 0; i < MANY_ARGS; i++) {
		snprintf(numbers[i], sizeof(numbers[i]), "%d", i);
		args[i + 1] = numbers[i];
	}
	args[MANY_ARGS + 1] = NULL;
	EXPECT_EXIT(run_self(args, no_env), 0);
}

TEST(empty_environment)
{
	char *args[] = { "no-env", NULL };
	EXPECT_EXIT(run_self(args, no_env), 0);
}

TEST(exit_status_passes_through_exec)
{
	char *args[] = { "exit", "77", NULL };
	EXPECT_EXIT(run_self(args, no_env), 77);
}

TEST(exec_keeps_pid_and_parent)
{
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		char me[16], parent[16];
		snprintf(me, sizeof(me), "%d", (int)getpid());
		snprintf(parent, sizeof(parent), "%d", (int)getppid());
		char *argv[] = { (char *)self_path, CHILD_FLAG, "ids", me,
				 parent, NULL };
		execve(self_path, argv, no_env);
		_exit(127);
	}
	int status = 0;
	ASSERT_EQ(wait4(pid, &status, 0, NULL), pid);
	EXPECT_EXIT(status, 0);
}

TEST(exec_starts_from_fresh_address_space)
{
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		char *p = mmap((void *)FRESH_ADDR, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p != (char *)FRESH_ADDR)
			_exit(126);
		p[0] = 'o';
		marker = 2;
		char *argv[] = { (char *)self_path, CHILD_FLAG, "fresh", NULL };
		execve(self_path, argv, no_env);
		_exit(127);
	}
	int status = 0;
	ASSERT_EQ(wait4(pid, &status, 0, NULL), pid);
	EXPECT_EXIT(status, 0);
}

TEST(vfork_then_exec)
{
	char *argv[] = { (char *)self_path, CHILD_FLAG, "exit", "33", NULL };
	pid_t pid = vfork();
	if (pid == 0) {
		execve(self_path, argv, no_env);
		_exit(127);
	}
	ASSERT_TRUE(pid > 0);
	int status = 0;
	ASSERT_EQ(wait4(pid, &status, 0, NULL), pid);
	EXPECT_EXIT(status, 33);
}

/* ---- the auxiliary vector ---------------------------------------------- */

TEST(auxv_page_size_and_ids)
{
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ(getauxval(AT_UID), getuid());
	EXPECT_EQ(getauxval(AT_EUID), geteuid());
	EXPECT_EQ(getauxval(AT_GID), getgid());
	EXPECT_EQ(getauxval(AT_EGID), getegid());
}

/* Is addr (already unbiased) inside a PT_LOAD segment with these flags? */
static int in_segment(const struct phdr64 *ph, unsigned long n,
		      uint64_t addr, uint32_t flags)
{
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].type == SEG_LOAD && (ph[i].flags & flags) == flags &&
		    addr >= ph[i].vaddr && addr < ph[i].vaddr + ph[i].memsz)
			return 1;
	return 0;
}

TEST(auxv_program_headers_and_entry)
{
	const struct phdr64 *ph = (const struct phdr64 *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM);
	ASSERT_TRUE(ph != NULL);
	ASSERT_EQ(getauxval(AT_PHENT), sizeof(struct phdr64));
	ASSERT_TRUE(n >= 1 && n <= 64);
	/* Static PIE: the load bias from PT_PHDR; a fixed ELF: none. */
	uint64_t bias = 0;
	unsigned long loads = 0;
	for (unsigned long i = 0; i < n; i++) {
		if (ph[i].type == SEG_PHDR)
			bias = (uint64_t)(uintptr_t)ph - ph[i].vaddr;
		loads += ph[i].type == SEG_LOAD;
	}
	EXPECT_GE(loads, 1);
	uint64_t entry = getauxval(AT_ENTRY);
	ASSERT_NE(entry, 0);
	EXPECT_TRUE(in_segment(ph, n, entry - bias, SEG_X));
	EXPECT_TRUE(in_segment(ph, n, (uintptr_t)&in_segment - bias, SEG_X));
	EXPECT_TRUE(in_segment(ph, n, (uintptr_t)&marker - bias, 0));
	EXPECT_TRUE(in_segment(ph, n, (uintptr_t)ph - bias, 0));
}

TEST(auxv_random_points_at_16_bytes)
{
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	ASSERT_TRUE(r != NULL);
	int nonzero = 0;
	for (int i = 0; i < 16; i++)	/* all 16 readable, not all zero */
		nonzero += r[i] != 0;
	EXPECT_GT(nonzero, 0);
}

/* ---- failures keep the caller running ---------------------------------- */

static char *fail_argv[] = { "nope", NULL };

TEST(exec_missing_file_is_enoent)
{
	static int before = 5;
	char *page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(page != MAP_FAILED);
	page[0] = 'k';
	EXPECT_ERRNO(execve("/tests/data/no-such-file", fail_argv, no_env),
		     ENOENT);
	EXPECT_EQ(before, 5);		/* still our image */
	EXPECT_EQ(page[0], 'k');
}

TEST(exec_through_a_file_is_enotdir)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/x", self_path);
	EXPECT_ERRNO(execve(path, fail_argv, no_env), ENOTDIR);
}

TEST(exec_directory_is_eacces)
{
	EXPECT_ERRNO(execve("/", fail_argv, no_env), EACCES);
}

/*
 * A malformed executable: written to /tmp (mode 0755) where that works,
 * else taken from the initrd's /tests/data/NAME. Returns the path.
 */
static const char *bad_file(const char *name, const void *data, size_t len,
			    char *path, size_t size)
{
	snprintf(path, size, "/tmp/exec-test-%d-%s", (int)getpid(), name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd >= 0) {
		ssize_t n = write(fd, data, len);
		close(fd);	/* or exec fails with ETXTBSY */
		if (n == (ssize_t)len)
			return path;
	}
	snprintf(path, size, "/tests/data/%s", name);
	return path;
}

static void drop_file(const char *path)
{
#ifdef __NR_unlink
	if (strncmp(path, "/tmp/", 5) == 0)
		syscall(__NR_unlink, path);
#else
	(void)path;
#endif
}

/* The first *len bytes of this program (all of it if *len is 0), in a
 * static buffer; *len is set to the size read. */
static char *self_bytes(size_t *len)
{
	static char buf[1 << 20];
	int fd = open(self_path, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (*len == 0)
		*len = lseek(fd, 0, SEEK_END);
	if (*len > sizeof(buf) || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return NULL;
	}
	size_t got = 0;
	while (got < *len) {
		ssize_t n = read(fd, buf + got, *len - got);
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	return got == *len ? buf : NULL;
}

TEST(exec_non_elf_is_enoexec)
{
	static const char text[] = "this is a text file, not a program\n";
	char path[128];
	bad_file("not_elf.txt", text, sizeof(text) - 1, path, sizeof(path));
	EXPECT_ERRNO(execve(path, fail_argv, no_env), ENOEXEC);
	drop_file(path);
}

TEST(exec_truncated_elf_is_enoexec)
{
	size_t len = 100;
	const char *head = self_bytes(&len);
	ASSERT_TRUE(head != NULL);
	ASSERT_EQ(memcmp(head, "\x7f" "ELF", 4), 0);
	char path[128];
	bad_file("truncated_elf", head, 100, path, sizeof(path));
	EXPECT_ERRNO(execve(path, fail_argv, no_env), ENOEXEC);
	drop_file(path);
}

/* This whole program with e_machine (bytes 18-19) set to EM_AARCH64. */
TEST(exec_foreign_machine_is_enoexec)
{
	size_t len = 0;
	char *copy = self_bytes(&len);
	ASSERT_TRUE(copy != NULL);
	copy[18] = (char)183;
	copy[19] = 0;
	char path[128];
	bad_file("wrong_machine_elf", copy, len, path, sizeof(path));
	EXPECT_ERRNO(execve(path, fail_argv, no_env), ENOEXEC);
	drop_file(path);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], CHILD_FLAG) == 0)
		return child_main(argc, argv);
	self_path = find_self(argv[0]);
	return run_tests();
}
