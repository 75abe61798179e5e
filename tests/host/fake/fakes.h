/*
 * Host stand-ins for the kernel headers that reach the machine, for the
 * tests of mm/ (and any other code that needs them). A test opts in with
 *
 *	 * Host flags: -include tests/host/fake/fakes.h
 *
 * Forcing them in first, rather than putting this directory ahead on the
 * include path, is what makes them win everywhere: a quoted #include
 * searches the including file's own directory first, so include/mm.h's
 * #include "layout.h" would find include/layout.h whatever the -iquote
 * order. Each fake uses the real header's include guard, so the real one,
 * included later, is skipped.
 */
#include "layout.h"
#include "panic.h"
#include "x86.h"
