"""Pictures made to be shared: before / after side by side, a collage of several results, the operator's mark.

All three end as a metadata-free JPEG within ``TELEGRAM_PHOTO_RULES``. Sizes are exact and predictable (tests and
people rely on them): every panel is scaled to one common height (never upscaled: the lowest input's height, at
most ``SHARE_MAX_HEIGHT``), panels sit side by side with a ``DIVIDER_PX`` white divider between them, and the whole
is scaled down together only when it would be wider than ``SHARE_MAX_WIDTH``. Labels are drawn on a band over the
bottom of each panel (before / after) or on a strip under the panels (the collage), so the words never change
the panels' size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from PIL import Image, ImageDraw

from bot.imaging._convert import _render
from bot.imaging._encode import _encode_to_fit
from bot.imaging._font import Font, _font
from bot.imaging._geometry import _fit
from bot.imaging._opening import _info, _open
from bot.imaging._rules import TELEGRAM_PHOTO_RULES

DIVIDER_PX: Final = 4
"""The white line between two panels."""
SHARE_MAX_HEIGHT: Final = 1280
"""The panels' height at most (Telegram shows photos at most 1280 px on most devices)."""
SHARE_MAX_WIDTH: Final = 2560
"""The whole picture's width at most (Telegram shows no more than 2560 px)."""
_DIVIDER_COLOUR: Final = (255, 255, 255)
_STRIP_COLOUR: Final = (24, 24, 24)
_TEXT_COLOUR: Final = (255, 255, 255)
_SHADOW_COLOUR: Final = (0, 0, 0)


def before_after(original: bytes, result: bytes, labels: tuple[str, str]) -> bytes:
    """The original and the result side by side, at one height, a thin divider between, each with its label
    (in the person's language, from the caller) on a band over its bottom.

    Width = both panels at the common height + ``DIVIDER_PX``; height = the common height. Raises
    ``ImageRejected`` for a file that is not an image.
    """
    panels = [_picture(original), _picture(result)]
    sheet = _side_by_side(panels, strip=0)
    draw = ImageDraw.Draw(sheet)
    x = 0
    band = max(14, round(sheet.height / 18))
    font = _font(band * 2 // 3)
    for panel_width, label in zip(_widths(panels), labels, strict=True):
        draw.rectangle((x, sheet.height - band, x + panel_width - 1, sheet.height - 1), fill=_STRIP_COLOUR)
        _centred(draw, label, font, (x + panel_width // 2, sheet.height - band // 2))
        x += panel_width + DIVIDER_PX
    return _jpeg(sheet)


def collage(results: Sequence[bytes], labels: Sequence[str]) -> bytes:
    """Several results side by side at one height, each with its label (an age) written under it.

    Width = the panels at the common height + a divider between each two; height = the common height + a label
    strip (``strip_height``). Raises ``ImageRejected`` for a file that is not an image.
    """
    if not results or len(results) != len(labels):
        raise ValueError("a collage needs one label per result, and at least one result")
    panels = [_picture(data) for data in results]
    height = _common_height(panels)
    strip = strip_height(height)
    sheet = _side_by_side(panels, strip=strip)
    draw = ImageDraw.Draw(sheet)
    font = _font(strip * 3 // 5)
    x = 0
    panel_height = sheet.height - strip
    for panel_width, label in zip(_widths(panels), labels, strict=True):
        _centred(draw, label, font, (x + panel_width // 2, panel_height + strip // 2))
        x += panel_width + DIVIDER_PX
    return _jpeg(sheet)


def strip_height(panel_height: int) -> int:
    """The label strip under a collage's panels of this height."""
    return max(20, round(panel_height / 10))


def add_mark(data: bytes, text: str) -> bytes:
    """The picture with ``text`` drawn small in its bottom-right corner (white with a dark outline, readable on
    any photo). Returns a JPEG within ``TELEGRAM_PHOTO_RULES`` (at most ``SHARE_MAX_WIDTH`` on its longer side)."""
    with _open(data) as im:
        info = _info(im)
        picture = _render(im, info, _fit(info.width, info.height, TELEGRAM_PHOTO_RULES, max_side=SHARE_MAX_WIDTH))
    size = max(10, round(min(picture.size) / 32))
    font = _font(size)
    draw = ImageDraw.Draw(picture)
    margin = max(4, size // 2)
    _, _, right, bottom = draw.textbbox((0, 0), text, font=font, stroke_width=max(1, size // 10))
    position = (picture.width - margin - right, picture.height - margin - bottom)
    draw.text(
        position,
        text,
        font=font,
        fill=_TEXT_COLOUR,
        stroke_width=max(1, size // 10),
        stroke_fill=_SHADOW_COLOUR,
    )
    return _jpeg(picture)


def _picture(data: bytes) -> Image.Image:
    """Decoded, upright, RGB, at most ``SHARE_MAX_WIDTH`` on its longer side (JPEGs decode straight to that)."""
    with _open(data) as im:
        info = _info(im)
        return _render(im, info, _fit(info.width, info.height, TELEGRAM_PHOTO_RULES, max_side=SHARE_MAX_WIDTH))


def _common_height(panels: Sequence[Image.Image]) -> int:
    """The height every panel gets: the lowest one's (never upscaled), at most ``SHARE_MAX_HEIGHT``, lower still
    when the panels side by side would be wider than ``SHARE_MAX_WIDTH``."""
    height = min(SHARE_MAX_HEIGHT, *(panel.height for panel in panels))
    ratio = sum(panel.width / panel.height for panel in panels)
    room = SHARE_MAX_WIDTH - DIVIDER_PX * (len(panels) - 1)
    return max(1, min(height, math.floor(room / ratio)))


def panel_widths(sizes: Sequence[tuple[int, int]], height: int) -> list[int]:
    """Each panel's width at ``height`` (its aspect kept, rounded)."""
    return [max(1, round(width * height / panel_height)) for width, panel_height in sizes]


def _side_by_side(panels: Sequence[Image.Image], *, strip: int) -> Image.Image:
    height = _common_height(panels)
    widths = panel_widths([panel.size for panel in panels], height)
    width = sum(widths) + DIVIDER_PX * (len(panels) - 1)
    sheet = Image.new("RGB", (width, height + strip), _DIVIDER_COLOUR if strip == 0 else _STRIP_COLOUR)
    x = 0
    for panel, panel_width in zip(panels, widths, strict=True):
        scaled = (
            panel
            if panel.size == (panel_width, height)
            else panel.resize((panel_width, height), Image.Resampling.LANCZOS)
        )
        sheet.paste(scaled, (x, 0))
        if x:  # the divider, also across the label strip
            sheet.paste(_DIVIDER_COLOUR, (x - DIVIDER_PX, 0, x, height + strip))
        x += panel_width + DIVIDER_PX
    return sheet


def _widths(panels: Sequence[Image.Image]) -> list[int]:
    return panel_widths([panel.size for panel in panels], _common_height(panels))


def _centred(draw: ImageDraw.ImageDraw, text: str, font: Font, centre: tuple[int, int]) -> None:
    draw.text(centre, text, font=font, fill=_TEXT_COLOUR, anchor="mm")


def _jpeg(picture: Image.Image) -> bytes:
    data, _ = _encode_to_fit(picture, TELEGRAM_PHOTO_RULES, None)
    return data
