"""Hosting through Ace's own upload endpoint: a thin wrapper around the client's ``upload``."""

from __future__ import annotations

import pytest

from bot.hosting import AceUploadPhotoHost
from bot.providers.errors import ErrorCategory, ProviderError


class FakeUpload:
    def __init__(self) -> None:
        self.calls: list[tuple[bytes, str, str]] = []

    async def __call__(self, data: bytes, content_type: str, filename: str) -> tuple[str, float]:
        self.calls.append((data, content_type, filename))
        return "https://platform.cdn.acedata.cloud/files/abc.jpg", 1_900_000_000.0


async def test_publish_uploads_and_returns_the_vendor_url() -> None:
    upload = FakeUpload()
    host = AceUploadPhotoHost(upload)
    photo = await host.publish(b"jpeg-bytes", "image/jpeg", job_id="job-42")

    assert photo.url == "https://platform.cdn.acedata.cloud/files/abc.jpg"
    assert photo.key == photo.url
    assert photo.expires_at == 1_900_000_000.0
    [(data, content_type, filename)] = upload.calls
    assert (data, content_type) == (b"jpeg-bytes", "image/jpeg")
    assert filename.endswith(".jpg")
    assert "job-42" not in filename  # nothing about the job goes to the vendor


async def test_filenames_follow_the_type_and_differ() -> None:
    upload = FakeUpload()
    host = AceUploadPhotoHost(upload)
    await host.publish(b"a", "image/png", job_id="j")
    await host.publish(b"a", "image/png", job_id="j")
    names = [call[2] for call in upload.calls]
    assert all(name.endswith(".png") for name in names)
    assert names[0] != names[1]


async def test_remove_is_a_no_op() -> None:
    upload = FakeUpload()
    host = AceUploadPhotoHost(upload)
    photo = await host.publish(b"a", "image/jpeg", job_id="j")
    await host.remove(photo)
    await host.remove(photo)
    assert len(upload.calls) == 1


async def test_upload_errors_pass_through() -> None:
    async def failing(data: bytes, content_type: str, filename: str) -> tuple[str, float]:
        raise ProviderError("acedata", ErrorCategory.OPERATOR, code="used_up", status=403)

    with pytest.raises(ProviderError) as caught:
        await AceUploadPhotoHost(failing).publish(b"a", "image/jpeg", job_id="j")
    assert caught.value.code == "used_up"
