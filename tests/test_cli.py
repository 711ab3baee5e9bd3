"""The command line: --help and --version start nothing, ``backup`` reads the bot's settings, never overwrites a
file and never takes a flag for a path. (The tests run in a fresh temporary directory, no setting set.)"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.app.startup import version
from storage import Database
from storage.users import UsersRepository


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    return int(ended.value.code or 0)


async def make_database(path: Path) -> None:
    db = await Database.open(path)
    try:
        await UsersRepository(db).record_seen(7, username="ann", first_name="Ann", language_code="en")
    finally:
        await db.close()


def test_help_starts_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help") == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: faceshift")
    for command in ("run", "check", "backup"):
        assert command in out
    assert list(tmp_path.iterdir()) == []  # no database, no data folder: nothing started


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--version") == 0
    assert capsys.readouterr().out.strip() == f"faceshift {version()}"


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("serve") == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_real_entry_points(tmp_path: Path) -> None:
    """``python -m bot --help`` / ``--version`` in a directory with no .env: no configuration error, no bot."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    for args, expected in ((["--help"], "usage: faceshift"), (["--version"], "faceshift ")):
        result = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(expected) and result.stderr == ""
    assert list(tmp_path.iterdir()) == []


async def test_backup_reads_the_database_path_from_dotenv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await make_database(tmp_path / "var" / "bot.sqlite3")
    (tmp_path / ".env").write_text("DATABASE_PATH=var/bot.sqlite3\nTELEGRAM_BOT_TOKEN=\n", encoding="utf-8")
    assert run("backup", "copy.sqlite3") == 0  # no bot token needed
    assert "backed up var/bot.sqlite3 to copy.sqlite3" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("SELECT first_name FROM users WHERE id = 7").fetchone() == ("Ann",)
    assert stat.S_IMODE((tmp_path / "copy.sqlite3").stat().st_mode) == 0o600  # people's names: owner only


async def test_backup_without_a_path_goes_beside_the_database(tmp_path: Path) -> None:
    await make_database(tmp_path / "data" / "faceshift.sqlite3")
    assert run("backup") == 0
    [made] = (tmp_path / "data" / "backups").iterdir()
    assert made.name.startswith("faceshift-") and made.suffix == ".sqlite3"


async def test_backup_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await make_database(tmp_path / "data" / "faceshift.sqlite3")
    (tmp_path / "precious").write_text("keep me")
    assert run("backup", "precious") == 2
    err = capsys.readouterr().err.strip()
    assert err == "faceshift: precious already exists (PATH): choose another name: a backup never overwrites a file"
    assert (tmp_path / "precious").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "precious"]  # no partial copy left behind


async def test_backup_never_takes_a_flag_for_a_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await make_database(tmp_path / "data" / "faceshift.sqlite3")
    assert run("backup", "--help") == 0
    assert "usage: faceshift backup" in capsys.readouterr().out
    assert run("backup", "-x") == 2
    assert run("backup", "--output", "x") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no file named --help or -x
    assert run("backup", "--", "-odd-name.sqlite3") == 0  # a name starting with '-' goes after '--'
    assert (tmp_path / "-odd-name.sqlite3").is_file()


def test_backup_without_a_database_says_which_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("backup", "copy.sqlite3") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("faceshift: no database at data/faceshift.sqlite3 (DATABASE_PATH): ")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_check_with_invalid_settings_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check") == 2
    assert capsys.readouterr().err.startswith("faceshift: configuration error (TELEGRAM_BOT_TOKEN): ")
