/*
 * System V IPC permissions between root and ordinary users: each case
 * has root create an object, then a child drop to another user
 * (setuid/setgid) and try it. The rwx bits of the owner, the group and
 * the others decide access (EACCES); only the owner, the creator and
 * root may IPC_SET or IPC_RMID (EPERM); root passes every check.
 *
 * Needs root: as anyone else each case only says it skipped. Built with
 * our libc for the kernel and with musl-gcc -static for the Linux host,
 * where every case must pass too.
 */
#define _GNU_SOURCE
#include "harness.h"
#include "ipc_helpers.h"

#define USER  1000
#define GROUP 1000
#define OTHER 2000

/* The harness has no skip result: say so, and pass. */
#define REQUIRE_ROOT()                                                      \
	do {                                                                \
		if (geteuid() != 0) {                                       \
			printf("    # SKIP needs root\n");                   \
			return;                                             \
		}                                                           \
	} while (0)

/*
 * Run fn(id) in a child as uid/gid: it returns 0 when every check
 * passed, else the line of the one that failed. The test's result.
 */
static int as_user(uid_t uid, gid_t gid, int (*fn)(int), int id)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(gid) < 0 || setuid(uid) < 0)
			_exit(255);
		_exit(fn(id));
	}
	return pid < 0 ? -1 : reap(pid);
}

/* In a child: the call must fail with err, else exit with the line. */
#define CHILD_ERRNO(call, err)                                              \
	do {                                                                \
		errno = 0;                                                  \
		if ((long)(call) != -1 || errno != (err))                   \
			return __LINE__ % 250 + 1;                          \
	} while (0)
#define CHILD_OK(call)                                                      \
	do {                                                                \
		if ((long)(call) == -1)                                     \
			return __LINE__ % 250 + 1;                          \
	} while (0)

static int shm_denied(int id)
{
	struct shmid_ds ds;

	CHILD_ERRNO(shmat(id, NULL, 0), EACCES);
	CHILD_ERRNO(shmat(id, NULL, SHM_RDONLY), EACCES);
	CHILD_ERRNO(shmctl(id, IPC_STAT, &ds), EACCES);
	/* By slot (the id's low bits) as ipcs does: only _ANY may look. */
	CHILD_ERRNO(shmctl(id % 32768, SHM_STAT, &ds), EACCES);
	CHILD_OK(shmctl(id % 32768, SHM_STAT_ANY, &ds));
	CHILD_ERRNO(shmctl(id, IPC_RMID, NULL), EPERM);
	CHILD_ERRNO(shmctl(id, SHM_LOCK, NULL), EPERM);
	memset(&ds, 0, sizeof(ds));
	ds.shm_perm.mode = 0666;
	CHILD_ERRNO(shmctl(id, IPC_SET, &ds), EPERM);
	return 0;
}

static int shm_read_only(int id)
{
	struct shmid_ds ds;
	char *p;

	CHILD_ERRNO(shmat(id, NULL, 0), EACCES);
	CHILD_OK(p = shmat(id, NULL, SHM_RDONLY));
	if (strcmp(p, "root's") != 0)
		return 2;
	CHILD_OK(shmctl(id, IPC_STAT, &ds));
	CHILD_OK(shmdt(p));
	CHILD_ERRNO(shmctl(id, IPC_RMID, NULL), EPERM);
	return 0;
}

static int shm_read_write(int id)
{
	char *p;

	CHILD_OK(p = shmat(id, NULL, 0));
	strcpy(p, "user's");
	CHILD_OK(shmdt(p));
	return 0;
}

static int shm_owner_controls(int id)
{
	struct shmid_ds ds;

	/* The owner, though not the creator, and without the read bit
	 * IPC_STAT would need: IPC_SET and IPC_RMID. */
	CHILD_ERRNO(shmctl(id, IPC_STAT, &ds), EACCES);
	memset(&ds, 0, sizeof(ds));
	ds.shm_perm.uid = USER;
	ds.shm_perm.gid = GROUP;
	ds.shm_perm.mode = 0600;
	CHILD_OK(shmctl(id, IPC_SET, &ds));
	CHILD_OK(shmctl(id, IPC_RMID, NULL));
	return 0;
}

TEST(shm_permissions)
{
	REQUIRE_ROOT();
	key_t key = test_key(1);
	int id = new_shm(key, 4096, IPC_CREAT | 0600);
	struct shmid_ds ds;
	ASSERT_GE(id, 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	strcpy(p, "root's");

	EXPECT_EQ(as_user(USER, GROUP, shm_denied, id), 0);
	/* Others may read. */
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	ds.shm_perm.mode = 0604;
	ASSERT_EQ(shmctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(as_user(USER, GROUP, shm_read_only, id), 0);
	/* The group may write; someone outside it may not. */
	ds.shm_perm.mode = 0660;
	ds.shm_perm.gid = GROUP;
	ASSERT_EQ(shmctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(as_user(OTHER, GROUP, shm_read_write, id), 0);
	EXPECT_STREQ(p, "user's");
	EXPECT_EQ(as_user(OTHER, OTHER, shm_denied, id), 0);
	/* Root passes whatever the bits say. */
	ds.shm_perm.mode = 0;
	ASSERT_EQ(shmctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	char *q = shmat(id, NULL, 0);
	EXPECT_TRUE(q != (void *)-1);
	EXPECT_EQ(shmdt(q), 0);
	/* The owner made a user: that user may control it. */
	ds.shm_perm.uid = USER;
	ASSERT_EQ(shmctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(as_user(USER, OTHER, shm_owner_controls, id), 0);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_ERRNO(shmget(key, 0, 0), ENOENT);
	rm_shm(id);
}

static int shmget_by_key(int key)
{
	/* No access bits asked: found. Any: EACCES. */
	CHILD_OK(shmget(key, 0, 0));
	CHILD_ERRNO(shmget(key, 0, 0400), EACCES);
	CHILD_ERRNO(shmget(key, 0, 0004), EACCES);
	return 0;
}

TEST(get_by_key_checks_the_bits_asked_for)
{
	REQUIRE_ROOT();
	key_t key = test_key(2);
	int id = new_shm(key, 4096, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(as_user(USER, GROUP, shmget_by_key, key), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

static int sem_denied(int id)
{
	struct sembuf sop = { 0, 1, 0 };
	union semun arg = { .val = 1 };

	CHILD_ERRNO(semop(id, &sop, 1), EACCES);
	CHILD_ERRNO(semctl(id, 0, GETVAL), EACCES);
	CHILD_ERRNO(semctl(id, 0, SETVAL, arg), EACCES);
	CHILD_ERRNO(semctl(id, 0, IPC_RMID), EPERM);
	return 0;
}

static int sem_read_only(int id)
{
	struct sembuf wait_zero = { 0, 0, IPC_NOWAIT }, post = { 0, 1, 0 };
	union semun arg = { .val = 1 };

	/* Reading covers waiting for zero; changing a value is writing. */
	CHILD_OK(semop(id, &wait_zero, 1));
	CHILD_OK(semctl(id, 0, GETVAL));
	CHILD_ERRNO(semop(id, &post, 1), EACCES);
	CHILD_ERRNO(semctl(id, 0, SETVAL, arg), EACCES);
	return 0;
}

TEST(sem_permissions)
{
	REQUIRE_ROOT();
	int id = new_sem(IPC_PRIVATE, 1, 0600);
	struct semid_ds ds;
	union semun arg = { .buf = &ds };
	ASSERT_GE(id, 0);
	EXPECT_EQ(as_user(USER, GROUP, sem_denied, id), 0);
	ASSERT_EQ(semctl(id, 0, IPC_STAT, arg), 0);
	ds.sem_perm.mode = 0644;
	ASSERT_EQ(semctl(id, 0, IPC_SET, arg), 0);
	EXPECT_EQ(as_user(USER, GROUP, sem_read_only, id), 0);
	EXPECT_EQ(rm_sem(id), 0);
}

static int msg_denied(int id)
{
	struct { long mtype; char text[8]; } m = { 1, "x" };

	CHILD_ERRNO(msgsnd(id, &m, 2, IPC_NOWAIT), EACCES);
	CHILD_ERRNO(msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT), EACCES);
	CHILD_ERRNO(msgctl(id, IPC_RMID, NULL), EPERM);
	return 0;
}

static int msg_owner_qbytes(int id)
{
	struct msqid_ds ds;

	/* The owner may change msg_qbytes up to MSGMNB, not beyond. */
	CHILD_OK(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 16385;
	CHILD_ERRNO(msgctl(id, IPC_SET, &ds), EPERM);
	ds.msg_qbytes = 1000;
	CHILD_OK(msgctl(id, IPC_SET, &ds));
	return 0;
}

TEST(msg_permissions)
{
	REQUIRE_ROOT();
	int id = new_msg(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	ASSERT_GE(id, 0);
	EXPECT_EQ(as_user(USER, GROUP, msg_denied, id), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	ds.msg_perm.uid = USER;
	ASSERT_EQ(msgctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(as_user(USER, GROUP, msg_owner_qbytes, id), 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qbytes, 1000);
	EXPECT_EQ(rm_msg(id), 0);
}

/* An ordinary user's own object: root may use it, another user not. */
static int make_private_queue(int key)
{
	return track(KIND_MSG, msgget(key, IPC_CREAT | 0600)) < 0 ? 1 : 0;
}

TEST(users_own_objects)
{
	REQUIRE_ROOT();
	struct msqid_ds ds;

	ASSERT_EQ(as_user(USER, GROUP, make_private_queue, test_key(3)), 0);
	int id = msgget(test_key(3), 0600);
	ASSERT_GE(id, 0);
	ASSERT_EQ(msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_perm.uid, USER);
	EXPECT_EQ(ds.msg_perm.cuid, USER);
	EXPECT_EQ(ds.msg_perm.cgid, GROUP);
	EXPECT_EQ(as_user(OTHER, OTHER, msg_denied, id), 0);
	EXPECT_EQ(rm_msg(id), 0);
}

int main(void)
{
	return run_ipc_tests();
}
