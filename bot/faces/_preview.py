"""The picker's picture: the photo, small, with each offered face boxed and numbered (1 = the largest)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Final

from PIL import Image, ImageDraw, ImageFont, ImageOps

from bot import imaging
from bot.faces._types import PhotoFaces

PREVIEW_SIDE: Final = 640
_COLOURS: Final = ((0, 230, 0), (255, 200, 0), (0, 200, 255), (255, 80, 200), (255, 120, 40), (160, 120, 255))


def numbered_preview(data: bytes, found: PhotoFaces, numbers: Sequence[int] | None = None) -> bytes:
    """A JPEG of the photo ``data`` (any copy of the photo ``found`` describes) at most ``PREVIEW_SIDE`` px long,
    each face boxed and labelled with its number (``numbers``, by default 1, 2, ... in ``found``'s order)."""
    imaging.probe(data)
    with Image.open(io.BytesIO(data)) as opened:
        opened.draft("RGB", (PREVIEW_SIDE, PREVIEW_SIDE))
        picture = ImageOps.exif_transpose(opened).convert("RGB")
    picture.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(picture)
    line = max(2, round(max(picture.size) / 200))
    labels = list(numbers) if numbers is not None else list(range(1, len(found.faces) + 1))
    for i, (face, number) in enumerate(zip(found.fitted(*picture.size), labels, strict=False)):
        colour = _COLOURS[i % len(_COLOURS)]
        x1, y1, x2, y2 = face.corners
        draw.rectangle((x1, y1, x2, y2), outline=colour, width=line)
        size = max(14, min(40, round(face.height * 0.45)))
        font = ImageFont.load_default(size)
        text = str(number)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        tw, th = right - left, bottom - top
        pad = max(2, size // 6)
        bx = max(0, min(picture.width - tw - 2 * pad, x1))
        by = y1 - th - 2 * pad if y1 - th - 2 * pad >= 0 else min(picture.height - th - 2 * pad, y2)
        draw.rectangle((bx, by, bx + tw + 2 * pad, by + th + 2 * pad), fill=colour)
        draw.text((bx + pad - left, by + pad - top), text, fill=(0, 0, 0), font=font)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
