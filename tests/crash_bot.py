"""``python -m tests.crash_bot``: the bot, killed with SIGKILL the first time a job reaches the crash point named
in ``FACESHIFT_CRASH_AT`` (one of ``bot.jobs.crash_points.POINTS``), exactly as a crash or an OOM kill there
would stop it. Only tests start the bot this way; ``python -m bot`` never acts on the points."""

from __future__ import annotations

import os
import signal

from bot.app.main import main
from bot.jobs import crash_points


def install(point: str) -> None:
    if point not in crash_points.POINTS:
        raise SystemExit(f"unknown crash point {point!r}; expected one of {', '.join(crash_points.POINTS)}")

    def reached(name: str) -> None:
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    crash_points.reached = reached


if __name__ == "__main__":
    install(os.environ.get("FACESHIFT_CRASH_AT", ""))
    main()
