"""``RoughTelegram``: the fake Bot API with the rough edges of the real one that a fault run needs.

Kept apart from ``FakeTelegram`` on purpose (a subclass, nothing changed in the other modules), so that it can
be merged with the other rough edges the fake grows (photo rules, chat migration, ``sender_chat``, flood limits
per chat counted as Telegram counts them) without two versions of the same rule:

- **Callback queries grow old**: ``answerCallbackQuery`` later than ``callback_query_lifetime`` (15) seconds
  after the press fails with 400 "query is too old and response timeout expired or query ID is invalid", as on
  Telegram (the rule is ``FakeTelegram``'s, off there by default).
- **Flood waits per chat**: :meth:`flood_chat` makes every message sent to or edited in one chat answer 429 with the
  ``retry_after`` that is left, for a while; other chats are not concerned (a group that hit its 20 messages
  per minute).
- **Timeouts**: :meth:`stall_next` holds the next call of a method longer than the client waits, then answers
  504 without doing anything (the client has given up by then: it sees a timeout).
- **What is in flight**: the calls being answered right now, and when the last one started (a run waits for
  the bot to be idle by these and by the update queue).
- **When updates were confirmed**: the time each update left the queue (getUpdates with a higher offset),
  to tell, after a crash, which requests the bot had acknowledged before it died.

The confirm-on-next-poll behaviour itself is ``FakeTelegram``'s: an update stays pending until a getUpdates
call with a higher offset, so a bot that dies before that call gets it again.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from .fake import FakeTelegram
from .http import json_response, read_params
from .limits import JSON, ApiError
from .records import ApiCall
from .updates import Signal, UpdateQueue

#: Methods a flood wait of a chat applies to: the ones that post or change messages in it.
FLOODED_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "editmessagetext",
        "editmessagecaption",
        "editmessagereplymarkup",
    }
)
CALLBACK_QUERY_LIFETIME = 15.0  # seconds Telegram takes an answer to a callback query


@dataclass
class _Stall:
    method: str  # lower-cased
    seconds: float
    remaining: int


class _RecordingQueue(UpdateQueue):
    """The update queue, remembering when each update was confirmed (left the queue)."""

    def __init__(self, signal: Signal, first_update_id: int, clock: Callable[[], float]) -> None:
        super().__init__(signal, first_update_id)
        self._clock = clock
        self.confirmed_at: dict[int, float] = {}

    def confirm(self, offset: int) -> None:
        before = {int(u["update_id"]) for u in self._pending}
        super().confirm(offset)
        after = {int(u["update_id"]) for u in self._pending}
        now = self._clock()
        for update_id in before - after:
            self.confirmed_at.setdefault(update_id, now)


class RoughTelegram(FakeTelegram):
    """``FakeTelegram`` plus callback queries that grow old, flood waits per chat, timeouts, and what is in
    flight. ``monotonic`` is the clock of query ages, flood waits and the records (injectable for tests)."""

    def __init__(self, *args: Any, monotonic: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        super().__init__(*args, monotonic=monotonic, **kwargs)
        self.callback_query_lifetime = CALLBACK_QUERY_LIFETIME
        self.updates = _RecordingQueue(self._signal, self.updates._next_id, monotonic)
        self._floods: dict[int, float] = {}  # chat id -> until (monotonic)
        self._stalls: list[_Stall] = []
        #: Bot API calls (getUpdates aside) being answered right now.
        self.in_flight = 0
        #: When the last call (getUpdates aside) arrived (monotonic), None before any.
        self.last_call_at: float | None = None
        #: How many calls (getUpdates aside) have arrived so far.
        self.call_count = 0
        #: Calls stalled so far (each answered 504 after the client gave up).
        self.stalled = 0

    # ---- rough edges the test arms ---------------------------------------------------------------------

    def flood_chat(self, chat_id: int, seconds: float) -> None:
        """For ``seconds`` from now, every message sent to or edited in ``chat_id`` answers 429 (retry_after =
        the seconds left, rounded up); calls concerning other chats go through."""
        self._floods[chat_id] = max(self._floods.get(chat_id, 0.0), self._monotonic() + seconds)

    def stall_next(self, method: str, seconds: float, *, count: int = 1) -> None:
        """Hold the next ``count`` calls of ``method`` for ``seconds``, then answer 504 without effect."""
        self._stalls.append(_Stall(method.lower(), seconds, count))

    def clear_rough_edges(self) -> None:
        """Forget flood waits and stalls not met yet (planned faults: ``clear_faults``)."""
        self._floods.clear()
        self._stalls.clear()

    def flooded_chats(self) -> list[int]:
        now = self._monotonic()
        return [chat for chat, until in self._floods.items() if until > now]

    @property
    def confirmed_at(self) -> dict[int, float]:
        """update_id -> when it was confirmed (monotonic)."""
        assert isinstance(self.updates, _RecordingQueue)
        return self.updates.confirmed_at

    # ---- the Bot API, rougher --------------------------------------------------------------------------

    async def _serve_api(self, request: Request, token: str, method: str) -> Response:
        lowered = method.lower()
        if lowered == "getupdates" or not self._token_ok(token):
            return await super()._serve_api(request, token, method)
        self.in_flight += 1
        self.call_count += 1
        self.last_call_at = self._monotonic()
        self._signal.fire()
        try:
            refusal = await self._rough_refusal(request, lowered)
            if refusal is not None:
                return refusal
            return await super()._serve_api(request, token, method)
        except ClientDisconnect:  # the bot died while sending its request: nobody to answer, nothing done
            return Response(status_code=400)
        finally:
            self.in_flight -= 1
            self._signal.fire()

    async def _rough_refusal(self, request: Request, lowered: str) -> Response | None:
        """A stall or a flood wait for this call, answered and recorded as the fake records calls; else None."""
        try:
            params, files = await read_params(request)  # Starlette keeps the body: the fake reads it again
        except ApiError:
            return None  # the fake's own answer says what is wrong with it
        error: ApiError | None = None
        stall = next((s for s in self._stalls if s.method == lowered), None)
        if stall is not None:
            stall.remaining -= 1
            if stall.remaining <= 0:
                self._stalls.remove(stall)
            self.stalled += 1
            await asyncio.sleep(stall.seconds)
            error = ApiError(504, "Gateway Timeout")
        elif lowered in FLOODED_METHODS:
            chat_id = params.get("chat_id")
            until = self._floods.get(chat_id) if isinstance(chat_id, int) else None
            left = (until or 0.0) - self._monotonic()
            if left > 0:
                retry_after = max(1, math.ceil(left))
                error = ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
        if error is None:
            return None
        known = self._handlers.get(lowered)
        body: JSON = error.body()
        self.calls.append(
            ApiCall(
                method=known[0] if known is not None else lowered,
                params=params,
                files=files,
                time=time.monotonic(),
                status=error.status,
                result=None,
                description=error.description,
                arrived=request.state.arrived,
            )
        )
        self._signal.fire()
        return json_response(body, error.status)
