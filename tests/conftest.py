"""Fixtures for every test module: a clean environment, the fakes (Telegram, vendors), the bot, the provider
rig, and moto's S3 server. Helpers the modules share are in ``tests/support`` (imported, not fixtures)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Before the support modules are imported: their asserts report like the tests' own.
pytest.register_assert_rewrite("tests.support")

import pytest_asyncio  # noqa: E402

from bot.hosting.s3 import build_s3_client  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402
from tests.fakes.vendors import FakeVendors, running_vendors  # noqa: E402
from tests.support.bot import TOKEN, RunningBot, make_settings, running_bot  # noqa: E402
from tests.support.providers import Rig, Servers, reset, servers  # noqa: E402

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from the developer's shell or a .env in the working directory."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


# ---- the fakes and the bot -------------------------------------------------------------------------------


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram.running(token=TOKEN, bot_username="faceshift_bot") as fake:
        yield fake


@pytest.fixture
async def vendors() -> AsyncIterator[FakeVendors]:
    async with running_vendors() as fakes:
        yield fakes


@pytest.fixture
async def bot(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The bot with every vendor configured (fakes) and builtin hosting."""
    async with running_bot(tg, make_settings(tg, tmp_path, vendors)) as running:
        yield running


# ---- the provider tests: fakes and photo host served once per module, a fresh rig per test ----------------


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared() -> AsyncIterator[Servers]:
    async with servers() as s:
        yield s


@pytest.fixture
def rig(shared: Servers) -> Rig:
    reset(shared)
    return Rig(shared)


# ---- S3: moto's server on 127.0.0.1, once per module ----------------------------------------------------


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer  # only the modules that use S3 pay for importing moto

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> S3Client:
    """A client with dummy credentials; nothing is read from ~/.aws or the instance metadata service."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return build_s3_client(
        endpoint_url=moto_endpoint, region="us-east-1", access_key_id="testing", secret_access_key="testing"
    )
