"""The [MS-CFB] writer: parsed back by hand (header, FAT, directory tree) and with olefile."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import olefile
import pytest

from outreach_xl.errors import OutreachError
from outreach_xl.vba.cfb import (
    BLACK,
    ENDOFCHAIN,
    FATSECT,
    NOSTREAM,
    RED,
    CfbError,
    name_key,
    storage_from_mapping,
    write_compound_file,
)


@dataclass
class Entry:
    name: str
    object_type: int
    color: int
    left: int
    right: int
    child: int
    start: int
    size: int


def read_header(data: bytes) -> dict[str, int]:
    fields = struct.unpack_from("<8s16sHHHHH6sIIIIIIIII", data, 0)
    names = [
        "signature", "clsid", "minor", "major", "byte_order", "sector_shift", "mini_shift",
        "reserved", "dir_sectors", "fat_sectors", "first_dir", "transaction", "cutoff",
        "first_minifat", "minifat_sectors", "first_difat", "difat_sectors",
    ]  # fmt: skip
    return dict(zip(names, fields, strict=True))


def read_fat(data: bytes) -> list[int]:
    header = read_header(data)
    difat = struct.unpack_from("<109I", data, 76)[: header["fat_sectors"]]
    fat: list[int] = []
    for sector in difat:
        fat += struct.unpack_from("<128I", data, 512 * (sector + 1))
    return fat


def read_directory(data: bytes) -> list[Entry]:
    header = read_header(data)
    fat = read_fat(data)
    raw = b""
    sector = header["first_dir"]
    while sector != ENDOFCHAIN:
        raw += data[512 * (sector + 1) : 512 * (sector + 2)]
        sector = fat[sector]
    entries = []
    for offset in range(0, len(raw), 128):
        name, name_len, kind, color, left, right, child = struct.unpack_from(
            "<64sHBBIII", raw, offset
        )
        start, size = struct.unpack_from("<IQ", raw, offset + 116)
        text = name[: max(name_len - 2, 0)].decode("utf-16-le")
        entries.append(Entry(text, kind, color, left, right, child, start, size))
    return entries


def check_red_black(entries: list[Entry], root: int) -> list[str]:
    """Validate one storage's tree; return its names in order (in-order walk)."""
    assert entries[root].color == BLACK, "the root of a red-black tree is black"

    def walk(node: int) -> tuple[int, list[str]]:
        if node == NOSTREAM:
            return 1, []
        entry = entries[node]
        assert entry.color in (RED, BLACK)
        if entry.color == RED:
            for child in (entry.left, entry.right):
                assert child == NOSTREAM or entries[child].color == BLACK, "red node, red child"
        left_height, left_names = walk(entry.left)
        right_height, right_names = walk(entry.right)
        assert left_height == right_height, f"black heights differ under {entry.name!r}"
        return left_height + (entry.color == BLACK), [*left_names, entry.name, *right_names]

    _, names = walk(root)
    return names


def check_all_trees(data: bytes) -> dict[str, list[str]]:
    entries = read_directory(data)
    trees = {}
    for entry in entries:
        if entry.object_type in (1, 5) and entry.child != NOSTREAM:
            names = check_red_black(entries, entry.child)
            assert names == sorted(names, key=name_key), "in-order walk must be sorted"
            assert len(set(names)) == len(names)
            trees[entry.name] = names
    return trees


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 40, 100])
def test_each_storage_is_a_valid_red_black_tree_sorted_per_the_spec(count: int) -> None:
    streams = {f"S{(i * 37) % 101}{'x' * (i % 5)}": bytes([i]) * i for i in range(count)}
    data = write_compound_file(storage_from_mapping({"VBA": streams, "PROJECT": b"p"}))
    trees = check_all_trees(data)
    assert trees["Root Entry"] == ["VBA", "PROJECT"]
    assert sorted(trees["VBA"]) == sorted(streams)


def test_names_sort_by_length_then_upper_case() -> None:
    assert sorted(["dir", "PROJECTwm", "_VBA_PROJECT", "ab", "AA", "Zz"], key=name_key) == [
        "AA", "ab", "Zz", "dir", "PROJECTwm", "_VBA_PROJECT",
    ]  # fmt: skip


def test_the_header_says_version_3_with_512_byte_sectors() -> None:
    data = write_compound_file(storage_from_mapping({"a": b"x" * 10}))
    header = read_header(data)
    assert header["signature"] == bytes.fromhex("D0CF11E0A1B11AE1")
    assert (header["major"], header["minor"], header["byte_order"]) == (3, 0x3E, 0xFFFE)
    assert (header["sector_shift"], header["mini_shift"]) == (9, 6)
    assert header["dir_sectors"] == 0
    assert header["cutoff"] == 4096
    assert len(data) % 512 == 0
    fat = read_fat(data)
    assert fat[0] == FATSECT


def test_olefile_reads_back_small_large_and_empty_streams() -> None:
    tree = {
        "PROJECT": b"p" * 100,
        "PROJECTwm": b"",
        "VBA": {
            "dir": b"d" * 4095,  # last size in the mini stream
            "big": b"b" * 4096,  # first size in regular sectors
            "_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
            "huge": bytes(range(256)) * 300,
        },
    }
    data = write_compound_file(storage_from_mapping(tree))
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(
        ["PROJECT", "PROJECTwm", "VBA/dir", "VBA/big", "VBA/_VBA_PROJECT", "VBA/huge"]
    )
    for path in ["PROJECT", "PROJECTwm"]:
        assert ole.openstream(path).read() == tree[path]
    for name, content in tree["VBA"].items():  # type: ignore[union-attr]
        assert ole.openstream(f"VBA/{name}").read() == content
    entries = read_directory(data)
    assert all(e.start == 0 and e.size == 0 for e in entries if e.object_type == 1)
    assert check_all_trees(data)


@pytest.mark.slow
def test_more_than_109_fat_sectors_use_difat_sectors() -> None:
    content = bytes(range(256)) * (4 * 7200)  # 7.4 MB: 14,400 sectors, 113 FAT sectors
    data = write_compound_file(storage_from_mapping({"big": content, "small": b"s"}))
    header = read_header(data)
    assert header["fat_sectors"] > 109
    assert header["difat_sectors"] == 1
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("big").read() == content
    assert ole.openstream("small").read() == b"s"


def test_the_same_tree_gives_the_same_bytes() -> None:
    tree = {"VBA": {"b": b"1", "a": b"2" * 5000}, "PROJECT": b"3"}
    assert write_compound_file(storage_from_mapping(tree)) == write_compound_file(
        storage_from_mapping(dict(reversed(tree.items())))
    )


@pytest.mark.parametrize(
    "tree",
    [{"": b""}, {"x" * 32: b""}, {"a/b": b""}, {"Dir": b"", "dir": b""}, {"a": 1}],
    ids=["empty-name", "too-long", "slash", "case-blind-duplicate", "not-bytes"],
)
def test_bad_trees_raise_our_error(tree: dict[str, object]) -> None:
    with pytest.raises(CfbError) as caught:
        write_compound_file(storage_from_mapping(tree))
    assert isinstance(caught.value, OutreachError)
