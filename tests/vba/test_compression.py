"""[MS-OVBA] 2.4.1 compression, against the specification's examples (3.2) and oletools."""

from __future__ import annotations

import hashlib
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from outreach_xl.errors import OutreachError
from outreach_xl.vba.compression import VbaCompressionError, compress, decompress
from outreach_xl.vba.sources import xlwings_dir

# [MS-OVBA] 3.2.1 No Compression, 3.2.2 Normal Compression, 3.2.3 Maximum Compression.
SPEC_EXAMPLES = [
    pytest.param(
        b"abcdefghijklmnopqrstuv.",
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
        id="3.2.1-no-compression",
    ),
    pytest.param(
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20"
        " 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C",
        id="3.2.2-normal-compression",
    ),
    pytest.param(b"a" * 73, "01 03 B0 02 61 45 00", id="3.2.3-maximum-compression"),
]


@pytest.mark.parametrize(("plain", "compressed"), SPEC_EXAMPLES)
def test_it_compresses_the_specification_examples_to_the_same_bytes(
    plain: bytes, compressed: str
) -> None:
    assert compress(plain) == bytes.fromhex(compressed)


@pytest.mark.parametrize(("plain", "compressed"), SPEC_EXAMPLES)
def test_it_decompresses_the_specification_examples(plain: bytes, compressed: str) -> None:
    assert decompress(bytes.fromhex(compressed)) == plain


def test_it_decompresses_the_older_pdf_variant_of_the_normal_example() -> None:
    # The PDF edition of [MS-OVBA] printed other (equally valid) copy tokens for 3.2.2.
    older = (
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30"
        " 6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"
    )
    assert decompress(bytes.fromhex(older)) == (
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
    )


def test_empty_input_is_a_container_with_no_chunks() -> None:
    assert compress(b"") == b"\x01"
    assert decompress(b"\x01") == b""


def test_it_round_trips_xlwings_bas_through_itself_and_oletools() -> None:
    source = (xlwings_dir() / "xlwings.bas").read_bytes()
    assert len(source) > 4 * 4096  # several chunks
    packed = compress(source)
    assert len(packed) < len(source) // 2
    assert decompress(packed) == source
    assert decompress_stream(packed) == source


def test_chunks_hold_4096_bytes_each() -> None:
    source = (xlwings_dir() / "xlwings.bas").read_bytes()
    packed = compress(source)
    position, chunks = 1, 0
    while position < len(packed):
        (header,) = struct.unpack_from("<H", packed, position)
        assert header & 0x7000 == 0x3000  # CompressedChunkSignature 0b011
        assert header & 0x8000  # compressed: source text never needs a raw chunk
        position += (header & 0x0FFF) + 3
        chunks += 1
    assert position == len(packed)
    assert chunks == -(-len(source) // 4096)


def test_incompressible_4096_bytes_become_a_raw_chunk() -> None:
    data = b"".join(hashlib.sha256(b"%d" % i).digest() for i in range(128))  # 4096 bytes
    packed = compress(data)
    assert packed[:3] == b"\x01\xff\x3f"  # size 4098, signature 0b011, flag 0
    assert len(packed) == 1 + 2 + 4096
    assert decompress(packed) == data
    assert decompress_stream(packed) == data


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=9000) | st.text("ab \r\n", max_size=9000).map(str.encode))
def test_decompress_inverts_compress(data: bytes) -> None:
    packed = compress(data)
    unpacked = decompress(packed)
    # A raw chunk always holds 4096 bytes, so the specification pads a short incompressible
    # last chunk with zeros ([MS-OVBA] 2.4.1.3.10); everything else comes back exactly.
    assert unpacked[: len(data)] == data
    assert unpacked[len(data) :] == bytes(len(unpacked) - len(data))
    assert decompress_stream(packed) == unpacked


@pytest.mark.parametrize(
    "container",
    [b"", b"\x00\x19\xb0", b"\x01\x19\xa0\x00abc", b"\x01\x19\xb0\x01\x00\x00", b"\x01\x19"],
    ids=["empty", "bad-signature", "bad-chunk-signature", "copy-before-start", "truncated"],
)
def test_it_rejects_broken_containers_with_our_error(container: bytes) -> None:
    with pytest.raises(VbaCompressionError) as caught:
        decompress(container)
    assert isinstance(caught.value, OutreachError)
