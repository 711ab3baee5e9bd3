"""Results worth sharing, end to end: the buttons under a result ("Before / after", "Full quality"), results kept
for ``RESULT_KEEP`` and then swept, "every age at once" (one job of three vendor calls, paid per age delivered),
the operator's mark, and who may press in a group."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from bot import imaging
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import (
    EN,
    NOT_FREE,
    audit,
    buttons,
    callback_data,
    ledger_rows,
    photo_and_menu,
    poll_until,
    press_age,
    text_of,
    wait_result,
)
from tests.support.images import FACE

BEFORE_AFTER = "↔️ Before / after"
FULL_QUALITY = "📎 Full quality"
EVERY_AGE = "🎞 All three · 3 credits"
EXPIRED = "This result has expired. Send the photo again to make a new one."
NOT_YOURS = EN("not-yours")


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def pixels(data: bytes, box: tuple[int, int, int, int]) -> bytes:
    """The RGB pixels of ``box`` (left, top, right, bottom; negative values count from the right / bottom)."""
    with Image.open(io.BytesIO(data)) as image:
        w, h = image.size
        left, top, right, bottom = (v if v >= 0 else size + v for v, size in zip(box, (w, h, w, h), strict=True))
        return image.convert("RGB").crop((left, top, right, bottom)).tobytes()


CORNER = (-60, -30, -1, -1)  # where the mark goes (bottom right)
TOP_LEFT = (0, 0, 60, 30)


def uploaded(tg: FakeTelegram, method: str, field: str) -> bytes:
    """The bytes the bot uploaded in its last ``method`` call (``sendPhoto``'s photo, ``sendDocument``'s file)."""
    return tg.calls_to(method)[-1].files[field].data


async def job_rows(bot: RunningBot) -> list[dict[str, Any]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT * FROM jobs ORDER BY created_at")
    return [dict(row) for row in rows]


async def kept_file(bot: RunningBot) -> Path:
    """The one delivered job's kept result on disk."""
    [job] = await job_rows(bot)
    assert job["status"] == "succeeded" and job["kept_until"] is not None, job
    return Path(job["result_path"])


async def older_result(tg: FakeTelegram, user: FakeUser) -> dict[str, Any]:
    _, menu = await photo_and_menu(tg, user)
    await press_age(tg, user, menu)
    return await wait_result(tg, user)


async def press_and_wait(
    tg: FakeTelegram, user: FakeUser, message: dict[str, Any], button: str, chat: Any = None
) -> dict[str, Any]:
    """Press a button under ``message``; the bot's reply to that message (what the button sends), in ``chat``
    (the presser's private chat unless given)."""
    query = await user.press(message, button)
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    return await tg.wait_for_bot_message(
        chat if chat is not None else user,
        predicate=lambda m: m.get("reply_to_message", {}).get("message_id") == message["message_id"],
    )


# ---- before / after and full quality ------------------------------------------------------------------------


async def test_before_after_and_full_quality_are_free_and_survive_a_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, result_keep=600)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        result = await older_result(tg, alice)
        assert buttons(result)[-2:] == [BEFORE_AFTER, FULL_QUALITY]
        assert all(len(data.encode()) <= 64 for data in callback_data(result))
        kept = await kept_file(bot)
        stored = kept.read_bytes()
        assert uploaded(tg, "sendPhoto", "photo") == stored  # no mark configured: the very bytes kept
        edits, ledger = len(vendors.ailab.requests), await ledger_rows(bot)

        # Before / after: the original (fetched again from Telegram) and the result, one height, a divider.
        picture = await press_and_wait(tg, alice, result, BEFORE_AFTER)
        assert "photo" in picture
        sent = uploaded(tg, "sendPhoto", "photo")
        original = tg.stored_file(tg.calls_to("getFile")[-1].params["file_id"]).data
        sizes = [size_of(original), size_of(stored)]
        height = min(h for _, h in sizes)
        assert size_of(sent) == (sum(imaging.panel_widths(sizes, height)) + imaging.DIVIDER_PX, height)

        # Full quality: a document with the exact bytes of the kept result.
        document = await press_and_wait(tg, alice, result, FULL_QUALITY)
        assert tg.message_file(document).data == stored
        assert len(vendors.ailab.requests) == edits and await ledger_rows(bot) == ledger  # free: no vendor, no quota

    # A restart inside the keep window leaves the result alone (the start-up sweep knows it is kept).
    async with running_bot(tg, settings) as bot:
        assert kept.read_bytes() == stored
        again = await press_and_wait(tg, alice, result, FULL_QUALITY)
        assert tg.message_file(again).data == stored
        assert await audit(bot) == []


async def test_after_result_keep_the_file_is_gone_and_a_press_says_expired(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, result_keep=0.3)  # the sweeper looks every 75 ms
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        result = await older_result(tg, alice)
        kept = await kept_file(bot)

        async def forgotten() -> bool:
            [job] = await job_rows(bot)
            return job["result_path"] is None and job["kept_until"] is None

        await poll_until(lambda: not kept.exists(), timeout=10, what="the sweeper to delete the kept result")
        [job] = await job_rows(bot)
        assert job["status"] == "succeeded"
        ledger = await ledger_rows(bot)
        for button in (FULL_QUALITY, BEFORE_AFTER):
            query = await alice.press(result, button)
            answer = await tg.wait_for_callback_answer(query)
            assert answer.show_alert and answer.text == EXPIRED
        await tg.assert_no_bot_message(alice, within=0.3)
        assert not tg.calls_to("sendDocument") and await ledger_rows(bot) == ledger
        assert not list(settings.results_dir.iterdir())
        assert await forgotten()


async def test_without_result_keep_the_result_has_no_sharing_buttons_and_is_deleted(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """RESULT_KEEP=0 (the harness's default): deleted once delivered, as before, and no buttons that need it."""
    alice = tg.user(1001, "Alice")
    result = await older_result(tg, alice)
    assert BEFORE_AFTER not in buttons(result) and FULL_QUALITY not in buttons(result)
    await poll_until(lambda: not list(bot.settings.results_dir.iterdir()), timeout=10, what="the result deleted")


async def test_the_sharing_row_stays_while_the_menu_above_it_changes(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, result_keep=600)):
        alice = tg.user(1001, "Alice")
        result = await older_result(tg, alice)
        await alice.press(result, "👴 Older")
        ages = await tg.wait_for_edit(result)
        assert buttons(ages)[-2:] == [BEFORE_AFTER, FULL_QUALITY] and "65 years" in buttons(ages)
        await alice.press(ages, "⬅️ Back")
        back = await tg.wait_for_edit(ages)
        assert buttons(back) == buttons(result)


# ---- every age at once ------------------------------------------------------------------------------------


async def every_age_result(tg: FakeTelegram, user: FakeUser) -> dict[str, Any]:
    _, menu = await photo_and_menu(tg, user)
    await user.press(menu, "👴 Older")
    await user.press(await tg.wait_for_edit(menu), EVERY_AGE)
    return await wait_result(tg, user)


async def test_every_age_is_one_job_of_three_edits_charged_three(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, result_keep=600)) as bot:
        alice = tg.user(1001, "Alice")
        result = await every_age_result(tg, alice)
        assert "Here you are at 50, 65, 80 years." in text_of(result)
        assert [edit.age for edit in vendors.ailab.edits] == [50, 65, 80]
        [job] = await job_rows(bot)
        assert (job["operation"], job["cost"], job["charged"]) == ("older", 3, None)
        assert [(kind, amount) for kind, amount, *_ in await ledger_rows(bot)] == [("reserve", 3), ("charge", 3)]
        assert await audit(bot) == []
        # The collage: three panels at one height, two dividers, the ages on a strip under them.
        collage = (await kept_file(bot)).read_bytes()
        panels = [size_of(edit.result) for edit in vendors.ailab.edits]
        height = min(h for _, h in panels)
        width = sum(imaging.panel_widths(panels, height)) + 2 * imaging.DIVIDER_PX
        assert size_of(collage) == (width, height + imaging.strip_height(height))


async def test_every_age_with_one_failed_edit_charges_two_and_says_so(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, result_keep=600, vendor_max_attempts=1, vendor_fallback=False)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        vendors.ailab.fail(502, "AI_SERVICE_ERROR")  # the first edit (50) fails; 65 and 80 are made
        result = await every_age_result(tg, alice)
        caption = text_of(result)
        assert "Here you are at 65, 80 years." in caption
        assert "These could not be made: 50. You were not charged for them." in caption
        [job] = await job_rows(bot)
        assert (job["status"], job["cost"], job["charged"]) == ("succeeded", 3, 2)
        assert sorted((kind, amount) for kind, amount, *_ in await ledger_rows(bot)) == [
            ("charge", 2),
            ("release", 1),
            ("reserve", 3),
        ]
        assert await audit(bot) == []
        collage = (await kept_file(bot)).read_bytes()
        panels = [size_of(edit.result) for edit in vendors.ailab.edits]
        assert len(panels) == 2
        height = min(h for _, h in panels)
        width = sum(imaging.panel_widths(panels, height)) + imaging.DIVIDER_PX
        assert size_of(collage) == (width, height + imaging.strip_height(height))


async def test_every_age_failing_entirely_is_released_and_told(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1, vendor_fallback=False)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        vendors.ailab.fail(502, "AI_SERVICE_ERROR", count=3)
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "👴 Older")
        await alice.press(await tg.wait_for_edit(menu), EVERY_AGE)
        await tg.wait_for_bot_message(alice, predicate=lambda m: NOT_FREE in text_of(m))
        [job] = await job_rows(bot)
        assert job["status"] == "failed"
        assert sorted((kind, amount) for kind, amount, *_ in await ledger_rows(bot)) == [("release", 3), ("reserve", 3)]
        assert await audit(bot) == []


# ---- the operator's mark ------------------------------------------------------------------------------------


async def test_the_mark_is_on_results_and_before_after_but_not_on_full_quality_files(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, result_keep=600, result_mark="@faceshift_bot")
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        result = await older_result(tg, alice)
        stored = (await kept_file(bot)).read_bytes()  # kept unmarked
        sent = uploaded(tg, "sendPhoto", "photo")
        assert pixels(sent, CORNER) != pixels(stored, CORNER)
        assert _close(pixels(sent, TOP_LEFT), pixels(stored, TOP_LEFT))  # only the corner changed
        await press_and_wait(tg, alice, result, BEFORE_AFTER)
        picture = uploaded(tg, "sendPhoto", "photo")
        await press_and_wait(tg, alice, result, FULL_QUALITY)
        assert uploaded(tg, "sendDocument", "document") == stored  # RESULT_MARK_FILES=false: unmarked

    unmarked_settings = make_settings(tg, tmp_path / "plain", vendors, result_keep=600)
    async with running_bot(tg, unmarked_settings):
        bob = tg.user(1002, "Bob")
        plain = await older_result(tg, bob)
        await press_and_wait(tg, bob, plain, BEFORE_AFTER)
        plain_picture = uploaded(tg, "sendPhoto", "photo")
    assert size_of(plain_picture) == size_of(picture)
    assert pixels(picture, CORNER) != pixels(plain_picture, CORNER)
    assert _close(pixels(picture, TOP_LEFT), pixels(plain_picture, TOP_LEFT))


async def test_with_result_mark_files_the_full_quality_file_is_marked_too(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(
        tg, tmp_path, vendors, result_keep=600, result_mark="@faceshift_bot", result_mark_files=True
    )
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        result = await older_result(tg, alice)
        stored = (await kept_file(bot)).read_bytes()
        await press_and_wait(tg, alice, result, FULL_QUALITY)
        document = uploaded(tg, "sendDocument", "document")
        assert pixels(document, CORNER) != pixels(stored, CORNER)


def _close(a: bytes, b: bytes, tolerance: int = 12) -> bool:
    """Two pixel runs equal but for JPEG's re-encoding noise."""
    return len(a) == len(b) and max(abs(x - y) for x, y in zip(a, b, strict=True)) <= tolerance


# ---- groups -------------------------------------------------------------------------------------------------


async def test_in_a_group_a_stranger_cannot_press_a_results_buttons(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, result_keep=600)):
        alice, mallory = tg.user(1001, "Alice"), tg.user(1666, "Mallory")
        group = tg.group(-100500, "Friends")
        await alice.send_photo(group, FACE, caption="/older")
        result = await wait_result(tg, group)
        assert buttons(result)[-2:] == [BEFORE_AFTER, FULL_QUALITY]
        for button in (BEFORE_AFTER, FULL_QUALITY):
            query = await mallory.press(result, button)
            answer = await tg.wait_for_callback_answer(query)
            assert answer.show_alert and answer.text == NOT_YOURS
        await tg.assert_no_bot_message(group, within=0.3)
        assert not tg.calls_to("sendDocument")
        document = await press_and_wait(tg, alice, result, FULL_QUALITY, chat=group)
        assert "document" in document
