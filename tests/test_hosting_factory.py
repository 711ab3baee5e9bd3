"""Choosing the photo host from settings, and the periodic sweeper."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path
from typing import Any, cast

import pytest

from bot.hosting import AceUploadPhotoHost, BuiltinPhotoHost, create_photo_host, run_sweeper
from bot.hosting.s3 import S3PhotoHost
from bot.settings import HostingKind, Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("HOSTING", "PUBLIC_URL", "ACEDATA_API_TOKEN", "S3_BUCKET", "S3_ENDPOINT_URL", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def settings(**values: Any) -> Settings:
    return Settings(telegram_bot_token="123:abc", _env_file=None, **values)


async def fake_upload(data: bytes, content_type: str, filename: str) -> tuple[str, float]:
    return "https://cdn.example/x", 0.0


def test_no_hosting_configured() -> None:
    assert create_photo_host(settings()) is None


def test_builtin(tmp_path: Path) -> None:
    media = tmp_path / "data" / "media"
    host = create_photo_host(settings(public_url="https://bot.example/", media_dir=media, media_ttl=120))
    assert isinstance(host, BuiltinPhotoHost)
    assert host.public_url == "https://bot.example"
    assert host.ttl == 120
    assert stat.S_IMODE(media.stat().st_mode) == 0o700


def test_s3_builds_its_client_from_settings() -> None:
    host = create_photo_host(
        settings(
            hosting="s3",
            s3_bucket="photos",
            s3_prefix="fs/",
            s3_endpoint_url="http://127.0.0.1:9000",
            s3_region="eu-central-1",
            s3_access_key_id="AKIDEXAMPLE",
            s3_secret_access_key="s3cr3t",
            media_ttl=300,
        )
    )
    assert isinstance(host, S3PhotoHost)
    assert (host.bucket, host.prefix, host.ttl) == ("photos", "fs/", 300)
    assert host.client.meta.region_name == "eu-central-1"
    assert host.client.meta.endpoint_url == "http://127.0.0.1:9000"
    credentials = cast(Any, host.client)._request_signer._credentials  # built from the settings' secrets
    assert credentials.access_key == "AKIDEXAMPLE"
    assert credentials.secret_key == "s3cr3t"


def test_acedata_needs_the_uploader() -> None:
    config = settings(acedata_api_token="ace-token")
    assert config.hosting is HostingKind.ACEDATA
    assert isinstance(create_photo_host(config, ace_upload=fake_upload), AceUploadPhotoHost)
    with pytest.raises(ValueError, match="Ace"):
        create_photo_host(config)


def test_public_url_wins_over_acedata(tmp_path: Path) -> None:
    config = settings(acedata_api_token="ace-token", public_url="https://bot.example", media_dir=tmp_path)
    assert isinstance(create_photo_host(config, ace_upload=fake_upload), BuiltinPhotoHost)


class CountingSweeper:
    def __init__(self, target: int) -> None:
        self.calls = 0
        self.target = target
        self.done = asyncio.Event()

    async def sweep(self) -> int:
        self.calls += 1
        if self.calls >= self.target:
            self.done.set()
        if self.calls == 1:
            raise OSError("disk hiccup")  # the first sweep fails: the loop must go on
        return 0


async def test_run_sweeper_sweeps_at_once_then_repeats_and_survives_errors() -> None:
    once = CountingSweeper(target=1)
    task = asyncio.create_task(run_sweeper(once, interval=3600))
    await asyncio.wait_for(once.done.wait(), 1)  # the start-up sweep does not wait for the interval
    assert once.calls == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    repeated = CountingSweeper(target=3)
    task = asyncio.create_task(run_sweeper(repeated, interval=0.001))
    await asyncio.wait_for(repeated.done.wait(), 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_run_sweeper_refuses_a_bad_interval() -> None:
    with pytest.raises(ValueError):
        await run_sweeper(CountingSweeper(1), interval=0)
