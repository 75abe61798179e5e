/*
 * Pipes: pipe(2) and pipe2(2), with the semantics of Linux's fs/pipe.c.
 *
 * A pipe is a ring buffer of PIPE_SIZE bytes (Linux's default capacity)
 * with a read end and a write end, each a struct file; both ends share the
 * pipe's one inode (a FIFO, so fstat says S_IFIFO). The ring is made of
 * pages allocated when data first reaches them, so a pipe that carries a
 * few bytes at a time costs one page, not sixteen.
 *
 *  - read takes what is there (up to count) and returns at once; with
 *    nothing there it sleeps while a writer exists, and returns 0 (end of
 *    file) once the last writer has closed.
 *  - write of at most PIPE_BUF bytes goes in whole or not at all, so the
 *    bytes of two such writes never interleave (POSIX); a longer write
 *    goes in as room appears and may be interleaved.
 *  - writing with no reader left sends SIGPIPE to the writer and fails
 *    with EPIPE.
 *  - O_NONBLOCK turns each sleep into EAGAIN.
 *
 * Each side sleeps on its own wait queue and the other side wakes it, so
 * nobody polls. A sleep is interruptible: a signal ends it with EINTR
 * (kernel/signal.c restarts the call under SA_RESTART) unless some bytes
 * already moved, which are then reported instead, as Linux does.
 */
#include "fs.h"
#include "mm.h"
#include "process.h"
#include "sched.h"
#include "syscall.h"
#include "wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

#define PIPE_SIZE  (16 * PAGE_SIZE)     /* 64 KiB, as Linux */
#define PIPE_PAGES (PIPE_SIZE / PAGE_SIZE)
#define PIPE_BUF   4096                 /* the atomic write limit (limits.h) */

struct pipe {
	/* Held while the ring or the end counts change; a sleeper drops it. */
	struct mutex lock;
	struct wait_queue_head rd_wait; /* readers waiting for data */
	struct wait_queue_head wr_wait; /* writers waiting for room */
	/* The bytes [tail, head) are in the ring. Both only grow (mod 2^32,
	 * which PIPE_SIZE divides), so head - tail is always the fill. */
	unsigned head, tail;
	unsigned readers, writers;      /* open files of each end */
	struct page *pages[PIPE_PAGES]; /* NULL until data reaches them */
	struct inode inode;
};

/* Pipes live in no directory; their inode numbers only need to differ
 * from each other's (Linux's pipefs counts the same way). */
static uint32_t next_ino = 1;

static unsigned pipe_used(const struct pipe *pipe)
{
	return pipe->head - pipe->tail;
}

static unsigned pipe_room(const struct pipe *pipe)
{
	return PIPE_SIZE - pipe_used(pipe);
}

/* The bytes at ring position pos: where they are, and how many follow
 * contiguously in the same page. */
static char *ring_at(struct pipe *pipe, unsigned pos, size_t *contiguous)
{
	unsigned off = pos % PIPE_SIZE;

	*contiguous = PAGE_SIZE - off % PAGE_SIZE;
	return (char *)page_address(pipe->pages[off / PAGE_SIZE]) + off % PAGE_SIZE;
}

/*
 * Move up to count bytes out of the ring into buf: the bytes moved, or
 * -EFAULT if copy failed before any did. Bytes a failed copy did not
 * deliver stay in the pipe for the next read.
 */
static long ring_take(struct pipe *pipe, char *buf, size_t count, copy_out_t copy)
{
	size_t done = 0;

	while (done < count && pipe_used(pipe)) {
		size_t n;
		char *src = ring_at(pipe, pipe->tail, &n);

		if (n > count - done)
			n = count - done;
		if (n > pipe_used(pipe))
			n = pipe_used(pipe);
		if (copy(buf + done, src, n) < 0)
			return done ? (long)done : -EFAULT;
		pipe->tail += (unsigned)n;
		done += n;
	}
	return (long)done;
}

/* Move count bytes (which fit) from buf into the ring: the bytes moved,
 * or -EFAULT / -ENOMEM if none could be. */
static long ring_put(struct pipe *pipe, const char *buf, size_t count, copy_out_t copy)
{
	size_t done = 0;

	while (done < count) {
		unsigned index = pipe->head % PIPE_SIZE / PAGE_SIZE;
		size_t n;

		if (!pipe->pages[index] && !(pipe->pages[index] = alloc_page(GFP_KERNEL)))
			return done ? (long)done : -ENOMEM;
		char *dst = ring_at(pipe, pipe->head, &n);
		if (n > count - done)
			n = count - done;
		if (copy(dst, buf + done, n) < 0)
			return done ? (long)done : -EFAULT;
		pipe->head += (unsigned)n;
		done += n;
	}
	return (long)done;
}

long pipe_read_with(struct file *file, void *buf, size_t count, copy_out_t copy)
{
	struct pipe *pipe = file->private_data;
	long ret = 0;

	if (count == 0)
		return 0;
	mutex_lock(&pipe->lock);
	while (!pipe_used(pipe) && pipe->writers) {
		if (file->flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->lock);
		ret = wait_event_interruptible(pipe->rd_wait,
					       pipe_used(pipe) || !pipe->writers);
		mutex_lock(&pipe->lock);
		if (ret)
			break;
	}
	/* Data, or end of file (0) when the writers are gone. */
	if (!ret)
		ret = ring_take(pipe, buf, count, copy);
	mutex_unlock(&pipe->lock);
	if (ret > 0)
		wake_up_all(&pipe->wr_wait);
	return ret;
}

long pipe_write_with(struct file *file, const void *buf, size_t count, copy_out_t copy)
{
	struct pipe *pipe = file->private_data;
	/* The room a step needs: all of an atomic write, else any. */
	size_t need = count <= PIPE_BUF ? count : 1;
	size_t done = 0;
	long ret = 0;

	if (count == 0)
		return 0;
	mutex_lock(&pipe->lock);
	while (done < count) {
		if (!pipe->readers) {
			send_signal(current, SIGPIPE);
			ret = -EPIPE;
			break;
		}
		if (pipe_room(pipe) >= need) {
			size_t n = count - done < pipe_room(pipe) ? count - done : pipe_room(pipe);

			ret = ring_put(pipe, (const char *)buf + done, n, copy);
			if (ret < 0)
				break;
			done += (size_t)ret;
			if ((size_t)ret < n)
				break;          /* a fault part way: report what went in */
			continue;
		}
		if (file->flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->lock);
		/* What went in so far may be what the reader waits for. */
		if (done)
			wake_up_all(&pipe->rd_wait);
		ret = wait_event_interruptible(pipe->wr_wait,
					       pipe_room(pipe) >= need || !pipe->readers);
		mutex_lock(&pipe->lock);
		if (ret)
			break;
	}
	mutex_unlock(&pipe->lock);
	if (done)
		wake_up_all(&pipe->rd_wait);
	return done ? (long)done : ret;
}

static long pipe_read(struct file *file, char __user *buf, size_t count)
{
	return pipe_read_with(file, buf, count, copy_to_user);
}

static long pipe_write(struct file *file, const char __user *buf, size_t count)
{
	return pipe_write_with(file, buf, count, copy_from_user);
}

static void pipe_free(struct pipe *pipe)
{
	for (unsigned i = 0; i < PIPE_PAGES; i++)
		if (pipe->pages[i])
			free_page((unsigned long)page_address(pipe->pages[i]));
	kfree(pipe);
}

/*
 * The last close of one end: the other end's sleepers must learn of it
 * (readers see end of file, writers EPIPE). The wake-ups happen under the
 * lock, so the other end's last close, which frees the pipe, cannot run
 * before they are done.
 */
static void pipe_release(struct file *file)
{
	struct pipe *pipe = file->private_data;
	bool last;

	mutex_lock(&pipe->lock);
	if ((file->flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	last = !pipe->readers && !pipe->writers;
	if (!last) {
		wake_up_all(&pipe->rd_wait);
		wake_up_all(&pipe->wr_wait);
	}
	mutex_unlock(&pipe->lock);
	if (last)
		pipe_free(pipe);
}

/* One set for both ends: read(2) and write(2) check the end's access
 * mode first (EBADF), as for any file. */
static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
};

/* A new end of pipe; the count of its side goes up only once it exists,
 * so that a failed pipe_create frees the pipe through the usual release. */
static struct file *pipe_end(struct pipe *pipe, unsigned flags)
{
	struct file *file = file_alloc(&pipe_fops, &pipe->inode, flags);

	if (!file)
		return NULL;
	file->private_data = pipe;
	if ((flags & O_ACCMODE) == O_RDONLY)
		pipe->readers++;
	else
		pipe->writers++;
	return file;
}

int pipe_create(struct file *ends[2], unsigned flags)
{
	struct pipe *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return -ENOMEM;
	mutex_init(&pipe->lock);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->inode = (struct inode){
		.ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED),
		.mode = S_IFIFO | 0600,
		.name = "",
		.parent = &pipe->inode,
		.children = LIST_HEAD_INIT(pipe->inode.children),
		.sibling = LIST_HEAD_INIT(pipe->inode.sibling),
		.fops = &pipe_fops,
	};
	ends[0] = pipe_end(pipe, O_RDONLY | (flags & O_NONBLOCK));
	if (!ends[0]) {
		kfree(pipe);
		return -ENOMEM;
	}
	ends[1] = pipe_end(pipe, O_WRONLY | (flags & O_NONBLOCK));
	if (!ends[1]) {
		file_put(ends[0]);      /* the last end: frees the pipe */
		return -ENOMEM;
	}
	return 0;
}

/*
 * Linux's do_pipe2: both descriptors, the lowest free first (the read
 * end), then the pair goes out; if it cannot, nothing is left open.
 */
SYSCALL_DEFINE2(pipe2, int __user *, ufds, int, flags)
{
	struct files_struct *files = current->files;
	struct file *ends[2];
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = pipe_create(ends, (unsigned)flags);
	if (err)
		return err;
	fds[0] = fd_alloc(files, ends[0], 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(ends[0]);
		file_put(ends[1]);
		return fds[0];
	}
	fds[1] = fd_alloc(files, ends[1], 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(files, fds[0]);
		file_put(ends[1]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(files, fds[0]);
		fd_close(files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int __user *, ufds)
{
	return do_sys_pipe2(ufds, 0);
}
