"""What the payment tests share: the packs on sale, buying through the fake Telegram, reading the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.settings import Settings
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings
from tests.support.conversation import buttons, text_of, wait_text

ADMIN_ID = 900
PACKS = '[{"credits": 10, "stars": 50}, {"credits": 50, "stars": 200}]'
TEN = "10 credits for 50 ⭐"
FIFTY = "50 credits for 200 ⭐"


def paying(tg: FakeTelegram, tmp_path: Path, vendors: FakeVendors | None = None, **overrides: Any) -> Settings:
    return make_settings(tg, tmp_path, vendors, star_packs=PACKS, **overrides)


def is_invoice(message: dict[str, Any]) -> bool:
    return "invoice" in message


async def ask(tg: FakeTelegram, user: FakeUser, text: str, reply_to: Any = None) -> dict[str, Any]:
    await user.send_text(user, text, reply_to=reply_to)
    return await tg.wait_for_bot_message(user)


async def get_invoice(tg: FakeTelegram, user: FakeUser, pack: str = TEN) -> dict[str, Any]:
    """``user`` sends /buy in their private chat and presses ``pack``; the invoice."""
    packs = await ask(tg, user, "/buy")
    assert buttons(packs) == [TEN, FIFTY]
    query = await user.press(packs, pack)
    invoice = await tg.wait_for_bot_message(user, predicate=is_invoice)
    assert (await tg.wait_for_callback_answer(query)).text is None
    return invoice


async def buy(tg: FakeTelegram, user: FakeUser, pack: str = TEN) -> str:
    """A whole purchase: /buy, the pack, Pay; returns the charge id once the receipt arrived."""
    invoice = await get_invoice(tg, user, pack)
    paid = await tg.pay(invoice, by=user)
    assert paid.status == "paid" and paid.charge_id, paid
    receipt = await wait_text(tg, user, "Thank you!")
    assert paid.charge_id in text_of(receipt)
    return paid.charge_id


async def payments(bot: RunningBot) -> list[tuple[Any, ...]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall(
            "SELECT charge_id, user_id, status, stars, credits, debited, source FROM payments ORDER BY paid_at, rowid"
        )
    return [tuple(row) for row in rows]


async def bought_rows(bot: RunningBot) -> list[tuple[Any, ...]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall(
            "SELECT kind, amount, reason FROM ledger WHERE bucket = 'bought' ORDER BY id"
        )
    return [tuple(row) for row in rows]


def receipts(tg: FakeTelegram, user: FakeUser) -> list[str]:
    return [text_of(m) for m in tg.bot_messages(user) if "Thank you!" in text_of(m)]


# ---- buying and spending ------------------------------------------------------------------------------
