"""Benchmark the quota's hot path on SQLite; prints a Markdown table.

    python bench/bench_quota.py [--pairs N] [--tasks T]

Each case runs on a fresh database file in a temporary directory (WAL, synchronous=NORMAL, as the bot runs):

- reserve+settle: one transaction that reads the account and reserves (``account_in`` + ``reserve_in``), then one
  that charges (``settle_in``): the quota core, without a job row;
- the same pair written the other way, one aiosqlite hop per statement (same SQL): the reason the repositories
  run each transaction whole on the database thread (``Database.run``);
- ``JobsRepository.open`` + ``finish_paid``: what a real job costs (ban, one-at-a-time and balance checks,
  reservation, job row; then charge and status), followed by the ledger check over everything written;
- two empty transactions: the floor every pair pays, two hops to aiosqlite's thread and back. On the reference
  VM this alone varies from ~20 to ~100 us a hop (thread wake-up latency), which moves every other row with it.

"sequential" is one task doing pairs back to back; "concurrent" is T tasks (T people) at once, all serialised
by the one write lock, as the bot's handlers are.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage import Database  # noqa: E402
from storage.jobs import JobsRepository, NewJob, Opened  # noqa: E402
from storage.quota import QuotaRepository, account_in, reserve_in, settle_in  # noqa: E402
from storage.requests import PhotoSize, RequestsRepository  # noqa: E402

DAY = "2024-03-01"
LIMIT = 10**9  # nobody runs out: every pair is a full reserve and charge

Pair = Callable[[Database, int, int], Awaitable[None]]  # (db, person, n)


async def quota_pair(db: Database, person: int, n: int) -> None:
    job_id = f"bench-{person}-{n}"

    def reserve(conn: sqlite3.Connection) -> object:
        return reserve_in(conn, account_in(conn, person, DAY, LIMIT), 1, job_id)

    reservation = await db.run(reserve)
    await db.run(lambda conn: settle_in(conn, person, job_id, reservation, charge=True))  # type: ignore[arg-type]


async def quota_pair_per_statement(db: Database, person: int, n: int) -> None:
    """The same SQL, awaited statement by statement inside ``Database.transaction()``."""
    job_id = f"bench-{person}-{n}"
    async with db.transaction() as conn:
        await conn.execute_fetchall(
            "INSERT INTO accounts (user_id, day) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET "
            "day = MAX(accounts.day, excluded.day) RETURNING *",
            (person, DAY),
        )
        await conn.execute_fetchall(
            "UPDATE accounts SET daily_reserved = daily_reserved + 1 WHERE user_id = ?", (person,)
        )
        await conn.execute_fetchall(
            "INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (person, "reserve", "daily", 1, DAY, job_id, time.time()),
        )
    async with db.transaction() as conn:
        await conn.execute_fetchall(
            "UPDATE accounts SET daily_reserved = daily_reserved - 1, daily_used = daily_used + 1 WHERE user_id = ?",
            (person,),
        )
        await conn.execute_fetchall(
            "INSERT INTO ledger (user_id, kind, bucket, amount, day, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (person, "charge", "daily", 1, DAY, job_id, time.time()),
        )


Setup = Callable[[Database, int], Awaitable[Pair]]  # (db, tasks) -> the pair to time


async def quota_setup(db: Database, tasks: int) -> Pair:
    return quota_pair


async def per_statement_setup(db: Database, tasks: int) -> Pair:
    return quota_pair_per_statement


async def jobs_setup(db: Database, tasks: int) -> Pair:
    """One photo request per person (jobs reference them), then open + finish_paid."""
    repo = RequestsRepository(db)
    requests = {}
    for person in range(tasks):
        stored = await repo.create(
            chat_id=person, thread_id=None, user_id=person, message_id=1, sizes=[PhotoSize("f", 640, 480, 1000)]
        )
        requests[person] = stored.id
    jobs = JobsRepository(db, LIMIT)

    async def pair(db: Database, person: int, n: int) -> None:
        new = NewJob(
            key=f"{person}:{n}",
            request_id=requests[person],
            user_id=person,
            chat_id=person,
            operation="older",
            cost=1,
            params={"age": 65},
        )
        opened = await jobs.open(new, day=DAY, one_active=True)
        assert isinstance(opened, Opened), opened
        settled = await jobs.finish_paid(opened.job.id, vendor="ailab", vendor_ms=1200, result_path=None)
        assert settled is not None

    return pair


async def hop_setup(db: Database, tasks: int) -> Pair:
    """Two empty transactions: what two hops to the database thread cost on this machine right now."""

    async def pair(db: Database, person: int, n: int) -> None:
        await db.run(lambda conn: None)
        await db.run(lambda conn: None)

    return pair


CASES: list[tuple[str, Setup]] = [
    ("two empty transactions (the floor: two thread hops)", hop_setup),
    ("reserve + settle, one hop per transaction", quota_setup),
    ("reserve + settle, one hop per statement", per_statement_setup),
    ("JobsRepository.open + finish_paid", jobs_setup),
]


async def run_case(setup: Setup, pairs: int, tasks: int) -> tuple[float, str]:
    """Pairs per second, and the ledger check's verdict ("" when there are no jobs to check)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        try:
            pair = await setup(db, tasks)
            per_task = max(1, pairs // tasks)
            counter = itertools.count()

            async def worker(person: int) -> None:
                for _ in range(per_task):
                    await pair(db, person, next(counter))

            for person in range(tasks):  # warm up: create the accounts
                await pair(db, person, next(counter))
            started = time.perf_counter()
            await asyncio.gather(*(worker(person) for person in range(tasks)))
            elapsed = time.perf_counter() - started
            verdict = ""
            jobs = await db.conn.execute_fetchall("SELECT COUNT(*) FROM jobs")
            if next(iter(jobs))[0]:
                problems = await QuotaRepository(db, LIMIT).audit()
                verdict = "passes" if not problems else f"FAILS: {problems[:3]}"
            return per_task * tasks / elapsed, verdict
        finally:
            await db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the quota's hot path on SQLite.")
    parser.add_argument("--pairs", type=int, default=5000, help="pairs per case (default 5000)")
    parser.add_argument("--tasks", type=int, default=50, help="concurrent tasks in the concurrent cases")
    args = parser.parse_args()
    rows = []
    for label, setup in CASES:
        for tasks in (1, args.tasks):
            rate, verdict = await run_case(setup, args.pairs, tasks)
            rows.append((label, "sequential" if tasks == 1 else f"{tasks} concurrent", rate, verdict))
    print(f"SQLite {sqlite3.sqlite_version}, WAL, synchronous=NORMAL; {args.pairs} pairs per case\n")
    print("| case | tasks | pairs/s | ledger check |")
    print("|---|---|---:|---|")
    for label, tasks_label, rate, verdict in rows:
        print(f"| {label} | {tasks_label} | {rate:,.0f} | {verdict or '-'} |")


if __name__ == "__main__":
    asyncio.run(main())
