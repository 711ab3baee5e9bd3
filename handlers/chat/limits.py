"""Flood control per chat, and a count of every Bot API call that fails, by kind, for the metrics: the one place
every call passes through (python-telegram-bot's ``BaseRateLimiter`` extension point).

Telegram's limits are about *sending messages*: about one per second in a chat (short bursts pass), 20 per minute
in a group, 30 per second for the whole bot. Only sending calls are metered here (``sendMessage``, ``sendPhoto``,
``sendDocument``...): status edits, chat actions, deletions and callback answers would otherwise queue behind
(and slow down) the messages that matter (measured with the stock limiter: 5 such calls per request capped the
bot at 6 requests per second). Buckets are leaky (``aiolimiter``): a chat may burst 3 messages, then 1 per
second; a group 20, then one per 3 seconds; the bot 30 per second (bursts of 27: a little slack, see
:data:`OVERALL_RATE`).

A 429 (``RetryAfter``) pauses **the chat it was for**, not the bot: every call to that chat waits ``retry_after``,
other chats go on. python-telegram-bot's own ``AIORateLimiter`` pauses every call of the bot instead, so one busy
group stalled every private chat (and callback answers went out too late). A call without a chat (a callback
answer, ``getFile``) pauses the calls of its method only. Telegram does not say which limit a 429 was for, so the
whole bot is paused only when 429s came from :data:`GLOBAL_CHATS` different chats within :data:`GLOBAL_WINDOW`
seconds (the sign that the bot-wide limit, not one chat's, was hit). A call is retried after its pause up to
``max_retries`` times, then the ``RetryAfter`` is raised to the caller.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONish = bool | dict[str, Any] | list[dict[str, Any]]

CHAT_RATE = (3, 3.0)  # per chat: a burst of 3, then 1 message per second
GROUP_RATE = (20, 60.0)  # per group: 20 messages per minute
# The bot: 30 messages per second, in bursts of at most 27. Telegram counts a message when it arrives, the bucket
# here when it leaves: calls that left at the limit arrive bunched now and then (measured: a 429 in 4 bursts of
# 300 messages out of 5 against the fake Telegram's exact rule, with a bucket of 30; none since), and a 429 costs
# its chat a second's pause (three chats within a second: the whole bot's). Three messages of slack (0.1 s at 30
# per second) absorb that; the rate itself is Telegram's.
OVERALL_RATE = (27, 0.9)
GLOBAL_CHATS = 3  # 429s from this many chats ...
GLOBAL_WINDOW = 1.0  # ... within this many seconds pause the whole bot
_MARGIN = 0.1  # seconds added to every retry_after
_MAX_LIMITERS = 1024  # idle per-chat buckets are forgotten beyond this


def error_kind(error: TelegramError) -> str:
    if isinstance(error, RetryAfter):
        return "flood_429"
    if isinstance(error, Forbidden):
        return "forbidden_403"
    if isinstance(error, BadRequest):
        text = error.message.lower()
        if "not modified" in text:
            return "not_modified"
        if "not found" in text:
            return "not_found"
        if "query is too old" in text:
            return "query_too_old"
        return "bad_request"
    if isinstance(error, TimedOut):
        return "timeout"
    if isinstance(error, NetworkError):
        return "network"
    return "other"


# Sending calls (metered): every send* method except sendChatAction, and copies and forwards.
_ALSO_SENDING = frozenset({"copyMessage", "copyMessages", "forwardMessage", "forwardMessages"})


def is_sending(endpoint: str) -> bool:
    return (endpoint.startswith("send") and endpoint != "sendChatAction") or endpoint in _ALSO_SENDING


def retry_seconds(error: RetryAfter) -> float:
    """``retry_after`` in seconds (python-telegram-bot gives an int or a timedelta, by configuration)."""
    value: object = getattr(error, "_retry_after", None)
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(error.retry_after if isinstance(error.retry_after, int | float) else 1)


def _chat_key(chat_id: object) -> int | str | None:
    if chat_id is None or chat_id == "":
        return None
    if isinstance(chat_id, int):
        return chat_id
    with contextlib.suppress(ValueError, TypeError):
        return int(str(chat_id))
    return str(chat_id)  # an @username


class FloodControl(BaseRateLimiter[int]):
    """See the module's docstring. ``on_error(kind)`` is called for every failed attempt of every call, and
    ``on_done(kind, method)`` for every call that went through and made a message (kind ``"new"``) or changed
    one (``"edit"``). A rate of ``(0, ...)`` switches that bucket off."""

    def __init__(
        self,
        on_error: Callable[[str], None] = lambda kind: None,
        on_done: Callable[[str, str], None] = lambda kind, method: None,
        *,
        max_retries: int = 3,
        chat_rate: tuple[float, float] = CHAT_RATE,
        group_rate: tuple[float, float] = GROUP_RATE,
        overall_rate: tuple[float, float] = OVERALL_RATE,
    ) -> None:
        self._on_error = on_error
        self._on_done = on_done
        self._max_retries = max_retries
        self._chat_rate = chat_rate
        self._group_rate = group_rate
        self._overall = AsyncLimiter(*overall_rate) if overall_rate[0] else None
        self._chats: dict[int | str, AsyncLimiter] = {}
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paused: dict[int | str, float] = {}  # chat -> loop time its pause ends
        self._paused_all = 0.0  # loop time the bot-wide pause ends
        self._recent: deque[tuple[float, int | str]] = deque()  # (when, chat) of recent 429s

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    # -- what tests and metrics read ---------------------------------------------------------------------

    def pause_left(self, chat_id: int | str | None = None) -> float:
        """Seconds the chat (``method:<name>`` for the calls without a chat; None: the whole bot) still waits."""
        now = asyncio.get_running_loop().time()
        until = self._paused_all if chat_id is None else max(self._paused_all, self._paused.get(chat_id, 0.0))
        return max(0.0, until - now)

    # -- the extension point -----------------------------------------------------------------------------

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONish]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONish:
        chat = _chat_key(data.get("chat_id"))
        paused_by = chat if chat is not None else f"method:{endpoint}"  # what a 429 of this call pauses
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        sending = is_sending(endpoint)
        metered = chat is not None and sending and not data.get("allow_paid_broadcast")
        done = "new" if sending else "edit" if endpoint.startswith("edit") else None
        attempt = 0
        while True:
            await self._wait_for_pauses(paused_by)
            try:
                if not metered or chat is None:
                    result = await self._call(callback, args, kwargs)
                    if done is not None:
                        self._on_done(done, endpoint)
                    return result
                async with contextlib.AsyncExitStack() as budget:
                    if self._chat_rate[0]:
                        await budget.enter_async_context(self._limiter(self._chats, chat, self._chat_rate))
                    if self._group_rate[0] and (isinstance(chat, str) or chat < 0):
                        await budget.enter_async_context(self._limiter(self._groups, chat, self._group_rate))
                    if self._overall is not None:
                        await budget.enter_async_context(self._overall)
                    await self._wait_for_pauses(chat)  # a 429 may have come while this call waited for its turn
                    result = await self._call(callback, args, kwargs)
                self._on_done("new", endpoint)
                return result
            except RetryAfter as error:
                seconds = retry_seconds(error)
                self._note_flood(paused_by, counts_for_global=chat is not None, seconds=seconds)
                if attempt >= retries:
                    log.warning(
                        "%s: flood wait of %.0f s in chat %s, given up after %d tries",
                        endpoint,
                        seconds,
                        chat,
                        attempt + 1,
                    )
                    raise
                log.info("%s: flood wait of %.1f s in chat %s", endpoint, seconds, chat)
                attempt += 1

    async def _call(
        self, callback: Callable[..., Coroutine[Any, Any, JSONish]], args: Any, kwargs: dict[str, Any]
    ) -> JSONish:
        try:
            return await callback(*args, **kwargs)
        except TelegramError as error:  # every failed attempt, the 429s retried here included
            self._on_error(error_kind(error))
            raise

    async def _wait_for_pauses(self, chat: int | str) -> None:
        loop = asyncio.get_running_loop()
        while True:
            until = max(self._paused_all, self._paused.get(chat, 0.0))
            wait = until - loop.time()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def _note_flood(self, chat: int | str, *, counts_for_global: bool, seconds: float) -> None:
        """Pause ``chat`` (or ``method:<name>``); a chat's 429 also counts towards the sign of the global limit."""
        now = asyncio.get_running_loop().time()
        until = now + seconds + _MARGIN
        self._paused[chat] = max(self._paused.get(chat, 0.0), until)
        if not counts_for_global:
            return
        self._recent.append((now, chat))
        while self._recent and self._recent[0][0] < now - GLOBAL_WINDOW:
            self._recent.popleft()
        if len({c for _, c in self._recent}) >= GLOBAL_CHATS:
            log.warning(
                "429s from %d chats within %.0f s: the whole bot waits %.1f s", GLOBAL_CHATS, GLOBAL_WINDOW, seconds
            )
            self._paused_all = max(self._paused_all, until)
        if len(self._paused) > _MAX_LIMITERS:
            self._paused = {c: t for c, t in self._paused.items() if t > now}

    @staticmethod
    def _limiter(limiters: dict[int | str, AsyncLimiter], chat: int | str, rate: tuple[float, float]) -> AsyncLimiter:
        limiter = limiters.get(chat)
        if limiter is None:
            if len(limiters) >= _MAX_LIMITERS:  # forget the idle ones (full capacity: nothing to remember)
                for key, idle in list(limiters.items()):
                    if idle.has_capacity(idle.max_rate):
                        del limiters[key]
            limiter = limiters[chat] = AsyncLimiter(*rate)
        return limiter
