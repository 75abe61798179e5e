#!/usr/bin/env python3
"""tests/keyboard-test.py: type on the PS/2 keyboard and see the shell run it.

Boots build/console.iso (the shell, as `make run` does) with a QEMU monitor
on a private socket, presses the keys of `echo Kbd ok` with `sendkey` (so
Shift is exercised too), and expects the shell to print `Kbd ok` on the
serial console. Prints a KTAP result and the closing `N passed, N failed`.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = ["e", "c", "h", "o", "spc", "shift-k", "b", "d", "spc", "o", "k", "ret"]


def main():
    scratch = tempfile.mkdtemp()
    monitor = os.path.join(scratch, "monitor")
    qemu = subprocess.Popen(
        [os.path.join(ROOT, "tools/qemu.sh"), os.path.join(ROOT, "build/console.iso"),
         "-monitor", "unix:%s,server,nowait" % monitor],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True)
    output = b""
    try:
        # Wait for the shell's prompt before typing.
        os.set_blocking(qemu.stdout.fileno(), False)
        deadline = time.monotonic() + 30
        while b"$ " not in output and time.monotonic() < deadline:
            time.sleep(0.1)
            output += qemu.stdout.read() or b""
        with socket.socket(socket.AF_UNIX) as mon:
            mon.connect(monitor)
            for key in KEYS:
                mon.sendall(b"sendkey %s\n" % key.encode())
                time.sleep(0.1)
            deadline = time.monotonic() + 10
            while b"\nKbd ok" not in output.replace(b"\r", b"") and time.monotonic() < deadline:
                time.sleep(0.1)
                output += qemu.stdout.read() or b""
    finally:
        os.killpg(qemu.pid, 9)
        qemu.wait()
        for name in os.listdir(scratch):
            os.unlink(os.path.join(scratch, name))
        os.rmdir(scratch)
    ok = b"\nKbd ok" in output.replace(b"\r", b"")
    print("%s 1 keyboard_typing_reaches_the_shell" % ("ok" if ok else "not ok"))
    if not ok:
        print("# serial output:")
        for line in output.decode(errors="replace").splitlines()[-15:]:
            print("#   " + line)
    print("%d passed, %d failed" % (int(ok), int(not ok)))
    return 0 if ok else 1


sys.exit(main())
