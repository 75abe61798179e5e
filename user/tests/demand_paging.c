/*
 * Demand paging: memory arrives page by page when first touched. A huge
 * anonymous mapping costs nothing until written, untouched memory reads as
 * zeros, private file mappings read the file and keep their writes to
 * themselves, shared anonymous memory is shared across fork, and mmap's
 * hints, MAP_FIXED and PROT_NONE behave as on Linux.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define GIB (1UL << 30)
#define MIB (1UL << 20)

/*
 * Linux folds per-CPU RSS counts into ru_maxrss in batches (tens of pages
 * per CPU), so a growth of a few pages can read as 0 there: the bound is
 * generous on purpose. What matters: 3 pages touched, not 1 GiB.
 */
#define RSS_SLACK_KIB 1024L
#define FAULT_SLACK 4

/* This program's own file: on the kernel's initrd, else Linux's view. */
static const char *const self_paths[] = { "/tests/demand_paging",
					  "/proc/self/exe" };

static int open_self(void)
{
	for (unsigned i = 0; i < sizeof(self_paths) / sizeof(self_paths[0]);
	     i++) {
		int fd = open(self_paths[i], O_RDONLY);
		if (fd >= 0)
			return fd;
	}
	return -1;
}

static long maxrss_kib(void)
{
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static long minflt(void)
{
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * A Linux host with transparent huge pages set to "always" would back a
 * touched page with 2 MiB; ask for small pages there (our kernel has no
 * huge user pages and no MADV_NOHUGEPAGE).
 */
static char *map_anon(size_t len, int prot, int flags)
{
	void *p = mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
#if defined(MADV_NOHUGEPAGE) && defined(__NR_madvise)
	syscall(__NR_madvise, p, len, MADV_NOHUGEPAGE);
#endif
	return p;
}

/* Run fn(arg) in a child; return the child's wait status. */
static int in_child(void (*fn)(volatile char *), volatile char *arg)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	int status = 0;
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

static void read_byte(volatile char *p)
{
	(void)*p;
}

static void write_byte(volatile char *p)
{
	*p = 1;
}

TEST(anon_1gib_touch_3_pages_costs_3_pages)
{
	char *big = map_anon(GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(big != NULL);
	long rss0 = maxrss_kib();
	long flt0 = minflt();
	big[0] = 'a';
	big[GIB / 2] = 'b';
	big[GIB - PAGE] = 'c';
	long flt1 = minflt();
	long rss1 = maxrss_kib();
	EXPECT_TRUE(flt1 - flt0 >= 3);
	EXPECT_TRUE(flt1 - flt0 <= 3 + FAULT_SLACK);
	EXPECT_TRUE(rss1 - rss0 < RSS_SLACK_KIB);
	EXPECT_EQ(big[0], 'a');
	EXPECT_EQ(big[GIB / 2], 'b');
	EXPECT_EQ(big[GIB - PAGE], 'c');
	EXPECT_EQ(munmap(big, GIB), 0);
}

/* The positive control of the case above: ru_maxrss does see memory. */
TEST(maxrss_grows_with_touched_memory)
{
	size_t len = 16 * MIB;
	char *buf = map_anon(len, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(buf != NULL);
	long rss0 = maxrss_kib();
	for (size_t off = 0; off < len; off += PAGE)
		buf[off] = 1;
	long grown = maxrss_kib() - rss0;
	EXPECT_TRUE(grown >= 8 * 1024);		/* 16 MiB touched */
	EXPECT_TRUE(grown <= 24 * 1024);
	EXPECT_EQ(munmap(buf, len), 0);
}

TEST(untouched_memory_reads_zero_without_rss)
{
	char *big = map_anon(GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(big != NULL);
	long rss0 = maxrss_kib();
	unsigned long nonzero = 0;
	for (size_t off = 0; off < GIB; off += 256 * 1024)
		nonzero += big[off] != 0;
	static const char zeros[PAGE];
	EXPECT_EQ(memcmp(big + 7 * PAGE, zeros, PAGE), 0);
	EXPECT_EQ(memcmp(big + GIB - PAGE, zeros, PAGE), 0);
	EXPECT_EQ(nonzero, 0);
	EXPECT_TRUE(maxrss_kib() - rss0 < RSS_SLACK_KIB);
	EXPECT_EQ(munmap(big, GIB), 0);
}

/* A read maps the zero page read-only, so the first write after it is a
 * second fault (the copy): N pages read then written cost 2N faults. */
#define RW_PAGES 16
TEST(read_then_write_faults_twice)
{
	volatile char *buf = map_anon(RW_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(buf != NULL);
	long flt0 = minflt();
	for (int i = 0; i < RW_PAGES; i++)
		(void)buf[i * PAGE];
	long flt1 = minflt();
	for (int i = 0; i < RW_PAGES; i++)
		buf[i * PAGE] = 1;
	long flt2 = minflt();
	EXPECT_TRUE(flt1 - flt0 >= RW_PAGES && flt1 - flt0 <= RW_PAGES + FAULT_SLACK);
	EXPECT_TRUE(flt2 - flt1 >= RW_PAGES && flt2 - flt1 <= RW_PAGES + FAULT_SLACK);
	EXPECT_EQ(munmap((void *)buf, RW_PAGES * PAGE), 0);
}

TEST(write_after_read_gets_private_page)
{
	char *buf = map_anon(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(buf != NULL);
	EXPECT_EQ(buf[10], 0);		/* read first: the zero page */
	EXPECT_EQ(buf[PAGE + 10], 0);
	buf[10] = 5;			/* then write: a page of its own */
	EXPECT_EQ(buf[10], 5);
	EXPECT_EQ(buf[0], 0);
	EXPECT_EQ(buf[PAGE + 10], 0);	/* the zero page is untouched */
	EXPECT_EQ(munmap(buf, 2 * PAGE), 0);
}

TEST(file_private_mapping_reads_the_file)
{
	int fd = open_self();
	ASSERT_TRUE(fd >= 0);
	struct stat st;
	ASSERT_EQ(fstat(fd, &st), 0);
	ASSERT_TRUE(st.st_size > (off_t)(2 * PAGE));
	static char file[2 * PAGE];
	ASSERT_EQ(read(fd, file, sizeof(file)), (ssize_t)sizeof(file));

	char *map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(memcmp(map, "\x7f" "ELF", 4), 0);
	EXPECT_EQ(memcmp(map, file, sizeof(file)), 0);
	/* A mapping at a file offset starts at that offset. */
	char *second = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	ASSERT_TRUE(second != MAP_FAILED);
	EXPECT_EQ(memcmp(second, file + PAGE, PAGE), 0);
	EXPECT_EQ(munmap(second, PAGE), 0);
	EXPECT_EQ(munmap(map, st.st_size), 0);
	close(fd);
}

TEST(file_private_write_does_not_change_file)
{
	int fd = open_self();
	ASSERT_TRUE(fd >= 0);
	char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
			 fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(memcmp(map, "\x7f" "ELF", 4), 0);
	map[0] = 'X';
	map[PAGE + 1] = 'Y';
	EXPECT_EQ(map[0], 'X');
	EXPECT_EQ(map[PAGE + 1], 'Y');

	char head[4];
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	ASSERT_EQ(read(fd, head, 4), 4);
	EXPECT_EQ(memcmp(head, "\x7f" "ELF", 4), 0);
	/* Another private mapping of the file sees the file, not our copy. */
	char *other = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(other != MAP_FAILED);
	EXPECT_EQ(memcmp(other, "\x7f" "ELF", 4), 0);
	EXPECT_EQ(munmap(other, PAGE), 0);
	EXPECT_EQ(munmap(map, 2 * PAGE), 0);
	close(fd);
}

/* Past the end of the file: the rest of the last page reads as zeros, a
 * page wholly beyond it raises SIGBUS. */
TEST(file_mapping_past_eof)
{
	int fd = open_self();
	ASSERT_TRUE(fd >= 0);
	struct stat st;
	ASSERT_EQ(fstat(fd, &st), 0);
	size_t size = st.st_size;
	size_t end = (size + PAGE - 1) & ~(PAGE - 1);
	char *map = mmap(NULL, end + PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	size_t nonzero = 0;
	for (size_t off = size; off < end; off++)
		nonzero += map[off] != 0;
	EXPECT_EQ(nonzero, 0);
	int status = in_child(read_byte, map + end);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGBUS);
	EXPECT_EQ(munmap(map, end + PAGE), 0);
	close(fd);
}

TEST(shared_anon_is_shared_across_fork)
{
	volatile int *shared = (volatile int *)map_anon(
		PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	ASSERT_TRUE(shared != NULL);
	shared[0] = 1;		/* written before fork: same page after */
	pid_t pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		while (shared[1] == 0)	/* the parent's write arrives */
			sched_yield();
		shared[2] = shared[1] + shared[0];
		_exit(0);
	}
	shared[1] = 41;
	int status = 0;
	ASSERT_EQ(wait4(pid, &status, 0, NULL), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(shared[2], 42);	/* the child's write arrived */
	EXPECT_EQ(munmap((void *)shared, PAGE), 0);
}

TEST(mmap_hint_address_is_used_when_free)
{
	char *hint = (char *)0x200000000000UL;
	char *p = mmap(hint, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_EQ(p, hint);
	p[PAGE] = 3;
	EXPECT_EQ(p[PAGE], 3);
	EXPECT_EQ(munmap(p, 2 * PAGE), 0);
}

TEST(map_fixed_replaces_existing_mapping)
{
	char *p = map_anon(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ASSERT_TRUE(p != NULL);
	memset(p, 0xaa, 3 * PAGE);
	char *q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT_EQ(q, p + PAGE);
	EXPECT_EQ(q[0], 0);		/* a fresh page replaced the old */
	EXPECT_EQ(q[PAGE - 1], 0);
	EXPECT_EQ((unsigned char)p[PAGE - 1], 0xaa);
	EXPECT_EQ((unsigned char)p[2 * PAGE], 0xaa);
	EXPECT_EQ(munmap(p, 3 * PAGE), 0);
}

TEST(prot_none_access_faults)
{
	char *p = map_anon(PAGE, PROT_NONE, MAP_PRIVATE);
	ASSERT_TRUE(p != NULL);
	int status = in_child(read_byte, p);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	status = in_child(write_byte, p);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	/* Made accessible, it is ordinary zeroed memory. */
	ASSERT_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(p[0], 0);
	p[0] = 9;
	EXPECT_EQ(p[0], 9);
	EXPECT_EQ(munmap(p, PAGE), 0);
}

TEST(mmap_rejects_bad_arguments)
{
	int rw = PROT_READ | PROT_WRITE;
	int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	EXPECT_EQ(mmap(NULL, 0, rw, anon, -1, 0), MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(mmap((void *)(0x200000000000UL + 1), PAGE, rw,
		       anon | MAP_FIXED, -1, 0), MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(mmap(NULL, PAGE, rw, MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);	/* neither private nor shared */
	EXPECT_EQ(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), MAP_FAILED);
	EXPECT_EQ(errno, EBADF);
	EXPECT_EQ(munmap((void *)(0x200000000000UL + 1), PAGE), -1);
	EXPECT_EQ(errno, EINVAL);
}

/* A file opened read-only cannot become writable and shared through
 * mprotect any more than through mmap (EACCES, as Linux). */
TEST(mprotect_shared_file_mapping_writable_is_eacces)
{
	int fd = open_self();
	ASSERT_TRUE(fd >= 0);
	void *p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	EXPECT_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES);
	munmap(p, PAGE);
	close(fd);
}

int main(void)
{
	return run_tests();
}
