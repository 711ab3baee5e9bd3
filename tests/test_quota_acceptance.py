"""Acceptance: 1,000 concurrent requests, injected vendor failures, double submissions: the ledger holds.

The real JobRunner and the real providers (AILab, AccuAuth clients over HTTP against the fakes) on a real
SQLite file; only the chat side is a stub. Afterwards the ledger check passes, what was charged is exactly the
cost of the jobs that succeeded, what was released is exactly the cost of the ones that failed, and nobody was
charged beyond their allowance and credits.
"""

from __future__ import annotations

import asyncio
import io
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from PIL import Image
from pydantic import SecretStr

from bot import imaging
from bot.jobs.capacity import LimitRules
from bot.jobs.lanes import VendorLanes
from bot.jobs.runner import JobRunner
from bot.jobs.types import Failure, JobResult, QueueInfo, Stage
from bot.providers.accuauth import AccuAuthClient
from bot.providers.ailab import AILabClient
from bot.providers.alerts import OperatorAlerts
from bot.providers.retry import RetryPolicy
from bot.providers.router import FaceProviders
from bot.settings import Vendor
from storage import Database
from storage.jobs import Banned, Duplicate, Job, JobsRepository, NewJob, Opened, OpenResult, OutOfQuota
from storage.quota import QuotaRepository
from storage.requests import PhotoRequest, PhotoSize, RequestsRepository
from tests.fakes.vendors import ACCU_ID, ACCU_SECRET, AILAB_KEY, FakeVendors, Fault
from tests.support.images import DATA

DAY = "2024-03-01"
ALLOWANCE = 3
PEOPLE = 150
REQUESTS = 1000
COSTS = {"older": 1, "swap_gender": 2, "detect_gender": 1}
ADMIN = 900


def small_face() -> bytes:
    with Image.open(DATA / "astronaut.jpg") as image:
        buffer = io.BytesIO()
        image.convert("RGB").resize((300, 300)).save(buffer, "JPEG", quality=80)
        return buffer.getvalue()


class StubChat:
    """The chat side: hands out the photo, records how each job ended (exactly once, or the test fails)."""

    def __init__(self, photo: bytes) -> None:
        self.photo = photo
        self.delivered: list[str] = []
        self.failed: list[tuple[str, str]] = []

    async def download(self, request: PhotoRequest, rules: imaging.ImageRules) -> bytes:
        return self.photo

    async def progress(self, job: Job, stage: Stage, queue: QueueInfo | None = None) -> None:
        return None

    async def deliver(self, job: Job, result: JobResult) -> None:
        self.delivered.append(job.id)

    async def remove_status(self, job: Job) -> bool:
        return True

    async def fail(self, job: Job, failure: Failure) -> None:
        self.failed.append((job.id, failure.kind.value))


@pytest.mark.slow
async def test_a_thousand_concurrent_requests_with_vendor_failures_keep_the_ledger_exact(
    vendors: FakeVendors, tmp_path: Path
) -> None:
    rng = random.Random(6)  # a fixed mix, reproducible
    db = await Database.open(tmp_path / "acceptance.sqlite3")
    http = httpx.AsyncClient(timeout=httpx.Timeout(20.0), limits=httpx.Limits(max_connections=100))
    try:
        jobs, quota, requests = JobsRepository(db, ALLOWANCE), QuotaRepository(db, ALLOWANCE), RequestsRepository(db)
        retry = RetryPolicy(max_attempts=2, deadline=30, base_delay=0, max_delay=0, jitter=0)
        providers = FaceProviders(
            ace=None,
            host=None,
            callbacks=None,
            alerts=OperatorAlerts(None),
            fallback=False,
            ailab=AILabClient(
                http,
                api_key=SecretStr(AILAB_KEY),
                base_url=vendors.ailab.base_url,
                timeout=20,
                quality_control="NONE",
                retry=retry,
            ),
            accuauth=AccuAuthClient(
                http,
                api_id=SecretStr(ACCU_ID),
                api_secret=SecretStr(ACCU_SECRET),
                base_url=vendors.accuauth.base_url,
                timeout=20,
                retry=retry,
            ),
            age_vendor=Vendor.AILAB,
            gender_vendor=Vendor.AILAB,
        )
        chat = StubChat(small_face())
        runner = JobRunner(
            jobs=jobs,
            requests=requests,
            providers=providers,
            port=chat,
            results_dir=tmp_path / "results",
            lanes=VendorLanes(LimitRules(start=40, ceiling=40)),
            today=lambda: DAY,
            one_active=False,
        )

        # People: some with credits, a few banned.
        people = list(range(5000, 5000 + PEOPLE))
        credits = {person: 2 if person % 3 == 0 else 0 for person in people}
        for person in people:
            if credits[person]:
                await quota.grant(person, credits[person], admin_id=ADMIN, day=DAY)
            if person % 25 == 0:
                await quota.set_banned(person, True, admin_id=ADMIN, day=DAY, reason="test")
        photos: dict[int, str] = {}
        for person in people:
            stored = await requests.create(
                chat_id=person, thread_id=None, user_id=person, message_id=1, sizes=[PhotoSize("f", 300, 300, 1000)]
            )
            photos[person] = stored.id

        # Vendor trouble, consumed as the calls come: errors, broken bodies, dropped connections, no face.
        vendors.ailab.fail(502, "AI_SERVICE_ERROR", count=60)
        vendors.ailab.fault(Fault.MALFORMED_JSON, count=25)
        vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE", count=25)
        vendors.ailab.fault(Fault.RESET, count=15)
        vendors.accuauth.fail(500, "INTERNAL_ERROR", count=20)
        vendors.accuauth.fail(400, "DETECTION_FAILED", count=10)

        submissions: list[NewJob] = []
        for n in range(REQUESTS):
            if submissions and rng.random() < 0.15:  # a double press / re-delivered update: the same key again
                submissions.append(rng.choice(submissions))
                continue
            person = rng.choice(people)
            operation = rng.choice(list(COSTS))
            params: dict[str, object] = {"age": 70} if operation == "older" else {}
            if operation == "swap_gender":
                params = {"to": "female"}
            submissions.append(
                NewJob(
                    key=f"{person}:{n}",
                    request_id=photos[person],
                    user_id=person,
                    chat_id=person,
                    operation=operation,
                    cost=COSTS[operation],
                    params=params,
                )
            )
        rng.shuffle(submissions)

        outcomes = await asyncio.gather(*(runner.submit(new) for new in submissions))
        await runner.shutdown(deadline=45)  # waits for every job to finish (cancels only past the deadline)

        kinds = Counter(type(outcome).__name__ for outcome in outcomes)
        opened = [outcome.job for outcome in outcomes if isinstance(outcome, Opened)]
        assert len(opened) == len({new.key for new in submissions} - _refused_keys(submissions, outcomes))
        # Every kind of answer happened, so the mix proves something.
        assert kinds[Duplicate.__name__] > 0 and kinds[OutOfQuota.__name__] > 0 and kinds[Banned.__name__] > 0
        assert chat.delivered and chat.failed
        assert "interrupted" not in {kind for _, kind in chat.failed}  # nothing was cut short by the deadline
        # Each opened job ended once: delivered or failed.
        ended = chat.delivered + [job_id for job_id, _ in chat.failed]
        assert sorted(ended) == sorted(job.id for job in opened)

        assert await quota.audit() == []
        rows = await db.conn.execute_fetchall(
            """SELECT j.status, j.cost,
                      COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.job_id = j.id AND l.kind = 'charge'), 0),
                      COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.job_id = j.id AND l.kind = 'release'), 0)
               FROM jobs j"""
        )
        succeeded = sum(cost for status, cost, _, _ in rows if status == "succeeded")
        failed = sum(cost for status, cost, _, _ in rows if status == "failed")
        assert {status for status, *_ in rows} <= {"succeeded", "failed"}
        charged = await _total(db, "charge")
        released = await _total(db, "release")
        assert charged == succeeded == sum(COSTS[job.operation] for job in opened if job.id in set(chat.delivered))
        assert released == failed
        # Nobody paid more than their allowance and credits, and balances never went below zero.
        per_person = await db.conn.execute_fetchall(
            "SELECT user_id, SUM(amount) FROM ledger WHERE kind = 'charge' GROUP BY user_id"
        )
        for person, paid in per_person:
            assert paid <= ALLOWANCE + credits[person], person
            assert person % 25 != 0  # the banned paid nothing
    finally:
        await http.aclose()
        await db.close()


def _refused_keys(submissions: list[NewJob], outcomes: Sequence[OpenResult]) -> set[str]:
    """Keys whose every submission was refused (out of quota, banned): they opened no job."""
    opened = {
        new.key for new, outcome in zip(submissions, outcomes, strict=True) if isinstance(outcome, Opened | Duplicate)
    }
    return {new.key for new in submissions} - opened


async def _total(db: Database, kind: str) -> int:
    rows = await db.conn.execute_fetchall("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE kind = ?", (kind,))
    return int(next(iter(rows))[0])
