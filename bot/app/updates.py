"""Updates in: the inbox every update goes through, and the long-polling loop that fills it.

python-telegram-bot's ``Updater`` confirms a polled batch (and its webhook server answers 200) as soon as the
batch is queued, before any handler ran, so a crash lost whatever was in flight. Here an update counts as received
only once it is in SQLite (:class:`storage.inbox.InboxRepository`):

- polling: ``getUpdates`` -> the batch is stored in one transaction -> only then the next ``getUpdates`` (whose
  offset confirms the batch to Telegram);
- webhook (:mod:`bot.web.webhook`): the update is stored, then the route answers 200.

Each stored update is handed to ``Application.process_update`` (concurrently, at most :data:`CONCURRENCY` at
once, started in the order they came) and marked done when its handlers have finished, also when one raised (the
error handler has answered then). One sender's updates in one chat are handled one after another, in the order
they came (each waits at most :data:`IN_ORDER_FOR` seconds for the one before): a person who pressed Swap faces and
then sent ``/cancel`` while the bot was down must not have the ``/cancel`` handled first (nothing to cancel yet),
nor a double press's second press decided before the first opened its job. Different people, and one person's
different chats, stay concurrent. At start-up the updates a crash left unfinished are handed over again, before
any new one. A handler sees whether its update is such a second run (``Context.is_replay``): the handlers are
idempotent on the update (see README, "How a request flows").
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from collections.abc import Sequence

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from handlers.context import FaceShiftApp
from storage.inbox import MAX_ATTEMPTS, InboxRepository, Incoming

log = logging.getLogger(__name__)

CONCURRENCY = 256  # updates handled at once (python-telegram-bot's own default for concurrent updates)
REPLAY_CONCURRENCY = 16  # updates a crash interrupted, handled again at once: a backlog is worked through in order,
# so each life finishes some (and only those it starts count as attempts) rather than starting all and finishing none
POLL_TIMEOUT = 30  # seconds a long poll waits for updates
PRUNE_EVERY = 3600.0  # seconds between prunings of handled updates
IN_ORDER_FOR = 5.0  # seconds an update waits for the one before it from the same sender in the same chat
_STORE_RETRY = 0.5  # pause after a batch could not be stored (a busy or failing database)
_BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)  # pauses after failed polls (Telegram or the database down)


class UpdateInbox:
    """Stores updates, hands them to the application, marks them done. Start with :meth:`start`."""

    def __init__(self, application: FaceShiftApp, repository: InboxRepository, concurrency: int = CONCURRENCY) -> None:
        self._application = application
        self._repository = repository
        self._queue: asyncio.Queue[tuple[Update, float | None]] = asyncio.Queue()  # (update, first received)
        self._slots = asyncio.Semaphore(concurrency)
        self._replay_slots = asyncio.Semaphore(REPLAY_CONCURRENCY)
        self._handling: set[asyncio.Task[None]] = set()
        self._last: dict[tuple[int, int], asyncio.Task[None]] = {}  # per (chat, sender): the latest update started
        self._dispatcher: asyncio.Task[None] | None = None
        self._pruner: asyncio.Task[None] | None = None
        self._closed = False
        self._passed: set[int] = set()  # pre-checkout queries handed over unstored (see receive)

    @property
    def handling(self) -> int:
        """Updates being handled now."""
        return len(self._handling)

    async def replay(self) -> int:
        """Start-up, before any new update: queue the updates a crash left unfinished (oldest first)."""
        unfinished, given_up = await self._repository.take_unfinished()
        for update_id in given_up:
            log.error("update %d: handled again %d times or more, each cut short: given up", update_id, MAX_ATTEMPTS)
        for row in unfinished:
            try:
                update = Update.de_json(json.loads(row.payload), self._application.bot)
            except (ValueError, TypeError, KeyError):
                log.exception("update %d in the inbox cannot be read: skipped", row.update_id)
                await self._repository.mark_done(row.update_id)
                continue
            self._queue.put_nowait((update, row.received_at))
        if unfinished:
            log.info("%d updates a restart interrupted are handled again", len(unfinished))
        return len(unfinished)

    async def receive(self, updates: Sequence[Update]) -> None:
        """Store a batch (one transaction), then queue the updates not seen before. Raises when the batch could
        not be stored: then it does not count as received (the caller must not confirm it)."""
        if self._closed:
            raise RuntimeError("the inbox is closed")
        # A pre-checkout query is handed over at once, unstored: Telegram cancels the payment unless it is answered
        # within 10 seconds, so handling it again after a crash is worthless, and its answer must never wait for a
        # write (a busy database). The payment itself (successful_payment) is stored like every other update.
        self.hand_over_urgent(updates)
        kept = [u for u in updates if u.pre_checkout_query is None]
        rows = [Incoming(u.update_id, _chat_id(u), json.dumps(u.to_dict(), ensure_ascii=False)) for u in kept]
        new = set(await self._repository.store(rows)) if rows else set()
        for update in kept:
            if update.update_id in new:
                self._queue.put_nowait((update, None))
            else:
                log.info("update %d came again: handled already, skipped", update.update_id)

    def hand_over_urgent(self, updates: Sequence[Update]) -> None:
        """Hand over the pre-checkout queries among ``updates`` (once each), unstored: see :meth:`receive`."""
        for update in updates:
            if update.pre_checkout_query is not None and update.update_id not in self._passed:
                if len(self._passed) > 10_000:
                    self._passed.clear()
                self._passed.add(update.update_id)
                self._queue.put_nowait((update, None))

    def start(self) -> None:
        """Start handling what is queued (the replayed updates first), then what comes."""
        self._dispatcher = asyncio.create_task(self._dispatch(), name="inbox-dispatcher")
        self._pruner = asyncio.create_task(self._prune_now_and_then(), name="inbox-pruner")

    async def close(self, grace: float) -> None:
        """Stop handing updates over; let those being handled finish for up to ``grace`` seconds, then cancel
        them (they stay unfinished in the inbox and are handled again at the next start). Closing twice does
        nothing more."""
        if self._closed:
            return
        self._closed = True
        for task in (self._dispatcher, self._pruner):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._handling:
            _, pending = await asyncio.wait(self._handling, timeout=grace)
            for task in pending:
                task.cancel()
            if pending:
                log.info("%d updates still being handled at shutdown: handled again at the next start", len(pending))
                await asyncio.wait(pending, timeout=5)

    async def _dispatch(self) -> None:
        while True:
            update, received = await self._queue.get()
            if received is not None:
                await self._replay_slots.acquire()
            await self._slots.acquire()
            key = _sender_key(update)
            before = self._last.get(key) if key is not None else None
            task = asyncio.create_task(self._handle(update, received, before), name=f"update-{update.update_id}")
            self._handling.add(task)
            task.add_done_callback(self._handling.discard)
            if key is not None:
                self._last[key] = task
                task.add_done_callback(functools.partial(self._forget, key))

    def _forget(self, key: tuple[int, int], task: asyncio.Task[None]) -> None:
        if self._last.get(key) is task:
            del self._last[key]

    async def _handle(self, update: Update, received: float | None, before: asyncio.Task[None] | None) -> None:
        """``received``: for an update handled again after a crash, when it was first received. ``before``: the
        same sender's update in the same chat that came before it, if still being handled (waited for first)."""
        replays = self._application.bot_data.replayed
        if received is not None:
            replays[update.update_id] = received
        try:
            if before is not None:
                await asyncio.wait({before}, timeout=IN_ORDER_FOR)
            if received is not None:  # a poison update is one whose handling keeps being cut short
                await self._repository.mark_attempt(update.update_id)
            await self._application.process_update(update)
        except Exception:  # process_update gives handler errors to the error handler; this is anything else
            log.exception("update %d could not be handled", update.update_id)
        finally:
            replays.pop(update.update_id, None)
            self._slots.release()
            if received is not None:
                self._replay_slots.release()
        try:
            await self._repository.mark_done(update.update_id)
        except Exception:  # the database is gone: the update is handled again at the next start
            log.exception("update %d: could not mark it done", update.update_id)

    async def _prune_now_and_then(self) -> None:
        while True:
            try:
                pruned = await self._repository.prune()
                if pruned:
                    log.debug("inbox: %d handled updates forgotten", pruned)
            except Exception:
                log.exception("inbox: pruning failed")
            await asyncio.sleep(PRUNE_EVERY)


async def poll(application: FaceShiftApp, inbox: UpdateInbox, *, wait: float = POLL_TIMEOUT) -> None:
    """Long polling until cancelled. The first call has no offset (Telegram hands over what it has not had
    confirmed, which the inbox recognises); each later call's offset confirms the batch before it, and is made
    only once that batch is stored."""
    bot = application.bot
    failures = 0
    while True:
        try:
            await bot.delete_webhook(drop_pending_updates=False)  # getUpdates fails while a webhook is set
            break
        except InvalidToken:
            raise
        except TelegramError as error:
            failures = await _pause_after(error, failures, "removing the webhook")
    offset: int | None = None
    failures = stored_failures = 0
    storing: asyncio.Task[None] | None = None  # the batch being stored; confirmed (offset) only once stored
    batch_end = 0
    try:
        while True:
            if storing is not None:
                await asyncio.wait({storing}, timeout=_STORE_RETRY)
                if not storing.done():
                    # The database is slow (a long write, a lock): look again without confirming anything, so
                    # that pre-checkout queries, which cannot wait, are handed over meanwhile.
                    with contextlib.suppress(TelegramError):
                        inbox.hand_over_urgent(
                            await bot.get_updates(offset=offset, timeout=0, allowed_updates=Update.ALL_TYPES)
                        )
                    continue
                problem = storing.exception()
                storing = None
                if problem is None:
                    stored_failures = failures = 0
                    offset = batch_end
                else:  # not stored: not confirmed either; the same batch comes again
                    stored_failures += 1
                    log.log(
                        logging.ERROR if stored_failures == 1 else logging.WARNING,
                        "could not store updates (%s); again in %.1f s",
                        problem,
                        _STORE_RETRY,
                    )
                    await asyncio.sleep(_STORE_RETRY)
            try:
                updates = await bot.get_updates(offset=offset, timeout=int(wait), allowed_updates=Update.ALL_TYPES)
            except InvalidToken:
                raise
            except TelegramError as error:
                failures = await _pause_after(error, failures, "polling")
                continue
            if not updates:
                failures = 0
                continue
            batch_end = updates[-1].update_id + 1
            storing = asyncio.create_task(inbox.receive(updates), name="inbox-store")
    finally:
        if storing is not None:
            storing.cancel()


async def _pause_after(error: Exception, failures: int, what: str) -> int:
    pause = _BACKOFF[min(failures, len(_BACKOFF) - 1)]
    log.warning("%s failed (%s); again in %.1f s", what, error, pause)
    await asyncio.sleep(pause)
    return failures + 1


def _sender_key(update: Update) -> tuple[int, int] | None:
    """(chat, sender) of an update whose order matters: a message or a button press."""
    chat, sender = update.effective_chat, update.effective_sender
    return (chat.id, sender.id) if chat is not None and sender is not None else None


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat is not None else None
