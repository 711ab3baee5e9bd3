"""Webhook mode: Telegram pushes updates to the bot's web server, which checks the secret header."""

from __future__ import annotations

from pathlib import Path

import httpx

from bot.web.webhook import SECRET_HEADER, webhook_path
from tests.fakes.telegram import FakeTelegram
from tests.support.bot import TOKEN, make_settings, running_bot


async def test_webhook_mode_registers_and_receives_updates(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, telegram_mode="webhook")
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        assert tg.webhook.url == f"{settings.public_url}{webhook_path(TOKEN)}"
        assert tg.webhook.secret_token and len(tg.webhook.secret_token) >= 32
        assert tg.poll_count == 0  # no long polling in webhook mode
        await alice.send_text(alice, "/start")
        reply = await tg.wait_for_bot_message(alice)
        assert "Hi, Alice!" in reply["text"]
        assert tg.webhook_deliveries and tg.webhook_deliveries[-1][1] == 200


async def test_a_request_without_the_secret_header_gets_403_and_no_update(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, telegram_mode="webhook")
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        url = tg.webhook.url
        forged = {
            "update_id": 999,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": 1001, "type": "private"},
                "from": {"id": 1001, "is_bot": False, "first_name": "Alice"},
                "text": "/help",
            },
        }
        async with httpx.AsyncClient() as client:
            missing = await client.post(url, json=forged)
            wrong = await client.post(url, json=forged, headers={SECRET_HEADER: "guess"})
            elsewhere = await client.post(f"http://127.0.0.1:{settings.web_port}/telegram/x", json=forged)
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert elsewhere.status_code == 404
        await tg.assert_no_bot_message(alice, within=0.3)
        assert tg.calls_to("sendMessage") == []


async def test_drop_pending_updates_is_a_setting(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send_text(alice, "/start")  # queued while the bot is down
    settings = make_settings(tg, tmp_path, telegram_mode="webhook", webhook_drop_pending_updates=True)
    async with running_bot(tg, settings):
        await tg.assert_no_bot_message(alice, within=0.5)
    kept = make_settings(tg, tmp_path / "b", telegram_mode="webhook")
    await alice.send_text(alice, "/help")
    async with running_bot(tg, kept):
        reply = await tg.wait_for_bot_message(alice)
        assert "How to use" in reply["text"]
