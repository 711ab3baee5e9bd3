"""The inbox: an update counts as received only once it is stored; a crash while it is handled leaves it
unfinished, and the next start handles it (one answer, not zero, not two). Polling and webhook; the repository's
own rules (a redelivered update is skipped, a poison update is given up, handled ones are forgotten after a day)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from telegram import Chat, Message, Update, User

from bot.app.updates import UpdateInbox
from bot.settings import Settings
from handlers.context import BotData, FaceShiftApp
from storage import Database
from storage.inbox import MAX_ATTEMPTS, POISON_AFTER, RETENTION, InboxRepository, Incoming
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import BotProcess, RunningBot, make_settings, open_database, running_bot, running_bot_process
from tests.support.conversation import buttons, photo_and_menu
from tests.support.images import DATA
from tests.support.inbox import undone, until

FACE = (DATA / "astronaut.jpg").read_bytes()
ALICE = 1001
BOB = 1002
NOW = datetime(2026, 12, 5, tzinfo=UTC)


async def unfinished(bot: RunningBot | BotProcess) -> int:
    async with bot.database() as db:
        return await InboxRepository(db).unfinished_count()


def menu_of(photo: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    def is_menu(message: dict[str, Any]) -> bool:
        return message.get("reply_to_message", {}).get("message_id") == photo["message_id"] and bool(buttons(message))

    return is_menu


async def test_a_crash_between_fetching_and_handling_an_update_loses_nothing(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The bot fetched Alice's photo and is answering it when it is killed. Telegram has had the update confirmed
    (it will not deliver it again): only the inbox can bring it back. After the restart: one menu."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(ALICE, "Alice")
    async with running_bot_process(tg, settings) as bot:
        answering = tg.hold("sendMessage", chat_id=ALICE)
        photo = await alice.send_photo(alice, FACE)
        await tg.wait_until(lambda: answering.arrived == 1, timeout=10, what="the bot to answer the photo")
        await tg.wait_until_confirmed(timeout=10)  # Telegram counts the update received
        await bot.kill()
        answering.drop()  # the answer never reached Telegram
        assert await unfinished(bot) == 1
    assert tg.bot_messages(alice) == [] and tg.pending_updates == []

    async with running_bot_process(tg, settings) as bot:
        menu = await tg.wait_for_bot_message(alice, predicate=menu_of(photo), timeout=10)
        await until(lambda: _none_unfinished(bot), timeout=10, what="the inbox to have nothing unfinished")
        assert [m["message_id"] for m in tg.bot_messages(alice)] == [menu["message_id"]]  # one answer, not two
        await alice.press(menu, "👴 Older")  # the menu works
        await tg.wait_for_edit(menu, timeout=10)
    assert bot.process.returncode == 0, bot.log


async def _none_unfinished(bot: RunningBot | BotProcess) -> bool:
    return await unfinished(bot) == 0


async def test_webhook_stores_the_update_before_answering_200(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, telegram_mode="webhook")
    alice = tg.user(ALICE, "Alice")
    async with running_bot(tg, settings) as bot:
        answering = tg.hold("sendMessage", chat_id=ALICE)
        sent = await alice.send_text(alice, "/help")
        update = tg.update_for(sent)
        assert update is not None
        await tg.wait_until(lambda: (update["update_id"], 200) in tg.webhook_deliveries, what="the 200")
        async with bot.database() as db:  # answered 200: stored already, not handled yet (its answer is held)
            rows = await db.conn.execute_fetchall(
                "SELECT done_at FROM inbox WHERE update_id = ?", (update["update_id"],)
            )
            assert [row[0] for row in rows] == [None]
        answering.release()
        assert "How to use" in (await tg.wait_for_bot_message(alice))["text"]
        await until(lambda: _none_unfinished(bot), timeout=5, what="the update to be marked done")


async def test_a_crash_after_the_webhook_answered_200_loses_nothing(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, telegram_mode="webhook")
    alice = tg.user(ALICE, "Alice")
    async with running_bot_process(tg, settings) as bot:
        answering = tg.hold("sendMessage", chat_id=ALICE)
        sent = await alice.send_text(alice, "/help")
        await tg.wait_until(lambda: answering.arrived == 1, timeout=10, what="the bot to answer")
        update = tg.update_for(sent)
        assert update is not None
        await tg.wait_until(lambda: (update["update_id"], 200) in tg.webhook_deliveries, what="the 200")
        await bot.kill()
        answering.drop()
    assert tg.pending_updates == []  # Telegram will not deliver it again
    async with running_bot_process(tg, settings):
        reply = await tg.wait_for_bot_message(alice, timeout=10)
        assert "How to use" in reply["text"]
        await tg.assert_no_bot_message(alice, within=0.5)


async def test_a_redelivered_update_is_handled_once(tg: FakeTelegram, bot: RunningBot) -> None:
    """Telegram delivers an update again (a confirmation lost with a restart): recognised, skipped."""
    alice = tg.user(ALICE, "Alice")
    sent = await alice.send_text(alice, "/help")
    await tg.wait_for_bot_message(alice)
    update = tg.update_for(sent)
    assert update is not None
    tg.updates.redeliver(update)  # the same update_id once more
    await tg.wait_until_confirmed()
    await tg.assert_no_bot_message(alice, within=0.5)


async def test_the_repository_skips_known_updates_gives_up_poison_and_forgets_after_a_day(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        inbox = InboxRepository(db)
        batch = [Incoming(1, 10, "{}"), Incoming(2, 10, "{}"), Incoming(3, None, "{}")]
        assert await inbox.store(batch, now=1000.0) == [1, 2, 3]
        assert await inbox.store([Incoming(2, 10, "{}"), Incoming(4, 11, "{}")], now=1001.0) == [4]
        await inbox.mark_done(1, now=1002.0)
        await inbox.mark_done(3, now=1002.0)
        for start in range(MAX_ATTEMPTS + 2):  # start-ups that never got to them (a backlog) cost no attempt
            kept, given_up = await inbox.take_unfinished(now=1003.0 + start)
            assert [row.update_id for row in kept] == [2, 4] and given_up == []
        for _ in range(MAX_ATTEMPTS):  # handled again, cut short each time
            kept, given_up = await inbox.take_unfinished(now=1010.0)
            assert [row.update_id for row in kept] == [2, 4] and given_up == []
            for row in kept:
                await inbox.mark_attempt(row.update_id)
        kept, given_up = await inbox.take_unfinished(now=1000.0 + POISON_AFTER - 1)  # crashes in quick succession
        assert [row.update_id for row in kept] == [2, 4] and given_up == []
        kept, given_up = await inbox.take_unfinished(now=2000.0)
        assert kept == [] and given_up == [2, 4]
        assert await inbox.unfinished_count() == 0
        assert await inbox.prune(now=1002.0 + RETENTION - 1) == 0
        assert await inbox.prune(now=1002.0 + RETENTION + 1) == 2  # 1 and 3; 2 and 4 were given up later
        assert await inbox.store([Incoming(1, 10, "{}")]) == [1]  # forgotten: new again
    finally:
        await db.close()


async def test_a_press_handled_again_after_a_crash_is_the_same_press(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The press opened its job, then the bot died before the press was marked done: handled again, it is not a
    retry of the job the crash interrupted. One job, one final answer (the recovery's "interrupted")."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(ALICE, "Alice")
    vendors.ailab.latency = 120
    async with running_bot_process(tg, settings) as bot:
        ages = await _ages(tg, alice)
        answering = tg.hold("answerCallbackQuery")  # the job is open; the press's answer is on its way
        await alice.press(ages, "65 years")
        await tg.wait_until(lambda: answering.arrived == 1, timeout=10, what="the press's answer")
        await vendors.ailab.wait_requests(1, timeout=15)
        await bot.kill()
        answering.drop()
    vendors.ailab.latency = 0
    async with running_bot_process(tg, settings) as bot:
        told = await tg.wait_for_bot_message(alice, predicate=lambda m: "interrupted" in m.get("text", ""), timeout=10)
        assert "did not cost anything" in told["text"]
        await until(lambda: _none_unfinished(bot), timeout=10, what="the press to be handled again")
        async with bot.database() as db:
            jobs = await db.conn.execute_fetchall("SELECT status FROM jobs")
        assert [row[0] for row in jobs] == ["interrupted"]
        await tg.assert_no_bot_message(alice, within=0.5)
    assert len(vendors.ailab.requests) == 1


async def test_an_album_a_crash_caught_while_it_was_acted_on_is_acted_on_after_the_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Alice's album of two photos (no caption) is collected, its updates are done, and the bot is sending the
    menus when it is killed. The album is marked handled only once it was acted on: after the restart each photo
    has its menu, once."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(ALICE, "Alice")
    async with running_bot_process(tg, settings) as bot:
        answering = tg.hold("sendMessage", chat_id=ALICE)
        photos = await alice.send_album(alice, [FACE, FACE])
        await tg.wait_until(lambda: answering.arrived == 1, timeout=10, what="the bot to send the first menu")
        await until(lambda: _none_unfinished(bot), timeout=10, what="the album's updates to be done")
        await bot.kill()
        answering.drop()
    assert tg.bot_messages(alice) == []
    async with running_bot_process(tg, settings):
        for photo in photos:
            await tg.wait_for_bot_message(alice, predicate=menu_of(photo), timeout=10)
        await tg.assert_no_bot_message(alice, within=0.5)
    assert len(tg.bot_messages(alice)) == 2


async def test_an_album_the_chat_refuses_is_not_acted_on_at_every_start(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """Acting on an album failed (Alice blocked the bot): it counts as handled, not waiting for the next start."""
    alice = tg.user(ALICE, "Alice")
    tg.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=ALICE, count=None)
    await alice.send_album(alice, [FACE, FACE])

    async def handled() -> bool:
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT album_handled_at IS NOT NULL FROM requests")
        return [tuple(r) for r in rows] == [(1,), (1,)]

    await until(handled, timeout=10, what="the album to count as handled")
    assert [c.status for c in tg.calls_to("sendMessage")] == [403]


async def _ages(tg: FakeTelegram, alice: FakeUser) -> dict[str, Any]:
    """Alice sends a photo and turns its menu to the ages; returns that menu."""
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "👴 Older")
    return await tg.wait_for_edit(menu, timeout=10)


async def _double_press_killed_while_its_job_runs(tg: FakeTelegram, vendors: FakeVendors, settings: Settings) -> int:
    """Alice presses 65 years twice while its job is with the vendor (the second press: "Already on it"), both
    presses are done, and the bot is killed with the job still running. Returns the second press's update id."""
    alice = tg.user(ALICE, "Alice")
    vendors.ailab.latency = 120
    async with running_bot_process(tg, settings) as bot:
        ages = await _ages(tg, alice)
        showing = tg.hold("editMessageText", chat_id=ALICE)  # the menu keeps its buttons (the job's stages wait)
        await alice.press(ages, "65 years")
        await vendors.ailab.wait_requests(1, timeout=15)
        second = await alice.press(ages, "65 years")
        assert "Already on it" in ((await tg.wait_for_callback_answer(second, timeout=10)).text or "")
        await until(lambda: _none_unfinished(bot), timeout=10, what="the presses to be done")
        await bot.kill()
        showing.drop()
    vendors.ailab.latency = 0
    return int(next(u for u in tg.updates.history if (u.get("callback_query") or {}).get("id") == second)["update_id"])


async def _received_before_the_job(settings: Settings, update_id: int, *, said: bool) -> None:
    """As if ``update_id`` had come before the job opened (in one getUpdates batch with the press that opened
    it); without ``said``, also as if it had died before saying anything."""
    forget = ", said = NULL" if not said else ""
    async with open_database(settings) as db:
        await db.run(
            lambda conn: conn.execute(
                f"UPDATE inbox SET received_at = (SELECT MIN(created_at) - 1 FROM jobs){forget} WHERE update_id = ?",
                (update_id,),
            )
        )


async def test_the_second_press_of_a_button_handled_again_is_not_taken_for_the_first(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Alice pressed 65 years twice. The first press's job was interrupted by a crash (its "interrupted" notice is
    its answer); the second press, handled again after the crash, arrived before that job was opened and died
    before it said anything. It is another press, not the one that opened the job: a retry, with its own
    result."""
    settings = make_settings(tg, tmp_path, vendors)
    second = await _double_press_killed_while_its_job_runs(tg, vendors, settings)
    await undone(settings, second)
    await _received_before_the_job(settings, second, said=False)
    async with running_bot_process(tg, settings):
        result = await tg.wait_for_bot_message(ALICE, predicate=lambda m: "photo" in m, timeout=20)
        assert "65 years old" in result["caption"]
    async with open_database(settings) as db:
        jobs = await db.conn.execute_fetchall("SELECT status FROM jobs ORDER BY created_at")
    assert [row[0] for row in jobs] == ["interrupted", "succeeded"]


@pytest.mark.parametrize("one_batch", [False, True], ids=["apart", "in-one-batch"])
async def test_a_double_press_handled_again_after_the_crash_that_ended_its_job_is_not_a_retry(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, one_batch: bool
) -> None:
    """Alice pressed 65 years twice: the second press came while the job ran ("Already on it"). A crash ended the
    job and the second press was handled again: it is still the double press, not a retry (one job, one result
    or notice, and the second press's "Already on it"). Also when both presses came in one ``getUpdates`` batch,
    so that the second was received before the job opened: what its first run said decides, not when it came."""
    settings = make_settings(tg, tmp_path, vendors)
    second = await _double_press_killed_while_its_job_runs(tg, vendors, settings)
    await undone(settings, second)  # as if the bot had died before marking the second press done
    if one_batch:
        await _received_before_the_job(settings, second, said=True)
    async with running_bot_process(tg, settings) as bot:
        told = await tg.wait_for_bot_message(ALICE, predicate=lambda m: "interrupted" in m.get("text", ""), timeout=10)
        assert "did not cost anything" in told["text"]
        await until(lambda: _none_unfinished(bot), timeout=10, what="the second press to be handled again")
    async with open_database(settings) as db:
        jobs = await db.conn.execute_fetchall("SELECT status FROM jobs")
    assert [row[0] for row in jobs] == ["interrupted"]  # no retry
    assert not [m for m in tg.bot_messages(ALICE) if "photo" in m]


async def test_one_senders_updates_in_one_chat_are_handled_in_the_order_they_came(tmp_path: Path) -> None:
    """Alice pressed Swap faces and then sent /cancel while the bot was down: both come in one batch. The /cancel
    must not be handled before the press (it would find nothing to cancel, and the press would then open a wait
    nobody asked for). Bob, in his own chat, is not held up by Alice."""
    started: list[int] = []
    release = asyncio.Event()

    class Application:
        bot = None
        bot_data = BotData()

        async def process_update(self, update: Update) -> None:
            started.append(update.update_id)
            if update.update_id == 1:
                await release.wait()

    def message(update_id: int, chat: int, text: str) -> Update:
        sender = User(chat, f"P{chat}", is_bot=False)
        return Update(update_id, message=Message(update_id, NOW, Chat(chat, "private"), from_user=sender, text=text))

    db = await Database.open(tmp_path / "inbox.sqlite3")
    inbox = UpdateInbox(cast(FaceShiftApp, Application()), InboxRepository(db))
    inbox.start()
    try:
        await inbox.receive([message(1, ALICE, "press"), message(2, ALICE, "/cancel"), message(3, BOB, "hi")])
        await until(lambda: _started(started, 2), timeout=5, what="Alice's first and Bob's update to start")
        assert started == [1, 3]  # Alice's /cancel waits for her press; Bob's message does not
        release.set()
        await until(lambda: _started(started, 3), timeout=5, what="Alice's /cancel to start")
        assert started == [1, 3, 2]
    finally:
        await inbox.close(1.0)
        await db.close()


async def _started(started: list[int], count: int) -> bool:
    return len(started) >= count
