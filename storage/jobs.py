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
from typing import Any

import aiosqlite

from storage.database import Database
from storage.quota import Allowance, QuotaExhausted, Reservation, account_in, reserve_in, settle_in
from storage.requests import new_id

UNSETTLED = ("queued", "running")


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
    status: str
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
    def __init__(self, db: Database, default_limit: int) -> None:
        self._db = db
        self._default_limit = default_limit

    async def open(self, new: NewJob, *, day: str, one_active: bool = True) -> OpenResult:
        """Check ban, one-at-a-time and balance, reserve the cost and write the job: one transaction."""
        async with self._db.transaction() as conn:
            existing = await _one(conn, "SELECT * FROM jobs WHERE key = ?", (new.key,))
            if existing is not None:
                return Duplicate(existing)
            account = await account_in(conn, new.user_id, day, self._default_limit)
            if account.banned:
                return Banned(account.ban_reason)
            if one_active:
                active = await _one(
                    conn, "SELECT * FROM jobs WHERE user_id = ? AND status IN ('queued', 'running') LIMIT 1",
                    (new.user_id,),
                )
                if active is not None:
                    return Busy(active)
            job_id = new_id()
            try:
                reservation = await reserve_in(conn, new.user_id, new.cost, day, self._default_limit, job_id)
            except QuotaExhausted as exhausted:
                return OutOfQuota(exhausted.allowance)
            now = time.time()
            await conn.execute(
                """INSERT INTO jobs (id, key, request_id, face_request_id, user_id, chat_id, operation, params,
                       cost, daily_part, credit_part, quota_day, status, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)""",
                (job_id, new.key, new.request_id, new.face_request_id, new.user_id, new.chat_id, new.operation,
                 json.dumps(new.params), new.cost, reservation.daily_part, reservation.credit_part, day, now, now),
            )
            job = await _one(conn, "SELECT * FROM jobs WHERE id = ?", (job_id,))
            assert job is not None
            return Opened(job)

    async def get(self, job_id: str) -> Job | None:
        return await _one(self._db.conn, "SELECT * FROM jobs WHERE id = ?", (job_id,))

    async def mark_running(self, job_id: str) -> None:
        await self._update(job_id, "status = 'running'", "status = 'queued'")

    async def set_status_message(self, job_id: str, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE jobs SET status_message_id = ? WHERE id = ?", (message_id, job_id))

    async def finish_paid(self, job_id: str, *, vendor: str, vendor_ms: int, result_path: str | None) -> Job | None:
        """The vendor delivered: charge the reservation, keep the result until it reaches the person."""
        return await self._settle(job_id, charge=True, status="result_ready", outcome="ok", vendor=vendor,
                                  vendor_ms=vendor_ms, result_path=result_path)

    async def finish_failed(
        self, job_id: str, *, outcome: str, vendor: str | None = None, vendor_ms: int | None = None,
        status: str = "failed",
    ) -> Job | None:
        """Release the reservation. Returns None when the job was already settled."""
        return await self._settle(job_id, charge=False, status=status, outcome=outcome, vendor=vendor,
                                  vendor_ms=vendor_ms, result_path=None)

    async def mark_delivered(self, job_id: str) -> None:
        await self._update(job_id, "status = 'succeeded', result_path = NULL", "status = 'result_ready'")

    async def interrupt_unfinished(self) -> list[Job]:
        """Start-up recovery: release every job a crash left queued or running."""
        async with self._db.conn.execute("SELECT id FROM jobs WHERE status IN ('queued', 'running')") as cursor:
            ids = [row["id"] for row in await cursor.fetchall()]
        settled = []
        for job_id in ids:
            job = await self.finish_failed(job_id, outcome="interrupted", status="interrupted")
            if job is not None:
                settled.append(job)
        return settled

    async def awaiting_delivery(self) -> list[Job]:
        async with self._db.conn.execute("SELECT * FROM jobs WHERE status = 'result_ready'") as cursor:
            return [_job(row) for row in await cursor.fetchall()]

    async def _settle(
        self, job_id: str, *, charge: bool, status: str, outcome: str, vendor: str | None, vendor_ms: int | None,
        result_path: str | None,
    ) -> Job | None:
        async with self._db.transaction() as conn:
            job = await _one(conn, "SELECT * FROM jobs WHERE id = ?", (job_id,))
            if job is None or job.status not in UNSETTLED:
                return None
            await settle_in(conn, job.user_id, job.id, job.quota_day, job.reservation, charge=charge)
            await conn.execute(
                """UPDATE jobs SET status = ?, outcome = ?, vendor = COALESCE(?, vendor),
                       vendor_ms = COALESCE(?, vendor_ms), result_path = ?, updated_at = ? WHERE id = ?""",
                (status, outcome, vendor, vendor_ms, result_path, time.time(), job_id),
            )
            return await _one(conn, "SELECT * FROM jobs WHERE id = ?", (job_id,))

    async def _update(self, job_id: str, assignment: str, condition: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                f"UPDATE jobs SET {assignment}, updated_at = ? WHERE id = ? AND {condition}",  # noqa: S608 (constants)
                (time.time(), job_id),
            )


async def _one(conn: aiosqlite.Connection, sql: str, args: tuple[Any, ...]) -> Job | None:
    async with conn.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return _job(row) if row else None


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"], key=row["key"], request_id=row["request_id"], face_request_id=row["face_request_id"],
        user_id=row["user_id"], chat_id=row["chat_id"], operation=row["operation"], params=json.loads(row["params"]),
        cost=row["cost"], reservation=Reservation(row["daily_part"], row["credit_part"]), quota_day=row["quota_day"],
        status=row["status"], outcome=row["outcome"], vendor=row["vendor"], vendor_ms=row["vendor_ms"],
        status_message_id=row["status_message_id"], result_path=row["result_path"],
        created_at=row["created_at"], updated_at=row["updated_at"],
    )
