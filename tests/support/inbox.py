"""Updates handled again: what the inbox tests share (a crash before an update was marked done, simulated by
clearing its mark, and waiting for the next start to handle it)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from bot.settings import Settings
from tests.support.bot import BotProcess, RunningBot, open_database


async def until(condition: Callable[[], Awaitable[bool]], *, timeout: float, what: str) -> None:
    """Wait for something the fake's change signal does not see (the bot's database), checking every 50 ms."""
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        await asyncio.sleep(0.05)


async def undone(settings: Settings, update_id: int) -> None:
    """As if the bot had died before marking ``update_id`` done (the bot must be stopped)."""
    async with open_database(settings) as db:
        await db.run(lambda conn: conn.execute("UPDATE inbox SET done_at = NULL WHERE update_id = ?", (update_id,)))


async def handled_again(bot: RunningBot | BotProcess, update_id: int, timeout: float = 10.0) -> None:
    """Wait until the running bot has handled ``update_id`` (again) and marked it done."""

    async def done() -> bool:
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT done_at FROM inbox WHERE update_id = ?", (update_id,))
        return any(row[0] is not None for row in rows)

    await until(done, timeout=timeout, what=f"update {update_id} to be handled again")
