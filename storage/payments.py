"""Credits sold for Telegram Stars: orders (one per invoice), payments (one per charge) and their refunds.

An order is what the bot offered: to whom, how many credits, at what price. The invoice's payload is the order's
id and nothing more, so a payment is credited with what the order says, never with what the payload claims.

A payment is keyed by Telegram's ``telegram_payment_charge_id``. Recording it and crediting the pack happen in one
transaction (:func:`storage.quota.credit_bought_in`), so a payment seen twice (a re-delivered update, the
reconciler finding it again) is credited once, and a crash leaves either both or neither. A refund marks the
payment refunded and debits the pack in one transaction the same way.

The pre-checkout answer has ten seconds and must not wait behind the writes queued on the main connection (jobs
reserve and settle there): :meth:`PaymentsRepository.checkout_view` is one statement on a read-only connection of
its own (:meth:`storage.database.Database.open_reader`).
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from enum import StrEnum

from storage.database import Database, Reader
from storage.quota import Allowance, account_in, credit_bought_in, debit_bought_in

STARS = "XTR"
# Charge ids as a person or an admin may paste them: Telegram's are letters, digits, "_" and "-".
_CHARGE_TOKEN = re.compile(r"[A-Za-z0-9_\-]{6,128}")


class PaymentStatus(StrEnum):
    CREDITED = "credited"  # the order's credits were added
    UNMATCHED = "unmatched"  # Telegram took the Stars but the payment matched no order: nothing credited
    REFUNDED = "refunded"  # the Stars went back and the credits were taken back


class PaymentSource(StrEnum):
    MESSAGE = "message"  # the successful_payment message
    RECONCILER = "reconciler"  # found in getStarTransactions
    REFUND = "refund"  # first seen in its refund (refunded_payment, or a refund in the transactions)


@dataclass(frozen=True, slots=True)
class Order:
    id: str
    user_id: int
    chat_id: int
    credits: int
    stars: int
    currency: str
    message_id: int | None
    created_at: float


@dataclass(frozen=True, slots=True)
class Payment:
    charge_id: str
    order_id: str | None
    user_id: int
    stars: int
    currency: str
    credits: int
    status: PaymentStatus
    source: PaymentSource
    provider_charge_id: str | None
    paid_at: float
    told_at: float | None
    refunded_at: float | None
    refunded_by: int | None
    debited: int


@dataclass(frozen=True, slots=True)
class CheckoutView:
    """What the pre-checkout answer needs, read in one statement."""

    order: Order | None
    paid: bool  # the order has a payment already
    payer_banned: bool


@dataclass(frozen=True, slots=True)
class Recorded:
    payment: Payment
    new: bool  # False: the charge was recorded before (nothing was credited now)
    allowance: Allowance | None  # the payer's balance after the credit (None when nothing was credited now)


@dataclass(frozen=True, slots=True)
class RefundRecorded:
    payment: Payment
    new: bool  # False: the refund was recorded before (nothing was debited now)
    allowance: Allowance | None


@dataclass(frozen=True, slots=True)
class MoneyReport:
    """Stars and credits over a period (``/stats``)."""

    payments: int
    stars_received: int
    refunds: int
    stars_refunded: int
    credits_sold: int
    credits_refunded: int
    credits_spent: int  # bought credits charged by jobs


def new_order_id() -> str:
    """12 url-safe characters (72 random bits): the invoice payload (1-128 bytes)."""
    return secrets.token_urlsafe(9)


class PaymentsRepository:
    """Orders, payments and refunds. Every method that moves credits is one transaction on the database thread."""

    def __init__(self, db: Database, default_limit: int, reader: Reader | None = None) -> None:
        self._db = db
        self._default_limit = default_limit
        self._reader = reader

    async def close(self) -> None:
        if self._reader is not None:
            await self._reader.close()

    # ---- orders ----------------------------------------------------------------------------------------

    async def create_order(self, *, user_id: int, chat_id: int, credits: int, stars: int) -> Order:
        order_id, now = new_order_id(), time.time()

        def work(conn: sqlite3.Connection) -> Order:
            row = conn.execute(
                """INSERT INTO orders (id, user_id, chat_id, credits, stars, currency, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (order_id, user_id, chat_id, credits, stars, STARS, now),
            ).fetchone()
            return _order(row)

        return await self._db.run(work)

    async def set_invoice_message(self, order_id: str, message_id: int) -> None:
        await self._db.run(
            lambda conn: conn.execute("UPDATE orders SET message_id = ? WHERE id = ?", (message_id, order_id))
        )

    async def get_order(self, order_id: str) -> Order | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM orders WHERE id = ?", (order_id,))
        return next((_order(row) for row in rows), None)

    async def has_orders(self) -> bool:
        rows = await self._db.conn.execute_fetchall("SELECT EXISTS (SELECT 1 FROM orders) AS any_")
        return bool(next(iter(rows))["any_"])

    async def checkout_view(self, order_id: str, payer_id: int) -> CheckoutView:
        """The order, whether it was paid already and whether the payer is banned: one statement, on the
        read-only connection when there is one (it never waits behind a write)."""
        sql = """
            SELECT o.*, EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id) AS paid,
                   COALESCE((SELECT banned FROM accounts a WHERE a.user_id = :payer), 0) AS payer_banned
            FROM (SELECT 1) LEFT JOIN orders o ON o.id = :order
        """
        args = {"order": order_id, "payer": payer_id}
        if self._reader is not None:
            row = await self._reader.fetch_one(sql, args)
        else:
            row = next(iter(await self._db.conn.execute_fetchall(sql, args)), None)
        assert row is not None  # the LEFT JOIN always yields one row
        order = _order(row) if row["id"] is not None else None
        return CheckoutView(order, bool(row["paid"]) if order else False, bool(row["payer_banned"]))

    # ---- payments and refunds --------------------------------------------------------------------------

    async def record_payment(
        self,
        *,
        charge_id: str,
        user_id: int,
        payload: str | None,
        stars: int,
        currency: str,
        source: PaymentSource,
        day: str,
        provider_charge_id: str | None = None,
    ) -> Recorded:
        """Record a payment Telegram confirmed and credit its order's pack to the payer, in one transaction.

        The same charge id again records and credits nothing (``new=False``). A payment whose payload names no
        order, or whose price or currency differ from the order's, is kept as ``unmatched`` with nothing
        credited (an admin can refund it). Two payments of one order (two charge ids) are credited each.
        """

        def work(conn: sqlite3.Connection) -> Recorded:
            found = _one_payment(conn, charge_id)
            if found is not None:
                return Recorded(found, new=False, allowance=None)
            order_row = conn.execute("SELECT * FROM orders WHERE id = ?", (payload,)).fetchone() if payload else None
            order = _order(order_row) if order_row else None
            matched = order is not None and order.stars == stars and order.currency == currency
            credits = order.credits if order is not None and matched else 0
            row = conn.execute(
                """INSERT INTO payments (charge_id, order_id, user_id, stars, currency, credits, status, source,
                       provider_charge_id, paid_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (
                    charge_id,
                    payload,
                    user_id,
                    stars,
                    currency,
                    credits,
                    PaymentStatus.CREDITED if matched else PaymentStatus.UNMATCHED,
                    source,
                    provider_charge_id,
                    time.time(),
                ),
            ).fetchone()
            allowance = (
                credit_bought_in(
                    conn, user_id, credits, day=day, default_limit=self._default_limit, charge_id=charge_id
                )
                if credits
                else account_in(conn, user_id, day, self._default_limit)
            )
            return Recorded(_payment(row), new=True, allowance=allowance)

        return await self._db.run(work)

    async def record_refund(self, charge_id: str, *, day: str, admin_id: int | None = None) -> RefundRecorded | None:
        """Mark the payment refunded and take its credits back, in one transaction (even below zero: credits
        already spent become a debt). A refund recorded before changes nothing (``new=False``); an unknown
        charge id gives None."""

        def work(conn: sqlite3.Connection) -> RefundRecorded | None:
            found = _one_payment(conn, charge_id)
            if found is None:
                return None
            if found.status is PaymentStatus.REFUNDED:
                return RefundRecorded(found, new=False, allowance=None)
            row = conn.execute(
                """UPDATE payments SET status = 'refunded', refunded_at = ?, refunded_by = ?, debited = credits
                   WHERE charge_id = ? RETURNING *""",
                (time.time(), admin_id, charge_id),
            ).fetchone()
            payment = _payment(row)
            allowance = (
                debit_bought_in(
                    conn,
                    payment.user_id,
                    payment.credits,
                    day=day,
                    default_limit=self._default_limit,
                    charge_id=charge_id,
                    admin_id=admin_id,
                )
                if payment.credits
                else account_in(conn, payment.user_id, day, self._default_limit)
            )
            return RefundRecorded(payment, new=True, allowance=allowance)

        return await self._db.run(work)

    async def claim_receipt(self, charge_id: str) -> bool:
        """Whether the caller is the one to send the person the receipt of this payment (once, whoever recorded
        it: the message handler and the reconciler may both see it)."""

        def work(conn: sqlite3.Connection) -> bool:
            done = conn.execute(
                "UPDATE payments SET told_at = ? WHERE charge_id = ? AND told_at IS NULL", (time.time(), charge_id)
            )
            return done.rowcount == 1

        return await self._db.run(work)

    async def get(self, charge_id: str) -> Payment | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM payments WHERE charge_id = ?", (charge_id,))
        return next((_payment(row) for row in rows), None)

    async def for_user(self, user_id: int, limit: int = 10) -> list[Payment]:
        """The person's payments, newest first."""
        rows = await self._db.conn.execute_fetchall(
            "SELECT * FROM payments WHERE user_id = ? ORDER BY paid_at DESC, rowid DESC LIMIT ?", (user_id, limit)
        )
        return [_payment(row) for row in rows]

    async def find_charges(self, text: str) -> list[Payment]:
        """The recorded payments whose charge ids appear in ``text`` (a message an admin replies to)."""
        tokens = list(dict.fromkeys(_CHARGE_TOKEN.findall(text)))[:50]
        if not tokens:
            return []
        marks = ", ".join("?" * len(tokens))
        rows = await self._db.conn.execute_fetchall(
            f"SELECT * FROM payments WHERE charge_id IN ({marks})",  # noqa: S608 (placeholders only)
            tokens,
        )
        found = {row["charge_id"]: _payment(row) for row in rows}
        return [found[token] for token in tokens if token in found]

    # ---- the reconciler's place in the transaction list ------------------------------------------------

    async def transactions_seen(self) -> int:
        rows = await self._db.conn.execute_fetchall("SELECT seen FROM star_sync WHERE id = 1")
        return next((int(row["seen"]) for row in rows), 0)

    async def set_transactions_seen(self, seen: int) -> None:
        await self._db.run(
            lambda conn: conn.execute(
                "INSERT INTO star_sync (id, seen) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seen = excluded.seen",
                (seen,),
            )
        )

    # ---- what admins see -------------------------------------------------------------------------------

    async def money_report(self, since: float) -> MoneyReport:
        """Payments recorded and refunds made since ``since`` (Unix time), and bought credits jobs spent."""
        rows = await self._db.conn.execute_fetchall(
            """SELECT
                 (SELECT COUNT(*) FROM payments WHERE paid_at >= :since) AS payments,
                 (SELECT COALESCE(SUM(stars), 0) FROM payments WHERE paid_at >= :since) AS stars_received,
                 (SELECT COALESCE(SUM(credits), 0) FROM payments WHERE paid_at >= :since) AS credits_sold,
                 (SELECT COUNT(*) FROM payments WHERE refunded_at >= :since) AS refunds,
                 (SELECT COALESCE(SUM(stars), 0) FROM payments WHERE refunded_at >= :since) AS stars_refunded,
                 (SELECT COALESCE(SUM(debited), 0) FROM payments WHERE refunded_at >= :since) AS credits_refunded,
                 (SELECT COALESCE(SUM(amount), 0) FROM ledger
                  WHERE kind = 'charge' AND bucket = 'bought' AND created_at >= :since) AS credits_spent""",
            {"since": since},
        )
        row = next(iter(rows))
        return MoneyReport(
            payments=row["payments"],
            stars_received=row["stars_received"],
            refunds=row["refunds"],
            stars_refunded=row["stars_refunded"],
            credits_sold=row["credits_sold"],
            credits_refunded=row["credits_refunded"],
            credits_spent=row["credits_spent"],
        )


def _one_payment(conn: sqlite3.Connection, charge_id: str) -> Payment | None:
    row = conn.execute("SELECT * FROM payments WHERE charge_id = ?", (charge_id,)).fetchone()
    return _payment(row) if row else None


def _order(row: sqlite3.Row) -> Order:
    return Order(
        id=row["id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        credits=row["credits"],
        stars=row["stars"],
        currency=row["currency"],
        message_id=row["message_id"],
        created_at=row["created_at"],
    )


def _payment(row: sqlite3.Row) -> Payment:
    return Payment(
        charge_id=row["charge_id"],
        order_id=row["order_id"],
        user_id=row["user_id"],
        stars=row["stars"],
        currency=row["currency"],
        credits=row["credits"],
        status=PaymentStatus(row["status"]),
        source=PaymentSource(row["source"]),
        provider_charge_id=row["provider_charge_id"],
        paid_at=row["paid_at"],
        told_at=row["told_at"],
        refunded_at=row["refunded_at"],
        refunded_by=row["refunded_by"],
        debited=row["debited"],
    )
