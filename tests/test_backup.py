from __future__ import annotations

import sqlite3
from pathlib import Path

from storage import Database
from storage.backup import backup
from storage.users import UsersRepository


async def test_online_backup_while_the_database_is_open(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "live.sqlite3")
    try:
        await UsersRepository(db).record_seen(7, username="ann", first_name="Ann", language_code="en")
        backup(tmp_path / "live.sqlite3", tmp_path / "copy" / "backup.sqlite3")  # the bot still has it open
    finally:
        await db.close()
    with sqlite3.connect(tmp_path / "copy" / "backup.sqlite3") as copy:
        assert copy.execute("SELECT first_name FROM users WHERE id = 7").fetchone() == ("Ann",)
        assert copy.execute("PRAGMA user_version").fetchone()[0] >= 2


async def test_a_backup_never_replaces_a_file(tmp_path: Path) -> None:
    import pytest

    db = await Database.open(tmp_path / "live.sqlite3")
    await db.close()
    (tmp_path / "taken.sqlite3").write_bytes(b"an older backup")
    with pytest.raises(FileExistsError):
        backup(tmp_path / "live.sqlite3", tmp_path / "taken.sqlite3")
    assert (tmp_path / "taken.sqlite3").read_bytes() == b"an older backup"
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []
