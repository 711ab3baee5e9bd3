"""One fake clock for every test that injects time: it moves only when the test moves it, or when the code
under test sleeps on it (the sleep returns at once)."""

from __future__ import annotations

import time
from datetime import UTC, datetime


class FakeClock:
    """Seconds (``now``) that move only by :meth:`advance`, :meth:`set`, :meth:`sleep` or an assignment.

    Pass the clock itself where a ``clock: Callable[[], float]`` is asked for, :meth:`sleep` where a sleep
    is, and :meth:`utc` where a ``now: Callable[[], datetime]`` is. Without ``start`` it starts at the real
    Unix time, so that files and servers' timestamps compare with it.
    """

    def __init__(self, start: float | datetime | None = None) -> None:
        self.now = time.time() if start is None else _seconds(start)
        self.sleeps: list[float] = []  # every sleep asked for, in order

    def __call__(self) -> float:
        return self.now

    def utc(self) -> datetime:
        """``now`` as an aware UTC datetime."""
        return datetime.fromtimestamp(self.now, UTC)

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def set(self, moment: float | datetime) -> None:
        self.now = _seconds(moment)

    async def sleep(self, seconds: float) -> None:
        """Returns at once; the clock moves by ``seconds`` instead."""
        self.sleeps.append(seconds)
        self.now += seconds


def _seconds(moment: float | datetime) -> float:
    return moment.timestamp() if isinstance(moment, datetime) else float(moment)
