"""The chat side of a job, as the runner sees it (no Telegram types here)."""

from __future__ import annotations

from typing import Protocol

from bot import imaging
from bot.jobs.types import Failure, JobResult, QueueInfo, Stage
from storage.jobs import Job
from storage.requests import PhotoRequest


class ChatPort(Protocol):
    """What the runner needs from the chat: implemented with python-telegram-bot in ``handlers``."""

    async def download(self, request: PhotoRequest, rules: imaging.ImageRules) -> bytes: ...

    async def progress(self, job: Job, stage: Stage, queue: QueueInfo | None = None) -> None:
        """Show ``stage``; ``queue`` (with ``Stage.QUEUED`` only) says the job's place in line and its wait.
        Called again while the job waits, each time its place or estimate changed."""
        ...

    async def deliver(self, job: Job, result: JobResult) -> None:
        """One attempt to deliver: stop the status updates, send the result (as a photo, then as a document if
        Telegram refuses the photo) and return as soon as Telegram accepted it, with nothing else done (the
        runner records the delivery next). Raises ``ChatMoved``, ``ChatUnreachable``, ``ResultRefused`` or
        ``DeliveryDelayed``; the runner decides what follows."""
        ...

    async def remove_status(self, job: Job) -> bool:
        """Delete the job's status message (``job.status_message_id``), if any. Never raises. False when it
        could not be removed for now (Telegram kept failing): the runner keeps its id for the next start."""
        ...

    async def fail(self, job: Job, failure: Failure) -> None:
        """Tell the person how the job ended (turning its status message into the notice). May raise
        ``ChatMoved``; a closed chat is not an error (nobody to tell)."""
        ...
