"""python-telegram-bot's ``AIORateLimiter`` (flood limits, 429 ``retry_after`` honoured), which also counts
every Bot API call that fails, by kind, for the metrics: it is the one place every call passes through.

Telegram's 30-per-second and 20-per-minute-per-group limits are about *sending messages*. The stock limiter
puts every call that names a chat through them, so status edits, chat actions, deletions and callback
answers would queue behind (and slow down) the messages that matter: measured, 5 such calls per request
capped the bot at 6 requests per second. Those calls skip the buckets here; a 429 on them is still retried
after ``retry_after``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter

JSONish = bool | dict[str, Any] | list[dict[str, Any]]


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
        return "bad_request"
    if isinstance(error, TimedOut):
        return "timeout"
    if isinstance(error, NetworkError):
        return "network"
    return "other"


UNMETERED = frozenset(
    {
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "deleteMessage",
        "sendChatAction",
        "answerCallbackQuery",
    }
)


class CountingRateLimiter(AIORateLimiter):
    def __init__(self, on_error: Callable[[str], None], *, max_retries: int = 3) -> None:
        super().__init__(max_retries=max_retries)
        self._on_error = on_error

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONish]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONish:
        async def counted(*a: Any, **k: Any) -> JSONish:
            try:
                return await callback(*a, **k)
            except TelegramError as error:  # each failed attempt, including the 429s the limiter retries
                self._on_error(error_kind(error))
                raise

        if endpoint in UNMETERED:
            data = {key: value for key, value in data.items() if key != "chat_id"}  # no bucket applies
        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)
