"""The rig of the provider tests: fake vendors, a tiny photo host, clients, fake time.

The fakes and the photo host are served once per test module (starting uvicorn costs ~0.1 s: the ``shared``
fixture in ``tests/conftest.py``); each test gets fresh clients, a fresh fake clock and reset fakes (``rig``).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.providers.accuauth import AccuAuthClient
from bot.providers.acedata import AceDataClient
from bot.providers.ailab import AILabClient
from bot.providers.alerts import OperatorAlerts
from bot.providers.errors import ProviderError
from bot.providers.photo_host import HostedPhoto
from bot.providers.retry import RetryPolicy
from bot.providers.router import FaceProviders
from bot.providers.swap_callbacks import SwapCallbacks
from bot.settings import Vendor
from tests.fakes.server import serve
from tests.fakes.vendors import (
    ACCU_ID,
    ACCU_SECRET,
    ACE_TOKEN,
    AILAB_KEY,
    FakeVendors,
    RecordedRequest,
    running_vendors,
)
from tests.support.clock import FakeClock
from tests.support.images import FACE


def json_of(request: RecordedRequest) -> dict[str, Any]:
    """The JSON object a fake received."""
    assert isinstance(request.json, dict), request.json
    return request.json


PHOTO = FACE
SECRETS = (ACE_TOKEN, AILAB_KEY, ACCU_ID, ACCU_SECRET)


class MemoryHost:
    """A PhotoHost serving photos from memory at ``/photos/<key>``; it also routes Ace's callbacks."""

    def __init__(self) -> None:
        self.base_url = ""
        self.photos: dict[str, bytes] = {}
        self.published: list[HostedPhoto] = []
        self.removed: list[HostedPhoto] = []
        self.callbacks: SwapCallbacks | None = None
        self.deliveries: list[str] = []

    async def publish(self, data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        key = secrets.token_urlsafe(16)
        self.photos[key] = data
        photo = HostedPhoto(url=f"{self.base_url}/photos/{key}", key=key, expires_at=0.0)
        self.published.append(photo)
        return photo

    async def remove(self, photo: HostedPhoto) -> None:
        self.photos.pop(photo.key, None)
        self.removed.append(photo)

    def app(self) -> Starlette:
        async def photo(request: Request) -> Response:
            data = self.photos.get(request.path_params["key"])
            if data is None:
                return Response(status_code=404)
            return Response(data, media_type="image/jpeg")

        async def callback(request: Request) -> Response:
            payload: Any = await request.json()
            result = (
                "unknown" if self.callbacks is None else self.callbacks.deliver(request.path_params["token"], payload)
            )
            self.deliveries.append(result)
            return JSONResponse({"status": result}, status_code=404 if result == "unknown" else 200)

        return Starlette(
            routes=[Route("/photos/{key}", photo), Route("/callbacks/acedata/{token}", callback, methods=["POST"])]
        )

    def reset(self) -> None:
        self.photos.clear()
        self.published.clear()
        self.removed.clear()
        self.callbacks = None
        self.deliveries.clear()


@dataclass
class Servers:
    vendors: FakeVendors
    host: MemoryHost
    http: httpx.AsyncClient


@contextlib.asynccontextmanager
async def servers() -> AsyncIterator[Servers]:
    host = MemoryHost()
    async with running_vendors() as vendors, serve(host.app()) as url, httpx.AsyncClient() as http:
        host.base_url = url
        yield Servers(vendors, host, http)


@dataclass
class Rig:
    """Clients wired to the fakes, with fake time and recorded retries and alerts."""

    s: Servers
    timeout: float = 5.0
    swap_timeout: float = 5.0
    max_attempts: int = 3
    deadline: float = 60.0
    time: FakeClock = field(default_factory=lambda: FakeClock(0.0))
    retries: list[tuple[str, int, ProviderError]] = field(default_factory=list)
    alerts_sent: list[str] = field(default_factory=list)

    @property
    def policy(self) -> RetryPolicy:
        return RetryPolicy(
            max_attempts=self.max_attempts,
            deadline=self.deadline,
            sleep=self.time.sleep,
            clock=self.time,
            on_retry=lambda v, n, e: self.retries.append((v, n, e)),
        )

    def ace(self) -> AceDataClient:
        fake = self.s.vendors.acedata
        return AceDataClient(
            self.s.http,
            token=SecretStr(ACE_TOKEN),
            base_url=fake.base_url,
            upload_url=f"{fake.base_url}/files/upload",
            timeout=self.timeout,
            swap_timeout=self.swap_timeout,
            retry=self.policy,
        )

    def ailab(self) -> AILabClient:
        return AILabClient(
            self.s.http,
            api_key=SecretStr(AILAB_KEY),
            base_url=self.s.vendors.ailab.base_url,
            timeout=self.timeout,
            quality_control="NONE",
            retry=self.policy,
        )

    def accuauth(self) -> AccuAuthClient:
        return AccuAuthClient(
            self.s.http,
            api_id=SecretStr(ACCU_ID),
            api_secret=SecretStr(ACCU_SECRET),
            base_url=self.s.vendors.accuauth.base_url,
            timeout=self.timeout,
            retry=self.policy,
        )

    def alerts(self) -> OperatorAlerts:
        async def notify(text: str) -> None:
            self.alerts_sent.append(text)

        return OperatorAlerts(notify, clock=self.time)

    def providers(
        self,
        *,
        ace: bool = True,
        ailab: bool = True,
        accuauth: bool = True,
        host: bool = True,
        age_vendor: Vendor = Vendor.ACEDATA,
        gender_vendor: Vendor = Vendor.ACEDATA,
        fallback: bool = True,
        callbacks: bool = False,
    ) -> FaceProviders:
        registry = SwapCallbacks(self.s.host.base_url) if callbacks else None
        self.s.host.callbacks = registry
        return FaceProviders(
            ace=self.ace() if ace else None,
            ailab=self.ailab() if ailab else None,
            accuauth=self.accuauth() if accuauth else None,
            host=self.s.host if host else None,
            age_vendor=age_vendor,
            gender_vendor=gender_vendor,
            fallback=fallback,
            callbacks=registry,
            alerts=self.alerts(),
        )


async def raises(call: Awaitable[object]) -> ProviderError:
    """The ProviderError ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(ProviderError) as info:
        await call
    return info.value


def reset(s: Servers) -> None:
    s.vendors.reset()
    s.host.reset()
