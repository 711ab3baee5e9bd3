"""How many calls a vendor takes at once, found by asking it: an AIMD concurrency limit per (vendor, lane).

Nobody tells us a vendor's capacity; its 429s and its latency do. The limit grows by one after each *window* of
answered calls (as many calls as the limit) that brought no 429, kept latency near its baseline and actually
used the limit (a quiet lane earns no trust), except that the limit which last brought a 429 is tried again only
after ``patience`` such windows (twice as many each time that same limit is refused again, up to
``PATIENCE_GROWTH`` times); it shrinks on a 429 to what the vendor was carrying of ours when it said no
(see :meth:`AdaptiveLimit.overloaded`), and multiplicatively on a latency jump (the window's latency over
``jump_factor`` times the baseline). A 429 from a call sent before the last decrease was sent under the old
limit, so one overload costs one decrease, not one per call in flight.
The baseline is the lowest window latency seen, creeping up slowly toward what is measured, so that a vendor
that became slower for good does not keep the limit at its floor for ever.

Written here rather than taken from PyPI: the packages found (``ace-concurrency``, ``aimd-limiter``,
``adaptive-concurrency``, all 0.1.x) steer by CPU and memory, limit a request *rate*, or size batches; none
takes a 429 as its signal, none has an injectable clock, and none knows lanes or fair queues. This is pure
state (no asyncio, the clock injected): :mod:`bot.jobs.lanes` puts it to work.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

PATIENCE_GROWTH: Final = 4
"""A limit refused again and again is asked about ever less often: at most this many times ``patience`` apart."""


class Lane(StrEnum):
    """Calls that share a limit. Face swaps take a minute or two: in a lane of their own they never hold up
    the edits that take seconds."""

    EDIT = "edit"
    SWAP = "swap"


def lane_of(operation: str) -> Lane:
    return Lane.SWAP if operation == "swap_faces" else Lane.EDIT


@dataclass(frozen=True, slots=True)
class LimitRules:
    start: int = 16
    floor: int = 1
    ceiling: int = 64
    decrease: float = 0.9  # the limit is multiplied by this on an overload
    near_factor: float = 1.5  # latency within this many baselines still earns an increase
    jump_factor: float = 2.5  # a window's latency over this many baselines is an overload
    baseline_creep: float = 0.05  # per window, the baseline moves this share of the way up to what is measured
    patience: int = 8  # clean windows before trying again the limit that last brought a 429
    slow_start: bool = False  # open at half of ``start``, doubling per clean window up to it (see AdaptiveLimit)

    def __post_init__(self) -> None:
        if not 1 <= self.floor <= self.start <= self.ceiling:
            raise ValueError(f"need 1 <= floor <= start <= ceiling, got {self.floor}, {self.start}, {self.ceiling}")


class AdaptiveLimit:
    """One lane's limit. Feed it every answered call (:meth:`answered`), every 429 (:meth:`overloaded`) and
    how many calls are in flight (:meth:`in_flight`); read :attr:`limit`."""

    def __init__(self, rules: LimitRules, clock: Callable[[], float]) -> None:
        self.rules = rules
        self._clock = clock
        # Slow start: a vendor nobody has asked yet gets half the start at first, and twice as many after each
        # clean, full window until the start: a vendor that takes fewer at once than the start refuses half as
        # many calls of the first wave (each refusal is a 429 someone waited for), one that takes them all costs
        # a window (about one call's time) of half the start. The first 429 or latency jump ends it.
        self._opening = rules.slow_start and rules.start // 2 > rules.floor
        self._limit = float(max(rules.floor, rules.start // 2) if self._opening else rules.start)
        self.baseline: float | None = None  # seconds: the lowest window latency, creeping up
        self._last_decrease = -math.inf
        self._overloaded_at: int | None = None  # the limit that last brought a 429
        self._patience = 0  # clean windows since then, below it
        self._patience_due = rules.patience  # clean windows before it is tried again
        self._window_calls = 0
        self._window_seconds = 0.0
        self._window_overloaded = False
        self._window_saturated = False

    @property
    def limit(self) -> int:
        return int(self._limit)

    def in_flight(self, calls: int) -> None:
        """``calls`` of the lane are at the vendor now: the window used the limit when they reach it."""
        if calls >= self.limit:
            self._window_saturated = True

    def answered(self, seconds: float) -> None:
        """A call came back with an answer (not a 429) after ``seconds``."""
        self._window_calls += 1
        self._window_seconds += seconds
        if self._window_calls >= self.limit:
            self._close_window()

    def overloaded(self, seconds: float, carried: int | None = None) -> bool:
        """A call came back 429 after ``seconds``, refused while the vendor was ``carried`` of this lane's calls
        (sent before it and not yet answered; None: not known). True when the limit went down.

        What the vendor carried when it said no is its capacity, as well as we can tell: the limit drops to it
        (never below the floor); without that figure, or when it is not below the limit, by ``decrease``. Once
        per overload: a 429 to a call sent before the last decrease was sent under the old limit, and may only
        bring the limit down further to a lower carried figure (the first 429 heard is not always the first
        one the vendor gave)."""
        self._window_overloaded = True
        sent_at = self._clock() - seconds
        known = carried is not None and carried < self.limit
        if sent_at < self._last_decrease:
            if not known or carried is None:
                return False  # sent under the old limit: already answered for
            self._note_refusal(carried)
            self._limit = float(max(self.rules.floor, carried))
            return True
        refused_before = self._overloaded_at
        self._overloaded_at = None
        self._patience = 0
        self._note_refusal(carried)
        if refused_before is not None and self._overloaded_at is not None and self._overloaded_at >= refused_before:
            self._patience_due = min(self._patience_due * 2, self.rules.patience * PATIENCE_GROWTH)
        self._decrease(carried if known else None)
        return True

    def _note_refusal(self, carried: int | None) -> None:
        """The lowest limit known to bring a 429: the one in force, or one more than the vendor carried."""
        refused_at = self.limit if carried is None else min(self.limit, carried + 1)
        if self._overloaded_at is None or refused_at < self._overloaded_at:
            self._overloaded_at = refused_at

    def _decrease(self, to: int | None = None) -> None:
        rules = self.rules
        self._opening = False
        if to is None:
            self._limit = max(float(rules.floor), min(self._limit, float(self.limit)) * rules.decrease)
        else:
            self._limit = float(max(rules.floor, to))
        self._last_decrease = self._clock()
        self._start_window()

    def _close_window(self) -> None:
        rules = self.rules
        latency = self._window_seconds / self._window_calls
        baseline = self.baseline
        if baseline is None or latency < baseline:
            self.baseline = baseline = latency
        else:
            self.baseline = baseline + (latency - baseline) * rules.baseline_creep
        if latency > rules.jump_factor * baseline:
            self._decrease()
            return
        if self._window_saturated and not self._window_overloaded and latency <= rules.near_factor * baseline:
            self._increase()
        self._start_window()

    def _increase(self) -> None:
        """One more, except that the limit which last brought a 429 is tried again only after ``patience`` clean
        windows (found once, a vendor's capacity is not probed every window), twice as many after each time it
        was refused again; a clean window at that limit means the vendor takes more now, and the increase is
        free again."""
        if self._opening:
            self._limit = float(min(self.rules.start, self.limit * 2))
            self._opening = self.limit < self.rules.start
            return
        overloaded_at = self._overloaded_at
        if overloaded_at is not None and self.limit >= overloaded_at:
            self._overloaded_at = overloaded_at = None
            self._patience_due = self.rules.patience
        if overloaded_at is not None and self.limit + 1 >= overloaded_at:
            self._patience += 1
            if self._patience < self._patience_due:
                return
            self._patience = 0
        self._limit = min(float(self.rules.ceiling), self._limit + 1)

    def _start_window(self) -> None:
        self._window_calls = 0
        self._window_seconds = 0.0
        self._window_overloaded = False
        self._window_saturated = False
