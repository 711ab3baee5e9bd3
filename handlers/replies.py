"""Small helpers every handler uses to answer in the person's language and in the right place."""

from __future__ import annotations

from telegram import Message, ReplyParameters, Update, User
from telegram.constants import ChatType

from bot.i18n import Catalog
from handlers.context import Context


def catalog_for(update: object, context: Context) -> Catalog:
    user = update.effective_user if isinstance(update, Update) else None
    return context.services.texts.get(user.language_code if user else None)


def catalog_of(user: User | None, context: Context) -> Catalog:
    return context.services.texts.get(user.language_code if user else None)


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
