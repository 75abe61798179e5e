/* System V semaphores, Linux x86-64 layout (struct semid64_ds). */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <time.h>

/* semop flag: undo the operation when the process exits. */
#define SEM_UNDO 0x1000

/* semctl commands. */
#define GETPID   11
#define GETVAL   12
#define GETALL   13
#define GETNCNT  14
#define GETZCNT  15
#define SETVAL   16
#define SETALL   17
#define SEM_STAT     18
#define SEM_INFO     19
#define SEM_STAT_ANY 20

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

/* semctl(IPC_INFO) and semctl(SEM_INFO). */
struct seminfo {
	int semmap, semmni, semmns, semmnu, semmsl;
	int semopm, semume, semusz, semvmx, semaem;
};

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

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
