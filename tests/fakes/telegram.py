"""A fake Telegram Bot API server, plus a driver that lets tests play the people who talk to the bot.

Why a fake server rather than mocks: the bot under test talks HTTP to ``base_url`` exactly as it would talk
to api.telegram.org, so tests exercise python-telegram-bot's real request encoding (form bodies, multipart
uploads, ``attach://`` URIs), its error mapping (``RetryAfter``, ``Forbidden``, ``BadRequest``) and its
long-polling loop, and the fake enforces the rules Telegram enforces (privacy mode, 64-byte callback data,
"message is not modified", file size limits...).

Typical use::

    async with FakeTelegram.running(token="123:ABC", bot_username="faceshift_bot") as tg:
        # the bot under test: base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot"
        alice = tg.user(id=1001, first_name="Alice", username="alice")
        dm = tg.private_chat(alice)
        await alice.send_text(dm, "/start")
        hello = await tg.wait_for_bot_message(dm)
        query_id = await alice.press(hello, "Older")
        await tg.wait_for_callback_answer(query_id)

Everything the fake returns to tests (messages, updates, call parameters) is a plain ``dict`` shaped exactly
as the Bot API shapes it, so a test can pass it to ``telegram.Message.de_json`` when it wants objects.

All state lives in one event loop (the test's), so handlers mutate it without locks; every wait is driven by
one change signal (fired on every state change) and bounded by a timeout that fails with the transcript.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import hmac
import html
import io
import itertools
import json
import mimetypes
import re
import time
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, TypeAlias, TypeVar

import httpx
from PIL import Image, ImageOps, UnidentifiedImageError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .server import serve

__all__ = [
    "ApiCall",
    "ApiError",
    "CallbackAnswer",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "MessageLike",
    "StoredFile",
    "UpdateQueue",
    "UploadedFile",
    "WebhookState",
    "as_dict",
    "detect_entities",
    "parse_formatted_text",
    "render_photo_sizes",
    "utf16_len",
]

JSON: TypeAlias = dict[str, Any]
T = TypeVar("T")

DEFAULT_TOKEN: Final = "123456:TEST-fake-token"

# Limits from the Bot API documentation (https://core.telegram.org/bots/api).
MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_PHOTO_UPLOAD_BYTES: Final = 10 * 1024 * 1024
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES: Final = 20 * 1024 * 1024
MAX_PHOTO_DIMENSIONS_SUM: Final = 10_000
MAX_PHOTO_ASPECT_RATIO: Final = 20
#: Longest sides of the sizes Telegram keeps of a photo (types s, m, x, y); never larger than the original.
PHOTO_SIDES: Final = (90, 320, 800, 1280)
DOCUMENT_THUMBNAIL_SIDE: Final = 320

_CHAT_ACTIONS: Final = frozenset(
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
# getUpdates without allowed_updates delivers every type except these three.
_OPT_IN_UPDATE_TYPES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_MEDIA_KEYS: Final = ("photo", "document", "video", "animation", "audio", "voice", "sticker", "video_note")
_EDITABLE_KEYS: Final = (
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

# Form bodies carry every value as a string; these fields are converted back so that ``ApiCall.params``
# looks the same whether the client sent JSON, a urlencoded form or multipart.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "media",
        "allowed_updates",
        "link_preview_options",
        "message_ids",
        "menu_button",
        "rights",
        "reaction",
    }
)
_INT_FIELDS: Final = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "cache_time",
        "max_connections",
        "until_date",
        "duration",
        "width",
        "height",
    }
)
_BOOL_FIELDS: Final = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "drop_pending_updates",
        "has_spoiler",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "is_personal",
    }
)
_INT_RE: Final = re.compile(r"-?\d+")


# ----------------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------------


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _default_description(status: int, retry_after: int | None) -> str:
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


# ----------------------------------------------------------------------------------------------------
# Text: UTF-16 offsets, automatic entities, parse modes
# ----------------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of every ``offset``/``length`` in Bot API entities."""
    return len(text.encode("utf-16-le")) // 2


# A command starts at the beginning of the text or after whitespace; ``/cmd@bot`` is one entity.
_COMMAND_RE: Final = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
# A mention is not glued to a word (so ``/cmd@bot`` and ``me@example`` are not mentions).
_MENTION_RE: Final = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}\b")


def detect_entities(text: str) -> list[JSON]:
    """The ``bot_command`` and ``mention`` entities Telegram attaches to a text or caption a person sends."""
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), "bot_command") for m in _COMMAND_RE.finditer(text)]
    found += [(m.start(), m.end(), "mention") for m in _MENTION_RE.finditer(text)]
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]


def entity_text(text: str, entity: Mapping[str, Any]) -> str:
    """The slice of ``text`` an entity covers (entity offsets count UTF-16 code units)."""
    encoded = text.encode("utf-16-le")
    start = int(entity["offset"]) * 2
    return encoded[start : start + int(entity["length"]) * 2].decode("utf-16-le")


class _TextBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.len16 = 0

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.len16 += utf16_len(chunk)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Open:
    name: str
    start: int
    byte_offset: int
    entity: JSON | None


def _entities_error(detail: str) -> ApiError:
    return _bad(f"can't parse entities: {detail}")


def _close_entity(opened: _Open, builder: _TextBuilder, entities: list[JSON]) -> None:
    length = builder.len16 - opened.start
    if opened.entity is not None and length > 0:
        entities.append({**opened.entity, "offset": opened.start, "length": length})


_HTML_TAG_RE: Final = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_HTML_ATTR_RE: Final = re.compile(r"""([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HTML_ENTITY_RE: Final = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")
_HTML_SIMPLE: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}


def _parse_html(source: str) -> tuple[str, list[JSON]]:
    builder = _TextBuilder()
    entities: list[JSON] = []
    stack: list[_Open] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            byte_offset = len(source[:i].encode())
            match = _HTML_TAG_RE.match(source, i)
            if match is None:
                raise _entities_error(f'Unsupported start tag "" at byte offset {byte_offset}')
            closing, name, raw_attrs = match.group(1), match.group(2).lower(), match.group(3)
            attrs = {
                m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                for m in _HTML_ATTR_RE.finditer(raw_attrs)
            }
            if closing:
                if not stack:
                    raise _entities_error(f"Unexpected end tag at byte offset {byte_offset}")
                opened = stack.pop()
                if opened.name != name:
                    raise _entities_error(
                        f'Unmatched end tag at byte offset {byte_offset}, expected "</{opened.name}>", '
                        f'found "</{name}>"'
                    )
                _close_entity(opened, builder, entities)
            else:
                entity: JSON | None
                if name in _HTML_SIMPLE:
                    entity = {"type": _HTML_SIMPLE[name]}
                    language = attrs.get("class", "")
                    if name == "code" and language.startswith("language-") and stack and stack[-1].name == "pre":
                        # <pre><code class="language-x"> is one pre entity with a language.
                        pre_entity = stack[-1].entity
                        if pre_entity is not None:
                            pre_entity["language"] = language.removeprefix("language-")
                        entity = None
                elif name == "span":
                    if attrs.get("class") != "tg-spoiler":
                        raise _entities_error(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}')
                    entity = {"type": "spoiler"}
                elif name == "a":
                    href = attrs.get("href")
                    entity = {"type": "text_link", "url": href} if href else None
                elif name == "blockquote":
                    entity = {"type": "expandable_blockquote" if "expandable" in raw_attrs else "blockquote"}
                elif name == "tg-emoji":
                    emoji_id = attrs.get("emoji-id")
                    if not emoji_id:
                        raise _entities_error(
                            f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {byte_offset}'
                        )
                    entity = {"type": "custom_emoji", "custom_emoji_id": emoji_id}
                else:
                    raise _entities_error(f'Unsupported start tag "{name}" at byte offset {byte_offset}')
                stack.append(_Open(name, builder.len16, byte_offset, entity))
            i = match.end()
        elif char == "&":
            match = _HTML_ENTITY_RE.match(source, i)
            if match is None:
                builder.add("&")
                i += 1
            else:
                builder.add(html.unescape(match.group(0)))
                i = match.end()
        elif char == ">":
            builder.add(">")
            i += 1
        else:
            # copy the run of plain characters in one go
            end = i
            while end < len(source) and source[end] not in "<&>":
                end += 1
            builder.add(source[i:end])
            i = end
    if stack:
        raise _entities_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return builder.text(), entities


_MDV2_RESERVED: Final = frozenset("_*[]()~`>#+-=|{}.!")
_MD_ENTITY_NAMES: Final = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
}


def _parse_markdown_v2(source: str) -> tuple[str, list[JSON]]:
    builder = _TextBuilder()
    entities: list[JSON] = []
    stack: list[_Open] = []
    n = len(source)

    def byte_at(index: int) -> int:
        return len(source[:index].encode())

    def toggle(kind: str, index: int) -> None:
        if stack and stack[-1].name == kind:
            _close_entity(stack.pop(), builder, entities)
        elif any(opened.name == kind for opened in stack):
            opened = next(o for o in stack if o.name == kind)
            raise _entities_error(
                f"Can't find end of {_MD_ENTITY_NAMES[kind]} entity at byte offset {opened.byte_offset}"
            )
        else:
            stack.append(_Open(kind, builder.len16, byte_at(index), {"type": kind}))

    i = 0
    while i < n:
        char = source[i]
        top = stack[-1] if stack else None
        if char == "\\" and i + 1 < n and 0 < ord(source[i + 1]) < 127:
            builder.add(source[i + 1])
            i += 2
            continue
        if top is not None and top.name in ("code", "pre"):
            if top.name == "pre" and source.startswith("```", i):
                _close_entity(stack.pop(), builder, entities)
                i += 3
            elif top.name == "code" and char == "`":
                _close_entity(stack.pop(), builder, entities)
                i += 1
            else:
                builder.add(char)
                i += 1
            continue
        if source.startswith("```", i):
            entity: JSON = {"type": "pre"}
            start = i + 3
            newline = source.find("\n", start)
            first_line = source[start:newline] if newline != -1 else ""
            if newline != -1 and (not first_line or not any(c.isspace() for c in first_line)):
                if first_line:
                    entity["language"] = first_line
                start = newline + 1
            stack.append(_Open("pre", builder.len16, byte_at(i), entity))
            i = start
        elif char == "`":
            stack.append(_Open("code", builder.len16, byte_at(i), {"type": "code"}))
            i += 1
        elif char == "*":
            toggle("bold", i)
            i += 1
        elif char == "_":
            if source.startswith("__", i):
                toggle("underline", i)
                i += 2
            else:
                toggle("italic", i)
                i += 1
        elif char == "~":
            toggle("strikethrough", i)
            i += 1
        elif char == "|" and source.startswith("||", i):
            toggle("spoiler", i)
            i += 2
        elif char == "[":
            stack.append(_Open("text_link", builder.len16, byte_at(i), {"type": "text_link"}))
            i += 1
        elif char == "]" and top is not None and top.name == "text_link" and source.startswith("(", i + 1):
            j = i + 2
            url: list[str] = []
            while j < n and source[j] != ")":
                if source[j] == "\\" and j + 1 < n:
                    url.append(source[j + 1])
                    j += 2
                else:
                    url.append(source[j])
                    j += 1
            if j >= n:
                raise _entities_error(f"Can't find end of a url at byte offset {byte_at(i + 1)}")
            opened = stack.pop()
            if opened.entity is not None:
                opened.entity["url"] = "".join(url)
            _close_entity(opened, builder, entities)
            i = j + 1
        elif char == ">" and (i == 0 or source[i - 1] == "\n"):
            i += 1  # block quote marker: kept as plain text without an entity in this fake
        elif char in _MDV2_RESERVED:
            raise _entities_error(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        else:
            builder.add(char)
            i += 1
    if stack:
        opened = stack[-1]
        raise _entities_error(
            f"Can't find end of {_MD_ENTITY_NAMES[opened.name]} entity at byte offset {opened.byte_offset}"
        )
    return builder.text(), entities


def _parse_markdown_legacy(source: str) -> tuple[str, list[JSON]]:
    builder = _TextBuilder()
    entities: list[JSON] = []
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    i = 0
    n = len(source)
    while i < n:
        char = source[i]
        byte_offset = len(source[:i].encode())
        if char == "\\" and i + 1 < n and source[i + 1] in "_*`[":
            builder.add(source[i + 1])
            i += 2
        elif source.startswith("```", i):
            end = source.find("```", i + 3)
            if end == -1:
                raise _entities_error(f"Can't find end of the entity starting at byte offset {byte_offset}")
            body = source[i + 3 : end]
            entity: JSON = {"type": "pre"}
            first_line, newline, rest = body.partition("\n")
            if newline and first_line and not any(c.isspace() for c in first_line):
                entity["language"] = first_line
                body = rest
            start = builder.len16
            builder.add(body)
            if body:
                entities.append({**entity, "offset": start, "length": builder.len16 - start})
            i = end + 3
        elif char in kinds:
            end = source.find(char, i + 1)
            if end == -1:
                raise _entities_error(f"Can't find end of the entity starting at byte offset {byte_offset}")
            start = builder.len16
            builder.add(source[i + 1 : end])
            if end > i + 1:
                entities.append({"type": kinds[char], "offset": start, "length": builder.len16 - start})
            i = end + 1
        elif char == "[" and (close := source.find("](", i)) != -1 and (end := source.find(")", close)) != -1:
            start = builder.len16
            builder.add(source[i + 1 : close])
            entities.append(
                {
                    "type": "text_link",
                    "offset": start,
                    "length": builder.len16 - start,
                    "url": source[close + 2 : end],
                }
            )
            i = end + 1
        else:
            builder.add(char)
            i += 1
    return builder.text(), entities


def _strip_text(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Telegram trims leading and trailing whitespace from texts and captions; entities move with the text."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    kept: list[JSON] = []
    for entity in entities:
        start = max(int(entity["offset"]) - shift, 0)
        end = min(int(entity["offset"]) + int(entity["length"]) - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def parse_formatted_text(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    """Turn ``text`` sent with ``parse_mode`` into Telegram's plain text and entities, or raise ApiError 400.

    Supports ``HTML``, ``MarkdownV2`` and legacy ``Markdown`` closely enough to catch the classic bugs (an
    unescaped ``<`` from a user's name in HTML, an unescaped ``.`` in MarkdownV2) with Telegram's wording.
    """
    if not parse_mode:
        entities: list[JSON] = []
        plain = text
    else:
        mode = parse_mode.lower()
        if mode == "html":
            plain, entities = _parse_html(text)
        elif mode == "markdownv2":
            plain, entities = _parse_markdown_v2(text)
        elif mode == "markdown":
            plain, entities = _parse_markdown_legacy(text)
        else:
            raise _bad("unsupported parse_mode")
    entities.sort(key=lambda e: (int(e["offset"]), -int(e["length"])))
    return _strip_text(plain, entities)


# ----------------------------------------------------------------------------------------------------
# Photos
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    """One JPEG size of a photo."""

    data: bytes
    width: int
    height: int


def render_photo_sizes(data: bytes) -> tuple[tuple[int, int], list[Rendition]]:
    """Decode an image and re-encode it the way Telegram stores a photo: returns (original size, renditions).

    Renditions are JPEGs whose longest side is 90, 320, 800 and 1280 px (only those smaller than the
    original), followed by one at the original size capped at 1280; smallest first, largest last. EXIF
    orientation is applied, as Telegram does. Raises ValueError when the bytes are not a decodable image.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    original = image.size
    longest = max(original)
    sides = sorted({side for side in PHOTO_SIDES if side < longest} | {min(longest, PHOTO_SIDES[-1])}, reverse=True)
    renditions: list[Rendition] = []
    current = image
    for side in sides:  # largest first, each one scaled down from the previous one
        if max(current.size) > side:
            current = current.copy()
            current.thumbnail((side, side), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        current.save(buffer, "JPEG", quality=87)
        renditions.append(Rendition(buffer.getvalue(), current.width, current.height))
    renditions.reverse()
    return original, renditions


# ----------------------------------------------------------------------------------------------------
# Records kept by the fake
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, as received."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"UploadedFile({self.field!r}, {self.filename!r}, {self.content_type!r}, {len(self.data)} bytes)"


@dataclass(eq=False)
class StoredFile:
    """A file Telegram holds: its ids, path for downloads and bytes."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    data: bytes = field(repr=False)
    file_path: str
    width: int | None = None
    height: int | None = None
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.data)

    def photo_size(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "width": self.width,
            "height": self.height,
        }

    def file_info(self) -> JSON:
        """The ``File`` object getFile answers (``file_path`` relative, as Telegram sends it)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request the bot made, with its parameters decoded to Python values."""

    method: str
    params: JSON
    files: dict[str, UploadedFile]
    time: float  # time.monotonic() when the answer was sent
    status: int
    result: Any
    description: str | None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a callback query."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
    time: float


@dataclass
class WebhookState:
    """What setWebhook/deleteWebhook last recorded."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int | None = None
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    #: The last failed delivery, as getWebhookInfo reports it (Unix time, and Telegram's wording).
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class _Fault:
    method: str  # lower-cased method name, or "*" for any method but getUpdates
    status: int
    description: str
    retry_after: int | None
    remaining: int


@dataclass
class _QueryState:
    from_user_id: int
    answered: bool = False
    expired: bool = False


@dataclass(eq=False)
class _Entry:
    """A message in a chat's transcript (the dict is the live, edited version)."""

    message: JSON
    from_bot: bool
    deleted: bool = False
    version: int = 0
    update_id: int | None = None


@dataclass(eq=False)
class FakeChat:
    """A chat: private (id = the user's id) or a group/supergroup (negative id)."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    #: Privacy mode: the bot only sees commands, replies to it, mentions of it and service messages.
    privacy: bool = True
    bot_is_admin: bool = False
    bot_removed: bool = False
    topics: set[int] = field(default_factory=set)

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    def to_api(self) -> JSON:
        chat: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "last_name", "username"):
            value = getattr(self, key)
            if value is not None:
                chat[key] = value
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def describe(self) -> str:
        name = self.title or self.first_name or ""
        return f"{self.type} chat {name!r} ({self.id})"


class SupportsToDict(Protocol):
    """A python-telegram-bot object (``Message``, ``Update``): the driver accepts those as well as dicts."""

    def to_dict(self) -> dict[str, Any]: ...


ChatLike: TypeAlias = "FakeChat | FakeUser | int"
MessageLike: TypeAlias = "Mapping[str, Any] | SupportsToDict"
MessageRef: TypeAlias = "MessageLike | int"


def as_dict(message: MessageLike) -> Mapping[str, Any]:
    """A Bot API dict for a dict or a python-telegram-bot object."""
    return message if isinstance(message, Mapping) else message.to_dict()


@dataclass(eq=False)
class FakeUser:
    """A person. Its async methods make that person act in a chat; each returns what Telegram stored."""

    tg: FakeTelegram = field(repr=False)
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_premium: bool | None = None

    def to_api(self) -> JSON:
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code", "is_premium"):
            value = getattr(self, key)
            if value is not None:
                user[key] = value
        return user

    async def send_text(
        self,
        chat: ChatLike,
        text: str,
        *,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """Send a text message (``bot_command``/``mention`` entities are detected unless given)."""
        if not text.strip():
            raise ValueError("Telegram clients do not send empty messages")
        content: JSON = {"text": text}
        found = detect_entities(text) if entities is None else entities
        if found:
            content["entities"] = found
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id)

    async def send_photo(
        self,
        chat: ChatLike,
        data: bytes,
        *,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        has_spoiler: bool = False,
    ) -> JSON:
        """Send a photo (compressed by the client): several JPEG sizes, largest last."""
        sizes = await self.tg._store_user_photo(data)
        content: JSON = {"photo": sizes, **_caption_content(caption)}
        if has_spoiler:
            content["has_media_spoiler"] = True
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id)

    async def send_document(
        self,
        chat: ChatLike,
        data: bytes,
        *,
        file_name: str = "file.bin",
        mime_type: str | None = None,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        """Send a file uncompressed (e.g. an image "as a file"); images get a thumbnail as Telegram makes."""
        document = await self.tg._store_document(data, file_name=file_name, mime_type=mime_type)
        content: JSON = {"document": document, **_caption_content(caption)}
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id)

    async def send_album(
        self,
        chat: ChatLike,
        photos: Sequence[bytes],
        *,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
    ) -> list[JSON]:
        """Send 2-10 photos as an album: one message (and update) each, sharing ``media_group_id``.

        The caption goes on the first photo, as Telegram clients do, so in a privacy-mode group only that
        first message reaches the bot.
        """
        if not 2 <= len(photos) <= 10:
            raise ValueError("an album holds 2 to 10 items")
        all_sizes = [await self.tg._store_user_photo(data) for data in photos]
        group_id = self.tg._new_media_group_id()
        messages = []
        for index, sizes in enumerate(all_sizes):
            content: JSON = {"media_group_id": group_id, "photo": sizes}
            if index == 0:
                content.update(_caption_content(caption))
            messages.append(self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id))
        return messages

    async def send_message(
        self,
        chat: ChatLike,
        content: Mapping[str, Any],
        *,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        """Send any other kind of message, given its content fields (e.g. ``{"sticker": {...}}``)."""
        return self.tg._post_user_message(self, chat, dict(content), reply_to=reply_to, thread_id=thread_id)

    async def edit_text(self, message: MessageLike, text: str) -> JSON:
        """Edit this person's text message; the bot gets an ``edited_message`` update if it may see it."""
        return self.tg._edit_user_message(self, message, text)

    async def press(self, message: MessageLike, button: str) -> str:
        """Press an inline button (matched by its text or callback_data); returns the callback query id."""
        return self.tg._press(self, message, button)

    async def join(self, group: ChatLike) -> JSON:
        """Join a group: a ``new_chat_members`` service message (always delivered)."""
        return self.tg._post_user_message(
            self, group, {"new_chat_members": [self.to_api()]}, reply_to=None, thread_id=None
        )


def _caption_content(caption: str | None) -> JSON:
    if not caption:
        return {}
    content: JSON = {"caption": caption}
    entities = detect_entities(caption)
    if entities:
        content["caption_entities"] = entities
    return content


# ----------------------------------------------------------------------------------------------------
# Change signal and update queue
# ----------------------------------------------------------------------------------------------------


class _Signal:
    """Wakes every waiter whenever the fake's state changes (waiters then re-check their own condition)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        event = self._event  # taken before the first await, so no change can slip between check and wait
        try:
            async with asyncio.timeout(max(timeout, 0)):
                await event.wait()
        except TimeoutError:
            return False
        return True


class UpdateQueue:
    """The updates Telegram holds for the bot, with ids that only increase.

    getUpdates reads from here (``peek`` + ``confirm``); a webhook pusher can later read the same queue.
    """

    def __init__(self, signal: _Signal, first_update_id: int = 1) -> None:
        self._signal = signal
        self._next_id = first_update_id
        self._pending: list[JSON] = []
        self.history: list[JSON] = []
        self.fetched_ids: set[int] = set()

    def push(self, kind: str, payload: JSON) -> JSON:
        update: JSON = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self.history.append(update)
        self._signal.fire()
        return update

    @property
    def pending(self) -> list[JSON]:
        return list(self._pending)

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset`` updates."""
        before = len(self._pending)
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if len(self._pending) != before:
            self._signal.fire()

    def peek(self, limit: int, allowed: Collection[str] | None) -> list[JSON]:
        def wanted(update: JSON) -> bool:
            kind = next(key for key in update if key != "update_id")
            return kind in allowed if allowed else kind not in _OPT_IN_UPDATE_TYPES

        return [u for u in self._pending if wanted(u)][:limit]

    def mark_fetched(self, updates: Sequence[JSON]) -> None:
        self.fetched_ids.update(int(u["update_id"]) for u in updates)
        self._signal.fire()

    def drop_all(self) -> None:
        self._pending.clear()
        self._signal.fire()


# ----------------------------------------------------------------------------------------------------
# Request parameters
# ----------------------------------------------------------------------------------------------------


def _normalize(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # reported by _Params.json_ when the handler reads it
    if key in _INT_FIELDS and _INT_RE.fullmatch(value):
        return int(value)
    if key in _BOOL_FIELDS and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return value


class _Params:
    def __init__(self, values: JSON, files: dict[str, UploadedFile]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def str_(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise _bad(f'field "{name}" must be of type String')

    def int_(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise _bad(f'field "{name}" must be of type Integer')
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.fullmatch(value):
            return int(value)
        raise _bad(f'field "{name}" must be of type Integer')

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise _bad(f'field "{name}" must be a number') from None

    def bool_(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def json_(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise _bad(f"can't parse {name.replace('_', ' ')} JSON object") from None
        return value

    def file(self, name: str) -> UploadedFile | str | None:
        """An input file: an uploaded part, an ``attach://`` reference to one, or a file_id / URL string."""
        if name in self.files:
            return self.files[name]
        return self.reference(self.str_(name))

    def reference(self, value: str | None) -> UploadedFile | str | None:
        if not value:
            return None
        if value.startswith("attach://"):
            uploaded = self.files.get(value.removeprefix("attach://"))
            if uploaded is None:
                raise _bad(f"file {value} not found")  # what tdlib's Bot API server answers
            return uploaded
        return value


@dataclass
class _Markup:
    inline: JSON | None = None
    keyboard: JSON | None = None
    remove_keyboard: bool = False


# ----------------------------------------------------------------------------------------------------
# The fake
# ----------------------------------------------------------------------------------------------------

_Handler: TypeAlias = Callable[[_Params], Awaitable[Any]]


class FakeTelegram:
    """A Bot API server for one bot, and the world around it: people, chats, files, updates.

    Start it with ``FakeTelegram.running(...)`` (or ``fake.serving()``); point the bot at
    ``f"{tg.base_url}/bot"`` and ``f"{tg.base_url}/file/bot"``.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "faceshift_bot",
        *,
        bot_first_name: str = "FaceShift",
        first_update_id: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 1
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._clock = clock
        self._signal = _Signal()
        self.updates = UpdateQueue(self._signal, first_update_id)

        self._users: dict[int, FakeUser] = {}
        self._chats: dict[int, FakeChat] = {}
        self._log: dict[int, list[_Entry]] = {}
        self._index: dict[tuple[int, int], _Entry] = {}
        self._next_message_id: dict[int, int] = {}
        self._bot_cursor: dict[int, int] = {}
        self._blocked: set[int] = set()
        self._reply_keyboards: dict[int, JSON] = {}

        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._photo_sets: dict[str, list[StoredFile]] = {}
        self._file_counter = itertools.count(1)
        self._media_group_counter = itertools.count(13_800_000_000_000_001)
        self._query_counter = itertools.count(4_200_000_000_000_001)
        self._callback_queries: dict[str, _QueryState] = {}

        self._faults: list[_Fault] = []
        self._allowed_updates: list[str] | None = None
        #: getUpdates requests received so far (a newer one terminates an older one still waiting).
        self.poll_count = 0
        self._closed = False
        self._base_url: str | None = None

        self.calls: list[ApiCall] = []
        self.callback_answers: list[CallbackAnswer] = []
        #: setMyCommands, keyed by (scope, language_code); scope is "default", "all_private_chats",
        #: "chat:<chat_id>", "chat_administrators:<chat_id>", "chat_member:<chat_id>:<user_id>", ...
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook = WebhookState()
        #: Webhook delivery attempts: (update_id, HTTP status or 0 for a connection error).
        self.webhook_deliveries: list[tuple[int, int]] = []
        #: setMyName, setMyDescription, setMyShortDescription, setChatMenuButton: (method, language) -> params
        self.bot_settings: dict[tuple[str, str], JSON] = {}

        handlers: dict[str, _Handler] = {
            "getMe": self._api_get_me,
            "logOut": self._api_true,
            "close": self._api_true,
            "getUpdates": self._api_get_updates,
            "setWebhook": self._api_set_webhook,
            "deleteWebhook": self._api_delete_webhook,
            "getWebhookInfo": self._api_get_webhook_info,
            "setMyCommands": self._api_set_my_commands,
            "getMyCommands": self._api_get_my_commands,
            "deleteMyCommands": self._api_delete_my_commands,
            **{
                name: functools.partial(self._api_record_setting, name)
                for name in ("setMyName", "setMyDescription", "setMyShortDescription", "setChatMenuButton")
            },
            "sendMessage": self._api_send_message,
            "sendPhoto": self._api_send_photo,
            "sendDocument": self._api_send_document,
            "sendMediaGroup": self._api_send_media_group,
            "sendChatAction": self._api_send_chat_action,
            "editMessageText": self._api_edit_message_text,
            "editMessageCaption": self._api_edit_message_caption,
            "editMessageReplyMarkup": self._api_edit_message_reply_markup,
            "editMessageMedia": self._api_edit_message_media,
            "deleteMessage": self._api_delete_message,
            "deleteMessages": self._api_delete_messages,
            "answerCallbackQuery": self._api_answer_callback_query,
            "getFile": self._api_get_file,
            "getChat": self._api_get_chat,
        }
        # Telegram matches method names case-insensitively.
        self._handlers: dict[str, tuple[str, _Handler]] = {name.lower(): (name, h) for name, h in handlers.items()}
        self.app = Starlette(routes=[Route("/{path:path}", self._dispatch, methods=["GET", "POST"])])

    def __repr__(self) -> str:  # never shows the token
        return f"<FakeTelegram @{self.bot_username} at {self._base_url or 'not running'}>"

    # ---- lifecycle ------------------------------------------------------------------------------------

    @classmethod
    @contextlib.asynccontextmanager
    async def running(
        cls,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "faceshift_bot",
        *,
        bot_first_name: str = "FaceShift",
        first_update_id: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> AsyncIterator[FakeTelegram]:
        """Create a fake and serve it on 127.0.0.1 for the duration of the block."""
        fake = cls(token, bot_username, bot_first_name=bot_first_name, first_update_id=first_update_id, clock=clock)
        async with fake.serving():
            yield fake

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[str]:
        """Serve this fake for the duration of the block; yields the base URL."""
        async with serve(self.app) as url:
            self._base_url = url
            self._closed = False
            pusher = asyncio.create_task(self._push_webhooks(), name="fake-telegram-webhook-pusher")
            try:
                yield url
            finally:
                # Release pending long polls so the server can stop without waiting for their timeouts.
                self._closed = True
                self._signal.fire()
                pusher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pusher
        self._base_url = None

    async def _push_webhooks(self) -> None:
        """Deliver queued updates to the webhook, one at a time and in order, as Telegram does.

        Each POST carries ``X-Telegram-Bot-Api-Secret-Token`` when one was set. An update is dropped from the
        queue only when the bot answers 2xx; otherwise it is retried (after a short pause), so a bot that
        refuses a delivery sees it again. Every attempt is recorded in ``webhook_deliveries``.
        """
        async with httpx.AsyncClient(timeout=10) as client:
            while not self._closed:
                state = self.webhook
                pending = self.updates.pending if state.url else []
                if not pending:
                    await self._signal.wait(1.0)
                    continue
                update = pending[0]
                headers = {"X-Telegram-Bot-Api-Secret-Token": state.secret_token} if state.secret_token else {}
                try:
                    response = await client.post(state.url, json=update, headers=headers)
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                self.webhook_deliveries.append((int(update["update_id"]), status))
                if not 200 <= status < 300:
                    state.last_error_date = int(self._clock())
                    state.last_error_message = (
                        f"Wrong response from the webhook: {status}" if status else "Connection refused"
                    )
                self._signal.fire()
                if 200 <= status < 300:
                    self.updates.confirm(int(update["update_id"]) + 1)
                else:
                    await self._signal.wait(0.05)

    @property
    def base_url(self) -> str:
        """The root URL, e.g. ``http://127.0.0.1:41234`` (API under ``/bot``, files under ``/file/bot``)."""
        if self._base_url is None:
            raise RuntimeError("the fake Telegram server is not running")
        return self._base_url

    # ---- world building -------------------------------------------------------------------------------

    def user(
        self,
        id: int,  # the Bot API's name
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
    ) -> FakeUser:
        if id <= 0:
            raise ValueError("user ids are positive")
        if id == self.bot_id:
            raise ValueError("that id belongs to the bot")
        person = FakeUser(self, id, first_name, last_name, username, language_code, is_premium)
        self._users[id] = person
        return person

    def private_chat(self, user: FakeUser) -> FakeChat:
        """The private chat between ``user`` and the bot (its id is the user's id)."""
        chat = self._chats.get(user.id)
        if chat is None:
            chat = FakeChat(
                id=user.id,
                type="private",
                first_name=user.first_name,
                last_name=user.last_name,
                username=user.username,
                privacy=False,
            )
            self._chats[user.id] = chat
        return chat

    def group(
        self,
        id: int,  # the Bot API's name
        title: str,
        *,
        privacy: bool = True,
        is_forum: bool = False,
        bot_is_admin: bool = False,
        username: str | None = None,
        supergroup: bool | None = None,
    ) -> FakeChat:
        """A group the bot is a member of. Ids starting with -100 are supergroups unless told otherwise."""
        if id >= 0:
            raise ValueError("group ids are negative")
        if supergroup is None:
            supergroup = str(id).startswith("-100") or is_forum
        if is_forum and not supergroup:
            raise ValueError("only supergroups can be forums")
        chat = FakeChat(
            id=id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            is_forum=is_forum,
            privacy=privacy,
            bot_is_admin=bot_is_admin,
        )
        self._chats[id] = chat
        return chat

    def create_topic(self, group: ChatLike, name: str, *, by: FakeUser | None = None) -> int:
        """Open a forum topic (a ``forum_topic_created`` service message); returns its message_thread_id."""
        chat = self._chat(group)
        if not chat.is_forum:
            raise ValueError(f"{chat.describe()} is not a forum")
        sender = by.to_api() if by is not None else None
        message = self._new_message(
            chat,
            sender,
            {"forum_topic_created": {"name": name, "icon_color": 7322096}},
            reply=None,
            thread_id=None,
        )
        thread_id = int(message["message_id"])
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
        chat.topics.add(thread_id)
        entry = self._append(chat, message, from_bot=False)
        self._deliver(chat, entry, "message")
        return thread_id

    def block(self, user: FakeUser | int, *, notify: bool = True) -> None:
        """The user blocks the bot: sends to their private chat answer 403; the bot gets my_chat_member."""
        user_id = user if isinstance(user, int) else user.id
        self._blocked.add(user_id)
        if notify:
            self._push_my_chat_member(user_id, "member", "kicked")

    def unblock(self, user: FakeUser | int, *, notify: bool = True) -> None:
        user_id = user if isinstance(user, int) else user.id
        self._blocked.discard(user_id)
        if notify:
            self._push_my_chat_member(user_id, "kicked", "member")

    def remove_bot(self, group: ChatLike) -> None:
        """The bot is kicked from a group: sends there answer 403."""
        self._chat(group).bot_removed = True

    def fail_next(
        self,
        method: str,
        status: int = 429,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Make the next ``count`` calls of ``method`` ("*": any method but getUpdates) fail with ``status``.

        429 answers carry ``parameters.retry_after`` (default 1). The failed calls have no effect.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        self._faults.append(
            _Fault(
                method.lower(),
                status,
                description or _default_description(status, retry_after),
                retry_after,
                count,
            )
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def expire_callback_queries(self) -> None:
        """Make every unanswered callback query too old to answer (as after Telegram's timeout)."""
        for state in self._callback_queries.values():
            state.expired = True

    # ---- observation ----------------------------------------------------------------------------------

    def transcript(self, chat: ChatLike, *, include_deleted: bool = False) -> list[JSON]:
        """Every message in the chat in order, people's and the bot's, edits applied.

        Deleted messages are left out, or kept with ``"_deleted": True`` when ``include_deleted``.
        """
        result = []
        for entry in self._log.get(self._chat(chat).id, []):
            if entry.deleted and not include_deleted:
                continue
            message = copy.deepcopy(entry.message)
            if entry.deleted:
                message["_deleted"] = True
            result.append(message)
        return result

    def bot_messages(self, chat: ChatLike) -> list[JSON]:
        """The bot's messages in the chat that still exist, edits applied."""
        return [m for m in self.transcript(chat) if self._is_bot_message(m)]

    def message(self, chat: ChatLike, message_id: int) -> JSON:
        """The current version of a message (deleted ones carry ``"_deleted": True``)."""
        entry = self._index.get((self._chat(chat).id, message_id))
        if entry is None:
            raise KeyError(f"no message {message_id} in {self._chat(chat).describe()}")
        message = copy.deepcopy(entry.message)
        if entry.deleted:
            message["_deleted"] = True
        return message

    def calls_to(self, *methods: str) -> list[ApiCall]:
        """The recorded calls of these methods (names are case-insensitive)."""
        wanted = {m.lower() for m in methods}
        return [call for call in self.calls if call.method.lower() in wanted]

    @property
    def user_updates_delivered(self) -> list[JSON]:
        """Every update made available to the bot so far (after privacy filtering), oldest first."""
        return copy.deepcopy(self.updates.history)

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by a getUpdates offset."""
        return copy.deepcopy(self.updates.pending)

    def was_delivered(self, message: MessageLike) -> bool:
        """Whether a message a person sent produced an update for the bot (privacy mode may hide it)."""
        return self._entry_of(message).update_id is not None

    def update_for(self, message: MessageLike) -> JSON | None:
        entry = self._entry_of(message)
        for update in self.updates.history:
            if update["update_id"] == entry.update_id:
                return copy.deepcopy(update)
        return None

    @property
    def unanswered_callback_queries(self) -> list[str]:
        return [qid for qid, state in self._callback_queries.items() if not state.answered]

    def reply_keyboard(self, chat: ChatLike) -> JSON | None:
        """The custom reply keyboard the bot last showed in this chat (None once removed)."""
        keyboard = self._reply_keyboards.get(self._chat(chat).id)
        return copy.deepcopy(keyboard) if keyboard is not None else None

    def stored_file(self, file_id: str) -> StoredFile:
        try:
            return self._files[file_id]
        except KeyError:
            raise KeyError(f"unknown file_id {file_id!r}") from None

    def file_bytes(self, file_id: str) -> bytes:
        return self.stored_file(file_id).data

    def message_file(self, message: MessageLike) -> StoredFile:
        message = as_dict(message)
        """The file of a message: the largest photo size, or the document."""
        if message.get("photo"):
            return self.stored_file(message["photo"][-1]["file_id"])
        if message.get("document"):
            return self.stored_file(message["document"]["file_id"])
        raise ValueError("the message has neither a photo nor a document")

    def format_transcript(self, chat: ChatLike | None = None) -> str:
        """A readable dump of one chat (or all chats) for failure messages."""
        chats = [self._chat(chat)] if chat is not None else [self._chats[cid] for cid in self._log]
        lines: list[str] = []
        for each in chats:
            lines.append(f"--- {each.describe()} ---")
            entries = self._log.get(each.id, [])
            lines.extend(f"  {self._describe_entry(entry)}" for entry in entries)
            if not entries:
                lines.append("  (no messages)")
        return "\n".join(lines) if lines else "(no chats with messages)"

    def format_recent_calls(self, limit: int = 15) -> str:
        calls = [c for c in self.calls if c.method != "getUpdates"][-limit:]
        if not calls:
            return "(the bot made no Bot API calls besides getUpdates)"
        lines = ["recent Bot API calls:"]
        for call in calls:
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 160:
                params = params[:157] + "..."
            outcome = "ok" if call.ok else f"{call.status} {call.description}"
            lines.append(f"  {call.method} {params} -> {outcome}")
        return "\n".join(lines)

    # ---- waiting --------------------------------------------------------------------------------------

    async def wait_for_bot_message(
        self,
        chat: ChatLike,
        *,
        timeout: float = 5.0,
        predicate: Callable[[JSON], bool] | None = None,
    ) -> JSON:
        """The next message the bot sends into ``chat`` after the last one a wait returned (edits applied).

        With ``predicate``, the first such message it accepts; the ones before it are consumed too.
        """
        target = self._chat(chat)

        def probe() -> JSON | None:
            log = self._log.get(target.id, [])
            for index in range(self._bot_cursor.get(target.id, 0), len(log)):
                entry = log[index]
                if entry.from_bot and (predicate is None or predicate(copy.deepcopy(entry.message))):
                    self._bot_cursor[target.id] = index + 1
                    return copy.deepcopy(entry.message)
            return None

        return await self._wait(probe, timeout, f"a bot message in {target.describe()}")

    async def wait_for_bot_messages(self, chat: ChatLike, count: int, *, timeout: float = 5.0) -> list[JSON]:
        """The next ``count`` bot messages in ``chat`` (e.g. an album)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        return [await self.wait_for_bot_message(chat, timeout=max(deadline - loop.time(), 0)) for _ in range(count)]

    async def assert_no_bot_message(self, chat: ChatLike, *, within: float = 0.3) -> None:
        """Fail if the bot sends anything new into ``chat`` within ``within`` seconds.

        A negative check cannot be event-driven; keep it for "the bot stays silent" assertions, after
        something deterministic (e.g. ``wait_until_fetched``) showed the bot did receive what it ignores.
        """
        target = self._chat(chat)
        start = self._bot_cursor.get(target.id, 0)

        def probe() -> JSON | None:
            for entry in self._log.get(target.id, [])[start:]:
                if entry.from_bot:
                    return entry.message
            return None

        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (found := probe()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            await self._signal.wait(remaining)
        raise AssertionError(
            f"expected no bot message in {target.describe()}, got {_summary(found)!r}"
            f"\n\n{self.format_transcript(target)}"
        )

    async def wait_for_edit(
        self,
        message: MessageLike,
        *,
        timeout: float = 5.0,
        predicate: Callable[[JSON], bool] | None = None,
    ) -> JSON:
        """Wait until the stored message's content differs from the given snapshot (and ``predicate`` holds)."""
        snapshot = as_dict(message)
        entry = self._entry_of(snapshot)

        def probe() -> JSON | None:
            if entry.deleted:
                raise AssertionError(f"message #{snapshot['message_id']} was deleted while waiting for an edit")
            current = entry.message
            changed = any(current.get(key) != snapshot.get(key) for key in _EDITABLE_KEYS)
            if changed and (predicate is None or predicate(copy.deepcopy(current))):
                return copy.deepcopy(current)
            return None

        return await self._wait(probe, timeout, f"an edit of message #{snapshot['message_id']}")

    async def wait_for_deletion(self, message: MessageLike, *, timeout: float = 5.0) -> None:
        message = as_dict(message)
        entry = self._entry_of(message)
        await self._wait(
            lambda: True if entry.deleted else None, timeout, f"deletion of message #{message['message_id']}"
        )

    async def wait_for_call(
        self,
        method: str,
        *,
        timeout: float = 5.0,
        predicate: Callable[[ApiCall], bool] | None = None,
    ) -> ApiCall:
        """The first recorded call of ``method`` (past or future) that ``predicate`` accepts."""

        def probe() -> ApiCall | None:
            for call in self.calls:
                if call.method.lower() == method.lower() and (predicate is None or predicate(call)):
                    return call
            return None

        return await self._wait(probe, timeout, f"a {method} call")

    async def wait_for_callback_answer(self, callback_query_id: str, *, timeout: float = 5.0) -> CallbackAnswer:
        def probe() -> CallbackAnswer | None:
            return next((a for a in self.callback_answers if a.callback_query_id == callback_query_id), None)

        return await self._wait(probe, timeout, f"an answer to callback query {callback_query_id}")

    async def wait_until_fetched(self, item: MessageLike, *, timeout: float = 5.0) -> None:
        """Wait until getUpdates handed this update (or the update of this person's message) to the bot."""
        data = as_dict(item)
        if "update_id" in data:
            update_id: int | None = int(data["update_id"])
        else:
            update_id = self._entry_of(data).update_id
            if update_id is None:
                raise AssertionError(f"message #{data['message_id']} was never delivered to the bot (privacy mode)")
        await self._wait(
            lambda: True if update_id in self.updates.fetched_ids else None,
            timeout,
            f"the bot to fetch update {update_id}",
        )

    async def wait_until_confirmed(self, *, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed (via getUpdates offset) every update made so far."""
        await self._wait(
            lambda: True if not self.updates.pending else None,
            timeout,
            "the bot to confirm every pending update",
        )

    async def wait_until(
        self, condition: Callable[[], object], *, timeout: float = 5.0, what: str = "a condition"
    ) -> None:
        """Wait until ``condition()`` is truthy; it is re-checked on every change of the fake's state."""
        await self._wait(lambda: True if condition() else None, timeout, what)

    async def _wait(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = probe()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout:g}s waiting for {what}\n\n{self.format_transcript()}\n\n"
                    f"{self.format_recent_calls()}"
                )
            await self._signal.wait(remaining)

    # ---- people acting (called by FakeUser) -----------------------------------------------------------

    def _post_user_message(
        self,
        user: FakeUser,
        chat_like: ChatLike,
        content: JSON,
        *,
        reply_to: MessageRef | None,
        thread_id: int | None,
    ) -> JSON:
        chat = self._chat(chat_like)
        if chat.is_private:
            if chat.id != user.id:
                raise AssertionError(f"{user.first_name} cannot write in another person's private chat with the bot")
            if user.id in self._blocked:
                raise AssertionError(f"{user.first_name} blocked the bot; call tg.unblock() first")
        reply: _Entry | None = None
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else int(as_dict(reply_to)["message_id"])
            reply = self._index.get((chat.id, reply_id))
            if reply is None or reply.deleted:
                raise AssertionError(f"no message #{reply_id} to reply to in {chat.describe()}")
        if thread_id is None and reply is not None and reply.message.get("is_topic_message"):
            thread_id = reply.message.get("message_thread_id")
        if thread_id is not None and chat.is_forum and thread_id not in chat.topics:
            raise AssertionError(f"no topic {thread_id} in {chat.describe()}; use tg.create_topic()")
        message = self._new_message(chat, user.to_api(), content, reply=reply, thread_id=thread_id)
        entry = self._append(chat, message, from_bot=False)
        self._deliver(chat, entry, "message")
        return copy.deepcopy(message)

    def _edit_user_message(self, user: FakeUser, message: MessageLike, text: str) -> JSON:
        entry = self._entry_of(message)
        if entry.from_bot or entry.message.get("from", {}).get("id") != user.id:
            raise AssertionError(f"{user.first_name} can only edit their own messages")
        if entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} was deleted")
        if "text" not in entry.message:
            raise AssertionError("only text messages can be edited this way")
        entry.message["text"] = text
        entities = detect_entities(text)
        if entities:
            entry.message["entities"] = entities
        else:
            entry.message.pop("entities", None)
        entry.message["edit_date"] = int(self._clock())
        entry.version += 1
        self._signal.fire()
        chat = self._chats[int(entry.message["chat"]["id"])]
        if not chat.bot_removed and self._bot_may_see(chat, entry.message):
            self.updates.push("edited_message", copy.deepcopy(entry.message))
        return copy.deepcopy(entry.message)

    def _press(self, user: FakeUser, message: MessageLike, button: str) -> str:
        entry = self._entry_of(message)
        chat = self._chats[int(entry.message["chat"]["id"])]
        if entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} was deleted; its buttons are gone")
        if chat.is_private and chat.id != user.id:
            raise AssertionError(f"{user.first_name} cannot see another person's private chat")
        rows = (entry.message.get("reply_markup") or {}).get("inline_keyboard") or []
        buttons = [b for row in rows for b in row]
        found = next((b for b in buttons if b.get("text") == button), None) or next(
            (b for b in buttons if b.get("callback_data") == button), None
        )
        if found is None:
            labels = [f"{b.get('text')!r}={b.get('callback_data')!r}" for b in buttons]
            raise AssertionError(f"no button {button!r} on message #{entry.message['message_id']}; buttons: {labels}")
        if "callback_data" not in found:
            raise AssertionError(f"button {button!r} is not a callback button: {found}")
        query_id = str(next(self._query_counter))
        self._callback_queries[query_id] = _QueryState(from_user_id=user.id)
        query: JSON = {
            "id": query_id,
            "from": user.to_api(),
            "message": copy.deepcopy(entry.message),
            "chat_instance": str(abs(hash((self.bot_id, chat.id))) % 10**18),
            "data": found["callback_data"],
        }
        self.updates.push("callback_query", query)
        return query_id

    async def _store_user_photo(self, data: bytes) -> list[JSON]:
        try:
            _size, renditions = await asyncio.to_thread(render_photo_sizes, data)
        except ValueError as exc:
            raise ValueError(f"a person can only send a decodable image as a photo: {exc}") from exc
        return [stored.photo_size() for stored in self._store_photo(renditions)]

    async def _store_document(self, data: bytes, *, file_name: str, mime_type: str | None) -> JSON:
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self._store_file(
            "document", data, extension=_extension(file_name, mime), file_name=file_name, mime_type=mime
        )
        document: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime,
            "file_size": stored.file_size,
        }
        if mime.startswith("image/") and len(data) <= MAX_PHOTO_UPLOAD_BYTES:
            thumbnail = await self._document_thumbnail(data)
            if thumbnail is not None:
                document["thumbnail"] = thumbnail
        return document

    async def _document_thumbnail(self, data: bytes) -> JSON | None:
        try:
            _size, renditions = await asyncio.to_thread(render_photo_sizes, data)
        except ValueError:
            return None
        small = [r for r in renditions if max(r.width, r.height) <= DOCUMENT_THUMBNAIL_SIDE]
        if not small:
            return None
        stored = self._store_file(
            "photo",
            small[-1].data,
            extension="jpg",
            width=small[-1].width,
            height=small[-1].height,
            folder="thumbnails",
        )
        return stored.photo_size()

    def _push_my_chat_member(self, user_id: int, old: str, new: str) -> None:
        person = self._users.get(user_id)
        chat = self._chats.get(user_id)
        if person is None or chat is None:
            return

        def member(status: str) -> JSON:
            return {
                "user": dict(self.bot_user),
                "status": status,
                **({"until_date": 0} if status == "kicked" else {}),
            }

        self.updates.push(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": person.to_api(),
                "date": int(self._clock()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    # ---- messages and delivery ------------------------------------------------------------------------

    def _chat(self, chat: ChatLike) -> FakeChat:
        if isinstance(chat, FakeChat):
            return chat
        if isinstance(chat, FakeUser):
            return self.private_chat(chat)
        found = self._chats.get(chat)
        if found is None:
            raise KeyError(f"unknown chat {chat}")
        return found

    def _entry_of(self, message: MessageLike) -> _Entry:
        message = as_dict(message)
        key = (int(message["chat"]["id"]), int(message["message_id"]))
        entry = self._index.get(key)
        if entry is None:
            raise KeyError(f"unknown message #{key[1]} in chat {key[0]}")
        return entry

    def _is_bot_message(self, message: Mapping[str, Any]) -> bool:
        sender = message.get("from")
        return isinstance(sender, Mapping) and sender.get("id") == self.bot_id

    def _new_message(
        self,
        chat: FakeChat,
        sender: JSON | None,
        content: JSON,
        *,
        reply: _Entry | None,
        thread_id: int | None,
    ) -> JSON:
        message_id = self._next_message_id.get(chat.id, 1)
        self._next_message_id[chat.id] = message_id + 1
        message: JSON = {"message_id": message_id}
        if sender is not None:
            message["from"] = copy.deepcopy(sender)
        message["chat"] = chat.to_api()
        message["date"] = int(self._clock())
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        if reply is not None:
            # Telegram includes the replied message without its own reply_to_message.
            original = copy.deepcopy(reply.message)
            original.pop("reply_to_message", None)
            message["reply_to_message"] = original
        message.update(copy.deepcopy(content))
        return message

    def _append(self, chat: FakeChat, message: JSON, *, from_bot: bool) -> _Entry:
        entry = _Entry(message=message, from_bot=from_bot)
        self._log.setdefault(chat.id, []).append(entry)
        self._index[(chat.id, int(message["message_id"]))] = entry
        self._signal.fire()
        return entry

    def _deliver(self, chat: FakeChat, entry: _Entry, kind: str) -> None:
        if not chat.bot_removed and self._bot_may_see(chat, entry.message):
            update = self.updates.push(kind, copy.deepcopy(entry.message))
            entry.update_id = int(update["update_id"])

    def _bot_may_see(self, chat: FakeChat, message: Mapping[str, Any]) -> bool:
        """Privacy mode: what a bot that is not an admin receives from a group."""
        if chat.is_private or not chat.privacy or chat.bot_is_admin:
            return True
        text = message.get("text")
        entities = message.get("entities")
        if text is None:
            text = message.get("caption")
            entities = message.get("caption_entities")
        if text is None and not any(key in message for key in _MEDIA_KEYS):
            return True  # no text and no media: a service message
        reply = message.get("reply_to_message")
        if isinstance(reply, Mapping) and self._is_bot_message(reply):
            return True
        if not text:
            return False
        entity_list: list[JSON] = entities or []
        username = self.bot_username.lower()
        for entity in entity_list:
            value = entity_text(text, entity)
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                _command, _at, target = value.partition("@")
                if not target or target.lower() == username:
                    return True
            if entity["type"] == "mention" and value[1:].lower() == username:
                return True
        return False

    def _new_media_group_id(self) -> str:
        return str(next(self._media_group_counter))

    # ---- files ----------------------------------------------------------------------------------------

    def _store_file(
        self,
        kind: str,
        data: bytes,
        *,
        extension: str,
        width: int | None = None,
        height: int | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        folder: str | None = None,
    ) -> StoredFile:
        number = next(self._file_counter)
        digest = hashlib.sha256(number.to_bytes(8, "big") + data[:65536]).hexdigest()
        prefix = "AgACAgIAAxkBAAI" if kind == "photo" else "BQACAgIAAxkBAAI"
        stored = StoredFile(
            file_id=f"{prefix}{number:06d}{digest[:40]}",
            file_unique_id=f"AQAD{number:06d}{digest[40:48]}",
            kind=kind,
            data=data,
            file_path=f"{folder or ('photos' if kind == 'photo' else 'documents')}/file_{number}.{extension}",
            width=width,
            height=height,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _store_photo(self, renditions: Sequence[Rendition]) -> list[StoredFile]:
        sizes = [self._store_file("photo", r.data, extension="jpg", width=r.width, height=r.height) for r in renditions]
        for stored in sizes:
            self._photo_sets[stored.file_id] = sizes
        return sizes

    async def _input_photo(self, source: UploadedFile | str | None) -> list[JSON]:
        if source is None:
            raise _bad("there is no photo in the request")
        if isinstance(source, str):
            sizes = self._photo_sets.get(source)
            if sizes is None:
                self._check_reference(source)
                raise _bad("type of file mismatch")
            return [stored.photo_size() for stored in sizes]
        if not source.data:
            raise _bad("file must be non-empty")
        if len(source.data) > MAX_PHOTO_UPLOAD_BYTES:
            raise _bad("file is too big")
        try:
            (width, height), renditions = await asyncio.to_thread(render_photo_sizes, source.data)
        except ValueError:
            raise _bad("IMAGE_PROCESS_FAILED") from None
        if width + height > MAX_PHOTO_DIMENSIONS_SUM or max(width, height) > MAX_PHOTO_ASPECT_RATIO * min(
            width, height
        ):
            raise _bad("PHOTO_INVALID_DIMENSIONS")
        return [stored.photo_size() for stored in self._store_photo(renditions)]

    async def _input_document(self, source: UploadedFile | str | None) -> JSON:
        if source is None:
            raise _bad("there is no document in the request")
        if isinstance(source, str):
            stored = self._check_reference(source)
            if stored.kind != "document":
                raise _bad("type of file mismatch")
            document: JSON = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
            }
            if stored.file_name:
                document["file_name"] = stored.file_name
            if stored.mime_type:
                document["mime_type"] = stored.mime_type
            return document
        if not source.data:
            raise _bad("file must be non-empty")
        if len(source.data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        file_name = source.filename or "file"
        mime = mimetypes.guess_type(file_name)[0] or source.content_type or "application/octet-stream"
        return await self._store_document(source.data, file_name=file_name, mime_type=mime)

    def _check_reference(self, reference: str) -> StoredFile:
        if reference.startswith(("http://", "https://")):
            raise _bad("failed to get HTTP URL content")  # the fake cannot fetch URLs
        stored = self._files.get(reference)
        if stored is None:
            raise _bad("wrong file identifier/HTTP URL specified")
        return stored

    # ---- HTTP -----------------------------------------------------------------------------------------

    async def _dispatch(self, request: Request) -> Response:
        path = request.url.path
        if path.startswith("/file/bot"):
            token, _, file_path = path.removeprefix("/file/bot").partition("/")
            return self._serve_file(token, file_path)
        if path.startswith("/bot"):
            token, _, method = path.removeprefix("/bot").partition("/")
            return await self._serve_api(request, token, method)
        return _json_response(ApiError(404, "Not Found").body(), 404)

    def _token_ok(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    def _serve_file(self, token: str, file_path: str) -> Response:
        if not self._token_ok(token):
            return _json_response(ApiError(401, "Unauthorized").body(), 401)
        stored = self._files_by_path.get(file_path)
        if stored is None:
            return _json_response(ApiError(404, "Not Found").body(), 404)
        return Response(stored.data, media_type=stored.mime_type or "application/octet-stream")

    async def _serve_api(self, request: Request, token: str, method: str) -> Response:
        if not self._token_ok(token):
            return _json_response(ApiError(401, "Unauthorized").body(), 401)
        known = self._handlers.get(method.lower())
        name = known[0] if known is not None else method
        params: JSON = {}
        files: dict[str, UploadedFile] = {}
        try:
            params, files = await _read_params(request)
            fault = self._take_fault(name)
            if fault is not None:
                raise fault
            if known is None:
                raise ApiError(404, "Not Found")
            result = await known[1](_Params(params, files))
            status, body = 200, {"ok": True, "result": result}
        except ApiError as error:
            status, body = error.status, error.body()
        self.calls.append(
            ApiCall(
                method=name,
                params=params,
                files=files,
                time=time.monotonic(),
                status=status,
                result=body.get("result"),
                description=body.get("description"),
            )
        )
        self._signal.fire()
        return _json_response(body, status)

    def _take_fault(self, method: str) -> ApiError | None:
        lowered = method.lower()
        for fault in self._faults:
            if fault.method == lowered or (fault.method == "*" and lowered != "getupdates"):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return ApiError(fault.status, fault.description, retry_after=fault.retry_after)
        return None

    # ---- common checks for bot methods ----------------------------------------------------------------

    def _param_chat(self, p: _Params, *, sending: bool = True) -> FakeChat:
        value = p.values.get("chat_id")
        if value is None or value == "":
            raise _bad("chat_id is empty")
        chat: FakeChat | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            chat = self._chats.get(value)
        elif isinstance(value, str) and value.startswith("@"):
            wanted = value[1:].lower()
            chat = next(
                (c for c in self._chats.values() if not c.is_private and (c.username or "").lower() == wanted),
                None,
            )
        if chat is None:
            raise _bad("chat not found")
        if sending:
            if chat.is_private and chat.id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if chat.bot_removed:
                kind = "supergroup" if chat.type == "supergroup" else "group"
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        return chat

    def _formatted(
        self,
        p: _Params,
        text_field: str,
        entities_field: str,
        *,
        limit: int,
        parse_mode: str | None = None,
    ) -> tuple[str, list[JSON]]:
        text = p.str_(text_field) or ""
        explicit = p.json_(entities_field)
        if explicit is not None:
            if not isinstance(explicit, list) or not all(isinstance(e, dict) and "type" in e for e in explicit):
                raise _bad(f"can't parse {entities_field.replace('_', ' ')} JSON object")
            plain, entities = _strip_text(text, [dict(e) for e in explicit])
        else:
            plain, entities = parse_formatted_text(text, parse_mode if parse_mode is not None else p.str_("parse_mode"))
        if len(plain) > limit:
            raise _bad("message is too long" if text_field == "text" else "message caption is too long")
        return plain, entities

    def _caption(self, p: _Params) -> JSON:
        caption, entities = self._formatted(p, "caption", "caption_entities", limit=MAX_CAPTION_LENGTH)
        content: JSON = {}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        if p.bool_("show_caption_above_media"):
            content["show_caption_above_media"] = True
        return content

    def _markup(self, p: _Params, *, inline_only: bool = False) -> _Markup:
        markup = p.json_("reply_markup")
        if markup is None:
            return _Markup()
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            return _Markup(inline=markup if any(rows) else None)
        if inline_only:
            raise _bad("inline keyboard expected")
        if "keyboard" in markup:
            return _Markup(keyboard=markup)
        if markup.get("remove_keyboard"):
            return _Markup(remove_keyboard=True)
        if markup.get("force_reply"):
            return _Markup()
        raise _bad("can't parse reply keyboard markup JSON object")

    def _reply_target(self, chat: FakeChat, p: _Params) -> _Entry | None:
        parameters = p.json_("reply_parameters")
        allow = p.bool_("allow_sending_without_reply")
        target_chat = chat
        if parameters is not None:
            if not isinstance(parameters, dict) or "message_id" not in parameters:
                raise _bad("can't parse reply parameters JSON object")
            message_id = _Params(parameters, {}).int_("message_id")
            allow = allow or bool(parameters.get("allow_sending_without_reply"))
            if parameters.get("chat_id") is not None:
                target_chat = self._param_chat(
                    _Params({"chat_id": _normalize("chat_id", parameters["chat_id"])}, {}), sending=False
                )
        else:
            message_id = p.int_("reply_to_message_id")
        if message_id is None:
            return None
        entry = self._index.get((target_chat.id, message_id))
        if entry is None or entry.deleted:
            if allow:
                return None
            raise _bad("message to be replied not found")
        return entry

    def _thread(self, chat: FakeChat, p: _Params, reply: _Entry | None) -> int | None:
        thread_id = p.int_("message_thread_id")
        if thread_id is None and reply is not None and reply.message.get("is_topic_message"):
            thread_id = reply.message.get("message_thread_id")
        if thread_id is not None and chat.is_forum and thread_id not in chat.topics:
            raise _bad("message thread not found")
        return thread_id

    def _send_bot_message(
        self,
        chat: FakeChat,
        content: JSON,
        p: _Params,
        markup: _Markup,
        reply: _Entry | None,
        thread_id: int | None,
    ) -> JSON:
        if markup.inline is not None:
            content["reply_markup"] = markup.inline
        if p.bool_("protect_content"):
            content["has_protected_content"] = True
        message = self._new_message(chat, self.bot_user, content, reply=reply, thread_id=thread_id)
        if markup.keyboard is not None:
            self._reply_keyboards[chat.id] = markup.keyboard
        elif markup.remove_keyboard:
            self._reply_keyboards.pop(chat.id, None)
        self._append(chat, message, from_bot=True)
        return copy.deepcopy(message)

    def _edit_target(self, p: _Params, not_found: str) -> tuple[FakeChat, _Entry]:
        if p.has("inline_message_id"):
            raise _bad("inline messages are not supported by the fake")
        chat = self._param_chat(p)
        message_id = p.int_("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        entry = self._index.get((chat.id, message_id))
        if entry is None or entry.deleted:
            raise _bad(not_found)
        return chat, entry

    def _apply_edit(self, entry: _Entry, changes: Mapping[str, Any]) -> JSON:
        """Apply an edit (keys mapped to None are removed) or fail with Telegram's "not modified"."""
        current = entry.message
        if all(current.get(key) == value for key, value in changes.items()):
            raise _bad(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        for key, value in changes.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = copy.deepcopy(value)
        current["edit_date"] = int(self._clock())
        entry.version += 1
        self._signal.fire()
        return copy.deepcopy(current)

    # ---- Bot API methods ------------------------------------------------------------------------------

    async def _api_true(self, p: _Params) -> bool:
        return True

    async def _api_get_me(self, p: _Params) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_get_updates(self, p: _Params) -> list[JSON]:
        if self.webhook.url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                "to delete the webhook first",
            )
        offset = p.int_("offset")
        limit = min(max(p.int_("limit") or 100, 1), 100)
        timeout = max(p.number("timeout") or 0.0, 0.0)
        allowed = p.json_("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise _bad("can't parse allowed updates JSON object")
            self._allowed_updates = [str(a) for a in allowed] or None
        if offset is not None:
            self.updates.confirm(offset)
        # A newer getUpdates request terminates an older one that is still waiting, as on Telegram.
        self.poll_count += 1
        generation = self.poll_count
        self._signal.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self.poll_count:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                )
            batch = self.updates.peek(limit, self._allowed_updates)
            if batch or self._closed or loop.time() >= deadline:
                self.updates.mark_fetched(batch)
                return copy.deepcopy(batch)
            await self._signal.wait(deadline - loop.time())

    async def _api_set_webhook(self, p: _Params) -> bool:
        url = p.str_("url") or ""
        if url and not url.startswith(("https://", "http://")):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.str_("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise _bad("secret token contains unallowed characters")
        allowed = p.json_("allowed_updates")
        if p.bool_("drop_pending_updates"):
            self.updates.drop_all()
        self.webhook = WebhookState(
            url=url,
            secret_token=secret if url else None,
            max_connections=p.int_("max_connections") if url else None,
            allowed_updates=allowed if url and isinstance(allowed, list) else None,
            ip_address=p.str_("ip_address") if url else None,
        )
        return True

    async def _api_delete_webhook(self, p: _Params) -> bool:
        if p.bool_("drop_pending_updates"):
            self.updates.drop_all()
        self.webhook = WebhookState()
        return True

    async def _api_get_webhook_info(self, p: _Params) -> JSON:
        info: JSON = {
            "url": self.webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates.pending),
        }
        if self.webhook.max_connections is not None:
            info["max_connections"] = self.webhook.max_connections
        if self.webhook.allowed_updates is not None:
            info["allowed_updates"] = self.webhook.allowed_updates
        if self.webhook.last_error_date is not None:
            info["last_error_date"] = self.webhook.last_error_date
            info["last_error_message"] = self.webhook.last_error_message or ""
        return info

    def _commands_key(self, p: _Params) -> tuple[str, str]:
        return _scope_key(p.json_("scope")), p.str_("language_code") or ""

    async def _api_set_my_commands(self, p: _Params) -> bool:
        commands = p.json_("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command"))):
                raise _bad("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(p)
        if commands:
            self.commands[key] = copy.deepcopy(commands)
        else:
            self.commands.pop(key, None)
        return True

    async def _api_get_my_commands(self, p: _Params) -> list[JSON]:
        return copy.deepcopy(self.commands.get(self._commands_key(p), []))

    async def _api_delete_my_commands(self, p: _Params) -> bool:
        self.commands.pop(self._commands_key(p), None)
        return True

    async def _api_record_setting(self, method: str, p: _Params) -> bool:
        self.bot_settings[(method, p.str_("language_code") or "")] = copy.deepcopy(p.values)
        return True

    async def _api_send_message(self, p: _Params) -> JSON:
        chat = self._param_chat(p)
        text, entities = self._formatted(p, "text", "entities", limit=MAX_TEXT_LENGTH)
        if not text:
            raise _bad("message text is empty")
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        options = p.json_("link_preview_options")
        if isinstance(options, dict) and options:
            content["link_preview_options"] = options
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _api_send_photo(self, p: _Params) -> JSON:
        chat = self._param_chat(p)
        caption = self._caption(p)
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"photo": await self._input_photo(p.file("photo")), **caption}
        if p.bool_("has_spoiler"):
            content["has_media_spoiler"] = True
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _api_send_document(self, p: _Params) -> JSON:
        chat = self._param_chat(p)
        caption = self._caption(p)
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"document": await self._input_document(p.file("document")), **caption}
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _media_content(self, p: _Params, item: Any, *, allowed: Collection[str]) -> JSON:
        """The message content for one InputMedia object (sendMediaGroup, editMessageMedia)."""
        if not isinstance(item, dict) or "type" not in item:
            raise _bad("can't parse InputMedia JSON object")
        kind = item["type"]
        if kind not in allowed:
            raise _bad(f'media type "{kind}" is not supported here by the fake')
        item_params = _Params({k: _normalize(k, v) for k, v in item.items()}, p.files)
        source = item_params.reference(item_params.str_("media"))
        content: JSON
        if kind == "photo":
            content = {"photo": await self._input_photo(source)}
            if item_params.bool_("has_spoiler"):
                content["has_media_spoiler"] = True
        else:
            content = {"document": await self._input_document(source)}
        content.update(self._caption(item_params))
        return content

    async def _api_send_media_group(self, p: _Params) -> list[JSON]:
        chat = self._param_chat(p)
        media = p.json_("media")
        if not isinstance(media, list):
            raise _bad("can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise _bad("wrong number of media in the album: 2-10 items are allowed")
        kinds = {item.get("type") for item in media if isinstance(item, dict)}
        if "document" in kinds and len(kinds) > 1:
            raise _bad("document can't be mixed with other media types")
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        contents = [await self._media_content(p, item, allowed=("photo", "document")) for item in media]
        group_id = self._new_media_group_id()
        return [
            self._send_bot_message(chat, {"media_group_id": group_id, **content}, p, _Markup(), reply, thread_id)
            for content in contents
        ]

    async def _api_send_chat_action(self, p: _Params) -> bool:
        chat = self._param_chat(p)
        if p.str_("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._thread(chat, p, None)
        return True

    async def _api_edit_message_text(self, p: _Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise _bad("message can't be edited")
        if "text" not in entry.message:
            raise _bad("there is no text in the message to edit")
        text, entities = self._formatted(p, "text", "entities", limit=MAX_TEXT_LENGTH)
        if not text:
            raise _bad("message text is empty")
        markup = self._markup(p, inline_only=True)
        # Omitting reply_markup removes the inline keyboard, as on Telegram.
        return self._apply_edit(entry, {"text": text, "entities": entities or None, "reply_markup": markup.inline})

    async def _api_edit_message_caption(self, p: _Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise _bad("message can't be edited")
        if not any(key in entry.message for key in _MEDIA_KEYS):
            raise _bad("there is no caption in the message to edit")
        caption = self._caption(p)
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(
            entry,
            {
                "caption": caption.get("caption"),
                "caption_entities": caption.get("caption_entities"),
                "reply_markup": markup.inline,
            },
        )

    async def _api_edit_message_reply_markup(self, p: _Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise _bad("message can't be edited")
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(entry, {"reply_markup": markup.inline})

    async def _api_edit_message_media(self, p: _Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise _bad("message can't be edited")
        if not any(key in entry.message for key in _MEDIA_KEYS):
            raise _bad("there is no media in the message to edit")
        markup = self._markup(p, inline_only=True)
        content = await self._media_content(p, p.json_("media"), allowed=("photo", "document"))
        changes: JSON = {key: None for key in (*_MEDIA_KEYS, "caption", "caption_entities", "has_media_spoiler")}
        changes.update(content)
        changes["reply_markup"] = markup.inline
        return self._apply_edit(entry, changes)

    def _delete(self, chat: FakeChat, entry: _Entry) -> None:
        if not entry.from_bot and not chat.is_private and not chat.bot_is_admin:
            raise _bad("message can't be deleted")
        entry.deleted = True
        self._signal.fire()

    async def _api_delete_message(self, p: _Params) -> bool:
        chat = self._param_chat(p, sending=False)
        message_id = p.int_("message_id")
        entry = self._index.get((chat.id, message_id)) if message_id is not None else None
        if entry is None or entry.deleted:
            raise _bad("message to delete not found")
        self._delete(chat, entry)
        return True

    async def _api_delete_messages(self, p: _Params) -> bool:
        chat = self._param_chat(p, sending=False)
        ids = p.json_("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise _bad("message_ids must be a list of 1-100 identifiers")
        for message_id in ids:
            entry = self._index.get((chat.id, int(message_id)))
            if entry is not None and not entry.deleted:
                self._delete(chat, entry)
        return True

    async def _api_answer_callback_query(self, p: _Params) -> bool:
        query_id = p.str_("callback_query_id") or ""
        state = self._callback_queries.get(query_id)
        if state is None or state.answered or state.expired:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = p.str_("text")
        if text is not None and len(text) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        state.answered = True
        self.callback_answers.append(
            CallbackAnswer(
                callback_query_id=query_id,
                text=text,
                show_alert=p.bool_("show_alert"),
                url=p.str_("url"),
                cache_time=p.int_("cache_time"),
                time=time.monotonic(),
            )
        )
        return True

    async def _api_get_file(self, p: _Params) -> JSON:
        file_id = p.str_("file_id")
        stored = self._files.get(file_id or "")
        if stored is None:
            raise _bad("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_BYTES:
            raise _bad("file is too big")
        return stored.file_info()

    async def _api_get_chat(self, p: _Params) -> JSON:
        chat = self._param_chat(p, sending=False)
        info = chat.to_api()
        info.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": True,
                    "limited_gifts": True,
                    "unique_gifts": True,
                    "premium_subscription": True,
                    "gifts_from_channels": True,
                },
            }
        )
        return info

    # ---- transcript formatting ------------------------------------------------------------------------

    def _describe_entry(self, entry: _Entry) -> str:
        message = entry.message
        if entry.from_bot:
            who = "bot"
        elif "from" in message:
            who = f"{message['from'].get('first_name')} ({message['from']['id']})"
        else:
            who = "(service)"
        parts = [f"#{message['message_id']} {who}:"]
        if "photo" in message:
            largest = message["photo"][-1]
            parts.append(f"[photo {largest['width']}x{largest['height']}]")
        if "document" in message:
            parts.append(f"[document {message['document'].get('file_name')!r}]")
        if "media_group_id" in message:
            parts.append(f"[album {message['media_group_id']}]")
        for key in ("new_chat_members", "forum_topic_created", "sticker"):
            if key in message:
                parts.append(f"[{key}]")
        body = message.get("text", message.get("caption"))
        if body is not None:
            parts.append(repr(body if len(body) <= 200 else body[:197] + "..."))
        if "reply_to_message" in message:
            parts.append(f"(reply to #{message['reply_to_message']['message_id']})")
        if "message_thread_id" in message:
            parts.append(f"(thread {message['message_thread_id']})")
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        if rows:
            parts.append("[" + " | ".join(str(b.get("text")) for row in rows for b in row) + "]")
        if "edit_date" in message:
            parts.append("(edited)")
        if entry.deleted:
            parts.append("(deleted)")
        if not entry.from_bot and entry.update_id is None:
            parts.append("(not delivered to the bot)")
        return " ".join(parts)


# ----------------------------------------------------------------------------------------------------
# Module helpers
# ----------------------------------------------------------------------------------------------------


def _summary(message: Mapping[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "(no text)")


def _json_response(body: JSON, status: int) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type="application/json")


async def _read_params(request: Request) -> tuple[JSON, dict[str, UploadedFile]]:
    """Parameters from the query string and a JSON, urlencoded or multipart body (body wins)."""
    raw: JSON = dict(request.query_params)
    files: dict[str, UploadedFile] = {}
    header = request.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    if content_type == "application/json":
        body = await request.body()
        if body.strip():
            try:
                decoded = json.loads(body)
            except ValueError:
                raise _bad("can't parse JSON encoded request parameters") from None
            if not isinstance(decoded, dict):
                raise _bad("can't parse JSON encoded request parameters")
            raw.update(decoded)
    elif content_type == "application/x-www-form-urlencoded":
        body = await request.body()
        raw.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    elif content_type == "multipart/form-data":
        boundary = _header_params(header).get("boundary")
        if not boundary:
            raise _bad("can't parse multipart/form-data request: no boundary")
        for headers, content in _split_multipart(await request.body(), boundary.encode()):
            disposition = _header_params(headers.get("content-disposition", ""))
            name = disposition.get("name")
            if name is None:
                continue
            if "filename" in disposition:
                files[name] = UploadedFile(name, disposition["filename"], headers.get("content-type"), content)
            else:
                raw[name] = content.decode("utf-8", "replace")
    return {key: _normalize(key, value) for key, value in raw.items()}, files


_HEADER_PARAM_RE: Final = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def _header_params(value: str) -> dict[str, str]:
    """``name="photo"; filename="a.jpg"`` -> dict; undoes the quoting httpx and browsers apply (HTML5 rules)."""
    params: dict[str, str] = {}
    for match in _HEADER_PARAM_RE.finditer(value):
        raw = match.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        for escaped, char in (("%22", '"'), ("%0D", "\r"), ("%0A", "\n")):
            raw = raw.replace(escaped, char)
        params[match.group(1).lower()] = raw
    return params


def _split_multipart(body: bytes, boundary: bytes) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a multipart/form-data body as (lower-cased headers, content).

    Written out here (rather than using python-multipart) because the format is simple and the fake should
    not depend on an optional Starlette extra.
    """
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, separator, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not separator:
            raise _bad("can't parse multipart/form-data request")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, colon, value = line.partition(":")
            if colon:
                headers[key.strip().lower()] = value.strip()
        parts.append((headers, content.removesuffix(b"\r\n")))
    return parts


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not button["text"]:
        raise _bad("BUTTON_TEXT_INVALID")
    actions = (
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    )
    if not any(key in button for key in actions):
        raise _bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES):
        raise _bad("BUTTON_DATA_INVALID")


def _scope_key(scope: Any) -> str:
    if scope is None:
        return "default"
    if not isinstance(scope, dict) or "type" not in scope:
        raise _bad("can't parse BotCommandScope JSON object")
    kind = scope["type"]
    if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        return str(kind)
    if kind in ("chat", "chat_administrators"):
        return f"{kind}:{_normalize('chat_id', scope.get('chat_id'))}"
    if kind == "chat_member":
        chat_id, user_id = (
            _normalize("chat_id", scope.get("chat_id")),
            _normalize("user_id", scope.get("user_id")),
        )
        return f"chat_member:{chat_id}:{user_id}"
    raise _bad("wrong bot command scope type specified")


def _extension(file_name: str, mime_type: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix and re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix):
        return suffix.lower()
    guessed = mimetypes.guess_extension(mime_type) or ".bin"
    return guessed.lstrip(".")
