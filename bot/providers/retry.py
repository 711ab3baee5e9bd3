"""Retrying vendor calls (built on tenacity), and what a transport failure means for retrying.

Only RATE_LIMITED and TRANSIENT errors are repeated; UNUSABLE_PHOTO (the photo will not change), OPERATOR
(the account will not fix itself) and TIMEOUT (the vendor may still be working, and billing) never are.
Each endpoint states whether it is ``idempotent``: a non-idempotent call is also not repeated once the
request may have reached the vendor without an answer (``ProviderError.maybe_processed``).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential, wait_random

from bot.providers.errors import ErrorCategory, ProviderError

log = logging.getLogger(__name__)

T = TypeVar("T")
OnRetry = Callable[[str, int, ProviderError], None]
"""``on_retry(vendor, attempt, error)``: attempt number ``attempt`` failed with ``error`` and is repeated."""
OnAttempt = Callable[[str, float, str], None]
"""``on_attempt(vendor, seconds, outcome)``: one request ended; outcome is ``ok`` or an error category."""


class CallGate(Protocol):
    """What stands between jobs and a vendor (``bot.jobs.lanes.VendorLanes``): told of every attempt, and asked
    what to do after a 429."""

    def sending(self, vendor: str) -> Callable[[float, str], None]:
        """An attempt starts; the answer is called with ``(seconds, outcome)`` when it ended."""
        ...

    async def after_429(self, vendor: str) -> bool:
        """True: the caller waited for its turn again and may call at once, not counted as an attempt."""
        ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter, bounded by ``max_attempts`` and by ``deadline`` seconds in total.

    A larger ``Retry-After`` from the vendor replaces the backoff; a wait that would cross the deadline is
    not taken (the last error is raised instead), and an attempt still running at the deadline is cut
    short (TIMEOUT). ``sleep`` and ``clock`` are injectable for tests.

    With a ``gate``, a 429 is first offered to it (:meth:`CallGate.after_429`): when the gate had the call wait
    for its turn again, the call is repeated at once, neither as a new attempt nor on the deadline's clock (the
    wait in line is not the vendor's time).
    """

    max_attempts: int = 3
    deadline: float = 240.0
    base_delay: float = 1.0
    max_delay: float = 8.0
    jitter: float = 1.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic
    on_retry: OnRetry | None = None
    on_attempt: OnAttempt | None = None
    gate: CallGate | None = None

    async def run(self, vendor: str, call: Callable[[], Awaitable[T]], *, idempotent: bool = True) -> T:
        """Await ``call()`` until it succeeds or an error may not (or need not) be repeated."""
        started = self.clock()
        backoff = wait_exponential(multiplier=self.base_delay, max=self.max_delay) + wait_random(0, self.jitter)

        def repeatable(exc: BaseException) -> bool:
            if not isinstance(exc, ProviderError) or not exc.retryable:
                return False
            return idempotent or not exc.maybe_processed

        def wait(state: RetryCallState) -> float:
            delay = float(backoff(state))
            error = _error_of(state)
            if error is not None and error.retry_after is not None:
                delay = max(delay, error.retry_after)
            return delay

        def stop(state: RetryCallState) -> bool:
            if state.attempt_number >= self.max_attempts:
                return True
            return self.clock() - started + state.upcoming_sleep >= self.deadline

        def before_sleep(state: RetryCallState) -> None:
            error = _error_of(state)
            if error is None:
                return
            log.info(
                "%s: attempt %d failed (%s, code=%s), retrying in %.1f s",
                vendor,
                state.attempt_number,
                error.category.value,
                error.code or "-",
                state.upcoming_sleep,
            )
            if self.on_retry is not None:
                self.on_retry(vendor, state.attempt_number, error)

        async def attempt() -> T:
            nonlocal started
            while True:
                try:
                    return await once()
                except ProviderError as error:
                    if error.category is not ErrorCategory.RATE_LIMITED or self.gate is None:
                        raise
                    queued = self.clock()
                    if not await self.gate.after_429(vendor):
                        raise
                    started += self.clock() - queued
                    log.info(
                        "%s: 429 (%s) while busy with our calls; sent again after a wait in line",
                        vendor,
                        error.code or "-",
                    )

        async def once() -> T:
            remaining = self.deadline - (self.clock() - started)
            scope = asyncio.timeout(max(remaining, 0.0))
            began = time.perf_counter()
            outcome = "ok"
            ended = self._sending(vendor)
            try:
                async with scope:
                    return await call()
            except TimeoutError:
                if not scope.expired():
                    outcome = "error"
                    raise
                outcome = ErrorCategory.TIMEOUT.value
                raise ProviderError(vendor, ErrorCategory.TIMEOUT, code="deadline", maybe_processed=True) from None
            except ProviderError as error:
                outcome = error.category.value
                raise
            except BaseException:
                outcome = "error"
                raise
            finally:
                ended(time.perf_counter() - began, outcome)

        retrying = AsyncRetrying(
            sleep=self.sleep,
            stop=stop,
            wait=wait,
            retry=retry_if_exception(repeatable),
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(attempt)

    def _sending(self, vendor: str) -> Callable[[float, str], None]:
        """An attempt starts: what tells the hooks it ended."""
        gate_ended = None if self.gate is None else self.gate.sending(vendor)

        def ended(seconds: float, outcome: str) -> None:
            if self.on_attempt is not None:
                self.on_attempt(vendor, seconds, outcome)
            if gate_ended is not None:
                gate_ended(seconds, outcome)

        return ended


def _error_of(state: RetryCallState) -> ProviderError | None:
    outcome = state.outcome
    if outcome is None or not outcome.failed:
        return None
    exc = outcome.exception()
    return exc if isinstance(exc, ProviderError) else None


def transport_error(vendor: str, exc: httpx.HTTPError) -> ProviderError:
    """An httpx failure as a ProviderError, without the exception's text (it may hold the URL).

    Connect failures (including a connect or pool timeout) happen before anything was sent: TRANSIENT and
    safe to repeat. A read/write timeout is TIMEOUT. Anything else after sending (reset, truncated body,
    protocol error) is TRANSIENT but ``maybe_processed``.
    """
    name = type(exc).__name__
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return ProviderError(vendor, ErrorCategory.TRANSIENT, code="connect_failed", detail=name)
    if isinstance(exc, httpx.TimeoutException):
        return ProviderError(vendor, ErrorCategory.TIMEOUT, code="client_timeout", detail=name, maybe_processed=True)
    return ProviderError(vendor, ErrorCategory.TRANSIENT, code="transport_error", detail=name, maybe_processed=True)


def retry_after_from(headers: httpx.Headers, *, now: Callable[[], float] = time.time) -> float | None:
    """``Retry-After`` in seconds (delta-seconds or an HTTP date), or None when absent or unreadable."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now())
