"""``files.plainzip`` reads a plain zip as Python's zipfile does, and refuses (``NotPlain``) every
zip that is not plain, which the reader then reads through zipfile exactly as before: the same
grids or the same message (``differential``)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from files.differential import before, difference, now, same
from hostile.corpus import RESULTS_PART, sample_bytes
from outreach_xl.files.plainzip import NotPlain, PlainZip
from support import REPO

REPOSITORY = sorted(
    [*(REPO / "tests" / "data").rglob("*.xls[xm]"), *(REPO / "workbook").rglob("*.xls[xm]")]
)


def _same_as_zipfile(data: bytes) -> None:
    package = PlainZip(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(package.entries) == sorted(archive.namelist())
        for info in archive.infolist():
            assert package.size(info.filename) == info.file_size
            assert package.inflate(info.filename) == archive.read(info), info.filename


@pytest.mark.parametrize("path", REPOSITORY, ids=lambda p: p.name)
def test_a_plain_zip_reads_as_zipfile_reads_it(path: Path) -> None:
    _same_as_zipfile(path.read_bytes())


def test_the_varied_corpus_reads_as_zipfile_reads_it(varied: dict[str, Path]) -> None:
    """Our builder's zips, and LibreOffice's (data descriptors after every part, UTF-8 names)."""
    for path in varied.values():
        _same_as_zipfile(path.read_bytes())


def _central(data: bytes, name: bytes) -> int:
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 1)
    return at


def _local(data: bytes, name: bytes) -> int:
    return struct.unpack_from("<L", data, _central(data, name) + 42)[0]


def _rezipped(**options: object) -> Callable[[bytes], bytes]:
    def make(data: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = src.read(info)
                if info.filename == RESULTS_PART and options.get("twice"):
                    dst.writestr(info.filename, body)
                if info.filename == RESULTS_PART and options.get("twin"):
                    dst.writestr(info.filename.upper(), body)
                target = zipfile.ZipInfo(info.filename, info.date_time)
                target.compress_type = int(options.get("method", zipfile.ZIP_DEFLATED))  # type: ignore[call-overload]
                with dst.open(target, "w", force_zip64=bool(options.get("zip64"))) as part:
                    part.write(body)
            if options.get("comment"):
                dst.comment = b"a comment"
        return out.getvalue()

    return make


def _patch(
    name: bytes, offset: int, value: bytes, where: str = "central"
) -> Callable[[bytes], bytes]:
    def make(data: bytes) -> bytes:
        raw = bytearray(data)
        at = (_central if where == "central" else _local)(data, name)
        raw[at + offset : at + offset + len(value)] = value
        return bytes(raw)

    return make


RESULTS = RESULTS_PART.encode()


def _packed_size(data: bytes) -> int:
    return int(struct.unpack_from("<L", data, _central(data, RESULTS) + 20)[0])


NOT_PLAIN: dict[str, Callable[[bytes], bytes]] = {
    "a zip comment": _rezipped(comment=True),
    "bytes before the zip": lambda d: b"MZ" + b"\0" * 100 + d,
    "bytes after the zip": lambda d: d + b"\0" * 10,
    "ZIP64 records": _rezipped(zip64=True),
    "a part stored with bzip2": _rezipped(method=zipfile.ZIP_BZIP2),
    "two parts of the same name": _rezipped(twice=True),
    "two names that differ only in case": _rezipped(twin=True),
    "the encryption flag": _patch(RESULTS, 8, b"\x01"),
    "patched data": _patch(RESULTS, 8, b"\x20"),
    "a part that needs zip version 12.8": _patch(RESULTS, 6, b"\x80"),
    "names differ between central and local header": _patch(RESULTS, 30 + 3, b"X", "local"),
    "a central entry pointing at another part": lambda d: _patch(
        RESULTS, 42, struct.pack("<L", _local(d, b"xl/workbook.xml"))
    )(d),
    "a wrong CRC-32": _patch(RESULTS, 16, b"\0\0\0\0"),
    "a part declared shorter than it inflates": lambda d: _patch(RESULTS, 24, b"\x10\0\0\0")(
        _patch(RESULTS, 22, b"\x10\0\0\0", "local")(d)
    ),
    "a deflate stream cut short": lambda d: _patch(
        RESULTS,
        20,
        struct.pack("<L", struct.unpack_from("<L", d, _central(d, RESULTS) + 20)[0] - 9),
    )(d),
}


@pytest.mark.parametrize("change", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_a_zip_that_is_not_plain_is_refused_and_read_as_before(
    change: Callable[[bytes], bytes], tmp_path: Path
) -> None:
    data = change(sample_bytes())
    with pytest.raises(NotPlain):
        package = PlainZip(data)
        for name in package.entries:
            package.inflate(name)
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    ours, theirs = now(path), before(path)
    assert same(ours, theirs), difference(ours, theirs)


def test_a_plain_zip_with_stored_parts_and_data_descriptors_reads_as_zipfile() -> None:
    """Stored parts, and parts whose sizes follow them in a data descriptor (as LibreOffice and
    Excel write them: zipfile writes one when it cannot seek)."""

    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.out = io.BytesIO()

        def writable(self) -> bool:
            return True

        def write(self, b: bytes) -> int:  # type: ignore[override]
            return self.out.write(b)

    sink = Unseekable()
    with zipfile.ZipFile(io.BytesIO(sample_bytes())) as src, zipfile.ZipFile(sink, "w") as dst:
        for n, info in enumerate(src.infolist()):
            dst.writestr(info.filename, src.read(info), compress_type=(8, 0)[n % 2])
    data = sink.out.getvalue()
    assert data.count(b"PK\x07\x08") > 0
    _same_as_zipfile(data)


def test_a_part_bigger_than_declared_is_never_inflated_past_its_size() -> None:
    """(The underdeclared zip of the hostile corpus inflates to 600 MB: refused after 1 KB.)"""
    body = b" " * (50 * 1024 * 1024)
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packed.compress(body) + packed.flush()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("p.xml", b"x" * 1024)
    data = bytearray(out.getvalue())
    # swap the part's data for the big stream, keeping the declared size of 1 KB
    at = data.find(b"PK\x03\x04") + 30 + len(b"p.xml")
    old = struct.unpack_from("<L", data, 18)[0]
    data[at : at + old] = stream
    struct.pack_into("<L", data, 18, len(stream))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<L", data, central + 20, len(stream))
    end = data.find(b"PK\x05\x06")
    struct.pack_into("<L", data, end + 16, central)
    package = PlainZip(bytes(data))
    with pytest.raises(NotPlain, match="does not end with the part"):
        package.inflate("p.xml")
