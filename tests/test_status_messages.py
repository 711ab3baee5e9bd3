"""The status message is shown only when it is worth a Bot API call (STATUS_DELAY)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import cast

from telegram import Bot

from handlers.chat.status import StatusBoard
from storage.jobs import Job, JobsRepository, JobStatus
from storage.quota import Reservation
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


class _Edits:
    """The board's bot: records the texts it edits the menu to."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.edited = asyncio.Event()

    async def edit_message_text(self, text: str, *, chat_id: int, message_id: int) -> None:
        self.texts.append(text)
        self.edited.set()


class _Recorded:
    """The board's repository: where it records the status message's id."""

    async def set_status_message(self, job_id: str, message_id: int) -> None:
        pass


async def test_a_stage_replaced_at_once_is_not_shown() -> None:
    """A job leaving the line prepares its photo in a moment and is with the vendor: its status goes from its place
    straight to "working on it", not through "preparing" (an edit nobody would read, measured as one in five)."""
    bot = _Edits()
    board = StatusBoard(cast(Bot, bot), cast(JobsRepository, _Recorded()), delay=0.05, min_interval=0.05)
    day = "2026-01-01"
    job = Job(
        id="job-1",
        key="key",
        request_id="request-1",
        face_request_id=None,
        user_id=1001,
        chat_id=1001,
        operation="age",
        params={},
        cost=1,
        reservation=Reservation(1, 0, day),
        quota_day=day,
        status=JobStatus.RUNNING,
        outcome=None,
        vendor=None,
        vendor_ms=None,
        status_message_id=None,
        result_path=None,
        created_at=0.0,
        updated_at=0.0,
    )

    async def show(text: str, *, urgent: bool) -> None:
        await board.show(job, text, reply_to_id=1, thread_id=None, urgent=urgent, menu_id=7)

    await show("1st in line", urgent=True)
    assert bot.texts == ["1st in line"]  # waiting in line: shown at once
    await asyncio.sleep(0.06)  # longer than min_interval: the next stage may be shown
    bot.edited.clear()
    await show("preparing the photo", urgent=False)
    await show("working on it", urgent=False)
    await asyncio.wait_for(bot.edited.wait(), timeout=5)
    assert bot.texts == ["1st in line", "working on it"]
    assert await board.finish(job) == 7
