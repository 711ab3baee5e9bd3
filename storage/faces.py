"""The faces found in each photo (as the detector's JSON, opaque here), and face questions awaiting an answer."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from storage.database import Database
from storage.requests import new_id


@dataclass(frozen=True, slots=True)
class FaceQuestion:
    """A picker or a "try anyway" shown for a job not started yet: what that job will be once answered."""

    id: str
    request_id: str
    face_request_id: str | None
    user_id: int
    operation: str
    params: dict[str, Any]
    key: str
    stage: str  # "target": the question is about the request's photo; "source": about a swap's face photo
    created_at: float


class FacesRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, request_id: str) -> str | None:
        """The faces stored for ``request_id`` (JSON), or None when nobody looked yet."""
        sql = "SELECT faces FROM request_faces WHERE request_id = ?"
        rows = await self._db.conn.execute_fetchall(sql, (request_id,))  # one hop to the thread, not three
        return next((str(row["faces"]) for row in rows), None)

    async def put(self, request_id: str, faces: str) -> None:
        """Keep the faces of ``request_id`` (the first writer wins: a photo is looked at once)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO request_faces (request_id, faces) VALUES (?, ?)", (request_id, faces)
            )

    async def ask(
        self,
        *,
        request_id: str,
        face_request_id: str | None,
        user_id: int,
        operation: str,
        params: dict[str, Any],
        key: str,
        stage: str,
    ) -> FaceQuestion:
        question = FaceQuestion(
            new_id(), request_id, face_request_id, user_id, operation, dict(params), key, stage, time.time()
        )
        async with self._db.transaction() as conn:
            await conn.execute(
                """INSERT INTO face_questions (id, request_id, face_request_id, user_id, operation, params, key,
                                               stage, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    question.id,
                    request_id,
                    face_request_id,
                    user_id,
                    operation,
                    json.dumps(params),
                    key,
                    stage,
                    question.created_at,
                ),
            )
        return question

    async def question(self, question_id: str) -> FaceQuestion | None:
        async with self._db.conn.execute("SELECT * FROM face_questions WHERE id = ?", (question_id,)) as cur:
            row = await cur.fetchone()
        return _question(row) if row else None


def _question(row: sqlite3.Row) -> FaceQuestion:
    return FaceQuestion(
        id=row["id"],
        request_id=row["request_id"],
        face_request_id=row["face_request_id"],
        user_id=int(row["user_id"]),
        operation=row["operation"],
        params=json.loads(row["params"]),
        key=row["key"],
        stage=row["stage"],
        created_at=float(row["created_at"]),
    )
