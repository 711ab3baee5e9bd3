"""What the dashboard reads, on a database filled by hand: days in the quota's time zone, percentiles, errors."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.runner import error_code
from bot.providers.errors import ErrorCategory, ProviderError
from bot.quota_clock import QuotaClock
from bot.web.dashboard.api import day_windows
from storage import Database, database
from storage.dashboard import DashboardRepository, DayWindow
from storage.stats import percentile

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "db.sqlite3")
    try:
        yield database
    finally:
        await database.close()


def add_job(conn: sqlite3.Connection, n: int, created: float, status: str, **columns: Any) -> None:
    conn.execute(
        "INSERT INTO requests (id, chat_id, user_id, message_id, sizes, created_at) VALUES (?, 1, 1, ?, '[]', ?)",
        (f"r{n}", n, created),
    )
    values = {
        "id": f"j{n}",
        "key": f"k{n}",
        "request_id": f"r{n}",
        "user_id": 1,
        "chat_id": 1,
        "operation": "older",
        "cost": 1,
        "quota_day": "2026-01-01",
        "status": status,
        "created_at": created,
        "updated_at": created,
        **columns,
    }
    names = ", ".join(values)
    conn.execute(f"INSERT INTO jobs ({names}) VALUES ({', '.join('?' * len(values))})", list(values.values()))


def at(day: str, hour: int = 0, minute: int = 0) -> float:
    year, month, date = map(int, day.split("-"))
    return datetime(year, month, date, hour, minute, tzinfo=BERLIN).timestamp()


def test_days_start_at_local_midnight_even_across_a_clock_change() -> None:
    clock = QuotaClock("Europe/Berlin", now=lambda: datetime(2026, 3, 30, 12, 0, tzinfo=BERLIN))
    windows = day_windows(clock, 3)
    assert [w.day for w in windows] == ["2026-03-28", "2026-03-29", "2026-03-30"]
    assert [w.end - w.start for w in windows] == [86400, 23 * 3600, 86400]  # summer time began on the 29th
    assert all(a.end == b.start for a, b in itertools.pairwise(windows))
    assert windows[0].start == at("2026-03-28")


async def test_jobs_counted_on_their_day_with_exact_percentiles(db: Database) -> None:
    days = ["2026-03-28", "2026-03-29", "2026-03-30"]
    windows = [
        DayWindow(day, at(day), at(next_day)) for day, next_day in zip(days, [*days[1:], "2026-03-31"], strict=True)
    ]
    rng = random.Random(3)
    times: dict[tuple[str, str], list[int]] = {}

    def fill(conn: sqlite3.Connection) -> None:
        n = 0
        for day in days:
            for vendor in ("ailab", "acedata"):
                for _ in range(rng.randint(1, 40)):
                    n += 1
                    ms = rng.randint(100, 9000)
                    times.setdefault((day, vendor), []).append(ms)
                    add_job(
                        conn, n, at(day, rng.randint(0, 22)), "succeeded", outcome="ok", vendor=vendor, vendor_ms=ms
                    )
        # The edges: midnight is the new day's; a job before the first window is nobody's.
        add_job(conn, 1001, at("2026-03-29"), "result_ready", outcome="ok")
        add_job(conn, 1002, at("2026-03-28") - 1, "succeeded", outcome="ok")
        add_job(
            conn,
            1003,
            at("2026-03-30", 9),
            "failed",
            outcome="transient",
            vendor="ailab",
            error_vendor="acedata",
            error_code="502 AI_SERVICE_ERROR",
            cost=2,
        )
        add_job(conn, 1004, at("2026-03-30", 10), "queued")
        add_job(conn, 1005, at("2026-03-30", 11), "interrupted", outcome="interrupted")

    await db.run(fill)
    board = DashboardRepository(db)
    daily = await board.daily(windows)
    assert [d.day for d in daily] == days
    counts = {day: sum(len(times[(day, v)]) for v in ("ailab", "acedata")) for day in days}
    assert daily[0].outcomes == {"ok": counts[days[0]]}
    assert daily[1].outcomes == {"ok": counts[days[1]] + 1}  # the one at midnight
    assert daily[2].outcomes == {"ok": counts[days[2]], "interrupted": 1, "queued": 1, "transient": 1}
    assert (daily[2].charged, daily[2].released) == (counts[days[2]], 3)
    for stats in daily:
        for vendor in ("ailab", "acedata"):
            values = sorted(times[(stats.day, vendor)])
            latency = stats.latency[vendor]
            assert (latency.calls, latency.p50_ms, latency.p95_ms) == (
                len(values),
                percentile(values, 0.5),
                percentile(values, 0.95),
            )

    errors = await board.vendor_errors(windows)
    assert [(e.day, e.vendor, e.category, e.code, e.count) for e in errors] == [
        ("2026-03-30", "acedata", "transient", "502 AI_SERVICE_ERROR", 1)
    ]
    with pytest.raises(ValueError, match="between 1 and"):
        await board.daily([])


def test_error_codes_name_the_status_and_the_vendors_code() -> None:
    assert error_code(ProviderError("ailab", ErrorCategory.TRANSIENT, code="AI_SERVICE_ERROR", status=502)) == (
        "502 AI_SERVICE_ERROR"
    )
    assert error_code(ProviderError("ailab", ErrorCategory.TIMEOUT, code="client_timeout")) == "client_timeout"
    assert error_code(ProviderError("ace", ErrorCategory.TRANSIENT, status=503)) == "503"
    assert error_code(ProviderError("ace", ErrorCategory.OPERATOR)) == "operator"
    assert len(error_code(ProviderError("ace", ErrorCategory.OPERATOR, code="X" * 500))) == 64


async def test_earlier_failures_keep_their_category_as_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 0008: jobs a vendor failed before it are charted by their category."""
    path = tmp_path / "old.sqlite3"
    every = database.migration_scripts()
    monkeypatch.setattr(database, "migration_scripts", lambda: [m for m in every if m[0] < 8])
    db = await Database.open(path)
    await db.run(
        lambda conn: conn.execute(
            """INSERT INTO requests (id, chat_id, user_id, message_id, sizes, created_at)
           VALUES ('r1', 1, 1, 1, '[]', 0), ('r2', 1, 1, 2, '[]', 0), ('r3', 1, 1, 3, '[]', 0)"""
        )
    )
    await db.run(
        lambda conn: conn.execute(
            """INSERT INTO jobs (id, key, request_id, user_id, chat_id, operation, cost, quota_day, status, outcome,
                             vendor, created_at, updated_at)
           VALUES ('j1', 'k1', 'r1', 1, 1, 'older', 1, 'd', 'failed', 'rate_limited', 'ailab', 0, 0),
                  ('j2', 'k2', 'r2', 1, 1, 'older', 1, 'd', 'failed', 'bad_image', 'ailab', 0, 0),
                  ('j3', 'k3', 'r3', 1, 1, 'older', 1, 'd', 'succeeded', 'ok', 'ailab', 0, 0)"""
        )
    )
    await db.close()
    monkeypatch.setattr(database, "migration_scripts", lambda: every)
    db = await Database.open(path)
    try:
        rows = await db.conn.execute_fetchall("SELECT id, error_vendor, error_code FROM jobs ORDER BY id")
        assert [tuple(r) for r in rows] == [("j1", "ailab", "rate_limited"), ("j2", None, None), ("j3", None, None)]
    finally:
        await db.close()
