"""Starting a job from any gesture (a button, a command, a caption, an album) and saying why it did not."""

from __future__ import annotations

from dataclasses import replace

from telegram import CallbackQuery, Message

from bot.i18n import Catalog
from bot.operations import Operation
from handlers import faces
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
    # Which face? Or: no face found. Asked here, before anything is reserved; an answer comes back here.
    asked = not await faces.ready(
        context,
        catalog,
        request=request,
        user_id=user_id,
        operation=operation,
        params=params,
        key=key,
        face=face,
        query=query,
    )
    if asked:
        return False
    new = NewJob(
        key=key,
        request_id=request.id,
        user_id=user_id,
        chat_id=request.chat_id,
        operation=operation.value,
        cost=services.settings.cost_of(operation.value) * int(str(params.get("face_count", 1))),  # Everyone: per face
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
        text = catalog(
            "out-of-quota",
            limit=outcome.allowance.daily_limit,
            reset=catalog.time(services.quota_clock.next_reset()),
            zone=services.settings.quota_timezone,
        )
    await _tell(context, text=text, request=request, query=query, message=message)
    return False


async def _tell(
    context: Context, *, text: str, request: PhotoRequest, query: CallbackQuery | None, message: Message | None
) -> None:
    """Say why nothing started: in the button's alert, as a reply to the gesture, or (an album, which has
    no single gesture to answer) as a reply to the photo."""
    if query is not None:
        await query.answer(text, show_alert=True)
    elif message is not None:
        await message.reply_text(text, do_quote=True)
    else:
        await context.bot.send_message(
            request.chat_id, text, reply_parameters=reply_to(request.message_id), message_thread_id=request.thread_id
        )
