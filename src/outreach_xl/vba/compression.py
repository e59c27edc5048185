"""[MS-OVBA] 2.4.1 compression: the LZ77 variant used for the `dir` stream and module sources.

A CompressedContainer is a signature byte 0x01 followed by CompressedChunks, each holding at most
4096 bytes of decompressed data. Names follow the specification's state variables
(DecompressedCurrent, CompressedChunkStart, ...) so the code can be read next to it.
"""

from __future__ import annotations

import struct

from outreach_xl.errors import DeveloperError

__all__ = ["VbaCompressionError", "compress", "decompress"]

_SIGNATURE = 0x01
_CHUNK_SIZE = 4096  # decompressed bytes per chunk
_CHUNK_SIGNATURE = 0b011
_MAX_COMPRESSED_CHUNK = 4098  # header (2) + data (4096)


class VbaCompressionError(DeveloperError):
    """A CompressedContainer that does not follow [MS-OVBA] 2.4.1 (only met when decompressing)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Dữ liệu nén VBA bị hỏng: {detail}",
            fix="Tạo lại tệp từ mẫu của outreach-xl; đừng sửa vbaProject.bin bằng tay",
        )


def _copy_token_help(decompressed_current: int, decompressed_chunk_start: int) -> tuple[int, int]:
    """[MS-OVBA] 2.4.1.3.19.1 CopyToken Help: (bit_count, maximum_length) at this position.

    The offset part of a CopyToken grows with the distance from the chunk start:
    BitCount = max(ceil(log2(difference)), 4), so small offsets leave more bits for the length.
    """
    difference = decompressed_current - decompressed_chunk_start
    bit_count = max((difference - 1).bit_length(), 4)
    maximum_length = (0xFFFF >> bit_count) + 3
    return bit_count, maximum_length


# --- compression ([MS-OVBA] 2.4.1.3.6 onwards) ------------------------------------------------


def compress(data: bytes) -> bytes:
    """Compress `data` into a CompressedContainer ([MS-OVBA] 2.4.1.3.6), deterministically."""
    out = bytearray([_SIGNATURE])
    decompressed_end = len(data)
    decompressed_chunk_start = 0
    while decompressed_chunk_start < decompressed_end:
        out += _compress_chunk(data, decompressed_chunk_start, decompressed_end)
        decompressed_chunk_start += _CHUNK_SIZE
    return bytes(out)


def _compress_chunk(data: bytes, chunk_start: int, decompressed_end: int) -> bytes:
    """[MS-OVBA] 2.4.1.3.7 Compressing a DecompressedChunk: one CompressedChunk with its header."""
    chunk_end = min(chunk_start + _CHUNK_SIZE, decompressed_end)
    body = bytearray()
    current = chunk_start
    while current < chunk_end:
        current = _compress_token_sequence(data, chunk_start, chunk_end, current, body)

    if len(body) + 2 > _MAX_COMPRESSED_CHUNK:
        # 2.4.1.3.10 Compressing a RawChunk: 4096 bytes as they are, padded with 0x00.
        raw = data[chunk_start:chunk_end].ljust(_CHUNK_SIZE, b"\x00")
        header = ((_CHUNK_SIZE + 2 - 3) & 0x0FFF) | (_CHUNK_SIGNATURE << 12)  # flag 0
        return struct.pack("<H", header) + raw

    # 2.4.1.3.13 Packing a CompressedChunkHeader: size - 3, signature 0b011, flag 1.
    header = ((len(body) + 2 - 3) & 0x0FFF) | (_CHUNK_SIGNATURE << 12) | 0x8000
    return struct.pack("<H", header) + bytes(body)


def _compress_token_sequence(
    data: bytes, chunk_start: int, chunk_end: int, current: int, body: bytearray
) -> int:
    """[MS-OVBA] 2.4.1.3.8 Compressing a TokenSequence: a FlagByte and up to 8 tokens.

    Returns the new DecompressedCurrent.
    """
    flag_byte_index = len(body)
    body.append(0)
    flag_byte = 0
    for bit in range(8):
        if current >= chunk_end:
            break
        offset, length = _match(data, chunk_start, chunk_end, current)
        if length:
            # 2.4.1.3.19.3 Pack CopyToken: offset and length share 16 bits.
            bit_count, _ = _copy_token_help(current, chunk_start)
            token = ((offset - 1) << (16 - bit_count)) | (length - 3)
            body += struct.pack("<H", token)
            flag_byte |= 1 << bit
            current += length
        else:
            body.append(data[current])  # LiteralToken
            current += 1
    body[flag_byte_index] = flag_byte
    return current


def _match(data: bytes, chunk_start: int, chunk_end: int, current: int) -> tuple[int, int]:
    """[MS-OVBA] 2.4.1.3.19.4 Matching: the longest earlier match in the chunk, nearest first.

    Returns (offset, length), or (0, 0) when no match of at least 3 bytes exists.
    """
    if chunk_end - current < 3:
        return 0, 0
    best_length = 0
    best_candidate = 0
    # Only candidates starting with the same three bytes can reach the minimum length of 3;
    # rfind walks backwards from the nearest, as the specification's loop does, just faster.
    prefix = data[current : current + 3]
    end = current + 2  # a candidate must start before `current`
    while True:
        candidate = data.rfind(prefix, chunk_start, end)
        if candidate < 0:
            break
        length = 3
        while current + length < chunk_end and data[candidate + length] == data[current + length]:
            length += 1
        if length > best_length:
            best_length = length
            best_candidate = candidate
        end = candidate + 2
    if best_length < 3:
        return 0, 0
    _, maximum_length = _copy_token_help(current, chunk_start)
    return current - best_candidate, min(best_length, maximum_length)


# --- decompression ([MS-OVBA] 2.4.1.3.1 onwards) ----------------------------------------------


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer ([MS-OVBA] 2.4.1.3.1)."""
    if not container or container[0] != _SIGNATURE:
        raise VbaCompressionError("CompressedContainer must start with the signature byte 0x01")
    out = bytearray()
    compressed_current = 1
    compressed_record_end = len(container)
    while compressed_current < compressed_record_end:
        compressed_current = _decompress_chunk(container, compressed_current, out)
    return bytes(out)


def _decompress_chunk(container: bytes, compressed_chunk_start: int, out: bytearray) -> int:
    """[MS-OVBA] 2.4.1.3.2 Decompressing a CompressedChunk; returns the next chunk's start."""
    if compressed_chunk_start + 2 > len(container):
        raise VbaCompressionError(f"truncated CompressedChunkHeader at {compressed_chunk_start}")
    (header,) = struct.unpack_from("<H", container, compressed_chunk_start)
    size = (header & 0x0FFF) + 3
    signature = (header >> 12) & 0b111
    compressed = bool(header & 0x8000)
    if signature != _CHUNK_SIGNATURE:
        raise VbaCompressionError(
            f"CompressedChunkSignature is {signature:#05b} at {compressed_chunk_start}, "
            "the specification requires 0b011"
        )
    compressed_end = min(compressed_chunk_start + size, len(container))
    current = compressed_chunk_start + 2
    decompressed_chunk_start = len(out)

    if not compressed:
        if size != _MAX_COMPRESSED_CHUNK:
            raise VbaCompressionError(f"raw chunk at {compressed_chunk_start} is not 4096 bytes")
        out += container[current : current + _CHUNK_SIZE]
        return current + _CHUNK_SIZE

    while current < compressed_end:
        flag_byte = container[current]
        current += 1
        for bit in range(8):
            if current >= compressed_end:
                break
            if not flag_byte & (1 << bit):
                out.append(container[current])
                current += 1
                continue
            if current + 2 > compressed_end:
                raise VbaCompressionError(f"truncated CopyToken at {current}")
            (token,) = struct.unpack_from("<H", container, current)
            current += 2
            bit_count, _ = _copy_token_help(len(out), decompressed_chunk_start)
            length = (token & (0xFFFF >> bit_count)) + 3
            offset = (token >> (16 - bit_count)) + 1
            source = len(out) - offset
            if source < decompressed_chunk_start:
                raise VbaCompressionError(f"CopyToken at {current - 2} points before its chunk")
            for index in range(length):  # byte by byte: a copy may overlap its own output
                out.append(out[source + index])
    return compressed_end
