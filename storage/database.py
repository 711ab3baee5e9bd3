"""The SQLite connection: WAL, foreign keys, a busy timeout, versioned migrations, serialised writes.

aiosqlite runs one connection on one worker thread. Coroutines share it, so a transaction must not interleave
with another coroutine's statements: every write goes through :meth:`Database.transaction`, which holds an
``asyncio.Lock`` for its duration and opens the transaction with ``BEGIN IMMEDIATE`` (the write lock is taken
up front, so a second process fails fast on the busy timeout instead of deadlocking on upgrade).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

log = logging.getLogger(__name__)

T = TypeVar("T")

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT_MS = 5000


def migration_scripts() -> list[tuple[int, str, str]]:
    """The numbered SQL files shipped in ``storage/migrations``, in order: (version, name, sql)."""
    scripts = []
    for entry in resources.files("storage").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            scripts.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    scripts.sort()
    versions = [version for version, _, _ in scripts]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps; found {versions}")
    return scripts


class Database:
    """One open SQLite database. Create with :meth:`open`, close with :meth:`close`."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Database:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)  # autocommit; transactions are explicit
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db = cls(conn, path)
            await db.migrate()
        except BaseException:
            await conn.close()  # not left with its worker thread (sqlite opens the file at the first statement)
            raise
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply every migration newer than the database's ``user_version``, each in its own transaction."""
        current = await self.schema_version()
        for version, name, sql in migration_scripts():
            if version <= current:
                continue
            async with self.transaction() as conn:
                for statement in _split_sql(sql):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version={version}")
            log.info("database migrated to version %d (%s)", version, name)
            current = version
        return current

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error), serialised with every other write."""
        async with self._write_lock:
            # aiosqlite runs statements in order on its thread, even when the awaiting task is cancelled. So a
            # BEGIN interrupted by a cancellation still runs, and the ROLLBACK queued after it closes it: the
            # connection is never left inside a transaction for the next writer.
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield self.conn
            except BaseException:
                with contextlib.suppress(sqlite3.OperationalError):  # "no transaction is active"
                    await asyncio.shield(self.conn.execute("ROLLBACK"))
                raise
            await asyncio.shield(self.conn.execute("COMMIT"))

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work(conn)`` as one ``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` if it raises) on the
        connection's own thread, serialised with every other write.

        ``work`` is plain synchronous sqlite3 code: it cannot await, so nothing interleaves with it, and the
        whole transaction costs one hop to aiosqlite's thread instead of one per statement. That hop, not
        SQLite, is what a transaction mostly costs here (20 to 100 us each on the reference VM), so the
        quota's hot path (a job's reservation and its settlement) is written this way: see
        ``bench/bench_quota.py``. Once queued, ``work`` completes even if the caller is cancelled meanwhile
        (the thread runs its queue in order, so a later transaction still starts after it).
        """
        async with self._write_lock:
            # aiosqlite has no public "run this on your thread"; _execute is the queue every call goes through.
            execute = cast(Any, self.conn)._execute
            return cast(T, await execute(_atomically, self.conn._conn, work))

    async def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work(conn)`` on the connection's thread inside one read transaction: every query in it sees
        the same snapshot, and the whole read costs one hop to the thread. For reports. It waits for this
        connection's transactions (a read cannot begin inside one); on a connection of its own, which nothing
        writes through, it waits for nobody, and WAL lets it read while other connections write."""
        async with self._write_lock:
            execute = cast(Any, self.conn)._execute
            return cast(T, await execute(_snapshot, self.conn._conn, work))

    async def ping(self) -> bool:
        async with self.conn.execute("SELECT 1") as cursor:
            return await cursor.fetchone() is not None

    async def open_reader(self) -> Reader:
        """A read-only connection of its own (its own thread), for reads that must not wait behind the writes
        queued on this one: in WAL mode a reader never waits for a writer, in this process or another."""
        if str(self.path) == ":memory:":  # a second connection would see another database
            return Reader(self.conn, owned=False)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA query_only=ON")
        await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return Reader(conn, owned=True)


class Reader:
    """A read-only connection (see :meth:`Database.open_reader`). Each read is one statement, so it sees one
    committed state of the database."""

    def __init__(self, conn: aiosqlite.Connection, *, owned: bool) -> None:
        self._conn = conn
        self._owned = owned

    async def fetch_one(self, sql: str, args: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Row | None:
        async with self._conn.execute(sql, args) as cursor:
            return await cursor.fetchone()

    async def close(self) -> None:
        if self._owned:
            await self._conn.close()


def _atomically(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work(conn)
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL, SQLITE_IOERR...)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def _snapshot(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    conn.execute("BEGIN DEFERRED")
    try:
        return work(conn)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written: ending the read is all this does


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file (``executescript`` would commit our transaction, so we split)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]
