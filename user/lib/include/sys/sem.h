/* System V semaphores: constants, struct sembuf and struct seminfo are
 * the kernel's (uapi/ipc.h); struct semid_ds is its semid64_ds. */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <time.h>

struct semid_ds {
	struct ipc_perm sem_perm;
	time_t sem_otime;
	unsigned long __unused1;
	time_t sem_ctime;
	unsigned long __unused2;
	unsigned long sem_nsems;
	unsigned long __unused3;
	unsigned long __unused4;
};
_Static_assert(sizeof(struct semid_ds) == sizeof(struct semid64_ds), "semid_ds");

/*
 * semctl's fourth argument, when the command takes one, is a union semun
 * that the program itself defines (POSIX), as:
 *	union semun { int val; struct semid_ds *buf; unsigned short *array; };
 */
int semget(key_t key, int nsems, int flags);
int semop(int semid, struct sembuf *sops, size_t nsops);
int semtimedop(int semid, struct sembuf *sops, size_t nsops,
	       const struct timespec *timeout);
int semctl(int semid, int semnum, int cmd, ...);

#endif
