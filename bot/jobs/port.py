"""The chat side of a job, as the runner sees it (no Telegram types here)."""

from __future__ import annotations

from typing import Protocol

from bot import imaging
from bot.jobs.types import Failure, JobResult, Stage
from storage.jobs import Job
from storage.requests import PhotoRequest


class ChatPort(Protocol):
    """What the runner needs from the chat: implemented with python-telegram-bot in ``handlers``."""

    async def download(self, request: PhotoRequest, rules: imaging.ImageRules) -> bytes: ...
    async def progress(self, job: Job, stage: Stage) -> None: ...
    async def deliver(self, job: Job, result: JobResult) -> None: ...
    async def fail(self, job: Job, failure: Failure) -> None: ...
