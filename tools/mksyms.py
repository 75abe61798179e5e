#!/usr/bin/env python3
"""Turn `nm -n -S --defined-only` output into the kernel's .ksyms blob.

Layout (little endian), read by kernel/ksyms.c:
    u32 magic 'KSYM', u32 count,
    count x { u64 address, u32 size, u32 name_offset },
    the NUL-terminated names (offsets relative to the first name).
Only text symbols are kept: a backtrace needs nothing else.
"""
import struct
import sys

KSYM_MAGIC = 0x4d59534b  # "KSYM"

entries = []
for line in sys.stdin:
    fields = line.split()
    if len(fields) == 4:
        address, size, kind, name = fields
    elif len(fields) == 3:
        address, kind, name = fields
        size = "0"
    else:
        continue
    if kind not in "tT":
        continue
    entries.append((int(address, 16), int(size, 16), name))
entries.sort()

names = bytearray()
table = bytearray()
for address, size, name in entries:
    table += struct.pack("<QII", address, size, len(names))
    names += name.encode() + b"\0"
sys.stdout.buffer.write(struct.pack("<II", KSYM_MAGIC, len(entries)) + table + names)
