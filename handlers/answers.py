"""A callback query's one answer, given at once.

Telegram shows a spinner on a pressed button until the bot answers the query, and accepts the answer only for a
short while (then "query is too old"). So a press is answered first, always within :data:`ANSWER_WITHIN` seconds
of the handler starting, whatever it still has to do: when the handler has its answer by then (an alert such as
"Already on it"), that is the answer; if not (a database write that waits, a slow Telegram), the query is answered
empty at the deadline and what the handler had to say goes to the chat as a message instead (see ``launch``).

An answer Telegram fails to take for a passing reason (5xx, a timeout, a flood wait the rate limiter gave up on)
is tried again, pauses doubling (up to 5 s), for up to :data:`RETRY_FOR` seconds after the update came (Telegram
takes an answer for some seconds to tens of seconds after the press, undocumented, and says "too old" after that:
so the bound is generous, and Telegram's refusal ends the trying sooner; a press handled again after a crash came
earlier): a press whose answer is lost is a press without any answer. A refusal (``BadRequest``: "query is too
old", say) is final. A failure to answer is logged, never raised: it must not turn into "Sorry, something went
wrong" while the work the press started carries on. A handler that fails before it answered answers with its
failure text; once the press is answered (the job opened, say), a later failure is only logged (the error handler
leaves presses alone).
"""

from __future__ import annotations

import asyncio
import logging
import time
from types import TracebackType

from telegram import CallbackQuery
from telegram.error import BadRequest, Forbidden, TelegramError

log = logging.getLogger(__name__)

ANSWER_WITHIN = 0.7  # seconds from the handler's start to the latest answer (Telegram's own patience is a few)
RETRY_FOR = 30.0  # seconds from the update's arrival during which a failed answer is tried again
RETRY_PAUSES = (0.3, 0.6, 1.2, 2.4, 4.8, 5.0, 5.0, 5.0, 5.0)  # between attempts (each only while RETRY_FOR allows)
ANSWER_TIMEOUT = 2.0  # seconds an answer may take (Telegram's take ~0.1 s): a stuck one is tried again, in time


class PressAnswer:
    """``async with PressAnswer(query) as press: ...``: answered at the latest at the deadline or the block's end."""

    def __init__(
        self,
        query: CallbackQuery,
        *,
        failure_text: str | None = None,
        within: float = ANSWER_WITHIN,
        received: float | None = None,
    ) -> None:
        """``received``: for an update handled again after a crash, when it first came (Unix time)."""
        self.query = query
        self._received = received
        self._failure_text = failure_text  # the alert when the handler fails before it answered
        self._within = within
        self._started = 0.0
        self._answered = False
        self._refused = False
        self._timer: asyncio.TimerHandle | None = None
        self._late: asyncio.Task[bool] | None = None

    @property
    def answered(self) -> bool:
        return self._answered

    @property
    def refused(self) -> bool:
        """Telegram refused the answer ("query is too old": expired, or answered already), as opposed to failing
        to take it (5xx, timeouts)."""
        return self._refused

    async def __aenter__(self) -> PressAnswer:
        loop = asyncio.get_running_loop()
        age = max(0.0, time.time() - self._received) if self._received is not None else 0.0
        self._started = loop.time() - age  # when the update came, on the loop's clock
        self._timer = loop.call_later(self._within, self._on_deadline)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if kind is None:
            await self.answer()  # nothing said: stop the spinner
        elif not issubclass(kind, asyncio.CancelledError):
            await self.answer(self._failure_text, alert=self._failure_text is not None)
        if self._late is not None:
            await asyncio.wait({self._late})

    def _on_deadline(self) -> None:
        if not self._answered:
            log.info("callback query %s: answered empty at the deadline", self.query.id)
            self._late = asyncio.create_task(self.answer())

    async def answer(self, text: str | None = None, *, alert: bool = False) -> bool:
        """Answer the query, once. Returns whether this answer (and so ``text``) reached the person: False when
        the query was answered already, or Telegram refused (too late)."""
        if self._answered:
            return False
        self._answered = True
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        started = self._started or loop.time()
        for attempt, pause in enumerate((*RETRY_PAUSES, None), start=1):
            try:
                await self.query.answer(text, show_alert=alert, read_timeout=ANSWER_TIMEOUT)
            except (BadRequest, Forbidden) as error:  # refused ("query is too old"): final
                log.warning("callback query %s: could not answer (%s)", self.query.id, error)
                self._refused = True
                return False
            except TelegramError as error:  # 5xx, a timeout, a flood wait: again, while Telegram still takes it
                if pause is None or loop.time() + pause > started + RETRY_FOR:
                    log.warning("callback query %s: could not answer (%s)", self.query.id, error)
                    return False
                log.info("callback query %s: answer attempt %d failed (%s)", self.query.id, attempt, error)
                await asyncio.sleep(pause)
                continue
            return True
        return False  # pragma: no cover (the last pause is None)
