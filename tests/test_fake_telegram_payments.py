"""The fake Telegram's payments in Stars, driven by python-telegram-bot's own ``telegram.Bot``: invoices and their
rules, the pre-checkout deadline, successful and refunded payments, refunds and the transaction list."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LabeledPrice, Message, StarTransactions, Update
from telegram.error import BadRequest, Forbidden

from tests.fakes.telegram import FakeTelegram, FakeUser

TOKEN = "123456:TEST-fake-token"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram.running(token=TOKEN, bot_username="faceshift_bot") as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot") as ptb_bot:
        yield ptb_bot


async def invoice(bot: Bot, chat_id: int, *, stars: int = 50, payload: str = "order-1", **extra: object) -> Message:
    return await bot.send_invoice(
        chat_id,
        title="10 credits",
        description="Ten edits",
        payload=payload,
        currency="XTR",
        prices=[LabeledPrice("10 credits", stars)],
        **extra,  # type: ignore[arg-type]
    )


def alice_in(tg: FakeTelegram) -> FakeUser:
    alice = tg.user(1001, "Alice")
    tg.private_chat(alice)
    return alice


async def next_update(tg: FakeTelegram, kind: str) -> Update:
    await tg.wait_until(lambda: any(kind in u for u in tg.pending_updates), what=f"a {kind} update")
    found = next(u for u in tg.pending_updates if kind in u)
    tg.updates.confirm(int(found["update_id"]) + 1)
    return Update.de_json(found, None)


async def test_an_invoice_in_stars_and_its_rules(tg: FakeTelegram, bot: Bot) -> None:
    alice = alice_in(tg)
    sent = await invoice(bot, alice.id, provider_token="")
    assert sent.invoice is not None
    assert (sent.invoice.currency, sent.invoice.total_amount, sent.invoice.title) == ("XTR", 50, "10 credits")
    assert tg.invoice(sent.to_dict()).payload == "order-1"  # kept by Telegram, never shown

    with pytest.raises(BadRequest, match=r"(?i)PAYMENT_PROVIDER_INVALID"):
        await invoice(bot, alice.id, provider_token="284685063:TEST:abc")  # Stars take no provider
    with pytest.raises(BadRequest, match=r"(?i)PAYMENT_PROVIDER_INVALID"):
        await bot.send_invoice(alice.id, "t", "d", "p", "EUR", [LabeledPrice("x", 100)])
    with pytest.raises(BadRequest, match=r"(?i)STARS_INVOICE_INVALID"):
        await bot.send_invoice(alice.id, "t", "d", "p", "XTR", [LabeledPrice("a", 10), LabeledPrice("b", 10)])
    with pytest.raises(BadRequest, match=r"(?i)STARS_INVOICE_INVALID"):
        await invoice(bot, alice.id, max_tip_amount=10, suggested_tip_amounts=[5])
    with pytest.raises(BadRequest, match=r"(?i)INVOICE_PAYLOAD_INVALID"):
        await invoice(bot, alice.id, payload="x" * 129)
    with pytest.raises(BadRequest, match=r"(?i)REPLY_MARKUP_BUY_EMPTY"):
        await invoice(
            bot, alice.id, reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="y")]])
        )
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await invoice(bot, tg.user(1002, "Bob").id)  # never opened a chat with the bot


async def test_paying_asks_the_bot_first_and_posts_the_payment(tg: FakeTelegram, bot: Bot) -> None:
    alice = alice_in(tg)
    sent = await invoice(bot, alice.id)
    paying = asyncio.create_task(tg.pay(sent.to_dict(), by=alice))
    query = (await next_update(tg, "pre_checkout_query")).pre_checkout_query
    assert query is not None
    assert (query.from_user.id, query.currency, query.total_amount, query.invoice_payload) == (
        alice.id,
        "XTR",
        50,
        "order-1",
    )
    assert await bot.answer_pre_checkout_query(query.id, ok=True)
    result = await paying
    assert result.status == "paid" and result.charge_id

    paid = (await next_update(tg, "message")).message
    assert paid is not None and paid.successful_payment is not None
    payment = paid.successful_payment
    assert (payment.currency, payment.total_amount, payment.invoice_payload) == ("XTR", 50, "order-1")
    assert payment.telegram_payment_charge_id == result.charge_id
    assert paid.from_user is not None and paid.from_user.id == alice.id

    again = await tg.pay(sent.to_dict(), by=alice, pre_checkout=False)  # the same invoice, paid again
    assert again.charge_id != result.charge_id
    tg.redeliver(again.message or {})  # the same message, a second update
    bodies = [u["message"]["successful_payment"]["telegram_payment_charge_id"] for u in tg.pending_updates]
    assert bodies == [again.charge_id, again.charge_id]

    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_pre_checkout_query(query.id, ok=True)  # answered already


async def test_the_ten_second_deadline_cancels_an_unanswered_payment(tg: FakeTelegram, bot: Bot) -> None:
    alice = alice_in(tg)
    sent = await invoice(bot, alice.id)
    result = await tg.pay(sent.to_dict(), by=alice, deadline=0.2)  # a shorter deadline, same rule
    assert result.status == "timeout" and result.charge_id is None
    assert tg.star_transactions == [] and not any("message" in u for u in tg.pending_updates)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_pre_checkout_query(result.pre_checkout_query_id or "", ok=True)


async def test_a_refused_pre_checkout_needs_a_text_and_moves_no_money(tg: FakeTelegram, bot: Bot) -> None:
    alice = alice_in(tg)
    sent = await invoice(bot, alice.id)
    paying = asyncio.create_task(tg.pay(sent.to_dict(), by=alice, payload="tampered"))
    query = (await next_update(tg, "pre_checkout_query")).pre_checkout_query
    assert query is not None and query.invoice_payload == "tampered"
    with pytest.raises(BadRequest, match=r"(?i)ERROR_TEXT_EMPTY"):
        await bot.answer_pre_checkout_query(query.id, ok=False)
    assert await bot.answer_pre_checkout_query(query.id, ok=False, error_message="No such order")
    result = await paying
    assert (result.status, result.error_message) == ("refused", "No such order")
    assert tg.star_transactions == [] and tg.star_charges == {}


async def test_refunds_once_and_lists_transactions_oldest_first(tg: FakeTelegram, bot: Bot) -> None:
    alice = alice_in(tg)
    sent = await invoice(bot, alice.id)
    charges = [(await tg.pay(sent.to_dict(), by=alice, pre_checkout=False)).charge_id or "" for _ in range(3)]

    assert await bot.refund_star_payment(alice.id, charges[0])
    with pytest.raises(BadRequest, match=r"(?i)CHARGE_ALREADY_REFUNDED"):
        await bot.refund_star_payment(alice.id, charges[0])
    with pytest.raises(BadRequest, match=r"(?i)CHARGE_NOT_FOUND"):
        await bot.refund_star_payment(1002, charges[1])  # not Bob's payment
    refunded = [u for u in tg.pending_updates if "refunded_payment" in u.get("message", {})]
    assert [u["message"]["refunded_payment"]["telegram_payment_charge_id"] for u in refunded] == [charges[0]]
    tg.refund_outside(charges[1], deliver=False)  # Telegram's own refund, its update lost
    with pytest.raises(BadRequest, match=r"(?i)CHARGE_ALREADY_REFUNDED"):
        await bot.refund_star_payment(alice.id, charges[1])

    listed: StarTransactions = await bot.get_star_transactions()
    kinds = [("in" if t.source else "out", t.id) for t in listed.transactions]
    assert kinds == [
        ("in", charges[0]),
        ("in", charges[1]),
        ("in", charges[2]),
        ("out", charges[0]),
        ("out", charges[1]),
    ]
    first = listed.transactions[0]
    assert first.amount == 50 and first.source is not None
    assert first.source.user.id == alice.id  # type: ignore[attr-defined]
    assert first.source.invoice_payload == "order-1"  # type: ignore[attr-defined]
    page = await bot.get_star_transactions(offset=3, limit=1)
    assert [t.id for t in page.transactions] == [charges[0]] and page.transactions[0].receiver is not None
