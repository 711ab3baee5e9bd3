"""A failure nobody was told about (a crash between settling the job and telling the person) is told at the
next start-up, once."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, open_database, running_bot
from tests.support.images import FACE
from tests.support.inbox import until


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
        await until(lambda: _told(bot), timeout=5, what="the telling to be recorded")
    async with running_bot(tg, settings):  # told and recorded: a third start says nothing
        await tg.assert_no_bot_message(alice, within=0.5)


async def test_a_notice_the_status_message_already_shows_is_not_told_again(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The failure notice replaced the status message, then the bot died before recording that it told. The next
    start edits the status message again and Telegram answers "message is not modified": the person has been
    told already, and nothing is sent anew."""
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1, vendor_fallback=False, status_delay=0)
    alice = tg.user(1001, "Alice")

    def notices() -> list[dict[str, object]]:
        return [m for m in tg.bot_messages(alice) if "did not cost anything" in str(m.get("text", ""))]

    async with running_bot(tg, settings):
        vendors.ailab.fail(500, "PROCESSING_FAILURE")
        await alice.send_photo(alice, FACE, caption="/older")
        await tg.wait_until(lambda: bool(notices()), what="the failure notice")
        [notice] = notices()
        assert [m["message_id"] for m in tg.bot_messages(alice)] == [notice["message_id"]]  # the status, edited
    async with open_database(settings) as db:  # as if the bot had died between the edit and recording it
        await db.run(
            lambda conn: conn.execute("UPDATE jobs SET told_at = NULL, status_message_id = ?", (notice["message_id"],))
        )
    async with running_bot(tg, settings) as bot:  # told (recorded after the telling, which sent nothing)
        await until(lambda: _told(bot), timeout=5, what="the telling to be recorded")
    assert notices() == [notice] and len(tg.bot_messages(alice)) == 1
    assert [c.status for c in tg.calls_to("editMessageText")][-1] == 400  # "message is not modified"


async def _told(bot: RunningBot) -> bool:
    """The one job is recorded as told."""
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT told_at IS NOT NULL FROM jobs")
    return [tuple(r) for r in rows] == [(1,)]
