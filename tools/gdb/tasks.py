# tools/gdb/tasks.py: kps (the task list) and krq (the CFS runqueue).
#
#   (gdb) kps       every task: pid, parent, state, nice, vruntime, CPU time
#   (gdb) krq       this CPU's CFS tree in vruntime order, curr, min_vruntime
#   $kcurrent()     the current struct task *, for expressions and conditions

import os

import gdb

if "KernelCommand" not in globals():
    gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "common.py"))

# enum task_state (include/sched.h)
TASK_STATES = {0: "runnable", 1: "sleeping", 2: "sleeping(D)", 3: "zombie",
               4: "stopped"}


def task_state(task, current):
    state = int(task["state"])
    if state == 0 and ptr(task) == current:
        return "running"
    if state == 0 and int(task["pid"]) == 0:
        return "idle"
    return TASK_STATES.get(state, "state%d" % state)


def fmt_ns(ns):
    return "%.3f ms" % (ns / 1e6)


class Kps(KernelCommand):
    """kps: the kernel's tasks, the current one marked with *.
Columns: pid, parent's pid, state (running, runnable, sleeping, sleeping(D)
for an uninterruptible sleep, zombie, stopped), nice, vruntime (ns), CPU
time used (sum_exec_runtime), user (has an mm) or kernel thread, name."""

    def __init__(self):
        super().__init__("kps")

    def run(self, arg):
        cpu = current_cpu()
        cur = current_task(required=False)
        cur_addr = ptr(cur) if cur is not None else 0
        tasks = list(all_tasks())
        if not tasks:
            print("kps: the scheduler is not initialised yet (no tasks)")
            return
        print("  %5s %5s %-11s %4s %16s %14s %-6s %s"
              % ("PID", "PPID", "STATE", "NICE", "VRUNTIME", "RUNTIME", "KIND", "NAME"))
        for task in tasks:
            parent = task["parent"]
            ppid = int(parent["pid"]) if ptr(parent) else 0
            se = task["se"]
            print("%s %5d %5d %-11s %4d %16d %14s %-6s %s"
                  % ("*" if ptr(task) == cur_addr else " ",
                     int(task["pid"]), ppid, task_state(task, cur_addr),
                     int(task["nice"]), int(se["vruntime"]),
                     fmt_ns(int(se["sum_exec_runtime"])),
                     "user" if ptr(task["mm"]) else "kernel",
                     c_string(task["name"], 16)))
        if cur is None:
            print("(no current task)")
        elif ptr(cur) == ptr(cpu["idle"]):
            print("(the CPU is idle: the current task is the idle task, pid %d)"
                  % int(cur["pid"]))


class Krq(KernelCommand):
    """krq: this CPU's CFS runqueue: curr (running, not in the tree),
min_vruntime, and the tree of runnable tasks in vruntime order, the
leftmost (picked next) first."""

    def __init__(self):
        super().__init__("krq")

    def run(self, arg):
        cpu = current_cpu()
        cfs = cpu["rq"]["cfs"]
        minv = int(cfs["min_vruntime"])
        print("cpu %d: nr_running %d, load %d, min_vruntime %d, switches %d"
              % (int(cpu["id"]), int(cfs["nr_running"]), int(cfs["load"]), minv,
                 int(cpu["rq"]["nr_switches"])))
        curr = cfs["curr"]
        if ptr(curr):
            task = container_of(ptr(curr), "struct task", "se")
            print("curr: %s vruntime %d (min%+d)"
                  % (task_label(task), int(curr["vruntime"]), int(curr["vruntime"]) - minv))
        else:
            idle = cpu["idle"]
            print("curr: none%s" % (" (idle task running)" if ptr(idle) and
                                    ptr(idle) == ptr(cpu["current_task"]) else ""))
        root = cfs["tasks_timeline"]["root"]["node"]
        leftmost = ptr(cfs["tasks_timeline"]["leftmost"])
        nodes = list(rb_inorder(root))
        print("tree: %d task%s" % (len(nodes), "" if len(nodes) == 1 else "s"))
        for node in nodes:
            task = container_of(node, "struct task", "se.run_node")
            v = int(task["se"]["vruntime"])
            print("  %s %16d (min%+d) nice %3d %s"
                  % ("<" if node == leftmost else " ", v, v - minv,
                     int(task["nice"]), task_label(task)))
        if nodes and nodes[0] != leftmost:
            print("warning: the cached leftmost (%#x) is not the smallest node" % leftmost)


class KCurrent(gdb.Function):
    """$kcurrent(): the current task (struct task *), e.g.
  break do_wp_page if $_streq($kcurrent()->name, "kbench")
  p *$kcurrent()
An error before the scheduler exists."""

    def __init__(self):
        super().__init__("kcurrent")

    def invoke(self):
        try:
            return current_task()
        except KernelNotReady as e:
            raise gdb.GdbError("$kcurrent: %s" % e)


Kps()
Krq()
KCurrent()
