"""The typeface for labels and the operator's mark.

DejaVu Sans (Latin, Cyrillic, Greek, Arabic and Persian, with the shaping Pillow's raqm layout gives them) from
the system: the Docker image installs ``fonts-dejavu-core``. Without it, Pillow's own font (Latin only). A text
the font cannot draw (Devanagari in DejaVu, Cyrillic in Pillow's font) is known by :func:`can_draw`, so the
caller can choose words it can.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont | ImageFont.TransposedFont

_CANDIDATES: Final = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",  # Fedora, Alpine
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",  # Arch
)
_MISSING: Final = "\U0010fffd"  # a private-use code point no font draws: what a missing glyph looks like


@functools.cache
def _font_path() -> str | None:
    return next((path for path in _CANDIDATES if Path(path).is_file()), None)


@functools.lru_cache(maxsize=32)
def _font(size: int) -> Font:
    """The label font at ``size`` pixels (cached: fonts are immutable, so threads may share them)."""
    path = _font_path()
    if path is not None:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def can_draw(text: str) -> bool:
    """Whether the label font has a glyph for every visible character of ``text``."""
    font = _font(24)
    missing = _glyph(font, _MISSING)
    return all(_glyph(font, char) != missing for char in set(text) if not char.isspace())


def _glyph(font: Font, char: str) -> bytes:
    """The pixels of one character, drawn alone (a missing glyph draws the font's "missing" box)."""
    canvas = Image.new("L", (40, 40))
    ImageDraw.Draw(canvas).text((4, 4), char, font=font, fill=255)
    return canvas.tobytes()
