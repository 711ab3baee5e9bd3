"""Nothing paid is lost: payments whose update never reached the bot (it was down, or it crashed after Telegram
confirmed the payment and before the credit committed) are credited by the reconciler, exactly once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.quota import QuotaRepository
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import make_settings, running_bot, running_bot_process
from tests.support.conversation import audit, text_of, wait_text
from tests.support.payments import PACKS, bought_rows, get_invoice, paying, payments, receipts

ALICE = 1001


async def test_a_crash_after_telegram_confirmed_the_payment_is_credited_once_after_the_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, star_packs=PACKS)
    env = {"STAR_PACKS": PACKS}  # a list of objects: the harness's environment writer knows only flat lists
    alice = tg.user(ALICE, "Alice")
    async with running_bot_process(tg, settings, env=env) as bot:
        invoice = await get_invoice(tg, alice)
        # Another process takes the database's write lock: the credit cannot commit while it holds it.
        lock = sqlite3.connect(settings.database_path, isolation_level=None)
        try:
            lock.execute("BEGIN IMMEDIATE")
            paid = await tg.pay(invoice, by=alice)  # the pre-checkout answer is a read: it still comes
            assert paid.status == "paid" and paid.message is not None
            await tg.wait_until_fetched(paid.message)  # the bot has the successful_payment, and cannot store it
            await bot.kill()  # the crash, with the payment neither stored nor credited
        finally:
            lock.rollback()
            lock.close()
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT COUNT(*) FROM payments")
            assert next(iter(rows))[0] == 0  # Telegram took the Stars; the ledger has nothing yet
            assert await QuotaRepository(db, settings.free_daily_quota).audit() == []
        assert receipts(tg, alice) == []

    async with running_bot_process(tg, settings, env=env) as bot:
        receipt = text_of(await wait_text(tg, alice, "Thank you!", timeout=15))
        assert (paid.charge_id or "?") in receipt and "10 credits were added" in receipt
        async with bot.database() as db:
            rows = await db.conn.execute_fetchall("SELECT charge_id, status, credits, source FROM payments")
            assert [tuple(r) for r in rows] == [(paid.charge_id, "credited", 10, "reconciler")]
            bought = await db.conn.execute_fetchall("SELECT kind, amount FROM ledger WHERE bucket = 'bought'")
            assert [tuple(r) for r in bought] == [("purchase", 10)]
            assert await QuotaRepository(db, settings.free_daily_quota).audit() == []
    assert bot.process.returncode == 0, bot.log
    assert len(receipts(tg, alice)) == 1


@pytest.mark.parametrize("delivered", [True, False], ids=["update-waiting", "update-lost"])
async def test_a_payment_made_while_the_bot_was_stopped_is_credited_at_start_up(
    tg: FakeTelegram, tmp_path: Path, delivered: bool
) -> None:
    """The update waits in getUpdates, or is lost: either way the payment is credited once at start-up (by the
    update or by the reconciler, whichever comes first). A refund made meanwhile is debited the same way."""
    settings = paying(tg, tmp_path)
    alice = tg.user(ALICE, "Alice")
    async with running_bot(tg, settings):
        invoice = await get_invoice(tg, alice)
        kept = (await tg.pay(invoice, by=alice)).charge_id
        await wait_text(tg, alice, "Thank you!")

    # The bot is down: a payment it had said yes to goes through, and Telegram refunds the first one.
    paid = await tg.pay(invoice, by=alice, pre_checkout=False, deliver=delivered)
    tg.refund_outside(kept or "", deliver=delivered)

    async with running_bot(tg, settings) as bot:

        def told(words: str, charge: str | None) -> bool:
            return any(words in text_of(m) and (charge or "?") in text_of(m) for m in tg.bot_messages(alice))

        # In either order: the receipt of the new payment, the notice of the refund.
        await tg.wait_until(lambda: told("Thank you!", paid.charge_id) and told("was refunded", kept), what="both")
    assert [(p[0], p[2], p[4], p[5]) for p in await payments(bot)] == [
        (kept, "refunded", 10, 10),
        (paid.charge_id, "credited", 10, 0),
    ]
    assert [row[:2] for row in await bought_rows(bot)] == [("purchase", 10), ("purchase", 10), ("refund", 10)]
    assert len(receipts(tg, alice)) == 2  # one each, never twice
    assert await audit(bot) == []
