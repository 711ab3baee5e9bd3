"""The quota ledger at the storage level: reserve then settle, the day, admin actions, and the ledger check."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.quota_clock import QuotaClock
from storage import Database
from storage.jobs import Banned, Busy, Duplicate, Job, JobsRepository, NewJob, Opened, OpenResult, OutOfQuota
from storage.quota import MAX_AMOUNT, QuotaRepository
from storage.requests import PhotoSize, RequestsRepository
from tests.support.clock import FakeClock

DAY = "2024-03-01"
NEXT_DAY = "2024-03-02"
ALICE, BOB = 1001, 1002
ADMIN = 900


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "quota.sqlite3")
    try:
        yield database
    finally:
        await database.close()


class Ledger:
    """The repositories over one database, and a photo request to hang jobs on."""

    def __init__(self, db: Database, limit: int) -> None:
        self.db = db
        self.jobs = JobsRepository(db, limit)
        self.quota = QuotaRepository(db, limit)
        self.requests = RequestsRepository(db)
        self._request_ids: dict[int, str] = {}
        self._keys = 0

    async def request_id(self, user_id: int) -> str:
        if user_id not in self._request_ids:
            request = await self.requests.create(
                chat_id=user_id,
                thread_id=None,
                user_id=user_id,
                message_id=1,
                sizes=[PhotoSize("file", 640, 480, 1000)],
            )
            self._request_ids[user_id] = request.id
        return self._request_ids[user_id]

    async def open(
        self, user_id: int = ALICE, *, cost: int = 1, day: str = DAY, key: str | None = None, one_active: bool = False
    ) -> OpenResult:
        if key is None:
            self._keys += 1
            key = f"key-{self._keys}"
        new = NewJob(
            key=key,
            request_id=await self.request_id(user_id),
            user_id=user_id,
            chat_id=user_id,
            operation="older",
            cost=cost,
            params={"age": 65},
        )
        return await self.jobs.open(new, day=day, one_active=one_active)

    async def opened(self, user_id: int = ALICE, **kwargs: object) -> Job:
        result = await self.open(user_id, **kwargs)  # type: ignore[arg-type]
        assert isinstance(result, Opened), result
        return result.job

    async def ledger_sum(self, kind: str) -> int:
        rows = await self.db.conn.execute_fetchall(
            "SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE kind = ?", (kind,)
        )
        return int(next(iter(rows))[0])


@pytest.fixture
async def ledger(db: Database) -> Ledger:
    return Ledger(db, limit=5)


# -- reserve, then settle ----------------------------------------------------------------------------------


async def test_reserve_takes_the_daily_allowance_first_then_credits(ledger: Ledger) -> None:
    await ledger.quota.grant(ALICE, 3, admin_id=ADMIN, day=DAY)
    first = await ledger.opened(cost=4)
    assert (first.reservation.daily_part, first.reservation.credit_part) == (4, 0)
    second = await ledger.opened(cost=3)  # 1 daily left, then 2 credits
    assert (second.reservation.daily_part, second.reservation.credit_part) == (1, 2)
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_left, allowance.credits, allowance.credits_reserved) == (0, 1, 2)
    refused = await ledger.open(cost=2)
    assert isinstance(refused, OutOfQuota) and refused.allowance.left == 1
    assert await ledger.quota.audit() == []


async def test_success_charges_and_failure_releases_exactly_once(ledger: Ledger) -> None:
    await ledger.quota.grant(ALICE, 2, admin_id=ADMIN, day=DAY)
    paid = await ledger.opened(cost=3)
    failed = await ledger.opened(cost=4)  # 2 daily + 2 credits
    assert await ledger.jobs.finish_paid(paid.id, vendor="ailab", vendor_ms=10, result_path=None) is not None
    assert await ledger.jobs.finish_failed(failed.id, outcome="transient") is not None
    # Settling again, either way, changes nothing.
    assert await ledger.jobs.finish_paid(paid.id, vendor="ailab", vendor_ms=10, result_path=None) is None
    assert await ledger.jobs.finish_failed(paid.id, outcome="transient") is None
    assert await ledger.jobs.finish_paid(failed.id, vendor="ailab", vendor_ms=10, result_path=None) is None
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_used, allowance.daily_reserved, allowance.credits, allowance.credits_reserved) == (
        3,
        0,
        2,
        0,
    )
    assert (await ledger.ledger_sum("charge"), await ledger.ledger_sum("release")) == (3, 4)
    assert await ledger.quota.audit() == []


async def test_200_concurrent_reservations_for_one_person_never_exceed_an_allowance_of_5(ledger: Ledger) -> None:
    results = await asyncio.gather(*(ledger.open(cost=1) for _ in range(200)))
    opened = [r.job for r in results if isinstance(r, Opened)]
    assert len(opened) == 5
    assert all(isinstance(r, OutOfQuota) for r in results if not isinstance(r, Opened))
    await asyncio.gather(
        *(ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None) for job in opened)
    )
    assert await ledger.ledger_sum("charge") == 5
    assert (await ledger.quota.allowance(ALICE, DAY)).daily_used == 5
    assert await ledger.quota.audit() == []


async def test_200_concurrent_reservations_through_two_connections_never_exceed_the_allowance(
    ledger: Ledger, tmp_path: Path
) -> None:
    """Two connections to one file (as two processes would be): BEGIN IMMEDIATE serialises them."""
    other_db = await Database.open(tmp_path / "quota.sqlite3")
    try:
        other = Ledger(other_db, limit=5)
        other._request_ids[ALICE] = await ledger.request_id(ALICE)
        results = await asyncio.gather(
            *(side.open(cost=1, key=f"{n}-{i}") for i in range(100) for n, side in enumerate((ledger, other)))
        )
    finally:
        await other_db.close()
    assert sum(isinstance(r, Opened) for r in results) == 5
    assert await ledger.ledger_sum("reserve") == 5
    assert await ledger.quota.audit() == []


async def test_the_same_key_200_times_at_once_reserves_once(ledger: Ledger) -> None:
    results = await asyncio.gather(*(ledger.open(key="chat:42:o:abc") for _ in range(200)))
    assert sum(isinstance(r, Opened) for r in results) == 1
    assert sum(isinstance(r, Duplicate) for r in results) == 199
    assert await ledger.ledger_sum("reserve") == 1
    assert (await ledger.quota.allowance(ALICE, DAY)).daily_left == 4


async def test_one_job_at_a_time_per_person_and_a_repeat_is_a_duplicate_not_busy(ledger: Ledger) -> None:
    job = await ledger.opened(key="k1", one_active=True)
    assert isinstance(await ledger.open(key="k2", one_active=True), Busy)
    assert isinstance(await ledger.open(key="k1", one_active=True), Duplicate)
    assert isinstance(await ledger.open(BOB, key="k3", one_active=True), Opened)  # others are not held up
    await ledger.jobs.finish_failed(job.id, outcome="transient")
    assert isinstance(await ledger.open(key="k2", one_active=True), Opened)
    assert await ledger.ledger_sum("reserve") == 3


async def test_a_free_operation_needs_no_balance_and_writes_no_movement(ledger: Ledger) -> None:
    await ledger.quota.set_limit(ALICE, 0, admin_id=ADMIN, day=DAY)
    job = await ledger.opened(cost=0)
    await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    assert await ledger.ledger_sum("reserve") == 0
    assert await ledger.quota.audit() == []


async def test_start_up_recovery_releases_every_unfinished_job(ledger: Ledger) -> None:
    await ledger.quota.grant(ALICE, 2, admin_id=ADMIN, day=DAY)
    queued = await ledger.opened(cost=5)
    running = await ledger.opened(cost=2)
    done = await ledger.opened(BOB)
    await ledger.jobs.mark_running(running.id)
    await ledger.jobs.finish_paid(done.id, vendor="ailab", vendor_ms=1, result_path=None)
    interrupted = await ledger.jobs.interrupt_unfinished()
    assert {job.id for job in interrupted} == {queued.id, running.id}
    assert all(job.status == "interrupted" for job in interrupted)
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_left, allowance.credits, allowance.daily_reserved, allowance.credits_reserved) == (
        5,
        2,
        0,
        0,
    )
    assert await ledger.jobs.interrupt_unfinished() == []  # nothing twice
    assert await ledger.quota.audit() == []


# -- a paid result that could not be delivered: given up and refunded --------------------------------------


async def test_a_result_given_up_is_refunded_once_and_counts_as_released(ledger: Ledger) -> None:
    await ledger.quota.grant(ALICE, 2, admin_id=ADMIN, day=DAY)
    await ledger.opened(cost=4)  # 4 of 5 daily held by another job
    job = await ledger.opened(cost=3)  # 1 daily + 2 credits
    await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    given_up = await ledger.jobs.give_up(job.id, outcome="unreachable")
    assert given_up is not None and (given_up.status, given_up.outcome) == ("given_up", "unreachable")
    assert await ledger.jobs.give_up(job.id, outcome="unreachable") is None  # once
    assert await ledger.jobs.mark_delivered(job.id) is False  # an ended job stays ended
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_used, allowance.daily_reserved, allowance.credits) == (0, 4, 2)
    assert await ledger.ledger_sum("refund") == 3
    assert await ledger.quota.audit() == []
    untold = await ledger.jobs.untold_failures()
    assert [j.id for j in untold] == [job.id]  # the person is still to be told


async def test_only_a_paid_undelivered_result_can_be_given_up_or_delivered(ledger: Ledger) -> None:
    running = await ledger.opened()
    assert await ledger.jobs.give_up(running.id, outcome="undelivered") is None  # not charged: nothing to refund
    assert await ledger.jobs.mark_delivered(running.id) is False
    await ledger.jobs.finish_paid(running.id, vendor="ailab", vendor_ms=1, result_path=None)
    assert await ledger.jobs.mark_delivered(running.id) is True
    assert await ledger.jobs.give_up(running.id, outcome="undelivered") is None  # delivered: it stays so
    assert await ledger.ledger_sum("refund") == 0
    assert await ledger.quota.audit() == []


async def test_a_refund_after_an_admin_reset_never_takes_the_day_below_zero(ledger: Ledger) -> None:
    job = await ledger.opened(cost=2)
    await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    await ledger.quota.reset_today(ALICE, admin_id=ADMIN, day=DAY)  # today's use given back already
    await ledger.jobs.give_up(job.id, outcome="undeliverable")
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_used, allowance.daily_left) == (0, 5)
    assert await ledger.ledger_sum("refund") == 2  # the job's own rows still add up to its cost
    assert await ledger.quota.audit() == []


async def test_a_refund_across_midnight_settles_against_its_own_day(ledger: Ledger) -> None:
    await ledger.quota.set_limit(ALICE, 1, admin_id=ADMIN, day=DAY)
    await ledger.quota.grant(ALICE, 1, admin_id=ADMIN, day=DAY)
    job = await ledger.opened(cost=2, day=DAY)  # 1 daily + 1 credit
    await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    today = await ledger.opened(day=NEXT_DAY)
    await ledger.jobs.finish_paid(today.id, vendor="ailab", vendor_ms=1, result_path=None)
    await ledger.jobs.give_up(job.id, outcome="undelivered")
    allowance = await ledger.quota.allowance(ALICE, NEXT_DAY)
    assert (allowance.daily_used, allowance.credits) == (1, 1)  # today's use stays; the credit comes back
    assert await ledger.quota.audit() == []


async def test_a_group_that_became_a_supergroup_moves_every_stored_chat_id(ledger: Ledger) -> None:
    old, new = -4001, -1004001
    photo = await ledger.requests.create(
        chat_id=old, thread_id=None, user_id=ALICE, message_id=7, sizes=[PhotoSize("file", 640, 480, 1000)]
    )
    elsewhere = await ledger.requests.create(
        chat_id=-4002, thread_id=None, user_id=ALICE, message_id=7, sizes=[PhotoSize("file", 640, 480, 1000)]
    )
    opened = await ledger.jobs.open(
        NewJob("k", photo.id, ALICE, old, "older", 1, {"age": 65}), day=DAY, one_active=False
    )
    assert isinstance(opened, Opened)
    await ledger.jobs.set_status_message(opened.job.id, 12)
    await ledger.requests.open_pairing(photo.id, chat_id=old, user_id=ALICE, ttl=60)
    assert await ledger.requests.move_chat(old, new) == 1
    assert await ledger.requests.move_chat(old, new) == 0  # twice changes nothing
    moved = await ledger.requests.get(photo.id)
    assert moved is not None and (moved.chat_id, moved.moved_from_chat_id) == (new, old)
    job = await ledger.jobs.get(opened.job.id)
    assert job is not None and (job.chat_id, job.status_message_id) == (new, None)  # the status stayed behind
    pairing = await ledger.requests.get_pairing(photo.id)
    assert pairing is not None and pairing.chat_id == new
    assert (await ledger.requests.get(elsewhere.id)) == elsewhere  # other chats untouched
    # The old message id means nothing in the new chat: a new photo with that id is a new request.
    assert await ledger.requests.find_by_message(new, 7, ALICE) is None


# -- the allowance day -------------------------------------------------------------------------------------


@pytest.mark.parametrize("paid", [True, False], ids=["charged", "released"])
async def test_a_reservation_held_across_midnight_settles_against_its_own_day(ledger: Ledger, paid: bool) -> None:
    held = await ledger.opened(cost=2, day=DAY)
    today = await ledger.quota.allowance(ALICE, NEXT_DAY)
    assert (today.day, today.daily_left, today.daily_reserved) == (NEXT_DAY, 5, 0)  # a new day, a full allowance
    if paid:
        await ledger.jobs.finish_paid(held.id, vendor="ailab", vendor_ms=1, result_path=None)
    else:
        await ledger.jobs.finish_failed(held.id, outcome="transient")
    after = await ledger.quota.allowance(ALICE, NEXT_DAY)
    assert (after.daily_used, after.daily_reserved, after.daily_left) == (0, 0, 5)  # today is untouched
    rows = await ledger.db.conn.execute_fetchall("SELECT kind, day FROM ledger WHERE job_id = ?", (held.id,))
    assert sorted(tuple(r) for r in rows) == sorted([("reserve", DAY), ("charge" if paid else "release", DAY)])
    assert await ledger.quota.audit() == []


async def test_credits_held_across_midnight_come_back_on_release(ledger: Ledger) -> None:
    await ledger.quota.set_limit(ALICE, 0, admin_id=ADMIN, day=DAY)
    await ledger.quota.grant(ALICE, 3, admin_id=ADMIN, day=DAY)
    held = await ledger.opened(cost=3, day=DAY)
    await ledger.jobs.finish_failed(held.id, outcome="timeout")
    assert (await ledger.quota.allowance(ALICE, NEXT_DAY)).credits == 3
    assert await ledger.quota.audit() == []


async def test_a_clock_going_back_never_hands_out_a_day_twice(ledger: Ledger) -> None:
    """E.g. QUOTA_TIMEZONE changed westwards: the account stays on its later day, and everything agrees."""
    for _ in range(5):
        await ledger.opened(day=NEXT_DAY)
    late = await ledger.open(day=DAY)
    assert isinstance(late, OutOfQuota) and late.allowance.day == NEXT_DAY
    await ledger.quota.grant(ALICE, 1, admin_id=ADMIN, day=DAY)
    job = await ledger.opened(day=DAY)
    assert job.quota_day == NEXT_DAY
    await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    assert await ledger.quota.audit() == []


def test_the_allowance_day_turns_at_midnight_in_the_quota_timezone() -> None:
    """Tokyo is UTC+9: 14:59 UTC is still the 1st there, 15:00 UTC is the 2nd, and the reset is 15:00 UTC."""
    clock = FakeClock(datetime(2024, 3, 1, 14, 59, 59, tzinfo=UTC))
    tokyo = QuotaClock("Asia/Tokyo", now=clock.utc)
    assert tokyo.today() == "2024-03-01"
    assert tokyo.next_reset().astimezone(UTC) == datetime(2024, 3, 1, 15, 0, tzinfo=UTC)
    clock.set(datetime(2024, 3, 1, 15, 0, 0, tzinfo=UTC))
    assert tokyo.today() == "2024-03-02"
    assert QuotaClock("UTC", now=clock.utc).today() == "2024-03-01"  # UTC has not turned yet
    # Across a DST change (New York, 2024-03-10 02:00 -> 03:00) the reset is still local midnight.
    clock.set(datetime(2024, 3, 10, 12, 0, tzinfo=UTC))
    new_york = QuotaClock("America/New_York", now=clock.utc)
    assert new_york.next_reset().astimezone(UTC) == datetime(2024, 3, 11, 4, 0, tzinfo=UTC)


async def test_the_day_boundary_in_a_non_utc_timezone_resets_the_allowance(ledger: Ledger) -> None:
    now = FakeClock(datetime(2024, 3, 1, 14, 59, tzinfo=UTC))
    clock = QuotaClock("Asia/Tokyo", now=now.utc)
    for _ in range(5):
        await ledger.opened(day=clock.today())
    assert isinstance(await ledger.open(day=clock.today()), OutOfQuota)
    now.set(datetime(2024, 3, 1, 15, 0, tzinfo=UTC))  # midnight in Tokyo, 3 pm in UTC
    assert isinstance(await ledger.open(day=clock.today()), Opened)
    assert (await ledger.quota.allowance(ALICE, clock.today())).daily_left == 4
    assert await ledger.quota.audit() == []


# -- admin actions -----------------------------------------------------------------------------------------


async def test_reset_gives_back_todays_use_but_not_what_running_jobs_hold(ledger: Ledger) -> None:
    for _ in range(3):
        job = await ledger.opened()
        await ledger.jobs.finish_paid(job.id, vendor="ailab", vendor_ms=1, result_path=None)
    running = await ledger.opened()
    done = await ledger.quota.reset_today(ALICE, admin_id=ADMIN, day=DAY)
    assert done.amount == 3
    assert (done.allowance.daily_used, done.allowance.daily_reserved, done.allowance.daily_left) == (0, 1, 4)
    await ledger.jobs.finish_paid(running.id, vendor="ailab", vendor_ms=1, result_path=None)
    assert (await ledger.quota.allowance(ALICE, DAY)).daily_left == 4
    [reset] = [e for e in await ledger.quota.history(ALICE) if e.kind == "reset"]
    assert (reset.amount, reset.admin_id, reset.day) == (3, ADMIN, DAY)
    assert await ledger.quota.audit() == []


async def test_a_negative_grant_takes_only_available_credits_never_held_ones(ledger: Ledger) -> None:
    await ledger.quota.set_limit(ALICE, 0, admin_id=ADMIN, day=DAY)
    await ledger.quota.grant(ALICE, 3, admin_id=ADMIN, day=DAY)
    held = await ledger.opened(cost=2)
    taken = await ledger.quota.grant(ALICE, -10, admin_id=ADMIN, day=DAY, reason="oops")
    assert taken.amount == -1
    assert (taken.allowance.credits, taken.allowance.credits_reserved) == (0, 2)
    await ledger.jobs.finish_failed(held.id, outcome="transient")
    assert (await ledger.quota.allowance(ALICE, DAY)).credits == 2
    assert await ledger.quota.audit() == []


@pytest.mark.parametrize("credits", [0, MAX_AMOUNT + 1, -MAX_AMOUNT - 1])
async def test_a_grant_of_nothing_or_of_too_much_is_refused(ledger: Ledger, credits: int) -> None:
    with pytest.raises(ValueError, match="grant"):
        await ledger.quota.grant(ALICE, credits, admin_id=ADMIN, day=DAY)
    assert await ledger.quota.history(ALICE) == []


async def test_a_limit_override_and_back_to_the_default(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="limit"):
        await ledger.quota.set_limit(ALICE, -1, admin_id=ADMIN, day=DAY)
    raised = await ledger.quota.set_limit(ALICE, 8, admin_id=ADMIN, day=DAY)
    assert (raised.allowance.daily_limit, raised.allowance.limit_overridden) == (8, True)
    results = [await ledger.open() for _ in range(9)]
    assert [isinstance(r, Opened) for r in results] == [True] * 8 + [False]
    back = await ledger.quota.set_limit(ALICE, None, admin_id=ADMIN, day=DAY)
    assert (back.allowance.daily_limit, back.allowance.daily_left, back.allowance.limit_overridden) == (5, 0, False)
    assert [e.reason for e in await ledger.quota.history(ALICE) if e.kind == "setlimit"] == ["default", "8"]


async def test_a_banned_person_is_refused_and_nothing_is_reserved(ledger: Ledger) -> None:
    await ledger.quota.set_banned(ALICE, True, admin_id=ADMIN, day=DAY, reason="spam")
    refused = await ledger.open()
    assert isinstance(refused, Banned) and refused.reason == "spam"
    assert await ledger.ledger_sum("reserve") == 0
    await ledger.quota.set_banned(ALICE, False, admin_id=ADMIN, day=DAY)
    assert isinstance(await ledger.open(), Opened)
    kinds = [(e.kind, e.admin_id) for e in await ledger.quota.history(ALICE) if e.admin_id]
    assert kinds == [("unban", ADMIN), ("ban", ADMIN)]


async def test_a_ban_while_a_job_runs_lets_it_finish_and_settle_as_usual(ledger: Ledger) -> None:
    running = await ledger.opened()
    await ledger.jobs.mark_running(running.id)
    await ledger.quota.set_banned(ALICE, True, admin_id=ADMIN, day=DAY, reason=None)
    assert await ledger.jobs.finish_paid(running.id, vendor="ailab", vendor_ms=1, result_path=None) is not None
    assert isinstance(await ledger.open(), Banned)
    allowance = await ledger.quota.allowance(ALICE, DAY)
    assert (allowance.daily_used, allowance.daily_reserved, allowance.banned) == (1, 0, True)
    assert await ledger.quota.audit() == []


async def test_an_admin_action_delivered_twice_is_done_once(ledger: Ledger) -> None:
    first = await ledger.quota.grant(ALICE, 5, admin_id=ADMIN, day=DAY, key="admin:900:17")
    again = await ledger.quota.grant(ALICE, 5, admin_id=ADMIN, day=DAY, key="admin:900:17")
    assert (first.repeated, again.repeated, again.allowance.credits) == (False, True, 5)
    assert (await ledger.quota.reset_today(ALICE, admin_id=ADMIN, day=DAY, key="admin:900:17")).repeated
    grants = [e for e in await ledger.quota.history(ALICE) if e.kind == "grant"]
    assert [(e.amount, e.admin_id) for e in grants] == [(5, ADMIN)]


# -- the ledger check --------------------------------------------------------------------------------------


async def _busy_ledger(ledger: Ledger) -> None:
    await ledger.quota.grant(ALICE, 4, admin_id=ADMIN, day=DAY)
    paid = await ledger.opened(cost=6)
    failed = await ledger.opened(cost=2)
    await ledger.opened(BOB, cost=1)
    await ledger.jobs.finish_paid(paid.id, vendor="ailab", vendor_ms=1, result_path=None)
    await ledger.jobs.finish_failed(failed.id, outcome="transient")
    assert await ledger.quota.audit() == []


@pytest.mark.parametrize(
    ("tampering", "complaint"),
    [
        ("UPDATE accounts SET credits = credits + 5 WHERE user_id = 1001", "credits=8 but the ledger says 3"),
        ("UPDATE accounts SET daily_used = 0 WHERE user_id = 1001", "daily_used=0 but the ledger says 5"),
        ("UPDATE accounts SET daily_reserved = 0 WHERE user_id = 1002", "daily_reserved=0 but the ledger says 1"),
        ("UPDATE accounts SET credits_reserved = 1 WHERE user_id = 1001", "credits_reserved=1"),
        ("DELETE FROM ledger WHERE kind = 'grant'", "credits=3 but the ledger says -1"),
        ("UPDATE jobs SET status = 'succeeded' WHERE status = 'failed'", "charged 0 and released 2, expected 2 and 0"),
        ("UPDATE jobs SET status = 'failed' WHERE user_id = 1002", "charged 0 and released 0, expected 0 and 1"),
        (
            "INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) "
            "SELECT user_id, kind, bucket, amount, day, job_id, created_at FROM ledger WHERE kind = 'charge'",
            "charged 12 and released 0, expected 6 and 0",
        ),
        ("UPDATE jobs SET cost = 7 WHERE cost = 6", "split 5+1 is not its cost 7"),
        ("UPDATE ledger SET job_id = 'gone' WHERE kind = 'release'", "for job gone, which does not exist"),
        (
            "UPDATE jobs SET status = 'given_up' WHERE status = 'result_ready'",
            "released 0 and refunded 0, expected 6, 0 and 6",
        ),
    ],
)
async def test_the_ledger_check_detects_tampering(ledger: Ledger, tampering: str, complaint: str) -> None:
    await _busy_ledger(ledger)
    await ledger.db.conn.execute(tampering)
    problems = await ledger.quota.audit()
    assert any(complaint in problem for problem in problems), problems


# -- one transaction, one hop ------------------------------------------------------------------------------


async def test_a_transaction_run_on_the_database_thread_is_all_or_nothing(db: Database) -> None:
    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO accounts (user_id, day) VALUES (1, ?)", (DAY,))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await db.run(half_done)
    rows = await db.conn.execute_fetchall("SELECT COUNT(*) FROM accounts")
    assert next(iter(rows))[0] == 0

    # Interleaved with the per-statement transactions other repositories use, in both orders, nothing clashes.
    async def per_statement(n: int) -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO accounts (user_id, day) VALUES (?, ?)", (n, DAY))
            await asyncio.sleep(0)
            await conn.execute("UPDATE accounts SET credits = 1 WHERE user_id = ?", (n,))

    async def whole(n: int) -> None:
        await db.run(
            lambda conn: conn.execute("INSERT INTO accounts (user_id, day, credits) VALUES (?, ?, 1)", (n, DAY))
        )

    await asyncio.gather(*(per_statement(n) if n % 2 else whole(n) for n in range(2, 102)))
    rows = await db.conn.execute_fetchall("SELECT COUNT(*), SUM(credits) FROM accounts")
    assert tuple(next(iter(rows))) == (100, 100)
