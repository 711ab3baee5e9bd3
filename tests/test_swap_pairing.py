"""A face swap's wait, crash-safe: the face photo that replies to the prompt before the prompt's id is recorded
still counts; a crash after the swap's job opened (before the prompt is removed and the wait closed) neither loses
the pair nor opens a second job when the photo's update is handled again."""

from __future__ import annotations

from pathlib import Path

from bot.app.updates import IN_ORDER_FOR
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot_process
from tests.support.conversation import allowance, buttons, swap_calls, wait_result
from tests.support.images import FACE, jpeg
from tests.support.inbox import handled_again, undone

GROUP = -100777
FACE_PHOTO = jpeg((320, 400))


async def test_a_reply_before_the_prompt_id_is_recorded_still_counts(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(GROUP, "Friends")
    target = await alice.send_photo(group, FACE)
    asking = tg.hold("sendMessage", chat_id=GROUP, after=True)  # the prompt is out; the bot has not its id yet
    await alice.send_text(group, "/swap", reply_to=target)
    await tg.wait_until(lambda: asking.arrived == 1, what="the prompt")
    prompt = tg.bot_messages(group)[-1]
    assert buttons(prompt) == ["✖️ Cancel"]
    face = await alice.send_photo(group, FACE_PHOTO, reply_to=prompt)
    await tg.wait_until_fetched(face)
    # The face waits for the /swap's handling (one person's updates in one chat are handled in order) for at most
    # IN_ORDER_FOR seconds, then goes ahead: the swap starts before the prompt's id is known.
    await vendors.acedata.wait_requests(1, timeout=IN_ORDER_FOR + 10)
    asking.release()
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    assert tg.message(group, prompt["message_id"]).get("_deleted")
    assert len(swap_calls(vendors)) == 1 and (await allowance(bot, alice.id)).daily_used == 1


async def test_a_crash_after_the_swap_opened_neither_loses_it_nor_doubles_it(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    vendors.acedata.latency = 120  # the swap is with the vendor when the process dies
    async with running_bot_process(tg, settings) as bot:
        await alice.send_photo(alice, FACE, caption="/swap")
        prompt = await tg.wait_for_bot_message(alice, predicate=lambda m: "face to use" in m.get("text", ""))
        tidying = tg.hold("deleteMessage", chat_id=alice.id)  # the prompt's removal, after the job opened
        face = await alice.send_photo(alice, FACE_PHOTO)
        await tg.wait_until(lambda: tidying.arrived == 1, timeout=10, what="the prompt's removal")
        await bot.kill()
        tidying.drop()
    vendors.acedata.latency = 0
    async with running_bot_process(tg, settings) as bot:
        told = await tg.wait_for_bot_message(alice, predicate=lambda m: "interrupted" in m.get("text", ""), timeout=10)
        assert "did not cost anything" in told["text"]
        await tg.wait_for_deletion(prompt, timeout=10)  # the replayed update finished the tidying
        async with bot.database() as db:
            jobs = await db.conn.execute_fetchall("SELECT status FROM jobs WHERE operation = 'swap_faces'")
            assert [row[0] for row in jobs] == ["interrupted"]  # one job, not a second one
            assert list(await db.conn.execute_fetchall("SELECT * FROM pairings WHERE expires_at > 0")) == []  # ended
        menus = [
            m for m in tg.bot_messages(alice) if m.get("reply_to_message", {}).get("message_id") == face["message_id"]
        ]
        assert menus == []  # the face photo did not become a request of its own


async def test_a_face_photo_handled_again_after_its_swap_closed_the_wait_gets_no_menu(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The face photo opened its swap and closed the wait; the bot died before its update was marked done. Handled
    again, the photo is still the face of that swap: no menu, no second job."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    async with running_bot_process(tg, settings) as bot:
        await alice.send_photo(alice, FACE, caption="/swap")
        await tg.wait_for_bot_message(alice, predicate=lambda m: "face to use" in m.get("text", ""))
        face = await alice.send_photo(alice, FACE_PHOTO)
        await wait_result(tg, alice, timeout=20)
        update = tg.update_for(face)
        assert update is not None
    await undone(settings, update["update_id"])  # as if the bot had died before marking the face's update done
    shown = len(tg.bot_messages(alice))
    async with running_bot_process(tg, settings) as bot:
        await handled_again(bot, update["update_id"])
        async with bot.database() as db:
            jobs = await db.conn.execute_fetchall("SELECT status FROM jobs WHERE operation = 'swap_faces'")
    assert [row[0] for row in jobs] == ["succeeded"]
    assert len(tg.bot_messages(alice)) == shown  # no menu for the face photo


async def test_swap_faces_handled_again_after_its_wait_ended_does_not_open_it_again(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Alice pressed Swap faces, then Cancel; the bot died before the first press was marked done. Handled again,
    the press finds the wait it opened ended: no second prompt, and her next photo gets its own menu."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    async with running_bot_process(tg, settings):
        photo = await alice.send_photo(alice, FACE)
        menu = await tg.wait_for_bot_message(alice)
        query = await alice.press(menu, "🎭 Swap faces")
        prompt = await tg.wait_for_edit(menu, predicate=lambda m: "face to use" in m.get("text", ""))  # the menu asks
        await alice.press(prompt, "✖️ Cancel")
        await tg.wait_for_edit(prompt, predicate=lambda m: "face to use" not in m.get("text", ""))
        update = next(u for u in tg.updates.history if (u.get("callback_query") or {}).get("id") == query)
    await undone(settings, update["update_id"])  # as if the bot had died before marking the press done
    shown = len(tg.bot_messages(alice))
    async with running_bot_process(tg, settings) as bot:
        await handled_again(bot, update["update_id"])
        assert len(tg.bot_messages(alice)) == shown  # no second prompt
        now = next(m for m in tg.bot_messages(alice) if m["message_id"] == menu["message_id"])
        assert "face to use" not in now.get("text", "")  # nor the menu asking again
        other = await alice.send_photo(alice, FACE_PHOTO)
        await tg.wait_for_bot_message(
            alice, predicate=lambda m: m.get("reply_to_message", {}).get("message_id") == other["message_id"]
        )
    assert photo["message_id"] < other["message_id"] and not swap_calls(vendors)


async def test_a_photo_that_asks_for_something_else_is_not_the_face_a_swap_waits_for(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send_photo(alice, FACE, caption="/swap")
    prompt = await tg.wait_for_bot_message(alice, predicate=lambda m: "face to use" in m.get("text", ""))
    other = await alice.send_photo(alice, FACE, caption="/detect")
    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == other["message_id"] and "woman" in result["caption"]
    assert swap_calls(vendors) == [] and not tg.message(alice, prompt["message_id"]).get("_deleted")
    face = await alice.send_photo(alice, FACE_PHOTO)  # the next plain photo is the face
    swapped = await wait_result(tg, alice)
    assert swapped["reply_to_message"]["message_id"] != face["message_id"] and len(swap_calls(vendors)) == 1
