"""Benchmark the pre-checkout answer: how long Telegram waits for the bot's yes, under load; prints a Markdown table.

    python bench/bench_payments.py [--payments N] [--jobs J] [--pause S] [--warmup W]

Telegram cancels a payment unless ``answerPreCheckoutQuery`` arrives within 10 seconds of the
``pre_checkout_query``. The bot (``python -m bot``, its own process, on a fresh database) talks to the fake
Telegram and the fake vendors, run here in one asyncio loop. A payment: a person presses Pay on one of the bot's
invoices (each a fresh order), ``--pause`` seconds after the previous payment. The latency is from the fake
putting the ``pre_checkout_query`` in the update queue to the bot's answer reaching it (both on this process's
``time.monotonic()``), so it includes the long poll handing the update over, python-telegram-bot's dispatch, the
database read and the answer's HTTP request. The payment then completes (``successful_payment``, credit,
receipt), adding its writes to the load. Payments are made one after the other, as people make them (a few
warm-up payments first are not counted).

Phases, each ``--payments`` payments:

1. idle: nothing else happening;
2. ``--jobs`` jobs running: that many photos captioned ``/older`` are with a vendor that does not answer within
   the benchmark (``VENDOR_CONCURRENCY`` = jobs, so all of them run, none waits for a slot);
3. the same jobs, and the database busy: another process takes the write lock (``BEGIN IMMEDIATE``) for 2 s, lets
   go for 0.1 s, and again, while a person asks ``/quota`` over and over. Every write of the bot's (and /quota's
   read, which runs as a transaction on the main connection) queues behind the lock; the pre-checkout read has
   a read-only connection of its own. The /quota round trips are printed too, as what the answer would have
   waited for on the main connection.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import math
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes.telegram import FakeTelegram, FakeUser  # noqa: E402
from tests.fakes.vendors import FakeVendors, running_vendors  # noqa: E402
from tests.support.bot import make_settings, running_bot_process  # noqa: E402
from tests.support.images import DATA  # noqa: E402

TOKEN = "123456:BENCH-payments-token"
PACKS = '[{"credits": 10, "stars": 50}]'
PACK_BUTTON = "10 credits for 50 ⭐"
FACE = (DATA / "astronaut.jpg").read_bytes()
TARGET_MS = 200.0
LOCK_HOLD, LOCK_GAP = 2.0, 0.1


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds
    refused: int = 0
    timed_out: int = 0
    quota_round_trips: list[float] = field(default_factory=list)


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = math.floor(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def ms(seconds: float) -> str:
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


async def invoices(tg: FakeTelegram, buyer: FakeUser, count: int) -> list[dict[str, object]]:
    """``count`` invoices for ``buyer``, each its own order (presses of the pack button under one /buy)."""
    await buyer.send_text(buyer, "/buy")
    packs = await tg.wait_for_bot_message(buyer, timeout=30)
    made = []
    for _ in range(count):
        await buyer.press(packs, PACK_BUTTON)
        made.append(await tg.wait_for_bot_message(buyer, predicate=lambda m: "invoice" in m, timeout=30))
    return made


async def pay_all(
    tg: FakeTelegram, buyer: FakeUser, bills: Sequence[dict[str, object]], phase: Phase, pause: float
) -> None:
    for bill in bills:
        await asyncio.sleep(pause)
        result = await tg.pay(bill, by=buyer)
        if result.status == "timeout":
            phase.timed_out += 1
            continue
        if result.status == "refused":
            phase.refused += 1
        state = tg.pre_checkout_queries[result.pre_checkout_query_id or ""]
        phase.latencies.append((state.answered_at or math.inf) - state.sent_at)


async def ask_quota_forever(tg: FakeTelegram, person: FakeUser, phase: Phase) -> None:
    while True:
        started = time.monotonic()
        await person.send_text(person, "/quota")
        await tg.wait_for_bot_message(person, timeout=60)
        phase.quota_round_trips.append(time.monotonic() - started)


async def hold_the_write_lock(path: Path) -> None:
    """Another process's transactions: the write lock for LOCK_HOLD seconds, a LOCK_GAP pause, and again."""
    lock = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    try:
        while True:
            await asyncio.to_thread(lock.execute, "BEGIN IMMEDIATE")
            try:
                await asyncio.sleep(LOCK_HOLD)
            finally:
                lock.execute("ROLLBACK")
            await asyncio.sleep(LOCK_GAP)
    finally:
        lock.close()


async def start_jobs(tg: FakeTelegram, vendors: FakeVendors, jobs: int) -> None:
    people = [tg.user(50_000 + i, f"P{i}") for i in range(jobs)]
    for person in people:
        await person.send_photo(person, FACE, caption="/older")
    await vendors.ailab.wait_requests(jobs, timeout=120)


async def run(args: argparse.Namespace) -> list[Phase]:
    phases = [Phase("idle"), Phase(f"{args.jobs} jobs running"), Phase(f"{args.jobs} jobs running, database busy")]
    with tempfile.TemporaryDirectory(prefix="bench-payments-") as workdir:
        async with (
            FakeTelegram.running(token=TOKEN, bot_username="faceshift_bot") as tg,
            running_vendors() as vendors,
        ):
            settings = make_settings(
                tg,
                Path(workdir),
                vendors,
                star_packs=PACKS,
                vendor_concurrency=max(args.jobs, 1),
                free_daily_quota=1000,
                shutdown_grace=0,
                log_level="WARNING",
            )
            vendors.ailab.latency = 3600  # the jobs stay with the vendor for the whole run
            buyer, asker = tg.user(1001, "Buyer"), tg.user(1002, "Asker")
            async with running_bot_process(tg, settings, env={"STAR_PACKS": PACKS}, ready_timeout=60) as bot:
                bills = await invoices(tg, buyer, args.warmup + args.payments * len(phases))
                warmup, bills = bills[: args.warmup], bills[args.warmup :]
                chunks = [bills[i * args.payments : (i + 1) * args.payments] for i in range(len(phases))]
                print(f"{len(bills)} invoices ready", file=sys.stderr)

                await pay_all(tg, buyer, warmup, Phase("warm-up"), args.pause)  # first connections, first imports
                await pay_all(tg, buyer, chunks[0], phases[0], args.pause)
                await start_jobs(tg, vendors, args.jobs)
                print(f"{args.jobs} jobs with the vendor", file=sys.stderr)
                await pay_all(tg, buyer, chunks[1], phases[1], args.pause)

                background = [
                    asyncio.create_task(hold_the_write_lock(settings.database_path)),
                    asyncio.create_task(ask_quota_forever(tg, asker, phases[2])),
                ]
                try:
                    await pay_all(tg, buyer, chunks[2], phases[2], args.pause)
                finally:
                    for task in background:
                        task.cancel()
                    for task in background:
                        with contextlib.suppress(asyncio.CancelledError):
                            await task
                await bot.stop(timeout=60)
    return phases


def machine_line() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"Machine: {os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    )


def report(phases: Sequence[Phase]) -> str:
    lines = [
        "| phase | answers | p50 ms | p99 ms | max ms | refused / timed out | p99 < 200 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        p99 = percentile(phase.latencies, 99)
        lines.append(
            f"| {phase.name} | {len(phase.latencies)} | {ms(percentile(phase.latencies, 50))} | {ms(p99)} "
            f"| {ms(max(phase.latencies, default=math.nan))} | {phase.refused} / {phase.timed_out} "
            f"| {'yes' if p99 < TARGET_MS / 1000 else '**no**'} |"
        )
    busy = phases[-1].quota_round_trips
    if busy:
        lines.append("")
        lines.append(
            f"/quota round trips meanwhile (main connection, behind the lock): {len(busy)}, "
            f"p50 {ms(percentile(busy, 50))} ms, p99 {ms(percentile(busy, 99))} ms, max {ms(max(busy))} ms"
        )
    lines.append("")
    lines.append(machine_line())
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--payments", type=int, default=200, help="payments per phase (default 200)")
    parser.add_argument("--jobs", type=int, default=50, help="jobs running in phases 2 and 3 (default 50)")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between payments (default 0.05)")
    parser.add_argument("--warmup", type=int, default=5, help="payments before the first phase, not counted")
    args = parser.parse_args(argv)
    print(report(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
