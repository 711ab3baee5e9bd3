"""Selling credits for Telegram Stars: packs, orders, the pre-checkout decision, crediting, refunds, reconciling.

The flow (Telegram's, see README "Buying credits"): the bot sends an invoice whose payload is an order id; the
person presses Pay; Telegram asks the bot (``pre_checkout_query``) and cancels the payment unless the bot says yes
within 10 seconds; on success a ``successful_payment`` message arrives. Each step here:

- :meth:`PaymentService.checkout` decides the pre-checkout answer from one small database read (the order
  exists, is the payer's, is not paid yet, the price and currency match, the payer is not banned). It never
  waits behind a job or a vendor call: the read goes to a connection of its own.
- :meth:`PaymentService.paid` records the payment and credits the pack in one transaction keyed by the charge
  id, so a payment seen twice is credited once; the person gets one receipt.
- :meth:`PaymentService.reconcile` reads the bot's Star transactions (``getStarTransactions``) at start-up and
  every ``PAYMENTS_RECONCILE_INTERVAL`` seconds and passes every payment and refund through the same functions:
  a payment whose update was lost (the bot was down, or crashed before the credit committed) is credited then.
- :meth:`PaymentService.refund` (admins): ``refundStarPayment``, then the debit, in the transaction that marks the
  payment refunded. "Already refunded" counts as done. A ``refunded_payment`` message goes through
  :meth:`PaymentService.refunded`, the same debit.

Telegram is reached through two small ports (:class:`StarsApi`, :class:`PaymentNotices`) that ``handlers``
implements with python-telegram-bot, so this module holds no Telegram types.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.settings import StarPack
from storage.payments import (
    STARS,
    Order,
    Payment,
    PaymentSource,
    PaymentsRepository,
    PaymentStatus,
    Recorded,
    RefundRecorded,
)
from storage.quota import Allowance

log = logging.getLogger(__name__)

PAGE = 100  # getStarTransactions' largest page


class TransactionKind(StrEnum):
    PAYMENT = "payment"  # a person paid one of the bot's invoices
    REFUND = "refund"  # Stars went back to a person
    OTHER = "other"  # anything else (withdrawals, paid media, ads...): not ours to reconcile


@dataclass(frozen=True, slots=True)
class StarTransaction:
    """One of the bot's Star transactions, as the reconciler needs it."""

    id: str  # for an invoice payment and its refund: the telegram_payment_charge_id
    kind: TransactionKind
    amount: int
    user_id: int | None
    payload: str | None


class RefundAnswer(StrEnum):
    REFUNDED = "refunded"
    ALREADY_REFUNDED = "already_refunded"  # CHARGE_ALREADY_REFUNDED


class RefundRefused(Exception):
    """Telegram would not refund (or could not be reached); ``detail`` is its error text (never a secret)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class StarsApi(Protocol):
    """The two Bot API methods of Stars the service calls."""

    async def refund(self, user_id: int, charge_id: str) -> RefundAnswer: ...
    async def transactions(self, offset: int, limit: int) -> Sequence[StarTransaction]: ...


class PaymentNotices(Protocol):
    """Telling people (and, for payments that matched no order, the admins) what happened to their money."""

    async def credited(self, payment: Payment, allowance: Allowance | None) -> None: ...
    async def refunded(self, payment: Payment, allowance: Allowance | None) -> None: ...


class CheckoutRefusal(StrEnum):
    """Why a pre-checkout query is answered no (each has a text, ``checkout-<value>``)."""

    CLOSED = "closed"  # payments are off
    UNKNOWN_ORDER = "unknown"  # the payload names no order (tampered with, or from another bot)
    BANNED = "banned"
    NOT_YOURS = "not-yours"  # a forwarded invoice, made for someone else
    PRICE = "price"  # price or currency differ from the order's
    ALREADY_PAID = "paid"
    ERROR = "error"  # the database could not be read


class RefundStatus(StrEnum):
    REFUNDED = "refunded"
    ALREADY = "already"  # refunded before (recorded now if the bot had missed it)
    UNKNOWN = "unknown"  # no payment with that charge id
    FAILED = "failed"  # Telegram refused; ``detail`` says why


@dataclass(frozen=True, slots=True)
class RefundOutcome:
    status: RefundStatus
    payment: Payment | None = None
    allowance: Allowance | None = None
    detail: str | None = None


@dataclass
class ReconcileReport:
    seen: int = 0  # transactions read
    credited: int = 0  # payments recorded now (their update never got through)
    refunded: int = 0  # refunds recorded now


class PaymentService:
    def __init__(
        self,
        repository: PaymentsRepository,
        *,
        packs: Sequence[StarPack],
        stars: StarsApi,
        notices: PaymentNotices,
        today: Callable[[], str],
        reconcile_interval: float = 300.0,
    ) -> None:
        self.repository = repository
        self.packs = list(packs)
        self._stars = stars
        self._notices = notices
        self._today = today
        self.reconcile_interval = reconcile_interval
        self._reconciling = asyncio.Lock()

    @property
    def enabled(self) -> bool:
        """Whether credits are on sale (``STAR_PACKS`` is not empty)."""
        return bool(self.packs)

    def pack(self, credits: int, stars: int) -> StarPack | None:
        """The pack on sale now with these numbers (a button from an older offer finds none)."""
        return next((p for p in self.packs if p.credits == credits and p.stars == stars), None)

    # ---- selling ---------------------------------------------------------------------------------------

    async def open_order(self, *, user_id: int, chat_id: int, pack: StarPack) -> Order:
        return await self.repository.create_order(
            user_id=user_id, chat_id=chat_id, credits=pack.credits, stars=pack.stars
        )

    async def invoice_sent(self, order_id: str, message_id: int) -> None:
        await self.repository.set_invoice_message(order_id, message_id)

    async def checkout(self, *, payload: str, payer_id: int, currency: str, total: int) -> CheckoutRefusal | None:
        """The pre-checkout decision: None to accept, else why not. One read, from the database only."""
        if not self.enabled:
            return CheckoutRefusal.CLOSED
        try:
            view = await self.repository.checkout_view(payload, payer_id)
        except Exception:
            log.exception("pre-checkout: could not read the order")
            return CheckoutRefusal.ERROR
        order = view.order
        if order is None:
            return CheckoutRefusal.UNKNOWN_ORDER
        if view.payer_banned:
            return CheckoutRefusal.BANNED
        if order.user_id != payer_id:
            return CheckoutRefusal.NOT_YOURS
        if currency != order.currency or total != order.stars:
            return CheckoutRefusal.PRICE
        if view.paid:
            return CheckoutRefusal.ALREADY_PAID
        return None

    async def paid(
        self,
        *,
        charge_id: str,
        payer_id: int,
        payload: str | None,
        currency: str,
        total: int,
        source: PaymentSource,
        provider_charge_id: str | None = None,
    ) -> Recorded:
        """A payment Telegram confirmed: record it and credit its pack (once, whoever sees it first), then
        send the person one receipt."""
        recorded = await self.repository.record_payment(
            charge_id=charge_id,
            user_id=payer_id,
            payload=payload,
            stars=total,
            currency=currency,
            source=source,
            day=self._today(),
            provider_charge_id=provider_charge_id,
        )
        if recorded.new:
            payment = recorded.payment
            log.info(
                "payment %s: %d %s from user %d, %s (%d credits, via %s)",
                payment.charge_id,
                payment.stars,
                payment.currency,
                payment.user_id,
                payment.status,
                payment.credits,
                source,
            )
        if recorded.payment.status is not PaymentStatus.REFUNDED and await self.repository.claim_receipt(charge_id):
            await self._notices.credited(recorded.payment, recorded.allowance)
        return recorded

    async def refunded(
        self,
        *,
        charge_id: str,
        payer_id: int,
        payload: str | None,
        currency: str,
        total: int,
        source: PaymentSource,
    ) -> RefundRecorded | None:
        """Telegram says the Stars of this charge went back (a ``refunded_payment`` message, or a refund in the
        transactions): debit the pack once. A payment the bot never recorded is recorded first (credited, then
        debited: the ledger shows both), without a purchase receipt."""
        if await self.repository.get(charge_id) is None:
            await self.repository.record_payment(
                charge_id=charge_id,
                user_id=payer_id,
                payload=payload,
                stars=total,
                currency=currency,
                source=PaymentSource.REFUND,
                day=self._today(),
            )
            await self.repository.claim_receipt(charge_id)  # the refund notice says it all
        recorded = await self.repository.record_refund(charge_id, day=self._today())
        if recorded is not None and recorded.new:
            log.info("refund of %s recorded (via %s): %d credits debited", charge_id, source, recorded.payment.debited)
            await self._notices.refunded(recorded.payment, recorded.allowance)
        return recorded

    async def refund(self, charge_id: str, *, admin_id: int) -> RefundOutcome:
        """An admin's refund: give the Stars back through Telegram, then debit the credits (even below zero)."""
        payment = await self.repository.get(charge_id)
        if payment is None:
            return RefundOutcome(RefundStatus.UNKNOWN)
        if payment.status is PaymentStatus.REFUNDED:
            return RefundOutcome(RefundStatus.ALREADY, payment)
        try:
            answer = await self._stars.refund(payment.user_id, charge_id)
        except RefundRefused as refused:
            log.warning("refund of %s refused: %s", charge_id, refused.detail)
            return RefundOutcome(RefundStatus.FAILED, payment, detail=refused.detail)
        # A crash here leaves the Stars returned and the credits not yet debited: the refunded_payment message
        # and the reconciler both debit them later, through record_refund (once).
        recorded = await self.repository.record_refund(charge_id, day=self._today(), admin_id=admin_id)
        assert recorded is not None  # the payment exists (payments are never deleted)
        if recorded.new:
            log.info("refund of %s by admin %d: %d credits debited", charge_id, admin_id, recorded.payment.debited)
            await self._notices.refunded(recorded.payment, recorded.allowance)
        status = RefundStatus.REFUNDED if answer is RefundAnswer.REFUNDED else RefundStatus.ALREADY
        return RefundOutcome(status, recorded.payment, recorded.allowance)

    # ---- reconciling -----------------------------------------------------------------------------------

    async def reconcile(self) -> ReconcileReport:
        """Read the Star transactions not read yet (oldest first, a page at a time) and record every payment
        and refund the database lacks. Safe to repeat: everything is keyed by charge id."""
        report = ReconcileReport()
        async with self._reconciling:
            seen = await self.repository.transactions_seen()
            while True:
                page = list(await self._stars.transactions(seen, PAGE))
                for transaction in page:
                    await self._apply(transaction, report)
                report.seen += len(page)
                if page:
                    seen += len(page)
                    await self.repository.set_transactions_seen(seen)
                if len(page) < PAGE:
                    break
        if report.credited or report.refunded:
            log.warning(
                "reconciler: %d payments and %d refunds had not reached the bot; recorded now",
                report.credited,
                report.refunded,
            )
        return report

    async def _apply(self, transaction: StarTransaction, report: ReconcileReport) -> None:
        if transaction.user_id is None or transaction.kind is TransactionKind.OTHER:
            return
        if transaction.kind is TransactionKind.PAYMENT:
            recorded = await self.paid(
                charge_id=transaction.id,
                payer_id=transaction.user_id,
                payload=transaction.payload,
                currency=STARS,
                total=transaction.amount,
                source=PaymentSource.RECONCILER,
            )
            report.credited += int(recorded.new)
        else:
            refunded = await self.refunded(
                charge_id=transaction.id,
                payer_id=transaction.user_id,
                payload=transaction.payload,
                currency=STARS,
                total=transaction.amount,
                source=PaymentSource.RECONCILER,
            )
            report.refunded += int(refunded is not None and refunded.new)

    async def should_reconcile(self) -> bool:
        """Payments on, or sold before (refunds of old payments still arrive)."""
        return self.enabled or await self.repository.has_orders()

    async def run_reconciler(self) -> None:
        """Reconcile now, then every ``reconcile_interval`` seconds, until cancelled. A failed round (Telegram
        unreachable) is logged and tried again at the next one."""
        while True:
            try:
                await self.reconcile()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception(
                    "reconciling the Star transactions failed; trying again in %.0f s", self.reconcile_interval
                )
            await asyncio.sleep(self.reconcile_interval)
