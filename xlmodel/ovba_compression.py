"""The run-length compression of VBA projects ([MS-OVBA] 2.4.1): the `dir` stream and each
module's source are stored this way inside vbaProject.bin.

A container is a signature byte (1) and chunks of up to 4096 decompressed bytes. A chunk
has a 2-byte header (size - 3 in the low 12 bits, 0b011 in bits 12-14, bit 15 set when
compressed) and then groups of a flag byte and 8 tokens: a literal byte (flag bit 0) or a
2-byte copy token (flag bit 1) whose split between offset and length depends on how far
into the chunk the decompression is.
"""
from __future__ import annotations

import struct

CHUNK = 4096
_SIGNATURE = 0x01
_MIN_MATCH = 3
_MAX_CANDIDATES = 32  # earlier matches tried per position: enough for source text


def _copy_token_split(position: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) at `position` bytes into the decompressed chunk."""
    bit_count = max((position - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def decompress(data: bytes) -> bytes:
    if not data or data[0] != _SIGNATURE:
        raise ValueError("not an MS-OVBA compressed container (the first byte must be 1)")
    out = bytearray()
    position = 1
    while position < len(data):
        header = struct.unpack_from("<H", data, position)[0]
        size = (header & 0x0FFF) + 3
        compressed = header & 0x8000
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError(f"bad chunk signature at byte {position}")
        end = min(position + size, len(data))
        position += 2
        chunk_start = len(out)
        if not compressed:
            out += data[position:position + CHUNK]
            position += CHUNK
            continue
        while position < end:
            flags = data[position]
            position += 1
            for bit in range(8):
                if position >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[position])
                    position += 1
                    continue
                token = struct.unpack_from("<H", data, position)[0]
                position += 2
                bit_count, _ = _copy_token_split(len(out) - chunk_start)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError("copy token reaches before its chunk")
                for i in range(length):  # byte by byte: a copy may overlap what it writes
                    out.append(out[source + i])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    """One chunk's tokens: at each position the longest earlier match (found through the
    positions where its first 3 bytes occurred), else a literal byte."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    position = 0

    def remember(upto: int) -> None:
        for at in range(remember.next, upto):
            seen.setdefault(chunk[at:at + _MIN_MATCH], []).append(at)
        remember.next = max(remember.next, upto)
    remember.next = 0

    while position < len(chunk):
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if position >= len(chunk):
                break
            bit_count, max_length = _copy_token_split(position)
            max_offset = 1 << bit_count
            limit = min(max_length, len(chunk) - position)
            best_length, best_offset = 0, 0
            for candidate in reversed(seen.get(chunk[position:position + _MIN_MATCH], ())[-_MAX_CANDIDATES:]):
                if position - candidate > max_offset:
                    break
                length = 0
                while length < limit and chunk[candidate + length] == chunk[position + length]:
                    length += 1
                if length > best_length:
                    best_length, best_offset = length, position - candidate
                    if length == limit:
                        break
            if best_length >= _MIN_MATCH:
                out += struct.pack("<H", ((best_offset - 1) << (16 - bit_count)) | (best_length - 3))
                flags |= 1 << bit
                step = best_length
            else:
                out.append(chunk[position])
                step = 1
            remember(position + step)
            position += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        tokens = _compress_chunk(chunk)
        if len(tokens) <= CHUNK:
            out += struct.pack("<H", 0xB000 | (len(tokens) + 2 - 3)) + tokens
        elif len(chunk) == CHUNK:  # incompressible: stored as is (only a full chunk may be)
            out += struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + chunk
        else:
            raise ValueError("an incompressible last chunk cannot be stored")
    return bytes(out)
