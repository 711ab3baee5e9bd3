"""End to end: a waiting job's status says its place and an estimate; a vendor's 429s lower its limit, which
/metrics shows; nobody pays for a job that waited, was cancelled, or was turned away."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import free_port, make_settings, running_bot
from tests.support.conversation import (
    allowance,
    audit,
    photo_and_menu,
    press_age,
    text_of,
    wait_result,
    wait_text,
)
from tests.support.images import FACE


async def vendor_limits(url: str) -> dict[tuple[str, str], float]:
    async with httpx.AsyncClient() as client:
        text = (await client.get(url)).text
    found = re.findall(
        r'^faceshift_vendor_concurrency_limit\{lane="(\w+)",vendor="(\w+)"\} ([0-9.]+)$', text, re.MULTILINE
    )
    return {(vendor, lane): float(value) for lane, vendor, value in found}


async def gauges(url: str) -> dict[str, float]:
    async with httpx.AsyncClient() as client:
        text = (await client.get(url)).text
    return {name: float(value) for name, value in re.findall(r"^(\w+) ([0-9.e+-]+)$", text, re.MULTILINE)}


async def test_waiting_jobs_are_told_their_place_and_about_how_long(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """One slot (pinned); the vendor holds Bob's call until the test lets it go: Carol is 1st in line, Dave
    2nd, each with an estimate from the jobs the lane has done; /cancel takes Dave out for free."""
    settings = make_settings(tg, tmp_path, vendors, vendor_concurrency=1, vendor_concurrency_max=1)
    async with running_bot(tg, settings) as bot:
        alice, bob, carol, dave = (tg.user(1001 + i, name) for i, name in enumerate(["A", "B", "C", "D"]))
        menus = {person.id: (await photo_and_menu(tg, person))[1] for person in (alice, bob, carol, dave)}
        await press_age(tg, alice, menus[alice.id])
        await wait_result(tg, alice)  # the lane now knows how long a job holds its slot
        vendors.ailab.gate = asyncio.Event()
        await press_age(tg, bob, menus[bob.id])
        await vendors.ailab.wait_requests(2)
        await press_age(tg, carol, menus[carol.id])
        carol_status = await wait_text(tg, carol, "in line")
        assert carol_status["text"] == "⏳ Making the face older (65): 1st in line, about 5 s…"
        await press_age(tg, dave, menus[dave.id])
        dave_status = await wait_text(tg, dave, "in line")
        assert dave_status["text"] == "⏳ Making the face older (65): 2nd in line, about 5 s…"
        await dave.send_text(dave, "/cancel")
        await wait_text(tg, dave, "Cancelled")
        vendors.ailab.gate.set()
        await wait_result(tg, bob)
        await wait_result(tg, carol)
        assert vendors.ailab.most_busy == 1
        assert [(await allowance(bot, p.id)).daily_used for p in (alice, bob, carol, dave)] == [1, 1, 1, 0]
        assert await audit(bot) == []


async def test_a_storm_of_429s_lowers_the_vendors_limit_and_fails_no_job_that_can_wait(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """The vendor works on 2 calls at once and answers 429 to any more; its limit (VENDOR_CONCURRENCY 8: it opens
    at 4, slow start) comes down to
    what it carried, and /metrics says so. A refused job gives its slot back and waits in line with the jobs
    the lowered limit keeps there (none asks the vendor again while it is full, however long that lasts), and
    each is served once a slot is free: every request gets its result, nobody is told "busy"."""
    settings = make_settings(
        tg, tmp_path, vendors, vendor_concurrency=8, metrics_port=free_port(), vendor_fallback=False
    )
    vendors.ailab.capacity = 2
    vendors.ailab.gate = asyncio.Event()  # the first two calls are held: every other one is turned away
    async with running_bot(tg, settings) as bot:
        assert (await vendor_limits(bot.metrics_url))[("ailab", "edit")] == 4
        people = [tg.user(3000 + i, f"P{i}") for i in range(8)]
        menus = [(await photo_and_menu(tg, person))[1] for person in people]
        for person, menu in zip(people, menus, strict=True):
            await press_age(tg, person, menu)
        await tg.wait_until(lambda: vendors.ailab.turned_away >= 1, timeout=10, what="a call turned away")
        waiting = 0.0
        async with asyncio.timeout(10):  # all but the two the vendor works on are in line, without a slot
            while waiting < 6:
                waiting = (await gauges(bot.metrics_url))["faceshift_jobs_waiting"]
                await asyncio.sleep(0.05)
        limits = await vendor_limits(bot.metrics_url)
        assert 1 <= limits[("ailab", "edit")] <= 2
        assert limits[("ailab", "swap")] == 4  # face swaps learn apart
        assert limits[("acedata", "edit")] == 4
        refused = vendors.ailab.turned_away
        vendors.ailab.gate.set()
        for person in people:
            await wait_result(tg, person)
        assert not any("busy" in text_of(m) for p in people for m in tg.bot_messages(p))
        assert vendors.ailab.turned_away == refused  # slots freed one by one: no new 429
        assert vendors.ailab.most_busy == 2
        assert [(await allowance(bot, p.id)).daily_used for p in people] == [1] * 8
        assert await audit(bot) == []


async def test_a_job_cancelled_while_its_waiting_status_is_posted_leaves_no_status(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Erin's caption job waits for the one slot; her /cancel comes while its "in line" status is with Telegram
    (posted, the answer not back yet). The post is not cut short: its id is learnt, and the status message
    becomes the notice. Nothing is left saying it waits."""
    settings = make_settings(tg, tmp_path, vendors, vendor_concurrency=1, vendor_concurrency_max=1)
    async with running_bot(tg, settings) as bot:
        bob, erin = tg.user(1002, "Bob"), tg.user(1005, "Erin")
        _, menu = await photo_and_menu(tg, bob)
        vendors.ailab.gate = asyncio.Event()
        await press_age(tg, bob, menu)
        await vendors.ailab.wait_requests(1)
        posting = tg.hold("sendMessage", chat_id=erin.id, after=True)
        await erin.send_photo(erin, FACE, caption="/older")
        await wait_text(tg, erin, "in line")
        await erin.send_text(erin, "/cancel")
        await wait_text(tg, erin, "Cancelled.")
        posting.release()
        notice = await wait_text(tg, erin, "did not cost anything")
        vendors.ailab.gate.set()
        await wait_result(tg, bob)
        assert not [m for m in tg.bot_messages(erin) if text_of(m).startswith("⏳")], tg.transcript(erin)
        assert "in line" not in text_of(notice)
        assert (await allowance(bot, erin.id)).daily_used == 0
        assert await audit(bot) == []
