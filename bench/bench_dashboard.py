"""Benchmark the admin dashboard's API on a busy database; prints a Markdown table.

    python bench/bench_dashboard.py [--jobs N ...] [--runs R]

For each size, a fresh database gets N jobs spread evenly over the last 30 days (a tenth of them failed, with
vendor times and error codes as the bot writes them), 1 person per 10 jobs, and their ledger rows. Then each
endpoint is called R times through the real routes (initData checked on every call, over an in-process ASGI
transport, so no socket time is counted) and the median is printed.

The dashboard reads on a connection of its own (as the bot wires it), so the bot's writes (a job's reservation,
its settlement) never queue behind a 30-day query on the bot's one database thread. The last rows show what that
buys: the longest a small write waited while the overview was computed, on the dashboard's own connection and, for
comparison, had it shared the bot's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from starlette.applications import Starlette  # noqa: E402

from bot.admin_actions import AdminActions  # noqa: E402
from bot.jobs.runner import VendorLoad  # noqa: E402
from bot.quota_clock import QuotaClock  # noqa: E402
from bot.settings import Vendor  # noqa: E402
from bot.web.dashboard import Dashboard, DashboardDeps, InitDataVerifier  # noqa: E402
from storage import Database  # noqa: E402
from storage.dashboard import DashboardRepository  # noqa: E402
from storage.jobs import JobsRepository  # noqa: E402
from storage.quota import QuotaRepository  # noqa: E402
from storage.stats import StatsRepository  # noqa: E402
from tests.fakes.telegram.webapp import init_data_for  # noqa: E402

TOKEN = "123456:bench-token"
ADMIN = 900
OPERATIONS = ["older", "younger", "swap_gender", "detect_gender", "swap_faces"]
VENDORS = ["ailab", "acedata", "accuauth"]


class _Queue:
    waiting = 0
    running = 0

    def load(self) -> dict[Vendor, VendorLoad]:
        return {vendor: VendorLoad(8, 0, 0) for vendor in Vendor}


def seed(db_path: Path, jobs: int) -> None:
    """Rows as the bot writes them, inserted in bulk (the bot's own paths would take minutes to make them)."""
    import sqlite3

    rng = random.Random(7)
    now = time.time()
    people = max(1, jobs // 10)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executemany(
            "INSERT INTO users (id, username, first_name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
            [
                (1000 + i, f"user{i}", f"Person {i}", now - 86400 * 30, now - rng.random() * 86400 * 30)
                for i in range(people)
            ],
        )
        conn.executemany(
            "INSERT INTO requests (id, chat_id, user_id, message_id, sizes, created_at) VALUES (?, ?, ?, ?, '[]', ?)",
            [(f"r{i}", 1000 + i % people, 1000 + i % people, i, now) for i in range(jobs)],
        )
        job_rows, ledger_rows = [], []
        for i in range(jobs):
            user = 1000 + i % people
            created = now - (i / jobs) * 86400 * 30
            failed = rng.random() < 0.1
            vendor = rng.choice(VENDORS)
            status, outcome = ("failed", "transient") if failed else ("succeeded", "ok")
            code = "502 AI_SERVICE_ERROR" if failed else None
            job_rows.append(
                (
                    f"j{i}",
                    f"k{i}",
                    f"r{i}",
                    user,
                    user,
                    rng.choice(OPERATIONS),
                    1,
                    1,
                    0,
                    "2026-01-01",
                    status,
                    outcome,
                    vendor,
                    rng.randint(300, 20000),
                    vendor if failed else None,
                    code,
                    created,
                    created,
                )
            )
            ledger_rows.append((user, "reserve", "daily", 1, "2026-01-01", f"j{i}", created))
            ledger_rows.append((user, "release" if failed else "charge", "daily", 1, "2026-01-01", f"j{i}", created))
        conn.executemany(
            """INSERT INTO jobs (id, key, request_id, user_id, chat_id, operation, cost, daily_part, credit_part,
               quota_day, status, outcome, vendor, vendor_ms, error_vendor, error_code, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            job_rows,
        )
        conn.executemany(
            "INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ledger_rows,
        )
    conn.close()


async def measure(jobs: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        await (await Database.open(path)).close()  # the schema, by the migrations
        await asyncio.to_thread(seed, path, jobs)
        db, reader = await Database.open(path), await Database.open(path)
        try:
            headers = {"Authorization": "tma " + init_data_for(TOKEN, {"id": ADMIN, "first_name": "Ada"})}
            figures: dict[str, float] = {}
            async with _client(db, reader) as http:
                for name, path_ in [
                    ("overview (30 days)", "api/overview"),
                    ("vendors (30 days)", "api/vendors"),
                    ("search 'person 12'", "api/people?q=person%2012"),
                    ("one person", "api/people/1012"),
                ]:
                    times = []
                    for _ in range(runs):
                        began = time.perf_counter()
                        response = await http.get(path_, headers=headers)
                        times.append(time.perf_counter() - began)
                        assert response.status_code == 200, response.text
                    figures[name] = statistics.median(times) * 1000
                    figures[name + " bytes"] = len(json.dumps(response.json()))
            for name, board_db in [("own connection", reader), ("shared connection", db)]:
                async with _client(db, board_db) as http:
                    figures[f"a bot write's longest wait during the overview, {name}"] = await _write_stall(
                        db, http.get("api/overview", headers=headers)
                    )
            return figures
        finally:
            await reader.close()
            await db.close()


def _client(db: Database, reader: Database) -> httpx.AsyncClient:
    quota, clock = QuotaRepository(db, 5), QuotaClock("UTC")
    dashboard = Dashboard(
        DashboardDeps(
            verifier=InitDataVerifier(TOKEN, max_age=3600),
            admin_ids=frozenset({ADMIN}),
            actions=AdminActions(quota, clock),
            quota=quota,
            jobs=JobsRepository(db, 5),
            stats=StatsRepository(reader),
            board=DashboardRepository(reader),
            clock=clock,
            queue=_Queue(),
            configured_vendors=frozenset(VENDORS),
            vendor_attempts=dict,
        )
    )
    transport = httpx.ASGITransport(app=Starlette(routes=dashboard.routes()))
    return httpx.AsyncClient(transport=transport, base_url="http://bench/admin/")


async def _write_stall(db: Database, request: Awaitable[httpx.Response]) -> float:
    """The longest a one-row write on the bot's connection took while ``request`` ran (milliseconds)."""
    done = asyncio.Event()
    longest = 0.0

    async def writes() -> None:
        nonlocal longest
        while not done.is_set():
            began = time.perf_counter()
            await db.run(lambda conn: conn.execute("UPDATE users SET last_seen = last_seen WHERE id = 1000"))
            longest = max(longest, time.perf_counter() - began)
            await asyncio.sleep(0.001)

    writer = asyncio.create_task(writes())
    await asyncio.sleep(0.01)
    response = await request
    done.set()
    await writer
    assert response.status_code == 200
    return longest * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: list[tuple[int, dict[str, Any]]] = [(n, asyncio.run(measure(n, args.runs))) for n in args.jobs]
    names = [name for name in results[0][1] if not name.endswith(" bytes")]
    print("| what | " + " | ".join(f"{n:,} jobs: ms (JSON bytes)" for n, _ in results) + " |")
    print("|---|" + "---|" * len(results))
    for name in names:
        cells = [
            f"{figures[name]:.1f}" + (f" ({figures[name + ' bytes']:,.0f})" if name + " bytes" in figures else "")
            for _, figures in results
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
