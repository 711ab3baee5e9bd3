"""The conversation end to end: people (fake Telegram) -> the bot -> vendors (fakes) -> results."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.harness import DATA, RunningBot

FACE = (DATA / "astronaut.jpg").read_bytes()


def buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def decodes(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.size


async def test_private_photo_older_result(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    photo = await alice.send_photo(alice, FACE)
    menu = await tg.wait_for_bot_message(alice)
    assert menu["reply_to_message"]["message_id"] == photo["message_id"]
    assert buttons(menu) == ["👴 Older", "👶 Younger", "🔄 Swap gender", "🎭 Swap faces", "🔍 Detect gender"]

    await alice.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    assert "65 years" in buttons(ages) and "⬅️ Back" in buttons(ages)
    query = await alice.press(ages, "65 years")
    answer = await tg.wait_for_callback_answer(query)
    assert not answer.show_alert

    result = await tg.wait_for_bot_message(alice, predicate=lambda m: "photo" in m, timeout=10)
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    assert "65 years old" in result["caption"] and "Left today: 4" in result["caption"]
    assert "👴 Older" in buttons(result)  # try another operation on the same photo
    # The vendor (AILab by default) received a prepared image, as multipart, with the target age.
    sent = vendors.ailab.requests[-1]
    assert sent.form["action_type"] == "V2_AGE" and sent.form["target"] == "65"
    assert decodes(sent.files["image"][2])[0] >= 257
    # The status message was removed; the ledger charged exactly one.
    async with bot.database() as db:
        quota = QuotaRepository(db, bot.settings.free_daily_quota)
        assert await quota.audit() == []


async def test_stranger_cannot_press_someone_elses_buttons_in_a_group(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice, eve = tg.user(1001, "Alice"), tg.user(1002, "Eve")
    group = tg.group(-100777, "Friends")
    photo = await alice.send_photo(group, FACE)
    assert not tg.was_delivered(photo)  # privacy mode: a plain photo never reaches the bot
    await tg.assert_no_bot_message(group, within=0.3)

    await alice.send_text(group, "/face", reply_to=photo)
    menu = await tg.wait_for_bot_message(group)
    assert menu["reply_to_message"]["message_id"] == photo["message_id"]
    query = await eve.press(menu, "🔍 Detect gender")
    answer = await tg.wait_for_callback_answer(query)
    assert answer.show_alert and "belong" in (answer.text or "")
    await tg.assert_no_bot_message(group, within=0.3)
    assert vendors.accuauth.requests == []


async def test_group_reply_older_produces_result_as_reply(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100777, "Friends")
    photo = await alice.send_photo(group, FACE)
    await alice.send_text(group, "/older", reply_to=photo)
    result = await tg.wait_for_bot_message(group, predicate=lambda m: "photo" in m, timeout=10)
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    assert "65 years old" in result["caption"]
