"""Face swap: two photos, the first asked about receives the face of the second. By button and next photo in
private, by /swap and a reply to the prompt in groups, by an album of two; cancelled, expired, restarted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import (
    ALL_BUTTONS,
    allowance,
    audit,
    buttons,
    menu_back,
    photo_and_menu,
    swap_calls,
    text_of,
    wait_result,
    wait_text,
)
from tests.support.images import FACE, decodes, jpeg

GROUP = -100777
FACE_PHOTO = jpeg((320, 400))  # the face to use: a size of its own, so a result shows which photo received it


async def assert_receiver(tg: FakeTelegram, result: dict[str, Any], size: tuple[int, int]) -> None:
    """The result has the size of the photo that received the face (Ace returns the target, face pasted in)."""
    assert decodes(tg.message_file(result).data) == size


async def test_swap_in_private_by_button_then_next_photo(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    target, menu = await photo_and_menu(tg, alice)
    query = await alice.press(menu, "🎭 Swap faces")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    prompt = await tg.wait_for_edit(menu)  # the menu itself becomes the prompt: no new message
    assert prompt["message_id"] == menu["message_id"]
    assert prompt["reply_to_message"]["message_id"] == target["message_id"]
    assert "face to use" in prompt["text"] and "photo above" in prompt["text"] and "10 minutes" in prompt["text"]
    assert buttons(prompt) == ["✖️ Cancel"]

    face = await alice.send_photo(alice, FACE_PHOTO)
    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    assert "face from your other photo" in result["caption"] and "Left today: 4" in result["caption"]
    assert buttons(result) == ALL_BUTTONS
    await assert_receiver(tg, result, (512, 512))
    assert face["message_id"] > prompt["message_id"]
    # The status said a swap takes a minute or two, in the prompt (the menu), which is the main menu again.
    status_texts = [c.params.get("text", "") for c in tg.calls_to("editMessageText")]
    assert any("a minute or two" in text for text in status_texts)
    assert buttons(await menu_back(tg, alice, menu)) == ALL_BUTTONS
    assert [m["message_id"] for m in tg.bot_messages(alice)] == [menu["message_id"], result["message_id"]]
    # Ace fetched both photos from the bot's own server (face first), by the callback flow; both are gone now.
    [call] = swap_calls(vendors)
    assert call["callback_url"].startswith(f"{bot.web_url}/callbacks/acedata/")
    assert len(vendors.acedata.callbacks_sent) == 1 and vendors.acedata.callback_statuses == [200]
    fetched = vendors.acedata.fetched
    assert fetched == [call["source_image_url"], call["target_image_url"]]
    async with httpx.AsyncClient() as http:
        for url in fetched:
            assert url.startswith(f"{bot.web_url}/media/")
            assert (await http.get(url)).status_code == 404
    assert (await allowance(bot, alice.id)).daily_used == 1


async def test_swap_in_a_group_by_reply_to_the_prompt(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, eve = tg.user(1001, "Alice"), tg.user(1002, "Eve")
    group = tg.group(GROUP, "Friends")
    target = await alice.send_photo(group, FACE)
    await alice.send_text(group, "/swap", reply_to=target)
    prompt = await tg.wait_for_bot_message(group)
    assert prompt["reply_to_message"]["message_id"] == target["message_id"]
    assert "Alice, reply to this message" in prompt["text"]

    # Not a reply to the prompt: privacy mode hides it. Eve's reply: not her swap, ignored.
    loose = await alice.send_photo(group, FACE_PHOTO)
    assert not tg.was_delivered(loose)
    eves = await eve.send_photo(group, FACE_PHOTO, reply_to=prompt)
    await tg.wait_until_fetched(eves)
    query = await eve.press(prompt, "✖️ Cancel")
    assert (await tg.wait_for_callback_answer(query)).show_alert
    await tg.assert_no_bot_message(group, within=0.3)
    assert swap_calls(vendors) == []

    face = await alice.send_photo(group, FACE_PHOTO, reply_to=prompt)
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    await assert_receiver(tg, result, (512, 512))
    assert face["reply_to_message"]["message_id"] == prompt["message_id"]
    assert (await allowance(bot, alice.id)).daily_used == 1
    assert (await allowance(bot, eve.id)).daily_used == 0

    # A photo captioned /swap asks for the face the same way.
    target = await eve.send_photo(group, FACE, caption="/swap")
    prompt = await tg.wait_for_bot_message(group)
    assert prompt["reply_to_message"]["message_id"] == target["message_id"] and "Eve, reply" in prompt["text"]
    await eve.send_photo(group, FACE_PHOTO, reply_to=prompt)
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    assert (await allowance(bot, eve.id)).daily_used == 1


async def test_swap_in_a_group_from_the_menu_by_reply_to_it(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """In a group the menu becomes the prompt too: the face photo must reply to it; the swap's stages show there,
    and it is the menu again afterwards. The group sees the menu and the result, nothing more."""
    alice = tg.user(1001, "Alice")
    group = tg.group(GROUP, "Friends")
    target = await alice.send_photo(group, FACE, caption="/face")
    menu = await tg.wait_for_bot_message(group, predicate=lambda m: bool(buttons(m)))
    await alice.press(menu, "🎭 Swap faces")
    prompt = await tg.wait_for_edit(menu)
    assert "Alice, reply to this message" in prompt["text"] and buttons(prompt) == ["✖️ Cancel"]
    loose = await alice.send_photo(group, FACE_PHOTO)  # not a reply: privacy mode hides it
    assert not tg.was_delivered(loose)
    await alice.send_photo(group, FACE_PHOTO, reply_to=prompt)
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    await assert_receiver(tg, result, (512, 512))
    assert buttons(await menu_back(tg, group, menu)) == ALL_BUTTONS
    assert [m["message_id"] for m in tg.bot_messages(group)] == [menu["message_id"], result["message_id"]]
    assert (await allowance(bot, alice.id)).daily_used == 1


async def test_swap_by_album_of_two(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    """The first photo of the album gives the face, the second receives it (albums wait ~1.5 s to be
    complete, so the two people's albums go at once)."""
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    face, target = await alice.send_album(alice, [FACE_PHOTO, FACE], caption="/swap")
    _, small = await bob.send_album(bob, [FACE, FACE_PHOTO], caption="/swap")  # the other order

    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    await assert_receiver(tg, result, (512, 512))
    assert face["message_id"] < target["message_id"]
    second = await wait_result(tg, bob)
    assert second["reply_to_message"]["message_id"] == small["message_id"]
    await assert_receiver(tg, second, (320, 400))
    assert len(swap_calls(vendors)) == 2
    assert (await allowance(bot, alice.id)).daily_used == 1 and (await allowance(bot, bob.id)).daily_used == 1


async def test_albums_that_are_not_a_swap_of_two(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group, open_group = tg.group(GROUP, "Friends"), tg.group(-100888, "Open", privacy=False)
    three = await alice.send_album(alice, [FACE, FACE_PHOTO, FACE], caption="/swap")
    plain = await bob.send_album(bob, [FACE, FACE_PHOTO])  # no caption: a menu for each photo
    # In a privacy-mode group only the captioned photo arrives; with privacy off the bot sees them all.
    await alice.send_album(group, [FACE_PHOTO, FACE], caption="/swap")
    _, target = await bob.send_album(open_group, [FACE_PHOTO, FACE], caption="/swap")
    quiet = await alice.send_album(open_group, [FACE, FACE])  # an album in a group that asks nothing

    count = await tg.wait_for_bot_message(alice)
    assert "exactly two photos" in count["text"]
    assert count["reply_to_message"]["message_id"] == three[0]["message_id"]
    menus = await tg.wait_for_bot_messages(bob, 2)
    assert sorted(m["reply_to_message"]["message_id"] for m in menus) == [p["message_id"] for p in plain]
    assert all(buttons(m) == ALL_BUTTONS for m in menus)
    assert "In a group" in (await tg.wait_for_bot_message(group))["text"]
    result = await wait_result(tg, open_group)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    assert len(swap_calls(vendors)) == 1
    await tg.assert_no_bot_message(open_group, within=0.3)
    assert all(
        m["reply_to_message"]["message_id"] not in {q["message_id"] for q in quiet} for m in tg.bot_messages(open_group)
    )


async def test_a_stale_prompts_cancel_says_nothing_to_cancel_and_gives_the_menu_back(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """The wait ended but the edit that said so did not get through: the prompt still shows Cancel. Pressed, it
    answers in words and the menu comes back (not a press that says nothing)."""
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🎭 Swap faces")
    prompt = await tg.wait_for_edit(menu)
    tg.fail_next("editMessageText", 400, "Bad Request: message can't be edited")
    query = await alice.press(prompt, "✖️ Cancel")
    assert (await tg.wait_for_callback_answer(query)).text is None  # cancelled; the prompt's edit refused
    assert buttons(tg.message(alice, menu["message_id"])) == ["✖️ Cancel"]
    query = await alice.press(prompt, "✖️ Cancel")
    assert (await tg.wait_for_callback_answer(query)).text == "There is nothing to cancel."
    back = await menu_back(tg, alice, menu)
    assert buttons(back) == ALL_BUTTONS and swap_calls(vendors) == []


async def test_swap_cancel_button_and_cancel_command(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🎭 Swap faces")
    prompt = await tg.wait_for_edit(menu)
    query = await alice.press(prompt, "✖️ Cancel")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    cancelled = await tg.wait_for_edit(prompt)  # the prompt was the menu: it says so, with the menu's buttons back
    assert "cancelled" in cancelled["text"] and buttons(cancelled) == ALL_BUTTONS
    # The next photo is a new photo, not the face for the cancelled swap.
    _, fresh = await photo_and_menu(tg, alice)
    assert buttons(fresh) == ALL_BUTTONS

    await alice.press(fresh, "🎭 Swap faces")
    prompt = await tg.wait_for_edit(fresh)
    await alice.send_text(alice, "/cancel")
    assert "Cancelled" in (await wait_text(tg, alice, "Cancelled"))["text"]
    assert "cancelled" in (await tg.wait_for_edit(prompt))["text"]
    _, menu = await photo_and_menu(tg, alice)
    assert buttons(menu) == ALL_BUTTONS
    assert swap_calls(vendors) == []
    assert (await allowance(bot, alice.id)).daily_used == 0


async def test_swap_wait_expires(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, swap_pair_ttl=0.5, pairing_sweep_interval=0.2)
    async with running_bot(tg, settings):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🎭 Swap faces")
        prompt = await tg.wait_for_edit(menu)
        assert "1 minute." in prompt["text"]
        expired = await tg.wait_for_edit(prompt, timeout=5)
        assert "no face photo came" in expired["text"] and buttons(expired) == ALL_BUTTONS
        # A photo after the expiry is a new photo with its own menu.
        _, fresh = await photo_and_menu(tg, alice)
        assert buttons(fresh) == ALL_BUTTONS
        assert swap_calls(vendors) == []


async def test_swap_wait_survives_a_restart(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        target, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🎭 Swap faces")
        await tg.wait_for_edit(menu)
    async with running_bot(tg, settings):
        await alice.send_photo(alice, FACE_PHOTO)
        result = await wait_result(tg, alice)
        assert result["reply_to_message"]["message_id"] == target["message_id"]


async def test_swap_failure_by_callback_costs_nothing(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    vendors.acedata.fail_callback("api_error")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🎭 Swap faces")
    await tg.wait_for_edit(menu)
    await alice.send_photo(alice, FACE_PHOTO)
    failure = await wait_text(tg, alice, "did not cost anything")
    assert "try again" in text_of(failure)
    assert len(vendors.acedata.callbacks_sent) == 1
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert await audit(bot) == []


async def test_no_swap_without_ace(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, acedata_api_token=None)
    async with running_bot(tg, settings):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        assert "🎭 Swap faces" not in buttons(menu)
        group = tg.group(GROUP, "Friends")
        await alice.send_photo(group, FACE, caption="/swap")
        assert "not available" in (await tg.wait_for_bot_message(group))["text"]


async def test_a_double_press_of_swap_faces_asks_once(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    first = await alice.press(menu, "🎭 Swap faces")
    second = await alice.press(menu, "🎭 Swap faces")
    await tg.wait_for_callback_answer(first)
    await tg.wait_for_callback_answer(second)
    prompt = await tg.wait_for_edit(menu)
    assert "face to use" in prompt["text"]
    await tg.assert_no_bot_message(alice, within=0.3)  # no prompt of its own
    await alice.send_photo(alice, FACE)  # the face completes the one pairing
    await wait_result(tg, alice)


async def test_an_album_caught_by_a_restart_is_still_swapped(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The bot stops while it collects an album's photos (album_wait is long here, so it surely does): the next
    start acts on the album, once."""
    settings = make_settings(tg, tmp_path, vendors, album_wait=60.0)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        await alice.send_album(alice, [FACE_PHOTO, FACE], caption="/swap")
        await tg.wait_until_confirmed()  # taken (not to be delivered again); stopping lets their handlers finish
    assert not [m for m in tg.bot_messages(alice) if "photo" in m]
    async with running_bot(tg, settings):
        result = await wait_result(tg, alice)
        assert decodes(tg.file_bytes(result["photo"][-1]["file_id"]))[0] >= 1
    async with running_bot(tg, settings):  # handled: a third start does nothing
        await tg.assert_no_bot_message(alice, within=0.5)
    assert len(swap_calls(vendors)) == 1
