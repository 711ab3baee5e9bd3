"""A crash between reservation and settlement: the real bot as a process, SIGKILLed mid-job, then restarted."""

from __future__ import annotations

from pathlib import Path

from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import make_settings, running_bot_process
from tests.support.conversation import menu_back, press_age
from tests.support.images import FACE

ALICE = 1001


async def test_a_crash_mid_job_costs_nothing_and_the_person_is_told_after_the_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice = tg.user(ALICE, "Alice")
    vendors.ailab.latency = 120  # the vendor holds the job until the process dies
    async with running_bot_process(tg, settings) as bot:
        await alice.send_photo(alice, FACE)
        menu = await tg.wait_for_bot_message(alice, timeout=10)
        await alice.press(menu, "👴 Older")
        ages = await tg.wait_for_edit(menu)
        await alice.press(ages, "65 years")
        await vendors.ailab.wait_requests(1, timeout=15)  # the paid call is in flight
        await bot.kill()

        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT status, quota_day FROM jobs")
            [(status, day)] = [tuple(row) for row in rows]
            assert status == "running"
            quota = QuotaRepository(db, settings.free_daily_quota)
            held = await quota.allowance(ALICE, day)
            assert (held.daily_reserved, held.daily_left) == (1, 4)  # the reservation is held...
            assert await quota.audit() == []  # ...and the ledger agrees with it

    vendors.ailab.latency = 0
    async with running_bot_process(tg, settings) as bot:
        told = await tg.wait_for_bot_message(alice, predicate=lambda m: "interrupted" in m.get("text", ""), timeout=10)
        assert "did not cost anything" in told["text"]
        async with bot.database() as db:
            [(status, outcome)] = [tuple(r) for r in await db.conn.execute_fetchall("SELECT status, outcome FROM jobs")]
            assert (status, outcome) == ("interrupted", "interrupted")
            quota = QuotaRepository(db, settings.free_daily_quota)
            back = await quota.allowance(ALICE, day)
            assert (back.daily_used, back.daily_reserved, back.daily_left) == (0, 0, 5)
            assert await quota.audit() == []
            kinds = [row["kind"] for row in await db.conn.execute_fetchall("SELECT kind FROM ledger ORDER BY id")]
            assert kinds == ["reserve", "release"]

        # Nothing says "working" after the restart: the menu that showed the job is the menu again (with its
        # buttons), and the same buttons are a retry, paid once.
        await press_age(tg, alice, await menu_back(tg, alice, menu))
        result = await tg.wait_for_bot_message(alice, predicate=lambda m: "photo" in m, timeout=15)
        assert "Left today: 4" in result["caption"]
    assert bot.process.returncode == 0, bot.log
