/*
 * execve: replace the calling process's program with a static ELF from the
 * initrd. Everything that can fail is checked before the old address space
 * is given up (the caller keeps running on -ENOEXEC, -ENOENT, -E2BIG...).
 * Nothing is copied eagerly: each PT_LOAD segment becomes a file-backed
 * VMA and its pages arrive through page faults (mm/fault.c).
 */
#include "process.h"
#include "elf.h"
#include "exec_stack.h"
#include "fs.h"
#include "mm.h"
#include "random.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "uapi/auxvec.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/stat.h"
#include "vm.h"
#include "x86.h"

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
/* argv + envp strings and pointers, like Linux's limit for one string. */
#define EXEC_ARGS_MAX   (128 * 1024)
#define EXEC_ARGS_ORDER 5               /* 128 KiB of pages for the strings */
#define EXEC_STACK_ORDER 6              /* 256 KiB to lay out the stack */
#define MAX_ARGS 1024
#define PATH_MAX 4096
#define USER_CS (0x20 | 3)
#define USER_DS (0x18 | 3)

void release_vfork_parent(struct task *task);
void signals_reset_on_exec(struct task *task);
void files_close_on_exec(struct files_struct *files);

/* The new address space: one VMA per segment, the heap start, the stack. */
static struct mm *build_mm(const struct elf_image *image, struct inode *inode)
{
	struct mm *mm = mm_create();

	if (!mm)
		return NULL;
	for (unsigned i = 0; i < image->segment_count; i++) {
		const struct elf_segment *seg = &image->segments[i];
		uint64_t start = seg->vaddr & ~(PAGE_SIZE - 1);
		uint64_t end = PAGE_ALIGN(seg->vaddr + seg->memsz);
		bool has_file = seg->filesz > 0;

		if (vma_map(mm, start, end - start, seg->prot, 0,
			    has_file ? inode : NULL, seg->offset - (seg->vaddr - start),
			    has_file ? seg->vaddr + seg->filesz : 0))
			goto fail;
	}
	mm->brk_start = mm->brk = PAGE_ALIGN(image->highest);
	if (vma_map(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE,
		    PROT_READ | PROT_WRITE, VM_GROWSDOWN, NULL, 0, 0))
		goto fail;
	return mm;
fail:
	mm_put(mm);
	return NULL;
}

static const char *basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int do_execve(const char *path, const char *const *argv, unsigned argc,
	      const char *const *envp, unsigned envc)
{
	struct task *task = current;
	struct elf_image image;
	struct page *header_page = NULL, *stack_pages = NULL;
	struct mm *mm = NULL;
	int err;
	struct file *file = file_open(path, O_RDONLY, &err);

	if (!file)
		return err;
	struct inode *inode = file->inode;
	err = -EACCES;
	if (!S_ISREG(inode->mode) || !(inode->mode & 0111))
		goto out;
	err = -ENOMEM;
	header_page = alloc_pages(0, 0);
	stack_pages = alloc_pages(EXEC_STACK_ORDER, 0);
	if (!header_page || !stack_pages)
		goto out;
	long n = kernel_read(file, page_address(header_page), PAGE_SIZE, 0);
	if (n < 0) {
		err = n;
		goto out;
	}
	err = elf_parse(page_address(header_page), n, inode->size,
			USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE, &image);
	if (err)
		goto out;

	uint8_t random[16];
	get_random_bytes(random, sizeof(random));
	struct auxv_entry auxv[] = {
		{ AT_PHDR, image.phdr_vaddr },
		{ AT_PHENT, image.phentsize },
		{ AT_PHNUM, image.phnum },
		{ AT_PAGESZ, PAGE_SIZE },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, image.entry },
		{ AT_UID, task->uid },
		{ AT_EUID, task->euid },
		{ AT_GID, task->gid },
		{ AT_EGID, task->egid },
		{ AT_SECURE, 0 },
		{ AT_CLKTCK, 100 },             /* USER_HZ */
		{ AT_HWCAP, cpuid(1, 0).edx },
	};
	size_t stack_size = PAGE_SIZE << EXEC_STACK_ORDER;
	uint64_t rsp;
	err = exec_stack_build(page_address(stack_pages), stack_size, USER_STACK_TOP,
			       argv, argc, envp, envc, path, random,
			       auxv, sizeof(auxv) / sizeof(auxv[0]), &rsp);
	if (err)
		goto out;
	err = -ENOMEM;
	mm = build_mm(&image, inode);
	if (!mm)
		goto out;

	/* The point of no return: the old program is gone from here on. */
	struct mm *old = task->mm;
	task->mm = mm;
	switch_mm(mm);
	if (old)
		mm_put(old);
	release_vfork_parent(task);
	task->did_exec = true;
	uint64_t image_size = USER_STACK_TOP - rsp;
	if (copy_to_user((void *)rsp, (char *)page_address(stack_pages) + stack_size - image_size,
			 image_size))
		do_exit(SIGSEGV);
	if (task->files)
		files_close_on_exec(task->files);
	signals_reset_on_exec(task);
	task->fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_state_init(&task->fpu);
	fpu_restore(&task->fpu);
	strlcpy(task->name, basename(path), sizeof(task->name));

	struct trap_frame *regs = current_user_regs();
	memset(regs, 0, sizeof(*regs));
	regs->rip = image.entry;
	regs->rsp = rsp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = RFLAGS_IF | 0x2;         /* bit 1 is always set */
	err = 0;
out:
	if (header_page)
		free_pages(header_page, 0);
	if (stack_pages)
		free_pages(stack_pages, EXEC_STACK_ORDER);
	file_put(file);
	return err;
}

/*
 * Copy a NULL-terminated array of user strings into the kernel area at
 * *cursor (strings) and ptrs (pointers); E2BIG past the limits.
 */
static int copy_strings(const char __user *const __user *user, const char **ptrs,
			unsigned *count, char **cursor, char *end)
{
	*count = 0;
	if (!user)
		return 0;       /* Linux accepts a NULL argv or envp as empty */
	for (;;) {
		const char __user *str;

		if (get_user(str, &user[*count]))
			return -EFAULT;
		if (!str)
			return 0;
		if (*count == MAX_ARGS)
			return -E2BIG;
		long len = strncpy_from_user(*cursor, str, end - *cursor);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		ptrs[(*count)++] = *cursor;
		*cursor += len + 1;
	}
}

SYSCALL_DEFINE3(execve, const char __user *, upath, const char __user *const __user *, uargv,
		const char __user *const __user *, uenvp)
{
	struct page *strings = alloc_pages(EXEC_ARGS_ORDER, 0);
	struct page *pointers = alloc_pages(2, 0);     /* 2 x 1024 pointers */
	unsigned argc, envc;
	long err = -ENOMEM;

	if (!strings || !pointers)
		goto out;
	const char **argv = page_address(pointers), **envp = argv + MAX_ARGS;
	char *cursor = page_address(strings), *end = cursor + (PAGE_SIZE << EXEC_ARGS_ORDER);
	char *path = cursor;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err < 0)
		goto out;
	cursor += err + 1;
	err = copy_strings(uargv, argv, &argc, &cursor, end);
	if (!err)
		err = copy_strings(uenvp, envp, &envc, &cursor, end);
	if (!err)
		err = do_execve(path, argv, argc, envp, envc);
out:
	if (strings)
		free_pages(strings, EXEC_ARGS_ORDER);
	if (pointers)
		free_pages(pointers, 2);
	return err;
}
