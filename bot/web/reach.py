"""One-time reachability probes: does ``PUBLIC_URL`` lead to this bot's web server?

``faceshift check`` (another process, possibly in the same container as the running bot) writes a probe, a
random answer under a random token, into ``<MEDIA_DIR>/.reach/``, then fetches ``<PUBLIC_URL>/healthz/<token>``
from outside. The web server answers with the probe's content and deletes it, so a token works once, and
only a server reading the same directory (this bot's) can answer it. Probes older than a minute are
ignored and swept by the next probe. Tokens are 256-bit, shaped like the hosted photos' tokens; nothing else
touches the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from bot.hosting.builtin import is_token, new_token

PROBE_TTL = 60.0
REACH_DIR = ".reach"  # inside MEDIA_DIR; the photo sweeper leaves names that are not tokens alone


class ReachProbes:
    def __init__(self, media_dir: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.directory = Path(media_dir) / REACH_DIR
        self._clock = clock

    def issue(self) -> tuple[str, bytes]:
        """Write a new probe; returns (token, the answer the server must give). Blocking: call off the loop."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._sweep()
        token, answer = new_token(), secrets.token_hex(16).encode()
        fd = os.open(self.directory / token, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(answer)
        return token, answer

    def withdraw(self, token: str) -> None:
        """Delete a probe that was not taken (the check gave up)."""
        if is_token(token):
            with contextlib.suppress(OSError):
                (self.directory / token).unlink()

    async def take(self, token: str) -> bytes | None:
        """The probe's answer, once: the probe is deleted. None if unknown, malformed or expired."""
        if not is_token(token):
            return None
        return await asyncio.to_thread(self._take, token)

    def _take(self, token: str) -> bytes | None:
        path = self.directory / token
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as src:
            fresh = os.fstat(src.fileno()).st_mtime > self._clock() - PROBE_TTL
            answer = src.read(64)
        with contextlib.suppress(OSError):
            path.unlink()
        return answer if fresh else None

    def _sweep(self) -> None:
        cutoff = self._clock() - PROBE_TTL
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.directory):
                with contextlib.suppress(OSError):
                    if is_token(entry.name) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        Path(entry.path).unlink()
