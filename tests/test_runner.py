#!/usr/bin/env python3
"""Unit tests of tests/run against fake QEMUs.

Each case writes a fake tools/qemu.sh (through $QEMU_SH) that prints canned
serial text and exits with a chosen status, or hangs, or logs a triple fault
where the runner's `-D` option asks, then checks the runner's verdict, its
reason line and its last line. A few cases drive the KTAP parser directly.

usage: python3 tests/test_runner.py [-v]
"""

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run")

loader = importlib.machinery.SourceFileLoader("ktest_run", RUN)
spec = importlib.util.spec_from_loader("ktest_run", loader)
runner = importlib.util.module_from_spec(spec)
loader.exec_module(runner)

FAKE_QEMU = """\
#!{python}
import os, subprocess, sys, time
args = sys.argv[1:]
reset_log = args[args.index("-D") + 1]
sys.stdout.buffer.write({serial!r})
sys.stdout.flush()
sys.stderr.write({stderr!r})
if {triple!r}:
    with open(reset_log, "w") as f:
        f.write("CPU Reset (CPU 0)\\nTriple fault\\n")
if {hang!r}:
    # A grandchild too: the runner must kill the whole process group.
    child = subprocess.Popen(["sleep", "300"])
    with open({pidfile!r}, "w") as f:
        f.write(f"{{os.getpid()}} {{child.pid}}")
    time.sleep(300)
sys.exit({status})
"""

NESTED_PASS = """\
[    0.000000] kernel: booting
KTAP version 1
# seed: 1234
1..2
    # Subtest: trap
    KTAP version 1
    1..2
    ok 1 ud_caught
    ok 2 bp_caught
ok 1 trap
    # Subtest: mm
    KTAP version 1
    1..2
        # Subtest: buddy
        KTAP version 1
        1..1
        ok 1 coalesce
    ok 1 buddy
    ok 2 slab_poison # SKIP not a debug build
ok 2 mm
[    0.500000] ktest: done
"""

ONE_FAILS = """\
KTAP version 1
1..2
    # Subtest: trap
    KTAP version 1
    1..3
    ok 1 ud_caught
    # trap.c:40: expected x == 3, got 2
[    0.100000] RIP: 0010:ffffffff80101234
    not ok 2 bp_caught
    # pf_caught's own line
    ok 3 pf_caught
not ok 1 trap
    # Subtest: clock
    KTAP version 1
    1..1
    ok 1 monotonic
ok 2 clock
"""

PANIC = """\
KTAP version 1
1..2
    # Subtest: selftest_panic
    KTAP version 1
    1..1
[    0.200000] Kernel panic - not syncing: selftest: deliberate panic
[    0.200001] RIP: 0010:ffffffff80101234 RSP: ffffffff80200f80
[    0.200002] backtrace:
[    0.200003]   ffffffff80101234 selftest_panic_test+0x14
""" + "".join(f"[    0.3] filler {i}\n" for i in range(60))


def alive(pid):
    """Whether pid runs, a zombie not counting; waits a little for it to go."""
    for _ in range(20):
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return False
        except FileNotFoundError:
            return False
        time.sleep(0.1)
    return True


def result_line(text):
    return text.rstrip("\n").splitlines()[-1]


class FakeQemuCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="test_runner.")
        self.iso = os.path.join(self.tmp.name, "fake.iso")
        open(self.iso, "w").close()
        self.pidfile = os.path.join(self.tmp.name, "pids")

    def tearDown(self):
        self.tmp.cleanup()

    def run_fake(self, serial, status, *opts, stderr="", triple=False, hang=False, crlf=True):
        """Runs tests/run on a fake QEMU; returns (exit status, stdout)."""
        data = serial.replace("\n", "\r\n" if crlf else "\n").encode()
        fake = os.path.join(self.tmp.name, "qemu.sh")
        with open(fake, "w") as f:
            f.write(FAKE_QEMU.format(python=sys.executable, serial=data, stderr=stderr,
                                     triple=triple, hang=hang, pidfile=self.pidfile,
                                     status=status))
        os.chmod(fake, 0o755)
        env = dict(os.environ, QEMU_SH=fake)
        proc = subprocess.run([sys.executable, RUN, *opts, self.iso], env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertRegex(result_line(proc.stdout), r"^\d+ passed, \d+ failed$")
        return proc.returncode, proc.stdout

    def assertFails(self, out, rc, reason, last):
        self.assertEqual(rc, 1, out)
        self.assertIn("FAIL: " + reason, out)
        self.assertEqual(result_line(out), last, out)

    def test_nested_pass(self):
        rc, out = self.run_fake(NESTED_PASS, 33)
        self.assertEqual(rc, 0, out)
        self.assertIn("ok   trap.ud_caught\n", out)
        self.assertIn("ok   mm.buddy.coalesce\n", out)
        self.assertIn("skip mm.slab_poison # SKIP not a debug build\n", out)
        self.assertIn("# seed: 1234\n", out)
        self.assertNotIn("FAIL", out)
        self.assertEqual(result_line(out), "4 passed, 0 failed")

    def test_quiet_and_log(self):
        log = os.path.join(self.tmp.name, "serial.log")
        rc, out = self.run_fake(NESTED_PASS, 33, "--quiet", "--log", log, crlf=False)
        self.assertEqual(rc, 0, out)
        self.assertNotIn("ok   ", out)
        with open(log) as f:
            self.assertEqual(f.read(), NESTED_PASS)

    def test_failure_with_diagnostic(self):
        rc, out = self.run_fake(ONE_FAILS, 35)
        self.assertIn("FAIL trap.bp_caught\n     # trap.c:40: expected x == 3, got 2\n"
                      "     [    0.100000] RIP: 0010:ffffffff80101234\nok   trap.pf_caught\n", out)
        self.assertNotIn("pf_caught's own line", out)
        self.assertFails(out, rc, "1 test failed", "3 passed, 1 failed")

    def test_output_belongs_to_the_next_result(self):
        serial = ("KTAP version 1\n1..3\n# a.c:1: expected 1, got 0\nnot ok 1 a\n"
                  "# b.c:2: expected 2, got 0\nnot ok 2 b\n# c's output\nok 3 c\n")
        rc, out = self.run_fake(serial, 35)
        self.assertIn("FAIL a\n     # a.c:1: expected 1, got 0\nFAIL b\n     # b.c:2: expected 2, got 0\nok   c\n", out)
        self.assertFails(out, rc, "2 tests failed", "1 passed, 2 failed")

    def test_leak(self):
        serial = ("KTAP version 1\n1..1\n    # Subtest: selftest_leak\n    KTAP version 1\n"
                  "    1..1\n    not ok 1 leaky # leak: 1 page\nnot ok 1 selftest_leak\n")
        rc, out = self.run_fake(serial, 35)
        self.assertIn("FAIL selftest_leak.leaky # leak: 1 page\n", out)
        self.assertFails(out, rc, "1 test failed", "0 passed, 1 failed")

    def test_suite_not_ok_without_failed_test(self):
        serial = ("KTAP version 1\n1..1\n    # Subtest: s\n    KTAP version 1\n    1..1\n"
                  "    ok 1 a\nnot ok 1 s # leak: 2 kmalloc-64 objects\n")
        rc, out = self.run_fake(serial, 35)
        self.assertIn("FAIL s # leak: 2 kmalloc-64 objects\n", out)
        self.assertFails(out, rc, "1 test failed", "1 passed, 1 failed")

    def test_panic(self):
        rc, out = self.run_fake(PANIC, 37)
        self.assertIn("--- kernel panic ---\n| [    0.200000] Kernel panic - not syncing", out)
        self.assertIn("| [    0.200003]   ffffffff80101234 selftest_panic_test+0x14\n", out)
        self.assertIn("| [    0.3] filler 35\n", out)
        self.assertNotIn("filler 36", out)        # 40 lines from the panic on
        self.assertFails(out, rc, "kernel panic: selftest: deliberate panic", "0 passed, 2 failed")

    def test_panic_exit_without_message(self):
        rc, out = self.run_fake("KTAP version 1\n1..1\n", 37)
        self.assertFails(out, rc, "QEMU exited 37 (kernel panic) but no 'Kernel panic' line was printed",
                         "0 passed, 1 failed")

    def test_triple_fault(self):
        rc, out = self.run_fake("KTAP version 1\n1..1\n", 0, triple=True)
        self.assertIn("--- last 2 serial lines ---\n| KTAP version 1\n| 1..1\n", out)
        self.assertFails(out, rc, "triple fault", "0 passed, 1 failed")

    def test_exit0_power_off(self):
        rc, out = self.run_fake("[    0.100000] acpi: powering off\n", 0)
        self.assertIn("FAIL: no KTAP output\n", out)
        self.assertFails(out, rc, "QEMU exited 0: the kernel powered off or reset", "0 passed, 1 failed")

    def test_hang_kills_process_group(self):
        start = time.monotonic()
        rc, out = self.run_fake("KTAP version 1\n1..1\n", 0, "--timeout", "2", hang=True)
        self.assertLess(time.monotonic() - start, 20)
        self.assertFails(out, rc, "timeout after 2s", "0 passed, 1 failed")
        with open(self.pidfile) as f:
            pids = [int(p) for p in f.read().split()]
        for pid in pids:
            self.assertFalse(alive(pid), f"process {pid} of the fake QEMU survived the timeout")

    def test_missing_result(self):
        serial = "KTAP version 1\n1..3\nok 1 a\nok 2 b\n"
        rc, out = self.run_fake(serial, 33)
        self.assertFails(out, rc, "plan 1..3 but 2 results", "2 passed, 1 failed")

    def test_missing_nested_result(self):
        serial = ("KTAP version 1\n1..1\n    # Subtest: s\n    KTAP version 1\n    1..2\n"
                  "    ok 1 a\nok 1 s\n")
        rc, out = self.run_fake(serial, 33)
        self.assertIn("FAIL: s: plan 1..2 but 1 results\n", out)
        self.assertIn("FAIL: suite s reported ok but 1 of its results failed\n", out)
        self.assertFails(out, rc, "s: plan 1..2 but 1 results", "1 passed, 1 failed")

    def test_exit33_with_failure(self):
        rc, out = self.run_fake("KTAP version 1\n1..1\nnot ok 1 a\n", 33)
        self.assertFails(out, rc, "QEMU exited 33 (all passed) but 1 results were 'not ok': inconsistent",
                         "0 passed, 1 failed")

    def test_exit35_without_failure(self):
        rc, out = self.run_fake("KTAP version 1\n1..1\nok 1 a\n", 35)
        self.assertFails(out, rc, "QEMU exited 35 (tests failed) but no result was 'not ok': inconsistent",
                         "1 passed, 1 failed")

    def test_no_test_ran(self):
        rc, out = self.run_fake("KTAP version 1\n1..0\n", 33)
        self.assertFails(out, rc, "no test ran", "0 passed, 1 failed")

    def test_qemu_error(self):
        rc, out = self.run_fake("", 1, stderr="qemu-system-x86_64: -cdrom x: Could not open 'x'\n")
        self.assertFails(out, rc, "QEMU exited 1 (isa-debug-exit value 0x00; QEMU said: "
                         "qemu-system-x86_64: -cdrom x: Could not open 'x')", "0 passed, 1 failed")

    def test_unterminated_suite(self):
        serial = "KTAP version 1\n1..1\n    # Subtest: s\n    KTAP version 1\n    1..1\n    ok 1 a\n"
        rc, out = self.run_fake(serial, 33)
        self.assertFails(out, rc, "suite s has no result line", "1 passed, 1 failed")


class ParserCase(unittest.TestCase):
    def parse(self, text):
        p = runner.KtapParser()
        events = [e for line in text.splitlines() for e in p.feed(line)]
        p.finish()
        return p, events

    def test_counts(self):
        p, events = self.parse(ONE_FAILS)
        self.assertEqual((p.passed, p.failed, p.not_ok, p.problems), (3, 1, 1, []))
        self.assertIn(("result", "trap.bp_caught", False, ""), events)
        self.assertIn(("output", "# trap.c:40: expected x == 3, got 2"), events)

    def test_subtest_name_after_version(self):
        p, events = self.parse("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n"
                               "    1..1\n    not ok 1 a\nnot ok 1 s\n")
        self.assertEqual((events, p.problems), ([("result", "s.a", False, "")], []))

    def test_out_of_order(self):
        p, _ = self.parse("KTAP version 1\n1..2\nok 1 a\nok 3 b\n")
        self.assertEqual(p.problems, ["result 3 where 2 was expected"])

    def test_second_plan(self):
        p, _ = self.parse("KTAP version 1\n1..1\nok 1 a\n1..1\n")
        self.assertEqual(p.problems, ["plan 1..1 after a plan or results"])

    def test_result_outside_document(self):
        p, _ = self.parse("ok 1 a\n")
        self.assertEqual(p.problems, ["result '1 a' outside a KTAP document", "no KTAP output"])

    def test_printk_and_odd_indent_ignored(self):
        p, events = self.parse("KTAP version 1\n1..1\n[    1.000000] ok 5 x\n  ok 7 y\nok 1 a\n")
        self.assertEqual((p.passed, p.problems, len(events)), (1, [], 1))

    def test_two_documents(self):
        p, _ = self.parse("KTAP version 1\n1..1\nok 1 a\nKTAP version 1\n1..1\nok 1 b\n")
        self.assertEqual((p.passed, p.documents, p.problems), (2, 2, []))

    def test_truncated_suppresses_open_suite_complaints(self):
        p = runner.KtapParser()
        for line in "KTAP version 1\n1..2\n    # Subtest: s\n    KTAP version 1\n    1..3\n    ok 1 a\n".splitlines():
            p.feed(line)
        p.finish(truncated=True)
        self.assertEqual(p.problems, ["s: plan 1..3 but 1 results", "plan 1..2 but 1 results"])
        self.assertEqual(p.failed, 3)

    def test_clean_drops_escapes(self):
        self.assertEqual(runner.clean(b"\x1b[2J\x1b[1;1Hok 1 a\r"), "ok 1 a")


if __name__ == "__main__":
    unittest.main()
