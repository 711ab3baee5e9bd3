"""The buttons under a delivered result: "Before / after" and "Full quality". Both are free (no vendor, no quota).

They work while the result is kept (``RESULT_KEEP`` seconds after delivery; see :meth:`JobRunner.kept_result`);
a press after that gets the "expired" alert. Who may press them, and on which message, is checked before this
runs (:mod:`handlers.menu`: the requester only, and the data must be one of the pressed message's buttons); the
job must also be one of the request's own.

- Before / after: the original photo, fetched again from Telegram by its file id (no copy is kept), and the result
  side by side (:func:`bot.imaging.before_after`), labelled in the chat's language (in English when the label
  font cannot write it), with the operator's mark; sent as a photo replying to the result.
- Full quality: the result file's exact bytes, as kept (the fitted result, unmarked unless ``RESULT_MARK_FILES``),
  as a document: Telegram does not recompress documents.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import InputFile, Message, ReplyParameters
from telegram.error import TelegramError

from bot import imaging
from bot.i18n import Catalog
from bot.jobs.types import JobResult, PhotoUnavailable
from bot.providers.errors import ProviderError
from handlers.answers import PressAnswer
from handlers.chat.port import file_name
from handlers.context import Context
from handlers.keyboards import Action, Press
from handlers.replies import reply_to
from storage.requests import PhotoRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where the answer goes: the result's chat, replying to the result, in its topic."""

    chat_id: int
    reply: ReplyParameters | None
    thread_id: int | None


async def on_press(
    context: Context, catalog: Catalog, press: Press, request: PhotoRequest, answer: PressAnswer
) -> None:
    services = context.services
    job = await services.jobs.get(press.argument or "")
    if job is None or job.request_id != request.id:
        await answer.answer(catalog("menu-gone"), alert=True)
        return
    result = await services.runner.kept_result(job)
    if result is None:
        await answer.answer(catalog("result-expired"), alert=True)
        return
    await answer.answer()
    message = answer.query.message
    where = _Where(
        request.chat_id,
        reply_to(message.message_id) if message else None,
        message.message_thread_id if isinstance(message, Message) else request.thread_id,
    )
    try:
        if press.action is Action.FULL_QUALITY:
            await _send_file(context, result, where)
        else:
            await _send_before_after(context, catalog, request, result, where)
    except TelegramError as error:
        log.warning("request %s: the %s could not be sent (%s)", request.id, press.action.name.lower(), error)


async def _send_file(context: Context, result: JobResult, where: _Where) -> None:
    services = context.services
    data = result.image
    if services.settings.result_mark_files:
        data = await services.runner.with_mark(data)
    document = InputFile(data, filename=file_name(result.content_type))
    await context.bot.send_document(
        where.chat_id, document, reply_parameters=where.reply, message_thread_id=where.thread_id
    )


async def _send_before_after(
    context: Context, catalog: Catalog, request: PhotoRequest, result: JobResult, where: _Where
) -> None:
    services = context.services
    runner = services.runner
    try:
        original = await runner.port.download(request, imaging.TELEGRAM_PHOTO_RULES)
    except (PhotoUnavailable, ProviderError) as error:
        log.info("request %s: the original photo is not available (%s)", request.id, error)
        await _say(context, where, catalog("fail-photo_unavailable"))
        return
    labels = (catalog("label-before"), catalog("label-after"))
    if not imaging.can_draw("".join(labels)):  # the font has no glyphs for this script: say it in English
        english = services.texts.get("en")
        labels = (english("label-before"), english("label-after"))
    try:
        picture = await asyncio.to_thread(imaging.before_after, original, result.image, labels)
    except imaging.ImageRejected as rejected:
        log.info("request %s: before / after could not be made (%s)", request.id, rejected.reason)
        await _say(context, where, catalog("error-generic"))
        return
    picture = await runner.with_mark(picture)
    await context.bot.send_photo(
        where.chat_id, picture, reply_parameters=where.reply, message_thread_id=where.thread_id
    )


async def _say(context: Context, where: _Where, text: str) -> None:
    await context.bot.send_message(where.chat_id, text, reply_parameters=where.reply, message_thread_id=where.thread_id)
