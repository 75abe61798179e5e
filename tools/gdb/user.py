# tools/gdb/user.py: user programs' symbols next to the kernel's.
#
#   (gdb) kuser            load the symbols of the program the current task runs
#   (gdb) kuser [PID]      ... that task PID runs
#   (gdb) ksym-user PROG   load PROG's symbols by name (cat, kbench, ...)
#
# User programs are static ELFs linked at fixed addresses and built
# unstripped: build/user/bin/NAME, build/user/tests/NAME, build/musl/NAME.
# A task's name is the basename of the path it exec'd. Every program links
# at the same addresses, so loading one first removes the one kuser loaded
# before; loading the same one again changes nothing.

import os

import gdb

if "KernelCommand" not in globals():
    gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "common.py"))

USER_DIRS = ["build/user/bin", "build/user/tests", "build/musl"]


def user_program_path(name):
    for d in USER_DIRS:
        for root in (os.getcwd(), REPO_ROOT):
            path = os.path.join(root, d, name)
            if os.path.isfile(path):
                return os.path.abspath(path)
    return None


def loaded_user_objfiles():
    found = []
    for objfile in gdb.objfiles():
        fn = objfile.filename or ""
        if any(os.sep + d + os.sep in fn for d in USER_DIRS):
            found.append(fn)
    return found


def load_user_symbols(name, cmd):
    if not name or "/" in name:
        raise KernelNotReady("bad program name %r" % name)
    path = user_program_path(name)
    if path is None:
        raise KernelNotReady("no unstripped program %s in %s (run make first)"
                             % (name, ", ".join(USER_DIRS)))
    loaded = loaded_user_objfiles()
    if os.path.realpath(path) in [os.path.realpath(p) for p in loaded]:
        print("%s: the symbols of %s are loaded already" % (cmd, path))
        return
    for other in loaded:
        gdb.execute("remove-symbol-file %s" % other, to_string=True)
        print("%s: removed the symbols of %s" % (cmd, other))
    # A static ELF at its link addresses: add-symbol-file needs no offset.
    gdb.execute("add-symbol-file %s" % path, to_string=True)
    print("%s: loaded the symbols of %s" % (cmd, path))


class Kuser(KernelCommand):
    """kuser [PID]: load the symbols of the user program the current task
(or task PID) runs, found from its name in build/user/bin, build/user/tests
and build/musl, with add-symbol-file. Idempotent; the symbols of a program
loaded before are removed first (they share the addresses)."""

    def __init__(self):
        super().__init__("kuser")

    def run(self, arg):
        task = task_or_current(arg, "kuser")
        if ptr(task["mm"]) == 0:
            print("kuser: %s is a kernel thread: it runs no user program" % task_label(task))
            return
        load_user_symbols(c_string(task["name"], 16), "kuser")


class KsymUser(KernelCommand):
    """ksym-user PROG: load the symbols of user program PROG (a name such
as kbench or cat) as kuser does, whatever the current task is."""

    def __init__(self):
        super().__init__("ksym-user")

    def run(self, arg):
        if not arg:
            raise gdb.GdbError("usage: ksym-user PROG")
        load_user_symbols(arg, "ksym-user")


Kuser()
KsymUser()
