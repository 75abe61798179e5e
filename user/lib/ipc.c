/* System V IPC: shared memory, semaphores, message queues. */
#include <stdarg.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include "syscall.h"

/*
 * Linux's recipe (glibc and musl agree): the low 16 bits of the inode, the
 * low 8 of the device and of proj_id.
 */
key_t ftok(const char *path, int proj_id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
		       ((unsigned)(proj_id & 0xff) << 24));
}

int shmget(key_t key, size_t size, int flags)
{
	return __syscall_ret(__syscall3(__NR_shmget, key, size, flags));
}

void *shmat(int shmid, const void *addr, int flags)
{
	return (void *)__syscall_ret(__syscall3(__NR_shmat, shmid, (long)addr,
						flags));
}

int shmdt(const void *addr)
{
	return __syscall_ret(__syscall1(__NR_shmdt, (long)addr));
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	return __syscall_ret(__syscall3(__NR_shmctl, shmid, cmd, (long)buf));
}

int semget(key_t key, int nsems, int flags)
{
	return __syscall_ret(__syscall3(__NR_semget, key, nsems, flags));
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
	return __syscall_ret(__syscall3(__NR_semop, semid, (long)sops, nsops));
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops,
	       const struct timespec *timeout)
{
	return __syscall_ret(__syscall4(__NR_semtimedop, semid, (long)sops,
					nsops, (long)timeout));
}

/*
 * The optional fourth argument is the caller's union semun (an int or a
 * pointer), passed by value; the kernel takes it as one register.  Only
 * read it for the commands that have one.
 */
union semun {
	int val;
	void *ptr;
};

int semctl(int semid, int semnum, int cmd, ...)
{
	union semun arg = { 0 };
	va_list ap;

	switch (cmd) {
	case SETVAL:
	case GETALL:
	case SETALL:
	case IPC_STAT:
	case IPC_SET:
	case IPC_INFO:
	case SEM_INFO:
	case SEM_STAT:
	case SEM_STAT_ANY:
		va_start(ap, cmd);
		arg = va_arg(ap, union semun);
		va_end(ap);
		break;
	}
	return __syscall_ret(__syscall4(__NR_semctl, semid, semnum, cmd,
					(long)arg.ptr));
}

int msgget(key_t key, int flags)
{
	return __syscall_ret(__syscall2(__NR_msgget, key, flags));
}

int msgsnd(int msqid, const void *msgp, size_t size, int flags)
{
	return __syscall_ret(__syscall4(__NR_msgsnd, msqid, (long)msgp, size,
					flags));
}

ssize_t msgrcv(int msqid, void *msgp, size_t size, long type, int flags)
{
	return __syscall_ret(__syscall5(__NR_msgrcv, msqid, (long)msgp, size,
					type, flags));
}

int msgctl(int msqid, int cmd, struct msqid_ds *buf)
{
	return __syscall_ret(__syscall3(__NR_msgctl, msqid, cmd, (long)buf));
}
