"""Small helpers every handler uses to answer in the person's language and in the right place."""

from __future__ import annotations

import re

from telegram import Message, ReplyParameters, Update
from telegram.constants import ChatType

from bot.i18n import Catalog
from handlers.context import Context


def catalog_for(update: object, context: Context) -> Catalog:
    """The language of this update's chat: the group's, if its admins chose one, else the sender's
    (see :mod:`bot.languages`)."""
    user = update.effective_user if isinstance(update, Update) else None
    chat = update.effective_chat if isinstance(update, Update) else None
    return context.services.languages.catalog(
        chat_id=chat.id if chat else None,
        user_id=user.id if user else None,
        language_code=user.language_code if user else None,
    )


def is_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


async def reply(update: Update, text: str) -> Message | None:
    """Reply to the message that caused ``update`` (same chat, same forum topic)."""
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(text, do_quote=not is_private(message))


def reply_to(message_id: int) -> ReplyParameters:
    """Reply to a message, and still send when it has been deleted meanwhile."""
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True)


# -- long texts ------------------------------------------------------------------------------------------------

TEXT_LIMIT = 4096  # Telegram's limit for one message's text
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\n|[^<&\n]|[<&]")


def _units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _tag_name(tag: str) -> str:
    return re.split(r"[\s/>]", tag.lstrip("</"), maxsplit=1)[0].lower()


def _after(stack: list[str], token: str) -> list[str]:
    """The open tags after ``token``."""
    if not token.startswith("<") or token.endswith("/>") or len(token) < 3:
        return stack
    if token.startswith("</"):
        name = _tag_name(token)
        for index in range(len(stack) - 1, -1, -1):
            if _tag_name(stack[index]) == name:
                return stack[:index] + stack[index + 1 :]
        return stack
    return [*stack, token]


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def split_html(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """``text`` (HTML) as parts of at most ``limit`` characters each, measured on the HTML itself (never shorter
    than the text Telegram counts after parsing it). Parts end at line ends where possible (that line end is
    dropped); never inside a tag or an entity (``&lt;``); a tag still open where a part ends is closed there and
    opened again at the start of the next part, so every part is valid HTML on its own."""
    if _units(text) <= limit:
        return [text]
    tokens = _TOKEN.findall(text)
    parts: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(tokens):
        prefix = "".join(stack)
        budget = limit - _units(prefix)
        j, size, open_now = i, 0, stack
        cut: tuple[int, list[str]] | None = None  # just after the last line end that fits
        while j < len(tokens):
            after = _after(open_now, tokens[j])
            width = _units(tokens[j])
            if size + width + _units(_closing(after)) > budget:
                break
            size, open_now, j = size + width, after, j + 1
            if tokens[j - 1] == "\n":
                cut = (j, open_now)
        if j == len(tokens):
            end, end_stack = j, open_now
        elif cut is not None:
            end, end_stack = cut
        elif j > i:
            end, end_stack = j, open_now
        else:  # one token wider than a part (cannot happen with Telegram's limit): it goes alone
            end, end_stack = i + 1, _after(stack, tokens[i])
        body = "".join(tokens[i:end])
        if end < len(tokens) and body.endswith("\n"):
            body = body[:-1]
        part = prefix + body + _closing(end_stack)
        if part.strip():
            parts.append(part)
        stack, i = end_stack, end
    return parts


async def reply_long(update: Update, text: str) -> None:
    """Reply with ``text``, in as many messages as Telegram's limit needs (see :func:`split_html`)."""
    for part in split_html(text):
        await reply(update, part)
