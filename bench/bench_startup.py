"""Start-up time and idle memory of the bot process.

The bot runs as ``python -m bot`` against the fake Telegram and a fake AILab in this process. Start-up is
measured from ``Popen`` to the first long poll (the bot is serving), and to the answer to a ``/start`` sent
before it started (the first update handled). Idle memory is the process's resident set after it has sat
idle for a few seconds. Usage: ``python bench/bench_startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_conversation import BotProcess, bot_env, machine_line  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402
from tests.fakes.vendors import FakeAILab  # noqa: E402
from tests.support.bot import TOKEN  # noqa: E402


async def one_run(idle: float) -> tuple[float, float, int, float]:
    async with FakeTelegram.running(token=TOKEN) as tg, FakeAILab.running() as ailab:
        alice = tg.user(1001, "Alice")
        await alice.send_text(alice, "/start")  # waiting for the bot when it comes up
        with tempfile.TemporaryDirectory(prefix="faceshift-bench-") as tmp:
            started = time.monotonic()
            bot = BotProcess(bot_env(tg, ailab, Path(tmp)), Path(tmp), profile=False, flood_limit=True)
            try:
                await bot.ready(tg, timeout=60)
                serving = time.monotonic() - started
                await tg.wait_for_bot_message(alice, timeout=60)
                answered = time.monotonic() - started
                await asyncio.sleep(idle)
                rss_kb = bot.memory_kb()["VmRSS"]
                round_trips = []
                for _ in range(5):  # /start to its answer, the bot already running
                    sent = time.monotonic()
                    await alice.send_text(alice, "/start")
                    await tg.wait_for_bot_message(alice, timeout=10)
                    round_trips.append(time.monotonic() - sent)
            finally:
                await bot.stop(10)
    return serving, answered, rss_kb, statistics.median(round_trips)


async def run(runs: int, idle: float) -> str:
    results = [await one_run(idle) for _ in range(runs)]
    serving = [r[0] * 1000 for r in results]
    answered = [r[1] * 1000 for r in results]
    rss = [r[2] / 1024 for r in results]
    start_ms = [r[3] * 1000 for r in results]

    def row(name: str, values: list[float], digits: int) -> str:
        cells = (statistics.median(values), min(values), max(values))
        return f"| {name} | " + " | ".join(f"{v:.{digits}f}" for v in cells) + " |"

    lines = [
        machine_line(),
        "",
        "| metric | median | min | max |",
        "|---|---:|---:|---:|",
        row("start-up to first long poll (ms)", serving, 0),
        row("start-up to first answer (ms)", answered, 0),
        row(f"idle memory, RSS after {idle:g} s (MB)", rss, 1),
        row("/start answered, bot running (ms)", start_ms, 1),
        "",
        f"{runs} runs; AILab configured (fake), builtin web server on, SQLite in a fresh temp directory.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle before reading memory")
    args = parser.parse_args()
    print(asyncio.run(run(args.runs, args.idle)))


if __name__ == "__main__":
    main()
