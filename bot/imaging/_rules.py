"""The package's vocabulary: the limits that hold whatever the vendor, what each consumer accepts
(``ImageRules`` and the per-vendor and Telegram rules), why an image is refused, and what comes out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

# --------------------------------------------------------------------------------------------------
# Limits that hold whatever the vendor

MAX_INPUT_BYTES: Final = 50_000_000
"""Refuse bigger inputs unread: the Bot API serves files up to 20 MB, so this only stops abuse."""

MAX_INPUT_SIDE: Final = 20_000
"""No side may exceed this, whatever the pixel count: a 100000x10 strip is not a photo."""

MAX_HEADER_PIXELS: Final = 89_000_000
"""Largest image whose header we accept. Just under Pillow's own warning level (89,478,485 px), so our
verdict never depends on how the process filters ``DecompressionBombWarning``; still admits 64 MP phone
JPEGs (they are decoded at 1/2 scale, see ``MAX_DECODED_PIXELS``). 108 MP and 200 MP camera modes are
refused."""

MAX_DECODED_PIXELS: Final = 50_000_000
"""Pixel budget of one decode (about 150 MB of RGB). JPEGs count at their ``draft`` scale (1/2, 1/4 or
1/8 of each side, chosen before decoding), other formats at full size."""

QUALITY_STEPS: Final = (90, 85, 80, 75)
"""JPEG qualities tried in turn when an encode is over the byte limit. We stop at 75: below it blocking
shows on skin and hair, which hurts face editing more than fewer pixels do, so past 75 we shrink."""

WORKING_SIDE: Final = 1024
"""Longest side that is plenty for face editing; ``choose_photo_size`` prefers the smallest photo that
reaches it, to save download and upload time."""


# --------------------------------------------------------------------------------------------------
# Public types


@dataclass(frozen=True, slots=True)
class ImageRules:
    """What one consumer (a vendor API, or Telegram) accepts.

    All bounds are inclusive: ``min_side <= min(width, height)`` and ``max(width, height) <= max_side``.
    Byte limits use decimal megabytes (4 MB = 4,000,000 bytes), which is stricter than MiB, so we are
    right whichever the vendor meant.
    """

    name: str
    formats: frozenset[str]
    """Pillow format names sent as they are (pass-through). Anything else is re-encoded as JPEG."""
    min_side: int
    """Shorter side, inclusive. Vendor minimums are >= 128 so a 64x64 face fits twice over."""
    max_side: int
    """Longer side, inclusive. Larger images are scaled down, never refused for it."""
    max_bytes: int
    """Size of the bytes sent, inclusive."""
    max_dimension_sum: int | None = None
    """Width + height, inclusive (Telegram); scaled down to fit like ``max_side``."""
    max_aspect: float | None = None
    """Longer side / shorter side, inclusive (Telegram); beyond it the image is refused."""

    def __post_init__(self) -> None:
        if "JPEG" not in self.formats:
            raise ValueError("rules must accept JPEG: it is what prepare() re-encodes to")
        if not self.formats <= {"JPEG", "PNG"}:
            raise ValueError("only JPEG and PNG can be passed through (PreparedImage.content_type)")
        if not 1 <= self.min_side <= self.max_side:
            raise ValueError("need 1 <= min_side <= max_side")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")


AILAB_RULES: Final = ImageRules(
    name="ailab",
    formats=frozenset({"JPEG", "PNG"}),
    min_side=257,
    max_side=4095,
    max_bytes=4_000_000,
)
"""AILabTools: JPEG/PNG/BMP up to 4 MB, each side strictly between 256 and 4096 px, face >= 64 px.
The strict bounds become inclusive 257..4095. BMP is accepted but re-encoded: it is uncompressed,
and ``PreparedImage.content_type`` is JPEG or PNG only."""

ACCUAUTH_RULES: Final = ImageRules(
    name="accuauth",
    formats=frozenset({"JPEG", "PNG"}),
    min_side=128,
    max_side=6000,
    max_bytes=5_000_000,
)
"""AccuAuth: JPG or PNG, 128x128 to 6000x6000 px, at most 5 MB."""

ACEDATA_RULES: Final = ImageRules(
    name="acedata",
    formats=frozenset({"JPEG"}),
    min_side=128,
    max_side=4096,
    max_bytes=25_000_000,
)
"""Ace Data Cloud fetches its inputs by URL (up to 25 MB) and we send JPEG only. The contract gives no
pixel bounds, so we chose them: at least 128 px on the shorter side (as AccuAuth; room for a 64 px face)
and at most 4096 px on the longer side (as AILab; more only slows the upload and the vendor)."""

TELEGRAM_PHOTO_RULES: Final = ImageRules(
    name="telegram_photo",
    formats=frozenset({"JPEG", "PNG"}),
    min_side=1,
    max_side=10_000,
    max_bytes=10_000_000,
    max_dimension_sum=10_000,
    max_aspect=20.0,
)
"""Bot API sendPhoto: at most 10 MB, width + height <= 10000, aspect ratio <= 20. No minimum."""


class RejectReason(StrEnum):
    """Why an image was refused. Values are stable identifiers, fit for logs and metrics labels."""

    EMPTY = "empty"
    """Zero bytes."""
    NOT_AN_IMAGE = "not_an_image"
    """Not an image at all (PDF, ZIP, text, video, unknown); ``detected_format`` names it if known."""
    UNSUPPORTED_FORMAT = "unsupported_format"
    """An image format we do not take (TIFF, PSD, AVIF, SVG, JPEG 2000, JPEG XL, ICO, RAW)."""
    CORRUPT = "corrupt"
    """Looks like a supported format but cannot be read completely (truncated, damaged)."""
    TOO_SMALL = "too_small"
    """Shorter side below ``min_side``."""
    TOO_LARGE_PIXELS = "too_large_pixels"
    """Over a pixel or side limit (decompression-bomb guard); nothing was decoded."""
    TOO_MANY_BYTES = "too_many_bytes"
    """Input over ``MAX_INPUT_BYTES``, or no encode fits ``max_bytes`` above ``min_side``."""
    BAD_ASPECT_RATIO = "bad_aspect_ratio"
    """Too long and thin: over ``max_aspect``, or scaling the long side down would take the short side
    below ``min_side``."""


class ImageRejected(Exception):
    """An image that cannot be used, with the reason and the numbers a user message needs.

    Fields that do not apply to the reason are None. ``width``/``height`` are as stored in the file
    (before EXIF rotation); None when the file could not be parsed that far.
    """

    def __init__(
        self,
        reason: RejectReason,
        *,
        detected_format: str | None = None,
        width: int | None = None,
        height: int | None = None,
        min_side: int | None = None,
        max_side: int | None = None,
        max_pixels: int | None = None,
        size_bytes: int | None = None,
        max_bytes: int | None = None,
        max_aspect: float | None = None,
    ) -> None:
        self.reason = reason
        self.detected_format = detected_format
        self.width = width
        self.height = height
        self.min_side = min_side
        self.max_side = max_side
        self.max_pixels = max_pixels
        self.size_bytes = size_bytes
        self.max_bytes = max_bytes
        self.max_aspect = max_aspect
        super().__init__(self._describe())

    _FIELDS = (
        "detected_format",
        "width",
        "height",
        "min_side",
        "max_side",
        "max_pixels",
        "size_bytes",
        "max_bytes",
        "max_aspect",
    )

    def _describe(self) -> str:
        parts = [str(self.reason)]
        if self.width is not None and self.height is not None:
            parts.append(f"{self.width}x{self.height}")
        for name in self._FIELDS:
            value = getattr(self, name)
            if value is not None and name not in ("width", "height"):
                parts.append(f"{name}={value}")
        return " ".join(parts)

    def __reduce__(self) -> tuple[functools.partial[ImageRejected], tuple[()]]:
        """Keep the fields when pickled (e.g. across a process pool)."""
        fields = {name: getattr(self, name) for name in self._FIELDS}
        return functools.partial(ImageRejected, self.reason, **fields), ()


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the header says. ``width``/``height`` are as stored; ``orientation`` is the EXIF rotation
    still to apply (1 = upright). HEIF is reported already rotated (libheif applies it), with 1."""

    format: str
    """Pillow format name: JPEG, MPO, PNG, WEBP, BMP, GIF or HEIF."""
    width: int
    height: int
    orientation: int
    mode: str
    """Pillow mode: RGB, L, P, RGBA, CMYK, I;16, ..."""
    frames: int

    @property
    def upright_size(self) -> tuple[int, int]:
        """(width, height) as the photo is meant to be seen."""
        return (self.height, self.width) if self.orientation >= 5 else (self.width, self.height)


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """Bytes ready to send. ``passed_through`` means the pixels are the original ones, not re-encoded
    (metadata may have been cut out losslessly); otherwise ``data`` is a fresh, metadata-free JPEG."""

    data: bytes = field(repr=False)
    content_type: str
    width: int
    height: int
    passed_through: bool
