"""Starting a job from any gesture (a button, a command, a caption, an album) and saying why it did not."""

from __future__ import annotations

from dataclasses import replace

from telegram import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import Catalog
from bot.operations import Operation
from handlers import payments
from handlers.context import Context
from handlers.replies import reply_to
from storage.jobs import RETRYABLE, UNSETTLED, Banned, Busy, Duplicate, NewJob, Opened, OutOfQuota
from storage.requests import PhotoRequest


async def launch(
    context: Context,
    catalog: Catalog,
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
        await _tell(context, text=catalog("op-unavailable"), request=request, query=query, message=message)
        return False
    new = NewJob(
        key=key,
        request_id=request.id,
        user_id=user_id,
        chat_id=request.chat_id,
        operation=operation.value,
        cost=services.settings.cost_of(operation.value),
        params=dict(params),
        face_request_id=face.id if face else None,
    )
    outcome = await services.runner.submit(new)
    # The same button pressed again after its job failed is a retry (the failure said "try again"): a new job,
    # keyed by the failed one, so a double press of the retry is still one job. Only a press: a command or a
    # caption seen again is Telegram re-delivering an update after a crash, not the person asking again.
    while query is not None and isinstance(outcome, Duplicate) and outcome.job.status in RETRYABLE:
        new = replace(new, key=f"{key}~{outcome.job.id}")
        outcome = await services.runner.submit(new)
    if isinstance(outcome, Opened):
        if query is not None:
            await query.answer()
        return True
    if isinstance(outcome, Duplicate):
        text = catalog("duplicate" if outcome.job.status in UNSETTLED else "duplicate-done")
    elif isinstance(outcome, Busy):
        text = catalog("busy")
    elif isinstance(outcome, Banned):
        text = catalog("banned")
    else:
        assert isinstance(outcome, OutOfQuota)
        get_more = payments.get_more_markup(context, catalog)
        text = catalog(
            "out-of-quota" if get_more is None else "out-of-quota-buy",
            limit=outcome.allowance.daily_limit,
            reset=catalog.time(services.quota_clock.next_reset()),
            zone=services.settings.quota_timezone,
        )
        if outcome.allowance.debt:
            text += "\n" + catalog("quota-debt", debt=outcome.allowance.debt)
        await _tell(context, text=text, request=request, query=query, message=message, markup=get_more)
        return False
    await _tell(context, text=text, request=request, query=query, message=message)
    return False


async def _tell(
    context: Context,
    *,
    text: str,
    request: PhotoRequest,
    query: CallbackQuery | None,
    message: Message | None,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Say why nothing started: in the button's alert, as a reply to the gesture, or (an album, which has
    no single gesture to answer) as a reply to the photo. With buttons (``markup``: "Get more"), a button's
    answer is a message replying to the photo, since an alert cannot hold buttons."""
    if query is not None and markup is None:
        await query.answer(text, show_alert=True)
    elif message is not None:
        await message.reply_text(text, do_quote=True, reply_markup=markup)
    else:
        if query is not None:
            await query.answer()
        await context.bot.send_message(
            request.chat_id,
            text,
            reply_parameters=reply_to(request.message_id),
            message_thread_id=request.thread_id,
            reply_markup=markup,
        )
