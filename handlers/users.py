"""Runs first for every update: remember the person, and keep the bot to the chats it may serve."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers import payments
from handlers.context import Context


async def remember_user(update: object, context: Context) -> None:
    if not isinstance(update, Update) or payments.is_payment_update(update):
        # Money is handled whatever the chat, and the pre-checkout answer waits for nothing (not even this write).
        return
    chat = update.effective_chat
    settings = context.services.settings
    if chat is not None:
        private = chat.type == ChatType.PRIVATE
        if (private and not settings.private_chats) or (
            not private and settings.allowed_chat_ids and chat.id not in settings.allowed_chat_ids
        ):
            if update.callback_query is not None:  # a button from before the chat was excluded: no spinner
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        return
    await context.services.users.record_seen(
        user.id, username=user.username, first_name=user.first_name, language_code=user.language_code
    )
