"""The last resort: log what escaped a handler, and tell the person something went wrong.

Telegram's own failures (a 5xx, a timeout, a flood wait the rate limiter gave up on, a message or query that
is gone, a chat that is closed to us) are part of life: they are logged as such, one warning line without a
traceback. Anything else is a bug and is logged as "unhandled error", with its traceback.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from handlers.chat.limits import error_kind
from handlers.context import Context
from handlers.replies import catalog_for

log = logging.getLogger(__name__)

# error_kind() names of the errors that are Telegram's side, not ours ("bad_request" and "other" are ours).
TELEGRAM_SIDE = frozenset(
    {"flood_429", "forbidden_403", "not_modified", "not_found", "query_too_old", "timeout", "network"}
)


def classify(error: BaseException | None) -> str | None:
    """The kind of a Telegram-side failure, or None for an unexpected error (a bug)."""
    if isinstance(error, TelegramError):
        kind = error_kind(error)
        if kind in TELEGRAM_SIDE:
            return kind
    return None


async def on_error(update: object, context: Context) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    kind = classify(context.error)
    if kind is None:
        log.error("unhandled error in update %s", update_id, exc_info=context.error)
    else:
        log.warning("update %s: Telegram failed a call (%s): %s", update_id, kind, context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    if update.callback_query is not None:
        return  # a press answers for itself (handlers.answers): once answered, a later failure is only logged
    try:
        text = catalog_for(update, context)("error-generic")
        if update.effective_message is not None:
            await update.effective_message.reply_text(text)
    except TelegramError:
        log.warning("could not tell the person about the error in update %s", update_id)
