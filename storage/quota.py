"""Quota: a free daily allowance plus admin-granted credits, kept as a ledger.

Every movement is a ``ledger`` row; the ``accounts`` row holds the running balances and is updated in the
same transaction, so the two always agree (:meth:`QuotaRepository.audit` proves it). A job *reserves*
its cost (daily allowance first, then credits) and later *charges* it (success) or *releases* it (failure).

The functions ending in ``_in`` run inside a transaction the caller holds, so that a job's reservation and
its row are written atomically.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

import aiosqlite

from storage.database import Database


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

    @property
    def daily_left(self) -> int:
        return max(0, self.daily_limit - self.daily_used - self.daily_reserved)

    @property
    def left(self) -> int:
        return self.daily_left + self.credits


@dataclass(frozen=True, slots=True)
class Reservation:
    daily_part: int
    credit_part: int


class QuotaExhausted(Exception):
    def __init__(self, allowance: Allowance) -> None:
        super().__init__("quota exhausted")
        self.allowance = allowance


async def account_in(conn: aiosqlite.Connection, user_id: int, day: str, default_limit: int) -> Allowance:
    """The person's account for ``day``, created or rolled over to the new day as needed."""
    await conn.execute(
        "INSERT INTO accounts (user_id, day) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING", (user_id, day)
    )
    await conn.execute(
        "UPDATE accounts SET day = ?, daily_used = 0, daily_reserved = 0 WHERE user_id = ? AND day < ?",
        (day, user_id, day),
    )
    async with conn.execute("SELECT * FROM accounts WHERE user_id = ?", (user_id,)) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return _allowance(row, default_limit)


async def reserve_in(
    conn: aiosqlite.Connection, user_id: int, cost: int, day: str, default_limit: int, job_id: str
) -> Reservation:
    account = await account_in(conn, user_id, day, default_limit)
    if account.left < cost:
        raise QuotaExhausted(account)
    daily = min(cost, account.daily_left)
    credit = cost - daily
    await conn.execute(
        """UPDATE accounts SET daily_reserved = daily_reserved + ?, credits = credits - ?,
           credits_reserved = credits_reserved + ? WHERE user_id = ?""",
        (daily, credit, credit, user_id),
    )
    await _movements(conn, user_id, "reserve", daily, credit, day, job_id)
    return Reservation(daily, credit)


async def settle_in(
    conn: aiosqlite.Connection, user_id: int, job_id: str, day: str, reservation: Reservation, *, charge: bool
) -> None:
    """Turn a reservation into a charge (``charge=True``) or give it back.

    A reservation made on an earlier allowance day no longer counts against today's allowance: its daily
    part is settled in the ledger only (the day's counters were already reset).
    """
    daily, credit = reservation.daily_part, reservation.credit_part
    if charge:
        await conn.execute(
            """UPDATE accounts SET daily_reserved = daily_reserved - ?, daily_used = daily_used + ?
               WHERE user_id = ? AND day = ?""",
            (daily, daily, user_id, day),
        )
        await conn.execute(
            "UPDATE accounts SET credits_reserved = credits_reserved - ? WHERE user_id = ?", (credit, user_id)
        )
    else:
        await conn.execute(
            "UPDATE accounts SET daily_reserved = daily_reserved - ? WHERE user_id = ? AND day = ?",
            (daily, user_id, day),
        )
        await conn.execute(
            "UPDATE accounts SET credits_reserved = credits_reserved - ?, credits = credits + ? WHERE user_id = ?",
            (credit, credit, user_id),
        )
    await _movements(conn, user_id, "charge" if charge else "release", daily, credit, day, job_id)


async def _movements(
    conn: aiosqlite.Connection, user_id: int, kind: str, daily: int, credit: int, day: str, job_id: str
) -> None:
    now = time.time()
    rows: list[tuple[object, ...]] = []
    if daily:
        rows.append((user_id, kind, "daily", daily, day, job_id, now))
    if credit:
        rows.append((user_id, kind, "credits", credit, None, job_id, now))
    await conn.executemany(
        "INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _allowance(row: sqlite3.Row, default_limit: int) -> Allowance:
    limit = row["daily_limit"]
    return Allowance(
        user_id=row["user_id"], day=row["day"],
        daily_limit=default_limit if limit is None else limit,
        daily_used=row["daily_used"], daily_reserved=row["daily_reserved"],
        credits=row["credits"], credits_reserved=row["credits_reserved"],
        banned=bool(row["banned"]), ban_reason=row["ban_reason"],
    )


class QuotaRepository:
    def __init__(self, db: Database, default_limit: int) -> None:
        self._db = db
        self.default_limit = default_limit

    async def allowance(self, user_id: int, day: str) -> Allowance:
        async with self._db.transaction() as conn:
            return await account_in(conn, user_id, day, self.default_limit)

    async def grant(
        self, user_id: int, credits: int, *, admin_id: int, day: str, reason: str | None = None
    ) -> Allowance:
        """Add (or, with a negative number, take away down to zero) credits."""
        async with self._db.transaction() as conn:
            account = await account_in(conn, user_id, day, self.default_limit)
            amount = max(credits, -account.credits)
            await conn.execute("UPDATE accounts SET credits = credits + ? WHERE user_id = ?", (amount, user_id))
            await self._admin_row(conn, user_id, "grant", admin_id, reason, bucket="credits", amount=amount)
            return await account_in(conn, user_id, day, self.default_limit)

    async def set_limit(self, user_id: int, limit: int | None, *, admin_id: int, day: str) -> Allowance:
        """Override one person's daily allowance (``None`` restores the default)."""
        async with self._db.transaction() as conn:
            await account_in(conn, user_id, day, self.default_limit)
            await conn.execute("UPDATE accounts SET daily_limit = ? WHERE user_id = ?", (limit, user_id))
            reason = "default" if limit is None else str(limit)
            await self._admin_row(conn, user_id, "setlimit", admin_id, reason)
            return await account_in(conn, user_id, day, self.default_limit)

    async def reset_today(self, user_id: int, *, admin_id: int, day: str) -> Allowance:
        """Give back today's used allowance."""
        async with self._db.transaction() as conn:
            account = await account_in(conn, user_id, day, self.default_limit)
            await conn.execute("UPDATE accounts SET daily_used = 0 WHERE user_id = ?", (user_id,))
            await self._admin_row(
                conn, user_id, "reset", admin_id, None, bucket="daily", amount=account.daily_used, day=day
            )
            return await account_in(conn, user_id, day, self.default_limit)

    async def set_banned(self, user_id: int, banned: bool, *, admin_id: int, day: str, reason: str | None) -> None:
        async with self._db.transaction() as conn:
            await account_in(conn, user_id, day, self.default_limit)
            await conn.execute(
                "UPDATE accounts SET banned = ?, ban_reason = ? WHERE user_id = ?",
                (int(banned), reason if banned else None, user_id),
            )
            await self._admin_row(conn, user_id, "ban" if banned else "unban", admin_id, reason)

    async def _admin_row(
        self, conn: aiosqlite.Connection, user_id: int, kind: str, admin_id: int, reason: str | None, *,
        bucket: str | None = None, amount: int = 0, day: str | None = None,
    ) -> None:
        await conn.execute(
            """INSERT INTO ledger (user_id, kind, bucket, amount, day, admin_id, reason, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (user_id, kind, bucket, amount, day, admin_id, reason, time.time()),
        )

    async def audit(self) -> list[str]:
        """Recompute every balance from the ledger; returns the disagreements (empty when all is well)."""
        problems: list[str] = []
        sums = """
            SELECT a.user_id, a.day, a.daily_used, a.daily_reserved, a.credits, a.credits_reserved,
              COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind='charge' THEN l.amount END), 0)
            - COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind='reset' THEN l.amount END), 0)
                AS used,
              COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind='reserve' THEN l.amount END), 0)
            - COALESCE(SUM(CASE WHEN l.bucket='daily' AND l.day=a.day AND l.kind IN ('charge','release')
                           THEN l.amount END), 0) AS reserved,
              COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind IN ('grant','release') THEN l.amount END), 0)
            - COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind='reserve' THEN l.amount END), 0) AS credits_calc,
              COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind='reserve' THEN l.amount END), 0)
            - COALESCE(SUM(CASE WHEN l.bucket='credits' AND l.kind IN ('charge','release') THEN l.amount END), 0)
                AS held
            FROM accounts a LEFT JOIN ledger l ON l.user_id = a.user_id
            GROUP BY a.user_id
        """
        async with self._db.conn.execute(sums) as cursor:
            rows = await cursor.fetchall()
        for row in rows:
            for kept, derived in (("daily_used", "used"), ("daily_reserved", "reserved"),
                                  ("credits", "credits_calc"), ("credits_reserved", "held")):
                if row[kept] != row[derived]:
                    problems.append(f"user {row['user_id']}: {kept}={row[kept]} but the ledger says {row[derived]}")
            for name in ("daily_used", "daily_reserved", "credits", "credits_reserved"):
                if row[name] < 0:
                    problems.append(f"user {row['user_id']}: {name} is negative ({row[name]})")
        return problems
