"""Back up the database while the bot runs, with SQLite's online backup API (a consistent snapshot; a plain
file copy of a live WAL database can be torn). The command is ``faceshift backup [PATH]`` (bot/app/cli.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path


def backup(source: Path, destination: Path) -> None:
    """Copy the database at ``source`` to ``destination``, which must not exist (``FileExistsError``).

    The copy is written next to ``destination`` under a temporary name and linked into place only when
    complete, so ``destination`` is either absent or a whole backup, never overwritten. It is readable by
    this user only: it holds people's ids and names.
    """
    if destination.exists():
        raise FileExistsError(errno.EEXIST, "already exists", str(destination))
    if not source.is_file():
        raise FileNotFoundError(errno.ENOENT, "no database there", str(source))
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)
        uri = f"{source.resolve().as_uri()}?mode=ro"
        with (
            contextlib.closing(sqlite3.connect(uri, uri=True)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
        try:
            os.link(partial, destination)  # fails if the name appeared meanwhile: never overwrites
        except FileExistsError:
            raise
        except OSError:  # a filesystem without hard links
            if destination.exists():
                raise FileExistsError(errno.EEXIST, "already exists", str(destination)) from None
            partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
