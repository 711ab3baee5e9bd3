"""The status message is shown only when it is worth a Bot API call (STATUS_DELAY)."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import make_settings, running_bot
from tests.support.conversation import buttons, photo_and_menu, press_age, wait_result
from tests.support.images import FACE


async def test_a_quick_job_answers_with_its_result_only(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, status_delay=5.0)):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        await press_age(tg, alice, menu)
        await wait_result(tg, alice)
        texts = [m for m in tg.bot_messages(alice) if "photo" not in m]
        assert [m["message_id"] for m in texts] == [menu["message_id"]]  # the menu, and no status message
        assert tg.calls_to("sendChatAction", "deleteMessage") == []


async def test_a_slow_job_shows_its_stage_in_its_menu_then_the_menu_again(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    vendors.ailab.latency = 1.5
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, status_delay=0.3)):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "👴 Older")
        ages = await tg.wait_for_edit(menu)
        await alice.press(ages, "65 years")
        working = await tg.wait_for_edit(ages, predicate=lambda m: m["text"].startswith("⏳"))
        assert buttons(working) == []  # nothing to press while the job runs
        await wait_result(tg, alice)
        restored = await tg.wait_for_edit(working, predicate=lambda m: not m["text"].startswith("⏳"))
        assert (restored["text"], buttons(restored)) == (menu["text"], buttons(menu))  # another edit, if wished
        sent = tg.calls_to("sendMessage", "sendPhoto", "sendDocument")
        assert [c.method for c in sent] == ["sendMessage", "sendPhoto"]  # the menu and the result, nothing more
        assert tg.calls_to("sendChatAction", "deleteMessage") == []


async def test_a_slow_caption_command_gets_one_status_message_removed_after_the_result(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    vendors.ailab.latency = 1.5
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, status_delay=0.3)):
        alice = tg.user(1001, "Alice")
        await alice.send_photo(alice, FACE, caption="/older")
        status = await tg.wait_for_bot_message(alice, predicate=lambda m: "photo" not in m, timeout=5)
        assert status["text"].startswith("⏳")
        await wait_result(tg, alice)
        await tg.wait_for_deletion(status)  # the result replaced it
        assert tg.calls_to("sendChatAction") == []
