"""Short-lived, unguessable URLs for photos, for vendors that only take images by URL (Ace Data Cloud).

Three backends implement :class:`bot.providers.photo_host.PhotoHost`:

- ``builtin``: files in ``media_dir``, served by the bot's web server (:mod:`bot.web.server`) at ``/media/{token}``;
- ``s3``: an S3-compatible bucket with presigned GET URLs;
- ``acedata``: the vendor's own upload endpoint (public for 7 days, cannot be removed: the last resort).

The first two keep a photo only until the job removes it, and :func:`run_sweeper` deletes whatever a crash
or a failed removal left behind.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol, runtime_checkable

from bot.hosting.acedata import AceUploadPhotoHost, Uploader
from bot.hosting.builtin import BuiltinPhotoHost
from bot.hosting.factory import create_photo_host

# bot.hosting.s3 (and boto3, ~25 MB and ~0.1 s to import) is loaded only when HOSTING=s3.
__all__ = [
    "AceUploadPhotoHost",
    "BuiltinPhotoHost",
    "Sweepable",
    "Uploader",
    "create_photo_host",
    "run_sweeper",
]

log = logging.getLogger(__name__)


@runtime_checkable
class Sweepable(Protocol):
    async def sweep(self) -> int:
        """Delete expired photos; returns how many went."""
        ...


async def run_sweeper(host: Sweepable, interval: float = 60.0) -> None:
    """Sweep now (whatever a crash left behind), then every ``interval`` seconds, until cancelled. Hosted
    photos (the hosts) and kept results (:meth:`bot.jobs.runner.JobRunner.sweep`) go this way.

    Meant to run as an asyncio task: ``task = asyncio.create_task(run_sweeper(host))`` at start-up and
    ``task.cancel()`` at shutdown. A failed sweep is logged and the next one runs on schedule.
    """
    if interval <= 0:
        raise ValueError("interval must be positive")
    while True:
        try:
            await host.sweep()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("sweep failed (%s)", type(host).__name__)
        await asyncio.sleep(interval)
