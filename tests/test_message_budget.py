"""Telegram's budget of about 30 new messages per second per bot: a request costs at most two of them (its menu
and its answer), its progress included, and ``/metrics`` counts them."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import free_port, make_settings, running_bot
from tests.support.conversation import menu_back, photo_and_menu, press_age, wait_result
from tests.support.images import FACE

SENDS = ("sendMessage", "sendPhoto", "sendDocument")


def new_messages(tg: FakeTelegram, chat_id: int) -> list[str]:
    return [c.method for c in tg.calls_to(*SENDS) if c.ok and c.params.get("chat_id") == chat_id]


async def older(tg: FakeTelegram, user: FakeUser) -> None:
    _, menu = await photo_and_menu(tg, user)
    await press_age(tg, user, menu)
    await wait_result(tg, user)
    await menu_back(tg, user, menu)


async def younger(tg: FakeTelegram, user: FakeUser) -> None:
    _, menu = await photo_and_menu(tg, user)
    await user.press(menu, "👶 Younger")
    await user.press(await tg.wait_for_edit(menu), "18 years")
    await wait_result(tg, user)
    await menu_back(tg, user, menu)


async def by_button(tg: FakeTelegram, user: FakeUser, button: str) -> None:
    _, menu = await photo_and_menu(tg, user)
    await user.press(menu, button)
    await wait_result(tg, user)
    await menu_back(tg, user, menu)


async def caption(tg: FakeTelegram, user: FakeUser) -> None:
    await user.send_photo(user, FACE, caption="/older")
    await wait_result(tg, user)
    await tg.wait_until(lambda: all(not m.get("text", "").startswith("⏳") for m in tg.bot_messages(user)))


@pytest.mark.parametrize("operation", ["older", "younger", "swap gender", "detect", "caption command"])
async def test_a_request_sends_at_most_two_new_messages(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, operation: str
) -> None:
    vendors.ailab.latency = vendors.accuauth.latency = 0.3  # every stage is shown (status_delay 0)
    settings = make_settings(tg, tmp_path, vendors, metrics_port=free_port())
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        match operation:
            case "older":
                await older(tg, alice)
            case "younger":
                await younger(tg, alice)
            case "swap gender":
                await by_button(tg, alice, "🔄 Swap gender")
            case "detect":
                await by_button(tg, alice, "🔍 Detect gender")
            case _:
                await caption(tg, alice)
        sent = new_messages(tg, alice.id)
        edits = [c for c in tg.calls_to("editMessageText") if c.ok and c.params.get("chat_id") == alice.id]
        if operation == "caption command":
            assert sent == ["sendMessage", "sendPhoto"]  # one status message (no menu to show it in), the result
        else:
            assert sent == ["sendMessage", "sendPhoto"]  # the menu, the result: the stages were edits
            assert any(str(c.params["text"]).startswith("⏳") for c in edits)
        async with httpx.AsyncClient() as http:
            text = (await http.get(bot.metrics_url)).text
        counted = {
            (kind, method): float(value)
            for kind, method, value in re.findall(
                r'^faceshift_telegram_messages_total\{kind="(\w+)",method="(\w+)"\} (\S+)$', text, re.MULTILINE
            )
        }
        assert sum(v for (kind, _), v in counted.items() if kind == "new") == len(tg.calls_to(*SENDS))
        assert counted.get(("edit", "editMessageText"), 0) == len(tg.calls_to("editMessageText"))
