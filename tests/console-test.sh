#!/usr/bin/env bash
# tests/console-test.sh [ISO]: a person at the serial console, played by a
# script. It boots the ISO (default build/console.iso: the shell, as
# `make run` gives it) headless, with COM1 on a pipe it holds, and types:
#
#   ctrl_c_stops_a_pipeline  `yes | cat`, then ^C: the prompt is back and
#                            the next command runs
#   ctrl_c_at_the_prompt     a half-typed line, ^C: a new prompt, the line
#                            gone
#   ctrl_z_fg_bg             `sleep 100`, ^Z: Stopped, in `jobs` too; bg
#                            runs it, fg brings it back, ^C ends it
#   raw_mode                 a program turning ICANON and ECHO off reads
#                            bytes as they come, unechoed
#   utilities                ps, free, uptime, /proc, in the shell
#   usertests_from_the_shell `usertests tty signals proc`, the tty cases
#                            with the terminal
#   exit_hangs_up_stopped_jobs  `exit` with a stopped job: it is gone
#                            (SIGHUP, SIGCONT), init starts a new shell
#
# then quits QEMU (Ctrl-A X). Prints KTAP and `N passed, N failed`; exit
# status 0 only if every case passed. Each wait has a time limit, the
# whole run about 10 s (TCG). TIMEOUT=factor stretches each wait;
# CONSOLE_LOG=file keeps what the console showed.
set -u
cd "$(dirname "$0")/.." || exit 2
iso=${1:-build/console.iso}
[ -f "$iso" ] || { echo "$iso: missing (make build/console.iso)"; echo "0 passed, 1 failed"; exit 1; }

exec python3 - "$iso" <<'EOF'
import os, re, selectors, subprocess, sys, time

iso = sys.argv[1]
SCALE = float(os.environ.get("TIMEOUT", "1"))
env = dict(os.environ, GUI="0")
qemu = subprocess.Popen(["tools/qemu.sh", iso], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
os.set_blocking(qemu.stdout.fileno(), False)
sel = selectors.DefaultSelector()
sel.register(qemu.stdout, selectors.EVENT_READ)
out = ""            # everything received, escape sequences and \r dropped
mark = 0            # expect() searches from here
JUNK = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>c]|\r")


class Timeout(Exception):
    pass


def pump(seconds):
    """Read what arrives for up to seconds."""
    global out
    end = time.time() + seconds
    while True:
        left = end - time.time()
        if left <= 0:
            return
        for _ in sel.select(left):
            try:
                data = qemu.stdout.read(65536)
            except BlockingIOError:
                data = b""
            if data:
                out += JUNK.sub("", data.decode("latin-1"))
            elif qemu.poll() is not None:
                raise Timeout("QEMU exited with status %s: %r" % (qemu.returncode, out[-1500:]))


def expect(pattern, seconds=5):
    """Wait for pattern after the mark; the mark moves past the match."""
    global mark
    rx = re.compile(pattern)
    end = time.time() + seconds * SCALE
    while True:
        m = rx.search(out, mark)
        if m:
            mark = m.end()
            return m
        if time.time() > end:
            raise Timeout("no %r in: %r" % (pattern, out[mark:][-400:]))
        pump(0.05)


def send(text, pause=0.0):
    try:
        qemu.stdin.write(text.encode())
        qemu.stdin.flush()
    except OSError:
        raise Timeout("QEMU is gone (exit status %s): %r" % (qemu.poll(), out[-1500:]))
    if pause:
        pump(pause)


def command(line, pattern, seconds=5):
    """Type line at a prompt and wait for pattern in its output."""
    send(line + "\n")
    return expect(pattern, seconds)


def prompt(seconds=5):
    expect(r"\$ $", seconds)


counter = [0]


def alive():
    """The shell takes a command: a fresh marker comes back."""
    counter[0] += 1
    word = "marker-%d" % counter[0]
    command("echo %s" % word, r"\n%s\n" % word)
    prompt()


def ctrl_c_stops_a_pipeline():
    send("yes | cat\n")
    expect(r"(y\n){50}")
    send("\x03")
    expect(r"\^C")
    pump(0.3)
    alive()


def ctrl_c_at_the_prompt():
    send("echo half-typed", 0.3)
    send("\x03")
    expect(r"\^C\n\$ ")
    alive()
    if "\nhalf-typed\n" in out:
        raise Timeout("the line ^C threw away ran")


def ctrl_z_fg_bg():
    send("sleep 100\n", 0.5)
    send("\x1a")
    expect(r"\^Z\n\[1\] Stopped +sleep 100\n")
    prompt()
    command("jobs", r"\[1\] Stopped +sleep 100\n")
    prompt()
    command("bg", r"\[1\] sleep 100 &\n")
    prompt()
    command("jobs", r"\[1\] Running +sleep 100\n")
    prompt()
    command("fg", r"\nsleep 100\n")
    pump(0.3)
    send("\x03")
    expect(r"\^C\n\$ ")
    command("jobs; echo jobs-done", r"\njobs-done\n")
    prompt()
    if re.search(r"\[1\]", out[mark - 40:mark]):
        raise Timeout("the job is still listed")


def raw_mode():
    # rawecho: ICANON and ECHO off, prints each byte it reads as <hex>
    # until 'q', then restores the settings.
    command("rawecho", r"raw\n")
    send("ab")
    expect(r"<61><62>")
    send("\x7f")
    expect(r"<7f>")
    send("q")
    expect(r"<71>\ndone\n")
    prompt()
    if re.search(r"\nab", out[mark - 200:mark]):
        raise Timeout("raw input was echoed")
    alive()


def utilities():
    command("ps", r"PID +PPID +STATE.*\n(.*\n)*? *1 +0 .*init\n")
    prompt()
    command("free", r"total +used +free.*\nMem: +\d+ +\d+ +\d+")
    prompt()
    command("uptime", r"up .*load average")
    prompt()
    command("head -n 1 /proc/meminfo", r"MemTotal: +\d+ kB\n")
    prompt()
    command("cat /proc/self/stat | wc -w", r"\n *5\d\n")
    prompt()


def usertests_from_the_shell():
    # Run from the shell, the programs get the terminal in turn: the tty
    # cases test for real.
    command("usertests tty signals proc", r"\n3 passed, 0 failed\n", 60)
    prompt()
    if "nothing tested" in out[mark - 8000:mark]:
        raise Timeout("the tty cases did not have the terminal")


def exit_hangs_up_stopped_jobs():
    # The shell exits with a stopped job: the kernel sends its (now
    # orphaned) group SIGHUP and SIGCONT, and init starts a new shell.
    send("sleep 77\n", 0.5)
    send("\x1a")
    expect(r"\[1\] Stopped +sleep 77\n")
    prompt()
    send("exit\n")
    expect(r"exit\n\$ $", 10)
    listing = command("ps", r"NAME\n((?:.*\n)*?)\$ $").group(1)
    if re.search(r" sleep\n", listing):
        raise Timeout("the stopped job outlived its shell: %r" % listing)


CASES = [ctrl_c_stops_a_pipeline, ctrl_c_at_the_prompt, ctrl_z_fg_bg, raw_mode, utilities,
         usertests_from_the_shell, exit_hangs_up_stopped_jobs]
print("KTAP version 1")
print("1..%d" % len(CASES))
passed = failed = 0
booted = True
try:
    expect(r"\$ $", 30)
except Timeout as e:
    booted = False
    print("# no shell prompt: %s" % e)
for number, case in enumerate(CASES, 1):
    if not booted:
        print("not ok %d %s # no shell" % (number, case.__name__))
        failed += 1
        continue
    try:
        case()
        print("ok %d %s" % (number, case.__name__))
        passed += 1
    except Timeout as e:
        print("# %s" % e)
        print("not ok %d %s" % (number, case.__name__))
        failed += 1
        # Whatever is left running: ^C, and on.
        try:
            send("\x03\n", 0.5)
        except Timeout:
            booted = False
try:
    send("\x01x")                   # Ctrl-A X: QEMU quits
    qemu.wait(timeout=5)
except (Timeout, subprocess.TimeoutExpired):
    qemu.kill()
    qemu.wait()
if os.environ.get("CONSOLE_LOG"):
    with open(os.environ["CONSOLE_LOG"], "w") as f:
        f.write(out)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
