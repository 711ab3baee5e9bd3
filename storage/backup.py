"""Back up the database while the bot runs, with SQLite's online backup API (a consistent snapshot; a plain
file copy of a live WAL database can be torn). Usage: ``faceshift-backup <destination.sqlite3>``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path


def backup(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)


def main() -> None:
    if len(sys.argv) != 2:
        print("usage: faceshift-backup <destination.sqlite3>  (source: DATABASE_PATH)", file=sys.stderr)
        raise SystemExit(2)
    source = Path(os.environ.get("DATABASE_PATH", "data/faceshift.sqlite3"))
    if not source.exists():
        print(f"faceshift-backup: no database at {source} (set DATABASE_PATH)", file=sys.stderr)
        raise SystemExit(1)
    backup(source, Path(sys.argv[1]))
    print(f"backed up {source} to {sys.argv[1]}")


if __name__ == "__main__":
    main()
