/*
 * In-kernel tests of the IPC registry (ipc/util.c): ids made of a slot
 * and a sequence number, so that a stale id fails; slots handed out
 * cyclically; keys found, made or refused by ipcget; the permission
 * checks for owner, group, other and root. They use a registry of their
 * own and free every object they make.
 */
#include "ipc.h"
#include "ktest.h"
#include "mm.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

static struct ipc_ids test_ids = IPC_IDS_INIT(test_ids, 8);

static int test_getnew(int key, int flg, unsigned long fail)
{
	if (fail)
		return -ENOSPC;
	struct kern_ipc_perm *perm = kzalloc(sizeof(*perm), 0);
	int id = perm ? ipc_addid(&test_ids, perm, key, flg) : -ENOMEM;

	if (id < 0)
		kfree(perm);
	return id;
}

/* An existing object refuses arg 2, as shmget refuses a larger size. */
static int test_more_checks(struct kern_ipc_perm *perm, unsigned long arg)
{
	(void)perm;
	return arg == 2 ? -EINVAL : 0;
}

static const struct ipc_ops test_ops = {
	.getnew = test_getnew,
	.more_checks = test_more_checks,
};

static int make(struct ipc_ids *ids, struct kern_ipc_perm **perm)
{
	*perm = kzalloc(sizeof(**perm), 0);
	return *perm ? ipc_addid(ids, *perm, IPC_PRIVATE, 0600) : -ENOMEM;
}

static void destroy(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	ipc_rmid(ids, perm);
	kfree(perm);
}

static void destroy_id(int id)
{
	mutex_lock(&test_ids.mutex);
	destroy(&test_ids, ipc_obtain_check(&test_ids, id));
	mutex_unlock(&test_ids.mutex);
}

KTEST(ipc, stale_id_fails_after_remove_and_recreate_in_same_slot)
{
	/* One slot only: every object lands in slot 0. */
	struct ipc_ids ids = IPC_IDS_INIT(ids, 1);
	struct kern_ipc_perm *a, *b;

	mutex_lock(&ids.mutex);
	int id_a = make(&ids, &a);
	KASSERT_TRUE(id_a >= 0);
	KEXPECT_EQ(id_a % IPC_SEQ_MULTIPLIER, 0);
	KEXPECT_TRUE(ipc_obtain_check(&ids, id_a) == a);
	struct kern_ipc_perm *c;
	KEXPECT_EQ(make(&ids, &c), -ENOSPC);    /* full */
	kfree(c);
	destroy(&ids, a);
	KEXPECT_TRUE(ipc_obtain_check(&ids, id_a) == NULL);

	int id_b = make(&ids, &b);
	KASSERT_TRUE(id_b >= 0);
	KEXPECT_EQ(id_b % IPC_SEQ_MULTIPLIER, 0);
	KEXPECT_NE(id_b, id_a);
	KEXPECT_EQ(id_b / IPC_SEQ_MULTIPLIER, b->seq);
	KEXPECT_TRUE(ipc_obtain_check(&ids, id_a) == NULL);
	KEXPECT_TRUE(ipc_obtain_check(&ids, id_b) == b);
	/* The slot itself is what *_STAT asks for. */
	KEXPECT_TRUE(ipc_obtain_idx(&ids, 0) == b);
	KEXPECT_TRUE(ipc_obtain_idx(&ids, 1) == NULL);
	KEXPECT_TRUE(ipc_obtain_check(&ids, -1) == NULL);
	destroy(&ids, b);
	KEXPECT_EQ(ids.in_use, 0);
	KEXPECT_TRUE(ids.entries == NULL);      /* the table went with the last */
	mutex_unlock(&ids.mutex);
}

KTEST(ipc, sequence_wraps_and_stays_positive)
{
	struct ipc_ids ids = IPC_IDS_INIT(ids, 1);
	struct kern_ipc_perm *a;

	mutex_lock(&ids.mutex);
	ids.seq = IPC_SEQ_MAX - 1;
	int id = make(&ids, &a);
	KEXPECT_EQ(id, (IPC_SEQ_MAX - 1) * IPC_SEQ_MULTIPLIER);
	destroy(&ids, a);
	id = make(&ids, &a);            /* slot 0 again: seq wraps to 0 */
	KEXPECT_EQ(id, 0);
	destroy(&ids, a);
	mutex_unlock(&ids.mutex);
}

KTEST(ipc, slots_are_handed_out_cyclically)
{
	struct ipc_ids ids = IPC_IDS_INIT(ids, 100);
	struct kern_ipc_perm *perm[4];
	int id[4];

	mutex_lock(&ids.mutex);
	for (int i = 0; i < 3; i++)
		id[i] = make(&ids, &perm[i]);
	KEXPECT_EQ(id[0], 0);
	KEXPECT_EQ(id[1], 1);
	KEXPECT_EQ(id[2], 2);
	KEXPECT_EQ(ipc_get_maxidx(&ids), 2);
	/* A freed slot is not reused at once: the next one is taken. */
	destroy(&ids, perm[1]);
	id[3] = make(&ids, &perm[3]);
	KEXPECT_EQ(id[3], 3);
	destroy(&ids, perm[3]);
	KEXPECT_EQ(ipc_get_maxidx(&ids), 2);
	destroy(&ids, perm[2]);
	KEXPECT_EQ(ipc_get_maxidx(&ids), 0);
	destroy(&ids, perm[0]);
	KEXPECT_EQ(ipc_get_maxidx(&ids), 0);
	KEXPECT_EQ(ids.max_idx, -1);
	mutex_unlock(&ids.mutex);
}

KTEST(ipc, ipcget_keys)
{
	int private1 = ipcget(&test_ids, &test_ops, IPC_PRIVATE, 0600, 0);
	int private2 = ipcget(&test_ids, &test_ops, IPC_PRIVATE, IPC_CREAT | IPC_EXCL, 0);

	KASSERT_TRUE(private1 >= 0 && private2 >= 0);
	KEXPECT_NE(private1, private2);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, 0600, 0), -ENOENT);
	int id = ipcget(&test_ids, &test_ops, 0x1234, IPC_CREAT | 0600, 0);
	KASSERT_TRUE(id >= 0);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, 0, 0), id);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, IPC_CREAT | 0600, 0), id);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, IPC_CREAT | IPC_EXCL, 0), -EEXIST);
	/* The kind's own check, and a failing creation, pass through. */
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, 0, 2), -EINVAL);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x5678, IPC_CREAT, 1), -ENOSPC);
	destroy_id(private1);
	destroy_id(private2);
	destroy_id(id);
	KEXPECT_EQ(ipcget(&test_ids, &test_ops, 0x1234, 0, 0), -ENOENT);
	KEXPECT_EQ(test_ids.in_use, 0);
}

/* Run the checks as euid/egid, then give current its ids back. */
struct as_user {
	uint32_t euid, egid;
};

static struct as_user become(uint32_t euid, uint32_t egid)
{
	struct as_user saved = { current->euid, current->egid };

	current->euid = euid;
	current->egid = egid;
	return saved;
}

static void restore(struct as_user saved)
{
	current->euid = saved.euid;
	current->egid = saved.egid;
}

KTEST(ipc, permission_bits_for_owner_group_other_and_root)
{
	struct kern_ipc_perm perm = {
		.uid = 100, .gid = 200, .cuid = 101, .cgid = 201, .mode = 0640,
	};
	struct as_user saved;

	/* The owner: rw-. The bits asked for may come in any triple. */
	saved = become(100, 999);
	KEXPECT_EQ(ipcperms(&perm, 0400), 0);
	KEXPECT_EQ(ipcperms(&perm, 0004), 0);
	KEXPECT_EQ(ipcperms(&perm, 0666), 0);
	KEXPECT_EQ(ipcperms(&perm, 0111), -EACCES);
	KEXPECT_EQ(ipcperms(&perm, 0), 0);
	/* The creator counts as the owner. */
	become(101, 999);
	KEXPECT_EQ(ipcperms(&perm, 0600), 0);
	/* The group, by gid or cgid: r--. */
	become(300, 200);
	KEXPECT_EQ(ipcperms(&perm, 0444), 0);
	KEXPECT_EQ(ipcperms(&perm, 0222), -EACCES);
	become(300, 201);
	KEXPECT_EQ(ipcperms(&perm, 0040), 0);
	KEXPECT_EQ(ipcperms(&perm, 0020), -EACCES);
	/* Others: ---, whatever the owner's and group's bits. */
	become(300, 300);
	KEXPECT_EQ(ipcperms(&perm, 0400), -EACCES);
	KEXPECT_EQ(ipcperms(&perm, 0), 0);
	/* The owner's class decides even when others have more. */
	perm.mode = 0007;
	become(100, 300);
	KEXPECT_EQ(ipcperms(&perm, 0004), -EACCES);
	/* Root passes all. */
	become(0, 0);
	KEXPECT_EQ(ipcperms(&perm, 0777), 0);
	restore(saved);
}

KTEST(ipc, only_owner_creator_or_root_control)
{
	struct kern_ipc_perm perm = { .uid = 100, .gid = 200, .cuid = 101, .cgid = 201 };
	struct as_user saved = become(100, 0);

	KEXPECT_EQ(ipc_check_owner(&perm), 0);
	become(101, 0);
	KEXPECT_EQ(ipc_check_owner(&perm), 0);
	become(102, 200);                       /* the group is not enough */
	KEXPECT_EQ(ipc_check_owner(&perm), -EPERM);
	become(0, 0);
	KEXPECT_EQ(ipc_check_owner(&perm), 0);
	restore(saved);
}

KTEST(ipc, ipc_set_changes_owner_and_mode_bits_only)
{
	struct kern_ipc_perm perm = { .uid = 1, .gid = 2, .cuid = 3, .cgid = 4,
				      .mode = SHM_DEST | 0600 };
	struct ipc64_perm in = { .uid = 10, .gid = 20, .cuid = 30, .mode = 07644 };

	KEXPECT_EQ(ipc_update_perm(&in, &perm), 0);
	KEXPECT_EQ(perm.uid, 10);
	KEXPECT_EQ(perm.gid, 20);
	KEXPECT_EQ(perm.cuid, 3);
	KEXPECT_EQ(perm.mode, SHM_DEST | 0644);
	in.uid = (uint32_t)-1;
	KEXPECT_EQ(ipc_update_perm(&in, &perm), -EINVAL);
	KEXPECT_EQ(perm.uid, 10);
	/* The IPC_64 bit of 32-bit libcs is not part of the command. */
	KEXPECT_EQ(ipc_parse_cmd(IPC_64 | IPC_STAT), IPC_STAT);
	KEXPECT_LT(ipc_parse_cmd(-1), 0);
}
