"""The line in front of each vendor: per (vendor, lane) an adaptive limit (:mod:`bot.jobs.capacity`) and a fair
queue of the jobs waiting for one of its slots.

Fair: waiting jobs are served round-robin between people (one job of each person in turn, each person's own
jobs in the order they came), so one person's album or group burst of ten pushes someone else's single job
back by one slot at most. A waiting job can ask its place in that order and an estimate of its wait:
``ceil(place / limit)`` turns of the lane, a turn being how long a job typically holds a slot (an
exponentially weighted mean of the lane's recent jobs).

How the limits learn: the runner reports each job's time with its vendor when the vendor answered
(:meth:`LaneGate.finished`): whole jobs, not HTTP attempts, so that the quick side calls of a job (an upload, a
status poll) cannot vouch for a vendor whose real work has not come back. Every vendor HTTP attempt, retries
included, goes through :meth:`VendorLanes.sending` (the retry policy's :class:`~bot.providers.retry.CallGate`),
which keeps count of the lane's calls at each vendor: how many are there at once tells whether a window used
its limit, and a 429 says how many the vendor was carrying when it said no. Which lane a call belongs to is
known from the job that made it (:data:`current_slot`, set while a job holds its slot); the vendor is the one
that answered, which is not always the job's first choice (a fallback).

A 429 from the vendor whose slot the job holds, refused while the vendor was busy with our own calls, is not
retried while holding the slot: the job gives its slot back and waits at the head of the line
(:meth:`LaneGate.wait_again`) until the lowered limit lets it in again, i.e. until one of those calls is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import itertools
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Final

from bot.jobs.capacity import AdaptiveLimit, Lane, LimitRules
from bot.jobs.types import QueueInfo
from bot.providers.errors import ErrorCategory

current_slot: contextvars.ContextVar[Held | None] = contextvars.ContextVar("current_slot", default=None)
"""The slot of the job whose task this is, while it has one: tells which lane a vendor call belongs to."""

HOLD_WEIGHT: Final = 0.2
"""Weight of the newest job in the lane's typical slot time."""


@dataclass(eq=False)
class Ticket:
    """One job waiting in a queue; ``granted`` is resolved when the slot is its."""

    job_id: str
    person: Hashable
    granted: asyncio.Future[None] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


@dataclass(eq=False)
class Held:
    """A job's slot in a gate, from its first grant to the end of its block. ``held`` is False while the job
    waits to get it back after a 429 (:meth:`LaneGate.wait_again`); ``carried`` is what the vendor was carrying
    of the lane's calls when it last refused one of the job's calls."""

    gate: LaneGate
    job_id: str
    person: Hashable
    held: bool = True
    since: float = field(default_factory=time.monotonic)
    carried: int | None = None
    waited: float = 0.0  # seconds spent back in line after 429s


class FairQueue:
    """Waiting tickets, served round-robin between people. Pure bookkeeping; no waiting here.

    Tickets given back after a 429 (:meth:`push_back`) were served already: they go before everyone, in the
    order they came back."""

    def __init__(self) -> None:
        self._by_person: dict[Hashable, deque[Ticket]] = {}
        self._turns: deque[Hashable] = deque()  # people with waiting tickets, whose turn comes first
        self._back: deque[Ticket] = deque()  # served, refused by the vendor, waiting to go again

    def __len__(self) -> int:
        return len(self._back) + sum(len(tickets) for tickets in self._by_person.values())

    def push_back(self, ticket: Ticket) -> None:
        self._back.append(ticket)

    def push(self, ticket: Ticket) -> None:
        tickets = self._by_person.get(ticket.person)
        if tickets is None:
            self._by_person[ticket.person] = tickets = deque()
            self._turns.append(ticket.person)
        tickets.append(ticket)

    def pop(self) -> Ticket | None:
        """The next ticket: one given back, else the first of the person whose turn it is (who goes to the back)."""
        if self._back:
            return self._back.popleft()
        if not self._turns:
            return None
        person = self._turns.popleft()
        tickets = self._by_person[person]
        ticket = tickets.popleft()
        if tickets:
            self._turns.append(person)
        else:
            del self._by_person[person]
        return ticket

    def remove(self, ticket: Ticket) -> None:
        if ticket in self._back:
            self._back.remove(ticket)
            return
        tickets = self._by_person.get(ticket.person)
        if tickets is None or ticket not in tickets:
            return
        tickets.remove(ticket)
        if not tickets:
            del self._by_person[ticket.person]
            self._turns.remove(ticket.person)

    def place(self, ticket: Ticket) -> int | None:
        """1 for the ticket served next, 2 for the one after..., None when it is not waiting.

        The ticket at index ``i`` of its person's line goes in round ``i``: after ``i`` tickets of every other
        person (or all they have), its own ``i``, and the round-``i`` tickets of the people before it in turn.
        """
        if ticket in self._back:
            return self._back.index(ticket) + 1
        tickets = self._by_person.get(ticket.person)
        if tickets is None or ticket not in tickets:
            return None
        i = tickets.index(ticket)
        ahead = len(self._back) + i
        before = True
        for person in self._turns:
            if person == ticket.person:
                before = False
                continue
            count = len(self._by_person[person])
            ahead += min(count, i) + (1 if before and count > i else 0)
        return ahead + 1

    def tickets(self) -> Iterable[Ticket]:
        yield from self._back
        for tickets in self._by_person.values():
            yield from tickets


class LaneGate:
    """One (vendor, lane): its limit, the jobs holding a slot, the fair queue of those waiting."""

    def __init__(
        self,
        limit: AdaptiveLimit,
        on_limit: Callable[[int], None] | None = None,
        *,
        vendor: str = "",
        lane: Lane = Lane.EDIT,
    ) -> None:
        self.limit = limit
        self.vendor = vendor
        self.lane = lane
        self.queue = FairQueue()
        self.holding = 0
        self.typical_hold: float | None = None  # seconds a job holds a slot, weighted toward the recent
        self._on_limit = on_limit
        self._shown_limit = limit.limit
        if on_limit is not None:
            on_limit(limit.limit)

    @property
    def waiting(self) -> int:
        return len(self.queue)

    def must_wait(self) -> bool:
        return self.holding >= self.limit.limit or self.waiting > 0

    @contextlib.asynccontextmanager
    async def slot(
        self, job_id: str, person: Hashable, wait: Callable[[Ticket], Awaitable[None]] | None = None
    ) -> AsyncIterator[Held]:
        """Hold one slot for the block (the task's :data:`current_slot` meanwhile). A job that must queue waits
        in ``wait(ticket)`` (default: until ``ticket.granted``), which may follow its place meanwhile; leaving
        the queue (cancelled, or ``wait`` raised) costs the lane nothing."""
        if not self.must_wait():
            self.holding += 1
        else:
            ticket = Ticket(job_id, person)
            self.queue.push(ticket)
            try:
                if wait is not None:
                    await wait(ticket)
                await ticket.granted
            except BaseException:
                self._leave(ticket)
                raise
        held = Held(self, job_id, person)
        token = current_slot.set(held)
        try:
            yield held
        finally:
            current_slot.reset(token)
            if held.held:
                held.held = False
                self._release(time.monotonic() - held.since)

    async def wait_again(self, held: Held) -> bool:
        """Give ``held``'s slot back and wait for it again at the head of the line. True when it did wait (the
        slot went to no one else and came back only when another was freed); False when the limit let it in
        again at once, which tells the caller that waiting for a slot is not what the vendor wants."""
        ticket = Ticket(held.job_id, held.person)
        self.queue.push_back(ticket)
        held.held = False
        self._release(None)  # a slot held for a refused call says nothing about how long a turn is
        waited = not ticket.granted.done()
        began = time.monotonic()
        try:
            await ticket.granted
        except BaseException:
            self._leave(ticket)
            raise
        held.held = True
        held.since = time.monotonic()
        held.waited += held.since - began
        return waited

    def _leave(self, ticket: Ticket) -> None:
        """``ticket``'s task stopped waiting (cancelled, or its ``wait`` raised)."""
        if ticket.granted.done() and not ticket.granted.cancelled():
            self._release(None)  # granted as it left: pass the slot on
        else:
            ticket.granted.cancel()
            self.queue.remove(ticket)

    def finished(self, seconds: float) -> None:
        """A job's vendor work came back after ``seconds`` (answered, refused the photo, or timed out)."""
        self.limit.answered(seconds)
        self.dispatch()

    def _release(self, held: float | None) -> None:
        self.holding -= 1
        if held is not None:
            previous = self.typical_hold
            self.typical_hold = held if previous is None else previous + (held - previous) * HOLD_WEIGHT
        self.dispatch()

    def dispatch(self) -> None:
        """Give free slots to the next in line (after a release, or when the limit rose)."""
        limit = self.limit.limit
        if limit != self._shown_limit:
            self._shown_limit = limit
            if self._on_limit is not None:
                self._on_limit(limit)
        while self.holding < limit:
            ticket = self.queue.pop()
            if ticket is None:
                return
            if ticket.granted.done():  # its task was cancelled meanwhile
                continue
            self.holding += 1
            ticket.granted.set_result(None)

    def info(self, ticket: Ticket) -> QueueInfo | None:
        """The ticket's place in line and an estimate of its wait (None while nothing says how long a turn is)."""
        place = self.queue.place(ticket)
        if place is None:
            return None
        turn = self.typical_hold
        seconds = None if turn is None else math.ceil(place / max(self.limit.limit, 1)) * turn
        return QueueInfo(place, rounded_wait(seconds))


def rounded_wait(seconds: float | None) -> int | None:
    """A wait as people are told it, so that it does not flicker: 5-second steps under a minute, then minutes."""
    if seconds is None:
        return None
    if seconds <= 60:
        return max(5, math.ceil(seconds / 5) * 5)
    return math.ceil(seconds / 60) * 60


class VendorLanes:
    """Every (vendor, lane) gate, made on first use with the same rules; the hook that teaches their limits."""

    def __init__(
        self,
        rules: LimitRules,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_limit: Callable[[str, Lane, int], None] | None = None,
        vendors: Iterable[str] = (),
    ) -> None:
        self.rules = rules
        self._clock = clock
        self._on_limit = on_limit
        self._gates: dict[tuple[str, Lane], LaneGate] = {}
        self._flying: dict[tuple[str, Lane], set[int]] = {}  # the lane's HTTP attempts at each vendor, by number
        self._sent = itertools.count()
        for vendor in vendors:
            for lane in Lane:
                self.gate(vendor, lane)

    def gate(self, vendor: str, lane: Lane) -> LaneGate:
        gate = self._gates.get((vendor, lane))
        if gate is None:
            on_limit = self._on_limit
            report = None if on_limit is None else (lambda n: on_limit(vendor, lane, n))
            gate = LaneGate(AdaptiveLimit(self.rules, self._clock), report, vendor=vendor, lane=lane)
            self._gates[(vendor, lane)] = gate
        return gate

    def gates(self) -> dict[tuple[str, Lane], LaneGate]:
        return dict(self._gates)

    def sending(self, vendor: str) -> Callable[[float, str], None]:
        """A job's HTTP attempt to ``vendor`` starts (:class:`~bot.providers.retry.CallGate`); returns what to
        call when it ended (``seconds``, ``outcome``: ok or an error category). The lane's calls at that vendor
        are counted: reaching the limit uses it; a 429 lowers the limit to the calls sent before the refused
        one and still unanswered (what the vendor was carrying of ours)."""
        held = current_slot.get()
        if held is None:  # not a job's call (a deployment check): nothing learnt
            return _nothing
        key = (vendor, held.gate.lane)
        gate = self.gate(*key)
        flying = self._flying.setdefault(key, set())
        number = next(self._sent)
        flying.add(number)
        gate.limit.in_flight(len(flying))

        def ended(seconds: float, outcome: str) -> None:
            flying.discard(number)
            if outcome != ErrorCategory.RATE_LIMITED.value:
                return
            carried = sum(1 for other in flying if other < number)
            held.carried = carried
            gate.limit.overloaded(seconds, carried)
            gate.dispatch()

        return ended

    async def after_429(self, vendor: str) -> bool:
        """The retry policy's question after a 429 (:class:`~bot.providers.retry.CallGate`): True when the job
        gave its slot back, waited at the head of the line and has it again, to call at once and for free.
        Only for a 429 from the vendor whose slot the job holds, refused while it was busy with our own calls
        (waiting for one of them to end is then what helps); otherwise the ordinary retry."""
        held = current_slot.get()
        if held is None or not held.held or held.gate.vendor != vendor or not held.carried:
            return False
        held.carried = None
        return await held.gate.wait_again(held)


def _nothing(seconds: float, outcome: str) -> None:
    return None
