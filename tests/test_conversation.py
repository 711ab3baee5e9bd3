"""The conversation end to end: people (fake Telegram) -> the bot -> vendors (fakes) -> results.

This file holds the private-chat conversation; groups, face swaps and the job side (progress, failures,
limits) have their own ``test_conversation_*.py`` files, and the helpers they share are in
``tests/support/conversation.py``.
"""

from __future__ import annotations

from pathlib import Path

from bot.i18n import LANGUAGES, Texts
from bot.imaging import RejectReason
from bot.jobs.types import Failure, FailureKind
from bot.providers.errors import PhotoProblem
from handlers.chat.port import failure_text
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import (
    ALL_BUTTONS,
    allowance,
    audit,
    buttons,
    callback_data,
    menu_back,
    photo_and_menu,
    press_age,
    wait_result,
    wait_text,
)
from tests.support.images import FACE, decodes, green_pixels

# ---- private chat: the acceptance path -------------------------------------------------------------


async def test_private_photo_older_result(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    photo, menu = await photo_and_menu(tg, alice)
    assert buttons(menu) == ALL_BUTTONS
    assert all(len(data.encode()) <= 64 for data in callback_data(menu))

    query = await alice.press(menu, "👴 Older")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    ages = await tg.wait_for_edit(menu)
    assert buttons(ages) == ["50 years", "65 years", "80 years", "🎞 All three · 3 credits", "⬅️ Back"]
    query = await alice.press(ages, "65 years")
    answer = await tg.wait_for_callback_answer(query)
    assert not answer.show_alert

    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    assert "65 years old" in result["caption"] and "Left today: 4" in result["caption"]
    assert buttons(result) == ALL_BUTTONS  # try another operation on the same photo
    # The vendor (AILab by default) received a prepared image, as multipart, with the target age.
    sent = vendors.ailab.requests[-1]
    assert sent.form["action_type"] == "V2_AGE" and sent.form["target"] == "65"
    assert decodes(sent.files["image"][2])[0] >= 257
    assert vendors.ailab.edits[-1].age == 65
    # The status message went away; the quota was charged exactly once.
    await tg.wait_until(
        lambda: (
            [m for m in tg.bot_messages(alice) if m["message_id"] > menu["message_id"]]
            == [tg.message(alice, result["message_id"])]
        ),
        what="the status message to be removed",
    )
    assert (await allowance(bot, alice.id)).daily_used == 1
    assert await audit(bot) == []


async def test_younger_and_back(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "👶 Younger")
    ages = await tg.wait_for_edit(menu)
    assert buttons(ages) == ["10 years", "18 years", "25 years", "🎞 All three · 3 credits", "⬅️ Back"]
    assert "young" in ages["text"]

    await alice.press(ages, "⬅️ Back")
    back = await tg.wait_for_edit(ages)
    assert buttons(back) == ALL_BUTTONS
    assert back["text"] == menu["text"]

    await alice.press(back, "👶 Younger")
    ages = await tg.wait_for_edit(back)
    await alice.press(ages, "18 years")
    result = await wait_result(tg, alice)
    assert "18 years old" in result["caption"]
    assert vendors.ailab.edits[-1].age == 18


async def test_another_operation_from_the_result(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    """The result's buttons work on the original photo (the result is a photo: its caption stays)."""
    alice = tg.user(1001, "Alice")
    photo, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    await alice.press(ages, "80 years")
    result = await wait_result(tg, alice)

    query = await alice.press(result, "👶 Younger")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    ages_on_result = await tg.wait_for_edit(result)
    assert ages_on_result["caption"] == result["caption"]
    assert "10 years" in buttons(ages_on_result)
    await alice.press(ages_on_result, "10 years")
    second = await wait_result(tg, alice)
    assert second["reply_to_message"]["message_id"] == photo["message_id"]
    assert "10 years old" in second["caption"] and "Left today: 3" in second["caption"]
    # The vendor got the original photo again, not the first result (which is sepia: older).
    sent = vendors.ailab.requests[-1].files["image"][2]
    assert sent == vendors.ailab.requests[0].files["image"][2]
    assert [edit.age for edit in vendors.ailab.edits] == [80, 10]


async def test_detect_gender(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    photo, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🔍 Detect gender")
    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    caption = result["caption"]
    assert "woman" in caption and "% sure" in caption and "Beard: no" in caption
    assert len(vendors.accuauth.requests) == 1
    # The photo came back with the face box drawn: not the photo as sent.
    returned = tg.message_file(result).data
    assert returned != tg.message_file(photo).data
    assert green_pixels(returned) > 100 > green_pixels(tg.message_file(photo).data)
    await alice.send_text(alice, "/quota")  # one of five used
    assert "4 of 5 free edits left" in (await tg.wait_for_bot_message(alice))["text"]


async def test_swap_gender_detects_first(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🔄 Swap gender")
    result = await wait_result(tg, alice)
    assert "I saw a woman" in result["caption"] and "as a man" in result["caption"]
    assert len(vendors.accuauth.requests) == 1
    sent = vendors.ailab.requests[-1]
    assert sent.form["action_type"] == "V2_GENDER" and sent.form["target"] == "0"  # 0 = male
    assert (await allowance(bot, alice.id)).daily_used == 1  # detection is part of the job, not extra


async def test_only_configured_operations_and_gender_direction(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Without Ace and AccuAuth: no Swap faces, no Detect gender, and Swap gender asks the direction."""
    settings = make_settings(
        tg, tmp_path, vendors, acedata_api_token=None, accuauth_api_id=None, accuauth_api_secret=None
    )
    async with running_bot(tg, settings):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        assert buttons(menu) == ["👴 Older", "👶 Younger", "🔄 Swap gender"]
        await alice.press(menu, "🔄 Swap gender")
        directions = await tg.wait_for_edit(menu)
        assert buttons(directions) == ["👩 Female", "👨 Male", "⬅️ Back"]
        await alice.press(directions, "👩 Female")
        result = await wait_result(tg, alice)
        assert "as a woman" in result["caption"] and "I saw" not in result["caption"]
        assert vendors.ailab.requests[-1].form["target"] == "1"  # 1 = female
        assert vendors.accuauth.requests == []
        # In a group, /gender asks the direction the same way.
        group = tg.group(-100777, "Friends")
        photo = await alice.send_photo(group, FACE)
        await alice.send_text(group, "/gender", reply_to=photo)
        asked = await tg.wait_for_bot_message(group)
        assert asked["reply_to_message"]["message_id"] == photo["message_id"]
        assert buttons(asked) == ["👩 Female", "👨 Male", "⬅️ Back"]
        await alice.send_text(group, "/detect", reply_to=photo)
        assert "not available" in (await tg.wait_for_bot_message(group))["text"]


async def test_photo_sent_as_a_file(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    document = await alice.send_document(alice, FACE, file_name="me.jpg", mime_type="image/jpeg")
    menu = await tg.wait_for_bot_message(alice)
    assert menu["reply_to_message"]["message_id"] == document["message_id"]
    assert buttons(menu) == ALL_BUTTONS
    await alice.press(menu, "👴 Older")
    await alice.press(await tg.wait_for_edit(menu), "50 years")
    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == document["message_id"]
    assert "50 years old" in result["caption"]
    assert decodes(vendors.ailab.requests[-1].files["image"][2]) == decodes(FACE)


async def test_non_image_files_are_refused_without_charge(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    pdf = await alice.send_document(
        alice, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", file_name="cv.pdf", mime_type="application/pdf"
    )
    refusal = await tg.wait_for_bot_message(alice)
    assert refusal["reply_to_message"]["message_id"] == pdf["message_id"]
    assert "not an image" in refusal["text"] and "reply_markup" not in refusal
    await alice.send_document(alice, b"just some notes\n", file_name="notes.txt", mime_type="text/plain")
    assert "not an image" in (await tg.wait_for_bot_message(alice))["text"]
    huge = b"\xff\xd8\xff\xe0" + bytes(21 * 1024 * 1024)  # over the 20 MB bots may download
    await alice.send_document(alice, huge, file_name="huge.jpg", mime_type="image/jpeg")
    assert "20 MB" in (await tg.wait_for_bot_message(alice))["text"]
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert vendors.ailab.requests == [] and vendors.accuauth.requests == []


async def test_corrupt_image_file_costs_nothing(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    broken = FACE[: len(FACE) // 3]  # a JPEG cut short
    await alice.send_document(alice, broken, file_name="broken.jpg", mime_type="image/jpeg")
    menu = await tg.wait_for_bot_message(alice)
    await alice.press(menu, "🔍 Detect gender")
    failure = await wait_text(tg, alice, "damaged")
    assert "did not cost anything" in failure["text"]
    assert vendors.accuauth.requests == []
    left = await allowance(bot, alice.id)
    assert (left.daily_used, left.daily_reserved, left.daily_left) == (0, 0, bot.settings.free_daily_quota)
    assert await audit(bot) == []


async def test_double_press_is_one_job(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    vendors.ailab.latency = 1.0  # the first press is still working when the second arrives
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    first = await alice.press(ages, "65 years")
    second = await alice.press(ages, "65 years")
    assert not (await tg.wait_for_callback_answer(first)).show_alert
    again = await tg.wait_for_callback_answer(second)
    assert again.show_alert and "Already on it" in (again.text or "")
    await wait_result(tg, alice)
    await tg.assert_no_bot_message(alice, within=0.3)
    assert len(vendors.ailab.requests) == 1
    assert (await allowance(bot, alice.id)).daily_used == 1
    # Pressed once more after the result (the menu showed the job, and is the menu again): still not charged
    # twice, and told where the result is.
    third = await press_age(tg, alice, await menu_back(tg, alice, menu))
    late = await tg.wait_for_callback_answer(third)
    assert late.show_alert and "result" in (late.text or "")
    assert (await allowance(bot, alice.id)).daily_used == 1


async def test_retry_after_a_failure_is_a_new_job(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    """A failure says "try again": pressing the same button again does try again."""
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1, vendor_fallback=False)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        vendors.ailab.fail(502, "AI_SERVICE_ERROR")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "👴 Older")
        ages = await tg.wait_for_edit(menu)
        await alice.press(ages, "50 years")
        await wait_text(tg, alice, "hiccup")
        query = await press_age(tg, alice, await menu_back(tg, alice, menu), "50 years")
        assert not (await tg.wait_for_callback_answer(query)).show_alert
        result = await wait_result(tg, alice)
        assert "50 years old" in result["caption"]
        assert (await allowance(bot, alice.id)).daily_used == 1
        assert await audit(bot) == []


async def test_menu_survives_a_restart(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        photo, menu = await photo_and_menu(tg, alice)
    async with running_bot(tg, settings):
        query = await alice.press(menu, "👴 Older")
        assert not (await tg.wait_for_callback_answer(query)).show_alert
        ages = await tg.wait_for_edit(menu)
        await alice.press(ages, "80 years")
        result = await wait_result(tg, alice)
        assert result["reply_to_message"]["message_id"] == photo["message_id"]
        assert "80 years old" in result["caption"]


async def test_a_menu_whose_request_is_gone(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    """A button of a request the bot no longer knows (cleaned up since): answered with a plain alert."""
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    async with bot.database() as db, db.transaction() as conn:
        await conn.execute("DELETE FROM requests")
    query = await alice.press(menu, "👴 Older")
    answer = await tg.wait_for_callback_answer(query)
    assert answer.show_alert and "too old" in (answer.text or "")
    await tg.assert_no_bot_message(alice, within=0.2)


# ---- commands and texts ----------------------------------------------------------------------------


async def test_start_help_quota_privacy_cancel(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send_text(alice, "/start")
    assert "Hi, Alice!" in (await tg.wait_for_bot_message(alice))["text"]
    await alice.send_text(alice, "/help")
    assert "How to use FaceShift" in (await tg.wait_for_bot_message(alice))["text"]
    await alice.send_text(alice, "/quota")
    assert "5 of 5 free edits left" in (await tg.wait_for_bot_message(alice))["text"]
    await alice.send_text(alice, "/privacy")
    privacy = (await tg.wait_for_bot_message(alice))["text"]
    assert "What happens to your photos" in privacy
    assert "AILabTools" in privacy and "AccuAuth" in privacy and "Ace Data Cloud" in privacy
    assert "10 minutes" in privacy
    await alice.send_text(alice, "/cancel")
    assert "nothing to cancel" in (await tg.wait_for_bot_message(alice))["text"]
    # The "/" menus: one per scope, in each language.
    private = [c["command"] for c in tg.commands[("all_private_chats", "")]]
    groups = [c["command"] for c in tg.commands[("all_group_chats", "")]]
    assert private == ["start", "help", "quota", "cancel", "privacy", "language"]
    assert {"face", "older", "younger", "gender", "swap", "detect", "help"} <= set(groups)
    russian = {c["command"]: c["description"] for c in tg.commands[("all_private_chats", "ru")]}
    english = {c["command"]: c["description"] for c in tg.commands[("all_private_chats", "en")]}
    assert russian.keys() == english.keys() and russian["help"] != english["help"]


async def test_russian_speaker_gets_russian_texts(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    ivan = tg.user(1003, "Иван", language_code="ru")
    await ivan.send_text(ivan, "/start")
    assert "Привет, Иван!" in (await tg.wait_for_bot_message(ivan))["text"]
    _, menu = await photo_and_menu(tg, ivan)
    assert buttons(menu)[0] != "👴 Older" and len(buttons(menu)) == 5
    await ivan.press(menu, buttons(menu)[0])
    ages = await tg.wait_for_edit(menu)
    await ivan.press(ages, buttons(ages)[0])
    result = await wait_result(tg, ivan)
    caption = result["caption"]
    assert "50" in caption and any("а" <= ch <= "я" for ch in caption.lower())
    assert "years" not in caption and "Left today" not in caption


def test_every_failure_has_words_in_every_language() -> None:
    """A missing catalogue entry would show people its id ("fail-..."): every failure the runner can report,
    with every photo problem and image refusal, has its own text in both languages."""
    texts = Texts()
    failures = [Failure(kind) for kind in FailureKind if kind is not FailureKind.UNREACHABLE]  # nobody to tell
    failures += [Failure(FailureKind.UNUSABLE_PHOTO, problem.value) for problem in PhotoProblem]
    failures += [Failure(FailureKind.BAD_IMAGE, reason.value, 257) for reason in RejectReason]
    for language in LANGUAGES:
        catalog = texts.get(language)
        words = [failure_text(catalog, failure) for failure in failures]
        assert not [w for w in words if w.startswith("fail-") or "{" in w], (language, words)
