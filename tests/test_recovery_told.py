"""A failure nobody was told about (a crash between settling the job and telling the person) is told at the
next start-up, once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import make_settings, open_database, running_bot
from tests.support.images import FACE


async def test_an_untold_failure_is_told_at_the_next_start(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1, vendor_fallback=False)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        vendors.ailab.fail(500, "PROCESSING_FAILURE")
        await alice.send_photo(alice, FACE, caption="/older")
        told = await tg.wait_for_bot_message(alice, predicate=lambda m: "did not cost anything" in m.get("text", ""))
        assert "hiccup" in told["text"]
    async with open_database(settings) as db:  # as if the bot had died right after settling, before telling
        await db.run(lambda conn: conn.execute("UPDATE jobs SET told_at = NULL"))
    async with running_bot(tg, settings) as bot:
        again = await tg.wait_for_bot_message(alice, predicate=lambda m: "did not cost anything" in m.get("text", ""))
        assert "hiccup" in again["text"]
        # Recovery runs alongside the updates: it records the telling once Telegram has accepted it.
        deadline = asyncio.get_running_loop().time() + 5
        while True:
            async with bot.database() as db:
                rows = await db.conn.execute_fetchall("SELECT told_at IS NOT NULL FROM jobs")
            if [tuple(r) for r in rows] == [(1,)] or asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.05)
        assert [tuple(r) for r in rows] == [(1,)]
    async with running_bot(tg, settings):  # told and recorded: a third start says nothing
        await tg.assert_no_bot_message(alice, within=0.5)
