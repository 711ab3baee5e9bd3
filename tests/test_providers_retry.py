"""RetryPolicy on its own: what is repeated, how long it waits, when it gives up (no real sleeping)."""

from __future__ import annotations

import asyncio
import email.utils
from collections.abc import Awaitable, Callable

import httpx
import pytest

from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.retry import RetryPolicy, retry_after_from, transport_error
from tests.support.clock import FakeClock


def policy(t: FakeClock, **kwargs: object) -> tuple[RetryPolicy, list[tuple[str, int, ProviderError]]]:
    seen: list[tuple[str, int, ProviderError]] = []
    options: dict[str, object] = {
        "max_attempts": 3,
        "deadline": 60.0,
        "base_delay": 1.0,
        "max_delay": 8.0,
        "jitter": 0.0,
        **kwargs,
    }
    p = RetryPolicy(sleep=t.sleep, clock=t, on_retry=lambda v, n, e: seen.append((v, n, e)), **options)  # type: ignore[arg-type]
    return p, seen


def failing(*errors: ProviderError, result: str = "ok") -> tuple[list[int], Callable[[], Awaitable[str]]]:
    calls: list[int] = []

    async def call() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result

    return calls, call


def err(category: ErrorCategory, **kwargs: object) -> ProviderError:
    return ProviderError("v", category, **kwargs)  # type: ignore[arg-type]


async def test_transient_twice_then_success() -> None:
    t = FakeClock(1000.0)
    p, seen = policy(t)
    calls, call = failing(err(ErrorCategory.TRANSIENT), err(ErrorCategory.TRANSIENT))
    assert await p.run("v", call) == "ok"
    assert len(calls) == 3
    assert [(v, n) for v, n, _ in seen] == [("v", 1), ("v", 2)]
    assert t.sleeps == [1.0, 2.0]  # exponential, no jitter here


async def test_gives_up_after_max_attempts() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t, max_attempts=2)
    calls, call = failing(*[err(ErrorCategory.TRANSIENT, code=str(i)) for i in range(5)])
    with pytest.raises(ProviderError) as info:
        await p.run("v", call)
    assert len(calls) == 2 and info.value.code == "1"


@pytest.mark.parametrize("category", [ErrorCategory.UNUSABLE_PHOTO, ErrorCategory.OPERATOR, ErrorCategory.TIMEOUT])
async def test_never_repeated(category: ErrorCategory) -> None:
    t = FakeClock(1000.0)
    p, seen = policy(t)
    calls, call = failing(err(category))
    with pytest.raises(ProviderError):
        await p.run("v", call)
    assert len(calls) == 1 and not seen and not t.sleeps


async def test_retry_after_larger_than_backoff_is_honoured() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t)
    calls, call = failing(err(ErrorCategory.RATE_LIMITED, retry_after=7.0))
    assert await p.run("v", call) == "ok"
    assert len(calls) == 2 and t.sleeps == [7.0]


async def test_retry_after_beyond_deadline_gives_up_without_sleeping() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t, deadline=30.0)
    calls, call = failing(err(ErrorCategory.RATE_LIMITED, retry_after=120.0))
    with pytest.raises(ProviderError) as info:
        await p.run("v", call)
    assert info.value.category is ErrorCategory.RATE_LIMITED
    assert len(calls) == 1 and not t.sleeps


async def test_deadline_counts_time_spent_in_calls() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t, max_attempts=10, deadline=10.0)
    calls: list[int] = []

    async def slow_failure() -> str:
        calls.append(1)
        t.now += 4.0  # each attempt takes 4 s
        raise err(ErrorCategory.TRANSIENT)

    with pytest.raises(ProviderError):
        await p.run("v", slow_failure)
    # 4 s + 1 s wait + 4 s = 9 s; the next wait (2 s) would cross 10 s
    assert len(calls) == 2 and t.sleeps == [1.0]


async def test_an_attempt_running_at_the_deadline_is_cut_short() -> None:
    p = RetryPolicy(deadline=0.05)  # the real clock: the cut is asyncio's own timeout

    async def forever() -> str:
        await asyncio.sleep(30)
        return "never"

    with pytest.raises(ProviderError) as info:
        await p.run("v", forever)
    assert (info.value.category, info.value.code) == (ErrorCategory.TIMEOUT, "deadline")


async def test_non_idempotent_not_repeated_once_maybe_processed() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t)
    calls, call = failing(err(ErrorCategory.TRANSIENT, maybe_processed=True))
    with pytest.raises(ProviderError):
        await p.run("v", call, idempotent=False)
    assert len(calls) == 1
    calls, call = failing(err(ErrorCategory.TRANSIENT), err(ErrorCategory.RATE_LIMITED))
    assert await p.run("v", call, idempotent=False) == "ok"
    assert len(calls) == 3
    calls, call = failing(err(ErrorCategory.TRANSIENT, maybe_processed=True))
    assert await p.run("v", call, idempotent=True) == "ok"


async def test_other_exceptions_propagate_untouched() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t)

    async def bug() -> str:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        await p.run("v", bug)
    assert not t.sleeps


async def test_jitter_stays_within_bounds() -> None:
    t = FakeClock(1000.0)
    p, _ = policy(t, jitter=0.5, max_attempts=4)
    _, call = failing(*[err(ErrorCategory.TRANSIENT)] * 3)
    await p.run("v", call)
    for expected, slept in zip([1.0, 2.0, 4.0], t.sleeps, strict=True):
        assert expected <= slept <= expected + 0.5


def test_retry_after_header_forms() -> None:
    assert retry_after_from(httpx.Headers({"retry-after": "12"})) == 12.0
    assert retry_after_from(httpx.Headers({})) is None
    assert retry_after_from(httpx.Headers({"retry-after": "soon"})) is None
    date = email.utils.formatdate(1_000_030.0, usegmt=True)
    assert retry_after_from(httpx.Headers({"retry-after": date}), now=lambda: 1_000_000.0) == 30.0


def test_transport_error_classes() -> None:
    request = httpx.Request("POST", "https://vendor.example/x")
    connect = transport_error("v", httpx.ConnectError("refused", request=request))
    assert connect.category is ErrorCategory.TRANSIENT and not connect.maybe_processed
    connect_timeout = transport_error("v", httpx.ConnectTimeout("slow", request=request))
    assert connect_timeout.category is ErrorCategory.TRANSIENT and not connect_timeout.maybe_processed
    read_timeout = transport_error("v", httpx.ReadTimeout("slow", request=request))
    assert read_timeout.category is ErrorCategory.TIMEOUT and read_timeout.maybe_processed
    reset = transport_error("v", httpx.ReadError("reset", request=request))
    assert reset.category is ErrorCategory.TRANSIENT and reset.maybe_processed
    assert "vendor.example" not in str(reset)


class WaitingGate:
    """A CallGate that, after a 429, keeps the caller ``queued`` seconds in line (on the fake clock)."""

    def __init__(self, clock: FakeClock, queued: float, answers: list[bool]) -> None:
        self.clock, self.queued, self.answers = clock, queued, answers
        self.ended: list[str] = []

    def sending(self, vendor: str) -> Callable[[float, str], None]:
        return lambda seconds, outcome: self.ended.append(outcome)

    async def after_429(self, vendor: str) -> bool:
        self.clock.advance(self.queued)
        return self.answers.pop(0)


async def test_a_429_the_gate_waited_out_is_sent_again_at_once_as_no_new_attempt_and_off_the_deadline() -> None:
    """Two 429s the gate had the call wait in line for (30 s each, the deadline is 40 s): repeated at once, with
    no backoff and within one attempt; a third the gate declines takes the ordinary way (backoff, attempt 1)."""
    t = FakeClock(1000.0)
    gate = WaitingGate(t, 30.0, [True, True, False])
    p, seen = policy(t, deadline=40.0, gate=gate)
    limited = err(ErrorCategory.RATE_LIMITED)
    calls, call = failing(limited, limited, limited)
    assert await p.run("v", call) == "ok"
    assert len(calls) == 4
    assert gate.ended == ["rate_limited", "rate_limited", "rate_limited", "ok"]
    assert [(v, n) for v, n, _ in seen] == [("v", 1)]
    assert t.sleeps == [1.0]
