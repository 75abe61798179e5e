/*
 * Copies between kernel and user memory (include/uaccess.h). The range is
 * checked to lie in the lower half first (a user pointer into the kernel
 * is the classic attack); the copy itself may still fault on an unmapped
 * or protected user page: the page-fault handler first tries to bring the
 * page in (demand paging, COW) and otherwise resumes at the fixup of
 * mm/usercopy.asm, which reports how far the copy got.
 */
#include "uaccess.h"
#include "uapi/errno.h"

uint64_t copy_user_generic(void *dst, const void *src, uint64_t size);
uint64_t clear_user_generic(void *dst, uint64_t size);
int64_t copy_user_string(char *dst, const char *src, uint64_t max);

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

uint64_t search_exception_table(uint64_t rip)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

int copy_from_user(void *dst, const void __user *src, size_t size)
{
	if (!access_ok(src, size))
		return -EFAULT;
	return copy_user_generic(dst, src, size) ? -EFAULT : 0;
}

int copy_to_user(void __user *dst, const void *src, size_t size)
{
	if (!access_ok(dst, size))
		return -EFAULT;
	return copy_user_generic(dst, src, size) ? -EFAULT : 0;
}

int clear_user(void __user *dst, size_t size)
{
	if (!access_ok(dst, size))
		return -EFAULT;
	return clear_user_generic(dst, size) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t size)
{
	uint64_t start = (uint64_t)src;

	if (size == 0 || start >= USER_SPACE_END)
		return -EFAULT;
	/* Never read past the end of user space, even looking for the NUL. */
	uint64_t max = USER_SPACE_END - start < size ? USER_SPACE_END - start : size;
	int64_t len = copy_user_string(dst, src, max);

	if (len < 0)
		return -EFAULT;
	if ((uint64_t)len == max) {
		dst[size - 1] = '\0';
		return max < size ? -EFAULT : -ENAMETOOLONG;
	}
	return len;
}
