# One build, no recursive make. `make help` lists the targets.

CROSS   ?=
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
NASM    := nasm

BUILD   := build
ISO     := iso/kernel.iso
MEM     ?= 128M
CPU     ?= max
ACCEL   ?= tcg
CMDLINE ?=
TESTS   ?=
# make test LAB=name: that lab's tests only, and its score (docs/labs/).
LAB     ?=
ifneq ($(LAB),)
TESTS := $(shell tools/labs.py ktest $(LAB))
endif
# make test NONCE=X: a grading run's mark, printed in the kernel's summary.
NONCE   ?=
ifneq ($(NONCE),)
CMDLINE += nonce=$(NONCE)
endif
export MEM CPU ACCEL GUI TESTS LAB
# V=1 shows the full compiler command lines.
Q := $(if $(filter 1,$(V)),,@)

# Debug checks (assertions, and later slab poisoning and red zones) are on
# in `make test` and with DEBUG=1.
DEBUG ?= 0
ifneq ($(filter test check grade,$(MAKECMDGOALS)),)
DEBUG := 1
endif

# -fno-toplevel-reorder keeps KTEST descriptors (and so test order) in
# source order.
KERNEL_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -Iinclude \
	-mno-red-zone -mcmodel=kernel -fno-pic -fno-pie -nostdlib \
	-mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fno-toplevel-reorder \
	-Wall -Wextra -Werror -D__KERNEL__ -MMD -MP
ifeq ($(DEBUG),1)
KERNEL_CFLAGS += -DDEBUG
endif
NASMFLAGS := -f elf64 -g -F dwarf -Werror
LDFLAGS   := -nostdlib -z max-page-size=0x1000 -z noexecstack -T linker.ld

KERNEL_C   := $(wildcard kernel/*.c mm/*.c sched/*.c ipc/*.c)
KERNEL_ASM := $(wildcard boot/*.asm kernel/*.asm mm/*.asm sched/*.asm)
KERNEL_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_C)) \
	$(patsubst %.asm,$(BUILD)/%.o,$(KERNEL_ASM))
# Deliberately broken tests that only the runner's self-test links in.
SELFTEST_OBJS := $(BUILD)/tests/selftest/selftest.o

.PHONY: all iso run test bench debug clean help deps handout grade test-labs FORCE
all: $(BUILD)/kernel.elf $(ISO)

help:
	@echo "make [all]          build build/kernel.elf and $(ISO)"
	@echo "make run            boot $(ISO) in QEMU (CMDLINE=, MEM=, CPU=, ACCEL=kvm, GUI=1)"
	@echo "make test           host unit tests, in-kernel tests, runner and gdb self-tests"
	@echo "                    (TESTS=pattern narrows; CPU=qemu64 and MEM= apply)"
	@echo "make bench          in-kernel benchmarks, one \`name value unit\` line each (BENCH=)"
	@echo "make debug          QEMU paused with a gdb stub, gdb attached, break at kmain"
	@echo "make debug-user PROG=name  the same, stopped at that user program's main"
	@echo "make handout LAB=x  write handout/x/: the tree without lab x's solution (docs/labs/)"
	@echo "make test LAB=x     lab x's tests and its score per group (NONCE= marks the log)"
	@echo "make grade          every lab's score, a table"
	@echo "make test-labs      every lab's handout fails its tests and no other; the course tree passes"
	@echo "make deps           check and install the tools (tools/deps.sh)"
	@echo "make clean          remove build output"

deps:
	@tools/deps.sh

# Rebuild everything when the compiler flags change (DEBUG=1 and back).
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(KERNEL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(KERNEL_CFLAGS)' >$@

$(BUILD)/%.o: %.c $(BUILD)/flags
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm boot/layout.inc kernel/percpu.inc kernel/trap_frame.inc
	@mkdir -p $(@D)
	@echo "  NASM    $<"
	$(Q)$(NASM) $(NASMFLAGS) $< -o $@

# Two links: the second embeds the first one's symbol table (for
# backtraces) in .ksyms, which linker.ld places last so no address moves.
$(BUILD)/kernel.elf: $(KERNEL_OBJS) linker.ld tools/link-kernel tools/mksyms.py
	tools/link-kernel $@ $(KERNEL_OBJS)

$(BUILD)/kernel-selftest.elf: $(KERNEL_OBJS) $(SELFTEST_OBJS) linker.ld tools/link-kernel tools/mksyms.py
	tools/link-kernel $@ $(KERNEL_OBJS) $(SELFTEST_OBJS)

# User programs, tests and their initrd names (INITRD_FILES).
include user/user.mk

# Files the exec tests expect to fail on (user/tests/exec.c).
TESTDATA := $(BUILD)/testdata
$(TESTDATA)/not_elf.txt:
	@mkdir -p $(@D)
	echo "not an ELF file" >$@ && chmod 755 $@
$(TESTDATA)/truncated_elf: $(BUILD)/user/tests/exec
	@mkdir -p $(@D)
	head -c 100 $< >$@ && chmod 755 $@
# e_machine (bytes 18-19) set to EM_AARCH64 (0xb7).
$(TESTDATA)/wrong_machine_elf: $(BUILD)/user/tests/exec
	@mkdir -p $(@D)
	strip --strip-all -o $@ $< && printf '\267\000' | dd of=$@ bs=1 seek=18 conv=notrunc status=none
# A script for the shell test (user/tests/shell.c): sh SCRIPT ARGS.
$(TESTDATA)/script.sh:
	@mkdir -p $(@D)
	printf '# run as a script\necho "$$0 has $$# arguments: $$1 $$2"\nexit 4\necho not reached\n' >$@
# The musl programs one after another, for tests/musl-compare.sh.
$(TESTDATA)/musl-compare.sh: FORCE
	@mkdir -p $(@D)
	@{ echo '# tests/musl programs in a row (tests/musl-compare.sh)'; \
	  for n in $(MUSL_NAMES); do echo "echo '=== '$$n; /bin/$$n-musl; echo '=== exit' \$$?"; done; \
	  echo "echo '=== end'"; } >$@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
INITRD_FILES += etc/musl-compare.sh=$(TESTDATA)/musl-compare.sh
INITRD_FILES += tests/data/not_elf.txt=$(TESTDATA)/not_elf.txt \
	tests/data/truncated_elf=$(TESTDATA)/truncated_elf \
	tests/data/wrong_machine_elf=$(TESTDATA)/wrong_machine_elf \
	tests/data/script.sh=$(TESTDATA)/script.sh

# make run PROG=path/to/static-elf ARGS="...": the program is init's job.
# PROG may also name a program the initrd has already (PROG=kbench).
ifdef PROG
PROG_NAME := $(notdir $(PROG))
ifneq ($(findstring /,$(PROG)),)
INITRD_FILES += bin/$(PROG_NAME)=$(PROG)
endif
CMDLINE := init=/bin/$(PROG_NAME) $(ARGS) $(CMDLINE)
endif

INITRD_SOURCES := $(foreach f,$(INITRD_FILES),$(lastword $(subst =, ,$(f))))
$(BUILD)/initrd.list: FORCE
	@mkdir -p $(@D)
	@echo '$(INITRD_FILES)' | cmp -s - $@ || echo '$(INITRD_FILES)' >$@

$(BUILD)/initrd.cpio: tools/mkinitrd $(BUILD)/initrd.list $(INITRD_SOURCES)
	@mkdir -p $(@D)
	@echo "  INITRD  $@"
	$(Q)tools/mkinitrd $@ $(INITRD_FILES)

# The ISO carries the command line in grub.cfg; rebuild it when it changes.
$(BUILD)/cmdline.run: FORCE
	@mkdir -p $(@D)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' >$@

$(ISO): $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/cmdline.run tools/mkiso iso/grub.cfg.in
	tools/mkiso $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@ $(CMDLINE)

iso: $(ISO)

run: deps $(ISO)
	tools/run $(ISO)

# The suite's kernel command line: every in-kernel test, or TESTS's.
TEST_CMDLINE := ktest=$(if $(TESTS),$(TESTS),all) $(CMDLINE)
$(BUILD)/cmdline.test: FORCE
	@mkdir -p $(@D)
	@echo '$(TEST_CMDLINE)' | cmp -s - $@ || echo '$(TEST_CMDLINE)' >$@

$(BUILD)/test.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/cmdline.test tools/mkiso iso/grub.cfg.in
	tools/mkiso $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@ $(TEST_CMDLINE)

# tests/console-test.sh boots the shell as `make run` does, with no
# command line of its own.
$(BUILD)/console.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio tools/mkiso iso/grub.cfg.in
	tools/mkiso $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@

# tests/musl-compare.sh: the shell runs every tests/musl program.
$(BUILD)/musl.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio tools/mkiso iso/grub.cfg.in
	tools/mkiso $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@ loglevel=warn \
		init=/bin/sh /etc/musl-compare.sh

test: deps $(BUILD)/test.iso $(BUILD)/console.iso $(BUILD)/musl.iso $(MUSL_PROGS) \
		$(BUILD)/kernel-selftest.elf host-user-tests
	tests/all.sh

# Coursework (docs/labs/README.md).
handout:
	@test -n "$(LAB)" || { echo "usage: make handout LAB=name ($$(tools/labs.py list | tr '\n' ' '))"; exit 2; }
	tools/handout $(LAB)

grade:
	tools/labs.py grade

test-labs:
	tools/labs.py test-labs

# Benchmarks (BENCH=name,prefix* narrows): one `name value unit` line each.
BENCH ?= all
$(BUILD)/cmdline.bench: FORCE
	@mkdir -p $(@D)
	@echo '$(BENCH)' | cmp -s - $@ || echo '$(BENCH)' >$@

$(BUILD)/bench.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/cmdline.bench tools/mkiso iso/grub.cfg.in
	tools/mkiso $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@ kbench=$(BENCH)

bench: deps $(BUILD)/bench.iso
	tools/bench $(BUILD)/bench.iso

debug: deps $(ISO)
	tools/debug.sh $(ISO) $(BUILD)/kernel.elf

# The same, stopped at the user program's main with its symbols loaded
# (PROG=name of a program in the initrd, or a path as for make run).
debug-user: deps $(ISO)
	@test -n "$(PROG)" || { echo "make debug-user PROG=name"; exit 2; }
	tools/debug.sh $(ISO) $(BUILD)/kernel.elf -ex "ksym-user $(PROG_NAME)" \
		-ex 'break main if $$_streq($$kcurrent()->name, "$(PROG_NAME)")' -ex continue

clean:
	rm -rf $(BUILD) $(ISO)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
