# tools/gdb/ipc.py: kipcs, the System V IPC objects (ipc/util.c's registries
# msg_ids, sem_ids and shm_ids), like ipcs(1) with the waiters added.
#
#   (gdb) kipcs

import os

import gdb

if "KernelCommand" not in globals():
    gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "common.py"))

SHM_DEST, SHM_LOCKED = 0o1000, 0o2000


def ipc_objects(ids_name, source, type_name):
    """(kern_ipc_perm, object *) for each object of one kind."""
    ids = sym(ids_name, source)
    entries = ids["entries"]
    max_idx = int(ids["max_idx"])
    size = int(ids["size"])
    if ptr(entries) == 0 or max_idx < 0:
        return
    for idx in range(min(max_idx + 1, size)):
        perm = entries[idx]
        if ptr(perm) == 0:
            continue
        # The kern_ipc_perm is each object's first field.
        yield perm.dereference(), perm.cast(lookup_type(type_name).pointer())


def perm_columns(perm):
    return "%#010x %10d %5d %5d %5d %5d %04o" % (
        int(perm["key"]) & 0xFFFFFFFF, int(perm["id"]), int(perm["uid"]),
        int(perm["gid"]), int(perm["cuid"]), int(perm["cgid"]), int(perm["mode"]) & 0o777)


HEADER = "%-10s %10s %5s %5s %5s %5s %4s" % ("KEY", "ID", "UID", "GID", "CUID", "CGID", "MODE")


def pids_of(head, type_name, pid_field="pid"):
    return [int(w[pid_field]) for w in list_for_each(head, type_name, "waiter.list")]


class Kipcs(KernelCommand):
    """kipcs: every System V IPC object: key, id, owner, creator and mode,
then per kind: shared memory segments (size, attaches), semaphore sets
(values, pids waiting in semop), message queues (messages, bytes, pids
waiting in msgrcv, senders waiting for room)."""

    def __init__(self):
        super().__init__("kipcs")

    def run(self, arg):
        total = 0

        print("------ Shared Memory Segments ------")
        print("%s %10s %6s %s" % (HEADER, "BYTES", "NATTCH", "STATUS"))
        for perm, shp in ipc_objects("shm_ids", "ipc/shm.c", "struct shmid_kernel"):
            mode = int(perm["mode"])
            status = " ".join(s for bit, s in ((SHM_DEST, "dest"), (SHM_LOCKED, "locked"))
                              if mode & bit)
            print("%s %10d %6d %s" % (perm_columns(perm), int(shp["segsz"]),
                                      int(shp["nattch"]), status))
            total += 1

        print("------ Semaphore Arrays ------")
        print("%s %5s %s" % (HEADER, "NSEMS", "VALUES / WAITERS (pids)"))
        for perm, sma in ipc_objects("sem_ids", "ipc/sem.c", "struct sem_array"):
            nsems = int(sma["nsems"])
            values = [int(sma["sems"][i]["semval"]) for i in range(min(nsems, 16))]
            more = " ..." if nsems > 16 else ""
            waiters = pids_of(sma["pending"], "struct sem_queue")
            print("%s %5d values %s%s; waiting: %s"
                  % (perm_columns(perm), nsems, values, more,
                     " ".join(map(str, waiters)) or "none"))
            total += 1

        print("------ Message Queues ------")
        print("%s %8s %6s %s" % (HEADER, "BYTES", "MSGS", "WAITERS"))
        for perm, msq in ipc_objects("msg_ids", "ipc/msg.c", "struct msg_queue"):
            receivers = pids_of(msq["receivers"], "struct msg_receiver")
            senders = sum(1 for _ in list_for_each(msq["senders"], "struct msg_sender",
                                                   "waiter.list"))
            print("%s %8d %6d receivers: %s; senders waiting: %d"
                  % (perm_columns(perm), int(msq["cbytes"]), int(msq["qnum"]),
                     " ".join(map(str, receivers)) or "none", senders))
            total += 1
        print("%d IPC object%s" % (total, "" if total == 1 else "s"))


Kipcs()
