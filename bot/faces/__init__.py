"""Faces: finding them in a photo, showing them numbered for a choice, and the image work a chosen face needs.

Everything here is pure and synchronous (callers run it in a worker thread). The detector is YuNet
(libfacedetection) as the ``yuface`` wheel ships it, run on a copy of at most ``DETECT_SIDE`` px: about 8 ms of CPU
per photo on one core. Boxes come back in the coordinates of the photo as the person sent it, largest face first.
"""

from __future__ import annotations

from bot.faces._crops import FEATHER, MARGIN, Crop, blend, blend_back, crop_around, crop_box, feather_mask
from bot.faces._detect import DETECT_SIDE, MIN_SCORE, available, detect
from bot.faces._preview import PREVIEW_SIDE, numbered_preview
from bot.faces._types import MIN_FACE, MIN_FACE_FOR, VENDOR_SIDE, Face, PhotoFaces

__all__ = [
    "DETECT_SIDE",
    "FEATHER",
    "MARGIN",
    "MIN_FACE",
    "MIN_FACE_FOR",
    "MIN_SCORE",
    "PREVIEW_SIDE",
    "VENDOR_SIDE",
    "Crop",
    "Face",
    "PhotoFaces",
    "available",
    "blend",
    "blend_back",
    "crop_around",
    "crop_box",
    "detect",
    "feather_mask",
    "numbered_preview",
]
