"""Run the real bot in the test's event loop against the fake Telegram and fake vendors, over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import runtime
from bot.settings import Settings
from storage import Database
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import ACCU_ID, ACCU_SECRET, ACE_TOKEN, AILAB_KEY, FakeVendors

TOKEN = "123456:TEST-secret-token-value"
DATA = Path(__file__).parent / "data"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_settings(tg: FakeTelegram, tmp_path: Path, vendors: FakeVendors | None = None, **overrides: Any) -> Settings:
    """Settings for a bot under test; every vendor points at its fake, hosting at the bot's own server."""
    port = free_port()
    values: dict[str, Any] = {
        "telegram_bot_token": tg.token,
        "telegram_api_url": tg.base_url,
        "database_path": tmp_path / "faceshift.sqlite3",
        "media_dir": tmp_path / "media",
        "results_dir": tmp_path / "results",
        "web_host": "127.0.0.1",
        "web_port": port,
        "admin_ids": "900",
        "log_level": "DEBUG",
        "status_delay": 0.0,  # every stage is shown at once; tests of the delay set it themselves
    }
    if vendors is not None:
        values |= {
            "acedata_api_token": ACE_TOKEN,
            "acedata_api_url": vendors.acedata.base_url,
            "acedata_upload_url": f"{vendors.acedata.base_url}/files/upload",
            "ailab_api_key": AILAB_KEY,
            "ailab_api_url": vendors.ailab.base_url,
            "accuauth_api_id": ACCU_ID,
            "accuauth_api_secret": ACCU_SECRET,
            "accuauth_api_url": vendors.accuauth.base_url,
            "public_url": f"http://127.0.0.1:{port}",
            "hosting": "builtin",
        }
    if overrides.get("telegram_mode") == "webhook":
        values["public_url"] = f"http://127.0.0.1:{port}"  # Telegram (the fake) reaches the bot's own server
    values |= overrides
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class RunningBot:
    settings: Settings
    task: asyncio.Task[None]
    stop: asyncio.Event

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    @contextlib.asynccontextmanager
    async def database(self) -> AsyncIterator[Database]:
        """A second connection to the bot's database, for assertions (WAL lets it read while the bot writes)."""
        db = await Database.open(self.settings.database_path)
        try:
            yield db
        finally:
            await db.close()


@contextlib.asynccontextmanager
async def running_bot(tg: FakeTelegram, settings: Settings) -> AsyncIterator[RunningBot]:
    """Start the bot; it is ready once it long-polls the fake. Stopped (cleanly) when the block ends."""
    stop = asyncio.Event()
    polls = tg.poll_count
    task = asyncio.create_task(runtime.run(settings, stop, handle_signals=False))
    await tg.wait_until(
        lambda: tg.poll_count > polls or bool(tg.webhook.url) or task.done(), timeout=15,
        what="the bot to start polling or set its webhook",
    )
    if task.done():
        task.result()
    try:
        yield RunningBot(settings, task, stop)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
