/*
 * In-kernel tests of pipes (kernel/pipe.c) through kernel buffers: the
 * ring across its wrap-around, pages taken only as data reaches them,
 * the PIPE_BUF rule at the byte, end of file, and a writer thread that
 * blocks on a full pipe while this test reads. Signals (SIGPIPE, EINTR)
 * and the system calls are tested from user space (user/tests/pipe.c).
 * The harness's leak check proves that closing both ends frees it all.
 */
#include "fs.h"
#include "ktest.h"
#include "mm.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

#define PIPE_SIZE (64 * 1024)

static unsigned char out[PIPE_SIZE + 1], in[PIPE_SIZE + 1];

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 13 + i / 509);
}

static long put(struct file *end, size_t from, size_t count)
{
	for (size_t i = 0; i < count; i++)
		out[i] = pattern(from + i);
	return pipe_write_with(end, out, count, copy_to_kernel);
}

/* Reads count bytes and checks they are the pattern from `from` on. */
static bool take(struct file *end, size_t from, size_t count)
{
	long n = pipe_read_with(end, in, count, copy_to_kernel);

	KEXPECT_EQ(n, (long)count);
	for (long i = 0; i < n; i++)
		if (in[i] != pattern(from + (size_t)i))
			return false;
	return n == (long)count;
}

KTEST(pipe, ends_are_a_fifo)
{
	struct file *ends[2];

	KASSERT_EQ(pipe_create(ends, 0), 0);
	KEXPECT_EQ(ends[0]->flags, O_RDONLY);
	KEXPECT_EQ(ends[1]->flags, O_WRONLY);
	KEXPECT_TRUE(ends[0]->inode == ends[1]->inode);
	KEXPECT_TRUE(S_ISFIFO(ends[0]->inode->mode));
	file_put(ends[0]);
	file_put(ends[1]);
}

KTEST(pipe, order_kept_across_the_wrap)
{
	struct file *ends[2];

	KASSERT_EQ(pipe_create(ends, O_NONBLOCK), 0);
	KEXPECT_EQ(pipe_read_with(ends[0], in, 10, copy_to_kernel), -EAGAIN);
	KEXPECT_EQ(put(ends[1], 0, 60000), 60000);
	KEXPECT_TRUE(take(ends[0], 0, 60000));
	/* The ring's end is at 65536: these bytes go round it. */
	KEXPECT_EQ(put(ends[1], 60000, 10000), 10000);
	KEXPECT_TRUE(take(ends[0], 60000, 3000));
	KEXPECT_TRUE(take(ends[0], 63000, 7000));
	KEXPECT_EQ(pipe_read_with(ends[0], in, 10, copy_to_kernel), -EAGAIN);
	file_put(ends[0]);
	file_put(ends[1]);
}

KTEST(pipe, pages_taken_as_data_reaches_them)
{
	struct file *ends[2];
	unsigned long before;

	KASSERT_EQ(pipe_create(ends, O_NONBLOCK), 0);
	before = nr_free_pages();
	KEXPECT_EQ(put(ends[1], 0, 1), 1);
	KEXPECT_EQ(nr_free_pages(), before - 1);
	KEXPECT_EQ(put(ends[1], 1, PAGE_SIZE), PAGE_SIZE);
	KEXPECT_EQ(nr_free_pages(), before - 2);
	KEXPECT_EQ(put(ends[1], 0, PIPE_SIZE), PIPE_SIZE - PAGE_SIZE - 1);
	KEXPECT_EQ(nr_free_pages(), before - PIPE_SIZE / PAGE_SIZE);
	file_put(ends[0]);
	file_put(ends[1]);
}

/* With 4095 bytes of room: a 4096-byte write must wait (EAGAIN here),
 * a longer one takes what fits. */
KTEST(pipe, pipe_buf_writes_are_all_or_nothing)
{
	struct file *ends[2];

	KASSERT_EQ(pipe_create(ends, O_NONBLOCK), 0);
	KEXPECT_EQ(put(ends[1], 0, PIPE_SIZE - 4095), PIPE_SIZE - 4095);
	KEXPECT_EQ(put(ends[1], 0, 4096), -EAGAIN);
	KEXPECT_EQ(put(ends[1], 0, 4095), 4095);
	KEXPECT_EQ(put(ends[1], 0, 1), -EAGAIN);
	KEXPECT_EQ(pipe_read_with(ends[0], in, 4095, copy_to_kernel), 4095);
	KEXPECT_EQ(put(ends[1], 0, 5000), 4095);
	KEXPECT_EQ(pipe_write_with(ends[1], out, 0, copy_to_kernel), 0);
	file_put(ends[0]);
	file_put(ends[1]);
}

KTEST(pipe, end_of_file_after_the_data)
{
	struct file *ends[2];

	KASSERT_EQ(pipe_create(ends, 0), 0);
	KEXPECT_EQ(put(ends[1], 0, 100), 100);
	file_put(ends[1]);
	/* Blocking reads, but nothing to wait for: data, then end of file. */
	KEXPECT_TRUE(take(ends[0], 0, 100));
	KEXPECT_EQ(pipe_read_with(ends[0], in, 10, copy_to_kernel), 0);
	file_put(ends[0]);
}

#define STREAM_SIZE (256 * 1024)
#define WRITE_CHUNK 3000                /* not a divisor of anything */

/* Writes STREAM_SIZE bytes of the pattern, blocking whenever the pipe is
 * full, then closes its end. */
static int writer_thread(void *arg)
{
	static unsigned char chunk[WRITE_CHUNK];
	struct file *end = arg;
	size_t done = 0;
	int bad = 0;

	while (done < STREAM_SIZE) {
		size_t n = STREAM_SIZE - done < WRITE_CHUNK ? STREAM_SIZE - done : WRITE_CHUNK;

		for (size_t i = 0; i < n; i++)
			chunk[i] = pattern(done + i);
		if (pipe_write_with(end, chunk, n, copy_to_kernel) != (long)n)
			bad = 1;
		done += n;
	}
	file_put(end);
	return bad;
}

KTEST(pipe, writer_blocks_until_reader_drains)
{
	struct file *ends[2];
	struct task *writer;
	size_t done = 0;
	long n;

	KASSERT_EQ(pipe_create(ends, 0), 0);
	writer = kthread_create(writer_thread, ends[1], "pipe-writer");
	KASSERT_TRUE(writer != NULL);
	/* Let it fill the pipe and sleep before the first read. */
	sleep_ticks(5);
	while ((n = pipe_read_with(ends[0], in, 1000, copy_to_kernel)) > 0) {
		for (long i = 0; i < n; i++)
			if (in[i] != pattern(done + (size_t)i)) {
				KEXPECT_EQ(in[i], pattern(done + (size_t)i));
				n = -1;
				break;
			}
		if (n < 0)
			break;
		done += (size_t)n;
	}
	KEXPECT_EQ(n, 0);
	KEXPECT_EQ(done, STREAM_SIZE);
	/* Closed first, so that a writer left behind by a failure gets
	 * EPIPE instead of waiting forever. */
	file_put(ends[0]);
	KEXPECT_EQ(kthread_join(writer), 0);
}
