"""/admin: the button that opens the dashboard, where Telegram allows one, and words where it does not."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.telegram import FakeTelegram
from tests.fakes.telegram.webapp import web_app_url
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import ADMIN_ID, UNKNOWN, ask, text_of


async def test_admin_gets_a_mini_app_button_in_a_private_chat(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    await admin.send_text(admin, "/admin")
    answer = await tg.wait_for_bot_message(admin)
    assert "The dashboard" in text_of(answer)
    assert web_app_url(answer, "📊 Open the dashboard") == f"{bot.settings.public_url}/admin/"
    # The admin's own command menu offers it; nobody else's does.
    assert "admin" in {c["command"] for c in tg.commands[(f"chat:{ADMIN_ID}", "")]}
    assert "admin" not in {c["command"] for c in tg.commands[("all_private_chats", "")]}
    # Russian-speaking admins get it in Russian.
    boris = tg.user(ADMIN_ID, "Борис", language_code="ru")
    await boris.send_text(boris, "/admin")
    assert web_app_url(await tg.wait_for_bot_message(boris), "📊 Открыть панель").endswith("/admin/")


async def test_in_a_group_and_for_anyone_else_there_is_no_button(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin, eve = tg.user(ADMIN_ID, "Ada"), tg.user(1666, "Eve")
    group = tg.group(-100777, "Friends")
    # Telegram refuses Mini App buttons outside private chats (the fake too): words instead.
    assert "only from a private chat" in await ask(tg, admin, "/admin", chat=group)
    assert await ask(tg, eve, "/admin") == UNKNOWN
    sent = await eve.send_text(group, "/admin")
    await tg.wait_until_fetched(sent)
    await tg.assert_no_bot_message(group, within=0.3)


async def test_without_a_usable_public_url_the_admin_is_told_why(tg: FakeTelegram, tmp_path: Path) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        assert "needs PUBLIC_URL" in await ask(tg, admin, "/admin")
    # A URL Telegram will not open (e.g. not https): its refusal is turned into words, not silence.
    async with running_bot(tg, make_settings(tg, tmp_path, public_url="http://faceshift.example")):
        tg.fail_next("sendMessage", 400, "Bad Request: BUTTON_URL_INVALID")
        assert "Telegram refused the dashboard button for http://faceshift.example/admin/" in await ask(
            tg, admin, "/admin"
        )
