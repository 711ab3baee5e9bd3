"""Finding the faces of a photo on a reduced copy (pure and synchronous: callers run it in a worker thread)."""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, ImageOps

from bot import imaging
from bot.faces._types import Face, PhotoFaces
from bot.faces._yunet import library

DETECT_SIDE: Final = 320
"""Longest side of the copy the detector sees. YuNet finds faces from about 10 px, so a face a vendor can use (64 px
in a 1024 px image) is 20 px here; twice the side would cost four times the CPU (see the README's figures)."""
MIN_SCORE: Final = 0.6
"""Detector confidence (0..1) below which a detection is dropped; chosen on the labelled set (README)."""


def available() -> bool:
    """Whether this installation can detect faces at all."""
    return library() is not None


def detect(data: bytes, size: tuple[int, int] | None = None, *, min_score: float = MIN_SCORE) -> PhotoFaces | None:
    """The faces in the photo ``data``, largest first, in the coordinates of a ``size`` picture of the same photo
    (the original the person sent, when ``data`` is a smaller copy of it, such as Telegram's 320 or 800 px size);
    by default in ``data``'s own upright pixels. None when detection is not available here.

    Decodes at most what the reduced copy needs (``draft``). Raises ``imaging.ImageRejected`` for what is not
    an image or too big to open.
    """
    native = library()
    if native is None:
        return None
    imaging.probe(data)  # the header guards (not an image, decompression bombs) before any decode
    with Image.open(io.BytesIO(data)) as opened:
        opened.draft("RGB", (DETECT_SIDE, DETECT_SIDE))
        upright = ImageOps.exif_transpose(opened)
        if upright.mode.startswith("I"):  # 16/32-bit greyscale: Pillow's convert would clip it to white
            upright = upright.point(lambda v: v / 256 if upright.mode.startswith("I;16") else v).convert("L")
        picture = upright.convert("RGB")
    full = _upright_size(data) if size is None else size
    scale = DETECT_SIDE / max(picture.size)
    if scale < 1:
        small = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(small, Image.Resampling.BILINEAR, reducing_gap=2.0)
    found = native.detect(picture.tobytes("raw", "BGR"), picture.width, picture.height)
    sx, sy = full[0] / picture.width, full[1] / picture.height
    faces = [
        Face(x, y, w, h, score / 100).scaled(sx, sy, full)
        for score, x, y, w, h in found
        if score >= min_score * 100 and w > 0 and h > 0
    ]
    faces.sort(key=lambda face: (-face.area, face.x, face.y))
    return PhotoFaces(full[0], full[1], tuple(faces))


def _upright_size(data: bytes) -> tuple[int, int]:
    return imaging.probe(data).upright_size
