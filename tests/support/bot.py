"""The real bot under test, against the fake Telegram and fake vendors over real HTTP: in the test's event loop
(:func:`running_bot`) or as a separate process (:func:`running_bot_process`)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.app import runtime
from bot.settings import Settings
from storage import Database
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import ACCU_ID, ACCU_SECRET, ACE_TOKEN, AILAB_KEY, FakeVendors

TOKEN = "123456:TEST-secret-token-value"


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
        "metrics_port": 0,  # off: tests of /metrics give it a port
        "health_check_interval": 0.0,  # every /healthz checks afresh; the caching test sets it
        "result_keep": 0.0,  # results are deleted once delivered; the tests of sharing keep them (RESULT_KEEP)
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
    return Settings(_env_file=None, **values)


@contextlib.asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """A second connection to the bot's database, for assertions (WAL lets it read while the bot writes; the
    bot may also be dead)."""
    db = await Database.open(settings.database_path)
    try:
        yield db
    finally:
        await db.close()


@dataclass
class RunningBot:
    settings: Settings
    task: asyncio.Task[None]
    stop: asyncio.Event

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.metrics_port}/metrics"

    def database(self) -> contextlib.AbstractAsyncContextManager[Database]:
        return open_database(self.settings)


@contextlib.asynccontextmanager
async def running_bot(tg: FakeTelegram, settings: Settings) -> AsyncIterator[RunningBot]:
    """Start the bot; it is ready once it long-polls the fake. Stopped (cleanly) when the block ends."""
    stop = asyncio.Event()
    polls = tg.poll_count
    task = asyncio.create_task(runtime.run(settings, stop, handle_signals=False))
    await tg.wait_until(
        lambda: tg.poll_count > polls or bool(tg.webhook.url) or task.done(),
        timeout=15,
        what="the bot to start polling or set its webhook",
    )
    if task.done():
        task.result()
    try:
        yield RunningBot(settings, task, stop)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


# -- the bot as a separate process (for crash tests: SIGKILL, then start again) ------------------------------


def settings_env(settings: Settings) -> dict[str, str]:
    """Environment variables that make ``python -m bot`` read exactly ``settings``."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list):
            text = ",".join(str(item) for item in value)
        elif isinstance(value, dict):
            text = json.dumps(value)
        elif isinstance(value, Enum):
            text = str(value.value)
        else:
            text = str(value)
        env[name.upper()] = text
    return env


@dataclass
class BotProcess:
    """``python -m bot`` running against the fakes. Its log (stderr) is in ``log_path``."""

    settings: Settings
    process: asyncio.subprocess.Process
    log_path: Path

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, exactly as in a crash or an OOM kill."""
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()

    async def stop(self, timeout: float = 30) -> int:
        """SIGTERM, the clean shutdown; returns the exit code."""
        if self.process.returncode is None:
            self.process.terminate()
        return await asyncio.wait_for(self.process.wait(), timeout)

    def terminate(self) -> None:
        """SIGTERM without waiting for the exit (a second one makes the bot leave at once)."""
        if self.process.returncode is None:
            self.process.terminate()

    async def wait(self, timeout: float = 30) -> int:
        """Wait for the process to end; returns the exit code (``TimeoutError`` if it does not end)."""
        return await asyncio.wait_for(self.process.wait(), timeout)

    def freeze(self) -> None:
        """SIGSTOP: the process stops where it is (to look at its state before a kill)."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT after :meth:`freeze`."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGCONT)

    def database(self) -> contextlib.AbstractAsyncContextManager[Database]:
        return open_database(self.settings)


async def spawn_bot_process(
    settings: Settings, *, env: dict[str, str] | None = None, module: str = "bot"
) -> BotProcess:
    """Start ``python -m bot`` (or ``python -m <module>``, e.g. ``tests.crash_bot``) configured by ``settings``
    (plus ``env``) and return at once, without waiting for it to be ready (a crash test may kill it while it
    starts). Each start appends to the same log file next to the database."""
    log_path = settings.database_path.parent / "bot-process.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    inherited = {key: value for key, value in os.environ.items() if key.lower() not in type(settings).model_fields}
    with log_path.open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            env=inherited | settings_env(settings) | (env or {}),
            cwd=settings.database_path.parent,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    return BotProcess(settings, process, log_path)


@contextlib.asynccontextmanager
async def running_bot_process(
    tg: FakeTelegram,
    settings: Settings,
    *,
    env: dict[str, str] | None = None,
    ready_timeout: float = 20,
    module: str = "bot",
) -> AsyncIterator[BotProcess]:
    """Start ``python -m bot`` (or ``python -m <module>``) configured by ``settings`` (plus ``env``); ready once
    it long-polls the fake (in webhook mode: once it has set its webhook).

    The block may kill the process (:meth:`BotProcess.kill`); otherwise it is stopped with SIGTERM at the end
    (and killed if it does not stop). Each start appends to the same log file next to the database.
    """
    polls = tg.poll_count
    webhooks = len(tg.calls_to("setWebhook"))
    running = await spawn_bot_process(settings, env=env, module=module)
    process = running.process
    try:
        exited = asyncio.ensure_future(process.wait())
        try:
            await tg.wait_until(
                lambda: tg.poll_count > polls or len(tg.calls_to("setWebhook")) > webhooks or exited.done(),
                timeout=ready_timeout,
                what="the bot process to start polling",
            )
        finally:
            exited.cancel()
        if process.returncode is not None:
            raise AssertionError(f"the bot process exited with {process.returncode}:\n{running.log}")
        yield running
    finally:
        if process.returncode is None:
            try:
                await running.stop()
            except TimeoutError:
                await running.kill()
