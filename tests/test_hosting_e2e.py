"""End to end: a fake Ace fetches the hosted photo over real HTTP, and after ``remove`` it is gone.

Uses ``tests/fakes/vendors.py`` (``FakeAce``); skipped while that module does not exist.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from bot.hosting import BuiltinPhotoHost
from bot.hosting.s3 import S3PhotoHost
from bot.providers.photo_host import HostedPhoto, PhotoHost
from bot.web.server import WebServer, create_web_app
from tests.support.s3 import exists

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

vendors = pytest.importorskip("tests.fakes.vendors", reason="tests/fakes/vendors.py is not written yet")
FakeAce: Any = vendors.FakeAce

DATA = Path(__file__).parent / "data" / "astronaut-256.jpg"
ACE_TOKEN = "ace-test-token"


async def change_age(ace: Any, http: httpx.AsyncClient, photo: HostedPhoto) -> httpx.Response:
    """What the Ace client sends: the photo by URL."""
    return await http.post(
        f"{ace.base_url}/face/change-age",
        headers={"authorization": f"Bearer {ACE_TOKEN}"},
        json={"image_url": photo.url, "age_infos": [{"age": 60}]},
    )


async def round_trip(host: PhotoHost) -> tuple[HostedPhoto, httpx.Response, list[str]]:
    photo = await host.publish(DATA.read_bytes(), "image/jpeg", job_id="e2e")
    async with FakeAce.running() as ace, httpx.AsyncClient(timeout=10) as http:
        try:
            answer = await change_age(ace, http, photo)
            fetched = list(ace.fetched)
        finally:
            await host.remove(photo)
    return photo, answer, fetched


@pytest.fixture
async def builtin_host(tmp_path: Path) -> AsyncIterator[BuiltinPhotoHost]:
    host = BuiltinPhotoHost(tmp_path / "media", "http://placeholder", 600)
    server = WebServer(create_web_app(media=host), "127.0.0.1", 0)
    await server.start()
    host.public_url = f"http://127.0.0.1:{server.port}"  # the vendor reaches the bot's own server
    yield host
    await server.stop()


async def test_fake_ace_fetches_from_the_builtin_server(builtin_host: BuiltinPhotoHost) -> None:
    photo, answer, fetched = await round_trip(builtin_host)

    assert answer.status_code == 200, answer.text
    assert photo.url in fetched
    async with httpx.AsyncClient() as http:
        assert (await http.get(photo.url)).status_code == 404
    assert list(builtin_host.media_dir.iterdir()) == []

    # And the vendor, asked again with the removed photo, cannot fetch it any more.
    async with FakeAce.running() as ace, httpx.AsyncClient(timeout=10) as http:
        late = await change_age(ace, http, photo)
    assert late.status_code == 500
    assert late.json()["error"]["code"] == "api_error"


async def test_fake_ace_fetches_the_presigned_url(s3: S3Client) -> None:
    bucket = f"faceshift-e2e-{secrets.token_hex(4)}"
    s3.create_bucket(Bucket=bucket)
    seen_during_call: list[bool] = []

    class Watching(S3PhotoHost):
        """Records whether the object still existed when the job took it down."""

        async def remove(self, photo: HostedPhoto) -> None:
            seen_during_call.append(exists(s3, bucket, photo.key))
            await super().remove(photo)

    host = Watching(s3, bucket, ttl=600, clock=time.time)
    photo, answer, fetched = await round_trip(host)

    assert answer.status_code == 200, answer.text
    assert photo.url in fetched
    assert seen_during_call == [True]
    assert not exists(s3, bucket, photo.key)
    async with httpx.AsyncClient() as http:
        assert (await http.get(photo.url)).status_code in (403, 404)
