"""Jobs: one paid piece of work each, opened with its quota reservation, settled exactly once, and ended in
exactly one terminal state.

The states (``jobs.status``, :class:`JobStatus`)::

    queued ──> running ──> result_ready ──> succeeded      charged, and Telegram accepted the result
       │          │             │
       │          │             └─────────> given_up       charged, then refunded: the result could not be
       │          │                                         delivered (blocked, chat gone, refused as a photo
       │          │                                         and as a document, or not delivered in time)
       └──────────┴──> failed | interrupted                 released (interrupted: a restart or a shutdown)

``queued``/``running`` hold a reservation; ``result_ready`` is charged and its result waits on disk
(``result_path``) to be delivered. A ``succeeded`` job may keep its result a while longer (``kept_until``, set
from ``RESULT_KEEP``) for the buttons under it ("Before / after", "Full quality"); the sweeper deletes it then
(:meth:`JobsRepository.expired_results`). An "every age" job whose vendor calls partly failed is charged only for
what it delivered (``charged``) and the rest of its reservation released, in the same transaction.

The four terminal states never change again, and each settles the money
once: a charge (``succeeded``), a charge and a refund (``given_up``), or a release (``failed``,
``interrupted``); :meth:`storage.quota.QuotaRepository.audit` checks exactly that. Every move is one
``UPDATE ... WHERE status = <the state it leaves>``, so a second attempt at the same move changes nothing.

Beside the state, two marks say what is still owed to the chat:

- ``told_at``: when the person heard how a ``failed``, ``interrupted`` or ``given_up`` job ended (or that
  nobody can be told: the bot was blocked). Start-up tells those without it.
- ``status_message_id``: a status message ("⏳ working on it") that is still up. :data:`STATUS_POSTING` (0)
  records the intent before it is sent; the real id replaces it once Telegram answers; it goes back to NULL
  when the message is deleted, or turned into the failure notice. A crash between Telegram accepting the
  status message and its id being written leaves 0: that message cannot be found again (the Bot API cannot
  list a chat's messages), so recovery sends the job's final answer as a new message, which comes after it.
  Every status message whose id is known is removed (or turned into the answer) at the latest by the next
  start-up.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from storage.database import Database
from storage.quota import (
    Allowance,
    QuotaExhausted,
    Reservation,
    account_in,
    refund_in,
    reserve_in,
    settle_in,
    settle_part_in,
    split_charge,
)
from storage.requests import new_id


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RESULT_READY = "result_ready"  # charged; the result waits on disk for delivery
    SUCCEEDED = "succeeded"  # delivered (terminal)
    GIVEN_UP = "given_up"  # charged, then refunded: the result could not be delivered (terminal)
    FAILED = "failed"  # released (terminal)
    INTERRUPTED = "interrupted"  # released: a restart or shutdown stopped it (terminal)


UNSETTLED = (JobStatus.QUEUED, JobStatus.RUNNING)
TERMINAL = (JobStatus.SUCCEEDED, JobStatus.GIVEN_UP, JobStatus.FAILED, JobStatus.INTERRUPTED)
RETRYABLE = (JobStatus.FAILED, JobStatus.INTERRUPTED)  # pressing the same button again starts it anew
STATUS_POSTING = 0  # status_message_id while the status message is being sent (its id not known yet)


@dataclass(frozen=True, slots=True)
class NewJob:
    key: str  # the same key twice (a re-delivered update, a double press) is the same job
    request_id: str
    user_id: int
    chat_id: int
    operation: str
    cost: int
    params: dict[str, Any]
    face_request_id: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    key: str
    request_id: str
    face_request_id: str | None
    user_id: int
    chat_id: int
    operation: str
    params: dict[str, Any]
    cost: int
    reservation: Reservation
    quota_day: str
    status: JobStatus
    outcome: str | None
    vendor: str | None
    vendor_ms: int | None
    status_message_id: int | None
    result_path: str | None
    created_at: float
    updated_at: float
    kept_until: float | None = None  # a delivered result stays on disk until then (RESULT_KEEP)
    charged: int | None = None  # when charged only part of ``cost``; None: all of it (or not charged)

    @property
    def charged_reservation(self) -> Reservation:
        """What the job was charged, bucket by bucket (all of its reservation, or the part ``charged`` says)."""
        if self.charged is None:
            return self.reservation
        return split_charge(self.reservation, self.charged)[0]


@dataclass(frozen=True, slots=True)
class Opened:
    job: Job


@dataclass(frozen=True, slots=True)
class Duplicate:
    job: Job


@dataclass(frozen=True, slots=True)
class Busy:
    job: Job  # the person's job still in progress


@dataclass(frozen=True, slots=True)
class OutOfQuota:
    allowance: Allowance


@dataclass(frozen=True, slots=True)
class Banned:
    reason: str | None


OpenResult = Opened | Duplicate | Busy | OutOfQuota | Banned


class JobsRepository:
    """Jobs and their money. Every method that settles or reserves is one transaction, run whole on the
    database thread (:meth:`Database.run`): the checks, the reservation and the job row commit together."""

    def __init__(self, db: Database, default_limit: int) -> None:
        self._db = db
        self._default_limit = default_limit

    async def open(self, new: NewJob, *, day: str, one_active: bool = True) -> OpenResult:
        """Check ban, one-at-a-time and balance, reserve the cost and write the job: one transaction.

        The same ``key`` twice is the same job (``Duplicate``): a re-delivered update or a double press never
        reserves twice.
        """

        def work(conn: sqlite3.Connection) -> OpenResult:
            if one_active:  # the job with this key, else the person's job in progress, in one look-up
                found = _one(
                    conn,
                    """SELECT * FROM jobs WHERE key = ? OR (user_id = ? AND status IN ('queued', 'running'))
                       ORDER BY key = ? DESC LIMIT 1""",
                    (new.key, new.user_id, new.key),
                )
            else:
                found = _one(conn, "SELECT * FROM jobs WHERE key = ?", (new.key,))
            if found is not None and found.key == new.key:
                return Duplicate(found)
            account = account_in(conn, new.user_id, day, self._default_limit)
            if account.banned:
                return Banned(account.ban_reason)
            if found is not None:
                return Busy(found)
            job_id = new_id()
            try:
                reservation = reserve_in(conn, account, new.cost, job_id)
            except QuotaExhausted as exhausted:
                return OutOfQuota(exhausted.allowance)
            now = time.time()
            job = _one(
                conn,
                """INSERT INTO jobs (id, key, request_id, face_request_id, user_id, chat_id, operation, params,
                       cost, daily_part, credit_part, bought_part, quota_day, status, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING *""",
                (
                    job_id,
                    new.key,
                    new.request_id,
                    new.face_request_id,
                    new.user_id,
                    new.chat_id,
                    new.operation,
                    json.dumps(new.params),
                    new.cost,
                    reservation.daily_part,
                    reservation.credit_part,
                    reservation.bought_part,
                    reservation.day,
                    now,
                    now,
                ),
            )
            assert job is not None
            return Opened(job)

        return await self._db.run(work)

    async def get(self, job_id: str) -> Job | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return next((_job(row) for row in rows), None)

    async def by_key(self, key: str) -> Job | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM jobs WHERE key = ?", (key,))
        return next((_job(row) for row in rows), None)

    async def mark_running(self, job_id: str) -> None:
        await self._update(job_id, "status = 'running'", "status = 'queued'")

    async def mark_status_posting(self, job_id: str) -> None:
        """A status message is about to be sent: recorded first, so a crash cannot leave it unaccounted for."""
        await self._db.run(
            lambda conn: conn.execute(
                "UPDATE jobs SET status_message_id = ? WHERE id = ? AND status_message_id IS NULL",
                (STATUS_POSTING, job_id),
            )
        )

    async def set_status_message(self, job_id: str, message_id: int) -> None:
        await self._db.run(
            lambda conn: conn.execute("UPDATE jobs SET status_message_id = ? WHERE id = ?", (message_id, job_id))
        )

    async def clear_status_message(self, job_id: str, message_id: int | None = None) -> None:
        """The status message is gone (deleted, turned into the answer, or never sent). With ``message_id``,
        only that one (e.g. :data:`STATUS_POSTING` after a send that failed)."""
        sql = "UPDATE jobs SET status_message_id = NULL WHERE id = ?"
        args: tuple[object, ...] = (job_id,)
        if message_id is not None:
            sql, args = f"{sql} AND status_message_id = ?", (job_id, message_id)
        await self._db.run(lambda conn: conn.execute(sql, args))

    async def leftover_status_messages(self) -> list[Job]:
        """Ended jobs whose status message may still be up (a crash came between the end and its removal).
        Not the untold: telling them turns the status message into the notice."""
        rows = await self._db.conn.execute_fetchall(
            """SELECT * FROM jobs WHERE status_message_id IS NOT NULL AND (status = 'succeeded'
                   OR (status IN ('failed', 'interrupted', 'given_up') AND told_at IS NOT NULL))"""
        )
        return [_job(row) for row in rows]

    async def finish_paid(
        self, job_id: str, *, vendor: str, vendor_ms: int, result_path: str | None, charged: int | None = None
    ) -> Job | None:
        """The vendor delivered: charge the reservation, keep the result until it reaches the person.
        ``charged``: only that much of the cost (the rest is released), for a job that delivered part of it."""
        return await self._db.run(
            lambda conn: _settle_in(
                conn,
                job_id,
                charge=True,
                status=JobStatus.RESULT_READY,
                outcome="ok",
                vendor=vendor,
                vendor_ms=vendor_ms,
                result_path=result_path,
                charged=charged,
            )
        )

    async def finish_failed(
        self,
        job_id: str,
        *,
        outcome: str,
        vendor: str | None = None,
        vendor_ms: int | None = None,
        status: JobStatus = JobStatus.FAILED,
        error: tuple[str, str] | None = None,
    ) -> Job | None:
        """Release the reservation. Returns None when the job was already settled. ``error``: the vendor
        that failed it and its error code, when a vendor's answer (or silence) did."""
        return await self._db.run(
            lambda conn: _settle_in(
                conn,
                job_id,
                charge=False,
                status=status,
                outcome=outcome,
                vendor=vendor,
                vendor_ms=vendor_ms,
                error=error,
            )
        )

    async def mark_delivered(self, job_id: str, *, kept_until: float | None = None) -> bool:
        """Telegram accepted the result: ``result_ready`` -> ``succeeded``. False when it was not result_ready.
        With ``kept_until``, the result stays on disk (``result_path``) until then; else it is forgotten."""

        def work(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                """UPDATE jobs SET status = 'succeeded', updated_at = ?, kept_until = ?,
                       result_path = CASE WHEN ? IS NULL THEN NULL ELSE result_path END
                   WHERE id = ? AND status = 'result_ready'""",
                (time.time(), kept_until, kept_until, job_id),
            )
            return cursor.rowcount > 0

        return await self._db.run(work)

    async def expired_results(self, now: float) -> list[Job]:
        """Delivered jobs whose kept result's time is up (the sweeper deletes the file, then forgets it)."""
        rows = await self._db.conn.execute_fetchall(
            "SELECT * FROM jobs WHERE kept_until IS NOT NULL AND kept_until <= ? ORDER BY kept_until", (now,)
        )
        return [_job(row) for row in rows]

    async def kept_results(self, now: float) -> set[str]:
        """The ids of delivered jobs whose result is still inside its keep window (start-up must not delete it)."""
        rows = await self._db.conn.execute_fetchall("SELECT id FROM jobs WHERE kept_until > ?", (now,))
        return {str(row["id"]) for row in rows}

    async def forget_result(self, job_id: str) -> None:
        """The kept result was deleted from disk."""
        await self._db.run(
            lambda conn: conn.execute(
                "UPDATE jobs SET result_path = NULL, kept_until = NULL WHERE id = ? AND status = 'succeeded'",
                (job_id,),
            )
        )

    async def give_up(self, job_id: str, *, outcome: str) -> Job | None:
        """The paid result cannot be delivered: ``result_ready`` -> ``given_up`` and its charge refunded, in one
        transaction. None when the job was not waiting for delivery (given up or delivered already)."""

        def work(conn: sqlite3.Connection) -> Job | None:
            job = _one(
                conn,
                """UPDATE jobs SET status = 'given_up', outcome = ?, result_path = NULL, updated_at = ?
                   WHERE id = ? AND status = 'result_ready' RETURNING *""",
                (outcome, time.time(), job_id),
            )
            if job is not None:
                refund_in(conn, job.user_id, job.id, job.charged_reservation)
            return job

        return await self._db.run(work)

    async def interrupt_unfinished(self) -> list[Job]:
        """Start-up recovery: release every job a crash left queued or running (one transaction)."""

        def work(conn: sqlite3.Connection) -> list[Job]:
            ids = [row["id"] for row in conn.execute("SELECT id FROM jobs WHERE status IN ('queued', 'running')")]
            settled = (
                _settle_in(conn, job_id, charge=False, status=JobStatus.INTERRUPTED, outcome="interrupted")
                for job_id in ids
            )
            return [job for job in settled if job is not None]

        return await self._db.run(work)

    async def mark_told(self, job_id: str) -> None:
        """The person heard how the job ended (or cannot be told: they blocked the bot). Telling turns the
        status message into the notice or replaces it, so no status message is left to remove."""
        await self._db.run(
            lambda conn: conn.execute(
                "UPDATE jobs SET told_at = ?, status_message_id = NULL WHERE id = ?", (time.time(), job_id)
            )
        )

    async def untold_failures(self) -> list[Job]:
        """Failed, interrupted or given-up jobs whose person has not been told yet (start-up tells them)."""
        rows = await self._db.conn.execute_fetchall(
            """SELECT * FROM jobs WHERE status IN ('failed', 'interrupted', 'given_up') AND told_at IS NULL
               ORDER BY created_at"""
        )
        return [_job(row) for row in rows]

    async def awaiting_delivery(self) -> list[Job]:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM jobs WHERE status = 'result_ready'")
        return [_job(row) for row in rows]

    async def recent_for(self, user_id: int, limit: int = 5) -> list[Job]:
        """The person's latest jobs, newest first (``/quota <who>``)."""
        rows = await self._db.conn.execute_fetchall(
            "SELECT * FROM jobs WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?", (user_id, limit)
        )
        return [_job(row) for row in rows]

    async def _update(self, job_id: str, assignment: str, condition: str) -> None:
        sql = f"UPDATE jobs SET {assignment}, updated_at = ? WHERE id = ? AND {condition}"  # noqa: S608 (constants)
        await self._db.run(lambda conn: conn.execute(sql, (time.time(), job_id)))


def _settle_in(
    conn: sqlite3.Connection,
    job_id: str,
    *,
    charge: bool,
    status: JobStatus,
    outcome: str,
    vendor: str | None = None,
    vendor_ms: int | None = None,
    result_path: str | None = None,
    error: tuple[str, str] | None = None,
    charged: int | None = None,
) -> Job | None:
    """Move the job out of queued/running and settle its reservation; None (and nothing done) when it was
    settled already: the status change is the guard, so a job is settled at most once. ``charged`` (with
    ``charge``): charge only that much of the cost and release the rest."""
    error_vendor, error_code = error if error is not None else (None, None)
    job = _one(
        conn,
        """UPDATE jobs SET status = ?, outcome = ?, vendor = COALESCE(?, vendor),
               vendor_ms = COALESCE(?, vendor_ms), result_path = ?, error_vendor = ?, error_code = ?, updated_at = ?,
               charged = ?
           WHERE id = ? AND status IN ('queued', 'running') RETURNING *""",
        (
            status,
            outcome,
            vendor,
            vendor_ms,
            result_path,
            error_vendor,
            error_code,
            time.time(),
            charged if charge else None,
            job_id,
        ),
    )
    if job is None:
        return None
    if charge and job.charged is not None and job.charged != job.cost:
        settle_part_in(conn, job.user_id, job.id, job.reservation, job.charged)
    else:
        settle_in(conn, job.user_id, job.id, job.reservation, charge=charge)
    return job


def _one(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> Job | None:
    row = conn.execute(sql, args).fetchone()
    return _job(row) if row else None


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        key=row["key"],
        request_id=row["request_id"],
        face_request_id=row["face_request_id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        operation=row["operation"],
        params=json.loads(row["params"]),
        cost=row["cost"],
        reservation=Reservation(row["daily_part"], row["credit_part"], row["quota_day"], row["bought_part"]),
        quota_day=row["quota_day"],
        status=JobStatus(row["status"]),
        outcome=row["outcome"],
        vendor=row["vendor"],
        vendor_ms=row["vendor_ms"],
        status_message_id=row["status_message_id"],
        result_path=row["result_path"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        kept_until=row["kept_until"],
        charged=row["charged"],
    )
