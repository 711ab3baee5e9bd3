"""Name a file's kind from its magic bytes, to tell the user *what* was refused (a PDF, a video...).

Only used after Pillow has failed to open the data: Pillow alone decides what is an image.
"""

from __future__ import annotations

from typing import Final

SUPPORTED_KINDS: Final = frozenset({"jpeg", "png", "gif", "webp", "bmp", "heif"})
UNSUPPORTED_IMAGE_KINDS: Final = frozenset({"tiff", "psd", "ico", "jpeg2000", "jpegxl", "avif", "svg", "raw", "jxr"})
_HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1", b"mif2"}
)


def sniff(data: bytes) -> str | None:
    """Name the kind of file from its magic bytes, only to choose a reason; Pillow decides what opens."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF":
        return {b"WEBP": "webp", b"AVI ": "video", b"WAVE": "audio"}.get(head[8:12])
    if head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124):
        return "bmp"
    if head[4:8] == b"ftyp":
        box_end = min(int.from_bytes(head[:4], "big"), len(head))
        brands = {head[i : i + 4] for i in range(8, box_end - 3, 4) if i != 12}
        if brands & {b"avif", b"avis"}:
            return "avif"
        if brands & _HEIF_BRANDS:
            return "heif"
        if b"crx " in brands:
            return "raw"
        return "video"  # mp4, mov, 3gp, m4v, ...
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return _sniff_text(data)


_MAGIC: Final = (
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"8BPS", "psd"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jpeg2000"),
    (b"\xff\x4f\xff\x51", "jpeg2000"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "jpegxl"),
    (b"\xff\x0a", "jpegxl"),
    (b"II\xbc", "jxr"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
    (b"\x1aE\xdf\xa3", "video"),
    (b"OggS", "audio"),
    (b"ID3", "audio"),
    (b"fLaC", "audio"),
)


def _sniff_text(data: bytes) -> str | None:
    sample = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    if not sample:
        return None
    if "<svg" in sample.lower():
        return "svg"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    return "text" if printable >= 0.95 * len(sample) else None
