/* Undo kernel_names.h: from here on memcpy, snprintf, ... are libc's. */
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strlcpy
#undef vsnprintf
#undef snprintf
