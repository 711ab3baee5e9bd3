"""The vendor's capacity found by asking (the AIMD limit, on a fake clock) and the fair queue in front of it:
round-robin between people, each person's order kept, places and estimates as people read them."""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.i18n import Texts
from bot.jobs.capacity import AdaptiveLimit, Lane, LimitRules, lane_of
from bot.jobs.lanes import FairQueue, LaneGate, Ticket, VendorLanes, current_slot, rounded_wait
from bot.jobs.types import QueueInfo
from handlers.chat.port import queue_text
from tests.support.clock import FakeClock


def limit_of(clock: FakeClock, *, slow_start: bool = False, **rules: int) -> AdaptiveLimit:
    return AdaptiveLimit(LimitRules(slow_start=slow_start, **rules), clock)


def busy_window(limit: AdaptiveLimit, clock: FakeClock, seconds: float = 1.0) -> None:
    """One window of answered calls, each taking ``seconds``, with the limit in full use."""
    limit.in_flight(limit.limit)
    for _ in range(limit.limit):
        clock.advance(seconds)
        limit.answered(seconds)


# ---- the limit's rules ---------------------------------------------------------------------------------


def test_a_busy_window_without_429_and_at_usual_latency_adds_one() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=4)
    busy_window(limit, clock)
    assert limit.limit == 5
    busy_window(limit, clock, seconds=1.4)  # within 1.5 baselines: still near
    assert limit.limit == 6


def test_a_quiet_window_earns_nothing() -> None:
    """Calls that never used the whole limit say nothing about whether the vendor takes more."""
    clock = FakeClock(0)
    limit = limit_of(clock, start=4)
    limit.in_flight(3)
    for _ in range(8):
        limit.answered(1.0)
    assert limit.limit == 4


def test_a_429_without_a_carried_figure_cuts_the_limit_by_a_tenth_once_per_overload() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=20)
    clock.advance(10)
    assert limit.overloaded(1.0)
    assert limit.limit == 18
    # Calls sent before that decrease were sent under the old limit: their 429s are the same overload.
    clock.advance(0.5)
    assert not limit.overloaded(1.0)
    assert limit.limit == 18
    # A call sent after it that still gets a 429: the vendor takes even fewer.
    clock.advance(2)
    assert limit.overloaded(1.0)
    assert limit.limit == 16


def test_a_429_in_a_window_forbids_its_increase() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=4)
    busy_window(limit, clock)  # the baseline: 1 s
    assert limit.limit == 5
    limit.overloaded(10.0)  # sent before the last decrease (none yet: counts) -> 4
    assert limit.limit == 4
    limit.in_flight(4)
    limit.answered(1.0)
    limit.overloaded(5.0)  # sent before that decrease: no second cut, but the window saw a 429
    for _ in range(3):
        limit.answered(1.0)
    assert limit.limit == 4


def test_a_latency_jump_cuts_the_limit_and_a_middling_one_holds_it() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=10)
    busy_window(limit, clock, seconds=1.0)  # baseline 1 s
    assert limit.limit == 11
    busy_window(limit, clock, seconds=2.0)  # slower than 1.5 baselines, not 2.5: no increase, no cut
    assert limit.limit == 11
    busy_window(limit, clock, seconds=3.0)  # over 2.5 baselines: the vendor is choking
    assert limit.limit == 9


def test_the_floor_and_the_ceiling_hold() -> None:
    clock = FakeClock(0)
    low = limit_of(clock, start=2, floor=2, ceiling=3)
    for _ in range(5):
        clock.advance(100)
        low.overloaded(1.0)
    assert low.limit == 2
    for _ in range(5):
        busy_window(low, clock)
    assert low.limit == 3


def test_the_rules_refuse_a_start_outside_floor_and_ceiling() -> None:
    with pytest.raises(ValueError):
        LimitRules(start=5, floor=6, ceiling=10)
    with pytest.raises(ValueError):
        LimitRules(start=11, floor=1, ceiling=10)


async def test_lanes_learn_apart_and_a_429_teaches_the_vendor_that_sent_it() -> None:
    """Face swaps have a lane of their own; every attempt goes through the retry policy's gate hook, in the lane
    of the job that made the call (the slot its task holds), for the vendor that answered: a 429 brings that
    vendor's limit down to the calls of the lane it was carrying (sent before the refused one, unanswered)."""
    clock = FakeClock(0)
    limits: list[tuple[str, Lane, int]] = []
    lanes = VendorLanes(LimitRules(start=10), clock=clock, on_limit=lambda *a: limits.append(a), vendors=["ailab"])
    assert limits == [("ailab", Lane.EDIT, 10), ("ailab", Lane.SWAP, 10)]
    assert lane_of("swap_faces") is Lane.SWAP and lane_of("change_age") is Lane.EDIT
    clock.advance(5)
    async with lanes.gate("ailab", Lane.SWAP).slot("j1", "p1"):
        first, second, third = (lanes.sending("acedata") for _ in range(3))  # a fallback vendor, three calls
        first(1.0, "ok")  # answered: no longer carried
        third(0.01, "rate_limited")  # refused while the vendor carried one call of ours (the second)
        second(1.0, "ok")
    lanes.sending("ailab")(0.01, "rate_limited")  # no job's call (a deployment check): nothing learnt
    assert lanes.gate("acedata", Lane.SWAP).limit.limit == 1
    assert lanes.gate("acedata", Lane.EDIT).limit.limit == 10
    assert lanes.gate("ailab", Lane.SWAP).limit.limit == 10
    assert lanes.gate("ailab", Lane.EDIT).limit.limit == 10
    assert ("acedata", Lane.SWAP, 1) in limits


def test_a_429_brings_the_limit_down_to_what_the_vendor_carried() -> None:
    """One overload, one decrease, to the figure the 429 gives; a later 429 of the same overload may only
    correct it downward (its answer was heard late); a new overload that carried no fewer than the limit
    falls back to a tenth down; never below the floor."""
    clock = FakeClock(0)
    limit = limit_of(clock, start=16, floor=2)
    clock.advance(10)
    assert limit.overloaded(0.01, carried=4)
    assert limit.limit == 4
    clock.advance(0.01)
    assert not limit.overloaded(0.05, carried=9)  # sent before the decrease, carried more: nothing new
    assert limit.limit == 4
    assert limit.overloaded(0.05, carried=3)  # sent before it too, carried fewer: the better figure
    assert limit.limit == 3
    clock.advance(5)
    assert limit.overloaded(0.01, carried=1)  # a new overload: the floor holds
    assert limit.limit == 2
    clock.advance(5)
    assert limit.overloaded(0.01, carried=2)  # carried as many as the limit: down by a tenth, to the floor
    assert limit.limit == 2
    high = limit_of(clock, start=30)
    clock.advance(5)
    assert high.overloaded(0.01, carried=30)
    assert high.limit == 27


def test_after_a_429_the_limit_one_above_what_the_vendor_carried_waits_for_patience() -> None:
    """Starting at 16 against a vendor that takes 4: the 429 says 5 is too many (not 16), so the limit stays at
    4 for ``patience`` clean windows before it asks the vendor about 5 again."""
    clock = FakeClock(0)
    limit = limit_of(clock, start=16, patience=3)
    clock.advance(1)
    limit.overloaded(0.01, carried=4)
    busy_window(limit, clock)
    busy_window(limit, clock)
    assert limit.limit == 4
    busy_window(limit, clock)
    assert limit.limit == 5


async def test_a_window_is_used_when_the_vendor_carries_the_limit_not_when_jobs_merely_hold_slots() -> None:
    """Saturation is counted at the vendor: the lane's calls in flight, as :meth:`VendorLanes.sending` sees them."""
    clock = FakeClock(0)
    lanes = VendorLanes(LimitRules(start=2), clock=clock)
    gate = lanes.gate("ailab", Lane.EDIT)

    async def window(calls_at_once: int) -> None:
        async with gate.slot("j", "p"):
            for _ in range(2):
                ends = [lanes.sending("ailab") for _ in range(calls_at_once)]
                for end in ends:
                    end(1.0, "ok")
                    gate.finished(1.0)

    await window(1)
    assert gate.limit.limit == 2
    await window(2)
    assert gate.limit.limit == 3


async def test_a_refused_job_gives_its_slot_back_and_goes_again_first_under_the_lowered_limit() -> None:
    """Four jobs hold the four slots, a fifth person waits in line; the vendor refuses the fourth job's call
    while carrying the other three. The limit drops to 3, the refused job waits without a slot (no call
    goes out meanwhile), and the first slot freed is its again, ahead of the person who was waiting."""
    clock = FakeClock(0)
    lanes = VendorLanes(LimitRules(start=4), clock=clock, vendors=["ailab"])
    gate = lanes.gate("ailab", Lane.EDIT)
    release = {name: asyncio.Event() for name in ("a", "b", "c", "d", "e")}
    order: list[str] = []
    refused: list[bool] = []
    ends: dict[str, object] = {}

    async def job(name: str) -> None:
        async with gate.slot(name, name):
            end = lanes.sending("ailab")
            if name == "d":
                end(0.01, "rate_limited")
                refused.append(await lanes.after_429("ailab"))
                end = lanes.sending("ailab")
            order.append(name)
            ends[name] = end
            await release[name].wait()
            end(1.0, "ok")

    tasks = {name: asyncio.create_task(job(name)) for name in "abc"}
    await asyncio.sleep(0)
    clock.advance(1)
    tasks["d"] = asyncio.create_task(job("d"))
    await asyncio.sleep(0)
    tasks["e"] = asyncio.create_task(job("e"))
    await asyncio.sleep(0)
    assert order == ["a", "b", "c"] and gate.limit.limit == 3
    assert gate.holding == 3 and gate.waiting == 2
    assert gate.info(Ticket("x", "x")) is None
    release["a"].set()
    await tasks["a"]
    await asyncio.sleep(0)
    assert order == ["a", "b", "c", "d"] and refused == [True]
    for name in "bcde":
        release[name].set()
    await asyncio.gather(*tasks.values())
    assert order[-1] == "e" and gate.holding == 0 and gate.waiting == 0


async def test_a_429_with_none_of_ours_at_the_vendor_is_left_to_the_ordinary_retry() -> None:
    """Refused while the vendor carried nothing of ours (someone else's load, an account limit): waiting for one
    of our slots would not help; so with a free slot under the limit: the job keeps its slot, and
    :meth:`VendorLanes.after_429` says no. Another vendor's 429 (a fallback) is not this slot's either."""
    clock = FakeClock(0)
    lanes = VendorLanes(LimitRules(start=4), clock=clock, vendors=["ailab"])
    gate = lanes.gate("ailab", Lane.EDIT)
    async with gate.slot("a", "a") as held:
        lanes.sending("ailab")(0.01, "rate_limited")
        assert held.carried == 0
        assert not await lanes.after_429("ailab")
        keep = lanes.sending("ailab")
        lanes.sending("acedata")(0.01, "rate_limited")
        assert not await lanes.after_429("acedata")
        keep(1.0, "ok")
        assert held.held and gate.holding == 1
    assert current_slot.get() is None and gate.holding == 0


# ---- the fair queue ------------------------------------------------------------------------------------


async def test_round_robin_one_persons_ten_do_not_push_anothers_one_back_more_than_one_slot() -> None:
    queue = FairQueue()
    alice = [Ticket(f"a{i}", "alice") for i in range(10)]
    for ticket in alice:
        queue.push(ticket)
    bob = Ticket("b0", "bob")
    queue.push(bob)
    assert queue.place(bob) == 2
    assert [queue.place(t) for t in alice[:3]] == [1, 3, 4]
    order = [ticket.job_id for ticket in iter(queue.pop, None)]
    assert order == ["a0", "b0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"]


async def test_every_persons_own_order_is_kept_and_places_match_the_order_served() -> None:
    rng = random.Random(15)
    queue = FairQueue()
    tickets = [Ticket(f"j{i}", rng.choice("abcde")) for i in range(60)]
    for ticket in tickets:
        queue.push(ticket)
    queue.remove(tickets[7])
    places = {ticket.job_id: queue.place(ticket) for ticket in tickets}
    assert places["j7"] is None
    served = [ticket.job_id for ticket in iter(queue.pop, None)]
    assert [places[job_id] for job_id in served] == list(range(1, 60))
    for person in "abcde":
        mine = [t.job_id for t in tickets if t.person == person and t.job_id != "j7"]
        assert [job_id for job_id in served if job_id in mine] == mine


async def test_at_the_gate_a_single_job_waits_one_slot_behind_a_burst() -> None:
    """Limit 1: Alice holds the slot and queues ten more, then Bob asks once; Bob's turn comes after one of
    Alice's. Each job holds its slot until the test lets it go (events, not sleeps)."""
    gate = LaneGate(AdaptiveLimit(LimitRules(start=1, ceiling=1), FakeClock(0)))
    served: list[str] = []
    release = {name: asyncio.Event() for name in [*(f"a{i}" for i in range(11)), "b"]}

    async def job(name: str, person: str) -> None:
        async with gate.slot(name, person):
            served.append(name)
            await release[name].wait()

    tasks = [asyncio.create_task(job("a0", "alice"))]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(job(f"a{i}", "alice")) for i in range(1, 11)]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(job("b", "bob")))
    await asyncio.sleep(0)
    assert served == ["a0"] and gate.waiting == 11
    while len(served) < 12:
        release[served[-1]].set()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    release[served[-1]].set()
    await asyncio.gather(*tasks)
    assert served.index("b") == 2  # after a0 (holding) and a1 (one slot): no more
    assert gate.holding == 0 and gate.waiting == 0


async def test_leaving_the_line_costs_nothing_and_passes_the_slot_on() -> None:
    gate = LaneGate(AdaptiveLimit(LimitRules(start=1, ceiling=1), FakeClock(0)))
    hold = asyncio.Event()
    got: list[str] = []

    async def job(name: str) -> None:
        async with gate.slot(name, name):
            got.append(name)
            await hold.wait()

    first = asyncio.create_task(job("first"))
    await asyncio.sleep(0)
    waiting = asyncio.create_task(job("cancelled"))
    last = asyncio.create_task(job("last"))
    await asyncio.sleep(0)
    assert gate.waiting == 2
    waiting.cancel()
    await asyncio.sleep(0)
    assert gate.waiting == 1
    hold.set()
    await asyncio.gather(first, last)
    assert got == ["first", "last"] and gate.holding == 0


# ---- place and estimate --------------------------------------------------------------------------------


async def test_the_estimate_is_turns_of_the_lane_times_a_typical_slot() -> None:
    gate = LaneGate(AdaptiveLimit(LimitRules(start=2), FakeClock(0)))
    gate.holding = 2
    tickets = [Ticket(f"j{i}", f"p{i}") for i in range(5)]
    for ticket in tickets:
        gate.queue.push(ticket)
    assert gate.info(tickets[2]) == QueueInfo(3, None)  # nothing yet says how long a turn is
    gate.typical_hold = 9.0
    assert [gate.info(t) for t in tickets] == [
        QueueInfo(1, 10),  # ceil(1 / 2) x 9 s, said in 5-second steps
        QueueInfo(2, 10),
        QueueInfo(3, 20),
        QueueInfo(4, 20),
        QueueInfo(5, 30),
    ]
    assert [rounded_wait(s) for s in (0.2, 5, 61, 150)] == [5, 5, 120, 180]


def test_the_waiting_status_says_the_place_and_the_wait_in_words() -> None:
    texts = Texts()
    en, ru, hi = texts.get("en"), texts.get("ru"), texts.get("hi")
    assert queue_text(en, "Making the face older (65)", QueueInfo(3, 20)) == (
        "⏳ Making the face older (65): 3rd in line, about 20 s…"
    )
    said = [queue_text(en, "X", QueueInfo(n, None)) for n in (1, 2, 11, 12, 13, 21, 22, 101)]
    assert said == [f"⏳ X: {p} in line…" for p in ("1st", "2nd", "11th", "12th", "13th", "21st", "22nd", "101st")]
    assert queue_text(en, "X", QueueInfo(2, 60)) == "⏳ X: 2nd in line, about 1 minute…"
    assert queue_text(en, "X", QueueInfo(2, 180)) == "⏳ X: 2nd in line, about 3 minutes…"
    assert queue_text(ru, "X", QueueInfo(3, 20)) == "⏳ X: вы на 3-м месте в очереди, ждать около 20 сек…"
    assert queue_text(hi, "X", QueueInfo(2, None)) == "⏳ X: कतार में 2रे स्थान पर…"


def test_the_limit_that_brought_a_429_is_tried_again_only_after_patience() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=4, patience=3)
    busy_window(limit, clock)  # 5
    clock.advance(1)
    limit.overloaded(0.5)  # at 5: down to 4
    assert limit.limit == 4
    busy_window(limit, clock)
    busy_window(limit, clock)
    assert limit.limit == 4  # 5 brought the 429: not yet
    busy_window(limit, clock)
    assert limit.limit == 5  # the third clean window: try 5 again
    busy_window(limit, clock)
    assert limit.limit == 6  # 5 went clean: the vendor takes more now, increases are free again


def test_a_limit_refused_again_is_asked_about_half_as_often_until_it_goes_clean() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=16, patience=2)
    clock.advance(1)
    limit.overloaded(0.01, carried=4)  # 5 is too many
    for _ in range(2):
        busy_window(limit, clock)
    assert limit.limit == 5
    limit.overloaded(0.01, carried=4)  # refused again: 4 windows before the next try
    for _ in range(3):
        busy_window(limit, clock)
    assert limit.limit == 4
    busy_window(limit, clock)
    assert limit.limit == 5
    limit.overloaded(0.01, carried=4)  # and again: 8 (the cap: 4 x patience)
    for _ in range(7):
        busy_window(limit, clock)
    assert limit.limit == 4
    busy_window(limit, clock)
    assert limit.limit == 5
    busy_window(limit, clock)  # 5 went clean: the vendor takes more now
    assert limit.limit == 6
    limit.overloaded(0.01, carried=5)  # 6 refused: patience starts afresh at 2
    for _ in range(2):
        busy_window(limit, clock)
    assert limit.limit == 6


def test_slow_start_opens_at_half_the_start_and_doubles_to_it_then_adds_one() -> None:
    clock = FakeClock(0)
    limit = limit_of(clock, start=16, slow_start=True)
    assert limit.limit == 8
    busy_window(limit, clock)
    assert limit.limit == 16  # doubled, up to the start only
    busy_window(limit, clock)
    assert limit.limit == 17  # then one at a time


def test_slow_start_ends_at_the_first_429() -> None:
    """A vendor taking 4 at once: the first wave of 8 brings 429s while it carries 4; the limit goes to 4 and
    grows by one from there (after its patience), never doubling again."""
    clock = FakeClock(0)
    limit = limit_of(clock, start=16, slow_start=True, patience=2)
    clock.advance(1)
    assert limit.overloaded(0.1, carried=4)
    assert limit.limit == 4
    busy_window(limit, clock)
    assert limit.limit == 4  # 5 is one above what the vendor carried: it waits its patience
    busy_window(limit, clock)
    assert limit.limit == 5
