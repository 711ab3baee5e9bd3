"""Lossless metadata removal from JPEG and PNG containers, for images passed through unchanged.

Vendors must not receive GPS positions, camera serials or comments, yet re-encoding a photo that is
already fine costs time and quality: so we cut the metadata out of the container and leave the
compressed pixels alone. Both walkers double as an integrity check (truncation, bad CRC).
"""

from __future__ import annotations

import zlib
from typing import Final

# JPEG APPn segments worth keeping, by identifier: JFIF, the ICC colour profile, Adobe colour transform.
_JPEG_KEEP_APP: Final[dict[int, tuple[bytes, ...]]] = {
    0xE0: (b"JFIF\x00", b"JFXX\x00"),
    0xE2: (b"ICC_PROFILE\x00",),
    0xEE: (b"Adobe",),
}


def _jpeg_segment_kept(marker: int, payload: bytes | memoryview) -> bool:
    if 0xE0 <= marker <= 0xEF:
        return any(bytes(payload[: len(p)]) == p for p in _JPEG_KEEP_APP.get(marker, ()))
    return marker != 0xFE  # COM


def strip_jpeg(data: bytes) -> bytes | None:
    """Cut EXIF (GPS, camera serial, thumbnail), XMP, IPTC, comments and bytes after EOI (motion-photo
    videos, vendor trailers) out of a JPEG without touching the compressed pixels.

    Returns ``data`` itself when nothing needed cutting, and None when the stream is not a complete,
    well-formed JPEG (e.g. truncated: no EOI), so the caller falls back to decoding, which reports it.
    Walks marker segments by their lengths and the entropy-coded data with ``bytes.find``; a 4 MB photo
    takes a few milliseconds.
    """
    n = len(data)
    if data[:2] != b"\xff\xd8":
        return None
    view = memoryview(data)
    kept: list[memoryview] = [view[:2]]
    dropped = False
    pos = 2
    in_scan = False
    while True:
        if in_scan:
            # Entropy-coded data: 0xFF is followed by 0x00 (stuffing), RSTn or fill 0xFF; any other
            # byte starts a marker (EOI, or a segment between progressive scans).
            start = pos
            while True:
                i = data.find(b"\xff", pos)
                if i < 0 or i + 1 >= n:
                    return None
                nxt = data[i + 1]
                if nxt == 0x00 or 0xD0 <= nxt <= 0xD7:
                    pos = i + 2
                elif nxt == 0xFF:
                    pos = i + 1
                else:
                    break
            kept.append(view[start:i])
            pos = i
        # At a marker: skip fill bytes.
        if pos >= n or data[pos] != 0xFF:
            return None
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            if not in_scan:
                return None
            kept.append(view[pos - 2 : pos])
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # standalone markers
            kept.append(view[pos - 2 : pos])
            continue
        if pos + 2 > n:
            return None
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > n:
            return None
        if _jpeg_segment_kept(marker, view[pos + 2 : pos + length]):
            kept.append(view[pos - 2 : pos + length])
        else:
            dropped = True
        pos += length
        if marker == 0xDA:  # SOS: entropy-coded data follows
            in_scan = True
    if not dropped and pos == n and sum(len(k) for k in kept) == n:
        return data
    return b"".join(kept)


_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
# Chunks needed to show the image as meant; text, eXIf, time stamps and private chunks are dropped.
_PNG_KEEP: Final = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"sBIT", b"pHYs"}
)


def strip_png(data: bytes) -> bytes | None:
    """Drop text/eXIf/time/private chunks and trailing bytes from a PNG, checking every chunk's CRC.

    Returns None for a PNG that must be decoded instead: damaged or truncated (no IEND, bad CRC), or
    carrying an eXIf chunk (its orientation may sit after IDAT, where the header parse did not look).
    """
    if not data.startswith(_PNG_SIGNATURE):
        return None
    view = memoryview(data)
    kept: list[memoryview] = [view[:8]]
    n = len(data)
    pos = 8
    while True:
        if pos + 12 > n:
            return None
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > n:
            return None
        if zlib.crc32(view[pos + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            return None
        if chunk_type == b"eXIf":
            return None
        if chunk_type in _PNG_KEEP:
            kept.append(view[pos:end])
        pos = end
        if chunk_type == b"IEND":
            break
    if sum(len(k) for k in kept) == n:
        return data
    return b"".join(kept)
