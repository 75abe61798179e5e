#!/usr/bin/env python3
"""The labs and their tests (docs/labs/labs.txt): selection, grading, checks.

usage: tools/labs.py list                 the labs
       tools/labs.py ktest LAB            the kernel command line's ktest=
                                          selection (suites and user.PROG)
       tools/labs.py host LAB             the host test file pattern ("" none)
       tools/labs.py score LAB LOGDIR     the per-group score lines, from the
                                          stage outputs tests/all.sh kept
       tools/labs.py grade                make test LAB=x for every lab; a table
       tools/labs.py test-labs            for every lab: its handout builds
                                          without warnings, fails the lab's
                                          tests with its message, and its
                                          whole `make test` fails nothing
                                          else (but the lab's `breaks`); the
                                          course tree scores 100
Groups: kernel (in-kernel suites), user (user programs, run in the kernel:
both come from the kernel stage's `ok`/`FAIL` lines), host (the host unit
tests). A group's score is passed * 100 / (passed + failed) over its test
cases; a result that never came (a panic, a time limit) counts as failed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "docs", "labs", "labs.txt")
RESULT = re.compile(r"^(ok|FAIL|skip)\s+(\S+)")
TOTAL = re.compile(r"^(\d+) passed, (\d+) failed$")
SCORE = re.compile(r"^score (\w+)\s+(\d+)/100")


def split(field):
    return [] if field == "-" else field.split(",")


def labs():
    table = {}
    with open(TABLE) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, kernel, user, host, breaks = line.split()
            table[name] = dict(kernel=split(kernel), user=split(user),
                               host=None if host == "-" else host,
                               breaks=split(breaks))
    return table


def lab(name):
    table = labs()
    if name not in table:
        sys.exit(f"labs.py: no lab {name!r}; labs: {', '.join(table)}")
    return table[name]


def ktest_selection(l):
    return ",".join(l["kernel"] + [f"user.{p}" for p in l["user"]])


def kernel_groups(text, l):
    """(passed, failed) of the kernel and user groups from tests/run's output."""
    groups = {"kernel": [0, 0], "user": [0, 0]}
    suites = set(s.split(".")[0] for s in l["kernel"])
    seen = set()
    for line in text.splitlines():
        m = RESULT.match(line)
        if not m:
            continue
        seen.add(m[2])
        group = "kernel" if m[2].split(".")[0] in suites else "user"
        groups[group][m[1] == "FAIL"] += 1
    # Results the kernel never printed (it died first): each selected
    # group without a result, or the difference to the runner's total.
    total = [TOTAL.match(line) for line in text.splitlines()]
    total = [m for m in total if m]
    if total:
        failed = int(total[-1][2])
        missing = failed - groups["kernel"][1] - groups["user"][1]
        if missing > 0:
            # Charge them to the user group if it has programs (they run
            # last), else to the kernel group.
            groups["user" if l["user"] else "kernel"][1] += missing
    for name, sel in (("kernel", l["kernel"]), ("user", l["user"])):
        if sel and groups[name] == [0, 0]:
            groups[name][1] = 1
    return groups


def score_lines(name, logdir):
    l = lab(name)
    out = []

    def read(stage):
        try:
            with open(os.path.join(logdir, stage + ".out")) as f:
                return f.read()
        except OSError:
            return ""
    # The stubs' own words (include/lab.h): the host tests' output, and
    # the serial log of the kernel run this stage made.
    log = os.path.join(ROOT, "build", "test.log")
    said = read("host") + read("kernel")
    if read("kernel") and os.path.exists(log):
        said += open(log, errors="replace").read()
    message = f"LAB({name}): not implemented"
    if message in said:
        out.append(f"# the kernel says: {message}")
    groups = {}
    if l["kernel"] or l["user"]:
        groups.update(kernel_groups(read("kernel"), l))
    if l["host"]:
        totals = [TOTAL.match(x) for x in read("host").splitlines()]
        totals = [m for m in totals if m]
        groups["host"] = [int(totals[-1][1]), int(totals[-1][2])] if totals else [0, 1]
    for group in ("kernel", "user", "host"):
        if group not in groups or (group != "host" and not l[group]):
            continue
        passed, failed = groups[group]
        total = passed + failed
        out.append(f"score {group:<7} {passed * 100 // total if total else 0:3d}/100"
                   f"  ({passed} of {total} passed)")
    return out


def make_test(tree, name, extra=()):
    start = time.time()
    p = subprocess.run(["make", "-C", tree, "test", f"LAB={name}", *extra],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr, time.time() - start


def parse_scores(text):
    return {m[1]: int(m[2]) for m in map(SCORE.match, text.splitlines()) if m}


def grade(tree=ROOT):
    print(f"{'lab':<15} {'kernel':>7} {'user':>7} {'host':>7}  result")
    ok = True
    for name in labs():
        rc, text, secs = make_test(tree, name)
        scores = parse_scores(text)
        last = [x for x in text.splitlines() if TOTAL.match(x)]
        cells = [f"{scores[g]:>7}" if g in scores else f"{'-':>7}" for g in ("kernel", "user", "host")]
        print(f"{name:<15} {' '.join(cells)}  {last[-1] if last else 'no result'} ({secs:.0f}s)")
        ok &= rc == 0
    return 0 if ok else 1


def failures(text):
    """Failed test names (the kernel's, and the host programs') and stages
    of a `make test` output."""
    names = {m[2] for m in map(RESULT.match, text.splitlines()) if m and m[1] == "FAIL"}
    host = re.search(r"^=== host: .*?(?=^=== )", text, re.S | re.M)
    if host:
        names |= {"host." + m[1] for m in re.finditer(r"^not ok \d+ (\S+)", host[0], re.M)}
    stages = set()
    for line in text.split("=== summary", 1)[-1].splitlines():
        m = re.match(r"^(\S+)\s+(\d+) passed, (\d+) failed", line)
        if m and int(m[3]):
            stages.add(m[1])
    return names, stages


def test_labs():
    failed = []
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="labs.") as tmp:
        for name, l in labs().items():
            t0 = time.time()
            dest = os.path.join(tmp, name)
            subprocess.run([os.path.join(ROOT, "tools", "handout"), name, dest],
                           check=True, capture_output=True)
            b = subprocess.run(["make", "-C", dest, "-j8", "all"], capture_output=True, text=True)
            problems = []
            if b.returncode or "warning:" in b.stdout + b.stderr:
                problems.append("the handout does not build cleanly")
            rc, text, _ = make_test(dest, name)
            scores = parse_scores(text)
            if not scores or min(scores.values()) >= 100:
                problems.append(f"the handout scores {scores}, not below 100")
            message = f"LAB({name})"
            logs = text
            log = os.path.join(dest, "build", "test.log")
            if os.path.exists(log):
                logs += open(log, errors="replace").read()
            if message not in logs:
                problems.append(f"no {message} message in the handout's output")
            whole = subprocess.run(["make", "-C", dest, "test"], capture_output=True, text=True)
            names, stages = failures(whole.stdout + whole.stderr)
            mine = set(s.split(".")[0] for s in l["kernel"]) | set(l["user"])
            stray = set()
            if "kernel" not in l["breaks"]:
                stray |= {n for n in names if not n.startswith("host.")
                          and n.split(".")[0] not in mine}
            excused = [b[5:] for b in l["breaks"] if b.startswith("host.")]
            excused += [l["host"]] if l["host"] else []
            stray |= {n for n in names if n.startswith("host.")
                      and not any(p in n[5:] for p in excused)}
            stray |= {s for s in stages if s not in l["breaks"]
                      and s not in ("kernel", "host")}
            if stray:
                problems.append(f"other tests fail in the handout: {', '.join(sorted(stray))}")
            shutil.rmtree(dest, ignore_errors=True)
            status = "ok  " if not problems else "FAIL"
            print(f"{status} handout {name} ({time.time() - t0:.0f}s) scores {scores}", flush=True)
            for p in problems:
                print(f"     # {p}")
            if problems:
                failed.append(name)
    # The course tree (a copy, so the build here stays as it is): every lab at 100.
    course = tempfile.mkdtemp(prefix="labs-course.")
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for f in filter(None, files):
        if os.path.isfile(os.path.join(ROOT, f)):
            os.makedirs(os.path.dirname(os.path.join(course, f)), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, f), os.path.join(course, f))
    for name in labs():
        rc, text, secs = make_test(course, name)
        scores = parse_scores(text)
        good = rc == 0 and scores and min(scores.values()) == 100
        print(f"{'ok  ' if good else 'FAIL'} course {name} ({secs:.0f}s) scores {scores}", flush=True)
        if not good:
            failed.append("course " + name)
    shutil.rmtree(course, ignore_errors=True)
    total = 2 * len(labs())
    print(f"# test-labs took {time.time() - start:.0f}s")
    print(f"{total - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "list":
        print("\n".join(labs()))
    elif len(argv) == 3 and argv[1] == "ktest":
        print(ktest_selection(lab(argv[2])))
    elif len(argv) == 3 and argv[1] == "host":
        print(lab(argv[2])["host"] or "")
    elif len(argv) == 4 and argv[1] == "score":
        print("\n".join(score_lines(argv[2], argv[3])))
    elif len(argv) == 2 and argv[1] == "grade":
        return grade()
    elif len(argv) == 2 and argv[1] == "test-labs":
        return test_labs()
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
