#!/usr/bin/env bash
# tools/debug.sh ISO KERNEL_ELF [gdb args...]
#
# `make debug`: boots ISO in QEMU (through tools/qemu.sh) paused at the first
# instruction with a gdb stub on 127.0.0.1:GDB_PORT, then runs gdb on
# KERNEL_ELF with tools/gdb/kernel.gdb, which connects, sets a hardware
# breakpoint at kmain and continues. QEMU is killed when gdb exits.
#
# COM1 goes to a file, build/debug-serial.log (DEBUG_LOG overrides), not to
# the terminal: gdb owns the terminal. Follow it from a second terminal with
#   tail -f build/debug-serial.log
# GUI=1 also opens QEMU's window with the VGA console.
#
# Extra arguments go to gdb after the script, e.g. tests/gdb-test.sh runs
#   tools/debug.sh ISO KERNEL_ELF -batch -ex bt
#
# Environment: GDB_PORT (default 1234), DEBUG_LOG, and MEM, CPU, ACCEL, GUI
# as for tools/qemu.sh.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 ISO KERNEL_ELF [gdb args...]" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
iso=$(realpath "$1")
elf=$(realpath "$2")
shift 2
log=$(realpath -m "${DEBUG_LOG:-$root/build/debug-serial.log}")
port=${GDB_PORT:-1234}
mkdir -p "$(dirname "$log")"
cd "$root"    # kernel.gdb finds the helpers in tools/gdb

# Is something listening on the port? (/proc/net/tcp*: port in hex, state 0A)
listening() {
	grep -q ":$(printf '%04X' "$port") [0-9A-F]*:0000 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
if listening; then
	echo "$0: port $port is in use; choose another with GDB_PORT=" >&2
	exit 1
fi

# QEMU gets a session of its own: a Ctrl-C typed to gdb (to stop the
# kernel) must not reach QEMU, which would quit on it. setsid does not fork
# here (a background job of a script leads no process group), so $! is
# QEMU's own pid once tools/qemu.sh has exec'd it.
setsid tools/qemu.sh "$iso" -S -gdb "tcp:127.0.0.1:$port" </dev/null >"$log" 2>&1 &
qemu=$!
trap 'kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null || true' EXIT
trap 'exit 129' HUP
trap 'exit 143' TERM

# Wait for the stub to listen, so that a QEMU that failed to start is
# reported at once.
for _ in $(seq 100); do
	if ! kill -0 "$qemu" 2>/dev/null; then
		echo "$0: QEMU exited before gdb could attach:" >&2
		cat "$log" >&2
		exit 1
	fi
	listening && break
	sleep 0.1
done

echo "QEMU paused, gdb stub on 127.0.0.1:$port; serial output in $log" >&2
status=0
gdb -q -ex "set \$kport = $port" -x tools/gdb/kernel.gdb "$@" "$elf" || status=$?
exit "$status"
