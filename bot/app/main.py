"""Entry point: ``faceshift`` or ``python -m bot`` (the command line is in :mod:`bot.app.cli`)."""

from __future__ import annotations

from bot.app.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
