"""Groups: privacy mode shapes the gestures (a command in reply or in a caption, a mention), only the person
who asked may press their buttons, forum topics keep their replies, and the bot keeps to its allowed chats.
"""

from __future__ import annotations

from pathlib import Path

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import ALL_BUTTONS, allowance, buttons, is_photo, wait_result
from tests.support.images import FACE

GROUP = -100777


async def test_acceptance_in_a_group_with_privacy_mode(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, eve = tg.user(1001, "Alice"), tg.user(1002, "Eve")
    group = tg.group(GROUP, "Friends")
    photo = await alice.send_photo(group, FACE)
    assert not tg.was_delivered(photo)  # privacy mode: a plain photo never reaches the bot
    await tg.assert_no_bot_message(group, within=0.3)

    command = await alice.send_text(group, "/older", reply_to=photo)
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    assert "65 years old" in result["caption"]
    assert vendors.ailab.requests[-1].form["target"] == "65"
    assert command["message_id"] < result["message_id"]

    # Eve presses Alice's buttons on the result: a short alert, and nothing else happens.
    requests_before = len(vendors.ailab.requests)
    query = await eve.press(result, "👶 Younger")
    answer = await tg.wait_for_callback_answer(query)
    assert answer.show_alert and "belong" in (answer.text or "")
    await tg.assert_no_bot_message(group, within=0.3)
    assert tg.message(group, result["message_id"])["reply_markup"] == result["reply_markup"]
    assert len(vendors.ailab.requests) == requests_before
    assert (await allowance(bot, eve.id)).daily_used == 0
    assert (await allowance(bot, alice.id)).daily_used == 1


async def test_every_operation_by_command_in_a_group(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(GROUP, "Friends")
    photo = await bob.send_photo(group, FACE)  # anyone's photo: the person who asks owns the request

    await alice.send_text(group, "/face", reply_to=photo)
    menu = await tg.wait_for_bot_message(group)
    assert menu["reply_to_message"]["message_id"] == photo["message_id"]
    assert buttons(menu) == ALL_BUTTONS
    query = await bob.press(menu, "👴 Older")  # Bob posted the photo, but Alice asked
    assert (await tg.wait_for_callback_answer(query)).show_alert

    await alice.send_text(group, "/younger", reply_to=photo)
    assert "18 years old" in (await wait_result(tg, group))["caption"]

    await alice.send_text(group, "/detect", reply_to=photo)
    detected = await wait_result(tg, group)
    assert "woman" in detected["caption"] and "% sure" in detected["caption"]

    await alice.send_text(group, "/gender", reply_to=photo)
    swapped = await wait_result(tg, group)
    assert "I saw a woman" in swapped["caption"] and "as a man" in swapped["caption"]
    for result in (detected, swapped):
        assert result["reply_to_message"]["message_id"] == photo["message_id"]

    # A menu from a button works in the group like in private, for its owner.
    await alice.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    await alice.press(ages, "80 years")
    assert "80 years old" in (await wait_result(tg, group))["caption"]
    assert (await allowance(bot, alice.id)).daily_used == 4
    assert (await allowance(bot, bob.id)).daily_used == 0


async def test_photo_with_a_command_or_mention_in_its_caption(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(GROUP, "Friends")
    older = await alice.send_photo(group, FACE, caption="/older")
    result = await wait_result(tg, group)
    assert result["reply_to_message"]["message_id"] == older["message_id"]
    assert "65 years old" in result["caption"]

    addressed = await alice.send_photo(group, FACE, caption="/detect@faceshift_bot please")
    detected = await wait_result(tg, group)
    assert detected["reply_to_message"]["message_id"] == addressed["message_id"]
    assert "woman" in detected["caption"]

    mention = await alice.send_photo(group, FACE, caption="hey @faceshift_bot what can you do?")
    menu = await tg.wait_for_bot_message(group)
    assert menu["reply_to_message"]["message_id"] == mention["message_id"]
    assert buttons(menu) == ALL_BUTTONS

    document = await alice.send_document(group, FACE, file_name="me.jpg", mime_type="image/jpeg", caption="/younger")
    younger = await wait_result(tg, group)
    assert younger["reply_to_message"]["message_id"] == document["message_id"]


async def test_gestures_that_must_not_trigger_the_bot(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    """With privacy off (an admin bot sees everything), the bot itself must still ignore what is not for it."""
    alice = tg.user(1001, "Alice")
    group = tg.group(GROUP, "Friends", privacy=False)
    photo = await alice.send_photo(group, FACE)
    menu_photo = await alice.send_photo(group, FACE, caption="/face")
    menu = await tg.wait_for_bot_message(group)  # for the captioned photo, not the plain one before it
    ignored = [
        photo,
        await alice.send_photo(group, FACE, caption="look at this"),
        await alice.send_text(group, "/older@otherbot", reply_to=photo),
        await alice.send_photo(group, FACE, caption="/older@otherbot"),
        await alice.send_photo(group, FACE, reply_to=menu),  # a photo replying to the bot, no swap waiting
        await alice.send_text(group, "nice one", reply_to=menu),
        await alice.send_document(group, b"%PDF-1.4\n", file_name="a.pdf", mime_type="application/pdf"),
    ]
    for message in ignored:
        await tg.wait_until_fetched(message)
    await tg.assert_no_bot_message(group, within=0.4)
    assert vendors.ailab.requests == [] and vendors.accuauth.requests == []
    assert menu["reply_to_message"]["message_id"] == menu_photo["message_id"]

    # In a privacy-mode group these never even reach the bot.
    private_mode = tg.group(-100888, "Strangers")
    quiet = await alice.send_photo(private_mode, FACE, caption="look")
    other_bot = await alice.send_text(private_mode, "/older@otherbot", reply_to=quiet)
    assert not tg.was_delivered(quiet) and not tg.was_delivered(other_bot)


async def test_commands_in_a_group(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(GROUP, "Friends")
    for typed, expected in (
        ("/help", "in a group"),
        ("/start", "in a group"),
        ("/quota@faceshift_bot", "free edits left"),
        ("/privacy", "What happens to your photos"),
        ("/cancel", "nothing to cancel"),
    ):
        sent = await alice.send_text(group, typed)
        answer = await tg.wait_for_bot_message(group)
        assert expected in answer["text"], (typed, answer["text"])
        assert answer["reply_to_message"]["message_id"] == sent["message_id"]
    # A photo command with no photo to work on explains the gesture.
    text = await alice.send_text(group, "hello")
    assert not tg.was_delivered(text)
    command = await alice.send_text(group, "/older")
    hint = await tg.wait_for_bot_message(group)
    assert hint["reply_to_message"]["message_id"] == command["message_id"]
    assert "Reply to a photo" in hint["text"]
    await alice.send_text(group, "/older", reply_to=text)
    assert "Reply to a photo" in (await tg.wait_for_bot_message(group))["text"]
    pdf = await alice.send_document(group, b"%PDF-1.4\n", file_name="a.pdf", mime_type="application/pdf")
    await alice.send_text(group, "/older", reply_to=pdf)
    assert "not an image" in (await tg.wait_for_bot_message(group))["text"]
    assert vendors.ailab.requests == []
    # Editing a command afterwards does not run it again (nor the new command it now says).
    await alice.edit_text(command, "/younger")
    await tg.wait_until_fetched(tg.user_updates_delivered[-1])
    await tg.assert_no_bot_message(group, within=0.3)
    await alice.send_text(group, "/help@otherbot")
    await tg.assert_no_bot_message(group, within=0.3)


async def test_forum_topic_replies_stay_in_the_topic(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    forum = tg.group(-100999, "Forum", is_forum=True)
    topic = tg.create_topic(forum, "Faces", by=alice)
    photo = await alice.send_photo(forum, FACE, caption="/face", thread_id=topic)
    menu = await tg.wait_for_bot_message(forum)
    assert menu["message_thread_id"] == topic
    await alice.press(menu, "👴 Older")
    await alice.press(await tg.wait_for_edit(menu), "50 years")
    result = await wait_result(tg, forum)
    assert result["message_thread_id"] == topic
    assert result["reply_to_message"]["message_id"] == photo["message_id"]

    await alice.send_text(forum, "/detect", reply_to=photo)  # the reply is in the topic too
    detected = await wait_result(tg, forum)
    assert detected["message_thread_id"] == topic
    # Every message the bot sent there named the topic itself (not only by replying into it).
    sends = [c for c in tg.calls_to("sendMessage", "sendPhoto", "sendChatAction") if c.params["chat_id"] == forum.id]
    assert sends and all(c.params.get("message_thread_id") == topic for c in sends), sends


async def test_allowed_chat_ids_restrict_groups_not_private_chats(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    alice = tg.user(1001, "Alice")
    allowed, other = tg.group(GROUP, "Friends"), tg.group(-100555, "Elsewhere")
    async with running_bot(tg, make_settings(tg, tmp_path, vendors)):  # before the operator restricted it
        await alice.send_photo(other, FACE, caption="/face")
        old_menu = await tg.wait_for_bot_message(other)

    settings = make_settings(tg, tmp_path, vendors, allowed_chat_ids=f"{GROUP}")
    async with running_bot(tg, settings):
        photo = await alice.send_photo(other, FACE, caption="/older")
        await tg.wait_until_fetched(photo)
        await alice.send_text(other, "/help")
        query = await alice.press(old_menu, "👴 Older")
        answer = await tg.wait_for_callback_answer(query)  # answered (no endless spinner), and nothing else
        assert not answer.show_alert
        await tg.assert_no_bot_message(other, within=0.4)
        assert tg.message(other, old_menu["message_id"])["reply_markup"] == old_menu["reply_markup"]

        await alice.send_photo(allowed, FACE, caption="/older")
        assert "65 years old" in (await wait_result(tg, allowed))["caption"]
        await alice.send_photo(alice, FACE)
        assert buttons(await tg.wait_for_bot_message(alice)) == ALL_BUTTONS
        assert len(vendors.ailab.requests) == 1


async def test_private_chats_can_be_switched_off(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, private_chats=False)
    async with running_bot(tg, settings):
        alice = tg.user(1001, "Alice")
        photo = await alice.send_photo(alice, FACE)
        start = await alice.send_text(alice, "/start")
        await tg.wait_until_fetched(photo)
        await tg.wait_until_fetched(start)
        await tg.assert_no_bot_message(alice, within=0.4)
        group = tg.group(GROUP, "Friends")
        await alice.send_photo(group, FACE, caption="/detect")
        assert is_photo(await wait_result(tg, group))
