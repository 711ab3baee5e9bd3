"""Photos hosted by Ace Data Cloud itself, through its file upload endpoint.

The fallback for operators with neither a public URL nor a bucket. Its cost is privacy: the vendor keeps
every uploaded photo at a public URL for 7 days and offers no way to delete it, so :meth:`remove` can do
nothing. Prefer the builtin or S3 hosting wherever one is available (the README says so too).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable

from bot.hosting.builtin import check_content_type
from bot.providers.photo_host import HostedPhoto

log = logging.getLogger(__name__)

Uploader = Callable[[bytes, str, str], Awaitable[tuple[str, float]]]
"""``(data, content_type, filename) -> (url, expires_at)``, e.g. ``AceDataClient.upload``."""

_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/bmp": ".bmp",
    "image/heic": ".heic",
    "image/heif": ".heif",
}


class AceUploadPhotoHost:
    """Uploads each photo with the Ace client's ``upload``; the vendor's public copy lives 7 days.

    ``remove`` is a no-op because the vendor documents no deletion: the copy stays public until it expires.
    Errors from ``upload`` (the client's ``ProviderError``) pass through unchanged.
    """

    def __init__(self, upload: Uploader) -> None:
        self._upload = upload

    async def publish(self, data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        content_type = check_content_type(content_type)
        # A random name: the job id or the person's file name would only tell the vendor more.
        filename = secrets.token_hex(8) + _EXTENSIONS.get(content_type, ".bin")
        url, expires_at = await self._upload(data, content_type, filename)
        log.info("uploaded photo for job %s to Ace's file storage (public for about 7 days)", job_id)
        return HostedPhoto(url=url, key=url, expires_at=expires_at)

    async def remove(self, photo: HostedPhoto) -> None:
        """Nothing to do: Ace offers no delete, its copy expires by itself after 7 days."""
