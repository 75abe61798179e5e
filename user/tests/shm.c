/*
 * System V shared memory: shmget's keys, sizes and errors; shmat at a
 * chosen, a given and a rounded address, read-only; shmdt; the shmctl
 * commands; two processes seeing each other's writes; a segment removed
 * while attached staying usable until its last detach; shm_nattch across
 * fork, exec, exit and the splits mprotect makes.
 *
 * The program execs itself for the exec case: argv[1] == "--nattch ID"
 * exits with the segment's shm_nattch as seen from the new image.
 *
 * Built with our libc for the kernel and with musl-gcc -static for the
 * Linux host, where every case must pass too.
 */
#define _GNU_SOURCE
#include "harness.h"
#include "ipc_helpers.h"

#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096UL

static const char *self_path;

static long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) < 0 ? -1 : (long)ds.shm_nattch;
}

TEST(shmget_keys_and_sizes)
{
	key_t key = test_key(1);
	int id = new_shm(key, 5000, IPC_CREAT | 0600);
	struct shmid_ds ds;

	ASSERT_GE(id, 0);
	/* The same key finds it, with any size up to its own, or 0. */
	EXPECT_EQ(shmget(key, 5000, 0600), id);
	EXPECT_EQ(shmget(key, 0, 0), id);
	EXPECT_EQ(shmget(key, 1, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(shmget(key, 5001, 0600), EINVAL);
	EXPECT_ERRNO(shmget(key, 100, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	/* shm_segsz is the size asked for; the mapping is whole pages. */
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_segsz, 5000);
	EXPECT_EQ(ds.shm_perm.__key, key);
	EXPECT_EQ(ds.shm_perm.mode & 0777, 0600);
	EXPECT_EQ(ds.shm_nattch, 0);
	/* IPC_PRIVATE always makes a new one. */
	int other = new_shm(IPC_PRIVATE, PAGE, 0600);
	int third = new_shm(IPC_PRIVATE, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	EXPECT_GE(other, 0);
	EXPECT_GE(third, 0);
	EXPECT_NE(other, id);
	EXPECT_NE(other, third);
	EXPECT_EQ(rm_shm(other), 0);
	EXPECT_EQ(rm_shm(third), 0);
	EXPECT_EQ(rm_shm(id), 0);
	EXPECT_ERRNO(shmget(key, 0, 0), ENOENT);
}

TEST(shmget_errors)
{
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 0, 0600), EINVAL);          /* < SHMMIN */
	EXPECT_ERRNO(shmget(IPC_PRIVATE, (size_t)-1, 0600), EINVAL); /* > SHMMAX */
	/* More than all memory (the overcommit heuristic). */
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 1UL << 46, 0600), ENOMEM);
	EXPECT_ERRNO(shmget(test_key(2), PAGE, 0600), ENOENT);
	EXPECT_ERRNO(shmctl(-1, IPC_RMID, NULL), EINVAL);
	EXPECT_ERRNO(shmctl(0x7ffffff0, IPC_RMID, NULL), EINVAL);
	EXPECT_ERRNO(shmat(-1, NULL, 0), EINVAL);
	EXPECT_ERRNO(shmat(0x7ffffff0, NULL, 0), EINVAL);

	int id = new_shm(IPC_PRIVATE, PAGE, 0600);
	struct shmid_ds ds;
	ASSERT_GE(id, 0);
	EXPECT_ERRNO(shmctl(id, 99, &ds), EINVAL);
	EXPECT_ERRNO(shmctl(id, -1, &ds), EINVAL);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, (struct shmid_ds *)8), EFAULT);
	EXPECT_ERRNO(shmctl(id, IPC_SET, (struct shmid_ds *)8), EFAULT);
	EXPECT_ERRNO(shmctl(id, IPC_INFO, (struct shmid_ds *)8), EFAULT);
	/* IPC_SET with no user (-1) as the owner. */
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	ds.shm_perm.uid = (uid_t)-1;
	EXPECT_ERRNO(shmctl(id, IPC_SET, &ds), EINVAL);
	EXPECT_EQ(rm_shm(id), 0);
	/* The id is stale now. */
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);
	EXPECT_ERRNO(shmctl(id, IPC_RMID, NULL), EINVAL);
}

TEST(two_processes_see_each_others_writes)
{
	int id = new_shm(IPC_PRIVATE, 2 * PAGE, 0600);
	int to_parent[2], to_child[2];
	char c;
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(to_parent), 0);
	ASSERT_EQ(pipe(to_child), 0);
	volatile uint32_t *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	p[0] = 0x1234;

	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		/* Its own attach, at an address of its choosing. */
		volatile uint32_t *q = shmat(id, NULL, 0);

		if (q == (void *)-1 || q[0] != 0x1234)
			_exit(1);
		q[PAGE / 4] = 0xabcd;
		/* Wait for the parent's answer. */
		if (write(to_parent[1], "x", 1) != 1 || read(to_child[0], &c, 1) != 1)
			_exit(2);
		_exit(q[1] == 0x5678 && p[1] == 0x5678 ? 0 : 3);
	}
	ASSERT_EQ(read(to_parent[0], &c, 1), 1);
	EXPECT_EQ(p[PAGE / 4], 0xabcd);
	p[1] = 0x5678;
	ASSERT_EQ(write(to_child[1], "y", 1), 1);
	EXPECT_EQ(reap(pid), 0);
	EXPECT_EQ(shmdt((void *)p), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(removed_while_attached_lives_until_last_detach)
{
	key_t key = test_key(3);
	int id = new_shm(key, PAGE, IPC_CREAT | 0600);
	struct shmid_ds ds;
	ASSERT_GE(id, 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	strcpy(p, "still here");

	ASSERT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	/* Marked SHM_DEST, its key private: shmget finds it no more. */
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_TRUE(ds.shm_perm.mode & SHM_DEST);
	EXPECT_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	EXPECT_EQ(ds.shm_nattch, 1);
	EXPECT_ERRNO(shmget(key, 0, 0), ENOENT);
	/* Usable meanwhile, even for a new attach (Linux allows it). */
	EXPECT_STREQ(p, "still here");
	char *q = shmat(id, NULL, 0);
	ASSERT_TRUE(q != (void *)-1);
	EXPECT_STREQ(q, "still here");
	EXPECT_EQ(nattch(id), 2);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(nattch(id), 1);
	EXPECT_EQ(shmdt(q), 0);
	/* The last detach destroyed it. */
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);
	rm_shm(id);     /* only forgets it */
}

TEST(nattch_across_fork_exec_and_exit)
{
	int id = new_shm(IPC_PRIVATE, PAGE, 0600);
	int go[2];
	ASSERT_GE(id, 0);
	ASSERT_EQ(pipe(go), 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	EXPECT_EQ(nattch(id), 1);

	/* fork: the child inherits the attach; its exit detaches it. */
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char c;

		_exit(read(go[0], &c, 1) == 1 ? 0 : 1);
	}
	EXPECT_EQ(nattch(id), 2);
	ASSERT_EQ(write(go[1], "x", 1), 1);
	EXPECT_EQ(reap(pid), 0);
	EXPECT_EQ(nattch(id), 1);

	/* exec: the new image has no attach; it reports nattch itself. */
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char arg[16];

		snprintf(arg, sizeof(arg), "%d", id);
		if (nattch(id) != 2)
			_exit(100);
		execl(self_path, self_path, "--nattch", arg, (char *)NULL);
		_exit(101);
	}
	EXPECT_EQ(reap(pid), 1);

	/* /bin/true too, then exit. */
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(101);
	}
	EXPECT_EQ(reap(pid), 0);
	EXPECT_EQ(nattch(id), 1);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(nattch(id), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(nattch_counts_pieces_and_shmdt_takes_them_all)
{
	int id = new_shm(IPC_PRIVATE, 3 * PAGE, 0600);
	ASSERT_GE(id, 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	/* Splitting the mapping in three: Linux counts each VMA. */
	ASSERT_EQ(mprotect(p + PAGE, PAGE, PROT_READ), 0);
	EXPECT_EQ(nattch(id), 3);
	/* Only the address of the attach detaches it. */
	EXPECT_ERRNO(shmdt(p + PAGE), EINVAL);
	EXPECT_ERRNO(shmdt(p + 1), EINVAL);
	/* Even with its first page unmapped. */
	ASSERT_EQ(munmap(p, PAGE), 0);
	EXPECT_EQ(nattch(id), 2);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(nattch(id), 0);
	EXPECT_ERRNO(shmdt(p), EINVAL);
	EXPECT_ERRNO(shmdt(NULL), EINVAL);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(shmat_addresses)
{
	int id = new_shm(IPC_PRIVATE, 2 * PAGE, 0600);
	ASSERT_GE(id, 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	EXPECT_EQ((uintptr_t)p % SHMLBA, 0);
	ASSERT_EQ(shmdt(p), 0);

	/* A given address, used as is. */
	EXPECT_EQ(shmat(id, p, 0), p);
	/* Taken already: only SHM_REMAP replaces what is there. */
	EXPECT_ERRNO(shmat(id, p, 0), EINVAL);
	EXPECT_ERRNO(shmat(id, p + PAGE, 0), EINVAL);
	EXPECT_EQ(shmat(id, p, SHM_REMAP), p);
	EXPECT_EQ(nattch(id), 1);
	EXPECT_ERRNO(shmat(id, NULL, SHM_REMAP), EINVAL);
	ASSERT_EQ(shmdt(p), 0);

	/* A misaligned address: EINVAL, or rounded down with SHM_RND. */
	EXPECT_ERRNO(shmat(id, p + 100, 0), EINVAL);
	EXPECT_EQ(shmat(id, p + 100, SHM_RND), p);
	ASSERT_EQ(shmdt(p), 0);
	/* Past the end of user space, or wrapping around. */
	EXPECT_ERRNO(shmat(id, (void *)0x7ffffffff000UL, 0), ENOMEM);
	EXPECT_ERRNO(shmat(id, (void *)-PAGE, 0), EINVAL);
	EXPECT_EQ(nattch(id), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(shm_rdonly_attach_cannot_write)
{
	int id = new_shm(IPC_PRIVATE, PAGE, 0600);
	ASSERT_GE(id, 0);
	char *rw = shmat(id, NULL, 0);
	char *ro = shmat(id, NULL, SHM_RDONLY);
	ASSERT_TRUE(rw != (void *)-1);
	ASSERT_TRUE(ro != (void *)-1);
	rw[10] = 42;
	EXPECT_EQ(ro[10], 42);

	fflush(stdout);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		ro[10] = 1;
		_exit(0);
	}
	EXPECT_EQ(reap(pid), 128 + SIGSEGV);
	EXPECT_EQ(rw[10], 42);
	/* Nor can mprotect make it writable (Linux: no VM_MAYWRITE). */
	EXPECT_ERRNO(mprotect(ro, PAGE, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_EQ(mprotect(ro, PAGE, PROT_NONE), 0);
	EXPECT_EQ(mprotect(ro, PAGE, PROT_READ), 0);
	EXPECT_EQ(ro[10], 42);
	EXPECT_EQ(shmdt(ro), 0);
	EXPECT_EQ(shmdt(rw), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(shmctl_stat_set_and_times)
{
	time_t before = time(NULL);
	int id = new_shm(IPC_PRIVATE, PAGE, 0640);
	struct shmid_ds ds;
	ASSERT_GE(id, 0);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.uid, geteuid());
	EXPECT_EQ(ds.shm_perm.cuid, geteuid());
	EXPECT_EQ(ds.shm_perm.gid, getegid());
	EXPECT_EQ(ds.shm_perm.cgid, getegid());
	EXPECT_EQ(ds.shm_perm.mode, 0640);
	EXPECT_EQ(ds.shm_cpid, getpid());
	EXPECT_EQ(ds.shm_lpid, 0);
	EXPECT_EQ(ds.shm_atime, 0);
	EXPECT_EQ(ds.shm_dtime, 0);
	EXPECT_GE(ds.shm_ctime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */
	EXPECT_LE(ds.shm_ctime, time(NULL));

	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_lpid, getpid());
	EXPECT_GE(ds.shm_atime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */
	ASSERT_EQ(shmdt(p), 0);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_GE(ds.shm_dtime, before - 1);	/* Linux stamps with a coarse clock, up to 1 s behind time() */

	/* IPC_SET changes the owner and the 0777 bits only. */
	ds.shm_perm.mode = 01604;
	ds.shm_perm.gid = 1234;
	ASSERT_EQ(shmctl(id, IPC_SET, &ds), 0);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.mode, 0604);
	EXPECT_EQ(ds.shm_perm.gid, 1234);
	EXPECT_EQ(ds.shm_perm.cgid, getegid());

	/* SHM_LOCK only sets a flag here (nothing swaps). */
	ASSERT_EQ(shmctl(id, SHM_LOCK, NULL), 0);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_TRUE(ds.shm_perm.mode & SHM_LOCKED);
	ASSERT_EQ(shmctl(id, SHM_UNLOCK, NULL), 0);
	ASSERT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.mode & SHM_LOCKED, 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(shmctl_info_and_stat_by_index)
{
	int id = new_shm(IPC_PRIVATE, 3 * PAGE, 0600);
	struct shminfo info;
	struct shm_info usage;
	struct shmid_ds ds;
	ASSERT_GE(id, 0);
	char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	p[0] = 1;                       /* one page in memory */

	/* Both return the highest slot in use: ours is at most that. */
	int max = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
	ASSERT_GE(max, 0);
	EXPECT_EQ(info.shmmni, 4096);
	EXPECT_EQ(info.shmmin, 1);
	EXPECT_EQ(info.shmseg, 4096);
	EXPECT_EQ(info.shmmax, ~0UL - (1UL << 24));
	EXPECT_EQ(info.shmall, ~0UL - (1UL << 24));
	EXPECT_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&usage), max);
	EXPECT_GE(usage.used_ids, 1);
	EXPECT_GE(usage.shm_tot, 3);
	EXPECT_GE(usage.shm_rss, 1);

	/* ipcs's walk: SHM_STAT_ANY by slot gives the id. */
	int found = 0;
	for (int idx = 0; idx <= max; idx++) {
		int got = shmctl(idx, SHM_STAT_ANY, &ds);

		if (got == id) {
			found = 1;
			EXPECT_EQ(ds.shm_segsz, 3 * PAGE);
			EXPECT_EQ(ds.shm_nattch, 1);
			EXPECT_EQ(shmctl(idx, SHM_STAT, &ds), id);
		}
	}
	EXPECT_TRUE(found);
	EXPECT_ERRNO(shmctl(max + 1, SHM_STAT_ANY, &ds), EINVAL);
	EXPECT_ERRNO(shmctl(40000, SHM_STAT, &ds), EINVAL);
	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

TEST(pages_are_zero_and_shared_not_copied)
{
	int id = new_shm(IPC_PRIVATE, 4 * PAGE, 0600);
	ASSERT_GE(id, 0);
	volatile char *p = shmat(id, NULL, 0);
	ASSERT_TRUE(p != (void *)-1);
	for (unsigned long i = 0; i < 4 * PAGE; i += 512)
		ASSERT_EQ(p[i], 0);

	/* A write after fork is seen on the other side: no COW. */
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		for (unsigned long i = 0; i < 4; i++)
			p[i * PAGE + 7] = 'a' + i;
		_exit(0);
	}
	EXPECT_EQ(reap(pid), 0);
	for (unsigned long i = 0; i < 4; i++)
		EXPECT_EQ(p[i * PAGE + 7], 'a' + (int)i);
	EXPECT_EQ(shmdt((void *)p), 0);
	EXPECT_EQ(rm_shm(id), 0);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--nattch") == 0)
		return (int)nattch(atoi(argv[2]));
	/* init starts us as "shm" from /tests; the host's runner by path. */
	self_path = strchr(argv[0], '/') ? argv[0] : "/tests/shm";
	return run_ipc_tests();
}
