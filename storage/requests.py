"""Photos people asked about (the menu's state) and face swaps waiting for their second photo."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass

from storage.database import Database

ENDED_KEPT = 24 * 3600.0
"""Seconds an ended face-swap wait is remembered (as long as the inbox remembers updates): the update that opened it,
handled again after a crash, must not open it again."""


@dataclass(frozen=True, slots=True)
class PhotoSize:
    file_id: str
    width: int
    height: int
    file_size: int


@dataclass(frozen=True, slots=True)
class PhotoRequest:
    id: str
    chat_id: int
    thread_id: int | None
    user_id: int
    message_id: int
    sizes: tuple[PhotoSize, ...]  # smallest first
    created_at: float
    media_group_id: str | None = None
    command: str | None = None
    moved_from_chat_id: int | None = None  # the group this photo was posted in, before it became a supergroup
    menu_message_id: int | None = None  # the message that carries the request's menu (its buttons count there)


@dataclass(frozen=True, slots=True)
class Pairing:
    request_id: str
    chat_id: int
    user_id: int
    prompt_message_id: int | None
    expires_at: float
    opened_by: int | None = None  # the update that opened the wait
    face_message_id: int | None = None  # the face photo that claimed it


def new_id() -> str:
    """A short random id for callback data (8 url-safe characters, 48 bits)."""
    return secrets.token_urlsafe(6)


class RequestsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        *,
        chat_id: int,
        thread_id: int | None,
        user_id: int,
        message_id: int,
        sizes: list[PhotoSize],
        media_group_id: str | None = None,
        command: str | None = None,
    ) -> PhotoRequest:
        """Store the photo; the same photo asked about by the same person is returned as it was stored."""
        existing = await self.find_by_message(chat_id, message_id, user_id)
        if existing is not None:
            return existing
        request = PhotoRequest(
            id=new_id(),
            chat_id=chat_id,
            thread_id=thread_id,
            user_id=user_id,
            message_id=message_id,
            sizes=tuple(sorted(sizes, key=lambda s: (s.width * s.height, s.file_size))),
            created_at=time.time(),
            media_group_id=media_group_id,
            command=command,
        )
        payload = json.dumps([[s.file_id, s.width, s.height, s.file_size] for s in request.sizes])
        async with self._db.transaction() as conn:
            await conn.execute(
                """INSERT INTO requests (id, chat_id, thread_id, user_id, message_id, sizes, media_group_id, command,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    request.id,
                    chat_id,
                    thread_id,
                    user_id,
                    message_id,
                    payload,
                    media_group_id,
                    command,
                    request.created_at,
                ),
            )
        return request

    async def get(self, request_id: str) -> PhotoRequest | None:
        rows = await self._db.conn.execute_fetchall("SELECT * FROM requests WHERE id = ?", (request_id,))  # one hop
        return next((_request(row) for row in rows), None)

    async def find_by_message(self, chat_id: int, message_id: int, user_id: int) -> PhotoRequest | None:
        async with self._db.conn.execute(
            # A request moved from an upgraded group keeps the old chat's message id: it is not this message.
            """SELECT * FROM requests WHERE chat_id = ? AND message_id = ? AND user_id = ?
               AND moved_from_chat_id IS NULL""",
            (chat_id, message_id, user_id),
        ) as cursor:
            row = await cursor.fetchone()
        return _request(row) if row else None

    async def set_menu(self, request_id: str, message_id: int) -> None:
        """Record the message that carries the request's menu (after it was sent)."""
        await self._db.run(
            lambda conn: conn.execute("UPDATE requests SET menu_message_id = ? WHERE id = ?", (message_id, request_id))
        )

    async def album(self, media_group_id: str) -> list[PhotoRequest]:
        """The photos of one album, in the order they were sent."""
        async with self._db.conn.execute(
            "SELECT * FROM requests WHERE media_group_id = ? ORDER BY message_id", (media_group_id,)
        ) as cursor:
            return [_request(row) for row in await cursor.fetchall()]

    async def album_handled(self, media_group_id: str) -> bool:
        rows = await self._db.conn.execute_fetchall(
            "SELECT 1 FROM requests WHERE media_group_id = ? AND album_handled_at IS NOT NULL LIMIT 1",
            (media_group_id,),
        )
        return bool(rows)

    async def mark_album_handled(self, media_group_id: str, now: float | None = None) -> bool:
        """Mark the album handled; False when it already was (by an earlier run, or another timer)."""
        now = time.time() if now is None else now
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE requests SET album_handled_at = ? WHERE media_group_id = ? AND album_handled_at IS NULL",
                (now, media_group_id),
            )
            return cursor.rowcount > 0

    async def unhandled_albums(self, since: float) -> list[str]:
        """Albums received after ``since`` that were never acted on (a crash while they were collected)."""
        rows = await self._db.conn.execute_fetchall(
            """SELECT DISTINCT media_group_id FROM requests
               WHERE media_group_id IS NOT NULL AND album_handled_at IS NULL AND created_at > ?""",
            (since,),
        )
        return [str(row[0]) for row in rows]

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """A group became a supergroup (Telegram's ``migrate_to_chat_id``): every stored chat id of the old
        chat (requests, jobs, face-swap waits) becomes the new one, in one transaction, so later sends and
        restarts go to the new chat. Returns how many requests moved. Doing it twice changes nothing."""

        def work(conn: sqlite3.Connection) -> int:
            moved = conn.execute(
                """UPDATE requests SET chat_id = ?, moved_from_chat_id = COALESCE(moved_from_chat_id, ?)
                   WHERE chat_id = ?""",
                (new_chat_id, old_chat_id, old_chat_id),
            ).rowcount
            # A status message stays in the old chat, where the bot can no longer edit or delete anything.
            conn.execute(
                "UPDATE jobs SET chat_id = ?, status_message_id = NULL WHERE chat_id = ?", (new_chat_id, old_chat_id)
            )
            conn.execute("UPDATE pairings SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id))
            return moved

        return await self._db.run(work)

    # Face swap pairings -------------------------------------------------------------------------------

    async def open_pairing(
        self,
        request_id: str,
        *,
        chat_id: int,
        user_id: int,
        ttl: float,
        opened_by: int | None = None,
        now: float | None = None,
    ) -> Pairing | None:
        """Wait for the face photo for ``request_id``; replaces any earlier wait of this person in this chat.

        Returns None when this very wait is already open (a double press of Swap faces): one prompt, not two.
        The update that opened it (``opened_by``), handled again after a crash before its prompt was recorded,
        gets the open wait back, to send the prompt the crash may have kept from being sent.
        """
        now = time.time() if now is None else now
        pairing = Pairing(request_id, chat_id, user_id, None, now + ttl, opened_by)
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM pairings WHERE request_id = ? AND user_id = ? AND expires_at > ?",
                (request_id, user_id, now),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None:
                existing = _pairing(row)
                again = opened_by is not None and existing.opened_by == opened_by
                return existing if again and existing.prompt_message_id is None else None
            if opened_by is not None:
                async with conn.execute(
                    "SELECT 1 FROM pairings WHERE request_id = ? AND opened_by = ? AND expires_at < 0",
                    (request_id, opened_by),
                ) as cursor:
                    if await cursor.fetchone() is not None:
                        return None  # this update opened the wait and it has ended since (handled again after a crash)
            await conn.execute("DELETE FROM pairings WHERE chat_id = ? AND user_id = ?", (chat_id, user_id))
            await conn.execute(
                """INSERT OR REPLACE INTO pairings (request_id, chat_id, user_id, expires_at, opened_by)
                   VALUES (?, ?, ?, ?, ?)""",
                (request_id, chat_id, user_id, pairing.expires_at, opened_by),
            )
        return pairing

    async def claim_pairing(self, request_id: str, face_message_id: int) -> bool:
        """The face photo ``face_message_id`` takes the wait (before its job opens); True again for the same
        photo (handled again after a crash), False once another photo took it or the wait ended."""
        return await self._db.run(
            lambda conn: (
                conn.execute(
                    """UPDATE pairings SET face_message_id = ?
                   WHERE request_id = ? AND expires_at > 0 AND (face_message_id IS NULL OR face_message_id = ?)""",
                    (face_message_id, request_id, face_message_id),
                ).rowcount
                > 0
            )
        )

    async def set_pairing_prompt(self, request_id: str, prompt_message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE pairings SET prompt_message_id = ? WHERE request_id = ?", (prompt_message_id, request_id)
            )

    async def pending_pairing(self, chat_id: int, user_id: int, now: float | None = None) -> Pairing | None:
        now = time.time() if now is None else now
        async with self._db.conn.execute(
            "SELECT * FROM pairings WHERE chat_id = ? AND user_id = ? AND expires_at > ?", (chat_id, user_id, now)
        ) as cursor:
            row = await cursor.fetchone()
        return _pairing(row) if row else None

    async def get_pairing(self, request_id: str) -> Pairing | None:
        """The wait for ``request_id``'s face photo, unless it ended."""
        async with self._db.conn.execute(
            "SELECT * FROM pairings WHERE request_id = ? AND expires_at > 0", (request_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _pairing(row) if row else None

    async def close_pairing(self, request_id: str, now: float | None = None) -> bool:
        """End the wait (completed or cancelled); False when it had already ended. The row stays, marked ended
        (``expires_at`` = minus the time it ended), so that the update that opened it, handled again after a crash,
        does not open it again; :meth:`expired_pairings` forgets it after :data:`ENDED_KEPT` seconds."""
        now = time.time() if now is None else now
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE pairings SET expires_at = ? WHERE request_id = ? AND expires_at > 0", (-now, request_id)
            )
            return cursor.rowcount > 0

    async def expired_pairings(self, now: float | None = None) -> list[Pairing]:
        """Remove and return the waits that ran out."""
        now = time.time() if now is None else now
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM pairings WHERE expires_at > 0 AND expires_at <= ?", (now,)
            ) as cursor:
                rows = await cursor.fetchall()
            await conn.execute("DELETE FROM pairings WHERE expires_at > 0 AND expires_at <= ?", (now,))
            await conn.execute("DELETE FROM pairings WHERE expires_at < 0 AND -expires_at < ?", (now - ENDED_KEPT,))
        return [_pairing(row) for row in rows]


def _request(row: sqlite3.Row) -> PhotoRequest:
    sizes = tuple(PhotoSize(str(f), int(w), int(h), int(n)) for f, w, h, n in json.loads(row["sizes"]))
    return PhotoRequest(
        id=row["id"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        user_id=row["user_id"],
        message_id=row["message_id"],
        sizes=sizes,
        created_at=row["created_at"],
        media_group_id=row["media_group_id"],
        command=row["command"],
        moved_from_chat_id=row["moved_from_chat_id"],
        menu_message_id=row["menu_message_id"],
    )


def _pairing(row: sqlite3.Row) -> Pairing:
    return Pairing(
        request_id=row["request_id"],
        chat_id=row["chat_id"],
        user_id=row["user_id"],
        prompt_message_id=row["prompt_message_id"],
        expires_at=row["expires_at"],
        opened_by=row["opened_by"],
        face_message_id=row["face_message_id"],
    )
