"""Photos hosted in an S3-compatible bucket, handed out as presigned GET URLs that expire with the photo.

The bucket can stay private: the presigned URL is the only way in, and it stops working after ``ttl``.
boto3 is blocking, so every call runs in a worker thread; its client is thread-safe and is created once.
Works with AWS and with S3-compatible services (MinIO, Ceph, R2, ...) through ``endpoint_url``: path-style
addressing for custom endpoints, and checksums only where the API requires them (older compatible
services reject the newer default checksum headers).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from bot.hosting.builtin import Clock, check_content_type, is_token, new_token, short
from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.photo_host import HostedPhoto

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef, ObjectTypeDef

    from bot.settings import Settings

log = logging.getLogger(__name__)

# Error codes that mean the operator's bucket or credentials are wrong, not a passing hiccup.
_OPERATOR_CODES = frozenset(
    {
        "AccessDenied",
        "AllAccessDisabled",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "NoSuchBucket",
        "InvalidBucketName",
        "AuthorizationHeaderMalformed",
        "PermanentRedirect",
    }
)
_MAX_PRESIGN = 7 * 24 * 3600  # SigV4 presigned URLs live at most 7 days
_DELETE_BATCH = 1000  # DeleteObjects limit


def build_s3_client(
    *,
    endpoint_url: str | None = None,
    region: str = "us-east-1",
    access_key_id: str | None = None,
    secret_access_key: str | None = None,
) -> S3Client:
    """One client for the process. Without keys, boto3's usual chain applies (env, profile, instance role)."""
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": "path" if endpoint_url else "auto"},
        retries={"max_attempts": 3, "mode": "standard"},
        connect_timeout=10,
        read_timeout=60,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    session = boto3.session.Session()  # not the module-level default session: that one is shared state
    return session.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key,
        config=config,
    )


class S3PhotoHost:
    """Puts each photo at ``{prefix}{token}`` and returns a presigned GET URL valid for ``ttl`` seconds.

    ``clock`` (Unix time) decides which objects the sweeper finds old; tests inject a fake one.
    """

    def __init__(
        self,
        client: S3Client,
        bucket: str,
        *,
        prefix: str = "faceshift/",
        ttl: float = 600.0,
        clock: Clock = time.time,
    ) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.ttl = ttl
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock = time.time) -> S3PhotoHost:
        if not settings.s3_bucket:
            raise ValueError("HOSTING=s3 needs S3_BUCKET")
        key_id = settings.s3_access_key_id
        secret = settings.s3_secret_access_key
        client = build_s3_client(
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=key_id.get_secret_value() if key_id is not None else None,
            secret_access_key=secret.get_secret_value() if secret is not None else None,
        )
        return cls(client, settings.s3_bucket, prefix=settings.s3_prefix, ttl=settings.media_ttl, clock=clock)

    @property
    def expires_in(self) -> int:
        """The presigned URL's lifetime in whole seconds (what ends up in ``X-Amz-Expires``)."""
        return max(1, min(_MAX_PRESIGN, math.ceil(self.ttl)))

    async def publish(self, data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        content_type = check_content_type(content_type)
        token = new_token()
        key = f"{self.prefix}{token}"
        expires_at = self._clock() + self.ttl
        try:
            url = await asyncio.to_thread(self._put_and_sign, key, data, content_type)
        except (BotoCoreError, ClientError) as exc:
            log.error("could not store photo for job %s in the bucket: %s", job_id, _describe(exc))
            raise _failure(exc) from exc
        log.info(
            "hosting photo %s for job %s in the bucket (%d bytes, %d s)",
            short(token),
            job_id,
            len(data),
            self.expires_in,
        )
        return HostedPhoto(url=url, key=key, expires_at=expires_at)

    async def remove(self, photo: HostedPhoto) -> None:
        """Delete the object now. Never raises: a leftover is deleted by the sweeper once older than ttl."""
        if not self._is_ours(photo.key):
            log.warning("not removing an object outside the hosting prefix")
            return
        try:
            await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=photo.key)
        except (BotoCoreError, ClientError) as exc:
            log.warning(
                "could not remove photo %s from the bucket: %s", short(photo.key[len(self.prefix) :]), _describe(exc)
            )
            return
        log.debug("removed photo %s from the bucket", short(photo.key[len(self.prefix) :]))

    async def sweep(self) -> int:
        """Delete this host's objects older than ttl (its own keys only: prefix plus a token)."""
        try:
            removed = await asyncio.to_thread(self._sweep)
        except (BotoCoreError, ClientError) as exc:
            log.warning("bucket sweep failed: %s", _describe(exc))
            return 0
        if removed:
            log.info("swept %d expired photo object(s) from the bucket", removed)
        return removed

    def _is_ours(self, key: str) -> bool:
        return key.startswith(self.prefix) and is_token(key[len(self.prefix) :])

    def _put_and_sign(self, key: str, data: bytes, content_type: str) -> str:
        self.client.put_object(
            Bucket=self.bucket, Key=key, Body=data, ContentType=content_type, CacheControl="no-store"
        )
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=self.expires_in
        )

    def _sweep(self) -> int:
        cutoff = self._clock() - self.ttl
        removed = 0
        batch: list[ObjectIdentifierTypeDef] = []
        for obj in self._list():
            key = obj["Key"]
            if self._is_ours(key) and obj["LastModified"].timestamp() <= cutoff:
                batch.append({"Key": key})
            if len(batch) == _DELETE_BATCH:
                removed += self._delete(batch)
                batch = []
        if batch:
            removed += self._delete(batch)
        return removed

    def _list(self) -> Iterator[ObjectTypeDef]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
            yield from page.get("Contents", [])

    def _delete(self, batch: list[ObjectIdentifierTypeDef]) -> int:
        answer = self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
        errors = answer.get("Errors", [])
        for error in errors[:3]:
            log.warning("bucket sweep could not delete an object: %s", error.get("Code", "?"))
        return len(batch) - len(errors)


def _describe(exc: BaseException) -> str:
    """An error summary for logs; S3 error messages can echo the key, so only the code is kept."""
    if isinstance(exc, ClientError):
        return (
            f"{exc.response.get('Error', {}).get('Code', '?')} (HTTP "
            f"{exc.response.get('ResponseMetadata', {}).get('HTTPStatusCode', '?')})"
        )
    return type(exc).__name__


def _failure(exc: BotoCoreError | ClientError) -> ProviderError:
    if isinstance(exc, NoCredentialsError) or (
        isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in _OPERATOR_CODES
    ):
        return ProviderError("hosting", ErrorCategory.OPERATOR, detail=_describe(exc))
    return ProviderError("hosting", ErrorCategory.TRANSIENT, detail=_describe(exc))
