"""Drawing the found face's box on the photo, for the user to see."""

from __future__ import annotations

from typing import Final

from PIL import ImageDraw

from bot.imaging._convert import _render, _rgb_icc_profile
from bot.imaging._encode import _encode_to_fit
from bot.imaging._geometry import _clamp, _target_size
from bot.imaging._opening import _info, _open
from bot.imaging._rules import TELEGRAM_PHOTO_RULES

_ANNOTATED_MAX_SIDE: Final = 2560
"""Longest side of ``draw_face_box`` output: Telegram shows photos at most 2560 px, larger is waste."""
_BOX_COLOUR: Final = (0, 255, 0)


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
