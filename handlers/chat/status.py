"""One status per job, shown only when it is worth a Bot API call.

A job that finishes within ``delay`` (most edits take a second or two) shows no status at all: the result is
the answer. A job that must wait for a vendor slot, and a face swap (a minute or two), show theirs at once.
After that the status is edited at most once per ``min_interval`` (the latest stage wins), which keeps a
busy group within Telegram's flood limits, and a change is shown only once it has held for ``SETTLE`` seconds
(at most ``min_interval``): a job that leaves the line prepares its photo in a moment and is with the vendor,
so "preparing" would be shown only to be replaced at once (measured in a burst of 150 requests: one edit in
five), and the job would wait for that edit before its vendor call. Waiting in line is shown at once. Every call
saved is about 1.5 ms of CPU the event loop keeps.

Where the status goes: a job started from a menu shows it in that menu message (its text becomes the stage,
its buttons go while the job runs), so a request costs Telegram's budget of new messages only its menu and
its result. Before the menu is first edited its id is recorded as the job's status message, so recovery
after a crash finds it and turns it back into the menu (or into the failure notice). A job without a menu
(a caption or reply command) gets a new status message: first recorded as being posted (``STATUS_POSTING``),
then sent, then its id recorded: a crash at any point leaves the job saying what it knows, so recovery
removes the message or, when its id was never learnt, answers in a new message after it (see
:mod:`storage.jobs`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.jobs import crash_points
from handlers.replies import reply_to
from storage.jobs import STATUS_POSTING, Job, JobsRepository

log = logging.getLogger(__name__)

SETTLE = 0.5
"""Seconds a new stage of a status already shown must hold before it is shown (capped by ``min_interval``)."""


@dataclass
class _Status:
    chat_id: int
    reply_to_id: int
    thread_id: int | None
    message_id: int | None = None
    recorded: bool = False  # message_id is recorded as the job's status message
    text: str = ""  # what should be shown
    shown: str = ""  # what is shown
    changed_at: float = 0.0
    timer: asyncio.TimerHandle | None = None  # a callback, not a task: most jobs end before it is due
    flushing: asyncio.Lock = field(default_factory=asyncio.Lock)


class StatusBoard:
    def __init__(self, bot: Bot, jobs: JobsRepository, *, delay: float = 1.0, min_interval: float = 1.0) -> None:
        self._bot = bot
        self._jobs = jobs
        self._delay = delay
        self._min_interval = min_interval
        self._settle = min(SETTLE, min_interval)
        self._state: dict[str, _Status] = {}
        self._flushes: set[asyncio.Task[None]] = set()  # flushes under way, kept until done

    async def show(
        self, job: Job, text: str, *, reply_to_id: int, thread_id: int | None, urgent: bool, menu_id: int | None
    ) -> None:
        """Ask for ``text`` to be shown: in the menu message ``menu_id`` when given, else in a status message of
        its own. Raises ``Forbidden`` only when shown at once and the chat is closed."""
        status = self._state.get(job.id)
        if status is None:
            known = job.status_message_id or None
            status = _Status(job.chat_id, reply_to_id, thread_id, message_id=known or menu_id, recorded=bool(known))
            self._state[job.id] = status
        status.text = text
        since = time.monotonic() - status.changed_at
        wait = self._delay if not status.shown else max(self._min_interval - since, self._settle)
        if urgent or wait <= 0:
            self._cancel_timer(status)
            # Shielded: a job cancelled meanwhile (/cancel of a waiting job) must not cut a post short once Telegram
            # may have it, or its id is never learnt and the message stays up saying "waiting". :meth:`finish`
            # waits for it.
            flush = asyncio.create_task(self._flush(job.id, status), name=f"status-{job.id}")
            self._flushes.add(flush)
            flush.add_done_callback(self._flushed)
            await asyncio.shield(flush)
        elif status.timer is None:  # a timer already set shows the latest text when it is due
            status.timer = asyncio.get_running_loop().call_later(wait, self._due, job.id, status)

    async def finish(self, job: Job) -> int | None:
        """Stop updating; returns the status message's id (the menu's, for a job started from one), if one
        was posted in the job's chat (to delete or turn into text). None also when it was posted in a chat the
        job has left (a group that became a supergroup): that message id means something else in the new
        chat."""
        status = self._state.pop(job.id, None)
        if status is None:
            return job.status_message_id or None
        self._cancel_timer(status)
        async with status.flushing:  # a post under way finishes, so its message id is known
            return status.message_id if status.recorded and status.chat_id == job.chat_id else None

    def _flushed(self, flush: asyncio.Task[None]) -> None:
        self._flushes.discard(flush)
        if not flush.cancelled() and flush.exception() is not None:  # its caller reads it (or was cancelled)
            log.debug("status flush ended with %r", flush.exception())

    def _cancel_timer(self, status: _Status) -> None:
        if status.timer is not None:
            status.timer.cancel()
        status.timer = None

    def _due(self, job_id: str, status: _Status) -> None:
        status.timer = None
        task = asyncio.create_task(self._later(job_id, status), name=f"status-{job_id}")
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _later(self, job_id: str, status: _Status) -> None:
        try:
            await self._flush(job_id, status)
        except TelegramError as error:
            log.info("job %s: status not shown (%s)", job_id, error)

    async def _flush(self, job_id: str, status: _Status) -> None:
        async with status.flushing:
            if status.text == status.shown or job_id not in self._state:
                return
            if status.message_id is None:
                await self._jobs.mark_status_posting(job_id)  # the intent first: a crash cannot hide it
                crash_points.reached("status-posting")
                try:
                    message = await self._bot.send_message(
                        status.chat_id,
                        status.text,
                        reply_parameters=reply_to(status.reply_to_id),
                        message_thread_id=status.thread_id,
                    )
                except (BadRequest, Forbidden, ChatMigrated):  # refused: nothing was posted
                    await self._jobs.clear_status_message(job_id, STATUS_POSTING)
                    raise
                status.message_id = message.message_id
                status.recorded = True
                await self._jobs.set_status_message(job_id, message.message_id)  # a restart can still edit it
            else:
                if not status.recorded:  # the menu: recorded first, so that a restart puts it back
                    await self._jobs.set_status_message(job_id, status.message_id)
                    status.recorded = True
                try:  # without reply_markup: a menu's buttons go while the job runs
                    await self._bot.edit_message_text(status.text, chat_id=status.chat_id, message_id=status.message_id)
                except Forbidden:
                    raise
                except TelegramError as error:  # not modified, or deleted by someone: nothing to fix
                    log.info("job %s: status not edited (%s)", job_id, error)
            status.shown = status.text
            status.changed_at = time.monotonic()
