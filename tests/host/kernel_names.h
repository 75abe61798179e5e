/*
 * Host builds of kernel code: the kernel's own memcpy, snprintf, ... would
 * clash with the host libc's (and with the sanitizers' interceptors of
 * them), so run.sh compiles every kernel source with
 * "-include kernel_names.h", which renames them kernel_memcpy,
 * kernel_snprintf, ...  The kernel code then calls its own versions, and a
 * test can compare them with libc's.
 *
 * A test that needs the kernel_ prototypes includes this header, then the
 * kernel's "string.h" / "printk.h", then "libc_names.h" to undo the renaming.
 */
#define memcpy		kernel_memcpy
#define memmove		kernel_memmove
#define memset		kernel_memset
#define memcmp		kernel_memcmp
#define strlen		kernel_strlen
#define strnlen		kernel_strnlen
#define strcmp		kernel_strcmp
#define strncmp		kernel_strncmp
#define strchr		kernel_strchr
#define strrchr		kernel_strrchr
#define strlcpy		kernel_strlcpy
#define vsnprintf	kernel_vsnprintf
#define snprintf	kernel_snprintf
