/*
 * System V shared memory: shmget, shmat, shmdt, shmctl (Linux semantics;
 * docs/ipc.md). A segment is a struct shared_pages (include/vm.h): its
 * pages arrive on first touch through the fault handler and are shared
 * by every mapper, never copied on write. The segment holds one
 * reference to them and each VMA mapping them another; the VMA hooks
 * (shm_vm_ops) count the attaches in shm_nattch as VMAs come and go -
 * shmat, fork, a split by mprotect or munmap, shmdt, exec, exit - like
 * Linux's shm_open and shm_close.
 *
 * IPC_RMID of a segment still attached only marks it SHM_DEST and makes
 * its key private; it goes when the last attach does.
 */
#include "ipc.h"
#include "mm.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"
#include "uapi/mman.h"
#include "vm.h"

struct shmid_kernel {
	struct kern_ipc_perm perm;
	uint64_t segsz;                 /* bytes, as asked */
	int64_t atime, dtime, ctime;
	int cpid, lpid;
	unsigned long nattch;
	struct shared_pages *pages;
};

static struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids, SHMMNI);
static unsigned long shm_tot;           /* pages in all segments */

static struct shmid_kernel *shm_of(struct kern_ipc_perm *perm)
{
	return perm ? container_of(perm, struct shmid_kernel, perm) : NULL;
}

static void shm_destroy(struct shmid_kernel *shp)
{
	ipc_rmid(&shm_ids, &shp->perm);
	shm_tot -= shp->pages->nr_pages;
	shared_pages_put(shp->pages);   /* a VMA going may still hold them */
	kfree(shp);
}

/* Linux's shm_may_destroy, without the shm_rmid_forced sysctl. */
static bool shm_may_destroy(const struct shmid_kernel *shp)
{
	return shp->nattch == 0 && (shp->perm.mode & SHM_DEST);
}

static void shm_vma_added(struct shared_pages *shared)
{
	struct shmid_kernel *shp = shared->owner;

	mutex_lock(&shm_ids.mutex);
	shp->nattch++;
	shp->atime = ipc_seconds();
	shp->lpid = current->pid;
	mutex_unlock(&shm_ids.mutex);
}

static void shm_vma_removed(struct shared_pages *shared)
{
	struct shmid_kernel *shp = shared->owner;

	mutex_lock(&shm_ids.mutex);
	shp->nattch--;
	shp->dtime = ipc_seconds();
	shp->lpid = current->pid;
	if (shm_may_destroy(shp))
		shm_destroy(shp);
	mutex_unlock(&shm_ids.mutex);
}

static const struct shared_pages_ops shm_vm_ops = {
	.vma_added = shm_vma_added,
	.vma_removed = shm_vma_removed,
};

static bool is_shm_vma(const struct vma *vma)
{
	return vma->shared && vma->shared->ops == &shm_vm_ops;
}

static int shm_newseg(int key, int flg, unsigned long size)
{
	unsigned long nr_pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (size < SHMMIN || size > SHMMAX)
		return -EINVAL;
	if (shm_tot + nr_pages < shm_tot || shm_tot + nr_pages > SHMALL)
		return -ENOSPC;
	/* Linux's overcommit heuristic refuses a segment larger than all
	 * of memory; smaller ones get their pages only when touched. */
	if (nr_pages > total_ram_pages())
		return -ENOMEM;

	struct shmid_kernel *shp = kzalloc(sizeof(*shp), 0);
	struct shared_pages *pages = shared_pages_alloc(nr_pages);
	int id = shp && pages ? ipc_addid(&shm_ids, &shp->perm, key, flg) : -ENOMEM;

	if (id < 0) {
		kfree(shp);
		if (pages)
			shared_pages_put(pages);
		return id;
	}
	pages->ops = &shm_vm_ops;
	pages->owner = shp;
	shp->pages = pages;
	shp->segsz = size;
	shp->ctime = ipc_seconds();
	shp->cpid = current->pid;
	shm_tot += nr_pages;
	return id;
}

/* An existing segment: the size asked for must fit in it. */
static int shm_more_checks(struct kern_ipc_perm *perm, unsigned long size)
{
	return shm_of(perm)->segsz < size ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = {
	.getnew = shm_newseg,
	.more_checks = shm_more_checks,
};

SYSCALL_DEFINE3(shmget, int, key, uint64_t, size, int, shmflg)
{
	return ipcget(&shm_ids, &shm_ops, key, shmflg, size);
}

static bool range_mapped(struct mm *mm, uint64_t start, uint64_t end)
{
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, list)
		if (vma->start < end && vma->end > start)
			return true;
	return false;
}

/* Map the segment, at addr if fixed (as do_shmat's mmap does). */
static long shm_map(struct shared_pages *pages, bool fixed, uint64_t addr, unsigned prot,
		    int shmflg)
{
	struct mm *mm = current->mm;
	uint64_t len = pages->nr_pages << PAGE_SHIFT;

	if (!fixed)
		return vm_map_shared(mm, 0, prot, pages);
	if (addr + len < addr)
		return -EINVAL;
	if (!(shmflg & SHM_REMAP) && range_mapped(mm, addr, addr + len))
		return -EINVAL;
	/* Below mmap_min_addr only CAP_SYS_RAWIO may map (Linux's answer
	 * to everyone else); beyond user space nothing fits. */
	if (addr < USER_MIN_ADDR)
		return -EPERM;
	if (addr + len > USER_STACK_TOP)
		return -ENOMEM;
	return vm_map_shared(mm, addr, prot, pages);
}

SYSCALL_DEFINE3(shmat, int, shmid, uint64_t, addr, int, shmflg)
{
	bool fixed = addr != 0;
	unsigned prot = PROT_READ | PROT_WRITE;
	int access = 0666, err;

	if (shmid < 0)
		return -EINVAL;
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(uint64_t)(SHMLBA - 1);
		/* Rounded down to 0: SHM_REMAP needs a real address. */
		if (!addr && (shmflg & SHM_REMAP))
			return -EINVAL;
	} else if (!fixed && (shmflg & SHM_REMAP)) {
		return -EINVAL;
	}
	if (shmflg & SHM_RDONLY) {
		prot = PROT_READ;
		access = 0444;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		access |= 0111;
	}

	mutex_lock(&shm_ids.mutex);
	struct shmid_kernel *shp = shm_of(ipc_obtain_check(&shm_ids, shmid));
	err = shp ? ipcperms(&shp->perm, access) : -EINVAL;
	if (err) {
		mutex_unlock(&shm_ids.mutex);
		return err;
	}
	/* Counted as attached while the mutex is let go for the mapping
	 * (whose hook takes it), so an IPC_RMID meanwhile keeps it. */
	shp->nattch++;
	mutex_unlock(&shm_ids.mutex);

	long ret = shm_map(shp->pages, fixed, addr, prot, shmflg);

	mutex_lock(&shm_ids.mutex);
	shp->nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(shp);
	mutex_unlock(&shm_ids.mutex);
	return ret;
}

/* The next VMA of segment pages that is a piece of the attach at addr. */
static struct vma *shm_piece(struct mm *mm, struct shared_pages *pages, uint64_t addr)
{
	uint64_t end = addr + (pages->nr_pages << PAGE_SHIFT);
	struct vma *vma;

	list_for_each_entry(vma, &mm->vmas, list)
		if (vma->shared == pages && vma->end <= end &&
		    vma->start - (vma->shared_offset << PAGE_SHIFT) == addr)
			return vma;
	return NULL;
}

/*
 * Detach the segment attached at addr: every VMA that maps a piece of it
 * from there (mprotect or munmap may have split or trimmed the attach,
 * even taken its first page away).
 */
SYSCALL_DEFINE1(shmdt, uint64_t, addr)
{
	struct mm *mm = current->mm;
	struct shared_pages *pages = NULL;
	struct vma *vma;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	list_for_each_entry(vma, &mm->vmas, list) {
		if (is_shm_vma(vma) && vma->start - (vma->shared_offset << PAGE_SHIFT) == addr) {
			pages = vma->shared;
			break;
		}
	}
	if (!pages)
		return -EINVAL;
	/* Our own reference: the last detach may destroy the segment. */
	shared_pages_get(pages);
	while ((vma = shm_piece(mm, pages, addr)))
		vm_unmap(mm, vma->start, vma->end - vma->start);
	shared_pages_put(pages);
	return 0;
}

static void fill_shmid64(const struct shmid_kernel *shp, struct shmid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&shp->perm, &out->shm_perm);
	out->shm_segsz = shp->segsz;
	out->shm_atime = shp->atime;
	out->shm_dtime = shp->dtime;
	out->shm_ctime = shp->ctime;
	out->shm_cpid = shp->cpid;
	out->shm_lpid = shp->lpid;
	out->shm_nattch = shp->nattch;
}

/* IPC_STAT by id; SHM_STAT and SHM_STAT_ANY (no permission needed) by
 * slot, returning the id: how ipcs walks the segments. */
static long shm_stat(int shmid, int cmd, struct shmid64_ds __user *buf)
{
	struct shmid64_ds out;
	long ret;

	mutex_lock(&shm_ids.mutex);
	struct shmid_kernel *shp = shm_of(cmd == IPC_STAT ? ipc_obtain_check(&shm_ids, shmid)
							  : ipc_obtain_idx(&shm_ids, shmid));
	if (!shp)
		ret = -EINVAL;
	else if (cmd != SHM_STAT_ANY && ipcperms(&shp->perm, 0444))
		ret = -EACCES;
	else {
		fill_shmid64(shp, &out);
		ret = cmd == IPC_STAT ? 0 : shp->perm.id;
	}
	mutex_unlock(&shm_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &out, sizeof(out)))
		return -EFAULT;
	return ret;
}

static long shm_info(int cmd, void __user *buf)
{
	struct shminfo64 limits = {
		.shmmax = SHMMAX, .shmmin = SHMMIN, .shmmni = SHMMNI,
		.shmseg = SHMSEG, .shmall = SHMALL,
	};
	struct shm_info usage = { 0 };

	mutex_lock(&shm_ids.mutex);
	long ret = ipc_get_maxidx(&shm_ids);
	if (cmd == SHM_INFO) {
		usage.used_ids = shm_ids.in_use;
		usage.shm_tot = shm_tot;
		for (int idx = 0; idx <= shm_ids.max_idx; idx++) {
			struct shmid_kernel *shp = shm_of(ipc_obtain_idx(&shm_ids, idx));

			for (unsigned long i = 0; shp && i < shp->pages->nr_pages; i++)
				usage.shm_rss += shp->pages->pages[i] != NULL;
		}
	}
	mutex_unlock(&shm_ids.mutex);
	if (cmd == SHM_INFO ? copy_to_user(buf, &usage, sizeof(usage))
			    : copy_to_user(buf, &limits, sizeof(limits)))
		return -EFAULT;
	return ret;
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK: the owner's or root's. */
static long shm_control(int shmid, int cmd, const struct shmid64_ds *in)
{
	long ret;

	mutex_lock(&shm_ids.mutex);
	struct shmid_kernel *shp = shm_of(ipc_obtain_check(&shm_ids, shmid));
	ret = shp ? ipc_check_owner(&shp->perm) : -EINVAL;
	if (ret)
		goto out;
	switch (cmd) {
	case IPC_SET:
		ret = ipc_update_perm(&in->shm_perm, &shp->perm);
		if (!ret)
			shp->ctime = ipc_seconds();
		break;
	case IPC_RMID:
		if (shp->nattch) {
			shp->perm.mode |= SHM_DEST;
			shp->perm.key = IPC_PRIVATE;    /* shmget finds it no more */
		} else {
			shm_destroy(shp);
		}
		break;
	case SHM_LOCK:
		/* Nothing is ever swapped out: locking is only the flag. */
		shp->perm.mode |= SHM_LOCKED;
		break;
	case SHM_UNLOCK:
		shp->perm.mode &= ~SHM_LOCKED;
		break;
	}
out:
	mutex_unlock(&shm_ids.mutex);
	return ret;
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, struct shmid64_ds __user *, buf)
{
	struct shmid64_ds in;

	cmd = ipc_parse_cmd(cmd);
	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info(cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_stat(shmid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&in, buf, sizeof(in)))
			return -EFAULT;
		return shm_control(shmid, cmd, &in);
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shm_control(shmid, cmd, NULL);
	default:
		return -EINVAL;
	}
}
