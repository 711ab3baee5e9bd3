"""Starting a job from any gesture (a button, a command, a caption, an album) and saying why it did not."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from bot.i18n import Catalog
from bot.jobs import crash_points
from bot.operations import Operation
from handlers import faces, payments
from handlers.answers import PressAnswer
from handlers.context import Context
from handlers.replies import reply_to
from storage.jobs import RETRYABLE, UNSETTLED, Banned, Busy, Duplicate, Job, NewJob, Opened, OutOfQuota
from storage.requests import PhotoRequest

log = logging.getLogger(__name__)

OPENED_BY = "opened_by"
"""Job parameter: the update whose gesture opened the job."""


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
    press: PressAnswer | None = None,
    message: Message | None = None,
    replayed_since: float | None = None,
    update_id: int | None = None,
) -> bool:
    """Submit the job for account ``user_id``; tell the person (in the press's answer, or a reply) when it did
    not start. ``replayed_since``: the gesture's update is being handled again after a crash; it was first
    received then (see ``Context.replayed_since``). ``update_id``: the gesture's update, kept with the job it
    opens (a press handled again knows its own job from another press's)."""
    services = context.services
    if press is not None and replayed_since is not None and update_id is not None:
        said = await services.inbox.said(update_id)
        if said is not None:
            # The first run answered this press with a refusal (or was about to): the same again, and nothing
            # decided anew (that could say something else: a retry where "Already on it" was said). Telegram takes
            # one answer per query, so the alert reaches the person only if the first did not.
            await _tell(
                context, update_id=update_id, text=said, request=request, press=press, message=message, said_before=True
            )
            return False
    if operation not in services.providers.available():
        await _tell(
            context, update_id=update_id, text=catalog("op-unavailable"), request=request, press=press, message=message
        )
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
        press=press,
    )
    if asked:
        return False
    new = NewJob(
        key=key,
        request_id=request.id,
        user_id=user_id,
        chat_id=request.chat_id,
        operation=operation.value,
        cost=services.settings.cost_of(operation.value) * _units(params),
        params=dict(params) | ({OPENED_BY: update_id} if update_id is not None else {}),
        face_request_id=face.id if face else None,
    )
    outcome = await services.runner.submit(new)

    def opened_by_this_update(job: Job) -> bool:  # in the first run of an update handled again after a crash
        if replayed_since is None:
            return False
        if OPENED_BY in job.params and update_id is not None:  # another press of the same button is not this one
            return bool(job.params[OPENED_BY] == update_id)
        return job.created_at >= replayed_since

    def running_when_pressed(job: Job) -> bool:  # a press handled again found this job running the first time
        return replayed_since is not None and job.created_at < replayed_since <= job.updated_at

    # The same button pressed again after its job failed is a retry (the failure said "try again"): a new job,
    # keyed by the failed one, so a double press of the retry is still one job. But not when the job is this very
    # press's, opened before a crash (its release was told by the recovery): that is the same press. Nor when the
    # press came while the job was still running (a double press, handled again after the crash that ended it).
    while (
        press is not None
        and isinstance(outcome, Duplicate)
        and outcome.job.status in RETRYABLE
        and not opened_by_this_update(outcome.job)
        and not running_when_pressed(outcome.job)
    ):
        new = replace(new, key=f"{key}~{outcome.job.id}")
        outcome = await services.runner.submit(new)
    if isinstance(outcome, Opened):
        if press is not None:
            await press.answer()  # never raises: from here on the job's result (or failure) is the answer
        return True
    if isinstance(outcome, Duplicate):
        if press is None or opened_by_this_update(outcome.job):
            # A gesture seen again is its update handled again (the key is the gesture's own message): the first
            # run opened the job, whose result or failure is the answer. Nothing more to say.
            log.info("job %s: its gesture came again; nothing more to say", outcome.job.id)
            return False
        if running_when_pressed(outcome.job):
            # Its first run said "Already on it", or died before: said again, in the alert only (when Telegram
            # refuses it, the press was answered already, or is too old for any answer).
            await _alert(context, press, update_id, catalog("duplicate"))
            return False
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
        await _tell(
            context, update_id=update_id, text=text, request=request, press=press, message=message, markup=get_more
        )
        return False
    await _tell(context, update_id=update_id, text=text, request=request, press=press, message=message)
    return False


def _units(params: dict[str, object]) -> int:
    """How many edits a job makes, each paid at the operation's cost: one per face (Everyone), times one per age
    ("every age at once")."""
    ages = params.get("ages")
    return int(str(params.get("face_count", 1))) * (len(ages) if isinstance(ages, list) else 1)


async def _tell(
    context: Context,
    *,
    update_id: int | None,
    text: str,
    request: PhotoRequest,
    press: PressAnswer | None,
    message: Message | None,
    markup: InlineKeyboardMarkup | None = None,
    said_before: bool = False,
) -> None:
    """Say why nothing started: in the button's alert (or, when the press had to be answered before this was
    known, in the chat), as a reply to the gesture, or (an album, which has no single gesture to answer) as a
    reply to the photo. With buttons (``markup``: "Get more"), a press is answered in the chat, replying to the
    photo, since an alert cannot hold buttons.

    ``said_before``: a press handled again whose first run was about to say ``text`` in its alert (see
    ``InboxRepository.said``).

    Once said, the gesture's update (``update_id``) is marked done at once: this was its final answer, and a crash
    before the handler's end would otherwise have it handled again and the refusal said twice (or, the world having
    changed meanwhile, something else said after it)."""
    if press is not None:
        if markup is None:
            if await _alert(context, press, update_id, text) or (said_before and press.refused):
                # Taken now; or refused ("too old": answered already, by a first run that died before recording
                # it, or expired): in the chat it could be said twice.
                await _answered(context, update_id)
                return
            if update_id is not None:
                await context.services.inbox.note_said(update_id, None)  # not said after all: in the chat, below
        await press.answer()
    try:
        if message is not None:
            await message.reply_text(text, do_quote=True, reply_markup=markup)
        else:
            await context.bot.send_message(
                request.chat_id,
                text,
                reply_parameters=reply_to(request.message_id),
                message_thread_id=request.thread_id,
                reply_markup=markup,
            )
    except TelegramError as error:
        if press is None:
            raise
        log.warning("request %s: could not say why nothing started (%s)", request.id, error)
        return
    await _answered(context, update_id)


async def _alert(context: Context, press: PressAnswer, update_id: int | None, text: str) -> bool:
    """Answer the press with ``text`` in its alert, recorded first with the press's update (see
    ``InboxRepository.said``): a crash after Telegram took it, before the update is marked done, would otherwise
    have the press decided again, and answered twice."""
    if update_id is not None:
        await context.services.inbox.note_said(update_id, text)
    return await press.answer(text, alert=True)


async def _answered(context: Context, update_id: int | None) -> None:
    if update_id is not None:
        await context.services.inbox.mark_done(update_id)
    crash_points.reached("refused")
