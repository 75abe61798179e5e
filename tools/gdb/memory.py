# tools/gdb/memory.py: page tables, VMAs, the buddy and slab allocators.
#
#   (gdb) kvm ADDR [PID]   the page-table walk of ADDR, its frame, COW or not
#   (gdb) kvmas [PID]      the VMAs of the current (or PID's) address space
#   (gdb) kbuddy           free blocks per order
#   (gdb) kslab            the slab caches and their usage
#
# Page tables hold physical addresses: the walk reads them through the
# kernel's direct map (DIRECT_MAP_BASE + phys).

import os

import gdb

if "KernelCommand" not in globals():
    gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "common.py"))

PTE_ADDR_MASK = 0x000FFFFFFFFFF000
PTE_BITS = [(0, "P"), (1, "W"), (2, "U"), (3, "PWT"), (4, "PCD"), (5, "A"),
            (6, "D"), (7, "PS"), (8, "G"), (63, "NX")]
PTE_PRESENT, PTE_WRITE, PTE_HUGE = 1 << 0, 1 << 1, 1 << 7
PROT_READ, PROT_WRITE, PROT_EXEC = 1, 2, 4
VM_FLAGS = [(0, "shared"), (1, "growsdown"), (2, "heap"), (3, "sigbus-past-eof")]
PG_FLAGS = [(0, "reserved"), (1, "buddy"), (2, "slab"), (3, "tail"), (4, "kmalloc")]
USER_SPACE_END = 0x0000800000000000


def pte_flags(entry):
    names = [name for bit, name in PTE_BITS if entry & (1 << bit)]
    if not entry & PTE_PRESENT:
        return "not present"
    return " ".join(names)


def bit_names(value, table):
    return ",".join(name for bit, name in table if value & (1 << bit)) or "-"


def prot_rwx(prot):
    return "%s%s%s" % ("r" if prot & PROT_READ else "-",
                       "w" if prot & PROT_WRITE else "-",
                       "x" if prot & PROT_EXEC else "-")


def find_vma_in(mm, addr):
    for vma in list_for_each(mm["vmas"], "struct vma", "list"):
        if int(vma["start"]) <= addr < int(vma["end"]):
            return vma
    return None


def frame_page(phys):
    """struct page * of a physical address, or None beyond max_pfn."""
    pfn = phys >> PAGE_SHIFT
    mem_map = sym("mem_map", "mm/buddy.c")
    if ptr(mem_map) == 0 or pfn >= int(sym("max_pfn", "mm/buddy.c")):
        return None
    return mem_map + pfn


def parse_address(text, what):
    try:
        return int(gdb.parse_and_eval(text).cast(gdb.lookup_type("unsigned long")))
    except gdb.error as e:
        raise gdb.GdbError("%s: bad address %s: %s" % (what, text, e))


class Kvm(KernelCommand):
    """kvm ADDR [PID]: walk the page tables for virtual address ADDR.
The tables are the current task's (or task PID's); a kernel thread's or a
kernel address's are the kernel's (kernel_pml4). Prints each level's entry
and its flags (P W U PWT PCD A D PS G NX), stops at a huge page or an absent
entry, then the physical frame, its struct page (refcount, flags) and
whether the mapping is copy-on-write: present, not writable, in a writable
private VMA (a write faults into do_wp_page)."""

    def __init__(self):
        super().__init__("kvm")

    def run(self, arg):
        args = gdb.string_to_argv(arg)
        if not args or len(args) > 2:
            raise gdb.GdbError("usage: kvm ADDR [PID]")
        addr = parse_address(args[0], "kvm")
        task = None
        mm = None
        try:
            task = task_or_current(args[1] if len(args) > 1 else None, "kvm")
        except KernelNotReady as e:
            if len(args) > 1:
                raise
            print("kvm: %s: using the kernel's page tables" % e)
        if task is not None and ptr(task["mm"]) and addr < USER_SPACE_END:
            mm = task["mm"]
            pml4 = ptr(mm["pml4"])
            print("kvm: %#x in the address space of %s, pml4 %#x" % (addr, task_label(task), pml4))
        else:
            pml4 = ptr(sym("kernel_pml4", "mm/paging.c"))
            why = ("a kernel address" if addr >= USER_SPACE_END else
                   "%s is a kernel thread" % task_label(task) if task is not None
                   else "no task")
            print("kvm: %#x in the kernel's page tables (%s), kernel_pml4 %#x"
                  % (addr, why, pml4))
        if pml4 == 0:
            raise KernelNotReady("the page tables are not set up yet (pml4 is NULL)")
        if addr >= USER_SPACE_END and (addr >> 47) != 0x1FFFF:
            print("kvm: %#x is not canonical" % addr)
            return

        levels = [("PML4", 39), ("PDPT", 30), ("PD", 21), ("PT", 12)]
        table_virt = pml4
        frame = None
        page_size = None
        entry = 0
        for depth, (name, shift) in enumerate(levels):
            index = (addr >> shift) & 0x1FF
            slot = table_virt + index * 8
            entry = read_u64(slot)
            print("  %-4s[%3d] @ %#x = %#018x  %s"
                  % (name, index, slot, entry, pte_flags(entry)))
            if not entry & PTE_PRESENT:
                print("  not mapped: the %s entry is absent%s" %
                      (name, " (a user access faults in the page: demand paging)"
                       if mm is not None else ""))
                self.vma_note(mm, addr, None)
                return
            if shift in (30, 21) and entry & PTE_HUGE:
                page_size = 1 << shift
                frame = (entry & PTE_ADDR_MASK & ~(page_size - 1))
                print("  huge page: %s" % ("1 GiB" if shift == 30 else "2 MiB"))
                break
            if shift == 12:
                page_size = PAGE_SIZE
                frame = entry & PTE_ADDR_MASK
                break
            table_virt = DIRECT_MAP_BASE + (entry & PTE_ADDR_MASK)
        phys = frame + (addr & (page_size - 1))
        print("  frame %#x (pfn %#x), physical address %#x"
              % (frame, frame >> PAGE_SHIFT, phys))
        page = frame_page(frame)
        if page is None:
            print("  no struct page (beyond max_pfn or mem_map not set up)")
        else:
            p = page.dereference()
            note = ""
            try:
                zero = sym("zero_page", "mm/fault.c")
                if ptr(zero) == ptr(page):
                    note = " (the shared zero page)"
            except KernelNotReady:
                pass
            print("  struct page %#x: refcount %d, flags %s, order %d%s"
                  % (ptr(page), int(p["refcount"]), bit_names(int(p["flags"]), PG_FLAGS),
                     int(p["order"]), note))
        self.vma_note(mm, addr, entry)

    def vma_note(self, mm, addr, entry):
        if mm is None:
            return
        vma = find_vma_in(mm, addr)
        if vma is None:
            print("  vma: none (a user access here is SIGSEGV)")
            return
        prot, flags = int(vma["prot"]), int(vma["flags"])
        print("  vma %#x-%#x %s %s" % (int(vma["start"]), int(vma["end"]),
                                       prot_rwx(prot), bit_names(flags, VM_FLAGS)))
        if entry is None:
            return
        if not entry & PTE_WRITE and prot & PROT_WRITE and not flags & 1:
            print("  COW: present, read-only, in a writable private VMA: "
                  "a write faults and copies (or takes over) the page")
        elif not entry & PTE_WRITE and prot & PROT_WRITE:
            print("  read-only in a writable shared VMA: a write makes it writable, no copy")
        elif entry & PTE_WRITE:
            print("  writable: not COW")
        else:
            print("  read-only mapping: not COW (the VMA is not writable)")


class Kvmas(KernelCommand):
    """kvmas [PID]: the VMAs of the current task's (or task PID's) address
space: start, end, size, prot (rwx), flags, and what backs it: a file
(inode number and offset), anonymous private memory, or shared pages
(MAP_SHARED|MAP_ANONYMOUS or a SysV shm segment)."""

    def __init__(self):
        super().__init__("kvmas")

    def run(self, arg):
        task = task_or_current(arg, "kvmas")
        mm = task["mm"]
        if ptr(mm) == 0:
            print("kvmas: %s is a kernel thread: no user address space" % task_label(task))
            return
        mm = mm.dereference()
        print("%s: mm %#x, pml4 %#x, brk %#x-%#x, rss %d pages"
              % (task_label(task), addr_of(mm), ptr(mm["pml4"]), int(mm["brk_start"]),
                 int(mm["brk"]), int(mm["rss"])))
        print("  %-18s %-18s %8s %-4s %-22s %s" % ("START", "END", "KiB", "PROT", "FLAGS", "BACKING"))
        n = 0
        for vma in list_for_each(mm["vmas"], "struct vma", "list"):
            start, end = int(vma["start"]), int(vma["end"])
            flags = int(vma["flags"])
            names = bit_names(flags, VM_FLAGS)
            if flags & 2:
                names += " [stack]"
            elif flags & 4:
                names += " [heap]"
            if ptr(vma["shared"]):
                sh = vma["shared"].dereference()
                kind = "sysv shm" if ptr(sh["ops"]) else "shared anon"
                backing = "%s (%d pages, offset %d)" % (kind, int(sh["nr_pages"]),
                                                       int(vma["shared_offset"]))
            elif ptr(vma["inode"]):
                inode = vma["inode"].dereference()
                backing = "file ino %d %s offset %#x, file part to %#x" % (
                    int(inode["ino"]), c_string(inode["name"]),
                    int(vma["file_offset"]), int(vma["file_end"]))
            else:
                backing = "anon"
            print("  %#018x %#018x %8d %-4s %-22s %s" % (start, end, (end - start) >> 10,
                                                        prot_rwx(int(vma["prot"])),
                                                        names, backing))
            n += 1
        print("%d VMA%s" % (n, "" if n == 1 else "s"))


class Kbuddy(KernelCommand):
    """kbuddy: the buddy allocator's free blocks per order (2^order pages
each), counted by nr_free[] and checked against the free_area[] lists."""

    def __init__(self):
        super().__init__("kbuddy")

    def run(self, arg):
        nr_free = sym("nr_free", "mm/buddy.c")
        free_area = sym("free_area", "mm/buddy.c")
        if ptr(sym("mem_map", "mm/buddy.c")) == 0:
            print("kbuddy: the buddy allocator is not initialised yet (mem_map is NULL)")
            return
        print("%5s %9s %8s %10s %s" % ("ORDER", "BLOCK", "FREE", "PAGES", ""))
        total = 0
        for order in range(MAX_ORDER + 1):
            n = int(nr_free[order])
            try:
                listed = sum(1 for _ in list_for_each(free_area[order], "struct page", "lru"))
                check = "" if listed == n else "  (list holds %d!)" % listed
            except KernelNotReady as e:
                check = "  (%s)" % e
            pages = n << order
            total += pages
            print("%5d %7dKiB %8d %10d%s" % (order, 4 << order, n, pages, check))
        free_frames = int(sym("free_frames", "mm/buddy.c"))
        print("free: %d pages (%d KiB); free_frames says %d; max_pfn %d"
              % (total, total * 4, free_frames, int(sym("max_pfn", "mm/buddy.c"))))


class Kslab(KernelCommand):
    """kslab: the slab caches on cache_chain: object size, slot size,
objects per slab, objects in use of the total, slabs (and empty ones),
pages they take."""

    def __init__(self):
        super().__init__("kslab")

    def run(self, arg):
        chain = sym("cache_chain", "mm/slab.c")
        caches = list(list_for_each(chain, "struct kmem_cache", "list"))
        if not caches:
            print("kslab: the slab allocator is not initialised yet (no caches)")
            return
        print("%-20s %7s %6s %5s %8s %8s %6s %6s %6s"
              % ("NAME", "OBJSIZE", "SLOT", "ORDER", "INUSE", "TOTAL", "SLABS", "EMPTY", "PAGES"))
        for c in caches:
            slabs, per = int(c["nr_slabs"]), int(c["objects"])
            order = int(c["order"])
            print("%-20s %7d %6d %5d %8d %8d %6d %6d %6d"
                  % (c_string(c["name"], 32), int(c["object_size"]), int(c["size"]),
                     order, int(c["objects_in_use"]), slabs * per, slabs,
                     int(c["nr_empty"]), slabs << order))
        print("%d caches" % len(caches))


Kvm()
Kvmas()
Kbuddy()
Kslab()
