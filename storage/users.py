"""People the bot has met."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    username: str | None
    first_name: str
    language_code: str | None  # the Telegram app's
    first_seen: float
    last_seen: float
    language: str | None = None  # chosen with /language


class UsersRepository:
    """People, written on every update they send. A person whose details did not change is rewritten at most
    every ``REFRESH`` seconds (``last_seen`` is that coarse), so a busy chat costs no write per message."""

    REFRESH = 300.0

    def __init__(self, db: Database) -> None:
        self._db = db
        self._written: dict[int, tuple[tuple[str | None, str, str | None], float]] = {}

    async def record_seen(
        self,
        user_id: int,
        *,
        username: str | None,
        first_name: str,
        language_code: str | None,
        now: float | None = None,
    ) -> None:
        """Insert the person, or refresh their name, language and last-seen time."""
        now = time.time() if now is None else now
        details = (username.lower() if username else None, first_name, language_code)
        last = self._written.get(user_id)
        if last is not None and last[0] == details and now - last[1] < self.REFRESH:
            return
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO users (id, username, first_name, language_code, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    username = excluded.username, first_name = excluded.first_name,
                    language_code = excluded.language_code, last_seen = excluded.last_seen
                """,
                (user_id, details[0], first_name, language_code, now, now),
            )
        if len(self._written) > 100_000:  # a bound, not an LRU: forgetting only costs a write
            self._written.clear()
        self._written[user_id] = (details, now)

    async def set_language(self, user_id: int, language: str | None, *, now: float | None = None) -> None:
        """The language the person chose (None: back to their Telegram app's)."""
        now = time.time() if now is None else now
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO users (id, language, first_seen, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET language = excluded.language
                """,
                (user_id, language, now, now),
            )

    async def languages(self) -> dict[int, str]:
        """Everyone who chose a language: user id -> language."""
        async with self._db.conn.execute("SELECT id, language FROM users WHERE language IS NOT NULL") as cursor:
            return {int(row["id"]): str(row["language"]) for row in await cursor.fetchall()}

    async def get(self, user_id: int) -> UserRecord | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM users WHERE id = ?", (user_id,))  # one hop
        return next((_user(row) for row in rows), None)

    async def find_by_username(self, username: str) -> UserRecord | None:
        name = username.removeprefix("@").lower()
        async with self._db.conn.execute(
            "SELECT * FROM users WHERE username = ? ORDER BY last_seen DESC LIMIT 1", (name,)
        ) as cursor:
            row = await cursor.fetchone()
        return _user(row) if row else None


def _user(row: sqlite3.Row) -> UserRecord:
    return UserRecord(
        id=row["id"],
        username=row["username"],
        first_name=row["first_name"],
        language_code=row["language_code"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        language=row["language"],
    )
