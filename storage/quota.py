"""Quota: a free daily allowance plus credits (granted by admins, or bought with Telegram Stars), kept as a ledger.

Every movement is a ``ledger`` row; the ``accounts`` row holds the running balances and is updated in the
same transaction, so the two always agree (:meth:`QuotaRepository.audit` proves it, and also checks every
job and every payment against its ledger rows). A job *reserves* its cost (daily allowance first, then granted
credits, then bought credits) and later *charges* it (success) or *releases* it (failure). A charged job whose
result could not be delivered at all is *refunded*: a ``refund`` movement with the job gives the charged cost
back (see :func:`refund_in`).

Bought credits. A payment adds to the ``bought`` bucket (a ``purchase`` row), a refund takes the pack back out
(a ``refund`` row), both keyed by the payment's charge id (``action_key``), so each happens once. A refund of
credits already spent leaves ``bought`` below zero: a debt. While in debt, the debt is netted against granted
credits (``Allowance.spendable``): no credit is spent until granted plus bought is above zero again, and the next
purchase pays the debt off first. The free daily allowance is not affected.

The allowance day. An account's counters belong to its ``day``; the first use on a later day starts the new
day from zero. A reservation remembers the day it counts against, so a job that runs across midnight settles
against yesterday (in the ledger only: yesterday's counters are gone) and never eats into today. The account's
day never goes backwards: when the clock does (a changed ``QUOTA_TIMEZONE``, a clock step), the account stays
on its later day rather than handing out a second allowance for a day already used. A new day is not a ledger row:
the daily counters are the sums of that day's rows, which is how :meth:`QuotaRepository.audit` recomputes them.

The functions ending in ``_in`` are synchronous sqlite3 code that runs inside a transaction the caller holds
(:meth:`storage.database.Database.run`), so that a job's reservation and its row are written atomically, in one
hop to the database thread (see ``bench/bench_quota.py``).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from storage.database import Database

MAX_AMOUNT = 1_000_000  # the largest grant (either way) or daily limit an admin may set in one go
_REASON_CHARS = 200


@dataclass(frozen=True, slots=True)
class Allowance:
    user_id: int
    day: str
    daily_limit: int
    daily_used: int
    daily_reserved: int
    credits: int
    credits_reserved: int
    banned: bool
    ban_reason: str | None
    limit_overridden: bool = False  # an admin set this person's daily limit
    bought: int = 0  # credits bought and available; below zero after a refund of credits already spent
    bought_reserved: int = 0

    @property
    def daily_left(self) -> int:
        return max(0, self.daily_limit - self.daily_used - self.daily_reserved)

    @property
    def credits_usable(self) -> int:
        """Granted credits a job may use: a debt of bought credits is taken from them first."""
        return max(0, self.credits + min(0, self.bought))

    @property
    def bought_usable(self) -> int:
        return max(0, self.bought)

    @property
    def spendable(self) -> int:
        """Credits a job may use, granted and bought, less any debt (what people are shown as their credits)."""
        return self.credits_usable + self.bought_usable

    @property
    def debt(self) -> int:
        """Credits owed after a refund of credits already spent, beyond what granted credits cover."""
        return max(0, -(self.credits + self.bought))

    @property
    def left(self) -> int:
        return self.daily_left + self.spendable


@dataclass(frozen=True, slots=True)
class Reservation:
    daily_part: int
    credit_part: int  # granted credits
    day: str  # the allowance day the daily part counts against
    bought_part: int = 0  # bought credits

    @property
    def cost(self) -> int:
        return self.daily_part + self.credit_part + self.bought_part


@dataclass(frozen=True, slots=True)
class AdminResult:
    """What an admin action did: the account after it, and the amount it moved (grant, reset)."""

    allowance: Allowance
    amount: int = 0
    repeated: bool = False  # the same action (same key: a re-delivered update) was already done


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: int
    user_id: int
    # reserve, charge, release, grant, reset, setlimit, ban, unban, purchase, refund (a `refund` row with a job gives
    # back what an undeliverable job was charged; without a job it takes a refunded payment's pack back)
    kind: str
    bucket: str | None  # daily, credits (granted) or bought
    amount: int
    day: str | None
    job_id: str | None
    admin_id: int | None
    reason: str | None
    created_at: float


class QuotaExhausted(Exception):
    def __init__(self, allowance: Allowance) -> None:
        super().__init__("quota exhausted")
        self.allowance = allowance


_ACCOUNT_SQL = """
    INSERT INTO accounts (user_id, day) VALUES (?, ?)
    ON CONFLICT (user_id) DO UPDATE SET
        daily_used = CASE WHEN excluded.day > accounts.day THEN 0 ELSE accounts.daily_used END,
        daily_reserved = CASE WHEN excluded.day > accounts.day THEN 0 ELSE accounts.daily_reserved END,
        day = MAX(accounts.day, excluded.day)
    RETURNING *
"""


def account_in(conn: sqlite3.Connection, user_id: int, day: str, default_limit: int) -> Allowance:
    """The person's account, created or rolled over to ``day`` as needed (one statement)."""
    return _allowance(conn.execute(_ACCOUNT_SQL, (user_id, day)).fetchone(), default_limit)


def reserve_in(conn: sqlite3.Connection, account: Allowance, cost: int, job_id: str) -> Reservation:
    """Hold ``cost`` for ``job_id``: daily allowance first, then granted credits, then bought ones. ``account``
    must have been read by :func:`account_in` in the same transaction. Raises :class:`QuotaExhausted` when the
    balance is short.
    """
    if cost < 0:
        raise ValueError("a cost cannot be negative")
    if account.left < cost:
        raise QuotaExhausted(account)
    daily = min(cost, account.daily_left)
    credit = min(cost - daily, account.credits_usable)
    bought = cost - daily - credit
    if cost:
        conn.execute(
            """UPDATE accounts SET daily_reserved = daily_reserved + ?, credits = credits - ?,
               credits_reserved = credits_reserved + ?, bought = bought - ?, bought_reserved = bought_reserved + ?
               WHERE user_id = ?""",
            (daily, credit, credit, bought, bought, account.user_id),
        )
        _movements(conn, account.user_id, "reserve", daily, credit, account.day, job_id, bought)
    return Reservation(daily, credit, account.day, bought)


def settle_in(conn: sqlite3.Connection, user_id: int, job_id: str, reservation: Reservation, *, charge: bool) -> None:
    """Turn a reservation into a charge (``charge=True``) or give it back. The caller settles each once.

    A reservation made on an earlier allowance day no longer counts against the account's current day: its
    daily part is settled in the ledger only (that day's counters were already reset).
    """
    daily, credit, bought = reservation.daily_part, reservation.credit_part, reservation.bought_part
    if not daily and not credit and not bought:
        return
    conn.execute(
        """UPDATE accounts SET
               daily_reserved = daily_reserved - CASE WHEN day = :day THEN :daily ELSE 0 END,
               daily_used = daily_used + CASE WHEN day = :day AND :charge THEN :daily ELSE 0 END,
               credits_reserved = credits_reserved - :credit,
               credits = credits + CASE WHEN :charge THEN 0 ELSE :credit END,
               bought_reserved = bought_reserved - :bought,
               bought = bought + CASE WHEN :charge THEN 0 ELSE :bought END
           WHERE user_id = :user""",
        {
            "day": reservation.day,
            "daily": daily,
            "credit": credit,
            "bought": bought,
            "charge": int(charge),
            "user": user_id,
        },
    )
    _movements(conn, user_id, "charge" if charge else "release", daily, credit, reservation.day, job_id, bought)


def split_charge(reservation: Reservation, charged: int) -> tuple[Reservation, Reservation]:
    """A reservation cut in two: the part charged (``charged`` of its cost) and the part given back. The most
    valuable credits go back first (bought, then granted, then the daily allowance), so a job that delivered part
    of what it reserved is paid from the free allowance first. The same inputs always give the same cut: the
    job keeps only ``charged``, and a refund after a charge recomputes what was charged."""
    if not 0 <= charged <= reservation.cost:
        raise ValueError(f"cannot charge {charged} of a reservation of {reservation.cost}")
    back = reservation.cost - charged
    bought_back = min(back, reservation.bought_part)
    credit_back = min(back - bought_back, reservation.credit_part)
    daily_back = back - bought_back - credit_back
    released = Reservation(daily_back, credit_back, reservation.day, bought_back)
    kept = Reservation(
        reservation.daily_part - daily_back,
        reservation.credit_part - credit_back,
        reservation.day,
        reservation.bought_part - bought_back,
    )
    return kept, released


def settle_part_in(conn: sqlite3.Connection, user_id: int, job_id: str, reservation: Reservation, charged: int) -> None:
    """Charge ``charged`` of a reservation and release the rest (see :func:`split_charge`): a charge and a release
    for the one job, which :meth:`QuotaRepository.audit` accepts when the job records ``charged``."""
    kept, released = split_charge(reservation, charged)
    settle_in(conn, user_id, job_id, kept, charge=True)
    settle_in(conn, user_id, job_id, released, charge=False)


def credit_bought_in(
    conn: sqlite3.Connection, user_id: int, credits: int, *, day: str, default_limit: int, charge_id: str
) -> Allowance:
    """A payment: add ``credits`` to the person's bought credits (a ``purchase`` row keyed by the charge id, so
    the unique ``action_key`` refuses a second credit of the same payment). Runs inside the caller's
    transaction, the one that records the payment."""
    _check_amount(credits, "a purchase", minimum=1)
    account_in(conn, user_id, day, default_limit)
    conn.execute("UPDATE accounts SET bought = bought + ? WHERE user_id = ?", (credits, user_id))
    _bought_row(conn, user_id, "purchase", credits, charge_id)
    return account_in(conn, user_id, day, default_limit)


def debit_bought_in(
    conn: sqlite3.Connection,
    user_id: int,
    credits: int,
    *,
    day: str,
    default_limit: int,
    charge_id: str,
    admin_id: int | None = None,
) -> Allowance:
    """A refund: take the pack's ``credits`` back out of the bought credits, even below zero (credits already
    spent become a debt; credits a running job holds stay held). A ``refund`` row keyed by the charge id, with
    the admin who refunded it (None: Telegram refunded it on its own)."""
    _check_amount(credits, "a refund", minimum=1)
    account_in(conn, user_id, day, default_limit)
    conn.execute("UPDATE accounts SET bought = bought - ? WHERE user_id = ?", (credits, user_id))
    _bought_row(conn, user_id, "refund", credits, charge_id, admin_id)
    return account_in(conn, user_id, day, default_limit)


def _bought_row(
    conn: sqlite3.Connection, user_id: int, kind: str, credits: int, charge_id: str, admin_id: int | None = None
) -> None:
    conn.execute(
        """INSERT INTO ledger (user_id, kind, bucket, amount, reason, action_key, admin_id, created_at)
           VALUES (?, ?, 'bought', ?, ?, ?, ?, ?)""",
        (user_id, kind, credits, charge_id, f"{kind}:{charge_id}", admin_id, time.time()),
    )


def refund_in(conn: sqlite3.Connection, user_id: int, job_id: str, reservation: Reservation) -> None:
    """Give back what a *charged* job cost (its result could not be delivered). The caller refunds each once.

    Credits come back as available credits. The daily part comes back to today's allowance when the job was
    charged against the account's current day; against an earlier day it is settled in the ledger only (that
    day's counters are gone), as :func:`settle_in` does. When an admin's reset already gave today's use back,
    only what is still counted as used can be given back again: the rest is written without a day, so that the
    job's own rows still add up to its cost and the day's counters never go below zero.
    """
    daily, credit, bought = reservation.daily_part, reservation.credit_part, reservation.bought_part
    if not daily and not credit and not bought:
        return
    row = conn.execute("SELECT day, daily_used FROM accounts WHERE user_id = ?", (user_id,)).fetchone()
    same_day = row is not None and row["day"] == reservation.day
    back = min(daily, row["daily_used"]) if same_day else daily
    conn.execute(
        """UPDATE accounts SET daily_used = daily_used - CASE WHEN day = ? THEN ? ELSE 0 END,
               credits = credits + ?, bought = bought + ? WHERE user_id = ?""",
        (reservation.day, back, credit, bought, user_id),
    )
    _movements(conn, user_id, "refund", back, credit, reservation.day, job_id, bought=bought)
    if daily > back:
        conn.execute(
            """INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, reason, created_at)
               VALUES (?, 'refund', 'daily', ?, NULL, ?, 'already given back by a reset', ?)""",
            (user_id, daily - back, job_id, time.time()),
        )


def _movements(
    conn: sqlite3.Connection,
    user_id: int,
    kind: str,
    daily: int,
    credit: int,
    day: str,
    job_id: str,
    bought: int = 0,
) -> None:
    now = time.time()
    rows: list[tuple[object, ...]] = []
    if daily:
        rows.append((user_id, kind, "daily", daily, day, job_id, now))
    if credit:
        rows.append((user_id, kind, "credits", credit, None, job_id, now))
    if bought:
        rows.append((user_id, kind, "bought", bought, None, job_id, now))
    if not rows:
        return
    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(rows))
    conn.execute(
        f"INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) VALUES {values}",  # noqa: S608
        [value for row in rows for value in row],
    )


def _allowance(row: sqlite3.Row, default_limit: int) -> Allowance:
    limit = row["daily_limit"]
    return Allowance(
        user_id=row["user_id"],
        day=row["day"],
        daily_limit=default_limit if limit is None else limit,
        daily_used=row["daily_used"],
        daily_reserved=row["daily_reserved"],
        credits=row["credits"],
        credits_reserved=row["credits_reserved"],
        banned=bool(row["banned"]),
        ban_reason=row["ban_reason"],
        limit_overridden=limit is not None,
        bought=row["bought"],
        bought_reserved=row["bought_reserved"],
    )


def _entry(row: sqlite3.Row) -> LedgerEntry:
    return LedgerEntry(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        bucket=row["bucket"],
        amount=row["amount"],
        day=row["day"],
        job_id=row["job_id"],
        admin_id=row["admin_id"],
        reason=row["reason"],
        created_at=row["created_at"],
    )


def _check_amount(value: int, what: str, *, minimum: int) -> None:
    if not minimum <= value <= MAX_AMOUNT:
        raise ValueError(f"{what} must be between {minimum} and {MAX_AMOUNT}")


class QuotaRepository:
    """Balances, admin actions on them (each a ledger row naming the admin), and the ledger check.

    Admin actions take an optional ``key`` (the Telegram update that asked for them): the same key twice
    does the action once, so a re-delivered ``/grant`` never grants twice.
    """

    def __init__(self, db: Database, default_limit: int) -> None:
        self._db = db
        self.default_limit = default_limit

    async def allowance(self, user_id: int, day: str) -> Allowance:
        return await self._db.run(lambda conn: account_in(conn, user_id, day, self.default_limit))

    async def grant(
        self,
        user_id: int,
        credits: int,
        *,
        admin_id: int,
        day: str,
        reason: str | None = None,
        key: str | None = None,
    ) -> AdminResult:
        """Add credits, or with a negative number take away available ones (down to zero, never below:
        credits held by a running job stay held). ``amount`` is what was actually added or taken."""
        _check_amount(abs(credits), "a grant", minimum=1)

        def work(conn: sqlite3.Connection) -> AdminResult:
            account = account_in(conn, user_id, day, self.default_limit)
            if _done(conn, key):
                return AdminResult(account, 0, repeated=True)
            amount = max(credits, -account.credits)
            conn.execute("UPDATE accounts SET credits = credits + ? WHERE user_id = ?", (amount, user_id))
            _admin_row(conn, user_id, "grant", admin_id, reason, key, bucket="credits", amount=amount)
            return AdminResult(account_in(conn, user_id, day, self.default_limit), amount)

        return await self._db.run(work)

    async def set_limit(
        self, user_id: int, limit: int | None, *, admin_id: int, day: str, key: str | None = None
    ) -> AdminResult:
        """Override one person's daily allowance (``None`` restores the default)."""
        if limit is not None:
            _check_amount(limit, "a daily limit", minimum=0)

        def work(conn: sqlite3.Connection) -> AdminResult:
            account = account_in(conn, user_id, day, self.default_limit)
            if _done(conn, key):
                return AdminResult(account, repeated=True)
            conn.execute("UPDATE accounts SET daily_limit = ? WHERE user_id = ?", (limit, user_id))
            reason = "default" if limit is None else str(limit)
            _admin_row(conn, user_id, "setlimit", admin_id, reason, key, amount=limit or 0)
            return AdminResult(account_in(conn, user_id, day, self.default_limit))

        return await self._db.run(work)

    async def reset_today(self, user_id: int, *, admin_id: int, day: str, key: str | None = None) -> AdminResult:
        """Give back the allowance used on the account's current day (what running jobs hold stays held)."""

        def work(conn: sqlite3.Connection) -> AdminResult:
            account = account_in(conn, user_id, day, self.default_limit)
            if _done(conn, key):
                return AdminResult(account, repeated=True)
            conn.execute("UPDATE accounts SET daily_used = 0 WHERE user_id = ?", (user_id,))
            _admin_row(
                conn, user_id, "reset", admin_id, None, key, bucket="daily", amount=account.daily_used, day=account.day
            )
            return AdminResult(account_in(conn, user_id, day, self.default_limit), account.daily_used)

        return await self._db.run(work)

    async def set_banned(
        self,
        user_id: int,
        banned: bool,
        *,
        admin_id: int,
        day: str,
        reason: str | None = None,
        key: str | None = None,
    ) -> AdminResult:
        """Ban or unban. A ban refuses new jobs; a job already running finishes and settles as usual."""
        note = reason[:_REASON_CHARS] if reason and banned else None

        def work(conn: sqlite3.Connection) -> AdminResult:
            account = account_in(conn, user_id, day, self.default_limit)
            if _done(conn, key):
                return AdminResult(account, repeated=True)
            conn.execute(
                "UPDATE accounts SET banned = ?, ban_reason = ? WHERE user_id = ?", (int(banned), note, user_id)
            )
            _admin_row(conn, user_id, "ban" if banned else "unban", admin_id, note, key)
            return AdminResult(account_in(conn, user_id, day, self.default_limit))

        return await self._db.run(work)

    async def history(self, user_id: int, limit: int = 20) -> list[LedgerEntry]:
        """The person's ledger rows, newest first."""
        rows = await self._db.conn.execute_fetchall(
            "SELECT * FROM ledger WHERE user_id = ? ORDER BY id DESC LIMIT ?", (user_id, limit)
        )
        return [_entry(row) for row in rows]

    async def audit(self) -> list[str]:
        """Recompute every balance from the ledger, and check every job against its ledger rows.

        Returns the disagreements (empty when all is well). Runs as one transaction, so it never sees
        another one half done. Payments are checked too: each credited once, each refund debited once.
        """
        queries = (_AUDIT_ACCOUNTS, _AUDIT_JOBS, _AUDIT_ORPHANS, _AUDIT_PAYMENTS, _AUDIT_PAYMENT_ORPHANS)

        def work(conn: sqlite3.Connection) -> tuple[list[sqlite3.Row], ...]:
            return tuple(conn.execute(sql).fetchall() for sql in queries)

        accounts, jobs, orphans, payments, payment_orphans = await self._db.run(work)
        problems: list[str] = []
        for row in accounts:
            who = f"user {row['user_id']}"
            for kept, derived in (
                ("daily_used", "used"),
                ("daily_reserved", "reserved"),
                ("credits", "credits_calc"),
                ("credits_reserved", "held"),
                ("bought", "bought_calc"),
                ("bought_reserved", "bought_held"),
            ):
                if row[kept] != row[derived]:
                    problems.append(f"{who}: {kept}={row[kept]} but the ledger says {row[derived]}")
            # `bought` alone may be negative: a refund of credits already spent (a debt the ledger shows).
            for name in ("daily_used", "daily_reserved", "credits", "credits_reserved", "bought_reserved"):
                if row[name] < 0:
                    problems.append(f"{who}: {name} is negative ({row[name]})")
        for row in jobs:
            problems.extend(_job_problems(row))
        for row in orphans:
            problems.append(f"ledger row {row['id']}: a {row['kind']} for job {row['job_id']}, which does not exist")
        for row in payments:
            problems.extend(_payment_problems(row))
        for row in payment_orphans:
            problems.append(f"ledger row {row['id']}: a {row['kind']} of charge {row['reason']}, which is not recorded")
        return problems


def _done(conn: sqlite3.Connection, key: str | None) -> bool:
    """Whether the admin action with this key was already done."""
    return key is not None and conn.execute("SELECT 1 FROM ledger WHERE action_key = ?", (key,)).fetchone() is not None


def _admin_row(
    conn: sqlite3.Connection,
    user_id: int,
    kind: str,
    admin_id: int,
    reason: str | None,
    key: str | None,
    *,
    bucket: str | None = None,
    amount: int = 0,
    day: str | None = None,
) -> None:
    conn.execute(
        """INSERT INTO ledger (user_id, kind, bucket, amount, day, admin_id, reason, action_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (user_id, kind, bucket, amount, day, admin_id, reason, key, time.time()),
    )


def _job_problems(row: sqlite3.Row) -> list[str]:
    """What is wrong between one job and its ledger rows: its reservation must match its split, and it is
    settled exactly once, by a charge (delivered or awaiting delivery) or a release (failed, interrupted); a
    job given up after its charge (its result could not be delivered) is charged once and refunded once, so it
    counts as released. A job charged only part of its cost (``charged``: an "every age" job whose vendor calls
    partly failed) is charged that part and released the rest. A second settlement doubles an amount, so it
    shows."""
    job = f"job {row['id']} ({row['status']})"
    found = []
    parts = (row["daily_part"], row["credit_part"], row["bought_part"])
    if sum(parts) != row["cost"] or min(parts) < 0:
        split = "+".join(str(part) for part in parts[: 3 if parts[2] else 2])  # daily+granted[+bought]
        found.append(f"{job}: split {split} is not its cost {row['cost']}")
    for bucket, part in (("daily", "daily_part"), ("credits", "credit_part"), ("bought", "bought_part")):
        reserved = row[f"reserved_{bucket}"]
        if reserved != row[part]:
            found.append(f"{job}: reserved {reserved} {bucket} but its {part} is {row[part]}")
    cost = row["cost"]
    paid = cost if row["charged_part"] is None else row["charged_part"]  # a partial charge released the rest at once
    expected = {  # (charged, released, refunded)
        "queued": (0, 0, 0),
        "running": (0, 0, 0),
        "result_ready": (paid, cost - paid, 0),
        "succeeded": (paid, cost - paid, 0),
        "given_up": (paid, cost - paid, paid),
        "failed": (0, cost, 0),
        "interrupted": (0, cost, 0),
    }
    want = expected.get(row["status"])
    got = (row["charged"], row["released"], row["refunded"])
    if want is None:
        found.append(f"{job}: unknown status")
    elif got != want:
        if want[2] or got[2]:
            found.append(
                f"{job}: charged {got[0]}, released {got[1]} and refunded {got[2]}, "
                f"expected {want[0]}, {want[1]} and {want[2]}"
            )
        else:
            found.append(f"{job}: charged {got[0]} and released {got[1]}, expected {want[0]} and {want[1]}")
    return found


def _payment_problems(row: sqlite3.Row) -> list[str]:
    """A payment is credited once (its pack, to the payer, unless it matched no order) and, once refunded,
    debited once by the same amount."""
    payment = f"payment {row['charge_id']} ({row['status']})"
    found = []
    credited = row["purchased"] or 0
    debited = row["refunded"] or 0
    if row["status"] not in ("credited", "unmatched", "refunded"):
        found.append(f"{payment}: unknown status")
    if row["status"] == "unmatched" and row["credits"] != 0:
        found.append(f"{payment}: matched no order but says {row['credits']} credits")
    if credited != row["credits"]:
        found.append(f"{payment}: credited {credited} but its pack is {row['credits']}")
    want_debit = row["credits"] if row["status"] == "refunded" else 0
    if debited != want_debit or row["debited"] != want_debit:
        found.append(f"{payment}: debited {debited} (recorded {row['debited']}), expected {want_debit}")
    for who in ("purchase_user", "refund_user"):
        if row[who] is not None and row[who] != row["user_id"]:
            found.append(f"{payment}: a ledger row for user {row[who]}, but user {row['user_id']} paid")
    return found


_AUDIT_ACCOUNTS = """
    SELECT a.user_id, a.day, a.daily_used, a.daily_reserved, a.credits, a.credits_reserved,
      a.bought, a.bought_reserved,
      COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind='charge' THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind IN ('reset','refund')
                   THEN l.amount END), 0)
        AS used,
      COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind='reserve' THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind IN ('charge','release')
                   THEN l.amount END), 0) AS reserved,
      COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind IN ('grant','release','refund') THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind='reserve' THEN l.amount END), 0) AS credits_calc,
      COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind='reserve' THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind IN ('charge','release') THEN l.amount END), 0)
        AS held,
      COALESCE(SUM(CASE WHEN l.bucket='bought' AND (l.kind IN ('purchase','release')
                                                   OR (l.kind='refund' AND l.job_id IS NOT NULL))
                   THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='bought' AND (l.kind='reserve' OR (l.kind='refund' AND l.job_id IS NULL))
                   THEN l.amount END), 0)
        AS bought_calc,
      COALESCE(SUM(CASE WHEN l.bucket='bought' AND l.kind='reserve' THEN l.amount END), 0)
    - COALESCE(SUM(CASE WHEN l.bucket='bought' AND l.kind IN ('charge','release') THEN l.amount END), 0)
        AS bought_held
    FROM accounts a LEFT JOIN ledger l ON l.user_id = a.user_id
    GROUP BY a.user_id
"""

_AUDIT_JOBS = """
    SELECT j.id, j.status, j.cost, j.charged AS charged_part, j.daily_part, j.credit_part, j.bought_part,
      COALESCE(SUM(CASE WHEN l.kind='reserve' AND l.bucket='daily' THEN l.amount END), 0) AS reserved_daily,
      COALESCE(SUM(CASE WHEN l.kind='reserve' AND l.bucket='credits' THEN l.amount END), 0) AS reserved_credits,
      COALESCE(SUM(CASE WHEN l.kind='reserve' AND l.bucket='bought' THEN l.amount END), 0) AS reserved_bought,
      COALESCE(SUM(CASE WHEN l.kind='charge' THEN l.amount END), 0) AS charged,
      COALESCE(SUM(CASE WHEN l.kind='release' THEN l.amount END), 0) AS released,
      COALESCE(SUM(CASE WHEN l.kind='refund' THEN l.amount END), 0) AS refunded
    FROM jobs j LEFT JOIN ledger l ON l.job_id = j.id
    GROUP BY j.id
"""

_AUDIT_ORPHANS = """
    SELECT l.id, l.kind, l.job_id FROM ledger l
    WHERE (l.kind IN ('reserve', 'charge', 'release') OR (l.kind = 'refund' AND l.action_key IS NULL))
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = l.job_id)
"""

# Each payment's purchase and refund rows, found by their unique action keys (at most one of each).
_AUDIT_PAYMENTS = """
    SELECT p.charge_id, p.user_id, p.status, p.credits, p.debited,
      lp.amount AS purchased, lp.user_id AS purchase_user, lr.amount AS refunded, lr.user_id AS refund_user
    FROM payments p
    LEFT JOIN ledger lp ON lp.action_key = 'purchase:' || p.charge_id
    LEFT JOIN ledger lr ON lr.action_key = 'refund:' || p.charge_id
"""

_AUDIT_PAYMENT_ORPHANS = """
    SELECT l.id, l.kind, l.reason FROM ledger l
    WHERE (l.kind = 'purchase' OR (l.kind = 'refund' AND l.job_id IS NULL))
      AND (NOT EXISTS (SELECT 1 FROM payments p WHERE p.charge_id = l.reason)
           OR l.action_key IS NOT l.kind || ':' || l.reason)
"""
