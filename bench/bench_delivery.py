"""How wide is the window a crash cannot close: Telegram accepted a result, the bot has not recorded it yet.

    python bench/bench_delivery.py [--deliveries N] [--concurrent C]

A crash inside that window makes the next start send the result again (README, "Delivery"). This measures it on
the real path: the job runner's delivery (``JobRunner._deliver``) through the real chat port
(``TelegramChatPort``, python-telegram-bot with the bot's rate limiter) to the fake Bot API server, and
``JobsRepository.mark_delivered`` on a SQLite file (WAL, synchronous=NORMAL, as the bot runs). Three instants:

- *answered*: the fake server has accepted sendPhoto and hands its answer to the HTTP server;
- *returned*: ``sendPhoto`` has returned to the runner (the ``sent`` crash point);
- *recorded*: the delivery is committed (the ``delivered`` crash point).

The window is *answered* -> *recorded*; the bot's own code path is *returned* -> *recorded* (one hop to the
database thread and a commit). On a real connection the answer's flight back from Telegram (half a round trip)
comes on top. Everything shares one event loop (the fake server too), as one busy bot does; "concurrent" runs C
deliveries at once, so the commits queue behind each other's and the loop is busy with C uploads.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from telegram.constants import ParseMode  # noqa: E402
from telegram.ext import Defaults, ExtBot  # noqa: E402

from bot.i18n import Texts  # noqa: E402
from bot.jobs import crash_points  # noqa: E402
from bot.jobs.capacity import LimitRules  # noqa: E402
from bot.jobs.lanes import VendorLanes  # noqa: E402
from bot.jobs.runner import JobRunner  # noqa: E402
from bot.jobs.types import JobResult  # noqa: E402
from bot.languages import Languages  # noqa: E402
from bot.operations import Operation  # noqa: E402
from bot.providers.alerts import OperatorAlerts  # noqa: E402
from bot.providers.router import FaceProviders  # noqa: E402
from bot.quota_clock import QuotaClock  # noqa: E402
from bot.settings import Vendor  # noqa: E402
from handlers.chat.limits import FloodControl  # noqa: E402
from handlers.chat.port import TelegramChatPort  # noqa: E402
from storage import Database  # noqa: E402
from storage.chats import ChatsRepository  # noqa: E402
from storage.jobs import Job, JobsRepository, NewJob, Opened  # noqa: E402
from storage.quota import QuotaRepository  # noqa: E402
from storage.requests import PhotoSize, RequestsRepository  # noqa: E402
from storage.users import UsersRepository  # noqa: E402
from tests.fakes.telegram import FakeTelegram, Rendition, UploadedFile  # noqa: E402

TOKEN = "123456:BENCH-delivery-window"
LIMIT = 10**9


def result_image() -> bytes:
    """A typical result: the test face as a 1280x1280 JPEG (about what the face editors send back)."""
    with Image.open(ROOT / "tests" / "data" / "astronaut.jpg") as face:
        buffer = io.BytesIO()
        face.convert("RGB").resize((1280, 1280)).save(buffer, "JPEG", quality=90)
        return buffer.getvalue()


class BenchTelegram(FakeTelegram):
    """The fake Bot API, rendering the (always the same) result photo's sizes once: the fake shares the bot's
    event loop and cores here, and Telegram's own work is not the bot's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rendered: list[Rendition] | None = None

    async def _input_photo(self, source: UploadedFile | str | None) -> list[dict[str, Any]]:
        if not isinstance(source, UploadedFile) or not source.data:
            return await super()._input_photo(source)
        if self._rendered is None:
            sizes = await super()._input_photo(source)  # checks and renders it, as Telegram would
            stored = [self.stored_file(size["file_id"]) for size in sizes]
            self._rendered = [Rendition(s.data, s.width or 0, s.height or 0) for s in stored]
            return sizes
        return [stored.photo_size() for stored in self._store_photo(self._rendered)]


class Clock:
    """Records the crash points' instants per job (the points are the window's edges); the delivering task is
    named after its job."""

    def __init__(self) -> None:
        self.marks: dict[str, dict[str, float]] = {}

    def reached(self, point: str) -> None:
        task = asyncio.current_task()
        name = task.get_name() if task else ""
        self.marks.setdefault(name, {})[point] = time.monotonic()


async def paid_job(jobs: JobsRepository, requests: RequestsRepository, chat_id: int, n: int) -> Job:
    request = await requests.create(
        chat_id=chat_id, thread_id=None, user_id=chat_id, message_id=n, sizes=[PhotoSize("f", 1280, 960, 1)]
    )
    opened = await jobs.open(
        NewJob(f"bench-{n}", request.id, chat_id, chat_id, Operation.OLDER.value, 1, {"age": 65}),
        day="2024-03-01",
        one_active=False,
    )
    assert isinstance(opened, Opened)
    job = await jobs.finish_paid(opened.job.id, vendor="ailab", vendor_ms=1, result_path=None)
    assert job is not None
    return job


def describe(values: list[float]) -> str:
    ordered = sorted(values)

    def at(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    return f"{at(0.5):.2f} / {at(0.95):.2f} / {at(0.99):.2f} / {ordered[-1] * 1000:.2f}"


async def run(deliveries: int, concurrent: int) -> None:
    image = result_image()
    clock = Clock()
    crash_points.reached = clock.reached
    with tempfile.TemporaryDirectory() as folder:
        async with BenchTelegram.running(token=TOKEN, bot_username="bench_bot") as tg:
            db = await Database.open(Path(folder) / "bench.sqlite3")
            bot = ExtBot(
                TOKEN,
                base_url=f"{tg.base_url}/bot",
                base_file_url=f"{tg.base_url}/file/bot",
                defaults=Defaults(parse_mode=ParseMode.HTML),
                rate_limiter=FloodControl(),
            )
            await bot.initialize()
            try:
                jobs, requests = JobsRepository(db, LIMIT), RequestsRepository(db)
                quota_clock = QuotaClock("UTC")
                port = TelegramChatPort(
                    bot,
                    languages=Languages(Texts(), UsersRepository(db), ChatsRepository(db)),
                    requests=requests,
                    jobs=jobs,
                    quota=QuotaRepository(db, LIMIT),
                    clock=quota_clock,
                    available=frozenset(Operation),
                )
                runner = JobRunner(
                    jobs=jobs,
                    requests=requests,
                    providers=FaceProviders(
                        ace=None,
                        ailab=None,
                        accuauth=None,
                        host=None,
                        age_vendor=Vendor.AILAB,
                        gender_vendor=Vendor.AILAB,
                        fallback=False,
                        callbacks=None,
                        alerts=OperatorAlerts(None),
                    ),
                    port=port,
                    results_dir=Path(folder) / "results",
                    lanes=VendorLanes(LimitRules(start=1000, ceiling=1000)),
                    today=quota_clock.today,
                )
                people = [tg.user(5000 + i, f"P{i}") for i in range(concurrent)]
                for person in people:
                    tg.private_chat(person)
                rows = []
                n = 0
                for mode, width in (("sequential", 1), (f"{concurrent} concurrent", concurrent)):
                    clock.marks.clear()
                    tg.calls.clear()
                    chats: dict[str, int] = {}
                    while len(chats) < deliveries:
                        batch = []
                        for person in people[:width]:
                            n += 1
                            job = await paid_job(jobs, requests, person.id, n)
                            chats[job.id] = person.id
                            batch.append(job)
                        await asyncio.gather(
                            *(asyncio.create_task(runner._deliver(job, JobResult(image)), name=job.id) for job in batch)
                        )
                    calls = tg.calls_to("sendPhoto")
                    window, own = [], []
                    for job_id, marks in clock.marks.items():
                        # The job's answer: the last sendPhoto to its chat answered before sendPhoto returned.
                        answered = max(
                            c.time for c in calls if c.params["chat_id"] == chats[job_id] and c.time <= marks["sent"]
                        )
                        window.append(marks["delivered"] - answered)
                        own.append(marks["delivered"] - marks["sent"])
                    rows.append((mode, len(own), describe(window), describe(own)))
            finally:
                await bot.shutdown()
                await db.close()
    print(f"Deliveries of a {len(image) // 1000} kB result; milliseconds, p50 / p95 / p99 / max.\n")
    print("| run | deliveries | answered -> recorded (the window) | returned -> recorded (the bot's path) |")
    print("|---|---|---|---|")
    for mode, count, window_text, own_text in rows:
        print(f"| {mode} | {count} | {window_text} | {own_text} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--deliveries", type=int, default=300, help="deliveries per run (default 300)")
    parser.add_argument("--concurrent", type=int, default=20, help="deliveries at once in the second run")
    args = parser.parse_args()
    asyncio.run(run(args.deliveries, args.concurrent))


if __name__ == "__main__":
    main()
