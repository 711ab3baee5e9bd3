"""SIGTERM in the middle of a face swap (issue 7): the person gets the result or an "interrupted, it did not
cost anything" message, never silence; a restart afterwards settles nothing twice; a second SIGTERM leaves at
once and the next start settles the job it left behind.

The bot runs as a process (``python -m bot``); the swap is held by the fake Ace (``swap_delay``) and each signal
is sent at an event (Ace accepted the swap; the bot logged that it is stopping), never after a guessed time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from storage import Database
from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import BotProcess, make_settings, running_bot_process
from tests.support.conversation import answer_kind, poll_until
from tests.support.images import FACE, jpeg

pytestmark = pytest.mark.slow

ALICE = 1001


def settings_for(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, **overrides: Any) -> Settings:
    return make_settings(tg, tmp_path, vendors, log_level="INFO", status_delay=0.0, **overrides)


def finals(tg: FakeTelegram, person: FakeUser) -> list[str]:
    kinds = (answer_kind(m) for m in tg.bot_messages(person))
    return [kind for kind in kinds if kind is not None]


async def swap_until_ace_has_it(tg: FakeTelegram, vendors: FakeVendors, person: FakeUser) -> None:
    """The person asks for a face swap (an album captioned /swap); returns once Ace accepted the job."""
    await person.send_album(person, [jpeg((320, 400)), FACE], caption="/swap")
    await poll_until(lambda: vendors.acedata.requests_to("/face/swap"), timeout=15, what="Ace to get the swap")


async def ledger_and_jobs(settings: Settings) -> tuple[list[str], list[tuple[str, str | None]], list[str]]:
    """(the ledger check's problems, [(status, outcome)] of the jobs, the ledger's kinds in order)."""
    db = await Database.open(settings.database_path)
    try:
        problems = await QuotaRepository(db, settings.free_daily_quota).audit()
        jobs = [(r["status"], r["outcome"]) for r in await db.conn.execute_fetchall("SELECT status, outcome FROM jobs")]
        kinds = [r["kind"] for r in await db.conn.execute_fetchall("SELECT kind FROM ledger ORDER BY id")]
        return problems, jobs, kinds
    finally:
        await db.close()


async def restart_changes_nothing(tg: FakeTelegram, settings: Settings, person: FakeUser) -> None:
    """A start after the shutdown: its recovery finds nothing to settle, tell or deliver."""
    before = (len(tg.bot_messages(person)), await ledger_and_jobs(settings))
    async with running_bot_process(tg, settings) as bot:  # ready once polling: recovery has run
        after = (len(tg.bot_messages(person)), await ledger_and_jobs(settings))
    assert after == before
    assert bot.process.returncode == 0


@pytest.mark.parametrize(
    ("swap_delay", "grace", "expected", "ledger"),
    [
        (60.0, 1.0, "interrupted", ["reserve", "release"]),  # the grace runs out: stopped, released, told
        (1.0, 20.0, "result", ["reserve", "charge"]),  # the swap ends within the grace: delivered, charged
    ],
    ids=["grace-runs-out", "finishes-within-grace"],
)
async def test_sigterm_during_a_swap_answers_the_person(
    tg: FakeTelegram,
    vendors: FakeVendors,
    tmp_path: Path,
    swap_delay: float,
    grace: float,
    expected: str,
    ledger: list[str],
) -> None:
    settings = settings_for(tg, vendors, tmp_path, shutdown_grace=grace)
    alice = tg.user(ALICE, "Alice")
    vendors.acedata.swap_delay = swap_delay
    async with running_bot_process(tg, settings) as bot:
        await swap_until_ace_has_it(tg, vendors, alice)
        assert finals(tg, alice) == []
        assert await bot.stop(timeout=grace + 20) == 0
    assert finals(tg, alice) == [expected]
    problems, jobs, kinds = await ledger_and_jobs(settings)
    assert problems == []
    assert jobs == ([("interrupted", "interrupted")] if expected == "interrupted" else [("succeeded", "ok")])
    assert kinds == ledger
    assert "Traceback" not in bot.log and "unhandled error" not in bot.log
    await restart_changes_nothing(tg, settings, alice)


async def test_a_second_sigterm_leaves_at_once_and_the_next_start_settles(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = settings_for(tg, vendors, tmp_path, shutdown_grace=60.0)
    alice = tg.user(ALICE, "Alice")
    vendors.acedata.swap_delay = 120
    async with running_bot_process(tg, settings) as bot:
        await swap_until_ace_has_it(tg, vendors, alice)
        bot.terminate()
        await stopping(bot)
        bot.terminate()  # the operator insists: no waiting for the running swap
        assert await bot.wait(timeout=5) == 1
    assert "second stop signal: exiting at once" in bot.log
    assert finals(tg, alice) == []  # not yet: the job was left running...
    problems, jobs, kinds = await ledger_and_jobs(settings)
    assert (problems, jobs, kinds) == ([], [("running", None)], ["reserve"])  # ...its reservation held

    vendors.acedata.reset()
    async with running_bot_process(tg, settings):
        await tg.wait_until(lambda: finals(tg, alice) == ["interrupted"], timeout=10, what="the person to be told")
    problems, jobs, kinds = await ledger_and_jobs(settings)
    assert (problems, jobs, kinds) == ([], [("interrupted", "interrupted")], ["reserve", "release"])
    await restart_changes_nothing(tg, settings, alice)
    assert finals(tg, alice) == ["interrupted"]


async def stopping(bot: BotProcess) -> None:
    """Wait until the bot says it is stopping (the first signal arrived and was acted upon)."""
    await poll_until(lambda: "stopping: no new updates" in bot.log, timeout=10, what="the bot to start stopping")
