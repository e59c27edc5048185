"""Mutated workbooks through the reader as it is and as it was (``differential``): never a
traceback, never a hang, and always the same outcome: the same grids, or the same error and
message.

Two seeded fuzzers: the mutations of ``tests/hostile/fuzz.py`` (byte flips of the file, XML-level
mutations of each part), and mutations of the zip container itself (its end record, central
directory, local headers and data descriptors: flipped, cut, duplicated, moved), which is what
``files.plainzip`` parses where zipfile did. ``OUTREACH_FUZZ_CASES`` and ``OUTREACH_FUZZ_SEED`` run
a longer or different campaign locally.
"""

from __future__ import annotations

import io
import os
import random
import struct
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from files.differential import before, difference, now, same
from hostile.corpus import sample_bytes
from hostile.fuzz import mutants
from outreach_xl.schema import SCHOOL

CASES = int(os.environ.get("OUTREACH_FUZZ_CASES", "150"))
SEED = int(os.environ.get("OUTREACH_FUZZ_SEED", "20261202"))
MAX_SECONDS = 2.0
SHEETS = SCHOOL.sheets_to_read()


def _compare(path: Path) -> str:
    """ "" when the reader as it is gives what it gave before, else the difference; never raises
    anything but a failed assertion for a too slow read."""
    start = time.perf_counter()
    ours = now(path, SHEETS)
    assert time.perf_counter() - start < MAX_SECONDS, path.name
    theirs = before(path, SHEETS)
    return "" if same(ours, theirs) else difference(ours, theirs)


def test_xml_and_byte_mutants_read_as_before(tmp_path: Path) -> None:
    assert not _differences(mutants(SEED, CASES), tmp_path)


def _differences(
    cases: Iterable[tuple[str, bytes, str]], folder: Path
) -> dict[str, tuple[str, str]]:
    """Each (name, bytes, what was done) case whose reading differs from the old path's."""
    different = {}
    for name, data, what in cases:
        path = folder / name
        path.write_bytes(data)
        found = _compare(path)
        if found:
            different[name] = (what, found)
    return different


# --- The zip container -------------------------------------------------------------------------

Mutation = Callable[[random.Random, bytes], bytes]


def _records(data: bytes) -> list[int]:
    """Offsets of every zip record signature in the file (local, central, descriptor, end)."""
    found = []
    for magic in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x07\x08", b"PK\x05\x06"):
        at = data.find(magic)
        while at >= 0:
            found.append(at)
            at = data.find(magic, at + 1)
    return sorted(found)


def _flip_header(rng: random.Random, data: bytes) -> bytes:
    """A byte of some record's fixed header (sizes, offsets, flags, method, name lengths...)."""
    raw = bytearray(data)
    at = rng.choice(_records(data)) + rng.randrange(4, 46)
    if at < len(raw):
        raw[at] = rng.choice([0, 1, 8, 0x80, 0xFF, raw[at] ^ (1 << rng.randrange(8))])
    return bytes(raw)


def _field(rng: random.Random, data: bytes) -> bytes:
    """A whole 2- or 4-byte field of a central directory header set to an edge value."""
    central = [at for at in _records(data) if data[at : at + 4] == b"PK\x01\x02"] or [0]
    at = rng.choice(central)
    offset, size = rng.choice([(8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2),
                               (32, 2), (34, 2), (42, 4)])  # fmt: skip
    value = rng.choice([0, 1, 0xFFFF, 0xFFFFFFFF, 2**31, 22, 100])
    raw = bytearray(data)
    raw[at + offset : at + offset + size] = (value & (256**size - 1)).to_bytes(size, "little")
    return bytes(raw)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) - 200, len(data))]


def _garbage(rng: random.Random, data: bytes) -> bytes:
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return junk + data if rng.random() < 0.5 else data + junk


def _comment(rng: random.Random, data: bytes) -> bytes:
    """A zip comment (declared in the end record, as zipfile writes one)."""
    text = b"PK\x05\x06" * rng.randint(0, 1) + b"comment"
    return data[:-2] + struct.pack("<H", len(text)) + text


def _move(rng: random.Random, data: bytes) -> bytes:
    """A central directory entry pointing at another part's local header (an overlap)."""
    central = [at for at in _records(data) if data[at : at + 4] == b"PK\x01\x02"]
    central = [at for at in central if at + 46 <= len(data)] or [0]
    local = [at for at in _records(data) if data[at : at + 4] == b"PK\x03\x04"]
    raw = bytearray(data)
    struct.pack_into("<L", raw, rng.choice(central) + 42, rng.choice(local))
    return bytes(raw)


def _rezip(rng: random.Random, data: bytes) -> bytes:
    """The same parts written again another way: stored, duplicated, encrypted-flagged, deferred
    sizes, extra fields, names in another case."""
    try:
        if zipfile.ZipFile(io.BytesIO(data)).testzip() is not None:
            return data  # (another mutation broke it already)
    except Exception:  # (zipfile's own errors, zlib's, ...)
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        infos = src.infolist()
        twin = rng.choice(infos)
        for info in infos:
            body = src.read(info)
            method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
            dst.writestr(info.filename, body, compress_type=method)
            if info is twin and rng.random() < 0.3:
                name = info.filename if rng.random() < 0.5 else info.filename.upper()
                dst.writestr(name, body, compress_type=method)
    raw = bytearray(out.getvalue())
    headers = (b"PK\x01\x02", b"PK\x03\x04")
    at = rng.choice([a for a in _records(bytes(raw)) if raw[a : a + 4] in headers])
    kind = rng.random()
    if kind < 0.3:  # a flag: encrypted, deferred sizes, UTF-8 name
        flag = rng.choice([0x1, 0x8, 0x800, 0x40])
        offset = 8 if raw[at : at + 4] == b"PK\x01\x02" else 6
        raw[at + offset] |= flag & 0xFF
        raw[at + offset + 1] |= flag >> 8
    elif kind < 0.5:  # a method zipfile may or may not know
        offset = 10 if raw[at : at + 4] == b"PK\x01\x02" else 8
        struct.pack_into("<H", raw, at + offset, rng.choice([1, 9, 12, 14, 99]))
    return bytes(raw)


ZIP_MUTATIONS: tuple[Mutation, ...] = (
    _flip_header, _flip_header, _field, _field, _cut, _garbage, _comment, _move, _rezip, _rezip,
)  # fmt: skip


def zip_mutants(seed: int, count: int) -> Iterator[tuple[str, bytes, str]]:
    rng = random.Random(seed)
    base = sample_bytes()
    for index in range(count):
        data = base
        done = []
        for _ in range(rng.randint(1, 2)):
            mutation = rng.choice(ZIP_MUTATIONS)
            data = mutation(rng, data)
            done.append(mutation.__name__.strip("_"))
        yield f"z{index:04d}.xlsx", data, ", ".join(done)


def test_zip_mutants_read_as_before(tmp_path: Path) -> None:
    assert not _differences(zip_mutants(SEED, CASES), tmp_path)


@pytest.mark.parametrize("mutation", sorted(set(ZIP_MUTATIONS), key=str), ids=lambda m: m.__name__)
def test_each_zip_mutation_changes_the_file(mutation: Mutation) -> None:
    """(The fuzzer above tests something: each mutation makes another file.)"""
    rng = random.Random(SEED)
    base = sample_bytes()
    assert any(mutation(rng, base) != base for _ in range(5))
