"""The last resort: log what escaped a handler, and tell the person something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import Context
from handlers.replies import catalog_for

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("unhandled error in update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    try:
        text = catalog_for(update, context)("error-generic")
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)
    except TelegramError:
        log.warning("could not tell the person about the error in update %s", update_id)
