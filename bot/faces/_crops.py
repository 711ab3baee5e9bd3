"""Image work for a chosen face (pure and synchronous: callers run it in a worker thread).

- ``crop_around``: a copy of the photo cut around one face with a margin, for a vendor that cannot be told which
  face to use (Ace's face swap takes the largest face of each photo; AccuAuth reports on the main face);
- ``blend_back``: an edited crop put back into the full photo through a feathered elliptic mask, so that no seam
  shows and every pixel outside the crop stays as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from bot import imaging
from bot.faces._types import Face

MARGIN: Final = 0.9
"""Context kept on each side of the face, as a share of the face's size: hair, ears, neck and some background (an
editor needs them to find and blend the face; and the crop's own largest face must be this one)."""
FEATHER: Final = 0.12
"""Width of the mask's soft edge, as a share of the face's size."""


@dataclass(frozen=True, slots=True)
class Crop:
    """A JPEG cut from a photo: ``box`` = (x1, y1, x2, y2) in the photo's upright pixels; ``face`` in the crop's."""

    data: bytes
    box: tuple[int, int, int, int]
    face: Face


def _upright(data: bytes) -> Image.Image:
    imaging.probe(data)  # header guards before any decode
    with Image.open(io.BytesIO(data)) as opened:
        return ImageOps.exif_transpose(opened).convert("RGB")


def _encode(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def crop_box(
    size: tuple[int, int], face: Face, *, margin: float = MARGIN, min_side: int = 128
) -> tuple[int, int, int, int]:
    """The crop around ``face`` in a ``size`` picture: the face plus ``margin`` of its size on every side, clamped
    to the picture, then widened (about its centre, within the picture) until both sides reach ``min_side``."""
    width, height = size
    mx, my = round(face.width * margin), round(face.height * margin)
    x1, y1 = max(0, face.x - mx), max(0, face.y - my)
    x2, y2 = min(width, face.x + face.width + mx), min(height, face.y + face.height + my)
    x1, x2 = _widen(x1, x2, min(min_side, width), width)
    y1, y2 = _widen(y1, y2, min(min_side, height), height)
    return (x1, y1, x2, y2)


def _widen(low: int, high: int, least: int, limit: int) -> tuple[int, int]:
    missing = least - (high - low)
    if missing <= 0:
        return low, high
    low = max(0, low - (missing + 1) // 2)
    high = min(limit, low + least)
    return max(0, high - least), high


def crop_around(data: bytes, face: Face, *, margin: float = MARGIN, min_side: int = 128) -> Crop:
    """Cut ``face`` (in ``data``'s upright pixels) out of the photo ``data`` with ``margin``; see ``crop_box``."""
    picture = _upright(data)
    box = crop_box(picture.size, face, margin=margin, min_side=min_side)
    x1, y1, x2, y2 = box
    inside = Face(face.x - x1, face.y - y1, face.width, face.height, face.score)
    return Crop(_encode(picture.crop(box)), (x1, y1, x2, y2), inside)


def feather_mask(size: tuple[int, int], face: Face) -> Image.Image:
    """An 8-bit mask of ``size`` (the crop): 255 over the face and a band around it, falling smoothly to 0, and 0
    for at least one feather width inside every edge of the crop (so the crop's edge never shows)."""
    width, height = size
    feather = max(2, round(FEATHER * max(face.width, face.height)))
    # The face grown by half the margin, kept a feather and a half inside the crop's edges.
    gx, gy = face.width * 0.3, face.height * 0.3
    pad = 1.5 * feather
    x1, y1 = max(pad, face.x - gx), max(pad, face.y - gy)
    x2, y2 = min(width - pad, face.x + face.width + gx), min(height - pad, face.y + face.height + gy)
    mask = Image.new("L", size, 0)
    if x2 - x1 >= 2 and y2 - y1 >= 2:
        ImageDraw.Draw(mask).ellipse((x1, y1, x2, y2), fill=255)
    return mask.filter(ImageFilter.GaussianBlur(feather / 2))


def blend(photo: Image.Image, edited: Image.Image, box: tuple[int, int, int, int], face: Face) -> Image.Image:
    """``photo`` with ``edited`` (the crop at ``box``, after the vendor's edit; any size: it is scaled to the box)
    blended in over ``face`` (in the crop's pixels) through ``feather_mask``. Pixels outside ``box`` are unchanged,
    and so are those inside it where the mask is 0."""
    x1, y1, x2, y2 = box
    size = (x2 - x1, y2 - y1)
    if edited.size != size:
        edited = edited.resize(size, Image.Resampling.LANCZOS)
    out = photo.copy()
    region = out.crop(box)
    out.paste(Image.composite(edited.convert(photo.mode), region, feather_mask(size, face)), (x1, y1))
    return out


def blend_back(data: bytes, edited: bytes, crop: Crop) -> bytes:
    """The photo ``data`` with the vendor's ``edited`` version of ``crop`` blended back in, as a JPEG the size of
    the (upright) photo."""
    picture = _upright(data)
    with Image.open(io.BytesIO(edited)) as result:
        patch = result.convert("RGB")
    return _encode(blend(picture, patch, crop.box, crop.face))
