"""The Bot API's limits and vocabularies the fake enforces, the JSON shape everything is passed in, and the
error answers."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

#: A Bot API object (message, update, call parameters...) as a plain dict.
JSON: TypeAlias = dict[str, Any]

DEFAULT_TOKEN: Final = "123456:TEST-fake-token"

# Limits from the Bot API documentation (https://core.telegram.org/bots/api).
MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_PHOTO_UPLOAD_BYTES: Final = 10 * 1024 * 1024
MAX_DOCUMENT_UPLOAD_BYTES: Final = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES: Final = 20 * 1024 * 1024
MAX_PHOTO_DIMENSIONS_SUM: Final = 10_000
MAX_PHOTO_ASPECT_RATIO: Final = 20
#: Longest sides of the sizes Telegram keeps of a photo (types s, m, x, y); never larger than the original.
PHOTO_SIDES: Final = (90, 320, 800, 1280)
DOCUMENT_THUMBNAIL_SIDE: Final = 320

CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
#: getUpdates without allowed_updates delivers every type except these three.
OPT_IN_UPDATE_TYPES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
MEDIA_KEYS: Final = ("photo", "document", "video", "animation", "audio", "voice", "sticker", "video_note")
#: The message fields an edit can change (what ``wait_for_edit`` compares).
EDITABLE_KEYS: Final = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "reply_markup",
    "edit_date",
    "photo",
    "document",
    "has_media_spoiler",
)


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(
        self, status: int, description: str, *, retry_after: int | None = None, migrate_to_chat_id: int | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        parameters: JSON = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def bad(description: str) -> ApiError:
    """A 400 answer, worded as Telegram words it."""
    return ApiError(400, f"Bad Request: {description}")


def default_description(status: int, retry_after: int | None) -> str:
    if status == 429:
        return f"Too Many Requests: retry after {retry_after if retry_after is not None else 1}"
    return {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        409: "Conflict",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }.get(status, "Internal Server Error")


# ---- senders that are not people --------------------------------------------------------------------------

#: ``from`` of an anonymous group admin's message (``sender_chat`` is the group).
GROUP_ANONYMOUS_BOT: Final[JSON] = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
#: ``from`` of a message posted in a group as a channel (``sender_chat`` is the channel).
CHANNEL_BOT: Final[JSON] = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
#: ``from`` of a channel post forwarded automatically into its linked discussion group.
TELEGRAM_SERVICE: Final[JSON] = {"id": 777000, "is_bot": False, "first_name": "Telegram"}


# ---- flood limits -----------------------------------------------------------------------------------------

#: Methods that send messages: what Telegram's flood limits count.
_ALSO_SENDING: Final = frozenset({"copymessage", "copymessages", "forwardmessage", "forwardmessages"})


def is_sending(method: str) -> bool:
    lowered = method.lower()
    return (lowered.startswith("send") and lowered != "sendchataction") or lowered in _ALSO_SENDING


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's flood limits for sending messages, as token buckets (a burst, then a steady rate)."""

    chat_burst: float = 3  # any chat: 3 at once, then about 1 per second
    chat_per_second: float = 1.0
    group_burst: float = 20  # a group: 20 per minute
    group_per_second: float = 20 / 60
    overall_burst: float = 30  # the whole bot: 30 per second
    overall_per_second: float = 30.0


class FloodMeter:
    """The buckets of one bot. :meth:`take` counts a message, or says how long to wait (the 429's retry_after)."""

    def __init__(self, limits: FloodLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._buckets: dict[Any, tuple[float, float]] = {}  # key -> (tokens, when)

    def _level(self, key: Any, burst: float, rate: float, now: float) -> float:
        tokens, when = self._buckets.get(key, (burst, now))
        return min(burst, tokens + (now - when) * rate)

    def take(self, chat_id: int, *, group: bool) -> int | None:
        """None: the message may go (it is counted); else whole seconds to wait before one may."""
        now = self._clock()
        rules: list[tuple[Any, float, float]] = [("overall", self.limits.overall_burst, self.limits.overall_per_second)]
        rules.append((("chat", chat_id), self.limits.chat_burst, self.limits.chat_per_second))
        if group:
            rules.append((("group", chat_id), self.limits.group_burst, self.limits.group_per_second))
        levels = [(key, burst, rate, self._level(key, burst, rate, now)) for key, burst, rate in rules]
        short = [(1 - level) / rate for _key, _burst, rate, level in levels if level < 1]
        if short:
            return max(1, math.ceil(max(short)))
        for key, _burst, _rate, level in levels:
            self._buckets[key] = (level - 1, now)
        return None
