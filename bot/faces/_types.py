"""The faces found in one photo, as plain values that travel with a request (JSON) and to the vendors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

MIN_FACE: Final = 64
"""Shorter side, in pixels of the image a vendor receives, below which a face is not offered: AILabTools documents
64x64 px."""
MIN_FACE_FOR: Final = {"ailab": 64, "acedata": 32, "accuauth": 32}
"""The same per vendor. Ace and AccuAuth document no minimum; 32 px is where the detector's own boxes become
unreliable (and AccuAuth gets a crop of at least 128 px around the face anyway)."""

VENDOR_SIDE: Final = 1024
"""The least long side of the image a vendor receives from a photo at least this large (``imaging.WORKING_SIDE``:
jobs download the smallest photo size that reaches it). ``usable`` measures faces at this scale."""


@dataclass(frozen=True, slots=True)
class Face:
    """A face's box (top-left corner and size) in pixels of its photo, and the detector's confidence (0..1)."""

    x: int
    y: int
    width: int
    height: int
    score: float

    @property
    def corners(self) -> tuple[int, int, int, int]:
        """(x1, y1, x2, y2)."""
        return (self.x, self.y, self.x + self.width, self.y + self.height)

    @property
    def area(self) -> int:
        return self.width * self.height

    def scaled(self, sx: float, sy: float, bounds: tuple[int, int]) -> Face:
        """The same face in an image whose sides are ``sx`` and ``sy`` times as long, clamped to ``bounds``."""
        x1 = max(0, min(bounds[0] - 1, round(self.x * sx)))
        y1 = max(0, min(bounds[1] - 1, round(self.y * sy)))
        x2 = max(x1 + 1, min(bounds[0], round((self.x + self.width) * sx)))
        y2 = max(y1 + 1, min(bounds[1], round((self.y + self.height) * sy)))
        return Face(x1, y1, x2 - x1, y2 - y1, self.score)


@dataclass(frozen=True, slots=True)
class PhotoFaces:
    """The faces of one photo, largest first, in the coordinates of a ``width`` x ``height`` picture of it (the
    photo as the person sent it, upright). Any other size of the same photo gets them with :meth:`fitted`."""

    width: int
    height: int
    faces: tuple[Face, ...]

    def fitted(self, width: int, height: int) -> tuple[Face, ...]:
        """The faces in a ``width`` x ``height`` copy of the photo (the one a vendor receives)."""
        if (width, height) == (self.width, self.height):
            return self.faces
        sx, sy = width / self.width, height / self.height
        return tuple(face.scaled(sx, sy, (width, height)) for face in self.faces)

    def usable(self, min_face: int = MIN_FACE) -> PhotoFaces:
        """Only the faces a vendor can work on: at least ``min_face`` px on the shorter side in the image it
        receives (this photo scaled to ``VENDOR_SIDE``, or as it is when smaller)."""
        scale = min(1.0, VENDOR_SIDE / max(self.width, self.height))
        kept = tuple(face for face in self.faces if min(face.width, face.height) * scale >= min_face)
        return PhotoFaces(self.width, self.height, kept)

    def to_json(self) -> str:
        faces = [[f.x, f.y, f.width, f.height, round(f.score, 3)] for f in self.faces]
        return json.dumps({"w": self.width, "h": self.height, "faces": faces}, separators=(",", ":"))

    @classmethod
    def from_param(cls, value: object) -> PhotoFaces | None:
        """The faces a job's parameter holds (``to_json`` text), or None when it holds none."""
        return cls.from_json(value) if isinstance(value, str) and value else None

    @classmethod
    def from_json(cls, text: str) -> PhotoFaces:
        raw: Any = json.loads(text)
        faces = tuple(Face(int(x), int(y), int(w), int(h), float(s)) for x, y, w, h, s in raw["faces"])
        return cls(int(raw["w"]), int(raw["h"]), faces)
