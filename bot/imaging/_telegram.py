"""Fitting a result to what Telegram takes: a photo within ``TELEGRAM_PHOTO_RULES`` when one can show it,
else the file as a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from bot.imaging._opening import _info, _open
from bot.imaging._prepare import prepare
from bot.imaging._rules import TELEGRAM_PHOTO_RULES, ImageRejected
from bot.imaging._sniff import sniff

MAX_DOCUMENT_BYTES: Final = 50_000_000
"""Bot API sendDocument: files up to 50 MB."""

_CONTENT_TYPES: Final = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "heif": "image/heic",
}


@dataclass(frozen=True, slots=True)
class TelegramUpload:
    """A result as it will be sent: ``as_photo`` (sendPhoto) or as a document (sendDocument)."""

    data: bytes = field(repr=False)
    as_photo: bool
    content_type: str
    width: int | None = None
    height: int | None = None

    @property
    def file_name(self) -> str:
        """A name for the document (Telegram shows it; the extension tells the person's device what it is)."""
        extension = next((kind for kind, mime in _CONTENT_TYPES.items() if mime == self.content_type), "bin")
        return f"faceshift.{'jpg' if extension == 'jpeg' else extension}"


def fit_for_telegram(data: bytes) -> TelegramUpload:
    """``data`` (a vendor's result) made fit for Telegram. Never raises for an image it cannot fit.

    - Already a photo Telegram takes (JPEG or PNG, at most 10 MB, width + height <= 10000, side ratio <= 20):
      the bytes as they are.
    - Otherwise, when a photo can show it (the side ratio is within 20): scaled down and re-encoded as a JPEG
      that fits (``prepare`` with ``TELEGRAM_PHOTO_RULES``: e.g. a 12 MB PNG, or 9000x3000).
    - Otherwise (a side ratio over 20, such as 13000x400, or a file ``prepare`` refuses): the original bytes as
      a document, which Telegram takes up to 50 MB whatever their shape. Whether one that big gets through is
      Telegram's to say: the caller treats its refusal as a result that cannot be delivered.
    """
    rules = TELEGRAM_PHOTO_RULES
    try:
        with _open(data) as im:
            info = _info(im)
    except ImageRejected:
        return _document(data, None, None)
    width, height = info.width, info.height
    within = (
        width + height <= (rules.max_dimension_sum or width + height)
        and max(width, height) <= (rules.max_aspect or 1.0) * min(width, height)
        and max(width, height) <= rules.max_side
    )
    if info.format in rules.formats and info.frames == 1 and len(data) <= rules.max_bytes and within:
        return TelegramUpload(data, True, _CONTENT_TYPES[info.format.lower()], width, height)
    try:
        fitted = prepare(data, rules)
    except ImageRejected:
        return _document(data, width, height)
    return TelegramUpload(fitted.data, True, fitted.content_type, fitted.width, fitted.height)


def _document(data: bytes, width: int | None, height: int | None) -> TelegramUpload:
    content_type = _CONTENT_TYPES.get(sniff(data) or "", "application/octet-stream")
    return TelegramUpload(data, False, content_type, width, height)
