"""A workbook's zip read the plain way: the file's bytes parsed once, its parts inflated directly.

Python's ``zipfile`` builds its central directory out of Python objects and re-reads a part's local
header each time the part is opened; for the dozen parts a merge reads of each file that costs as
much as inflating them. ``PlainZip`` reads only a zip laid out the way spreadsheet programs write
one, and is sure of everything it returns. Anything else raises ``NotPlain``, and the caller reads
the file with ``zipfile`` as before (which refuses it as damaged, or reads it):

- one end-of-central-directory record, at the very end: no comment, no ZIP64, one disk;
- the central directory right before it, and the entries it lists tile the rest of the file from
  its first byte, in the order of their offsets: each one's local header (same name, flags and
  method; sizes and checksum the same, or zero when a data descriptor after the data gives them),
  its data, its data descriptor if any. No gap, no overlap, nothing before or after;
- no two entries with the same name, also when compared ignoring case (python-calamine finds a
  part by its name ignoring case);
- no encryption or patched data, only stored or deflated parts, no ZIP64 extra field, no part
  that needs a zip version zipfile refuses;
- a part inflates to exactly the size it declares, its deflate stream ends there, and its CRC-32
  is the declared one (as ``zipfile`` checks it).
"""

from __future__ import annotations

import struct
import zlib

_END = struct.Struct("<4s4H2LH")  # end of central directory record, 22 bytes
_CENTRAL = struct.Struct("<4s6H3L5H2L")  # central directory header, 46 bytes
_LOCAL = struct.Struct("<4s5H3L2H")  # local file header, 30 bytes
_DESCRIPTOR = struct.Struct("<3L")  # data descriptor after its optional signature
_END_MAGIC = b"PK\x05\x06"
_CENTRAL_MAGIC = b"PK\x01\x02"
_LOCAL_MAGIC = b"PK\x03\x04"
_DESCRIPTOR_MAGIC = b"PK\x07\x08"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ENCRYPTED = 0x0001
_DEFERRED = 0x0008  # sizes and checksum in a data descriptor after the data
_PATCHED = 0x0020
_STRONG_ENCRYPTION = 0x0040
_UTF8_NAME = 0x0800
_MASKED_HEADERS = 0x2000
_STORED, _DEFLATED = 0, 8
_ZIP64_EXTRA = 0x0001
_MAX32 = 0xFFFFFFFF
_MAX_VERSION = 63  # as zipfile: the version needed to extract, above which it refuses a part
# A local header's name and extra field lengths for a name of n bytes (n < 256) and no extra field.
_NAME_ONLY = [struct.pack("<2H", n, 0) for n in range(256)]


NotPlain = NotImplementedError
"""Raised on a zip not laid out the plain way (or a damaged part): the caller reads it with
``zipfile``. (A builtin, not an error of ours: it never leaves ``files``, whose reader catches
it.)"""


class PlainZip:
    """The parts of a plain zip held in memory (``data``: the whole file).

    ``entries``: name -> (method, CRC-32, packed size, size, offset of the packed data).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        try:
            self.entries = _entries(data)
        except (struct.error, UnicodeDecodeError):
            raise NotPlain("truncated or undecodable record") from None

    def size(self, name: str) -> int:
        """The size the part declares."""
        return self.entries[name][3]

    def inflate(self, name: str) -> bytes:
        """The part, checked: exactly its declared size, its stream complete, its CRC-32."""
        method, crc, packed_size, size, at = self.entries[name]
        packed = memoryview(self.data)[at : at + packed_size]
        if method == _STORED:
            out = bytes(packed)
        else:
            inflater = zlib.decompressobj(-15)
            try:
                out = inflater.decompress(packed, size + 1)
            except zlib.error:
                raise NotPlain(f"{name}: not a deflate stream") from None
            if not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
                raise NotPlain(f"{name}: the deflate stream does not end with the part")
        if len(out) != size:
            raise NotPlain(f"{name}: inflates to another size than declared")
        if zlib.crc32(out) != crc:
            raise NotPlain(f"{name}: bad CRC-32")
        return out


Entry = tuple[int, int, int, int, int]


def _entries(data: bytes) -> dict[str, Entry]:
    end = len(data) - _END.size
    if end < 0 or data[end : end + 4] != _END_MAGIC:
        raise NotPlain("no end record at the very end (a comment, or bytes after the zip)")
    _, disk, central_disk, here, total, central_size, central_at, comment = _END.unpack_from(
        data, end
    )
    if disk or central_disk or here != total or comment:
        raise NotPlain("a multi-disk zip or one with a comment")
    if total == 0xFFFF or _MAX32 in (central_size, central_at):
        raise NotPlain("ZIP64")
    if end >= 20 and data[end - 20 : end - 16] == _ZIP64_LOCATOR:
        raise NotPlain("ZIP64 locator")
    if central_at + central_size != end:
        raise NotPlain("the central directory does not end where the end record starts")
    # offset -> (name, raw name, flags, method, crc, packed, size): each local header is checked
    # once, in file order
    declared: dict[int, tuple[str, bytes, int, int, int, int, int, int]] = {}
    folded: set[str] = set()
    unpack = _CENTRAL.unpack_from
    pos = central_at
    for _ in range(total):
        (magic, _, needed, flags, method, _, _, crc, packed, size, name_len, extra_len,
         comment_len, first_disk, _, _, offset) = unpack(data, pos)  # fmt: skip
        if magic != _CENTRAL_MAGIC:
            raise NotPlain("bad central directory header")
        if flags & (_ENCRYPTED | _PATCHED | _STRONG_ENCRYPTION | _MASKED_HEADERS):
            raise NotPlain("an encrypted or patched part")
        if needed & 0xFF > _MAX_VERSION:
            raise NotPlain("a part that needs a later zip version")
        if method not in (_STORED, _DEFLATED) or (method == _STORED and packed != size):
            raise NotPlain("a compression method other than stored or deflate")
        if first_disk or _MAX32 in (packed, size, offset):
            raise NotPlain("ZIP64 sizes or another disk")
        start = pos + _CENTRAL.size
        raw = data[start : start + name_len]
        if extra_len and not _plain_extra(data[start + name_len : start + name_len + extra_len]):
            raise NotPlain("bad extra field")
        name = _name(raw, flags)
        low = name.lower()
        if len(raw) != name_len or "\0" in name or low in folded or offset in declared:
            raise NotPlain("two parts of the same name, or a bad name")
        folded.add(low)
        declared[offset] = (name, raw, flags, method, crc, packed, size, pos)
        pos = start + name_len + extra_len + comment_len
    if pos != end:
        raise NotPlain("the central directory holds more than its entries")
    entries: dict[str, Entry] = {}
    expected = 0
    for offset in sorted(declared):
        if offset != expected:
            raise NotPlain("a gap or an overlap between parts")
        name, raw, flags, method, crc, packed, size, central = declared[offset]
        start = offset + _LOCAL.size
        if (  # the usual case at once: the local header repeats the central one, no extra field
            len(raw) < 256
            and data[offset + 4 : offset + 26] == data[central + 6 : central + 28]
            and data[offset + 26 : start] == _NAME_ONLY[len(raw)]
            and data[start : start + len(raw)] == raw
            and data[offset : offset + 4] == _LOCAL_MAGIC
            and not flags & _DEFERRED
        ):
            at = start + len(raw)
            expected = at + packed
        else:
            at, expected = _local(data, offset, raw, flags, method, (crc, packed, size))
        entries[name] = (method, crc, packed, size, at)
    if expected != central_at:
        raise NotPlain("bytes between the last part and the central directory")
    return entries


def _name(raw: bytes, flags: int) -> str:
    """The name as ``zipfile`` decodes it (UTF-8 when flagged, else code page 437)."""
    if raw.isascii():
        return raw.decode("ascii")
    return raw.decode("utf-8" if flags & _UTF8_NAME else "cp437")


def _local(
    data: bytes, offset: int, raw: bytes, flags: int, method: int, sums: tuple[int, int, int]
) -> tuple[int, int]:
    """(start of the packed data, end of the entry) from its local header, which must agree with
    the central directory's ``sums`` (CRC-32, packed size, size)."""
    (magic, _, local_flags, local_method, _, _, crc, packed, size, name_len,
     extra_len) = _LOCAL.unpack_from(data, offset)  # fmt: skip
    if magic != _LOCAL_MAGIC or local_flags != flags or local_method != method:
        raise NotPlain("a local header that disagrees with the central directory")
    start = offset + _LOCAL.size
    if data[start : start + name_len] != raw:
        raise NotPlain("names differ between the central directory and the local header")
    if extra_len and not _plain_extra(data[start + name_len : start + name_len + extra_len]):
        raise NotPlain("bad local extra field")
    at = start + name_len + extra_len
    end = at + sums[1]
    if flags & _DEFERRED:
        if (crc, packed, size) not in (sums, (0, 0, 0)):
            raise NotPlain("a local header that disagrees with the central directory")
        if data[end : end + 4] == _DESCRIPTOR_MAGIC:
            end += 4
        if _DESCRIPTOR.unpack_from(data, end) != sums:
            raise NotPlain("a data descriptor that disagrees with the central directory")
        end += _DESCRIPTOR.size
    elif (crc, packed, size) != sums:
        raise NotPlain("a local header that disagrees with the central directory")
    if end > len(data):
        raise NotPlain("a part runs past the end of the file")
    return at, end


def _plain_extra(extra: bytes) -> bool:
    """Well-formed extra field records, none of them ZIP64's."""
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            return False
        tag, size = struct.unpack_from("<2H", extra, pos)
        if tag == _ZIP64_EXTRA:
            return False
        pos += 4 + size
    return pos == len(extra)
