"""Image preparation for the face-editing vendors and for Telegram.

Everything here is pure and synchronous: callers run it in a worker thread (``asyncio.to_thread``).
The functions share no mutable module state, so any number of threads may call them at once; the
only side effects happen once, at import: Pillow's plugins are registered, the HEIF opener with them.
``Image.MAX_IMAGE_PIXELS`` is left alone (it is process-wide): our own, lower limits apply first.

Guarantees, in the order ``prepare`` applies them:

1. Size guards on the *header* before a single pixel is decoded (decompression bombs): no side over
   ``MAX_INPUT_SIDE``, no header over ``MAX_HEADER_PIXELS``, no decode over ``MAX_DECODED_PIXELS``.
2. Vendor bounds: the shorter side must reach ``rules.min_side`` (we never upscale: an upscaled face
   gives the vendor nothing to work with), the longer side is scaled down to ``rules.max_side``.
3. Pass-through: an input the vendor takes as it is goes out byte for byte (no pixel is decoded),
   minus privacy metadata (EXIF with GPS, XMP, IPTC, comments, trailing data), which is cut out of the
   JPEG/PNG container losslessly.
4. Otherwise the image is decoded (JPEG via ``draft`` so libjpeg scales down while decoding), turned
   upright, converted to 8-bit RGB on white, resized with LANCZOS and encoded as a metadata-free JPEG
   that fits ``rules.max_bytes`` (quality steps first, then smaller pixels).

No human text lives here: ``ImageRejected`` carries a ``RejectReason`` and numbers, and the bot's
message layer turns them into words.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Final

import pillow_heif
from PIL import ExifTags, Image, ImageDraw, UnidentifiedImageError

from bot.imaging._containers import strip_jpeg, strip_png
from bot.imaging._sniff import SUPPORTED_KINDS, UNSUPPORTED_IMAGE_KINDS, sniff

# Both once, at import: Image.init() registers every built-in plugin now rather than lazily on a
# first call (which two threads could race), and the HEIF opener joins them.
Image.init()
pillow_heif.register_heif_opener()

__all__ = [
    "ACCUAUTH_RULES",
    "ACEDATA_RULES",
    "AILAB_RULES",
    "MAX_DECODED_PIXELS",
    "MAX_HEADER_PIXELS",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_SIDE",
    "QUALITY_STEPS",
    "TELEGRAM_PHOTO_RULES",
    "WORKING_SIDE",
    "ImageInfo",
    "ImageRejected",
    "ImageRules",
    "PreparedImage",
    "RejectReason",
    "choose_photo_size",
    "draw_face_box",
    "prepare",
    "probe",
]

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

_SHRINK_MARGIN: Final = 0.92
"""Shrink a bit more than the byte ratio suggests so that one more encode usually fits."""

_JUMP_TO_FLOOR_OVERSHOOT: Final = 1.5
"""If an encode is more than 1.5 times over the limit, the next quality step will not fit either (one
step saves 10-20 %): go straight to the floor quality instead of encoding each step."""

_ANNOTATED_MAX_SIDE: Final = 2560
"""Longest side of ``draw_face_box`` output: Telegram shows photos at most 2560 px, larger is waste."""

_OPEN_FORMATS: Final = tuple(f for f in ("JPEG", "PNG", "WEBP", "BMP", "GIF", "HEIF") if f in Image.OPEN)
"""The Pillow plugins allowed to parse user data (MPO comes through JPEG, whose opener detects it).
Other plugins (EPS, PSD, TIFF, ...) never see it. Filtered so that a Pillow built without one of them
still opens the others (``Image.open`` fails on a format name it does not know)."""

_WHITE: Final = (255, 255, 255)
_BOX_COLOUR: Final = (0, 255, 0)


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


# --------------------------------------------------------------------------------------------------
# Public functions


def probe(data: bytes) -> ImageInfo:
    """Read the header only (no pixel decode) and apply the rules-independent size guards.

    Raises ``ImageRejected`` for empty, non-image, unsupported, unparsable or oversized input.
    """
    with _open(data) as im:
        return _info(im)


def prepare(data: bytes, rules: ImageRules) -> PreparedImage:
    """Make ``data`` acceptable to the consumer described by ``rules``; see the module docstring.

    Raises ``ImageRejected``; never returns something that breaks ``rules``.
    """
    with _open(data) as im:
        info = _info(im)
        target = _target_size(info, rules)
        passed = _pass_through(data, info, target, rules, transparency="transparency" in im.info)
        if passed is not None:
            return passed
        picture = _render(im, info, target)
        jpeg, (out_w, out_h) = _encode_to_fit(picture, rules, _rgb_icc_profile(im))
        return PreparedImage(jpeg, "image/jpeg", out_w, out_h, passed_through=False)


def draw_face_box(data: bytes, box: tuple[int, int, int, int]) -> bytes:
    """Return a JPEG of the photo with rectangle ``box`` = (x1, y1, x2, y2) drawn on it.

    ``box`` is in the coordinates of the upright photo (as sent to the vendor by ``prepare``, whose
    output is upright). Corners may come in any order and are clamped to the image, so a box partly
    or wholly outside still gives a picture. The output fits ``TELEGRAM_PHOTO_RULES`` and is at most
    2560 px long (Telegram shows no more); the line width grows with the image so it stays visible.
    """
    rules = TELEGRAM_PHOTO_RULES
    with _open(data) as im:
        info = _info(im)
        picture = _render(im, info, _target_size(info, rules, max_side=_ANNOTATED_MAX_SIDE))
        up_w, up_h = info.upright_size
        out_w, out_h = picture.size
        x1, x2 = sorted((box[0], box[2]))
        y1, y2 = sorted((box[1], box[3]))
        # Scale from the upright original to the output, then clamp onto the canvas.
        sx1 = _clamp(round(x1 * out_w / up_w), 0, out_w - 1)
        sx2 = _clamp(round(x2 * out_w / up_w), 0, out_w - 1)
        sy1 = _clamp(round(y1 * out_h / up_h), 0, out_h - 1)
        sy2 = _clamp(round(y2 * out_h / up_h), 0, out_h - 1)
        line = max(2, round(max(out_w, out_h) / 250))
        # Pillow draws a wide outline inwards from the rectangle's edges, so it never leaves the image.
        ImageDraw.Draw(picture).rectangle((sx1, sy1, sx2, sy2), outline=_BOX_COLOUR, width=line)
        jpeg, _ = _encode_to_fit(picture, rules, _rgb_icc_profile(im))
        return jpeg


def choose_photo_size(sizes: Sequence[tuple[int, int, int]], rules: ImageRules) -> int:
    """Pick which Telegram ``PhotoSize`` to download for a vendor; return its index in ``sizes``.

    Each entry is (width, height, file_size); file_size 0 means unknown and counts as fitting. Preference:
    the smallest size that reaches the working size (``WORKING_SIDE``, or ``max_side`` if that is lower)
    and that the vendor takes as is; failing that, the largest the vendor takes as is; failing that (all
    too big) the smallest reaching the working size, as ``prepare`` will shrink it; and if every size is
    too small, the largest, so that ``prepare`` reports TOO_SMALL with real numbers.
    """
    if not sizes:
        raise ValueError("no photo sizes to choose from")
    working = min(WORKING_SIDE, rules.max_side)
    indices = range(len(sizes))

    def area(i: int) -> int:
        return sizes[i][0] * sizes[i][1]

    def usable(i: int) -> bool:
        return min(sizes[i][0], sizes[i][1]) >= rules.min_side

    def fits(i: int) -> bool:
        w, h, file_size = sizes[i]
        return usable(i) and max(w, h) <= rules.max_side and file_size <= rules.max_bytes

    def working_size(i: int) -> bool:
        return usable(i) and max(sizes[i][0], sizes[i][1]) >= working

    if good := [i for i in indices if fits(i) and working_size(i)]:
        return min(good, key=area)
    if fitting := [i for i in indices if fits(i)]:
        return max(fitting, key=area)
    if big := [i for i in indices if working_size(i)]:
        return min(big, key=area)
    return max(indices, key=area)


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


# --------------------------------------------------------------------------------------------------
# Geometry


def _target_size(info: ImageInfo, rules: ImageRules, *, max_side: int | None = None) -> tuple[int, int]:
    """Output size in stored orientation (scaling commutes with rotation); refuses the wrong shapes."""
    width, height = info.width, info.height
    short, long = min(width, height), max(width, height)
    if short < rules.min_side:
        raise ImageRejected(RejectReason.TOO_SMALL, width=width, height=height, min_side=rules.min_side)
    if rules.max_aspect is not None and long > rules.max_aspect * short:
        raise ImageRejected(RejectReason.BAD_ASPECT_RATIO, width=width, height=height, max_aspect=rules.max_aspect)
    target = _fit(width, height, rules, max_side=max_side)
    if min(target) < rules.min_side:
        raise ImageRejected(
            RejectReason.BAD_ASPECT_RATIO,
            width=width,
            height=height,
            min_side=rules.min_side,
            max_side=rules.max_side,
        )
    return target


def _fit(width: int, height: int, rules: ImageRules, *, max_side: int | None = None) -> tuple[int, int]:
    """Largest size with the same aspect that respects ``max_side`` and ``max_dimension_sum``.

    Exact rational arithmetic with rounding down, so the result never exceeds a bound by a pixel.
    """
    limit = rules.max_side if max_side is None else min(max_side, rules.max_side)
    scale = min(Fraction(1), Fraction(limit, max(width, height)))
    if rules.max_dimension_sum is not None:
        scale = min(scale, Fraction(rules.max_dimension_sum, width + height))
    if scale == 1:
        return width, height
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _no_upscale(target: tuple[int, int], decoded: tuple[int, int]) -> tuple[int, int]:
    """The decoded size when the pixel budget made libjpeg decode below ``target``; else ``target``."""
    return decoded if decoded[0] < target[0] or decoded[1] < target[1] else target


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


# --------------------------------------------------------------------------------------------------
# Pass-through


def _pass_through(
    data: bytes, info: ImageInfo, target: tuple[int, int], rules: ImageRules, *, transparency: bool
) -> PreparedImage | None:
    """Return the input as it is (minus metadata) if the consumer takes it; never decodes pixels.

    MPO is never passed through: its extra images (second camera, depth map) would travel along.
    Neither is an RGB PNG with a transparent colour key: vendors would see it differently.
    """
    if info.format not in rules.formats or info.frames != 1 or info.orientation != 1 or transparency:
        return None
    if target != (info.width, info.height):
        return None
    if info.format == "JPEG":
        if info.mode not in ("RGB", "L"):
            return None
        stripped = strip_jpeg(data)
        content_type = "image/jpeg"
    else:  # PNG
        if info.mode != "RGB":
            return None
        stripped = strip_png(data)
        content_type = "image/png"
    if stripped is None or len(stripped) > rules.max_bytes:
        return None
    return PreparedImage(stripped, content_type, info.width, info.height, passed_through=True)


# --------------------------------------------------------------------------------------------------
# Decoding and conversion


def _render(im: Image.Image, info: ImageInfo, target: tuple[int, int]) -> Image.Image:
    """Decoded, 8-bit RGB, at ``target`` (or smaller if the pixel budget forced it), upright."""
    picture = _decode(im, info, target)
    picture = _resize(picture, _no_upscale(target, picture.size))
    return _upright(picture, info, im)


def _decode(im: Image.Image, info: ImageInfo, target: tuple[int, int]) -> Image.Image:
    """Decode the first frame as 8-bit RGB, letting libjpeg scale down by 1/2..1/8 when that still
    leaves at least ``target`` (or when the pixel budget requires it)."""
    width, height = info.width, info.height
    if info.format in ("JPEG", "MPO"):
        scale = 1
        for s in (8, 4, 2):  # largest DCT scale whose output still covers the target
            if width // s >= target[0] and height // s >= target[1]:
                scale = s
                break
        while scale < 8 and math.ceil(width / scale) * math.ceil(height / scale) > MAX_DECODED_PIXELS:
            scale *= 2
        if scale > 1:
            im.draft(None, (width // scale, height // scale))
    elif width * height > MAX_DECODED_PIXELS:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS)
    if im.width * im.height > MAX_DECODED_PIXELS:
        raise ImageRejected(RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS)
    try:
        im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            RejectReason.TOO_LARGE_PIXELS, width=width, height=height, max_pixels=MAX_DECODED_PIXELS
        ) from None
    except Exception:  # truncated or damaged data: OSError, SyntaxError, ValueError, EOFError, ...
        raise ImageRejected(
            RejectReason.CORRUPT, detected_format=info.format.lower(), width=width, height=height
        ) from None
    return _to_rgb(im)


_SIXTEEN_BIT_MODES: Final = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})


def _to_rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB; transparency is flattened onto white (vendors reject or mishandle alpha)."""
    mode = im.mode
    if mode == "RGB" and "transparency" not in im.info:
        return im
    if mode in _SIXTEEN_BIT_MODES:
        # convert("L") would clip every value above 255 to white; scale 0..65535 down to 0..255.
        return im.convert("I").point(lambda v: v * (255 / 65535)).convert("L").convert("RGB")
    if mode == "CMYK":
        return _cmyk_to_rgb(im)
    if "A" in im.getbands() or "a" in im.getbands() or "transparency" in im.info:
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, _WHITE)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")


def _cmyk_to_rgb(im: Image.Image) -> Image.Image:
    """Use the embedded CMYK profile when there is one: Pillow's formula conversion is far off for
    print CMYK (dull, shifted colours)."""
    icc = im.info.get("icc_profile")
    if isinstance(icc, bytes) and icc:
        try:
            from PIL import ImageCms

            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(im, source, srgb, outputMode="RGB")
        except Exception:  # no littlecms, or a broken profile: fall back to the formula
            converted = None
        if converted is not None:
            return converted
    return im.convert("RGB")


def _rgb_icc_profile(im: Image.Image) -> bytes | None:
    """The source's ICC profile if it describes RGB (e.g. Display P3 from iPhones), to keep colours
    right; None for CMYK/grey profiles, which do not apply to the RGB we encode."""
    icc = im.info.get("icc_profile")
    if isinstance(icc, bytes) and len(icc) >= 20 and icc[16:20] == b"RGB " and im.mode != "CMYK":
        return icc
    return None


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    if im.size == size:
        return im
    # reducing_gap: integer box reduction first, then LANCZOS on at most 3x the target: quick and
    # indistinguishable from a full LANCZOS.
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


_TRANSPOSE: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF orientation -> transpose, as ``ImageOps.exif_transpose``; we apply it ourselves, after
resizing (cheaper), to the already converted copy."""


def _upright(picture: Image.Image, info: ImageInfo, source: Image.Image) -> Image.Image:
    orientation = info.orientation
    if info.format == "PNG" and "exif" in source.info and orientation == 1:
        orientation = _orientation(source)  # an eXIf chunk after IDAT is known only once decoded
    method = _TRANSPOSE.get(orientation)
    return picture if method is None else picture.transpose(method)


# --------------------------------------------------------------------------------------------------
# Encoding


def _encode_jpeg(im: Image.Image, quality: int, icc: bytes | None) -> bytes:
    """Baseline JPEG without EXIF, XMP or comment (Pillow would copy ``im.info['comment']``).

    No ``optimize``: on a 12 MP photo it makes the encode 2.7x slower (125 vs 46 ms) to save 3-4 %.
    """
    buf = io.BytesIO()
    if icc is None:
        im.save(buf, "JPEG", quality=quality, comment=b"")
    else:
        im.save(buf, "JPEG", quality=quality, comment=b"", icc_profile=icc)
    return buf.getvalue()


def _encode_to_fit(im: Image.Image, rules: ImageRules, icc: bytes | None) -> tuple[bytes, tuple[int, int]]:
    """Encode at the first quality step that fits ``max_bytes``; below the last step, shrink the pixels
    by the byte overshoot (with a margin) and retry at the last step until it fits or the shorter side
    would go under ``min_side`` (then TOO_MANY_BYTES)."""
    floor_quality = QUALITY_STEPS[-1]
    for quality in QUALITY_STEPS:
        jpeg = _encode_jpeg(im, quality, icc)
        if len(jpeg) <= rules.max_bytes:
            return jpeg, im.size
        if len(jpeg) > _JUMP_TO_FLOOR_OVERSHOOT * rules.max_bytes and quality != floor_quality:
            jpeg = _encode_jpeg(im, floor_quality, icc)
            if len(jpeg) <= rules.max_bytes:
                return jpeg, im.size
            break
    while True:
        ratio = math.sqrt(rules.max_bytes / len(jpeg)) * _SHRINK_MARGIN
        size = (max(1, math.floor(im.width * ratio)), max(1, math.floor(im.height * ratio)))
        if min(size) < rules.min_side:
            raise ImageRejected(
                RejectReason.TOO_MANY_BYTES,
                width=im.width,
                height=im.height,
                size_bytes=len(jpeg),
                max_bytes=rules.max_bytes,
                min_side=rules.min_side,
            )
        im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        jpeg = _encode_jpeg(im, floor_quality, icc)
        if len(jpeg) <= rules.max_bytes:
            return jpeg, im.size
