"""The job runner: one press of a button becomes one paid piece of work, done in the background.

``submit`` opens the job (quota reserved in the same transaction) and returns at once; the work runs as an
asyncio task, bounded per vendor and lane by an adaptive limit with a fair queue in front
(:mod:`bot.jobs.lanes`), so that a thousand slow face swaps cannot starve anything else, nor one person's burst
everyone else; a waiting job's status says its place in line and about how long it will wait. The work:
fetch the photo from Telegram, hand it to the providers (which prepare, host and call the vendor). Any
failure releases the reservation and tells the person why, in the words of its category.

A result is fitted to Telegram's photo rules (or made a document when no photo can show it), written to
disk, then charged; then delivered, with an end (the states are in :mod:`storage.jobs`):

- Telegram accepted it: the delivery is recorded at once, before anything else; then the status message and
  the file are removed.
- The group became a supergroup: every stored chat id moves to the new chat and the result goes there.
- Telegram fails for a while (5xx, timeouts, flood waits the rate limiter gave up on): tried again with
  backoff, while the bot runs, for up to ``delivery_deadline`` seconds.
- It cannot be delivered at all (the chat is closed to the bot, Telegram refuses it as a photo and as a
  document, or the deadline passed): the charge is refunded, the person told if anyone can be, the file deleted.

Nothing here knows Telegram types: the chat side is the :class:`ChatPort` the handlers implement.

A crash can stop a job anywhere. At start-up, :meth:`JobRunner.recover` releases every job that was still
queued or running, deletes every result file no paid job owns (one written just before a crash kept its job
from being charged), and then, in the background, tells what was not told, removes status messages left up,
and delivers (with the same deadline) every result that was paid for but not delivered. So a paid result is
never lost and never charged twice; what remains is the instant between Telegram accepting a result and the
bot recording it, after which a restart sends the result again (see README, "Delivery").

Results worth sharing. With ``result_keep`` (``RESULT_KEEP``) above zero, a delivered result stays on disk that
many seconds for the buttons under it ("Before / after", "Full quality": :meth:`JobRunner.kept_result`), then
:meth:`JobRunner.sweep` deletes it; the start-up sweep leaves results inside their window alone. What is kept is
the result as fitted for Telegram, without the operator's mark (``mark``, ``RESULT_MARK``), which is drawn when
a picture is sent (:meth:`JobRunner.with_mark`). An "every age" job (:mod:`bot.jobs.every_age`) is charged per age
delivered, the rest of its reservation released in the same transaction.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bot import imaging
from bot.faces import PhotoFaces
from bot.jobs import crash_points
from bot.jobs.capacity import Lane, lane_of
from bot.jobs.every_age import ages_of, make_every_age
from bot.jobs.lanes import Held, LaneGate, Ticket, VendorLanes
from bot.jobs.port import ChatPort
from bot.jobs.types import (
    ChatMoved,
    ChatUnreachable,
    DeliveryDelayed,
    Failure,
    FailureKind,
    JobResult,
    PhotoUnavailable,
    QueueInfo,
    ResultRefused,
    Stage,
)
from bot.logs import current_job
from bot.operations import Operation
from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.router import VENDOR_RULES, FaceProviders
from bot.providers.types import Gender, GenderVerdict
from bot.settings import Vendor
from storage.jobs import Job, JobsRepository, JobStatus, NewJob, Opened, OpenResult
from storage.requests import PhotoRequest, RequestsRepository

log = logging.getLogger(__name__)

MAX_DELIVERY_PAUSE: Final = 30.0
"""The longest pause between two delivery attempts (they double from ``delivery_pause`` up to this)."""
MAX_CHAT_MOVES: Final = 3
"""A chat that keeps moving is not followed further (Telegram upgrades a group once)."""
QUEUE_REFRESH: Final = 5.0
"""A waiting job's place and estimate are looked at this often (seconds), and shown only when they changed:
every edit of a status message is a Bot API call."""


@dataclass(frozen=True, slots=True)
class VendorLoad:
    limit: int  # edits that may be with the vendor at once (its adaptive limit, now)
    waiting: int  # jobs waiting for a slot (both lanes)
    running: int  # jobs holding a slot (both lanes)
    swap_limit: int = 0  # face swaps that may be with the vendor at once (a lane of their own)


def error_code(error: ProviderError) -> str:
    """How a vendor failure is counted on the dashboard: its HTTP status and code, as far as they are known."""
    parts = [str(error.status) if error.status else "", error.code]
    return " ".join(part for part in parts if part)[:64] or error.category.value


class JobRunner:
    def __init__(
        self,
        *,
        jobs: JobsRepository,
        requests: RequestsRepository,
        providers: FaceProviders,
        port: ChatPort,
        results_dir: Path,
        lanes: VendorLanes,
        today: Callable[[], str],
        one_active: bool = True,
        on_settled: Callable[[str, str, int, int], None] | None = None,
        on_given_up: Callable[[str, str, int], None] | None = None,
        delivery_deadline: float = 300.0,
        delivery_pause: float = 1.0,
        result_keep: float = 0.0,
        mark: str = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.jobs = jobs
        self.requests = requests
        self.providers = providers
        self.port = port
        self._results = results_dir
        self._lanes = lanes
        self._today = today
        self._one_active = one_active
        self._on_settled = on_settled  # (operation, outcome, charged, released): for the metrics
        self._on_given_up = on_given_up  # (operation, outcome, refunded): for the metrics
        self._delivery_deadline = delivery_deadline
        self._delivery_pause = delivery_pause
        self.result_keep = result_keep  # seconds a delivered result stays on disk (0: deleted at once)
        self._mark = mark
        self._clock = clock
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._owners: dict[str, int] = {}  # job id -> user id, for every job in progress
        self._queued: set[str] = set()  # jobs still waiting for a vendor slot: cancelling them costs nothing
        self._cancelled: set[str] = set()
        self._background: set[asyncio.Task[None]] = set()
        # what start-up recovery must finish: (untold, leftover status messages, paid results to deliver)
        self._to_recover: tuple[list[Job], list[Job], list[Job]] | None = None
        self._closing = False  # shutting down: no new work starts (a job opened now is released at the next start)

    @property
    def waiting(self) -> int:
        return sum(gate.waiting for gate in self._lanes.gates().values())

    @property
    def running(self) -> int:
        return len(self._tasks) - self.waiting

    def load(self) -> dict[Vendor, VendorLoad]:
        """Each vendor's current limits and, right now, the jobs waiting for one of its slots and holding one."""
        found: dict[Vendor, VendorLoad] = {}
        for vendor in Vendor:
            edit, swap = self._lanes.gate(vendor.value, Lane.EDIT), self._lanes.gate(vendor.value, Lane.SWAP)
            found[vendor] = VendorLoad(
                edit.limit.limit, edit.waiting + swap.waiting, edit.holding + swap.holding, swap.limit.limit
            )
        return found

    async def submit(self, new: NewJob) -> OpenResult:
        """Open the job (reserving its cost) and start it in the background; returns at once."""
        opened = await self.jobs.open(new, day=self._today(), one_active=self._one_active)
        if isinstance(opened, Opened):
            crash_points.reached("opened")
            self._spawn(opened.job)
        return opened

    def _spawn(self, job: Job, work: Coroutine[Any, Any, None] | None = None) -> None:
        if self._closing:
            if work is not None:
                work.close()
            log.info("job %s: opened while shutting down; the next start releases it", job.id)
            return
        task = asyncio.create_task(work if work is not None else self._run(job), name=f"job-{job.id}")
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
            lane = lane_of(job.operation)
            gate = self._lanes.gate(vendor.value, lane)
            self._queued.add(job.id)  # from here until the slot is ours, /cancel may stop it for free
            async with gate.slot(job.id, job.user_id, lambda ticket: self._wait_in_line(job, gate, ticket)) as held:
                self._queued.discard(job.id)
                await self.jobs.mark_running(job.id)
                await port.progress(job, Stage.PREPARING)
                started = time.monotonic()
                calls = max(1, len(ages_of(job.params)))  # an "every age" job is several edits one after another
                result = await self._timed(held, self._work(job, vendor), calls)
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
            await self._settle_failed(job, failure, vendor, _ms(started), error=error)
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

    async def _wait_in_line(self, job: Job, gate: LaneGate, ticket: Ticket) -> None:
        """Until the slot is the job's: its status says its place and wait, looked at every ``QUEUE_REFRESH``
        seconds and shown again when either changed."""
        shown: QueueInfo | None = None
        while True:
            info = gate.info(ticket)
            if info is None:  # no longer in line: the slot is ours
                return
            if info != shown:
                await self.port.progress(job, Stage.QUEUED, info)
                shown = info
            await asyncio.wait({ticket.granted}, timeout=QUEUE_REFRESH)

    @staticmethod
    async def _timed(held: Held, work: Coroutine[Any, Any, JobResult], calls: int = 1) -> JobResult:
        """``work``, whose time per vendor call teaches the lane's limit when the vendor answered (a refused photo
        and a timeout say how fast it is too; other failures say nothing about it). Time spent back in line
        after a 429 is not the vendor's."""
        started = time.monotonic()
        try:
            result = await work
        except ProviderError as error:
            if error.category in (ErrorCategory.UNUSABLE_PHOTO, ErrorCategory.TIMEOUT):
                held.gate.finished((time.monotonic() - started - held.waited) / calls)
            raise
        held.gate.finished((time.monotonic() - started - held.waited) / calls)
        return result

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
        ages = ages_of(job.params)
        if ages:
            return await make_every_age(self.providers, photo, ages, job_id=job.id, chosen=chosen)
        age = int(job.params["age"])
        image = await self.providers.change_age(photo, age, job_id=job.id, chosen=chosen)
        return JobResult(image.data, vendor=image.vendor)

    async def _keep_and_charge(self, job: Job, result: JobResult, vendor: Vendor, elapsed_ms: int) -> None:
        """Fit the result to Telegram, write it to disk, then charge: from here on a crash cannot lose it.

        A crash between the file and the charge leaves a file no paid job owns: the next start deletes it. A
        shutdown that stops the job before its charge releases it, as any interruption does.
        """
        path = self._results / f"{job.id}.result"
        try:
            result = await asyncio.to_thread(_fit_and_write, job, result, path)  # one hop to a thread for both
        except asyncio.CancelledError:
            await self._settle_failed(job, Failure(FailureKind.INTERRUPTED), vendor, elapsed_ms)
            raise
        except OSError:
            log.exception("job %s: the result could not be kept on disk", job.id)
            await self._settle_failed(job, Failure(FailureKind.TRANSIENT), vendor, elapsed_ms)
            return
        crash_points.reached("result-written")
        charged = job.cost
        if result.ages_done is not None:  # every age: paid per age delivered
            charged = job.cost * len(result.ages_done) // max(1, len(ages_of(job.params)))
        settled = await self.jobs.finish_paid(
            job.id,
            vendor=result.vendor or vendor.value,
            vendor_ms=elapsed_ms,
            result_path=str(path),
            charged=charged if charged != job.cost else None,
        )
        if settled is None:  # settled meanwhile (a shutdown gave up on it): do not deliver twice
            await asyncio.to_thread(_delete_result, path)
            return
        crash_points.reached("charged")
        if self._on_settled is not None:
            self._on_settled(job.operation, "ok", charged, job.cost - charged)
        await self._deliver(settled, result)

    async def _deliver(self, job: Job, result: JobResult) -> None:
        """Deliver a paid result or give it up: the job ends here (unless the process stops first: then the
        next start delivers it). Transient failures are tried again with backoff for ``delivery_deadline``."""
        deadline = time.monotonic() + self._delivery_deadline
        pause = self._delivery_pause
        if result.as_photo:  # the mark goes on what is sent; the file on disk stays as it was
            result = dataclasses.replace(result, image=await self.with_mark(result.image))
        moves = 0
        attempt = 0
        while True:
            attempt += 1
            try:
                await self.port.deliver(job, result)
            except ChatMoved as moved:
                moves += 1
                if moves > MAX_CHAT_MOVES:
                    await self._give_up(job, FailureKind.UNREACHABLE)
                    return
                log.info("job %s: the chat %s became %s; sending there", job.id, job.chat_id, moved.new_chat_id)
                await self.requests.move_chat(job.chat_id, moved.new_chat_id)
                job = dataclasses.replace(job, chat_id=moved.new_chat_id)
                continue
            except ChatUnreachable as closed:
                log.info("job %s: the chat is closed to the bot (%s); the result is given up", job.id, closed)
                await self._give_up(job, FailureKind.UNREACHABLE)
                return
            except ResultRefused as refused:
                log.warning("job %s: Telegram refused the result (%s); given up", job.id, refused)
                await self._give_up(job, FailureKind.UNDELIVERABLE)
                return
            except Exception as error:  # DeliveryDelayed; anything else is a bug, retried all the same
                if not isinstance(error, DeliveryDelayed):
                    log.exception("job %s: delivery attempt %d crashed", job.id, attempt)
                retry_after = error.retry_after if isinstance(error, DeliveryDelayed) else None
                wait = max(pause, retry_after or 0.0)
                if time.monotonic() + wait > deadline:
                    log.warning("job %s: not delivered after %d attempts (%s); given up", job.id, attempt, error)
                    await self._give_up(job, FailureKind.UNDELIVERED)
                    return
                log.info("job %s: delivery attempt %d failed (%s), again in %.1f s", job.id, attempt, error, wait)
                await asyncio.sleep(wait)
                pause = min(pause * 2, max(MAX_DELIVERY_PAUSE, self._delivery_pause))
                continue
            break
        crash_points.reached("sent")
        # First: Telegram has it, nothing may send it again. A shutdown that stops the job now waits for the record
        # (cancelled halfway, the next start would send the result again).
        kept_until = self._clock() + self.result_keep if self.result_keep > 0 else None
        recording = asyncio.ensure_future(self.jobs.mark_delivered(job.id, kept_until=kept_until))
        try:
            await asyncio.shield(recording)
        except asyncio.CancelledError:
            await recording
            raise
        crash_points.reached("delivered")
        await self._tidy(job, kept=kept_until is not None)

    async def _tidy(self, job: Job, *, kept: bool) -> None:
        """After a delivery: the status message goes, then the mark of it, then the result file (unless it is
        kept for the buttons under it: then the sweeper deletes it when its time is up)."""
        recorded = await self.jobs.get(job.id)
        if recorded is None or await self.port.remove_status(recorded):
            await self.jobs.clear_status_message(job.id)
        if not kept:
            await asyncio.to_thread(self._delete_result_of, job)

    async def with_mark(self, image: bytes) -> bytes:
        """``image`` with the operator's mark (``RESULT_MARK``) in its corner; as it is without a mark, or when it
        cannot be drawn (a picture that is not an image must not stop a paid delivery)."""
        if not self._mark:
            return image
        try:
            return await asyncio.to_thread(imaging.add_mark, image, self._mark)
        except Exception:
            log.exception("the mark could not be drawn; sent without it")
            return image

    async def kept_result(self, job: Job) -> JobResult | None:
        """The delivered result of ``job`` as kept on disk (the fitted result, unmarked), while inside its keep
        window; None once it has expired (or was never kept)."""
        if job.status is not JobStatus.SUCCEEDED or not job.result_path or job.kept_until is None:
            return None
        if job.kept_until <= self._clock():
            return None
        return await asyncio.to_thread(_read_result, Path(job.result_path))

    async def sweep(self) -> int:
        """Delete the kept results whose time is up (see ``RESULT_KEEP``); returns how many. Run by
        :func:`bot.hosting.run_sweeper` every :attr:`sweep_interval` seconds."""
        expired = await self.jobs.expired_results(self._clock())
        for job in expired:
            await asyncio.to_thread(self._delete_result_of, job)
            await self.jobs.forget_result(job.id)
        if expired:
            log.info("deleted %d kept results whose time was up", len(expired))
        return len(expired)

    @property
    def sweep_interval(self) -> float:
        """How often :meth:`sweep` runs: a quarter of the keep, between 50 ms and a minute, so a result is gone
        at most a quarter (or a minute) after its time."""
        return min(60.0, max(0.05, self.result_keep / 4))

    async def _give_up(self, job: Job, kind: FailureKind) -> None:
        """The result cannot be delivered: refund it, delete it, then tell the person if anyone can be told."""
        settled = await self.jobs.give_up(job.id, outcome=kind.value)
        crash_points.reached("given-up")
        await asyncio.to_thread(self._delete_result_of, job)
        if settled is None:  # ended meanwhile
            return
        if self._on_given_up is not None:
            self._on_given_up(job.operation, kind.value, job.cost)
        await self._tell(settled, Failure(kind))

    async def _settle_failed(
        self,
        job: Job,
        failure: Failure,
        vendor: Vendor | None,
        ms: int | None,
        *,
        error: ProviderError | None = None,
    ) -> None:
        status = JobStatus.INTERRUPTED if failure.kind is FailureKind.INTERRUPTED else JobStatus.FAILED
        settled = await self.jobs.finish_failed(
            job.id,
            outcome=failure.kind.value,
            vendor=vendor.value if vendor else None,
            vendor_ms=ms,
            status=status,
            error=(error.vendor, error_code(error)) if error is not None else None,
        )
        if settled is None:
            return
        if self._on_settled is not None:
            self._on_settled(job.operation, failure.kind.value, 0, job.cost)
        await self._tell(settled, failure)

    async def _tell(self, job: Job, failure: Failure) -> None:
        """Tell the person, then record it; a crash before the record means telling again at start-up."""
        if failure.kind is not FailureKind.UNREACHABLE:  # nobody to tell
            for _ in range(MAX_CHAT_MOVES + 1):
                try:
                    await self.port.fail(job, failure)
                except ChatMoved as moved:
                    await self.requests.move_chat(job.chat_id, moved.new_chat_id)
                    job = dataclasses.replace(job, chat_id=moved.new_chat_id, status_message_id=None)
                    continue
                except Exception:
                    log.exception("job %s: could not tell the person how it ended; the next start will", job.id)
                    return
                break
        await self.jobs.mark_told(job.id)

    async def release_unfinished(self) -> None:
        """Start-up, before any update is handled (the database and the disk, milliseconds): release every job a
        crash left queued or running, delete every result file that no paid, undelivered job owns (nor a delivered
        job whose result is inside its keep window), and note what
        :meth:`recover` must finish. Recovery then runs alongside new work and touches only the jobs noted here,
        never a job opened since. Runs once; :meth:`recover` calls it too."""
        if self._to_recover is not None:
            return
        for job in await self.jobs.interrupt_unfinished():
            log.info("job %s was interrupted by a restart: released", job.id)
        waiting = await self.jobs.awaiting_delivery()
        kept = await self.jobs.kept_results(self._clock())  # delivered, still inside their keep window
        swept = await asyncio.to_thread(self._sweep_results, {job.id for job in waiting} | kept)
        if swept:
            log.info("deleted %d result files no paid job owns", swept)
        untold = await self.jobs.untold_failures()  # the interrupted, and endings a crash kept untold
        self._to_recover = (untold, await self.jobs.leftover_status_messages(), waiting)

    async def recover(self) -> None:
        """Start-up, alongside new updates: tell the failures not told yet, remove the status messages left up,
        deliver the paid results (Telegram calls, which may wait out flood limits and retries)."""
        await self.release_unfinished()
        assert self._to_recover is not None
        untold, leftovers, waiting = self._to_recover
        for job in waiting:
            self._spawn(job, self._deliver_kept(job))
        if untold or leftovers:
            task = asyncio.create_task(self._recover_chats(untold, leftovers), name="recovery")
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _recover_chats(self, untold: list[Job], leftovers: list[Job]) -> None:
        for job in untold:
            await self._tell(job, _failure_of(job))
        for job in leftovers:  # ended, but a crash came before its status message was removed
            if await self.port.remove_status(job):
                await self.jobs.clear_status_message(job.id)

    async def _deliver_kept(self, job: Job) -> None:
        current_job.set(job.id)
        result = await asyncio.to_thread(_read_result, Path(job.result_path or ""))
        if result is None:
            log.warning("job %s: the paid result is missing on disk; refunded", job.id)
            await self._give_up(job, FailureKind.UNDELIVERABLE)
            return
        await self._deliver(job, result)

    def _delete_result_of(self, job: Job) -> None:
        _delete_result(self._results / f"{job.id}.result")
        if job.result_path:
            _delete_result(Path(job.result_path))

    def _sweep_results(self, keep: set[str]) -> int:
        """Delete the files in the results directory (``<job id>.<suffix>``, the bot's own) that belong to no
        job in ``keep`` nor to a job this process is running. Returns how many."""
        if not self._results.exists():
            return 0
        removed = 0
        for path in self._results.iterdir():
            job_id = path.name.split(".", 1)[0]
            if job_id in keep or job_id in self._tasks or not path.is_file():
                continue
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    async def shutdown(self, deadline: float) -> None:
        """Let running jobs finish for up to ``deadline`` seconds, then stop the rest (released, told; a
        delivery under way stays paid and undelivered: the next start delivers it). No job starts from here on
        (one opened meanwhile is released at the next start, as a crash would leave it), so none outlives the
        database."""
        self._closing = True
        tasks = [*self._tasks.values(), *self._background]
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


def _fit(job: Job, result: JobResult) -> JobResult:
    """The result as it goes to Telegram: a photo within its rules, or a document (``fit_for_telegram``)."""
    try:
        upload = imaging.fit_for_telegram(result.image)
    except Exception:  # fitting never refuses an image; a bug must not lose a paid result: send the file
        log.exception("job %s: the result could not be fitted; it goes as a document", job.id)
        return dataclasses.replace(result, as_photo=False, content_type="application/octet-stream")
    if not upload.as_photo:
        log.info("job %s: the result (%sx%s) goes as a document", job.id, upload.width, upload.height)
    return dataclasses.replace(result, image=upload.data, as_photo=upload.as_photo, content_type=upload.content_type)


def _fit_and_write(job: Job, result: JobResult, path: Path) -> JobResult:
    """The result fitted to Telegram (see :func:`_fit`), then kept on disk: returns what goes to Telegram."""
    fitted = _fit(job, result)
    _write_result(path, fitted)
    return fitted


def _write_result(path: Path, result: JobResult) -> None:
    """The result and what delivering it needs, each written whole (a temporary name, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    meta: dict[str, Any] = {
        "to_gender": result.to_gender.value if result.to_gender else None,
        "as_photo": result.as_photo,
        "content_type": result.content_type,
        "ages_done": list(result.ages_done) if result.ages_done is not None else None,
    }
    if result.verdict is not None:
        v = result.verdict
        meta["verdict"] = {
            "gender": v.gender.value,
            "confidence": v.confidence,
            "beard": v.beard,
            "beard_confidence": v.beard_confidence,
        }
    for target, data in ((path.with_suffix(".json"), json.dumps(meta).encode()), (path, result.image)):
        tmp = target.with_name(f"{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)


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
    return JobResult(
        image,
        verdict=verdict,
        to_gender=to,
        as_photo=bool(meta.get("as_photo", True)),
        content_type=str(meta.get("content_type") or "image/jpeg"),
        ages_done=tuple(int(age) for age in meta["ages_done"]) if meta.get("ages_done") is not None else None,
    )


def _delete_result(path: Path) -> None:
    for candidate in (path, path.with_suffix(".json")):
        candidate.unlink(missing_ok=True)
