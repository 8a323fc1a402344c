"""A deterministic zip writer for the DOCX package: fixed timestamps, parts compressed once."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def deflate(name: str, raw: bytes) -> Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush()
    return Entry(name.encode("utf-8"), zlib.crc32(raw), len(raw), data)


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can hold
_DOS_TIME = 0


def write_zip(entries: Iterable[Entry]) -> bytes:
    """Write the zip by hand: zipfile would stamp the current time and recompress parts
    that are the same for every report."""
    out = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        offset = len(out)
        fields = (20, 0, 8, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, len(entry.name), 0)
        out += entry.name + entry.data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, len(entry.name), 0, 0, 0, 0, 0, offset
        )
        central += entry.name
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)
