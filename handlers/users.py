"""Runs first for every update: remember the person, and keep the bot to the chats it may serve."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.context import Context


async def remember_user(update: object, context: Context) -> None:
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    settings = context.services.settings
    if chat is not None:
        if chat.type == ChatType.PRIVATE and not settings.private_chats:
            raise ApplicationHandlerStop
        if chat.type != ChatType.PRIVATE and settings.allowed_chat_ids and chat.id not in settings.allowed_chat_ids:
            raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        return
    await context.services.users.record_seen(
        user.id, username=user.username, first_name=user.first_name, language_code=user.language_code
    )
