"""Groups' own settings: the language their admins chose."""

from __future__ import annotations

import time

from storage.database import Database


class ChatsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def set_language(
        self, chat_id: int, language: str | None, *, by: int | None, now: float | None = None
    ) -> None:
        """The group's language (None: none of its own, each person is answered in theirs)."""
        now = time.time() if now is None else now
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO chats (id, language, changed_by, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    language = excluded.language, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """,
                (chat_id, language, by, now),
            )

    async def languages(self) -> dict[int, str]:
        """Every group that has a language of its own: chat id -> language."""
        async with self._db.conn.execute("SELECT id, language FROM chats WHERE language IS NOT NULL") as cursor:
            return {int(row["id"]): str(row["language"]) for row in await cursor.fetchall()}

    async def move(self, old_id: int, new_id: int) -> None:
        """A group upgraded to a supergroup gets a new id: its settings follow it (unless it has some already)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO chats (id, language, changed_by, changed_at)"
                " SELECT ?, language, changed_by, changed_at FROM chats WHERE id = ?",
                (new_id, old_id),
            )
            await conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))
