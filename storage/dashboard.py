"""What the admin dashboard reads: jobs per day, vendor errors per day, people and their details.

Read-only. Days are given by the caller as windows of Unix time (``DayWindow``): where a day starts depends on
the quota's time zone, which is not storage's business. Every query joins the windows to ``jobs`` on
``created_at`` (indexed), so a 30-day view reads those 30 days' jobs and the database does the counting. The bot
gives this repository a connection of its own (see ``Services.reader``), so these reads never hold up its writes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storage.database import Database
from storage.stats import PAID, percentile


@dataclass(frozen=True, slots=True)
class DayWindow:
    day: str  # YYYY-MM-DD
    start: float  # Unix time, inclusive
    end: float  # Unix time, exclusive


@dataclass(frozen=True, slots=True)
class Latency:
    calls: int
    p50_ms: int
    p95_ms: int


@dataclass(slots=True)
class DayStats:
    day: str
    outcomes: dict[str, int] = field(default_factory=dict)  # "ok", a failure category, "queued"/"running"
    charged: int = 0  # quota charged for the day's jobs (delivered or awaiting delivery)
    released: int = 0  # quota given back (failed, interrupted)
    latency: dict[str, Latency] = field(default_factory=dict)  # vendor -> time with the vendor

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True, slots=True)
class VendorErrors:
    day: str
    vendor: str
    category: str
    code: str
    count: int


@dataclass(frozen=True, slots=True)
class StarsDay:
    day: str
    received: int  # Stars of the payments made that day
    refunded: int  # Stars given back that day (whenever they were paid)


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    username: str | None
    first_name: str | None
    last_seen: float | None
    credits: int | None  # None: no account yet
    banned: bool


_MAX_WINDOWS = 400  # a year and some: bounds the SQL the windows make


def _windows_sql(windows: Sequence[DayWindow]) -> tuple[str, list[object]]:
    if not 1 <= len(windows) <= _MAX_WINDOWS:
        raise ValueError(f"between 1 and {_MAX_WINDOWS} days")
    values = ", ".join(["(?, ?, ?)"] * len(windows))
    params: list[object] = [value for w in windows for value in (w.day, w.start, w.end)]
    return f"days(day, start, stop) AS (VALUES {values})", params


_PAID_SQL = ", ".join(f"'{status}'" for status in PAID)


class DashboardRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def daily(self, windows: Sequence[DayWindow]) -> list[DayStats]:
        """Per day: jobs by outcome, quota charged and released, vendor time p50/p95 (nearest rank, as
        :func:`storage.stats.percentile`). Days without jobs are there, empty. One snapshot, one hop."""
        cte, params = _windows_sql(windows)

        def work(conn: sqlite3.Connection) -> list[DayStats]:
            days = {w.day: DayStats(w.day) for w in windows}
            rows = conn.execute(
                f"""WITH {cte}
                    SELECT d.day,
                           CASE WHEN j.status IN ({_PAID_SQL}) THEN 'ok' ELSE COALESCE(j.outcome, j.status) END,
                           COUNT(*),
                           SUM(CASE WHEN j.status IN ({_PAID_SQL}) THEN j.cost ELSE 0 END),
                           SUM(CASE WHEN j.status IN ('failed', 'interrupted') THEN j.cost ELSE 0 END)
                    FROM days d JOIN jobs j ON j.created_at >= d.start AND j.created_at < d.stop
                    GROUP BY 1, 2""",  # noqa: S608 (placeholders and constants only)
                params,
            ).fetchall()
            for day, outcome, n, charged, released in rows:
                stats = days[day]
                stats.outcomes[outcome] = stats.outcomes.get(outcome, 0) + n
                stats.charged += charged
                stats.released += released
            for stats in days.values():
                stats.outcomes = dict(sorted(stats.outcomes.items(), key=lambda kv: (-kv[1], kv[0])))
            # Percentiles need every time; plain tuples, sorted here, cost a fraction of a window function's sorts.
            timings: dict[tuple[str, str], list[int]] = defaultdict(list)
            cursor = conn.cursor()
            cursor.row_factory = None
            for day, vendor, ms in cursor.execute(
                f"""WITH {cte}
                    SELECT d.day, j.vendor, j.vendor_ms
                    FROM days d JOIN jobs j ON j.created_at >= d.start AND j.created_at < d.stop
                    WHERE j.vendor IS NOT NULL AND j.vendor_ms IS NOT NULL""",  # noqa: S608
                params,
            ):
                timings[(day, vendor)].append(ms)
            for (day, vendor), values in sorted(timings.items()):
                values.sort()
                days[day].latency[vendor] = Latency(len(values), percentile(values, 0.50), percentile(values, 0.95))
            return [days[w.day] for w in windows]

        return await self._db.read(work)

    async def vendor_errors(self, windows: Sequence[DayWindow]) -> list[VendorErrors]:
        """Jobs a vendor failed, per day, vendor, category and code."""
        cte, params = _windows_sql(windows)
        rows = await self._db.conn.execute_fetchall(
            f"""WITH {cte}
                SELECT d.day, j.error_vendor AS vendor, j.outcome AS category, j.error_code AS code, COUNT(*) AS n
                FROM days d JOIN jobs j ON j.created_at >= d.start AND j.created_at < d.stop
                WHERE j.error_code IS NOT NULL
                GROUP BY d.day, j.error_vendor, j.outcome, j.error_code
                ORDER BY d.day, vendor, n DESC, code""",  # noqa: S608
            params,
        )
        return [VendorErrors(r["day"], r["vendor"], r["category"], r["code"], r["n"]) for r in rows]

    async def stars_daily(self, windows: Sequence[DayWindow]) -> list[StarsDay]:
        """Stars received (by payment time) and refunded (by refund time) per day; days without any are there."""
        cte, params = _windows_sql(windows)
        rows = await self._db.conn.execute_fetchall(
            f"""WITH {cte}
                SELECT d.day,
                       (SELECT COALESCE(SUM(p.stars), 0) FROM payments p
                        WHERE p.paid_at >= d.start AND p.paid_at < d.stop) AS received,
                       (SELECT COALESCE(SUM(p.stars), 0) FROM payments p
                        WHERE p.refunded_at >= d.start AND p.refunded_at < d.stop) AS refunded
                FROM days d""",  # noqa: S608 (placeholders only)
            params,
        )
        found = {row["day"]: StarsDay(row["day"], row["received"], row["refunded"]) for row in rows}
        return [found[w.day] for w in windows]

    async def search_people(self, query: str, limit: int = 20) -> list[PersonRow]:
        """People by id (exact), ``@username`` (prefix) or name (part, case-insensitive for Latin letters);
        an empty query lists the most recently seen."""
        query = query.strip()
        where, params = "1", list[object]()
        if query.isdigit() and len(query) <= 15:
            where, params = "u.id = ?", [int(query)]
        elif query.startswith("@"):
            where, params = "u.username LIKE ? ESCAPE '\\'", [_like(query[1:].lower()) + "%"]
        elif query:
            where = "u.username LIKE ? ESCAPE '\\' OR lower(u.first_name) LIKE ? ESCAPE '\\'"
            params = [_like(query.lower()) + "%", "%" + _like(query.lower()) + "%"]
        rows = await self._db.conn.execute_fetchall(
            f"""SELECT u.id, u.username, u.first_name, u.last_seen, a.credits, COALESCE(a.banned, 0) AS banned
                FROM users u LEFT JOIN accounts a ON a.user_id = u.id
                WHERE {where} ORDER BY u.last_seen DESC, u.id LIMIT ?""",  # noqa: S608 (fixed clauses)
            [*params, limit],
        )
        return [_person(row) for row in rows]

    async def person(self, user_id: int) -> PersonRow | None:
        rows = await self._db.conn.execute_fetchall(
            """SELECT u.id, u.username, u.first_name, u.last_seen, a.credits, COALESCE(a.banned, 0) AS banned
               FROM users u LEFT JOIN accounts a ON a.user_id = u.id WHERE u.id = ?""",
            (user_id,),
        )
        return next((_person(row) for row in rows), None)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _person(row: sqlite3.Row) -> PersonRow:
    return PersonRow(
        id=row["id"],
        username=row["username"],
        first_name=row["first_name"] or None,
        last_seen=row["last_seen"],
        credits=row["credits"],
        banned=bool(row["banned"]),
    )
