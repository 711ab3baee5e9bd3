"""What the URL-based vendor (Ace Data Cloud) needs from photo hosting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class HostedPhoto:
    """A photo published at ``url`` until ``expires_at`` (Unix time); ``key`` identifies it for removal."""

    url: str
    key: str
    expires_at: float


class PhotoHost(Protocol):
    async def publish(self, data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        """Make ``data`` fetchable at an unguessable, short-lived URL."""
        ...

    async def remove(self, photo: HostedPhoto) -> None:
        """Take the photo down now (idempotent)."""
        ...
