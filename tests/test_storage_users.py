from __future__ import annotations

import asyncio
from pathlib import Path

from storage import Database
from storage.users import UsersRepository


async def test_unchanged_people_are_rewritten_only_after_the_refresh_period(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        users = UsersRepository(db)
        await users.record_seen(1, username="Ann", first_name="Ann", language_code="en", now=1000.0)
        await users.record_seen(1, username="Ann", first_name="Ann", language_code="en", now=1010.0)
        first = await users.get(1)
        assert first is not None and first.last_seen == 1000.0  # skipped: nothing changed
        await users.record_seen(1, username="Ann", first_name="Anna", language_code="en", now=1020.0)
        renamed = await users.get(1)
        assert renamed is not None and (renamed.first_name, renamed.last_seen) == ("Anna", 1020.0)
        await users.record_seen(1, username="Ann", first_name="Anna", language_code="en", now=1020.0 + 301)
        later = await users.get(1)
        assert later is not None and later.last_seen == 1321.0 and later.first_seen == 1000.0
    finally:
        await db.close()


async def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    version = await db.schema_version()
    await db.close()
    again = await Database.open(tmp_path / "db.sqlite3")  # re-opening applies nothing twice
    try:
        assert await again.schema_version() == version >= 2
        async with again.conn.execute("PRAGMA journal_mode") as cursor:
            row = await cursor.fetchone()
            assert row is not None and row[0] == "wal"
        async with again.conn.execute("PRAGMA foreign_keys") as cursor:
            row = await cursor.fetchone()
            assert row is not None and row[0] == 1
    finally:
        await again.close()


async def test_a_transaction_cancelled_at_its_begin_leaves_the_connection_usable(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    users = UsersRepository(db)
    try:
        for _ in range(20):  # cancel at different points of the first hops
            task = asyncio.create_task(users.record_seen(5, username="x", first_name="X", language_code=None, now=0.0))
            await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            users._written.clear()
        await users.record_seen(6, username="y", first_name="Y", language_code=None)  # not "within a transaction"
        assert await users.get(6) is not None
        assert not db.conn.in_transaction
    finally:
        await db.close()
