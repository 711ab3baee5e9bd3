"""The S3 photo host against moto's S3 server on 127.0.0.1 (real HTTP, presigned URLs included)."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import boto3
import httpx
import pytest
from botocore.config import Config

from bot.hosting.s3 import S3PhotoHost
from bot.providers.errors import ErrorCategory, ProviderError
from tests.support.clock import FakeClock
from tests.support.s3 import exists

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

DATA = Path(__file__).parent / "data" / "astronaut-256.jpg"
TTL = 600.0


@pytest.fixture
def bucket(s3: S3Client) -> str:
    name = f"faceshift-test-{secrets.token_hex(4)}"
    s3.create_bucket(Bucket=name)
    return name


async def test_publish_fetch_remove(s3: S3Client, bucket: str) -> None:
    clock = FakeClock()
    host = S3PhotoHost(s3, bucket, prefix="faceshift/", ttl=TTL, clock=clock)
    data = DATA.read_bytes()

    photo = await host.publish(data, "image/jpeg", job_id="job-1")

    assert photo.key.startswith("faceshift/") and len(photo.key) == len("faceshift/") + 43
    assert photo.expires_at == clock.now + TTL
    assert exists(s3, bucket, photo.key)
    head = s3.head_object(Bucket=bucket, Key=photo.key)
    assert head["ContentType"] == "image/jpeg"
    query = parse_qs(urlsplit(photo.url).query)
    assert query["X-Amz-Expires"] == ["600"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    async with httpx.AsyncClient(timeout=5) as http:
        fetched = await http.get(photo.url)
        assert fetched.status_code == 200
        assert fetched.content == data

        await host.remove(photo)
        await host.remove(photo)  # idempotent

        assert not exists(s3, bucket, photo.key)
        gone = await http.get(photo.url)
        assert gone.status_code in (403, 404)


async def test_presign_expiry_follows_ttl(s3: S3Client, bucket: str) -> None:
    host = S3PhotoHost(s3, bucket, ttl=90.5)
    photo = await host.publish(b"x", "image/png", job_id="j")
    assert parse_qs(urlsplit(photo.url).query)["X-Amz-Expires"] == ["91"]


async def test_sweep_removes_only_old_objects_of_ours(s3: S3Client, bucket: str) -> None:
    """ "Old" compares the objects' LastModified (the server's real time) with the injected clock."""
    clock = FakeClock()
    host = S3PhotoHost(s3, bucket, prefix="faceshift/", ttl=TTL, clock=clock)
    old = [await host.publish(b"old", "image/jpeg", job_id=f"j{i}") for i in range(3)]
    s3.put_object(Bucket=bucket, Key="faceshift/operator-notes.txt", Body=b"not a photo key")
    outside = "other/" + secrets.token_urlsafe(32)
    s3.put_object(Bucket=bucket, Key=outside, Body=b"outside the prefix")

    assert await host.sweep() == 0  # nothing is older than the TTL yet

    clock.advance(TTL + 1)
    assert await host.sweep() == 3
    for photo in old:
        assert not exists(s3, bucket, photo.key)
    assert exists(s3, bucket, "faceshift/operator-notes.txt")
    assert exists(s3, bucket, outside)

    clock.set(time.time())
    young = await host.publish(b"young", "image/jpeg", job_id="j9")
    assert await host.sweep() == 0
    assert exists(s3, bucket, young.key)


async def test_remove_refuses_keys_outside_the_prefix(s3: S3Client, bucket: str) -> None:
    s3.put_object(Bucket=bucket, Key="precious", Body=b"keep")
    host = S3PhotoHost(s3, bucket)
    photo = await host.publish(b"x", "image/jpeg", job_id="j")
    await host.remove(type(photo)(url=photo.url, key="precious", expires_at=photo.expires_at))
    assert exists(s3, bucket, "precious")


async def test_missing_bucket_is_an_operator_error(s3: S3Client) -> None:
    host = S3PhotoHost(s3, "no-such-bucket-" + secrets.token_hex(4))
    with pytest.raises(ProviderError) as caught:
        await host.publish(b"x", "image/jpeg", job_id="j")
    assert caught.value.category is ErrorCategory.OPERATOR
    assert caught.value.vendor == "hosting"
    assert await host.sweep() == 0  # a failing sweep is logged, not raised


async def test_unreachable_endpoint_is_transient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.session.Session().client(
        "s3",
        endpoint_url="http://127.0.0.1:9",
        region_name="us-east-1",
        aws_access_key_id="a",
        aws_secret_access_key="b",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2),
    )
    host = S3PhotoHost(client, "bucket")
    with pytest.raises(ProviderError) as caught:
        await host.publish(b"x", "image/jpeg", job_id="j")
    assert caught.value.category is ErrorCategory.TRANSIENT
