/*
 * System V IPC, the Linux x86-64 ABI: the constants and the structures
 * shmctl, semctl and msgctl read and write (Linux's
 * include/uapi/asm-generic/{ipcbuf,shmbuf,sembuf,msgbuf}.h, which x86-64
 * uses, and include/uapi/linux/{ipc,shm,sem,msg}.h). Every long is 64
 * bits; the comments give the byte offsets user space relies on.
 */
#ifndef _UAPI_IPC_H
#define _UAPI_IPC_H

#include <stdint.h>

/* ------------------------------ common ---------------------------------- */

#define IPC_PRIVATE 0           /* the key that always makes a new object */

/* The *get flags, with the permission bits (0777) in the low ones. */
#define IPC_CREAT  01000
#define IPC_EXCL   02000
#define IPC_NOWAIT 04000        /* semop, msgsnd, msgrcv: fail, do not wait */

/* The *ctl commands every kind has. */
#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2
#define IPC_INFO 3
/* "The new structures": 32-bit ABIs mark their commands with it. */
#define IPC_64   0x100

struct ipc64_perm {                     /* 48 bytes */
	int32_t key;                    /* 0 */
	uint32_t uid, gid;              /* 4, 8: the owner */
	uint32_t cuid, cgid;            /* 12, 16: the creator */
	uint32_t mode;                  /* 20: 0777 bits and SHM_DEST... */
	uint16_t seq;                   /* 24 */
	uint16_t __pad2;
	uint64_t __unused1, __unused2;
};

/* ------------------------------ shared memory ---------------------------- */

#define SHMMIN 1UL
#define SHMMNI 4096
/* Linux's defaults: as good as unlimited, with room to add to without
 * overflowing (include/uapi/linux/shm.h). SHMALL counts pages. */
#define SHMMAX (~0UL - (1UL << 24))
#define SHMALL (~0UL - (1UL << 24))
#define SHMSEG SHMMNI
#define SHMLBA 4096             /* x86: shmat addresses are page aligned */

/* shmat flags */
#define SHM_RDONLY 010000
#define SHM_RND    020000       /* round the address down to SHMLBA */
#define SHM_REMAP  040000       /* replace what is mapped there */
#define SHM_EXEC   0100000

/* In shm_perm.mode, beside the permission bits. */
#define SHM_DEST   01000        /* removed: destroyed at the last detach */
#define SHM_LOCKED 02000

/* shmctl commands beside IPC_* */
#define SHM_LOCK     11
#define SHM_UNLOCK   12
#define SHM_STAT     13
#define SHM_INFO     14
#define SHM_STAT_ANY 15

struct shmid64_ds {                     /* 112 bytes */
	struct ipc64_perm shm_perm;     /* 0 */
	uint64_t shm_segsz;             /* 48: bytes, as asked */
	int64_t shm_atime;              /* 56 */
	int64_t shm_dtime;              /* 64 */
	int64_t shm_ctime;              /* 72 */
	int32_t shm_cpid;               /* 80 */
	int32_t shm_lpid;               /* 84: last shmat/shmdt */
	uint64_t shm_nattch;            /* 88 */
	uint64_t __unused4, __unused5;
};

struct shminfo64 {                      /* IPC_INFO */
	uint64_t shmmax, shmmin, shmmni, shmseg, shmall;
	uint64_t __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {                       /* SHM_INFO */
	int32_t used_ids;
	uint64_t shm_tot;               /* pages of all segments */
	uint64_t shm_rss;               /* of those, pages in memory */
	uint64_t shm_swp;
	uint64_t swap_attempts, swap_successes;
};

/* ------------------------------ semaphores ------------------------------- */

#define SEMMNI 32000
#define SEMMSL 32000            /* semaphores per set */
#define SEMMNS (SEMMNI * SEMMSL)
#define SEMOPM 500              /* operations per semop */
#define SEMVMX 32767            /* the largest value */
#define SEMAEM SEMVMX           /* the largest undo adjustment */
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

/* sem_flg */
#define SEM_UNDO 0x1000         /* IPC_NOWAIT is the other one */

/* semctl commands beside IPC_* */
#define GETPID       11
#define GETVAL       12
#define GETALL       13
#define GETNCNT      14
#define GETZCNT      15
#define SETVAL       16
#define SETALL       17
#define SEM_STAT     18
#define SEM_INFO     19
#define SEM_STAT_ANY 20

struct semid64_ds {                     /* 104 bytes */
	struct ipc64_perm sem_perm;     /* 0 */
	int64_t sem_otime;              /* 48: last semop */
	uint64_t __unused1;
	int64_t sem_ctime;              /* 64: last change by semctl */
	uint64_t __unused2;
	uint64_t sem_nsems;             /* 80 */
	uint64_t __unused3, __unused4;
};

struct sembuf {                         /* 6 bytes */
	uint16_t sem_num;
	int16_t sem_op;
	int16_t sem_flg;
};

struct seminfo {                        /* IPC_INFO, SEM_INFO */
	int32_t semmap, semmni, semmns, semmnu, semmsl;
	int32_t semopm, semume, semusz, semvmx, semaem;
};

/* ------------------------------ message queues --------------------------- */

#define MSGMNI 32000
#define MSGMAX 8192             /* bytes in one message */
#define MSGMNB 16384            /* default bytes in a queue (msg_qbytes) */
/* The rest of struct msginfo: Linux's historical values. */
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL  MSGMNB
#define MSGMAP  MSGMNB
#define MSGSSZ  16
#define MSGSEG  0xffff          /* MSGPOOL * 1024 / MSGSSZ, capped */

/* msgrcv flags */
#define MSG_NOERROR 010000      /* truncate a long message, no E2BIG */
#define MSG_EXCEPT  020000      /* the first message not of the type */
#define MSG_COPY    040000      /* copy the msgtyp'th message, keep it */

/* msgctl commands beside IPC_* */
#define MSG_STAT     11
#define MSG_INFO     12
#define MSG_STAT_ANY 13

/* What msgsnd sends and msgrcv fills: the type, then msgsz bytes.
 * Programs usually declare their own under this very name, so user space
 * gets it only with _GNU_SOURCE, as from glibc and musl. */
#if defined(__KERNEL__) || defined(_GNU_SOURCE)
struct msgbuf {
	int64_t mtype;                  /* > 0 */
	char mtext[];
};
#endif

struct msqid64_ds {                     /* 120 bytes */
	struct ipc64_perm msg_perm;     /* 0 */
	int64_t msg_stime;              /* 48: last msgsnd */
	int64_t msg_rtime;              /* 56: last msgrcv */
	int64_t msg_ctime;              /* 64: last change */
	uint64_t msg_cbytes;            /* 72: bytes queued */
	uint64_t msg_qnum;              /* 80: messages queued */
	uint64_t msg_qbytes;            /* 88: the queue's limit in bytes */
	int32_t msg_lspid;              /* 96 */
	int32_t msg_lrpid;              /* 100 */
	uint64_t __unused4, __unused5;
};

struct msginfo {                        /* IPC_INFO, MSG_INFO */
	int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	uint16_t msgseg;
};

#endif
