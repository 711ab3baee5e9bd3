"""Jobs: one paid piece of work each, opened with its quota reservation and settled exactly once.

States: ``queued`` -> ``running`` -> ``result_ready`` (charged; result kept until delivered) -> ``succeeded``;
or ``queued``/``running`` -> ``failed`` or ``interrupted`` (reservation released). Settling only moves a job
out of ``queued``/``running``, so a second settlement of the same job changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from storage.database import Database
from storage.quota import Allowance, QuotaExhausted, Reservation, account_in, reserve_in, settle_in
from storage.requests import new_id


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RESULT_READY = "result_ready"  # charged; the result waits on disk for delivery
    SUCCEEDED = "succeeded"  # delivered
    FAILED = "failed"  # released
    INTERRUPTED = "interrupted"  # released: a restart or shutdown stopped it


UNSETTLED = (JobStatus.QUEUED, JobStatus.RUNNING)
RETRYABLE = (JobStatus.FAILED, JobStatus.INTERRUPTED)  # pressing the same button again starts it anew


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

    async def mark_running(self, job_id: str) -> None:
        await self._update(job_id, "status = 'running'", "status = 'queued'")

    async def set_status_message(self, job_id: str, message_id: int) -> None:
        await self._db.run(
            lambda conn: conn.execute("UPDATE jobs SET status_message_id = ? WHERE id = ?", (message_id, job_id))
        )

    async def finish_paid(self, job_id: str, *, vendor: str, vendor_ms: int, result_path: str | None) -> Job | None:
        """The vendor delivered: charge the reservation, keep the result until it reaches the person."""
        return await self._settle(
            job_id,
            charge=True,
            status=JobStatus.RESULT_READY,
            outcome="ok",
            vendor=vendor,
            vendor_ms=vendor_ms,
            result_path=result_path,
        )

    async def finish_failed(
        self,
        job_id: str,
        *,
        outcome: str,
        vendor: str | None = None,
        vendor_ms: int | None = None,
        status: JobStatus = JobStatus.FAILED,
    ) -> Job | None:
        """Release the reservation. Returns None when the job was already settled."""
        return await self._settle(
            job_id, charge=False, status=status, outcome=outcome, vendor=vendor, vendor_ms=vendor_ms, result_path=None
        )

    async def mark_delivered(self, job_id: str) -> None:
        await self._update(job_id, "status = 'succeeded', result_path = NULL", "status = 'result_ready'")

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
        """The person heard about the failure (or cannot be told: they blocked the bot)."""
        await self._db.run(lambda conn: conn.execute("UPDATE jobs SET told_at = ? WHERE id = ?", (time.time(), job_id)))

    async def untold_failures(self) -> list[Job]:
        """Failed or interrupted jobs whose person has not been told yet (start-up recovery tells them)."""
        rows = await self._db.conn.execute_fetchall(
            "SELECT * FROM jobs WHERE status IN ('failed', 'interrupted') AND told_at IS NULL ORDER BY created_at"
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

    async def _settle(
        self,
        job_id: str,
        *,
        charge: bool,
        status: JobStatus,
        outcome: str,
        vendor: str | None,
        vendor_ms: int | None,
        result_path: str | None,
    ) -> Job | None:
        return await self._db.run(
            lambda conn: _settle_in(
                conn,
                job_id,
                charge=charge,
                status=status,
                outcome=outcome,
                vendor=vendor,
                vendor_ms=vendor_ms,
                result_path=result_path,
            )
        )

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
) -> Job | None:
    """Move the job out of queued/running and settle its reservation; None (and nothing done) when it was
    settled already: the status change is the guard, so a job is settled at most once."""
    job = _one(
        conn,
        """UPDATE jobs SET status = ?, outcome = ?, vendor = COALESCE(?, vendor),
               vendor_ms = COALESCE(?, vendor_ms), result_path = ?, updated_at = ?
           WHERE id = ? AND status IN ('queued', 'running') RETURNING *""",
        (status, outcome, vendor, vendor_ms, result_path, time.time(), job_id),
    )
    if job is not None:
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
    )
