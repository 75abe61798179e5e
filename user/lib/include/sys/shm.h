/* System V shared memory: the constants and struct shm_info are the
 * kernel's (uapi/ipc.h); struct shmid_ds is its shmid64_ds, struct
 * shminfo its shminfo64, under POSIX's and glibc's names. */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>
#include <sys/types.h>

/* Permission bits for shmget, as the owner's. */
#define SHM_R 0400
#define SHM_W 0200

typedef unsigned long shmatt_t;

struct shmid_ds {
	struct ipc_perm shm_perm;
	size_t shm_segsz;
	time_t shm_atime;
	time_t shm_dtime;
	time_t shm_ctime;
	pid_t shm_cpid;
	pid_t shm_lpid;
	shmatt_t shm_nattch;
	unsigned long __unused4;
	unsigned long __unused5;
};
_Static_assert(sizeof(struct shmid_ds) == sizeof(struct shmid64_ds), "shmid_ds");

/* shmctl(IPC_INFO): the limits. */
struct shminfo {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall, __unused[4];
};
_Static_assert(sizeof(struct shminfo) == sizeof(struct shminfo64), "shminfo");

int shmget(key_t key, size_t size, int flags);
void *shmat(int shmid, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int shmid, int cmd, struct shmid_ds *buf);

#endif
