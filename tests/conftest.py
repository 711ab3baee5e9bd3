from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors, running_vendors
from tests.harness import TOKEN, RunningBot, make_settings, running_bot


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from the developer's shell or a .env in the working directory."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


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
