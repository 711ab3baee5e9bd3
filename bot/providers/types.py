"""Plain values passed between the vendor clients and the rest of the bot (no Telegram, no HTTP types)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True, slots=True)
class FaceBox:
    """A face rectangle in pixels: top-left corner and size."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class ResultImage:
    """An image a vendor produced, already checked to decode as an image."""

    data: bytes
    content_type: str
    width: int
    height: int
    vendor: str | None = None  # who made it (set by the router: after a fallback it is the second vendor)


@dataclass(frozen=True, slots=True)
class GenderVerdict:
    gender: Gender
    confidence: float
    beard: bool
    beard_confidence: float
    face_box: FaceBox | None
