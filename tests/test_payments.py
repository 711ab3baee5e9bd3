"""Selling credits for Telegram Stars, end to end: people (fake Telegram) buy packs, pay, spend, get refunds; the
ledger's check (``audit()``) is clean after each scenario."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import make_settings, running_bot
from tests.support.conversation import (
    allowance,
    audit,
    buttons,
    menu_back,
    photo_and_menu,
    text_of,
    wait_result,
    wait_text,
)
from tests.support.images import FACE, jpeg
from tests.support.payments import (
    ADMIN_ID,
    FIFTY,
    TEN,
    ask,
    bought_rows,
    buy,
    get_invoice,
    is_invoice,
    paying,
    payments,
    receipts,
)


async def test_buy_a_pack_from_get_more_and_spend_it(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = paying(tg, tmp_path, vendors, free_daily_quota=1)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🔍 Detect gender")
        assert "Left today: 0 free edits." in (await wait_result(tg, alice))["caption"]

        # Out of quota: the answer offers more (a message, since an alert cannot hold a button).
        query = await alice.press(await menu_back(tg, alice, menu), "🔄 Swap gender")
        assert not (await tg.wait_for_callback_answer(query)).show_alert
        empty = await wait_text(tg, alice, "used all 1 free edits")
        assert "get more credits now" in text_of(empty) and buttons(empty) == ["⭐ Get more"]
        await alice.press(empty, "⭐ Get more")
        packs = await wait_text(tg, alice, "Pay with Telegram Stars")
        assert buttons(packs) == [TEN, FIFTY]
        await alice.press(packs, TEN)
        invoice = await tg.wait_for_bot_message(alice, predicate=is_invoice)
        assert invoice["invoice"]["currency"] == "XTR" and invoice["invoice"]["total_amount"] == 50
        sent = tg.calls_to("sendInvoice")[-1].params
        assert sent.get("provider_token", "") == "" and len(sent["prices"]) == 1
        order_id = tg.invoice(invoice).payload
        async with bot.database() as db:
            [order] = await db.conn.execute_fetchall(
                "SELECT user_id, credits, stars FROM orders WHERE id = ?", (order_id,)
            )
        assert tuple(order) == (alice.id, 10, 50)  # the payload names the order; the order holds the rest

        paid = await tg.pay(invoice, by=alice)
        assert paid.status == "paid"
        receipt = text_of(await wait_text(tg, alice, "Thank you!"))
        assert "10 credits were added for 50 ⭐" in receipt and "You now have 10 credits" in receipt

        # Spent after the daily allowance: the swap runs on a bought credit.
        await alice.press(await menu_back(tg, alice, menu), "🔄 Swap gender")
        assert "Left today: 0 free edits, plus 9 credits." in (await wait_result(tg, alice))["caption"]
        status = await ask(tg, alice, "/quota")
        assert "plus 9 credits (they do not expire)" in text_of(status)
        assert buttons(status) == ["⭐ Get more"]
        left = await allowance(bot, alice.id)
        assert (left.credits, left.bought, left.bought_reserved, left.spendable) == (0, 9, 0, 9)
        assert await bought_rows(bot) == [
            ("purchase", 10, paid.charge_id),
            ("reserve", 1, None),
            ("charge", 1, None),
        ]
        assert await audit(bot) == []


async def test_a_payment_is_credited_once_per_charge(tg: FakeTelegram, tmp_path: Path) -> None:
    """The same successful_payment twice credits once; the same invoice paid twice (two charges) credits twice."""
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, paying(tg, tmp_path)) as bot:
        invoice = await get_invoice(tg, alice)
        first = await tg.pay(invoice, by=alice)
        await wait_text(tg, alice, "Thank you!")
        again = tg.redeliver(first.message or {})
        await tg.wait_until_fetched(again)
        # Two Pay presses both accepted before either payment arrived: two charges for one invoice.
        second = await tg.pay(invoice, by=alice, pre_checkout=False)
        await wait_text(tg, alice, "Thank you!")
        # Once paid, the invoice is refused at pre-checkout (a new purchase takes a new invoice).
        third = await tg.pay(invoice, by=alice)
        assert (third.status, third.error_message) == (
            "refused",
            "This invoice is already paid. Send /buy to buy more. Nothing was charged.",
        )
    # The bot has stopped: every update it fetched has been handled.
    assert [(p[0], p[2], p[4]) for p in await payments(bot)] == [
        (first.charge_id, "credited", 10),
        (second.charge_id, "credited", 10),
    ]
    assert (await allowance(bot, alice.id)).bought == 20
    assert len(receipts(tg, alice)) == 2
    assert await audit(bot) == []


# ---- the pre-checkout answer ----------------------------------------------------------------------------


async def test_pre_checkout_refuses_tampered_stale_foreign_and_banned(tg: FakeTelegram, tmp_path: Path) -> None:
    alice, bob, admin = tg.user(1001, "Alice"), tg.user(1002, "Bob"), tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, paying(tg, tmp_path)) as bot:
        invoice = await get_invoice(tg, alice)
        bobs = tg.invoice(await get_invoice(tg, bob)).payload
        cases: list[tuple[str | None, int | None, str]] = [
            ("made-up-order", None, "This invoice is not valid"),
            (None, 1, "This invoice is out of date"),
            (bobs, None, "This invoice was made for someone else"),
        ]
        for payload, total, words in cases:
            refused = await tg.pay(invoice, by=alice, payload=payload, total_amount=total)
            assert refused.status == "refused" and words in (refused.error_message or ""), (payload, total, refused)

        await ask(tg, admin, "/ban 1001")
        banned = await tg.pay(invoice, by=alice)
        assert (banned.status, banned.error_message) == (
            "refused",
            "Sorry, you cannot use this bot. Nothing was charged.",
        )
        assert tg.star_charges == {} and await payments(bot) == []

        # A payment Telegram took although it names no order (it cannot happen through the pre-checkout
        # answer): kept, nothing credited, the person and the admins told.
        await ask(tg, admin, "/unban 1001")
        stray = await tg.pay(invoice, by=alice, pre_checkout=False, payload="made-up-order")
        assert "could not match it to an order" in text_of(await wait_text(tg, alice, "could not match"))
        assert (stray.charge_id or "?") in text_of(await wait_text(tg, admin, "matched no order"))
        assert [(p[2], p[4]) for p in await payments(bot)] == [("unmatched", 0)]
        assert (await allowance(bot, alice.id)).bought == 0
        assert await audit(bot) == []


async def test_pre_checkout_is_answered_while_fifty_swaps_wait_and_the_database_is_busy(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """Fifty face swaps wait on a slow vendor, and another process holds the database's write lock (every write
    of the bot's queues behind it): the pre-checkout answer still comes before Telegram's 10-second deadline."""
    settings = paying(tg, tmp_path, vendors, vendor_concurrency=2, shutdown_grace=0)
    vendors.acedata.swap_delay = 60  # longer than the test: the two running swaps never finish in it
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    async with running_bot(tg, settings) as bot:
        invoice = await get_invoice(tg, alice)
        people = [tg.user(2000 + i, f"P{i}") for i in range(50)]
        for person in people:
            await person.send_album(person, [jpeg((320, 400)), FACE], caption="/swap")
        await tg.wait_until(
            lambda: sum(any(" in line" in text_of(m) for m in tg.bot_messages(p)) for p in people) == 48,
            timeout=20,
            what="48 swaps waiting for a slot",
        )
        busy = sqlite3.connect(settings.database_path, isolation_level=None)
        try:
            busy.execute("BEGIN IMMEDIATE")  # the write lock, held by another process's transaction
            photo = await bob.send_photo(bob, FACE)  # the bot's write for it waits behind the lock
            await tg.wait_until_fetched(photo)
            paid = await tg.pay(invoice, by=alice)  # Telegram's own 10-second deadline
        finally:
            busy.rollback()
            busy.close()
        assert paid.status == "paid", paid
        await wait_text(tg, alice, "Thank you!")
        await tg.wait_for_bot_message(bob, predicate=lambda m: bool(buttons(m)))  # the bot caught up
        assert len(vendors.acedata.requests_to("/face/swap")) == 2  # the swaps were still waiting
        query = tg.pre_checkout_queries[paid.pre_checkout_query_id or ""]
        print(f"pre-checkout answered in {(query.answered_at or 0) - query.sent_at:.3f} s")
    assert [(p[2], p[4]) for p in await payments(bot)] == [("credited", 10)]
    assert await audit(bot) == []


# ---- refunds --------------------------------------------------------------------------------------------


async def test_refund_then_refund_again(tg: FakeTelegram, tmp_path: Path) -> None:
    alice, admin = tg.user(1001, "Alice"), tg.user(ADMIN_ID, "Ada")
    tg.private_chat(admin)  # the admin has talked to the bot before: it can write to them
    async with running_bot(tg, paying(tg, tmp_path)) as bot:
        first, second = await buy(tg, alice), await buy(tg, alice)

        # /paysupport with a text reaches the admins with the purchases; a reply /refund must pick one.
        await alice.send_text(alice, "/paysupport I was charged twice")
        assert "the admins have your message" in text_of(await tg.wait_for_bot_message(alice))
        request = await wait_text(tg, admin, "Support request from Alice")
        assert first in text_of(request) and second in text_of(request)
        which = text_of(await ask(tg, admin, "/refund", reply_to=request))
        assert "several payments" in which and first in which and second in which

        done = text_of(await ask(tg, admin, f"/refund {second}"))
        assert f"Refunded 50 ⭐ to Alice (id 1001), payment {second}; 10 credits taken back." in done
        told = text_of(await wait_text(tg, alice, "was refunded"))
        assert second in told and "10 credits were taken back" in told
        # Telegram's refunded_payment message for it reaches the bot too: nothing more is debited.
        refunded = next(m for m in tg.transcript(alice) if "refunded_payment" in m)
        await tg.wait_until_fetched(refunded)
        again = text_of(await ask(tg, admin, f"/refund {second}"))
        assert "was already refunded" in again

        # Refunded by Telegram itself, its message lost: the admin's refund hears CHARGE_ALREADY_REFUNDED,
        # which counts as done and is recorded now.
        tg.refund_outside(first, deliver=False)
        late = text_of(await ask(tg, admin, f"/refund {first}"))
        assert "was already refunded; 10 credits were taken back" in late
        assert "Their bought credits now: 0." in late
        assert "unknown-charge" in text_of(await ask(tg, admin, "/refund unknown-charge"))
    assert [(p[0], p[2], p[5]) for p in await payments(bot)] == [(first, "refunded", 10), (second, "refunded", 10)]
    assert [row[0] for row in await bought_rows(bot)] == ["purchase", "purchase", "refund", "refund"]
    assert (await allowance(bot, alice.id)).bought == 0
    assert len([m for m in tg.bot_messages(alice) if "was refunded" in text_of(m)]) == 2  # one notice each
    assert await audit(bot) == []


async def test_a_refund_after_spending_leaves_a_debt(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    alice, admin = tg.user(1001, "Alice"), tg.user(ADMIN_ID, "Ada")
    async with running_bot(tg, paying(tg, tmp_path, vendors, free_daily_quota=0)) as bot:
        charge = await buy(tg, alice)
        for _ in range(2):
            _, menu = await photo_and_menu(tg, alice)
            await alice.press(menu, "🔍 Detect gender")
            await wait_result(tg, alice)
        assert (await allowance(bot, alice.id)).bought == 8

        done = text_of(await ask(tg, admin, f"/refund {charge}"))
        assert "10 credits taken back" in done and "Their bought credits now: -2 (a debt of 2 credits)." in done
        assert "you owe 2 credits" in text_of(await wait_text(tg, alice, "was refunded"))
        left = await allowance(bot, alice.id)
        assert (left.bought, left.debt, left.spendable, left.left) == (-2, 2, 0, 0)

        # In debt nothing runs on credits, not even granted ones until they cover the debt.
        await ask(tg, admin, "/grant 1001 1")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🔍 Detect gender")
        refused = text_of(await wait_text(tg, alice, "used all 0 free edits"))
        assert "you owe 1 credits" in refused
        assert "you owe 1 credits" in text_of(await ask(tg, alice, "/quota"))

        # The next purchase pays the debt off first.
        await buy(tg, alice)
        left = await allowance(bot, alice.id)
        assert (left.credits, left.bought, left.debt, left.spendable) == (1, 8, 0, 9)
        await alice.press(menu, "🔍 Detect gender")  # the same button: out of quota before, so a new job
        assert "plus 8 credits" in (await wait_result(tg, alice))["caption"]  # the granted credit went first

        history = text_of(await ask(tg, admin, "/history 1001"))
        assert "Purchases:" in history and charge in history and "refunded" in history
        assert "refund 10 bought credits" in history
        stats = text_of(await ask(tg, admin, "/stats"))
        assert "Stars received: 100 (2 payments), refunded: 50 (1 refunds)" in stats
        assert "Credits sold: 20 (taken back: 10), bought credits spent: 2." in stats
        assert await audit(bot) == []


# ---- where buying happens ------------------------------------------------------------------------------


async def test_buying_from_a_group_goes_to_the_private_chat(tg: FakeTelegram, tmp_path: Path) -> None:
    group = tg.group(-100500, "Friends")
    alice, carol = tg.user(1001, "Alice"), tg.user(1003, "Carol")
    async with running_bot(tg, paying(tg, tmp_path)):
        await alice.send_text(alice, "/start")  # Alice has a private chat with the bot
        await tg.wait_for_bot_message(alice)
        await alice.send_text(group, "/buy")
        packs = await tg.wait_for_bot_message(group)
        answer = await tg.wait_for_callback_answer(await alice.press(packs, TEN))
        assert answer.text == "I sent you the invoice in our private chat."
        invoice = await tg.wait_for_bot_message(alice, predicate=is_invoice)
        assert not any(is_invoice(m) for m in tg.bot_messages(group))

        # Carol never started the bot: the bot cannot write to her first, and says so with a link.
        await tg.wait_for_callback_answer(await carol.press(packs, FIFTY))
        hint = text_of(await tg.wait_for_bot_message(group))
        assert "Carol, I cannot write to you privately yet" in hint
        assert "https://t.me/faceshift_bot?start=buy" in hint
        more = await ask(tg, carol, "/start buy")  # the link opens the private chat with the packs
        assert buttons(more) == [TEN, FIFTY]

        assert (await tg.pay(invoice, by=alice)).status == "paid"
        await wait_text(tg, alice, "Thank you!")


async def test_with_no_packs_nothing_about_buying_is_shown(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, make_settings(tg, tmp_path, vendors, free_daily_quota=0)):
        assert "I don't know that command" in text_of(await ask(tg, alice, "/buy"))
        status = await ask(tg, alice, "/quota")
        assert buttons(status) == []
        _, menu = await photo_and_menu(tg, alice)
        answer = await tg.wait_for_callback_answer(await alice.press(menu, "🔍 Detect gender"))
        assert answer.show_alert and "An admin can also grant you more." in (answer.text or "")
        menus = [c.params["commands"] for c in tg.calls_to("setMyCommands")]
        assert not any(command["command"] in ("buy", "refund") for menu_ in menus for command in menu_)


async def test_support_terms_and_menus_when_selling(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice", language_code="ru")
    tg.private_chat(tg.user(ADMIN_ID, "Ada"))  # the admin has a chat with the bot: their own menu is set
    async with running_bot(tg, paying(tg, tmp_path, terms_text="Pay & enjoy <3")):
        support = text_of(await ask(tg, alice, "/paysupport"))
        assert "Помощь с покупкой" in support and "Вы ещё ничего не покупали." in support
        assert text_of(await ask(tg, alice, "/terms")) == "Pay & enjoy <3"
        charge = await buy_ru(tg, alice)
        assert charge in text_of(await ask(tg, alice, "/paysupport"))
        private = tg.commands[("all_private_chats", "ru")]
        assert [c["command"] for c in private][-3:] == ["buy", "paysupport", "terms"]
        admin_menu = [c["command"] for c in tg.commands[(f"chat:{ADMIN_ID}", "")]]
        assert admin_menu[-4:] == ["buy", "paysupport", "terms", "refund"]


async def buy_ru(tg: FakeTelegram, user: FakeUser) -> str:
    packs = await ask(tg, user, "/buy")
    await user.press(packs, "10 кредитов за 50 ⭐")
    invoice = await tg.wait_for_bot_message(user, predicate=is_invoice)
    assert invoice["invoice"]["title"] == "10 кредитов FaceShift"
    paid = await tg.pay(invoice, by=user)
    assert "Начислено 10 кредитов за 50 ⭐" in text_of(await wait_text(tg, user, "Спасибо!"))
    return paid.charge_id or ""
