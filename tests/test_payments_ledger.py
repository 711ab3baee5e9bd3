"""Payments at the storage and service level: orders, the pre-checkout decision, crediting and debiting once,
bought credits in the quota (spent after granted ones, a debt after a refund), the ledger check, STAR_PACKS."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.payments import (
    CheckoutRefusal,
    PaymentService,
    RefundAnswer,
    RefundRefused,
    RefundStatus,
    StarTransaction,
    TransactionKind,
)
from bot.settings import Settings, StarPack, describe_validation_error
from storage import Database
from storage.jobs import JobsRepository, NewJob, Opened
from storage.payments import Payment, PaymentSource, PaymentsRepository
from storage.quota import Allowance, QuotaRepository
from storage.requests import PhotoSize, RequestsRepository

DAY = "2024-03-01"
ALICE, BOB = 1001, 1002
PACK = StarPack(10, 50)


class FakeStars:
    """The service's ports, recorded: Telegram's refunds and transactions, and what people were told."""

    def __init__(self) -> None:
        self.listed: list[StarTransaction] = []
        self.refunded_charges: set[str] = set()
        self.refuse: str | None = None
        self.told: list[tuple[str, str]] = []

    async def refund(self, user_id: int, charge_id: str) -> RefundAnswer:
        if self.refuse:
            raise RefundRefused(self.refuse)
        if charge_id in self.refunded_charges:
            return RefundAnswer.ALREADY_REFUNDED
        self.refunded_charges.add(charge_id)
        return RefundAnswer.REFUNDED

    async def transactions(self, offset: int, limit: int) -> Sequence[StarTransaction]:
        return self.listed[offset : offset + limit]

    async def credited(self, payment: Payment, allowance: Allowance | None) -> None:
        self.told.append(("credited", payment.charge_id))

    async def refunded(self, payment: Payment, allowance: Allowance | None) -> None:
        self.told.append(("refunded", payment.charge_id))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "payments.sqlite3")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def repository(db: Database) -> AsyncIterator[PaymentsRepository]:
    records = PaymentsRepository(db, 0, await db.open_reader())
    try:
        yield records
    finally:
        await records.close()


@pytest.fixture
def stars() -> FakeStars:
    return FakeStars()


@pytest.fixture
def service(repository: PaymentsRepository, stars: FakeStars) -> PaymentService:
    return PaymentService(repository, packs=[PACK], stars=stars, notices=stars, today=lambda: DAY)


async def execute(db: Database, sql: str) -> None:
    await db.run(lambda conn: conn.execute(sql))


async def pay(service: PaymentService, charge: str, payload: str | None, *, user: int = ALICE, total: int = 50) -> bool:
    recorded = await service.paid(
        charge_id=charge, payer_id=user, payload=payload, currency="XTR", total=total, source=PaymentSource.MESSAGE
    )
    return recorded.new


async def test_the_pre_checkout_decision(service: PaymentService, db: Database) -> None:
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    assert 1 <= len(order.id.encode()) <= 128

    async def check(payload: str, payer: int = ALICE, total: int = 50, currency: str = "XTR") -> object:
        return await service.checkout(payload=payload, payer_id=payer, currency=currency, total=total)

    assert await check(order.id) is None
    assert await check("nope") is CheckoutRefusal.UNKNOWN_ORDER
    assert await check(order.id, payer=BOB) is CheckoutRefusal.NOT_YOURS
    assert await check(order.id, total=49) is CheckoutRefusal.PRICE
    assert await check(order.id, currency="EUR") is CheckoutRefusal.PRICE
    await QuotaRepository(db, 0).set_banned(ALICE, True, admin_id=900, day=DAY)
    assert await check(order.id) is CheckoutRefusal.BANNED
    await QuotaRepository(db, 0).set_banned(ALICE, False, admin_id=900, day=DAY)
    await pay(service, "c1", order.id)
    assert await check(order.id) is CheckoutRefusal.ALREADY_PAID
    service.packs = []  # STAR_PACKS emptied: nothing is sold any more
    assert await check(order.id) is CheckoutRefusal.CLOSED


async def test_credited_once_per_charge_and_debited_once_per_refund(
    service: PaymentService, db: Database, stars: FakeStars
) -> None:
    quota = QuotaRepository(db, 0)
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    assert await pay(service, "c1", order.id)
    assert not await pay(service, "c1", order.id)  # the same payment seen again
    assert await pay(service, "c2", order.id)  # the same order paid again: its own charge
    assert (await quota.allowance(ALICE, DAY)).bought == 20
    assert stars.told == [("credited", "c1"), ("credited", "c2")]  # one receipt each

    done = await service.refund("c1", admin_id=900)
    assert done.status is RefundStatus.REFUNDED and done.allowance is not None and done.allowance.bought == 10
    assert (await service.refund("c1", admin_id=900)).status is RefundStatus.ALREADY
    again = await service.refunded(
        charge_id="c1", payer_id=ALICE, payload=order.id, currency="XTR", total=50, source=PaymentSource.MESSAGE
    )
    assert again is not None and not again.new
    stars.refunded_charges.add("c2")  # refunded by Telegram; the bot never heard
    late = await service.refund("c2", admin_id=900)
    assert late.status is RefundStatus.ALREADY and late.payment is not None and late.payment.debited == 10
    assert (await service.refund("c9", admin_id=900)).status is RefundStatus.UNKNOWN
    assert (await quota.allowance(ALICE, DAY)).bought == 0
    assert [kind for kind, _ in stars.told] == ["credited", "credited", "refunded", "refunded"]
    assert await quota.audit() == []


async def test_a_refused_refund_changes_nothing(service: PaymentService, db: Database, stars: FakeStars) -> None:
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    await pay(service, "c1", order.id)
    stars.refuse = "Bad Request: CHARGE_NOT_FOUND"
    refused = await service.refund("c1", admin_id=900)
    assert (refused.status, refused.detail) == (RefundStatus.FAILED, "Bad Request: CHARGE_NOT_FOUND")
    assert (await QuotaRepository(db, 0).allowance(ALICE, DAY)).bought == 10


async def test_the_reconciler_reads_on_from_where_it_stopped(
    service: PaymentService, repository: PaymentsRepository, db: Database, stars: FakeStars
) -> None:
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    await pay(service, "c1", order.id)  # its update arrived
    stars.listed = [
        StarTransaction("c1", TransactionKind.PAYMENT, 50, ALICE, order.id),
        StarTransaction("c2", TransactionKind.PAYMENT, 50, ALICE, order.id),  # its update was lost
        StarTransaction("w1", TransactionKind.OTHER, 500, None, None),  # a withdrawal: not ours
        StarTransaction("c1", TransactionKind.REFUND, 50, ALICE, order.id),
        *[StarTransaction(f"x{i}", TransactionKind.PAYMENT, 50, BOB, "gone") for i in range(120)],
    ]
    report = await service.reconcile()
    assert (report.seen, report.credited, report.refunded) == (124, 121, 1)
    assert await repository.transactions_seen() == 124
    assert (await service.reconcile()).seen == 0  # nothing new
    allowance = await QuotaRepository(db, 0).allowance(ALICE, DAY)
    assert allowance.bought == 10  # c2 credited, c1 credited then refunded
    bob = await repository.for_user(BOB, 200)
    assert len(bob) == 120 and {p.status for p in bob} == {"unmatched"}  # no such order: nothing credited
    assert await QuotaRepository(db, 0).audit() == []


async def test_bought_credits_are_spent_after_granted_ones_and_a_debt_blocks_credits(
    service: PaymentService, db: Database
) -> None:
    quota, jobs, requests = QuotaRepository(db, 1), JobsRepository(db, 1), RequestsRepository(db)
    request = await requests.create(
        chat_id=ALICE, thread_id=None, user_id=ALICE, message_id=1, sizes=[PhotoSize("f", 640, 480, 1)]
    )
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    await pay(service, "c1", order.id)
    await quota.grant(ALICE, 2, admin_id=900, day=DAY)

    async def spend(cost: int, key: str) -> Opened:
        new = NewJob(key, request.id, ALICE, ALICE, "older", cost, {"age": 65})
        opened = await jobs.open(new, day=DAY, one_active=False)
        assert isinstance(opened, Opened), opened
        await jobs.finish_paid(opened.job.id, vendor="ailab", vendor_ms=1, result_path=None)
        return opened

    job = (await spend(5, "k1")).job
    assert (job.reservation.daily_part, job.reservation.credit_part, job.reservation.bought_part) == (1, 2, 2)
    left = await quota.allowance(ALICE, DAY)
    assert (left.credits, left.bought, left.spendable) == (0, 8, 8)

    await service.refund("c1", admin_id=900)
    left = await quota.allowance(ALICE, DAY)
    assert (left.bought, left.debt, left.spendable) == (-2, 2, 0)
    await quota.grant(ALICE, 1, admin_id=900, day=DAY)  # a grant covers part of the debt, and is not spendable
    assert (await quota.allowance(ALICE, DAY)).spendable == 0
    assert await quota.audit() == []


async def test_the_ledger_check_sees_payments_credited_wrongly(service: PaymentService, db: Database) -> None:
    order = await service.open_order(user_id=ALICE, chat_id=ALICE, pack=PACK)
    await pay(service, "c1", order.id)
    await pay(service, "c2", order.id)
    await service.refund("c2", admin_id=900)
    quota = QuotaRepository(db, 0)
    assert await quota.audit() == []
    tamperings = [  # (the change, its undoing, what the check says)
        (
            "UPDATE payments SET credits = 20 WHERE charge_id = 'c1'",
            "UPDATE payments SET credits = 10 WHERE charge_id = 'c1'",
            "payment c1 (credited): credited 10 but its pack is 20",
        ),
        (
            "UPDATE ledger SET amount = 9 WHERE action_key = 'refund:c2'",
            "UPDATE ledger SET amount = 10 WHERE action_key = 'refund:c2'",
            "payment c2 (refunded): debited 9 (recorded 10), expected 10",
        ),
        (
            "UPDATE payments SET status = 'credited' WHERE charge_id = 'c2'",
            "UPDATE payments SET status = 'refunded' WHERE charge_id = 'c2'",
            "payment c2 (credited): debited 10 (recorded 10), expected 0",
        ),
        (
            "INSERT INTO ledger (user_id, kind, bucket, amount, reason, action_key, created_at)"
            " VALUES (1001, 'purchase', 'bought', 10, 'c7', 'purchase:c7', 0)",
            "DELETE FROM ledger WHERE action_key = 'purchase:c7'",
            "a purchase of charge c7, which is not recorded",
        ),
        (
            "UPDATE accounts SET bought = bought + 1",
            "UPDATE accounts SET bought = bought - 1",
            "user 1001: bought=11 but the ledger says 10",
        ),
    ]
    for change, undo, complaint in tamperings:
        await execute(db, change)
        problems = await quota.audit()
        assert any(complaint in p for p in problems), (change, problems)
        await execute(db, undo)
        assert await quota.audit() == []
    with pytest.raises(sqlite3.IntegrityError):  # the unique key refuses a second credit of one charge outright
        await db.run(
            lambda conn: conn.execute(
                "INSERT INTO ledger (user_id, kind, bucket, amount, reason, action_key, created_at)"
                " VALUES (1001, 'purchase', 'bought', 10, 'c1', 'purchase:c1', 0)"
            )
        )


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("[{'credits': 10}]", "expected a JSON list such as"),
        ('{"credits": 10, "stars": 50}', "expected a JSON list such as"),
        ('[{"credits": 10}]', 'each pack is an object with "credits" and "stars"'),
        ('[{"credits": 0, "stars": 50}]', "the credits of a pack must be a whole number from 1 to 100000"),
        ('[{"credits": 10, "stars": 10001}]', "the stars of a pack must be a whole number from 1 to 10000"),
        ('[{"credits": 10, "stars": true}]', "the stars of a pack must be a whole number"),
        ('[{"credits": 10, "stars": 5}, {"credits": 10, "stars": 9}]', "two packs have the same number of credits"),
        ("[" + ",".join(f'{{"credits": {i}, "stars": {i}}}' for i in range(1, 10)) + "]", "at most 8 packs"),
    ],
)
def test_star_packs_are_validated(value: str, complaint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:A")
    monkeypatch.setenv("STAR_PACKS", value)
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None)
    assert complaint in describe_validation_error(error.value)


def test_star_packs_parse_sorted_and_empty_turns_payments_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:A")
    monkeypatch.setenv("STAR_PACKS", '[{"credits": 50, "stars": 200}, {"credits": 10, "stars": 50}]')
    settings = Settings(_env_file=None)
    assert settings.star_packs == [StarPack(10, 50), StarPack(50, 200)] and settings.payments_enabled
    monkeypatch.setenv("STAR_PACKS", "")
    assert not Settings(_env_file=None).payments_enabled
