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

Pictures made to be shared (pure, like the rest): ``before_after`` (the photo and its result side by side),
``collage`` (several results, each labelled), ``add_mark`` (the operator's mark in a corner); ``can_draw`` says
whether the label font can write a text.

For Telegram itself, ``fit_for_telegram`` makes a result a photo that fits ``TELEGRAM_PHOTO_RULES`` (as it
is when it already does), or a document when no photo can show it (a side ratio over 20).

No human text lives here: ``ImageRejected`` carries a ``RejectReason`` and numbers, and the bot's
message layer turns them into words.
"""

from __future__ import annotations

from bot.imaging import _opening  # noqa: F401  (first: registers Pillow's plugins and the HEIF opener)
from bot.imaging._draw import draw_face_box
from bot.imaging._font import can_draw
from bot.imaging._prepare import choose_photo_size, prepare, probe
from bot.imaging._rules import (
    ACCUAUTH_RULES,
    ACEDATA_RULES,
    AILAB_RULES,
    MAX_DECODED_PIXELS,
    MAX_HEADER_PIXELS,
    MAX_INPUT_BYTES,
    MAX_INPUT_SIDE,
    QUALITY_STEPS,
    TELEGRAM_PHOTO_RULES,
    WORKING_SIDE,
    ImageInfo,
    ImageRejected,
    ImageRules,
    PreparedImage,
    RejectReason,
)
from bot.imaging._sharing import (
    DIVIDER_PX,
    SHARE_MAX_HEIGHT,
    SHARE_MAX_WIDTH,
    add_mark,
    before_after,
    collage,
    panel_widths,
    strip_height,
)
from bot.imaging._telegram import MAX_DOCUMENT_BYTES, TelegramUpload, fit_for_telegram

__all__ = [
    "ACCUAUTH_RULES",
    "ACEDATA_RULES",
    "AILAB_RULES",
    "DIVIDER_PX",
    "MAX_DECODED_PIXELS",
    "MAX_DOCUMENT_BYTES",
    "MAX_HEADER_PIXELS",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_SIDE",
    "QUALITY_STEPS",
    "SHARE_MAX_HEIGHT",
    "SHARE_MAX_WIDTH",
    "TELEGRAM_PHOTO_RULES",
    "WORKING_SIDE",
    "ImageInfo",
    "ImageRejected",
    "ImageRules",
    "PreparedImage",
    "RejectReason",
    "TelegramUpload",
    "add_mark",
    "before_after",
    "can_draw",
    "choose_photo_size",
    "collage",
    "draw_face_box",
    "fit_for_telegram",
    "panel_widths",
    "prepare",
    "probe",
    "strip_height",
]
