/*
 * ipcs: the System V IPC objects, laid out as util-linux's ipcs does.
 *
 *	ipcs [-q] [-m] [-s] [-a]	message queues, shared memory segments,
 *					semaphore arrays (no option, -a: all)
 *	ipcs -l [-q] [-m] [-s]		the limits
 *	ipcs -u [-q] [-m] [-s]		the usage
 *
 * It walks the objects as ipcs does on Linux: *_INFO returns the highest
 * slot in use, and *_STAT_ANY on each slot up to it returns the id of the
 * object there (EINVAL for an empty slot), with no permission needed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

/* The user's name from /etc/passwd (name:password:uid:...), or the
 * number as util-linux falls back to: this kernel's initrd has none. */
static void print_owner(uid_t uid)
{
	FILE *f = fopen("/etc/passwd", "r");
	char line[256];

	while (f && fgets(line, sizeof(line), f)) {
		char *password = strchr(line, ':');
		char *id = password ? strchr(password + 1, ':') : NULL;

		if (id && strtoul(id + 1, NULL, 10) == uid) {
			*password = '\0';
			printf("%-10.10s ", line);
			fclose(f);
			return;
		}
	}
	if (f)
		fclose(f);
	printf("%-10u ", uid);
}

static void list_queues(void)
{
	struct msginfo info;
	struct msqid_ds ds;
	int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);

	printf("------ Message Queues --------\n");
	printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms",
	       "used-bytes", "messages");
	for (int idx = 0; idx <= max; idx++) {
		int id = msgctl(idx, MSG_STAT_ANY, &ds);

		if (id < 0)
			continue;
		printf("0x%08x %-10d ", ds.msg_perm.__key, id);
		print_owner(ds.msg_perm.uid);
		printf("%-10o %-12lu %-12lu\n", ds.msg_perm.mode & 0777, ds.msg_cbytes,
		       ds.msg_qnum);
	}
	printf("\n");
}

static void list_segments(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	printf("------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms",
	       "bytes", "nattch", "status");
	for (int idx = 0; idx <= max; idx++) {
		int id = shmctl(idx, SHM_STAT_ANY, &ds);

		if (id < 0)
			continue;
		printf("0x%08x %-10d ", ds.shm_perm.__key, id);
		print_owner(ds.shm_perm.uid);
		printf("%-10o %-10lu %-10lu %-6s %-6s\n", ds.shm_perm.mode & 0777,
		       (unsigned long)ds.shm_segsz, ds.shm_nattch,
		       ds.shm_perm.mode & SHM_DEST ? "dest" : " ",
		       ds.shm_perm.mode & SHM_LOCKED ? "locked" : " ");
	}
	printf("\n");
}

static void list_arrays(void)
{
	struct seminfo info;
	struct semid_ds ds;
	union semun arg = { .__buf = &info };
	int max = semctl(0, 0, SEM_INFO, arg);

	printf("------ Semaphore Arrays --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	arg.buf = &ds;
	for (int idx = 0; idx <= max; idx++) {
		int id = semctl(idx, 0, SEM_STAT_ANY, arg);

		if (id < 0)
			continue;
		printf("0x%08x %-10d ", ds.sem_perm.__key, id);
		print_owner(ds.sem_perm.uid);
		printf("%-10o %-10lu\n", ds.sem_perm.mode & 0777, (unsigned long)ds.sem_nsems);
	}
	printf("\n");
}

static void limits(int queues, int segments, int arrays)
{
	if (queues) {
		struct msginfo info;

		msgctl(0, IPC_INFO, (struct msqid_ds *)&info);
		printf("------ Messages Limits --------\n");
		printf("max queues system wide = %d\n", info.msgmni);
		printf("max size of message (bytes) = %d\n", info.msgmax);
		printf("default max size of queue (bytes) = %d\n\n", info.msgmnb);
	}
	if (segments) {
		struct shminfo info;
		unsigned long kb_per_page = getpagesize() / 1024;

		shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
		/* SHMALL in KiB overflows: saturate, as util-linux does. */
		unsigned long total = info.shmall > -1UL / kb_per_page
				      ? -1UL / kb_per_page * kb_per_page
				      : info.shmall * kb_per_page;
		printf("------ Shared Memory Limits --------\n");
		printf("max number of segments = %lu\n", info.shmmni);
		printf("max seg size (kbytes) = %lu\n", info.shmmax / 1024);
		printf("max total shared memory (kbytes) = %lu\n", total);
		printf("min seg size (bytes) = %lu\n\n", info.shmmin);
	}
	if (arrays) {
		struct seminfo info;
		union semun arg = { .__buf = &info };

		semctl(0, 0, IPC_INFO, arg);
		printf("------ Semaphore Limits --------\n");
		printf("max number of arrays = %d\n", info.semmni);
		printf("max semaphores per array = %d\n", info.semmsl);
		printf("max semaphores system wide = %d\n", info.semmns);
		printf("max ops per semop call = %d\n", info.semopm);
		printf("semaphore max value = %d\n\n", info.semvmx);
	}
}

static void usage_summary(int queues, int segments, int arrays)
{
	if (queues) {
		struct msginfo info;

		msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
		printf("------ Messages Status --------\n");
		printf("allocated queues = %d\n", info.msgpool);
		printf("used headers = %d\n", info.msgmap);
		printf("used space = %d bytes\n\n", info.msgtql);
	}
	if (segments) {
		struct shm_info info;

		shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
		printf("------ Shared Memory Status --------\n");
		printf("segments allocated %d\n", info.used_ids);
		printf("pages allocated %lu\n", info.shm_tot);
		printf("pages resident  %lu\n", info.shm_rss);
		printf("pages swapped   %lu\n", info.shm_swp);
		printf("Swap performance: %lu attempts\t %lu successes\n\n",
		       info.swap_attempts, info.swap_successes);
	}
	if (arrays) {
		struct seminfo info;
		union semun arg = { .__buf = &info };

		semctl(0, 0, SEM_INFO, arg);
		printf("------ Semaphore Status --------\n");
		printf("used arrays = %d\n", info.semusz);
		printf("allocated semaphores = %d\n\n", info.semaem);
	}
}

int main(int argc, char **argv)
{
	int queues = 0, segments = 0, arrays = 0, mode = 0, c;

	while ((c = getopt(argc, argv, "qmsalu")) != -1) {
		switch (c) {
		case 'q': queues = 1; break;
		case 'm': segments = 1; break;
		case 's': arrays = 1; break;
		case 'a': queues = segments = arrays = 1; break;
		case 'l':
		case 'u': mode = c; break;
		default:
			fprintf(stderr, "usage: ipcs [-l | -u] [-q] [-m] [-s] [-a]\n");
			return 1;
		}
	}
	if (!queues && !segments && !arrays)
		queues = segments = arrays = 1;
	printf("\n");
	if (mode == 'l') {
		limits(queues, segments, arrays);
	} else if (mode == 'u') {
		usage_summary(queues, segments, arrays);
	} else {
		if (queues)
			list_queues();
		if (segments)
			list_segments();
		if (arrays)
			list_arrays();
	}
	return 0;
}
