# tools/gdb/kernel.gdb: attach gdb to QEMU's gdb stub and stop at kmain.
#
# Loaded by tools/debug.sh (`make debug`), which runs gdb in the repository
# root with the kernel ELF as its program and, before this file,
# `-ex 'set $kport = PORT'` (GDB_PORT, default 1234).
# By hand, with QEMU started with `-S -gdb tcp:127.0.0.1:1234`:
#   gdb -x tools/gdb/kernel.gdb build/kernel.elf

set confirm off
set pagination off

# QEMU's CPU starts in 16-bit real mode; had gdb guessed a 16/32-bit
# architecture when it connects, QEMU's 64-bit register packet would fail
# with "Remote 'g' packet reply is too long". So set it before connecting.
set architecture i386:x86-64

if $_isvoid($kport)
  set $kport = 1234
end
eval "target remote 127.0.0.1:%d", $kport

# The Python helpers of tools/gdb/ (kps, krq, kvm, kvmas, kbuddy, kslab,
# kipcs, kuser, ksym-user, $kcurrent(); docs/debugging.md lists them),
# sourced in name order (common.py first); one that fails to load is
# reported and skipped, so the breakpoint below is still set.
python
import glob
for helper in sorted(glob.glob("tools/gdb/*.py")):
    try:
        gdb.execute("source " + helper)
    except gdb.error as e:
        print(f"kernel.gdb: {helper}: {e}")
end

# A hardware breakpoint: it matches the virtual address whatever the paging
# state, and needs no write into kernel text that is not loaded yet.
hbreak kmain
continue
