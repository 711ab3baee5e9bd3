"""/start and /help."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from handlers.context import Context
from handlers.replies import catalog_for, reply


async def start(update: Update, context: Context) -> None:
    if update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE:
        await help_command(update, context)
        return
    catalog = catalog_for(update, context)
    name = update.effective_user.first_name if update.effective_user else ""
    await reply(update, catalog("start", name=name))


async def help_command(update: Update, context: Context) -> None:
    catalog = catalog_for(update, context)
    private = update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE
    await reply(update, catalog("help-private" if private else "help-group"))
