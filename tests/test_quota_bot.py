"""Quota as people meet it, through the real bot: what is left, when it comes back, costs, no charge on failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings, describe_validation_error
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import TOKEN, make_settings, running_bot
from tests.support.conversation import allowance, audit, menu_back, photo_and_menu, text_of, wait_result, wait_text
from tests.support.images import FACE

ADMIN_ID = 900


async def test_out_of_quota_says_when_it_comes_back_and_credits_come_after_the_allowance(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, free_daily_quota=1, quota_timezone="Asia/Tokyo")
    alice, admin = tg.user(1001, "Alice"), tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, settings) as bot:
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🔍 Detect gender")
        assert "Left today: 0 free edits." in (await wait_result(tg, alice))["caption"]
        query = await alice.press(await menu_back(tg, alice, menu), "🔄 Swap gender")
        answer = (await tg.wait_for_callback_answer(query)).text or ""
        assert "come back at 12:00\u202fAM (Asia/Tokyo)" in answer and "admin can also grant you more" in answer
        assert "Today you have 0 of 1 free edits left" in await _ask(tg, alice, "/quota")

        await admin.send_text(admin, "/grant 1001 2")
        await tg.wait_for_bot_message(admin)
        await alice.press(await menu_back(tg, alice, menu), "🔄 Swap gender")
        caption = (await wait_result(tg, alice))["caption"]
        assert "Left today: 0 free edits, plus 1 credits." in caption
        status = await _ask(tg, alice, "/quota")
        assert "plus 1 credits (they do not expire)" in status and "come back at 12:00\u202fAM (Asia/Tokyo)" in status
        left = await allowance(bot, alice.id)
        assert (left.daily_used, left.credits, left.credits_reserved) == (1, 1, 0)
        assert await audit(bot) == []


async def _ask(tg: FakeTelegram, user: FakeUser, text: str) -> str:
    await user.send_text(user, text)
    return text_of(await tg.wait_for_bot_message(user))


async def test_operation_costs_from_the_environment_are_charged(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, free_daily_quota=3, operation_costs='{"older": 2}')
    assert settings.cost_of("older") == 2 and settings.cost_of("younger") == 1
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        await alice.send_photo(alice, FACE, caption="/older")
        assert "Left today: 1 free edits." in (await wait_result(tg, alice))["caption"]
        await alice.send_photo(alice, FACE, caption="/older")
        assert "used all 3 free edits" in text_of(await tg.wait_for_bot_message(alice))
        await alice.send_photo(alice, FACE, caption="/younger")
        assert "Left today: 0 free edits." in (await wait_result(tg, alice))["caption"]
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall(
                "SELECT j.operation, l.amount FROM ledger l JOIN jobs j ON j.id = l.job_id WHERE l.kind = 'charge'"
            )
        assert sorted(tuple(r) for r in rows) == [("older", 2), ("younger", 1)]
        assert await audit(bot) == []


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ('{"swap_face": 2}', "unknown operation swap_face; expected some of older, younger"),
        ('{"older": -1}', "the cost of older must be a whole number from 0 to 1000"),
        ('{"older": 1.5}', "the cost of older must be a whole number"),
        ("older=2", 'expected a JSON object such as {"swap_faces": 2}'),
    ],
)
def test_operation_costs_are_validated(tmp_path: Path, value: str, complaint: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, telegram_bot_token=TOKEN, operation_costs=value)
    assert complaint in describe_validation_error(refused.value)


def test_a_bad_operation_cost_stops_the_bot_with_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "OPERATION_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=env | {"TELEGRAM_BOT_TOKEN": TOKEN, "OPERATION_COSTS": '{"olderr": 2}'},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "faceshift: configuration error (OPERATION_COSTS): OPERATION_COSTS: unknown operation olderr; "
        "expected some of older, younger, swap_gender, swap_faces, detect_gender"
    ]


async def test_a_fallback_to_the_second_vendor_is_still_one_charge(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        vendors.ailab.fail(502, "AI_SERVICE_ERROR")  # AILab (the age vendor) is down: Ace does it
        await alice.send_photo(alice, FACE, caption="/older")
        assert "Left today: 4" in (await wait_result(tg, alice))["caption"]
        assert len(vendors.ailab.requests) == 1 and vendors.acedata.requests_to("/face/change-age")
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT kind, amount FROM ledger ORDER BY id")
            vendor = await db.conn.execute_fetchall("SELECT vendor FROM jobs")
        assert [tuple(r) for r in rows] == [("reserve", 1), ("charge", 1)]
        assert [tuple(r) for r in vendor] == [("acedata",)]  # the vendor that made it, for /stats
        assert await audit(bot) == []


async def test_a_vendor_failure_leaves_allowance_and_credits_as_they_were(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(
        tg,
        tmp_path,
        vendors,
        free_daily_quota=1,
        vendor_fallback=False,
        vendor_max_attempts=1,
        operation_costs='{"swap_gender": 2}',
    )
    alice, admin = tg.user(1001, "Alice"), tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, settings) as bot:
        await admin.send_text(admin, "/grant 1001 3")
        await tg.wait_for_bot_message(admin)
        before = await allowance(bot, alice.id)
        vendors.ailab.fail(502, "AI_SERVICE_ERROR", count=2)
        await alice.send_photo(alice, FACE, caption="/older")  # cost 1: the daily allowance
        await wait_text(tg, alice, "did not cost anything")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🔄 Swap gender")  # cost 2: the allowance and a credit
        await wait_text(tg, alice, "did not cost anything")
        assert await allowance(bot, alice.id) == before
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT kind, bucket, amount FROM ledger WHERE job_id IS NOT NULL")
        assert sorted(tuple(r) for r in rows) == sorted(
            [
                ("reserve", "daily", 1),
                ("release", "daily", 1),
                ("reserve", "daily", 1),
                ("reserve", "credits", 1),
                ("release", "daily", 1),
                ("release", "credits", 1),
            ]
        )
        assert await audit(bot) == []
