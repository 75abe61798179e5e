# tools/gdb/common.py: what the kernel's gdb helpers share.
#
# Sourced first by tools/gdb/kernel.gdb (the helpers are sourced in name
# order, into one namespace); the other helper files source it themselves
# when it is missing, so each can also be loaded alone:
#   (gdb) source tools/gdb/tasks.py
#
# Everything here reads kernel memory through gdb and never calls kernel
# functions. Every helper must work with the kernel stopped anywhere, early
# boot included: a structure that does not exist yet, a NULL pointer or an
# unmapped address raises KernelNotReady, which KernelCommand turns into a
# one-line message instead of a Python traceback.

import os

import gdb

DIRECT_MAP_BASE = 0xFFFF800000000000
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
MAX_ORDER = 10
LIST_LIMIT = 100000             # a corrupt list must not loop for ever

KGDB_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(KGDB_DIR))


class KernelNotReady(Exception):
    """The structure a helper needs is not there (yet): say so, no trace."""


def _is_missing_symbol(e):
    text = str(e)
    return "No symbol" in text or "not defined" in text


def sym(name, source=None):
    """The value of a kernel variable; a static one as 'source'::name, so
    that equal static names in other files do not get in the way."""
    exprs = ["'%s'::%s" % (source, name)] if source else []
    exprs.append(name)
    last = None
    for expr in exprs:
        try:
            return gdb.parse_and_eval(expr)
        except gdb.error as e:
            last = e
    raise KernelNotReady("no symbol %s in the kernel's debug information (%s)"
                         % (name, last))


def lookup_type(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise KernelNotReady("no type %s in the kernel's debug information" % name)


def ptr(value):
    """A pointer or address value as a Python int."""
    return int(value.cast(gdb.lookup_type("unsigned long")))


def addr_of(value):
    return ptr(value.address)


def read_u64(address):
    try:
        mem = gdb.selected_inferior().read_memory(address, 8)
    except gdb.MemoryError:
        raise KernelNotReady("cannot read memory at %#x" % address)
    return int.from_bytes(bytes(mem), "little")


def read_phys_u64(phys):
    """Physical memory, through the kernel's direct map."""
    return read_u64(DIRECT_MAP_BASE + phys)


def offset_of(type_, path):
    """offsetof(type_, a.b.c) in bytes."""
    off = 0
    t = type_.strip_typedefs()
    for part in path.split("."):
        field = None
        for f in t.fields():
            if f.name == part:
                field = f
                break
        if field is None:
            raise KernelNotReady("%s has no field %s" % (t, part))
        off += field.bitpos // 8
        t = field.type.strip_typedefs()
    return off


def container_of(address, type_name, member):
    """The struct type_name * whose member is at address."""
    t = lookup_type(type_name)
    return gdb.Value(address - offset_of(t, member)).cast(t.pointer())


def deref(pointer, what):
    """*pointer, or KernelNotReady naming what when NULL or unreadable."""
    if ptr(pointer) == 0:
        raise KernelNotReady("%s is NULL" % what)
    value = pointer.dereference()
    try:
        value.fetch_lazy()
    except gdb.MemoryError:
        raise KernelNotReady("%s (%#x) is not readable" % (what, ptr(pointer)))
    return value


def list_for_each(head, type_name, member):
    """The entries (struct type_name * values) of the list whose head (a
    struct list_head value, not a pointer) links them through member."""
    head_addr = addr_of(head)
    try:
        node = ptr(head["next"])
    except gdb.MemoryError:
        raise KernelNotReady("the list at %#x is not readable" % head_addr)
    count = 0
    while node != head_addr:
        if node == 0:
            raise KernelNotReady("the list at %#x is not initialised" % head_addr)
        yield container_of(node, type_name, member)
        count += 1
        if count > LIST_LIMIT:
            raise KernelNotReady("the list at %#x does not end" % head_addr)
        node = read_u64(node)     # list_head.next is its first field


def list_length(head):
    n = 0
    for _ in list_for_each(head, "struct list_head", "next"):
        n += 1
    return n


def rb_inorder(root_node):
    """The struct rb_node addresses of a tree, smallest first (in order)."""
    stack = []
    node = ptr(root_node)
    count = 0
    t = lookup_type("struct rb_node")
    while stack or node:
        while node:
            stack.append(node)
            node = ptr(gdb.Value(node).cast(t.pointer())["left"])
            count += 1
            if count > LIST_LIMIT:
                raise KernelNotReady("the tree does not end")
        node = stack.pop()
        yield node
        node = ptr(gdb.Value(node).cast(t.pointer())["right"])


def c_string(value, limit=64):
    try:
        return value.string(length=limit).split("\0")[0]
    except (gdb.error, UnicodeDecodeError):
        try:
            return value.string("latin-1", errors="replace", length=limit).split("\0")[0]
        except gdb.error:
            return "?"


# ---------------------------------------------------------------------------
# The current CPU and task.

def _cpus():
    return sym("cpus", "kernel/percpu.c")


def _register(name):
    try:
        return int(gdb.parse_and_eval("$" + name).cast(gdb.lookup_type("unsigned long")))
    except gdb.error:
        return None


def current_cpu():
    """This CPU's struct cpu *: from GS base (IA32_GS_BASE, or the kernel's
    value swapped into IA32_KERNEL_GS_BASE while user code runs), else
    &cpus[0]. KernelNotReady before percpu_init()."""
    cpus = _cpus()
    t = cpus.type.strip_typedefs()
    base = addr_of(cpus)
    end = base + t.sizeof
    cpu_ptr = lookup_type("struct cpu").pointer()
    for reg in ("gs_base", "k_gs_base", "kernel_gs_base"):
        value = _register(reg)
        if value is not None and base <= value < end:
            return gdb.Value(value).cast(cpu_ptr)
    cpu = cpus[0].address
    if ptr(cpu["self"]) != ptr(cpu):
        raise KernelNotReady("the per-CPU data is not set up yet (before percpu_init)")
    return cpu


def current_task(required=True):
    cpu = current_cpu()
    task = cpu["current_task"]
    if ptr(task) == 0:
        if required:
            raise KernelNotReady("there is no current task yet (before sched_init)")
        return None
    return task


def all_tasks():
    return list_for_each(sym("all_tasks", "sched/task.c"), "struct task", "tasks")


def find_task(pid):
    for task in all_tasks():
        if int(task["pid"]) == pid:
            return task
    try:
        idle = current_cpu()["idle"]
        if ptr(idle) and int(idle["pid"]) == pid:
            return idle
    except KernelNotReady:
        pass
    raise KernelNotReady("no task with pid %d" % pid)


def task_or_current(arg, what):
    """The task named by pid in arg, or the current one."""
    if arg:
        try:
            pid = int(gdb.parse_and_eval(arg))
        except gdb.error as e:
            raise gdb.GdbError("%s: bad pid %s: %s" % (what, arg, e))
        return find_task(pid)
    return current_task()


def task_label(task):
    return "pid %d (%s)" % (int(task["pid"]), c_string(task["name"], 16))


# ---------------------------------------------------------------------------

class KernelCommand(gdb.Command):
    """Base class: subclasses implement run(arg); KernelNotReady and
    gdb errors become one line prefixed with the command's name."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)
        self.cmd_name = name

    def invoke(self, arg, from_tty):
        try:
            self.run(arg.strip())
        except gdb.GdbError:
            raise
        except KernelNotReady as e:
            print("%s: %s" % (self.cmd_name, e))
        except gdb.MemoryError as e:
            print("%s: kernel memory not readable (%s): the kernel may not be "
                  "that far yet" % (self.cmd_name, e))
        except gdb.error as e:
            print("%s: %s" % (self.cmd_name, e))
        except Exception as e:      # a bug in the helper: still no traceback
            print("%s: internal error: %s: %s" % (self.cmd_name, type(e).__name__, e))

    def run(self, arg):
        raise NotImplementedError
