# User space: the C library, the programs, the tests and the musl builds.
# Included by the top Makefile (one build, no recursive make), which
# defines BUILD, CC and CROSS.
#
#   user/bin/NAME.c    -> $(BUILD)/user/bin/NAME      our libc, initrd /bin/NAME
#   user/bin/NAME/*.c  -> linked into that same program (the shell's parts)
#   user/tests/NAME.c  -> $(BUILD)/user/tests/NAME    our libc, initrd /tests/NAME
#                      -> $(BUILD)/host-user/tests/NAME  musl, runs on Linux
#   tests/musl/NAME.c  -> $(BUILD)/musl/NAME          musl, initrd /bin/NAME-musl
#   user/bin/kbench.c  -> $(BUILD)/musl/kbench        musl, initrd /bin/kbench
#
# kbench is built with musl so that the very same binary runs on Linux
# (DESIGN.md section 9).

USER_AR := $(CROSS)ar
MUSL_CC := musl-gcc

# Our own headers only (the compiler's for stddef.h, stdint.h, stdarg.h...);
# "uapi/..." includes find the kernel's include/uapi, shared with it.
USER_CFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Iuser/lib/include -iquote include \
	-ffreestanding -fno-pie -fno-stack-protector \
	-O2 -g -Wall -Wextra -Werror -MMD -MP
# A static ELF at the default 0x400000: crt0, the program, the library,
# and libgcc for the helpers GCC may call (128-bit division...).
USER_LDFLAGS := -static -nostdlib -no-pie
MUSL_CFLAGS := -static -O2 -g -Wall -Wextra -Werror -MMD -MP

# --- The C library ----------------------------------------------------------

USER_CRT0 := $(BUILD)/user/crt0.o
USER_LIBC := $(BUILD)/user/libc.a
# The kernel's formatter and string functions, compiled once more for user
# space: one printf and one memcpy for both sides.
USER_LIB_KERNEL_SRCS := kernel/vsprintf.c kernel/string.c
USER_LIB_OBJS := \
	$(patsubst user/lib/%.c,$(BUILD)/user/lib/%.o,$(wildcard user/lib/*.c)) \
	$(BUILD)/user/lib/syscall.o \
	$(patsubst kernel/%.c,$(BUILD)/user/lib/kernel_%.o,$(USER_LIB_KERNEL_SRCS))

$(BUILD)/user/lib/%.o: user/lib/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/lib/syscall.o: user/lib/syscall.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/lib/kernel_%.o: kernel/%.c
	@mkdir -p $(@D)
	@echo "  CC      $< (user)"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_CRT0): user/lib/crt0.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_LIBC): $(USER_LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)$(USER_AR) rcs $@ $^

# --- Programs and tests with our libc ---------------------------------------

USER_BIN_NAMES := $(filter-out kbench,$(basename $(notdir $(wildcard user/bin/*.c))))
USER_TEST_NAMES := $(basename $(notdir $(wildcard user/tests/*.c)))
USER_BINS := $(USER_BIN_NAMES:%=$(BUILD)/user/bin/%)
USER_TESTS := $(USER_TEST_NAMES:%=$(BUILD)/user/tests/%)
# A program in several files: user/bin/NAME.c and user/bin/NAME/*.c, the
# latter's objects in $(BUILD)/user/bin-parts/NAME/ (bin/NAME is the program).
USER_BIN_PARTS := $(patsubst user/bin/%.c,$(BUILD)/user/bin-parts/%.o,$(wildcard user/bin/*/*.c))
USER_OBJS := $(USER_BINS:%=%.o) $(USER_TESTS:%=%.o)

$(USER_OBJS): $(BUILD)/user/%.o: user/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_BIN_PARTS): $(BUILD)/user/bin-parts/%.o: user/bin/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_BINS) $(USER_TESTS): %: %.o $(USER_CRT0) $(USER_LIBC)
	@echo "  LD      $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< \
		$(filter $(BUILD)/user/bin-parts/$(notdir $@)/%.o,$^) $(USER_LIBC) -lgcc

$(foreach o,$(USER_BIN_PARTS),$(eval \
	$(BUILD)/user/bin/$(notdir $(patsubst %/,%,$(dir $(o)))): $(o)))

# --- musl builds --------------------------------------------------------------

MUSL_NAMES := $(basename $(notdir $(wildcard tests/musl/*.c)))
MUSL_PROGS := $(MUSL_NAMES:%=$(BUILD)/musl/%)
MUSL_KBENCH := $(BUILD)/musl/kbench
HOST_USER_TESTS := $(USER_TEST_NAMES:%=$(BUILD)/host-user/tests/%)

$(MUSL_PROGS): $(BUILD)/musl/%: tests/musl/%.c
	@mkdir -p $(@D)
	@echo "  MUSL    $<"
	$(Q)$(MUSL_CC) $(MUSL_CFLAGS) -MT $@ -MF $@.d -o $@ $<

$(MUSL_KBENCH): user/bin/kbench.c
	@mkdir -p $(@D)
	@echo "  MUSL    $<"
	$(Q)$(MUSL_CC) $(MUSL_CFLAGS) -MT $@ -MF $@.d -o $@ $<

# The same test sources for the Linux host: what they expect is checked
# against the real thing.
$(HOST_USER_TESTS): $(BUILD)/host-user/tests/%: user/tests/%.c
	@mkdir -p $(@D)
	@echo "  MUSL    $<"
	$(Q)$(MUSL_CC) $(MUSL_CFLAGS) -MT $@ -MF $@.d -o $@ $<

# --- For the top Makefile ---------------------------------------------------

# archive-path=build-path pairs for tools/mkinitrd.
INITRD_FILES := \
	$(foreach n,$(USER_BIN_NAMES),bin/$(n)=$(BUILD)/user/bin/$(n)) \
	$(foreach n,$(USER_TEST_NAMES),tests/$(n)=$(BUILD)/user/tests/$(n)) \
	$(foreach n,$(MUSL_NAMES),bin/$(n)-musl=$(BUILD)/musl/$(n)) \
	bin/kbench=$(MUSL_KBENCH)
# The files those pairs name, for the initrd's prerequisites.
INITRD_DEPS := $(foreach f,$(INITRD_FILES),$(lastword $(subst =, ,$(f))))

.PHONY: user host-user-tests
user: $(INITRD_DEPS)
host-user-tests: $(HOST_USER_TESTS)

-include $(USER_LIB_OBJS:.o=.d) $(USER_CRT0:.o=.d) $(USER_OBJS:.o=.d) $(USER_BIN_PARTS:.o=.d) \
	$(MUSL_PROGS:%=%.d) $(MUSL_KBENCH).d $(HOST_USER_TESTS:%=%.d)
