"""SIGKILL at each named moment of a job's end (``bot.jobs.crash_points``), then a restart: no result file is left,
nothing is charged twice, no status message the bot knows of is left saying "working", every job ends, and the
ledger audits clean. The bot runs as a process started through ``tests/crash_bot.py``, which kills it the
moment a job reaches the point named in its environment (no timing involved)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import Texts
from bot.settings import Settings
from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import BotProcess, make_settings, running_bot_process
from tests.support.conversation import ALL_BUTTONS, buttons, menu_back, photo_and_menu, text_of, wait_text
from tests.support.images import FACE, jpeg
from tests.support.inbox import until

pytestmark = pytest.mark.slow

EN = Texts().get("en")
ROOT = Path(__file__).resolve().parents[1]


def crash_env(point: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {"FACESHIFT_CRASH_AT": point, "PYTHONPATH": path}


def results(settings: Settings) -> list[str]:
    folder = settings.results_dir
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def answers(tg: FakeTelegram, person: FakeUser) -> list[str]:
    """The bot's messages in the person's chat now, as kinds: result, status, or the notice's first words."""
    kinds = []
    for message in tg.bot_messages(person):
        text = text_of(message)
        if "photo" in message or "document" in message:
            kinds.append("result")
        elif text.startswith("⏳"):
            kinds.append("status")
        else:
            kinds.append(text.split(".")[0])
    return kinds


async def ended(bot: BotProcess) -> list[dict[str, Any]]:
    """The jobs, once each has ended and owes the chat nothing (told; no status message left to remove)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while True:
        async with bot.database() as db:
            jobs = [dict(r) for r in await db.conn.execute_fetchall("SELECT * FROM jobs")]
        done = all(
            job["status"] in ("succeeded", "given_up", "failed", "interrupted")
            and job["status_message_id"] is None
            and (job["status"] == "succeeded" or job["told_at"] is not None)
            for job in jobs
        )
        if jobs and done:
            return jobs
        if loop.time() > deadline:
            raise AssertionError(f"the jobs did not end: {jobs}\n{bot.log[-4000:]}")
        await asyncio.sleep(0.05)


async def crash_then_restart(
    tg: FakeTelegram, settings: Settings, point: str, person: FakeUser
) -> tuple[list[str], list[str], list[dict[str, Any]], list[tuple[str, int]]]:
    """Run one /older to the crash point, then restart. Returns (what the chat showed at the kill, the result
    files at the kill, the jobs once ended, the job's ledger rows)."""
    async with running_bot_process(tg, settings, module="tests.crash_bot", env=crash_env(point)) as bot:
        await person.send_photo(person, FACE, caption="/older")
        assert await bot.wait(timeout=30) == -signal.SIGKILL, bot.log[-4000:]
    assert tg.pending_updates == []  # the update was confirmed before the kill: only the job is in question
    at_kill, files_at_kill = answers(tg, person), results(settings)
    async with running_bot_process(tg, settings) as bot:
        jobs = await ended(bot)
        async with bot.database() as db:
            assert await QuotaRepository(db, settings.free_daily_quota).audit() == []
            rows = await db.conn.execute_fetchall(
                "SELECT kind, amount FROM ledger WHERE job_id IS NOT NULL ORDER BY id"
            )
        assert "Traceback" not in bot.log
    return at_kill, files_at_kill, jobs, [(row["kind"], row["amount"]) for row in rows]


async def test_killed_between_the_result_file_and_the_charge(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    at_kill, files, jobs, ledger = await crash_then_restart(tg, settings, "result-written", alice)
    assert at_kill == ["status"] and len(files) == 2  # the result and its note were on disk, not yet paid for
    assert [(j["status"], j["outcome"]) for j in jobs] == [("interrupted", "interrupted")]
    assert ledger == [("reserve", 1), ("release", 1)]  # not charged
    assert results(settings) == []  # the file no paid job owned is gone
    assert answers(tg, alice) == [EN("fail-interrupted").split(".")[0]]  # the status became the notice


async def test_killed_after_the_charge_before_sending(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    at_kill, files, jobs, ledger = await crash_then_restart(tg, settings, "charged", alice)
    assert at_kill == ["status"] and files
    assert [j["status"] for j in jobs] == ["succeeded"]
    assert ledger == [("reserve", 1), ("charge", 1)]
    assert results(settings) == [] and answers(tg, alice) == ["result"]  # delivered by the restart, once


async def test_killed_after_the_delivery_was_recorded(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    at_kill, files, jobs, ledger = await crash_then_restart(tg, settings, "delivered", alice)
    assert at_kill == ["status", "result"] and files  # the status message and the file were still there
    assert [j["status"] for j in jobs] == ["succeeded"]
    assert ledger == [("reserve", 1), ("charge", 1)]
    assert results(settings) == [] and answers(tg, alice) == ["result"]  # not sent again; the status removed


async def test_killed_after_telegram_accepted_before_the_record_sends_it_again(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The one window no restart can close (README, "Delivery"): the result is sent twice, charged once."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    at_kill, _files, jobs, ledger = await crash_then_restart(tg, settings, "sent", alice)
    assert at_kill == ["status", "result"]
    assert [j["status"] for j in jobs] == ["succeeded"]
    assert ledger == [("reserve", 1), ("charge", 1)]
    assert results(settings) == [] and answers(tg, alice) == ["result", "result"]


async def test_killed_while_a_status_message_is_about_to_be_posted(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, status_delay=0.3)
    vendors.ailab.latency = 5  # the job is still with the vendor when its status is due
    alice = tg.user(1001, "Alice")
    at_kill, _files, jobs, ledger = await crash_then_restart(tg, settings, "status-posting", alice)
    assert at_kill == []  # the intent was recorded, the message never sent
    assert [(j["status"], j["outcome"]) for j in jobs] == [("interrupted", "interrupted")]
    assert ledger == [("reserve", 1), ("release", 1)]
    assert results(settings) == [] and answers(tg, alice) == [EN("fail-interrupted").split(".")[0]]


async def test_killed_after_an_undeliverable_result_was_refunded(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    tg.fail_next("sendPhoto", 400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
    tg.fail_next("sendDocument", 400, "Bad Request: wrong file identifier/HTTP URL specified")
    at_kill, files, jobs, ledger = await crash_then_restart(tg, settings, "given-up", alice)
    assert at_kill == ["status"] and files  # refunded; the person not told, the file not deleted yet
    assert [(j["status"], j["outcome"]) for j in jobs] == [("given_up", "undeliverable")]
    assert ledger == [("reserve", 1), ("charge", 1), ("refund", 1)]
    assert results(settings) == []
    assert answers(tg, alice) == [EN("fail-undeliverable").split(".")[0]]  # told once, by the restart


async def test_killed_as_a_swap_from_the_menu_opened(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    """The menu was the swap's prompt ("send the face"); the job opened, nothing shown for it yet, so no status
    message was recorded. After the restart the menu is the main menu again and the person is told."""
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(1001, "Alice")
    async with running_bot_process(tg, settings, module="tests.crash_bot", env=crash_env("opened")) as bot:
        _photo, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🎭 Swap faces")
        assert buttons(await tg.wait_for_edit(menu)) == ["✖️ Cancel"]
        await alice.send_photo(alice, jpeg((320, 400)))
        assert await bot.wait(timeout=30) == -signal.SIGKILL, bot.log[-4000:]
    assert buttons(tg.message(alice, menu["message_id"])) == ["✖️ Cancel"]  # the prompt at the kill
    async with running_bot_process(tg, settings) as bot:
        jobs = await ended(bot)
        assert [(j["status"], j["outcome"]) for j in jobs] == [("interrupted", "interrupted")]
        assert buttons(await menu_back(tg, alice, menu)) == ALL_BUTTONS
        await wait_text(tg, alice, EN("fail-interrupted").split(".")[0])
        async with bot.database() as db:
            assert await QuotaRepository(db, settings.free_daily_quota).audit() == []
            rows = await db.conn.execute_fetchall("SELECT kind, amount FROM ledger WHERE job_id IS NOT NULL")
        assert [(row["kind"], row["amount"]) for row in rows] == [("reserve", 1), ("release", 1)]
        assert "Traceback" not in bot.log


async def test_killed_after_a_refusal_the_gesture_is_not_refused_again(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """A refusal is a gesture's final answer: its update is done once it is said, so a crash before the handler's
    end does not have the gesture handled again (and refused twice)."""
    settings = make_settings(tg, tmp_path, vendors, free_daily_quota=0)
    alice = tg.user(1001, "Alice")
    async with running_bot_process(tg, settings, module="tests.crash_bot", env=crash_env("refused")) as bot:
        await alice.send_photo(alice, FACE, caption="/older")
        assert await bot.wait(timeout=30) == -signal.SIGKILL, bot.log[-4000:]
    refusals = [m for m in tg.bot_messages(alice) if "used all 0 free edits" in text_of(m)]
    assert len(refusals) == 1
    async with running_bot_process(tg, settings) as bot:
        await alice.send_text(alice, "/help")  # handled after anything left over from the first life (in order)
        await wait_text(tg, alice, "How to use FaceShift")

        async def nothing_unfinished() -> bool:
            async with bot.database() as db:
                return not await db.conn.execute_fetchall("SELECT update_id FROM inbox WHERE done_at IS NULL")

        await until(nothing_unfinished, timeout=10, what="every update to be done")
    assert [m for m in tg.bot_messages(alice) if "used all 0 free edits" in text_of(m)] == refusals
    assert not vendors.ailab.requests
