"""Write a Compound File ([MS-CFB], "OLE2"), the container of vbaProject.bin, from its streams.

olefile reads compound files but rewrites a stream only at its old size, and a VBA project
loses a module's streams and shrinks its `dir` stream when a module goes: so the file is
written afresh. Version 3 (512-byte sectors); streams under 4096 bytes go to the mini
stream (64-byte sectors), as the format requires. Siblings form a binary search tree
ordered by (name length, upper-case name), every node black, which the format allows.
"""
from __future__ import annotations

import struct

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
ENTRY = 128
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
BLACK = 1
HEADER_DIFAT = 109


class _Node:
    def __init__(self, name: str, kind: int, data: bytes = b""):
        self.name, self.kind, self.data = name, kind, data
        self.children: dict[str, _Node] = {}
        self.id = 0
        self.left = self.right = self.child = NO_STREAM
        self.start, self.size = END_OF_CHAIN, 0


def _sort_key(node: _Node):
    return len(node.name), node.name.upper()


def _tree(streams: dict[str, bytes]) -> list[_Node]:
    """The directory entries, root first; `streams` maps "VBA/dir"-style paths to their bytes."""
    root = _Node("Root Entry", ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        node = root
        for storage in parts[:-1]:
            node = node.children.setdefault(storage, _Node(storage, STORAGE))
        node.children[parts[-1]] = _Node(parts[-1], STREAM, data)
    entries = [root]

    def number(node: _Node) -> None:
        for child in sorted(node.children.values(), key=_sort_key):
            child.id = len(entries)
            entries.append(child)
        for child in node.children.values():
            number(child)

    def balanced(nodes: list[_Node]) -> int:
        if not nodes:
            return NO_STREAM
        middle = len(nodes) // 2
        nodes[middle].left = balanced(nodes[:middle])
        nodes[middle].right = balanced(nodes[middle + 1:])
        return nodes[middle].id

    number(root)
    for node in entries:
        node.child = balanced(sorted(node.children.values(), key=_sort_key))
        if node.kind == STORAGE:
            node.start = 0  # a storage owns no sectors: start and size are zero
    return entries


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i < count - 1 else END_OF_CHAIN


def _entry_bytes(node: _Node) -> bytes:
    name = node.name.encode("utf-16-le") + b"\0\0"
    if len(name) > 64:
        raise ValueError(f"directory entry name too long: {node.name!r}")
    return (name.ljust(64, b"\0") + struct.pack("<HBB3I", len(name), node.kind, BLACK, node.left, node.right, node.child)
            + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16 + struct.pack("<IQ", node.start, node.size))


def write_compound_file(streams: dict[str, bytes]) -> bytes:
    entries = _tree(streams)
    small = [n for n in entries if n.kind == STREAM and len(n.data) < MINI_CUTOFF]
    large = [n for n in entries if n.kind == STREAM and len(n.data) >= MINI_CUTOFF]

    mini_stream, mini_fat = bytearray(), []
    for node in small:
        node.size = len(node.data)
        if not node.data:
            continue  # an empty stream owns no sector
        node.start = len(mini_fat)
        count = _sectors(len(node.data), MINI_SECTOR)
        mini_fat.extend([0] * count)
        _chain(mini_fat, node.start, count)
        mini_stream += node.data.ljust(count * MINI_SECTOR, b"\0")

    # Sector layout: directory, mini stream, large streams, mini FAT, then the FAT itself.
    dir_count = _sectors(len(entries) * ENTRY, SECTOR)
    mini_stream_count = _sectors(len(mini_stream), SECTOR)
    large_counts = [_sectors(len(n.data), SECTOR) for n in large]
    mini_fat_count = _sectors(len(mini_fat) * 4, SECTOR)
    content = dir_count + mini_stream_count + sum(large_counts) + mini_fat_count
    fat_count = 1
    while fat_count * SECTOR // 4 < content + fat_count:
        fat_count += 1
    if fat_count > HEADER_DIFAT:
        raise ValueError("compound file too large for a header-only DIFAT")

    fat = [FREE] * (fat_count * SECTOR // 4)
    at = 0
    dir_start = at
    _chain(fat, at, dir_count)
    at += dir_count
    root = entries[0]
    if mini_stream:
        root.start, root.size = at, len(mini_stream)
        _chain(fat, at, mini_stream_count)
        at += mini_stream_count
    for node, count in zip(large, large_counts):
        node.start, node.size = at, len(node.data)
        _chain(fat, at, count)
        at += count
    mini_fat_start = at if mini_fat else END_OF_CHAIN
    _chain(fat, at, mini_fat_count)
    at += mini_fat_count
    fat_sectors = list(range(at, at + fat_count))
    for sector in fat_sectors:
        fat[sector] = FAT_SECTOR

    directory = b"".join(_entry_bytes(n) for n in entries)
    empty_entry = b"\0" * 64 + struct.pack("<HBB3I", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM) + b"\0" * 48
    directory += empty_entry * (dir_count * SECTOR // ENTRY - len(entries))
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_bytes += struct.pack("<I", FREE) * ((mini_fat_count * SECTOR - len(mini_fat_bytes)) // 4)

    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, MINI_CUTOFF, mini_fat_start,
                            len(mini_fat_bytes) // SECTOR if mini_fat else 0, END_OF_CHAIN, 0)
              + struct.pack(f"<{HEADER_DIFAT}I", *(fat_sectors + [FREE] * (HEADER_DIFAT - fat_count))))
    body = (directory + bytes(mini_stream).ljust(mini_stream_count * SECTOR, b"\0")
            + b"".join(n.data.ljust(c * SECTOR, b"\0") for n, c in zip(large, large_counts))
            + (mini_fat_bytes if mini_fat else b"")
            + struct.pack(f"<{len(fat)}I", *fat))
    return header + body
