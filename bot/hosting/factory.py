"""Picks the photo host that ``settings.hosting`` names."""

from __future__ import annotations

import logging
import time

from bot.hosting.acedata import AceUploadPhotoHost, Uploader
from bot.hosting.builtin import BuiltinPhotoHost, Clock
from bot.providers.photo_host import PhotoHost
from bot.settings import HostingKind, Settings

log = logging.getLogger(__name__)


def create_photo_host(
    settings: Settings, *, ace_upload: Uploader | None = None, clock: Clock = time.time
) -> PhotoHost | None:
    """The configured host, or None when no hosting is configured (URL-based vendors are then unusable).

    ``ace_upload`` is the Ace client's ``upload`` method, needed only for ``HOSTING=acedata``.
    Builds the S3 client and creates ``media_dir`` here, so call it once at start-up.
    """
    kind = settings.hosting
    if kind is None:
        return None
    if kind is HostingKind.BUILTIN:
        if not settings.public_url:
            raise ValueError("HOSTING=builtin needs PUBLIC_URL (the address vendors can reach)")
        if not settings.public_url.startswith("https://"):
            log.warning("PUBLIC_URL is not https: Ace documents https image URLs")
        return BuiltinPhotoHost(settings.media_dir, settings.public_url, settings.media_ttl, clock=clock)
    if kind is HostingKind.S3:
        from bot.hosting.s3 import S3PhotoHost

        return S3PhotoHost.from_settings(settings, clock=clock)
    if kind is HostingKind.ACEDATA:
        if ace_upload is None:
            raise ValueError("HOSTING=acedata needs the Ace client (ACEDATA_API_TOKEN)")
        log.warning(
            "photos go to Ace's file storage, where each stays public for 7 days; "
            "set PUBLIC_URL or S3_BUCKET to host them yourself"
        )
        return AceUploadPhotoHost(ace_upload)
    raise ValueError(f"unknown hosting kind {kind!r}")
