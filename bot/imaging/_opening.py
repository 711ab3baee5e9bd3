"""Opening user data with the allowed Pillow plugins only, the size guards on the header, and what the
header says (``ImageInfo``, EXIF orientation). Importing this module registers Pillow's plugins."""

from __future__ import annotations

import io
from typing import Final

import pillow_heif
from PIL import ExifTags, Image, UnidentifiedImageError

from bot.imaging._rules import (
    MAX_HEADER_PIXELS,
    MAX_INPUT_BYTES,
    MAX_INPUT_SIDE,
    ImageInfo,
    ImageRejected,
    RejectReason,
)
from bot.imaging._sniff import SUPPORTED_KINDS, UNSUPPORTED_IMAGE_KINDS, sniff

# Both once, at import: Image.init() registers every built-in plugin now rather than lazily on a
# first call (which two threads could race), and the HEIF opener joins them.
Image.init()
pillow_heif.register_heif_opener()

_OPEN_FORMATS: Final = tuple(f for f in ("JPEG", "PNG", "WEBP", "BMP", "GIF", "HEIF") if f in Image.OPEN)
"""The Pillow plugins allowed to parse user data (MPO comes through JPEG, whose opener detects it).
Other plugins (EPS, PSD, TIFF, ...) never see it. Filtered so that a Pillow built without one of them
still opens the others (``Image.open`` fails on a format name it does not know)."""


# --------------------------------------------------------------------------------------------------
# Opening and guards


def _open(data: bytes) -> Image.Image:
    """Parse the header with the allowed plugins only; map every failure to a precise reason."""
    if not data:
        raise ImageRejected(RejectReason.EMPTY, size_bytes=0)
    if len(data) > MAX_INPUT_BYTES:
        raise ImageRejected(RejectReason.TOO_MANY_BYTES, size_bytes=len(data), max_bytes=MAX_INPUT_BYTES)
    try:
        im = Image.open(io.BytesIO(data), formats=_OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard (its MAX_IMAGE_PIXELS) fired while parsing the header.
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, max_pixels=MAX_HEADER_PIXELS) from None
    except UnidentifiedImageError:
        raise _unidentified(data) from None
    except Exception:  # a plugin choked on a header it had accepted: damaged file
        raise ImageRejected(RejectReason.CORRUPT, detected_format=sniff(data)) from None
    try:
        _guard_pixels(im)
    except BaseException:
        im.close()
        raise
    return im


def _guard_pixels(im: Image.Image) -> None:
    width, height = im.size
    if width < 1 or height < 1:
        raise ImageRejected(RejectReason.CORRUPT, width=width, height=height)
    if max(width, height) > MAX_INPUT_SIDE:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_side=MAX_INPUT_SIDE)
    if width * height > MAX_HEADER_PIXELS:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_HEADER_PIXELS)


def _info(im: Image.Image) -> ImageInfo:
    try:
        frames = getattr(im, "n_frames", 1)
        frames = frames if isinstance(frames, int) and frames >= 1 else 1
        im.seek(0)
    except Exception:
        raise ImageRejected(RejectReason.CORRUPT, width=im.width, height=im.height) from None
    return ImageInfo(
        format=str(im.format),
        width=im.width,
        height=im.height,
        orientation=_orientation(im),
        mode=im.mode,
        frames=frames,
    )


def _orientation(im: Image.Image) -> int:
    """EXIF (or XMP) orientation, read without decoding pixels; 1 when absent or nonsense."""
    if im.format == "PNG" and "exif" not in im.info:
        # PngImageFile.getexif() would decode the whole image to look for an eXIf chunk after IDAT.
        # Such files are never passed through (see strip_png) and get re-read after decoding.
        return 1
    try:
        value = im.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # malformed EXIF must not make a photo unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _unidentified(data: bytes) -> ImageRejected:
    kind = sniff(data)
    if kind in SUPPORTED_KINDS:
        return ImageRejected(RejectReason.CORRUPT, detected_format=kind)
    if kind in UNSUPPORTED_IMAGE_KINDS:
        return ImageRejected(RejectReason.UNSUPPORTED_FORMAT, detected_format=kind)
    return ImageRejected(RejectReason.NOT_AN_IMAGE, detected_format=kind)
