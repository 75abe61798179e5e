/*
 * test_slab.c's cases on a build without DEBUG: the plain slot layout, with
 * no red zones and the free pointer inside the free object, is what the
 * kernel runs outside `make test`.
 *
 * Kernel sources: mm/slab.c mm/slab_debug.c mm/buddy.c kernel/string.c tests/host/fake/host_kernel.c
 * Host flags: -include tests/host/fake/fakes.h
 */
#define SUITE "slab_nodebug"
#include "test_slab.c"
