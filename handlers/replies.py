"""Small helpers every handler uses to answer in the person's language and in the right place."""

from __future__ import annotations

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
