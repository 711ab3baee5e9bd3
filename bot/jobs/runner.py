"""The job runner: one press of a button becomes one paid piece of work, done in the background.

``submit`` opens the job (quota reserved in the same transaction) and returns at once; the work runs as an
asyncio task, bounded per vendor by a semaphore so that a thousand slow face swaps cannot starve anything
else. The work: fetch the photo from Telegram, hand it to the providers (which prepare, host and call the
vendor), keep the result on disk and charge, deliver, then delete the result. Any failure releases the
reservation and tells the person why, in the words of its category.

Nothing here knows Telegram types: the chat side is the :class:`ChatPort` the handlers implement.

A crash can stop a job anywhere. On start-up :meth:`JobRunner.recover` releases every job that was still
queued or running (the person is told it was interrupted and cost nothing) and delivers every result that
was paid for but not yet delivered, so a paid result is never lost and nothing is charged twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

from bot import imaging
from bot.faces import PhotoFaces
from bot.jobs.port import ChatPort
from bot.jobs.types import ChatUnreachable, Failure, FailureKind, JobResult, PhotoUnavailable, Stage
from bot.logs import current_job
from bot.operations import Operation
from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.router import VENDOR_RULES, FaceProviders
from bot.providers.types import Gender, GenderVerdict
from bot.settings import Vendor
from storage.jobs import Job, JobsRepository, JobStatus, NewJob, Opened, OpenResult
from storage.requests import PhotoRequest, RequestsRepository

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(
        self,
        *,
        jobs: JobsRepository,
        requests: RequestsRepository,
        providers: FaceProviders,
        port: ChatPort,
        results_dir: Path,
        concurrency: Mapping[Vendor, int],
        today: Callable[[], str],
        one_active: bool = True,
        on_settled: Callable[[str, str, int, int], None] | None = None,
    ) -> None:
        self.jobs = jobs
        self.requests = requests
        self.providers = providers
        self.port = port
        self._results = results_dir
        self._limits = {vendor: asyncio.Semaphore(n) for vendor, n in concurrency.items()}
        self._today = today
        self._one_active = one_active
        self._on_settled = on_settled  # (operation, outcome, charged, released): for the metrics
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._owners: dict[str, int] = {}  # job id -> user id, for every job in progress
        self._queued: set[str] = set()  # jobs still waiting for a vendor slot: cancelling them costs nothing
        self._cancelled: set[str] = set()
        self.waiting = 0

    @property
    def running(self) -> int:
        return len(self._tasks) - self.waiting

    async def submit(self, new: NewJob) -> OpenResult:
        """Open the job (reserving its cost) and start it in the background; returns at once."""
        opened = await self.jobs.open(new, day=self._today(), one_active=self._one_active)
        if isinstance(opened, Opened):
            self._spawn(opened.job)
        return opened

    def _spawn(self, job: Job) -> None:
        task = asyncio.create_task(self._run(job), name=f"job-{job.id}")
        self._tasks[job.id] = task
        self._owners[job.id] = job.user_id

        def done(_: asyncio.Task[None]) -> None:
            self._tasks.pop(job.id, None)
            self._owners.pop(job.id, None)

        task.add_done_callback(done)

    def cancel_waiting(self, user_id: int) -> bool:
        """Cancel ``user_id``'s jobs that still wait for a vendor slot (released, and the person told).

        A job already with its vendor is left alone: the vendor may bill for it whatever we do.
        """
        found = [job_id for job_id in self._queued if self._owners.get(job_id) == user_id]
        for job_id in found:
            self._cancelled.add(job_id)
            self._tasks[job_id].cancel()
        return bool(found)

    def has_jobs(self, user_id: int) -> bool:
        return user_id in self._owners.values()

    async def _run(self, job: Job) -> None:
        current_job.set(job.id)  # this task's log lines carry the job id
        port = self.port
        vendor = self.providers.vendor_for(Operation(job.operation))
        started = time.monotonic()
        try:
            if vendor is None:
                raise ProviderError("none", ErrorCategory.OPERATOR, code="not_configured")
            if self._must_wait(vendor):
                await port.progress(job, Stage.QUEUED)
            self._queued.add(job.id)  # from here until the slot is ours, /cancel may stop it for free
            async with self._slot(vendor):
                self._queued.discard(job.id)
                await self.jobs.mark_running(job.id)
                await port.progress(job, Stage.PREPARING)
                started = time.monotonic()
                result = await self._work(job, vendor)
            elapsed = _ms(started)
        except asyncio.CancelledError:
            if job.id in self._cancelled:  # cancelled by the person, not by a shutdown: the task ends here
                self._cancelled.discard(job.id)
                await self._settle_failed(job, Failure(FailureKind.CANCELLED), vendor, None)
                return
            await self._settle_failed(job, Failure(FailureKind.INTERRUPTED), vendor, None)
            raise
        except ProviderError as error:
            log.info("job %s failed: %s", job.id, error)
            failure = Failure(FailureKind(error.category.value), error.problem.value if error.problem else None)
            await self._settle_failed(job, failure, vendor, _ms(started))
            return
        except imaging.ImageRejected as rejected:
            log.info("job %s: image refused: %s", job.id, rejected.reason)
            await self._settle_failed(
                job, Failure(FailureKind.BAD_IMAGE, rejected.reason.value, rejected.min_side), vendor, None
            )
            return
        except PhotoUnavailable:
            await self._settle_failed(job, Failure(FailureKind.PHOTO_UNAVAILABLE), vendor, None)
            return
        except ChatUnreachable:
            log.info("job %s: the chat cannot be written to; released", job.id)
            await self._settle_failed(job, Failure(FailureKind.UNREACHABLE), vendor, None)
            return
        except Exception:
            log.exception("job %s crashed", job.id)
            await self._settle_failed(job, Failure(FailureKind.TRANSIENT), vendor, _ms(started))
            return
        finally:
            self._queued.discard(job.id)
        await self._keep_and_charge(job, result, vendor, elapsed)

    def _must_wait(self, vendor: Vendor) -> bool:
        limit = self._limits.get(vendor)
        return limit is not None and limit.locked()

    @contextlib.asynccontextmanager
    async def _slot(self, vendor: Vendor) -> AsyncIterator[None]:
        """One of the vendor's concurrency slots; ``waiting`` counts the jobs queued for one."""
        limit = self._limits.get(vendor)
        if limit is None:
            yield
            return
        self.waiting += 1
        try:
            await limit.acquire()
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            limit.release()

    async def _work(self, job: Job, vendor: Vendor) -> JobResult:
        port = self.port
        request = await self._request(job.request_id)
        photo = await port.download(request, VENDOR_RULES[vendor])
        op = Operation(job.operation)
        chosen = PhotoFaces.from_param(job.params.get("faces"))  # the face(s) the person picked, if asked
        await port.progress(job, Stage.SENT)
        if op is Operation.DETECT_GENDER:
            found = await self.providers.detect_gender(photo, chosen=chosen)
            box = found.face_box
            marked = photo
            if box is not None:
                corners = (box.x, box.y, box.x + box.width, box.y + box.height)
                marked = await asyncio.to_thread(imaging.draw_face_box, photo, corners)
            return JobResult(marked, verdict=found)
        if op is Operation.SWAP_FACES:
            assert job.face_request_id is not None
            face = await port.download(await self._request(job.face_request_id), VENDOR_RULES[vendor])
            source = PhotoFaces.from_param(job.params.get("source_faces"))
            image = await self.providers.swap_faces(face, photo, job_id=job.id, source_face=source, target_face=chosen)
            return JobResult(image.data, vendor=image.vendor)
        if op is Operation.SWAP_GENDER:
            verdict: GenderVerdict | None = None
            to = Gender(job.params["to"]) if job.params.get("to") else None
            if to is None:
                verdict = await self.providers.detect_gender(photo, chosen=chosen)
                to = Gender.FEMALE if verdict.gender is Gender.MALE else Gender.MALE
            image = await self.providers.change_gender(photo, to, job_id=job.id, chosen=chosen)
            return JobResult(image.data, verdict=verdict, to_gender=to, vendor=image.vendor)
        age = int(job.params["age"])
        image = await self.providers.change_age(photo, age, job_id=job.id, chosen=chosen)
        return JobResult(image.data, vendor=image.vendor)

    async def _keep_and_charge(self, job: Job, result: JobResult, vendor: Vendor, elapsed_ms: int) -> None:
        """Write the paid result to disk, then charge: from here on a crash cannot lose it."""
        path = self._results / f"{job.id}.jpg"
        await asyncio.to_thread(_write_result, path, result)
        settled = await self.jobs.finish_paid(
            job.id, vendor=result.vendor or vendor.value, vendor_ms=elapsed_ms, result_path=str(path)
        )
        if settled is None:  # settled meanwhile (a shutdown gave up on it): do not deliver twice
            await asyncio.to_thread(_delete_result, path)
            return
        if self._on_settled is not None:
            self._on_settled(job.operation, "ok", job.cost, 0)
        await self._deliver(settled, result)

    async def _deliver(self, job: Job, result: JobResult) -> None:
        try:
            await self.port.deliver(job, result)
        except Exception:
            log.exception("job %s: the result could not be delivered; kept for the next start", job.id)
            return
        await self.jobs.mark_delivered(job.id)
        if job.result_path:
            await asyncio.to_thread(_delete_result, Path(job.result_path))

    async def _settle_failed(self, job: Job, failure: Failure, vendor: Vendor | None, ms: int | None) -> None:
        status = JobStatus.INTERRUPTED if failure.kind is FailureKind.INTERRUPTED else JobStatus.FAILED
        settled = await self.jobs.finish_failed(
            job.id, outcome=failure.kind.value, vendor=vendor.value if vendor else None, vendor_ms=ms, status=status
        )
        if settled is None:
            return
        if self._on_settled is not None:
            self._on_settled(job.operation, failure.kind.value, 0, job.cost)
        await self._tell(settled, failure)

    async def _tell(self, job: Job, failure: Failure) -> None:
        """Tell the person, then record it; a crash before the record means telling again at start-up."""
        if failure.kind is not FailureKind.UNREACHABLE:  # nobody to tell
            try:
                await self.port.fail(job, failure)
            except Exception:
                log.exception("job %s: could not tell the person about the failure; the next start will", job.id)
                return
        await self.jobs.mark_told(job.id)

    async def recover(self) -> None:
        """Start-up: release what a crash left unfinished, deliver what was paid for but not delivered."""
        for job in await self.jobs.interrupt_unfinished():
            log.info("job %s was interrupted by a restart: released", job.id)
        for job in await self.jobs.untold_failures():  # the interrupted, and failures a crash kept untold
            await self._tell(job, _failure_of(job))
        for job in await self.jobs.awaiting_delivery():
            result = await asyncio.to_thread(_read_result, Path(job.result_path or ""))
            if result is None:
                log.error("job %s: paid result missing on disk", job.id)
                continue
            await self._deliver(job, result)

    async def shutdown(self, deadline: float) -> None:
        """Let running jobs finish for up to ``deadline`` seconds, then stop the rest (released, told)."""
        tasks = list(self._tasks.values())
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=deadline)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=10)

    async def _request(self, request_id: str) -> PhotoRequest:
        request = await self.requests.get(request_id)
        if request is None:
            raise PhotoUnavailable(request_id)
        return request


def _failure_of(job: Job) -> Failure:
    """The failure a settled job records (its outcome), for telling it again after a restart."""
    try:
        kind = FailureKind(job.outcome or "interrupted")
    except ValueError:
        kind = FailureKind.TRANSIENT
    if kind is FailureKind.BAD_IMAGE:  # which refusal it was is not kept: say it in the general words
        kind = FailureKind.UNUSABLE_PHOTO
    return Failure(kind)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _write_result(path: Path, result: JobResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(result.image)
    tmp.replace(path)
    meta: dict[str, Any] = {"to_gender": result.to_gender.value if result.to_gender else None}
    if result.verdict is not None:
        v = result.verdict
        meta["verdict"] = {
            "gender": v.gender.value,
            "confidence": v.confidence,
            "beard": v.beard,
            "beard_confidence": v.beard_confidence,
        }
    path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")


def _read_result(path: Path) -> JobResult | None:
    try:
        image = path.read_bytes()
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    verdict = None
    if meta.get("verdict"):
        v = meta["verdict"]
        verdict = GenderVerdict(Gender(v["gender"]), v["confidence"], v["beard"], v["beard_confidence"], None)
    to = Gender(meta["to_gender"]) if meta.get("to_gender") else None
    return JobResult(image, verdict=verdict, to_gender=to)


def _delete_result(path: Path) -> None:
    for candidate in (path, path.with_suffix(".json")):
        candidate.unlink(missing_ok=True)
