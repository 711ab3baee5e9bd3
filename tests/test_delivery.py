"""Delivery with an end: a paid result reaches the person (as a photo fitted to Telegram's rules, or as a document),
follows its group when it becomes a supergroup, outlasts a spell of Telegram errors while the bot runs, or, when
it cannot be delivered at all, is refunded, deleted and (when anyone can be told) explained. Charged once; the
ledger audits clean after each."""

from __future__ import annotations

import asyncio
import io
import random
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.i18n import Texts
from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors, solid_image
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import allowance, audit, is_photo, text_of, wait_text
from tests.support.images import FACE

EN = Texts().get("en")
NOT_FREE = EN("not-free")


def noise_png(width: int, height: int, seed: int = 1) -> bytes:
    """A PNG that does not compress: about ``3 * width * height`` bytes."""
    pixels = random.Random(seed).randbytes(width * height * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def image_of(data: bytes) -> tuple[str, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as image:
        return str(image.format), image.size


async def jobs_of(bot: RunningBot) -> list[dict[str, Any]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT * FROM jobs ORDER BY created_at")
    return [dict(row) for row in rows]


async def ledger_of(bot: RunningBot) -> list[tuple[str, int]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT kind, amount FROM ledger WHERE job_id IS NOT NULL ORDER BY id")
    return [(row["kind"], row["amount"]) for row in rows]


async def until_settled(bot: RunningBot, ended: Collection[str] = ("succeeded", "given_up")) -> list[dict[str, Any]]:
    """The jobs, once every one has ended in one of ``ended`` and left nothing behind (told, status removed)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while True:
        jobs = await jobs_of(bot)
        done = all(
            job["status"] in ended
            and job["status_message_id"] is None
            and (job["status"] == "succeeded" or job["told_at"] is not None)
            for job in jobs
        )
        if jobs and done:
            return jobs
        if loop.time() > deadline:
            raise AssertionError(f"the jobs did not end: {jobs}")
        await asyncio.sleep(0.02)


def results_left(bot: RunningBot) -> list[str]:
    folder = bot.settings.results_dir
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def calls_in(tg: FakeTelegram, chat_id: int, *methods: str) -> list[Any]:
    return [call for call in tg.calls_to(*methods) if call.params.get("chat_id") == chat_id]


def no_status_left(tg: FakeTelegram, chat: Any) -> bool:
    return not any(text_of(m).startswith("⏳") for m in tg.bot_messages(chat))


def is_document(message: dict[str, Any]) -> bool:
    return "document" in message


async def wait_message(tg: FakeTelegram, chat: Any, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return await tg.wait_for_bot_message(chat, predicate=predicate, timeout=20)


# ---- results Telegram would refuse as they are ----------------------------------------------------------


async def test_a_13000x400_result_arrives_as_a_document_charged_once(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    strip = solid_image(13000, 400, "PNG")
    vendors.ailab.return_image(strip)
    photo = await alice.send_photo(alice, FACE, caption="/older")
    sent = await wait_message(tg, alice, is_document)
    assert tg.message_file(sent).data == strip  # no photo can show a side ratio of 32: the file as it is
    assert sent["document"]["file_name"] == "faceshift.png" and sent["document"]["mime_type"] == "image/png"
    assert "65 years old" in sent["caption"] and sent["reply_to_message"]["message_id"] == photo["message_id"]
    assert calls_in(tg, alice.id, "sendPhoto") == []  # fitted as a document before any refusal
    [job] = await until_settled(bot)
    assert job["status"] == "succeeded"
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1)]
    assert await audit(bot) == []
    assert results_left(bot) == [] and no_status_left(tg, alice)


async def test_a_12_mb_png_result_is_fitted_into_a_photo(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    big = noise_png(2000, 2000)
    assert len(big) > 12_000_000
    vendors.ailab.return_image(big)
    await alice.send_photo(alice, FACE, caption="/older")
    result = await wait_message(tg, alice, is_photo)
    [call] = calls_in(tg, alice.id, "sendPhoto")
    assert call.ok and len(call.files["photo"].data) <= 10_000_000
    assert image_of(call.files["photo"].data) == ("JPEG", (2000, 2000))  # re-encoded, not shrunk
    assert "65 years old" in result["caption"]
    [job] = await until_settled(bot)
    assert job["status"] == "succeeded"
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1)]
    assert await audit(bot) == [] and results_left(bot) == []


async def test_a_photo_telegram_refuses_goes_as_a_document(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    tg.fail_next("sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    await alice.send_photo(alice, FACE, caption="/older")
    sent = await wait_message(tg, alice, is_document)
    [refused] = calls_in(tg, alice.id, "sendPhoto")
    [accepted] = calls_in(tg, alice.id, "sendDocument")
    assert refused.status == 400 and accepted.ok
    assert accepted.files["document"].data == refused.files["photo"].data == tg.message_file(sent).data
    [job] = await until_settled(bot)
    assert job["status"] == "succeeded"
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1)]
    assert await audit(bot) == [] and results_left(bot) == []


async def test_a_result_refused_as_a_photo_and_as_a_document_is_refunded_and_said(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    vendors.ailab.latency = 0.3  # long enough for a status message, which becomes the notice
    tg.fail_next("sendPhoto", 400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
    tg.fail_next("sendDocument", 400, "Bad Request: wrong file identifier/HTTP URL specified")
    await alice.send_photo(alice, FACE, caption="/older")
    told = await wait_text(tg, alice, EN("fail-undeliverable"), timeout=20)
    assert NOT_FREE in text_of(told)
    [job] = await until_settled(bot)
    assert (job["status"], job["outcome"]) == ("given_up", "undeliverable")
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1), ("refund", 1)]
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert await audit(bot) == []
    assert results_left(bot) == [] and no_status_left(tg, alice)
    assert not any(is_photo(m) or is_document(m) for m in tg.bot_messages(alice))


# ---- a group that becomes a supergroup mid-job ---------------------------------------------------------


async def test_a_group_upgraded_mid_job_gets_its_result_in_the_new_chat(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(-4001, "Friends", supergroup=False)
    bobs = await bob.send_photo(group, FACE, caption="/swap")  # Bob waits for a face photo in the same group
    await wait_text(tg, group, "face")
    photo = await alice.send_photo(group, FACE)
    vendors.ailab.latency = 1.0  # the vendor holds Alice's job while the group is upgraded
    await alice.send_text(group, "/older", reply_to=photo)
    await vendors.ailab.wait_requests(1, timeout=10)
    supergroup = tg.migrate_to_supergroup(group, -1004001, by=alice)

    result = await wait_message(tg, supergroup, is_photo)
    assert "65 years old" in result["caption"]
    assert "reply_to_message" not in result  # the photo's message id belongs to the old chat
    assert [call.status for call in calls_in(tg, group.id, "sendPhoto")] == [400]  # "group chat was upgraded"
    [job] = await until_settled(bot)
    assert (job["status"], job["chat_id"]) == ("succeeded", supergroup.id)
    async with bot.database() as db:
        requests = [
            tuple(r) for r in await db.conn.execute_fetchall("SELECT chat_id, moved_from_chat_id FROM requests")
        ]
        pairings = [r[0] for r in await db.conn.execute_fetchall("SELECT chat_id FROM pairings")]
        assert await QuotaRepository(db, bot.settings.free_daily_quota).audit() == []
    assert requests == [(supergroup.id, group.id)] * 2 and pairings == [supergroup.id]
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1)]
    assert results_left(bot) == []
    assert bobs["chat"]["id"] == group.id


# ---- Telegram failing for a while, or for good, or the person gone ---------------------------------------


@pytest.mark.slow
async def test_eight_seconds_of_telegram_errors_are_outlasted_while_running(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, delivery_retry_pause=0.3, delivery_deadline=120)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        tg.fail_next("sendPhoto", 502, chat_id=alice.id, count=None, seconds=8)
        await alice.send_photo(alice, FACE, caption="/older")
        await wait_message(tg, alice, is_photo)
        attempts = calls_in(tg, alice.id, "sendPhoto")
        assert [call.status for call in attempts[:-1]] == [502] * (len(attempts) - 1) and attempts[-1].ok
        assert len(attempts) >= 5  # more than the four retries that used to end in "wait for the next start"
        [job] = await until_settled(bot)
        assert job["status"] == "succeeded"
        assert await ledger_of(bot) == [("reserve", 1), ("charge", 1)]
        assert await audit(bot) == [] and results_left(bot) == [] and no_status_left(tg, alice)


async def test_a_result_still_undelivered_at_the_deadline_is_refunded_and_said(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, delivery_retry_pause=0.1, delivery_deadline=1.0)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        tg.fail_next(["sendPhoto", "sendDocument"], 500, chat_id=alice.id, count=None)  # until the end of the test
        await alice.send_photo(alice, FACE, caption="/older")
        told = await wait_text(tg, alice, EN("fail-undelivered"), timeout=20)
        assert NOT_FREE in text_of(told)
        [job] = await until_settled(bot)
        assert (job["status"], job["outcome"]) == ("given_up", "undelivered")
        assert len(calls_in(tg, alice.id, "sendPhoto")) >= 2  # tried again while running, then gave up
        assert await ledger_of(bot) == [("reserve", 1), ("charge", 1), ("refund", 1)]
        assert (await allowance(bot, alice.id)).daily_used == 0
        assert await audit(bot) == [] and results_left(bot) == [] and no_status_left(tg, alice)


async def test_a_person_who_blocked_the_bot_is_refunded_and_the_result_deleted(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    vendors.ailab.latency = 1.0
    await alice.send_photo(alice, FACE, caption="/older")
    await vendors.ailab.wait_requests(1, timeout=10)
    tg.block(alice)  # while the vendor works
    [job] = await until_settled(bot, ended=("given_up",))
    assert job["outcome"] == "unreachable"
    [refused] = calls_in(tg, alice.id, "sendPhoto")
    assert refused.status == 403  # one try: a closed chat does not open by retrying
    assert calls_in(tg, alice.id, "sendDocument") == []
    assert await ledger_of(bot) == [("reserve", 1), ("charge", 1), ("refund", 1)]
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert await audit(bot) == [] and results_left(bot) == []
