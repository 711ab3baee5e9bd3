"""Starting a job from any gesture (a button, a command, a caption, an album) and saying why it did not."""

from __future__ import annotations

from telegram import CallbackQuery, Message

from bot.context import Context
from bot.i18n import Catalog
from bot.providers.router import Operation
from storage.jobs import Banned, Busy, Duplicate, NewJob, Opened, OutOfQuota
from storage.requests import PhotoRequest


async def launch(
    context: Context,
    texts: Catalog,
    *,
    request: PhotoRequest,
    user_id: int,
    operation: Operation,
    params: dict[str, object],
    key: str,
    face: PhotoRequest | None = None,
    query: CallbackQuery | None = None,
    message: Message | None = None,
) -> bool:
    """Submit the job; tell the person (in the callback answer, or a reply) when it did not start."""
    services = context.services
    if operation not in services.providers.available():
        await _tell(texts("op-unavailable"), query, message)
        return False
    outcome = await services.runner.submit(
        NewJob(
            key=key, request_id=request.id, user_id=user_id, chat_id=request.chat_id, operation=operation.value,
            cost=services.settings.cost_of(operation.value), params=dict(params),
            face_request_id=face.id if face else None,
        )
    )
    if isinstance(outcome, Opened):
        if query is not None:
            await query.answer()
        return True
    if isinstance(outcome, Duplicate):
        text = texts("duplicate")
    elif isinstance(outcome, Busy):
        text = texts("busy")
    elif isinstance(outcome, Banned):
        text = texts("banned")
    else:
        assert isinstance(outcome, OutOfQuota)
        reset = services.quota_clock.next_reset()
        text = texts(
            "out-of-quota", limit=outcome.allowance.daily_limit, reset=reset.strftime("%H:%M"),
            zone=services.settings.quota_timezone,
        )
    await _tell(text, query, message)
    return False


async def _tell(text: str, query: CallbackQuery | None, message: Message | None) -> None:
    if query is not None:
        await query.answer(text, show_alert=True)
    elif message is not None:
        await message.reply_text(text, do_quote=True)
