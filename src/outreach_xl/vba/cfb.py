"""A small [MS-CFB] compound file writer: version 3, 512-byte sectors, deterministic output.

Only what a vbaProject.bin needs: storages and streams, written once. Streams shorter than 4096
bytes live in the mini stream (64-byte mini sectors, mini FAT), longer ones in regular sectors.
CLSIDs, state bits and timestamps are all zero, so the same tree always gives the same bytes.

Layout of the file: header, FAT sectors, DIFAT sectors (only past 109 FAT sectors), directory
sectors, mini FAT sectors, the mini stream, then the regular streams, each in one contiguous run.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

from outreach_xl.errors import DeveloperError

__all__ = ["CfbError", "Storage", "storage_from_mapping", "write_compound_file"]

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
DIR_ENTRY_SIZE = 128
HEADER_DIFAT_ENTRIES = 109

MAXREGSECT = 0xFFFFFFFA
DIFSECT = 0xFFFFFFFC
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

# Object types and colours of a directory entry ([MS-CFB] 2.6.1).
TYPE_UNKNOWN, TYPE_STORAGE, TYPE_STREAM, TYPE_ROOT = 0x00, 0x01, 0x02, 0x05
RED, BLACK = 0x00, 0x01

_ENTRIES_PER_SECTOR = SECTOR_SIZE // DIR_ENTRY_SIZE
_IDS_PER_SECTOR = SECTOR_SIZE // 4


class CfbError(DeveloperError):
    """A tree that cannot be written as a compound file (bad or duplicate names)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Không ghi được tệp kép (compound file) của dự án VBA: {detail}",
            fix="Đổi tên mô-đun VBA cho hợp lệ: 1 đến 31 ký tự, không trùng nhau",
        )


@dataclass
class Storage:
    """A storage: named streams (bytes) and sub-storages. The root storage has no name."""

    streams: dict[str, bytes] = field(default_factory=dict)
    storages: dict[str, Storage] = field(default_factory=dict)


def name_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4 ordering: shorter names first, then by upper-cased code points."""
    return (len(name.encode("utf-16-le")), name.upper())


@dataclass
class _Entry:
    name: str
    object_type: int
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def write_compound_file(root: Storage) -> bytes:
    """Serialise `root` as a version 3 compound file."""
    entries = _flatten(root)
    for entry in entries:
        if entry.object_type in (TYPE_STORAGE, TYPE_ROOT):
            entry.child = _build_tree(entries, entry.children)

    # Mini stream: every short stream, each padded to whole 64-byte mini sectors.
    mini_stream = bytearray()
    mini_fat: list[int] = []
    for entry in entries:
        if entry.object_type == TYPE_STREAM and 0 < len(entry.data) < MINI_STREAM_CUTOFF:
            entry.start = len(mini_fat)
            entry.size = len(entry.data)
            count = _sectors(len(entry.data), MINI_SECTOR_SIZE)
            mini_fat += _chain(entry.start, count)
            mini_stream += entry.data.ljust(count * MINI_SECTOR_SIZE, b"\x00")

    big = [e for e in entries if e.object_type == TYPE_STREAM and len(e.data) >= MINI_STREAM_CUTOFF]
    dir_sectors = _sectors(len(entries) * DIR_ENTRY_SIZE, SECTOR_SIZE)
    minifat_sectors = _sectors(len(mini_fat) * 4, SECTOR_SIZE)
    ministream_sectors = _sectors(len(mini_stream), SECTOR_SIZE)
    data_sectors = (
        dir_sectors
        + minifat_sectors
        + ministream_sectors
        + sum(_sectors(len(e.data), SECTOR_SIZE) for e in big)
    )
    fat_sectors, difat_sectors = _fat_size(data_sectors)

    # Sector numbers, in file order.
    fat: list[int] = [FATSECT] * fat_sectors + [DIFSECT] * difat_sectors
    first_dir = len(fat)
    fat += _chain(first_dir, dir_sectors)
    first_minifat = len(fat) if minifat_sectors else ENDOFCHAIN
    fat += _chain(len(fat), minifat_sectors)
    root_entry = entries[0]
    root_entry.start = len(fat) if ministream_sectors else ENDOFCHAIN
    root_entry.size = len(mini_stream)
    fat += _chain(len(fat), ministream_sectors)
    for entry in big:
        entry.start = len(fat)
        entry.size = len(entry.data)
        fat += _chain(len(fat), _sectors(len(entry.data), SECTOR_SIZE))
    fat += [FREESECT] * (fat_sectors * _IDS_PER_SECTOR - len(fat))

    difat = list(range(fat_sectors))
    first_difat = fat_sectors if difat_sectors else ENDOFCHAIN
    out = bytearray(
        _header(fat_sectors, first_dir, first_minifat, minifat_sectors, first_difat, difat_sectors)
    )
    out += _pack_ids(fat)
    out += _difat_sectors(difat[HEADER_DIFAT_ENTRIES:], fat_sectors, difat_sectors)
    out += _pad(b"".join(_dir_entry(e) for e in entries), SECTOR_SIZE, _unused_dir_entry())
    out += _pad(_pack_ids(mini_fat), SECTOR_SIZE, struct.pack("<I", FREESECT))
    out += _pad(bytes(mini_stream), SECTOR_SIZE)
    for entry in big:
        out += _pad(entry.data, SECTOR_SIZE)
    return bytes(out)


# --- the directory -----------------------------------------------------------------------------


def _flatten(root: Storage) -> list[_Entry]:
    """Directory entries breadth first: the root entry is number 0."""
    entries = [_Entry("Root Entry", TYPE_ROOT)]
    queue: list[tuple[int, Storage]] = [(0, root)]
    while queue:
        parent, storage = queue.pop(0)
        names = list(storage.streams) + list(storage.storages)
        _check_names(names)
        for name in sorted(names, key=name_key):
            entries[parent].children.append(len(entries))
            if name in storage.streams:
                entries.append(_Entry(name, TYPE_STREAM, data=storage.streams[name]))
            else:
                entries.append(_Entry(name, TYPE_STORAGE))
                queue.append((len(entries) - 1, storage.storages[name]))
    return entries


def _check_names(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if not name or len(name) > 31 or any(c in name for c in "/\\:!"):
            raise CfbError(
                f"compound file entry name {name!r} must have 1 to 31 characters "
                "and no '/', '\\', ':' or '!' ([MS-CFB] 2.6.1)"
            )
        if name.upper() in seen:
            raise CfbError(f"two entries in one storage are both named {name!r} (case-blind)")
        seen.add(name.upper())


def _build_tree(entries: list[_Entry], sorted_ids: list[int]) -> int:
    """Link a storage's children into a red-black tree; return the id of its root.

    A balanced binary search tree (middle element at the root) has all its empty links at two
    depths, m and m+1. Colouring black every node above depth m and red the nodes at depth m
    gives every path the same number of black nodes and no red node a red child.
    """
    if not sorted_ids:
        return NOSTREAM
    full_depth = (len(sorted_ids) + 1).bit_length() - 1  # floor(log2(n + 1))

    def link(lo: int, hi: int, depth: int) -> int:
        if lo >= hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        entry = entries[sorted_ids[mid]]
        entry.color = RED if depth >= full_depth else BLACK
        entry.left = link(lo, mid, depth + 1)
        entry.right = link(mid + 1, hi, depth + 1)
        return sorted_ids[mid]

    return link(0, len(sorted_ids), 0)


def _dir_entry(entry: _Entry) -> bytes:
    """[MS-CFB] 2.6.1 Compound File Directory Entry (128 bytes)."""
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry.object_type,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        b"\x00" * 16,  # CLSID
        0,  # state bits
        0,  # creation time
        0,  # modified time
        entry.start if entry.object_type != TYPE_STORAGE else 0,
        entry.size,
    )


def _unused_dir_entry() -> bytes:
    return struct.pack(
        "<64sHBBIII16sIQQIQ", b"", 0, TYPE_UNKNOWN, RED, NOSTREAM, NOSTREAM, NOSTREAM,
        b"\x00" * 16, 0, 0, 0, 0, 0,
    )  # fmt: skip


# --- sectors and allocation tables -------------------------------------------------------------


def _sectors(size: int, sector_size: int) -> int:
    return -(-size // sector_size)


def _chain(start: int, count: int) -> list[int]:
    """FAT (or mini FAT) entries for `count` consecutive sectors starting at `start`."""
    return [start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN] * (count > 0)


def _fat_size(data_sectors: int) -> tuple[int, int]:
    """The number of FAT and DIFAT sectors needed to map `data_sectors` plus themselves."""
    fat_sectors = 1
    while True:
        difat_sectors = _sectors(max(0, fat_sectors - HEADER_DIFAT_ENTRIES), _IDS_PER_SECTOR - 1)
        if data_sectors + fat_sectors + difat_sectors <= fat_sectors * _IDS_PER_SECTOR:
            return fat_sectors, difat_sectors
        fat_sectors += 1


def _pack_ids(ids: list[int]) -> bytes:
    return struct.pack(f"<{len(ids)}I", *ids)


def _pad(data: bytes, size: int, filler: bytes = b"\x00") -> bytes:
    missing = -len(data) % size
    return data + filler * (missing // len(filler))


def _difat_sectors(extra: list[int], first: int, count: int) -> bytes:
    """[MS-CFB] 2.5 DIFAT sectors: 127 FAT sector numbers, then the next DIFAT sector."""
    out = bytearray()
    per_sector = _IDS_PER_SECTOR - 1
    for index in range(count):
        ids = extra[index * per_sector : (index + 1) * per_sector]
        ids += [FREESECT] * (per_sector - len(ids))
        following = first + index + 1 if index + 1 < count else ENDOFCHAIN
        out += _pack_ids([*ids, following])
    return bytes(out)


def _header(
    fat_sectors: int,
    first_dir: int,
    first_minifat: int,
    minifat_sectors: int,
    first_difat: int,
    difat_sectors: int,
) -> bytes:
    """[MS-CFB] 2.2 Compound File Header, version 3 (512 bytes)."""
    difat = list(range(min(fat_sectors, HEADER_DIFAT_ENTRIES)))
    difat += [FREESECT] * (HEADER_DIFAT_ENTRIES - len(difat))
    return struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        SIGNATURE,
        b"\x00" * 16,  # header CLSID
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # byte order: little-endian
        9,  # sector shift: 2**9 = 512
        6,  # mini sector shift: 2**6 = 64
        b"\x00" * 6,  # reserved
        0,  # number of directory sectors: must be 0 in version 3
        fat_sectors,
        first_dir,
        0,  # transaction signature
        MINI_STREAM_CUTOFF,
        first_minifat,
        minifat_sectors,
        first_difat,
        difat_sectors,
    ) + _pack_ids(difat)


def storage_from_mapping(tree: Mapping[str, object]) -> Storage:
    """Build a Storage from nested dicts: bytes values are streams, dict values storages."""
    storage = Storage()
    for name, value in tree.items():
        if isinstance(value, bytes | bytearray):
            storage.streams[name] = bytes(value)
        elif isinstance(value, Mapping):
            storage.storages[name] = storage_from_mapping(value)
        else:
            raise CfbError(f"entry {name!r} must be bytes (a stream) or a mapping (a storage)")
    return storage
