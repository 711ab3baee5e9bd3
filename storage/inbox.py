"""The inbox: updates stored before they count as received, handled from here, and marked done.

Polling: a batch from ``getUpdates`` is stored in one transaction before the next ``getUpdates`` (which confirms
it to Telegram) is made. Webhook: the update is stored before the route answers 200. Either way a crash while
an update is being handled leaves its row unfinished, and the next start handles it again. Done rows are kept for
:data:`RETENTION` (the time Telegram may deliver an update again), so a re-delivered ``update_id`` is recognised
and skipped; then they are pruned.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from storage.database import Database

RETENTION = 24 * 3600.0  # seconds a handled update is remembered (Telegram keeps an update for 24 hours)
MAX_ATTEMPTS = 3  # times one update may be handled again, each cut short, before it is given up (a poison update)
POISON_AFTER = 60.0  # ... and only once it came this many seconds ago (crashes in quick succession cut many short)


@dataclass(frozen=True, slots=True)
class Incoming:
    update_id: int
    chat_id: int | None
    payload: str  # JSON


@dataclass(frozen=True, slots=True)
class Unfinished:
    update_id: int
    payload: str
    attempts: int
    received_at: float


class InboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def store(self, updates: Sequence[Incoming], now: float | None = None) -> list[int]:
        """Store a batch in one transaction; returns the ids that are new (an id seen before is skipped)."""
        if not updates:
            return []
        now = time.time() if now is None else now

        def work(conn: sqlite3.Connection) -> list[int]:
            new = []
            for update in updates:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO inbox (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)",
                    (update.update_id, update.chat_id, update.payload, now),
                )
                if cursor.rowcount:
                    new.append(update.update_id)
            return new

        return await self._db.run(work)

    async def mark_attempt(self, update_id: int) -> None:
        """An unfinished update is being handled again (counted before its handlers run)."""
        await self._db.run(
            lambda conn: conn.execute("UPDATE inbox SET attempts = attempts + 1 WHERE update_id = ?", (update_id,))
        )

    async def mark_done(self, update_id: int, now: float | None = None) -> None:
        now = time.time() if now is None else now
        await self._db.run(
            lambda conn: conn.execute(
                "UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL", (now, update_id)
            )
        )

    async def note_said(self, update_id: int, text: str | None) -> None:
        """Record the answer ``update_id``'s press is about to be given in its alert (None: it was not given after
        all); see :meth:`said`."""
        await self._db.run(
            lambda conn: conn.execute("UPDATE inbox SET said = ? WHERE update_id = ?", (text, update_id))
        )

    async def said(self, update_id: int) -> str | None:
        """What the first run of an update handled again answered its press with (or was about to), if anything."""
        rows = await self._db.conn.execute_fetchall("SELECT said FROM inbox WHERE update_id = ?", (update_id,))
        row = next(iter(rows), None)
        return None if row is None or row[0] is None else str(row[0])

    async def take_unfinished(self, now: float | None = None) -> tuple[list[Unfinished], list[int]]:
        """Start-up: the updates a crash left unfinished, oldest first; and the ids given up (handled again
        :data:`MAX_ATTEMPTS` times already, each time cut short, and received :data:`POISON_AFTER` seconds ago or
        more: marked done, not handled). An update a life never got to (queued behind others when the crash came)
        costs no attempt: see :meth:`mark_attempt`."""
        now = time.time() if now is None else now

        def work(conn: sqlite3.Connection) -> tuple[list[Unfinished], list[int]]:
            rows = conn.execute(
                "SELECT update_id, payload, attempts, received_at FROM inbox WHERE done_at IS NULL ORDER BY update_id"
            ).fetchall()
            given_up = [int(row[0]) for row in rows if row[2] >= MAX_ATTEMPTS and row[3] <= now - POISON_AFTER]
            conn.executemany("UPDATE inbox SET done_at = ? WHERE update_id = ?", [(now, i) for i in given_up])
            kept = [
                Unfinished(int(row[0]), str(row[1]), int(row[2]), float(row[3]))
                for row in rows
                if int(row[0]) not in given_up
            ]
            return kept, given_up

        return await self._db.run(work)

    async def prune(self, now: float | None = None, retention: float = RETENTION) -> int:
        """Forget the updates handled more than ``retention`` seconds ago; returns how many."""
        now = time.time() if now is None else now
        return await self._db.run(
            lambda conn: (
                conn.execute("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?", (now - retention,)).rowcount
            )
        )

    async def unfinished_count(self) -> int:
        rows = await self._db.conn.execute_fetchall("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL")
        return int(next(iter(rows))[0])
