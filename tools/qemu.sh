#!/usr/bin/env bash
# tools/qemu.sh ISO [extra qemu args...]
#
# The one place the QEMU command line is built: `make run`, `make debug`
# (tools/debug.sh) and the test runner (tests/run) all boot through here.
#
# Environment:
#   MEM    guest RAM (default 128M)
#   CPU    -cpu model (default max; qemu64 lacks SMEP, SMAP, FSGSBASE, 1G pages)
#   ACCEL  tcg (default) or kvm. TCG works everywhere; KVM under a nested
#          software hypervisor can be thousands of times slower, so it is
#          never the default.
#   GUI    0 (default): no display, COM1 on stdio. 1: a window with the VGA
#          console and PS/2 keyboard, COM1 still on stdio.
#   QEMU   the emulator binary (default qemu-system-x86_64)
#
# In both modes COM1 is multiplexed with the QEMU monitor on stdio
# (`mon:stdio`): Ctrl-A X quits, Ctrl-A C toggles the monitor.
#
# The script execs QEMU, so its exit status is QEMU's. With the
# isa-debug-exit device a guest write of V to port 0xf4 exits with
# (V << 1) | 1: 0x10 -> 33 (tests passed), 0x11 -> 35 (failed),
# 0x12 -> 37 (panic). -no-reboot turns a triple fault or reset into exit 0.
# Translating these codes is the caller's job (tests/run), not this script's.
set -eu

if [ $# -lt 1 ]; then
	echo "usage: $0 ISO [extra qemu args...]" >&2
	exit 2
fi
iso=$1
shift
if [ ! -f "$iso" ]; then
	echo "$0: $iso: no such ISO (build it with 'make iso')" >&2
	exit 2
fi

accel=${ACCEL:-tcg}
case $accel in
tcg | kvm) ;;
*)
	echo "$0: ACCEL must be tcg or kvm, not '$accel'" >&2
	exit 2
	;;
esac

case ${GUI:-0} in
0) display=(-display none) ;;
1) display=() ;;
*)
	echo "$0: GUI must be 0 or 1, not '$GUI'" >&2
	exit 2
	;;
esac

exec "${QEMU:-qemu-system-x86_64}" \
	-accel "$accel" \
	-cpu "${CPU:-max}" \
	-m "${MEM:-128M}" \
	"${display[@]}" \
	-serial mon:stdio \
	-no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$iso" \
	-boot d \
	"$@"
