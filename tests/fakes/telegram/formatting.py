"""Text as Telegram stores it: UTF-16 entity offsets, the entities it detects, and the HTML parse mode.

The bot formats with HTML (its default parse mode) or sends plain text; the fake parses HTML closely enough to
catch the classic bug (an unescaped ``<`` from a user's name) with Telegram's wording.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from .limits import JSON, ApiError, bad


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
    entity: JSON | None


def _entities_error(detail: str) -> ApiError:
    return bad(f"can't parse entities: {detail}")


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
                stack.append(_Open(name, builder.len16, entity))
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


def strip_text(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
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

    Supports ``HTML`` (the only parse mode the bot uses) closely enough to catch the classic bug (an
    unescaped ``<`` from a user's name) with Telegram's wording; any other parse mode is refused.
    """
    if not parse_mode:
        entities: list[JSON] = []
        plain = text
    elif parse_mode.lower() == "html":
        plain, entities = _parse_html(text)
    else:
        raise bad("unsupported parse_mode")
    entities.sort(key=lambda e: (int(e["offset"]), -int(e["length"])))
    return strip_text(plain, entities)
