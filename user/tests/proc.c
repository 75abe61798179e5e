/*
 * /proc as ps, free and uptime read it: the formats of /proc/meminfo,
 * /proc/uptime, /proc/<pid>/stat and /proc/<pid>/status, /proc/self, the
 * listing of /proc, and a process's state as it runs, stops and dies.
 * Linux's own /proc is the reference: every case passes there too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static char text[8192];

/* The whole file into text; its length, or -1 with errno set. */
static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	return n < 0 ? -1 : len;
}

/* Field n (1-based) of a stat line, after "(comm)" as ps parses it. */
static long stat_field(const char *stat, int n)
{
	const char *p = strrchr(stat, ')');

	if (n <= 2 || !p)
		return n == 1 ? atol(stat) : -1;
	p += 2;         /* field 3, the state */
	for (int i = 3; i < n; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	return n == 3 ? *p : atol(p);
}

static int count_fields(const char *s)
{
	int n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\n')
			s++;
		if (!*s)
			return n;
		n++;
		while (*s && *s != ' ' && *s != '\n')
			s++;
	}
}

/* The value of "Name:" in a status or meminfo text, or -1. */
static long value_of(const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s:", name);
	if (strncmp(text, key + 1, strlen(key + 1)) == 0)
		p = text + strlen(key + 1);
	else if ((p = strstr(text, key)))
		p += strlen(key);
	else
		return -1;
	return strtol(p, NULL, 10);
}

TEST(meminfo_has_total_free_available_in_kb)
{
	long total, free, avail;

	ASSERT_GT(slurp("/proc/meminfo"), 0);
	EXPECT_EQ(strncmp(text, "MemTotal:", 9), 0);
	total = value_of("MemTotal");
	free = value_of("MemFree");
	avail = value_of("MemAvailable");
	EXPECT_GT(total, 1024);
	EXPECT_GT(free, 0);
	EXPECT_LE(free, total);
	EXPECT_GE(avail, 0);
	EXPECT_LE(avail, total);
	/* "MemTotal:       24684084 kB": the name padded, the unit after. */
	EXPECT_TRUE(strstr(text, " kB\nMemFree:") != NULL);
	EXPECT_TRUE(value_of("SwapTotal") >= 0);
}

TEST(uptime_is_two_numbers)
{
	char *end;
	double up, idle;

	ASSERT_GT(slurp("/proc/uptime"), 0);
	up = strtol(text, &end, 10);
	EXPECT_EQ(*end, '.');
	idle = strtol(strchr(text, ' ') + 1, &end, 10);
	EXPECT_EQ(*end, '.');
	EXPECT_GE(up, 0);
	EXPECT_GE(idle, 0);
	EXPECT_EQ(text[strlen(text) - 1], '\n');
}

TEST(self_stat_describes_the_caller)
{
	ASSERT_GT(slurp("/proc/self/stat"), 0);
	EXPECT_EQ(stat_field(text, 1), getpid());
	EXPECT_EQ(stat_field(text, 3), 'R');
	EXPECT_EQ(stat_field(text, 4), getppid());
	EXPECT_EQ(stat_field(text, 5), getpgrp());
	EXPECT_EQ(stat_field(text, 6), getsid(0));
	EXPECT_EQ(stat_field(text, 19), 0);            /* nice */
	EXPECT_EQ(stat_field(text, 20), 1);            /* threads */
	EXPECT_GT(stat_field(text, 23), 0);            /* vsize */
	/* rss (24) may be 0 on Linux: its counters are synced lazily. */
	EXPECT_GE(stat_field(text, 24), 0);
	EXPECT_GE(count_fields(text), 52);
	EXPECT_TRUE(strstr(text, " (proc) ") != NULL);
}

TEST(pid_directory_matches_self)
{
	char path[64], self[512];

	ASSERT_GT(slurp("/proc/self/stat"), 0);
	strcpy(self, text);
	snprintf(path, sizeof(path), "/proc/%d/stat", getpid());
	ASSERT_GT(slurp(path), 0);
	EXPECT_EQ(stat_field(text, 1), stat_field(self, 1));
	EXPECT_EQ(stat_field(text, 4), stat_field(self, 4));
	snprintf(path, sizeof(path), "/proc/%d/status", getpid());
	ASSERT_GT(slurp(path), 0);
	EXPECT_EQ(strncmp(text, "Name:\tproc\n", 11), 0);
	EXPECT_EQ(value_of("Pid"), getpid());
	EXPECT_EQ(value_of("PPid"), getppid());
	EXPECT_TRUE(strstr(text, "\nState:\tR (running)\n") != NULL);
	EXPECT_TRUE(strstr(text, "\nSigBlk:\t") != NULL);
}

TEST(proc_lists_self_and_our_pid)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	char pid[16];
	int self = 0, ours = 0, meminfo = 0;

	ASSERT_TRUE(dir != NULL);
	snprintf(pid, sizeof(pid), "%d", getpid());
	while ((d = readdir(dir))) {
		self += strcmp(d->d_name, "self") == 0;
		meminfo += strcmp(d->d_name, "meminfo") == 0;
		if (strcmp(d->d_name, pid) == 0) {
			ours++;
			EXPECT_EQ(d->d_type, DT_DIR);
		}
	}
	closedir(dir);
	EXPECT_EQ(self, 1);
	EXPECT_EQ(ours, 1);
	EXPECT_EQ(meminfo, 1);

	struct stat st;
	ASSERT_EQ(stat("/proc/self/stat", &st), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	ASSERT_EQ(stat("/proc/self", &st), 0);
	EXPECT_TRUE(S_ISDIR(st.st_mode));
}

TEST(state_follows_the_process)
{
	char path[64];
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		for (;;)
			pause();
	}
	ASSERT_GT(pid, 0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	usleep(20000);
	ASSERT_GT(slurp(path), 0);
	EXPECT_EQ(stat_field(text, 3), 'S');
	EXPECT_EQ(stat_field(text, 4), getpid());

	kill(pid, SIGSTOP);
	ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	ASSERT_GT(slurp(path), 0);
	EXPECT_EQ(stat_field(text, 3), 'T');

	kill(pid, SIGKILL);
	usleep(20000);          /* dead, not yet reaped: a zombie */
	ASSERT_GT(slurp(path), 0);
	EXPECT_EQ(stat_field(text, 3), 'Z');
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	/* Reaped: gone from /proc. */
	EXPECT_ERRNO(open(path, O_RDONLY), ENOENT);
}

TEST(open_file_of_a_process_that_died)
{
	char path[64], c;
	pid_t pid = fork();
	int fd;

	if (pid == 0) {
		for (;;)
			pause();
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	ASSERT_GE(fd, 0);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* Linux: the read fails with ESRCH once it is reaped. */
	EXPECT_ERRNO(read(fd, &c, 1), ESRCH);
	close(fd);
}

TEST(proc_is_read_only)
{
	/* (Linux lets root open it for writing; the write fails.) */
	EXPECT_ERRNO(open("/proc/self/nonesuch", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("/proc/0/stat", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("/proc/self/stat/x", O_RDONLY), ENOTDIR);
}

int main(void)
{
	return run_tests();
}
