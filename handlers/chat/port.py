"""The chat side of a job (:class:`bot.jobs.port.ChatPort`) with python-telegram-bot: fetch the photo, show
progress in the menu the job was started from (else in one status message), deliver the result as a reply to
the photo, or say what went wrong.

A menu that showed the job's progress is turned back into the main menu (its prompt and buttons, for another
edit) once the job has ended; the result, or the failure notice, comes as a reply to the photo. So the new
messages of a request are its menu and its answer, nothing more.

Delivery is one attempt per call (the runner retries and decides when to give up): the result goes as a photo,
or as a document when it was fitted as one or when Telegram refuses the photo (``PHOTO_INVALID_DIMENSIONS``,
``PHOTO_SAVE_FILE_INVALID``, ``IMAGE_PROCESS_FAILED``). Telegram's answers are turned into the runner's words:
``ChatMoved`` (the group became a supergroup), ``ChatUnreachable`` (blocked, removed, chat gone),
``ResultRefused`` (refused as a document too) and ``DeliveryDelayed`` (5xx, timeouts, flood waits).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, InputFile
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import imaging
from bot.i18n import Catalog
from bot.jobs.every_age import ages_of
from bot.jobs.types import (
    ChatMoved,
    ChatUnreachable,
    DeliveryDelayed,
    Failure,
    FailureKind,
    JobResult,
    PhotoUnavailable,
    QueueInfo,
    ResultRefused,
    Stage,
)
from bot.languages import Languages
from bot.operations import Operation
from bot.providers.errors import ErrorCategory, ProviderError
from bot.quota_clock import QuotaClock
from bot.telegram_files import PhotoFiles
from handlers import faces, keyboards
from handlers.chat.status import StatusBoard
from handlers.replies import reply_to
from storage.jobs import STATUS_POSTING, Job, JobsRepository
from storage.quota import QuotaRepository
from storage.requests import PhotoRequest, RequestsRepository

log = logging.getLogger(__name__)
T = TypeVar("T")

# Pauses between attempts of a call that must get through (a result, a failure notice, the photo download)
# when Telegram answers 5xx, times out, or still says 429 after the rate limiter's own retries.
RETRY_PAUSES = (0.5, 1.0, 2.0, 4.0)
MAX_CACHED_JOBS = 10_000  # running jobs whose language and photo the port keeps (a bound, should jobs end unseen)


async def patiently(call: Callable[[], Awaitable[T]], what: str, pauses: tuple[float, ...] = RETRY_PAUSES) -> T:
    """``call()``, repeated after a transient Telegram failure (5xx, timeout, flood wait).

    A refusal (``BadRequest``, ``Forbidden``) is final and raised at once. Repeating a send that timed out may
    show the message twice: for results and failure notices that is better than never showing them.
    """
    for attempt, pause in enumerate((*pauses, None), start=1):
        try:
            return await call()
        except BadRequest:
            raise
        except (NetworkError, RetryAfter) as error:
            if pause is None:
                raise
            if isinstance(error, RetryAfter):
                retry_after = error.retry_after
                pause = max(pause, retry_after if isinstance(retry_after, int | float) else retry_after.total_seconds())
            log.info("%s: attempt %d failed (%s), again in %.1f s", what, attempt, error, pause)
            await asyncio.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


# What Telegram says when a photo breaks its rules (lower case; python-telegram-bot capitalises the first
# letter), or when photos are not allowed in the chat: then the same file goes as a document.
_PHOTO_REFUSALS = (
    "photo_invalid_dimensions",
    "photo_save_file_invalid",
    "image_process_failed",
    "photo_ext_invalid",
    "not enough rights to send photos",
)
# Chats the bot cannot write to at all: nobody to deliver to, nobody to tell.
_CHAT_GONE = (
    "chat not found",
    "group chat was deactivated",
    "have no rights to send a message",
    "not enough rights to send text messages",
    "chat_write_forbidden",
)

_STAGE_TEXT = {
    Stage.QUEUED: "stage-queued",
    Stage.PREPARING: "stage-preparing",
    Stage.SENT: "stage-sent",
}


class TelegramChatPort:
    def __init__(
        self,
        bot: Bot,
        *,
        languages: Languages,
        requests: RequestsRepository,
        jobs: JobsRepository,
        quota: QuotaRepository,
        clock: QuotaClock,
        available: frozenset[Operation],
        status_delay: float = 1.0,
        result_buttons: bool = False,
        files: PhotoFiles | None = None,
    ) -> None:
        self._bot = bot
        self._files = files or PhotoFiles(bot)  # shared with the face detection (see bot.telegram_files)
        self._jobs = jobs
        self._languages = languages
        self._requests = requests
        self._quota = quota
        self._clock = clock
        self._available = available
        self._result_buttons = result_buttons  # results are kept (RESULT_KEEP): "Before / after", "Full quality"
        self._board = StatusBoard(bot, jobs, delay=status_delay, min_interval=status_delay)
        self._as_document: set[str] = set()  # jobs whose photo Telegram refused: their next attempts send a file
        self._catalogs: dict[tuple[str, int], Catalog] = {}  # (job id, chat id) -> its language, while it runs
        self._photos: dict[tuple[str, int], PhotoRequest] = {}  # (job id, chat id) -> its photo, while it runs

    async def _catalog(self, job: Job) -> Catalog:
        """The language of the chat the job runs in (the group's, else the person's): looked up once per job and
        chat (a job asks for it at each stage and at its end; each lookup is a database read)."""
        key = (job.id, job.chat_id)
        catalog = self._catalogs.get(key)
        if catalog is None:
            if len(self._catalogs) >= MAX_CACHED_JOBS:  # jobs that ended without a word: forget them all
                self._catalogs.clear()
            catalog = self._catalogs[key] = await self._languages.catalog_in(job.chat_id, job.user_id)
        return catalog

    def _forget(self, job: Job) -> None:
        self._as_document.discard(job.id)
        self._catalogs.pop((job.id, job.chat_id), None)
        self._photos.pop((job.id, job.chat_id), None)

    async def _request(self, job: Job) -> PhotoRequest:
        """The job's photo request, read once per job and chat (each stage and the delivery need it; a chat that
        moved is a new key, so the moved request is read again)."""
        key = (job.id, job.chat_id)
        request = self._photos.get(key)
        if request is None:
            request = await self._requests.get(job.request_id)
            if request is None:
                raise PhotoUnavailable(job.request_id)
            if len(self._photos) >= MAX_CACHED_JOBS:  # jobs that ended without a word: forget them all
                self._photos.clear()
            self._photos[key] = request
        return request

    async def download(self, request: PhotoRequest, rules: imaging.ImageRules) -> bytes:
        sizes = [(s.width, s.height, s.file_size) for s in request.sizes]
        chosen = request.sizes[imaging.choose_photo_size(sizes, rules)] if sizes else None
        if chosen is None:
            raise PhotoUnavailable(request.id)

        try:
            return await patiently(lambda: self._files.fetch(chosen.file_id), f"downloading {request.id}")
        except BadRequest as error:  # "file is too big", "wrong file_id or the file is temporarily unavailable"
            raise PhotoUnavailable(str(error)) from None
        except (NetworkError, RetryAfter) as error:  # Telegram kept failing: a hiccup, worth another try later
            raise ProviderError("telegram", ErrorCategory.TRANSIENT, code="download", detail=str(error)) from None

    async def progress(self, job: Job, stage: Stage, queue: QueueInfo | None = None) -> None:
        """Show ``stage`` in the job's one status message (see :class:`handlers.chat.status.StatusBoard`).

        Waiting for a slot and face swaps (a minute or two) are shown at once; the rest only if the job is
        still going ``status_delay`` later. A closed chat (the person blocked the bot) found while showing a
        status at once, before the paid call, stops the job: a result nobody can receive is not worth paying
        for. (A quick job finds out only when its result is refused: the vendor call was cheap.) A waiting job
        says its place in line and, when known, about how long it will wait (``queue``).
        """
        if stage is Stage.PREPARING and job.chat_id < 0:
            return  # in groups every call counts against 20 per minute: results need them more
        catalog = await self._catalog(job)
        swap = job.operation == Operation.SWAP_FACES
        key = "stage-sent-swap" if stage is Stage.SENT and swap else _STAGE_TEXT[stage]
        if stage is Stage.QUEUED and queue is not None:
            text = queue_text(catalog, _operation_text(catalog, job), queue)
        else:
            text = catalog(key, operation=_operation_text(catalog, job))
        request = await self._request(job)
        try:
            await self._board.show(
                job,
                text,
                reply_to_id=request.message_id,
                thread_id=request.thread_id,
                urgent=stage is Stage.QUEUED or swap,
                menu_id=_menu_of(job, request),
            )
        except Forbidden as error:
            raise ChatUnreachable(str(error)) from None
        except TelegramError as error:  # progress is a courtesy: never fail a paid job over it
            log.info("job %s: progress not shown (%s)", job.id, error)

    async def deliver(self, job: Job, result: JobResult) -> None:
        """One attempt (see the module docstring); returns as soon as Telegram accepted the result."""
        await self._board.finish(job)  # first: no status may appear after the result
        catalog = await self._catalog(job)
        request = await self._request(job)
        allowance = await self._quota.allowance(job.user_id, self._clock.today())
        left = catalog("quota-left", left=allowance.daily_left, credits=allowance.spendable)
        caption = f"{_done_text(catalog, job, result)}{faces.face_note(catalog, job.params)}\n{left}"
        moved = request.moved_from_chat_id is not None  # the photo's message id belongs to the old chat
        reply = None if moved else reply_to(request.message_id)
        thread_id = None if moved else request.thread_id
        markup = keyboards.main_menu(catalog, request.id, self._available)
        if self._result_buttons:
            detection = job.operation == Operation.DETECT_GENDER  # the same photo with a box: nothing to compare
            markup = keyboards.result_menu(catalog, request.id, self._available, job.id, before_after=not detection)
        try:
            if result.as_photo and job.id not in self._as_document:
                try:
                    await self._bot.send_photo(
                        job.chat_id,
                        result.image,
                        caption=caption,
                        reply_parameters=reply,
                        message_thread_id=thread_id,
                        reply_markup=markup,
                    )
                    return
                except BadRequest as error:
                    if not any(marker in error.message.lower() for marker in _PHOTO_REFUSALS):
                        raise
                    log.info("job %s: Telegram refused the photo (%s); sending it as a document", job.id, error)
                    self._as_document.add(job.id)
            document = InputFile(result.image, filename=file_name(result.content_type))
            await self._bot.send_document(
                job.chat_id,
                document,
                caption=caption,
                reply_parameters=reply,
                message_thread_id=thread_id,
                reply_markup=markup,
            )
            self._as_document.discard(job.id)
        except ChatMigrated as error:
            raise ChatMoved(int(error.new_chat_id)) from None
        except Forbidden as error:
            raise ChatUnreachable(str(error)) from None
        except BadRequest as error:
            if any(marker in error.message.lower() for marker in _CHAT_GONE):
                raise ChatUnreachable(str(error)) from None
            raise ResultRefused(str(error)) from None
        except RetryAfter as error:
            raise DeliveryDelayed(str(error), _seconds(error.retry_after)) from None
        except NetworkError as error:  # 5xx, timeouts, connection trouble; and 413, which is a refusal
            if "entity too large" in error.message.lower():
                raise ResultRefused(str(error)) from None
            raise DeliveryDelayed(str(error)) from None
        except TelegramError as error:
            raise DeliveryDelayed(str(error)) from None

    async def remove_status(self, job: Job) -> bool:
        """Delete the job's status message, if its id is known (a menu that showed the status is turned back
        into the main menu instead). True when nothing is left to remove (deleted or restored, already gone,
        or in a chat the bot cannot touch any more); False when Telegram kept failing (the id is kept, and the
        next start tries again). Never raises: it is tidy-up."""
        await self._board.finish(job)
        try:
            return await self._remove_status(job)
        finally:
            self._forget(job)

    async def _remove_status(self, job: Job) -> bool:
        status_id = job.status_message_id
        if not status_id and job.params.get(keyboards.MENU_PROMPT_PARAM):  # still the job's prompt: the menu again
            status_id = job.params.get(keyboards.MENU_PARAM)
        if not isinstance(status_id, int) or not status_id:  # none, or STATUS_POSTING: sent (maybe) but never known
            return True
        what = f"job {job.id}: status removal"
        try:
            if status_id == job.params.get(keyboards.MENU_PARAM):
                await self._restore_menu(job, status_id)
            else:
                await patiently(lambda: self._bot.delete_message(job.chat_id, status_id), what)
        except (BadRequest, Forbidden, ChatMigrated) as error:  # already gone, or a chat closed to the bot
            log.info("job %s: status message not removed (%s)", job.id, error)
        except TelegramError as error:
            log.warning("job %s: status message not removed yet (%s); the next start will", job.id, error)
            return False
        return True

    async def _restore_menu(self, job: Job, message_id: int) -> None:
        """Turn the menu that showed the job's status back into the main menu."""
        catalog = await self._catalog(job)
        markup = keyboards.main_menu(catalog, job.request_id, self._available)
        text = catalog("menu-prompt")
        await patiently(
            lambda: self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=message_id, reply_markup=markup),
            f"job {job.id}: menu restored",
        )

    async def fail(self, job: Job, failure: Failure) -> None:
        """Tell the person how the job ended: in its status message when there is one, else in a new message."""
        try:
            await self._fail(job, failure)
        finally:
            self._forget(job)

    async def _fail(self, job: Job, failure: Failure) -> None:
        catalog = await self._catalog(job)
        text = failure_text(catalog, failure)
        if failure.kind is not FailureKind.INTERRUPTED:  # that text says it already
            text = f"{text}\n{catalog('not-free')}"
        message_id = await self._board.finish(job)
        request = await self._requests.get(job.request_id)
        if message_id is None and request is not None and job.params.get(keyboards.MENU_PROMPT_PARAM):
            message_id = _menu_of(job, request)  # the menu still shows the job's prompt: it becomes the menu again
        what = f"job {job.id}: failure notice"
        try:
            if message_id is not None and request is not None and message_id == _menu_of(job, request):
                try:  # the menu showed the status: it becomes the menu again, the notice comes as a reply
                    await self._restore_menu(job, message_id)
                except BadRequest as error:
                    log.info("job %s: menu not restored (%s)", job.id, error)
                message_id = None
            if message_id is not None and message_id != STATUS_POSTING:
                try:
                    await patiently(
                        lambda: self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=message_id), what
                    )
                    return
                except BadRequest as error:
                    if "not modified" in error.message.lower():
                        return  # it says so already: told before a crash kept that from being recorded
                    # else the status message is gone: say it in a new message
            moved = request is None or request.moved_from_chat_id is not None
            await patiently(
                lambda: self._bot.send_message(
                    job.chat_id,
                    text,
                    reply_parameters=None if moved or request is None else reply_to(request.message_id),
                    message_thread_id=None if moved or request is None else request.thread_id,
                ),
                what,
            )
        except ChatMigrated as error:
            raise ChatMoved(int(error.new_chat_id)) from None
        except Forbidden:
            log.info("job %s: the person blocked the bot; not told", job.id)


def failure_text(catalog: Catalog, failure: Failure) -> str:
    """The plain-words message for a failure: the photo problem when known, else its category."""
    if failure.kind is FailureKind.BAD_IMAGE:
        return catalog(f"fail-{failure.detail or 'not_an_image'}", min=failure.min_side or 0)
    if failure.kind is FailureKind.UNUSABLE_PHOTO and failure.detail and failure.detail != "other":
        return catalog(f"fail-{failure.detail}")
    return catalog(f"fail-{failure.kind.value}")


def queue_text(catalog: Catalog, operation: str, queue: QueueInfo) -> str:
    """ "3rd in line, about 20 s": the place as an ordinal of the language, the wait in seconds or minutes."""
    place = catalog("queue-ordinal", place=queue.place, ordinal=catalog.ordinal_form(queue.place))
    if queue.seconds is None:
        return catalog("stage-queued-place", operation=operation, place=place)
    if queue.seconds < 60:
        wait = catalog("queue-wait-seconds", seconds=queue.seconds)
    else:
        wait = catalog("queue-wait-minutes", minutes=round(queue.seconds / 60))
    return catalog("stage-queued-place-wait", operation=operation, place=place, wait=wait)


def _menu_of(job: Job, request: PhotoRequest) -> int | None:
    """The menu message the job was started from, if any, while it is in the job's chat (a group that became
    a supergroup has new message ids)."""
    menu = job.params.get(keyboards.MENU_PARAM)
    return menu if isinstance(menu, int) and request.moved_from_chat_id is None else None


def _seconds(value: object) -> float | None:
    """``RetryAfter.retry_after`` (seconds, or a timedelta in newer python-telegram-bot) in seconds."""
    if isinstance(value, int | float):
        return float(value)
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else None


def file_name(content_type: str) -> str:
    """A name for a result sent as a file (the extension tells the person's device what it is)."""
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}.get(content_type)
    return f"faceshift.{extension or 'bin'}"


def _operation_text(catalog: Catalog, job: Job) -> str:
    return catalog(f"op-{job.operation}", age=_age_text(job.params))


def _age_text(params: dict[str, object]) -> str:
    """The age of an age job, or the ages of an "every age" job ("50, 65, 80")."""
    ages = ages_of(params)
    return ", ".join(str(age) for age in ages) if ages else str(params.get("age", ""))


def _done_text(catalog: Catalog, job: Job, result: JobResult) -> str:
    if job.operation == Operation.DETECT_GENDER and result.verdict is not None:
        v = result.verdict
        return catalog(
            "done-detect_gender",
            gender=v.gender.value,
            confidence=round(v.confidence * 100),
            beard="yes" if v.beard else "no",
        )
    if job.operation == Operation.SWAP_GENDER:
        to = result.to_gender.value if result.to_gender else "female"
        if result.verdict is not None:
            return catalog("done-swap_gender-detected", gender=result.verdict.gender.value, to=to)
        return catalog("done-swap_gender", to=to)
    asked = ages_of(job.params)
    if asked and result.ages_done is not None:
        done = catalog("done-every-age", ages=", ".join(str(age) for age in result.ages_done))
        missing = [age for age in asked if age not in result.ages_done]
        if missing:  # plain words: what could not be made, and that it was not charged
            done += "\n" + catalog("every-age-partial", ages=", ".join(str(age) for age in missing), count=len(missing))
        return done
    return catalog(f"done-{job.operation}", age=job.params.get("age", ""))
