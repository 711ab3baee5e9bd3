"""Buying credits with Telegram Stars, at the Telegram edge: /buy, the "Get more" button and the packs, invoices,
the pre-checkout answer, successful and refunded payments, /paysupport, /terms, and the admins' /refund.

The decisions and the money are in :class:`bot.payments.PaymentService`; this module turns updates into its calls
and its outcomes into texts. :class:`TelegramStars` is the service's way to Telegram (refunds, the transaction
list, receipts).

Buttons: ``buy`` shows the packs, ``buy:<credits>:<stars>`` sends the invoice for that pack (a button from an
older offer, after ``STAR_PACKS`` changed, shows the current packs instead).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Collection, Sequence
from datetime import datetime

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LabeledPrice,
    Message,
    TransactionPartnerUser,
    Update,
    User,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.i18n import Catalog
from bot.languages import Languages
from bot.payments import (
    RefundAnswer,
    RefundOutcome,
    RefundRefused,
    RefundStatus,
    StarTransaction,
    TransactionKind,
)
from bot.quota_clock import QuotaClock
from bot.settings import StarPack
from handlers.chat.port import patiently
from handlers.context import Context
from handlers.replies import catalog_for, is_private, reply
from storage.payments import STARS, Payment, PaymentSource, PaymentStatus
from storage.quota import Allowance
from storage.users import UsersRepository

log = logging.getLogger(__name__)

SHOW_PACKS = "buy"
PURCHASES_SHOWN = 10
_ALREADY_REFUNDED = "CHARGE_ALREADY_REFUNDED"


# ---- the service's ports, with python-telegram-bot --------------------------------------------------------


class TelegramStars:
    """:class:`bot.payments.StarsApi` and :class:`bot.payments.PaymentNotices` with python-telegram-bot."""

    def __init__(self, bot: Bot, *, languages: Languages, users: UsersRepository, admin_ids: Collection[int]) -> None:
        self._bot = bot
        self._languages = languages
        self._users = users
        self._admin_ids = tuple(admin_ids)

    async def refund(self, user_id: int, charge_id: str) -> RefundAnswer:
        """refundStarPayment. Retried after a timeout: if the first try went through, the retry hears
        CHARGE_ALREADY_REFUNDED, which is the same success."""
        try:
            await patiently(lambda: self._bot.refund_star_payment(user_id, charge_id), f"refund of {charge_id}")
        except BadRequest as error:
            if _ALREADY_REFUNDED in error.message.upper():
                return RefundAnswer.ALREADY_REFUNDED
            raise RefundRefused(error.message) from None
        except TelegramError as error:
            raise RefundRefused(str(error)) from None
        return RefundAnswer.REFUNDED

    async def transactions(self, offset: int, limit: int) -> list[StarTransaction]:
        page = await patiently(
            lambda: self._bot.get_star_transactions(offset=offset, limit=limit), "reading the Star transactions"
        )
        return [_transaction(t.id, t.amount, t.source, t.receiver) for t in page.transactions]

    async def credited(self, payment: Payment, allowance: Allowance | None) -> None:
        catalog = await self._catalog(payment.user_id)
        if payment.status is PaymentStatus.UNMATCHED:
            await self._send(payment.user_id, catalog("paid-unmatched", stars=payment.stars, charge=payment.charge_id))
            await self._tell_admins(
                "admin-unmatched",
                stars=payment.stars,
                who=await self._label(payment.user_id),
                payload=payment.order_id or "-",
                charge=payment.charge_id,
            )
            return
        text = catalog("paid-credited", credits=payment.credits, stars=payment.stars, charge=payment.charge_id)
        if allowance is not None:
            text += "\n" + catalog("paid-balance", credits=allowance.spendable)
        await self._send(payment.user_id, text)

    async def refunded(self, payment: Payment, allowance: Allowance | None) -> None:
        catalog = await self._catalog(payment.user_id)
        text = catalog("refund-person", stars=payment.stars, credits=payment.debited, charge=payment.charge_id)
        if allowance is not None and allowance.debt:
            text += "\n" + catalog("quota-debt", debt=allowance.debt)
        await self._send(payment.user_id, text)

    async def _catalog(self, user_id: int) -> Catalog:
        return await self._languages.catalog_in(user_id, user_id)  # the person's private chat

    async def _label(self, user_id: int) -> str:
        user = await self._users.get(user_id)
        return _label(user_id, user.username if user else None, user.first_name if user else None)

    async def _send(self, chat_id: int, text: str) -> None:
        try:
            await patiently(lambda: self._bot.send_message(chat_id, text), f"payment notice to {chat_id}")
        except TelegramError as error:  # blocked, or Telegram kept failing: the ledger is right either way
            log.info("payment notice to %d not sent: %s", chat_id, error)

    async def _tell_admins(self, key: str, **args: object) -> None:
        for admin_id in self._admin_ids:
            catalog = await self._catalog(admin_id)
            try:
                await self._bot.send_message(admin_id, catalog(key, **args))
            except TelegramError as error:
                log.info("admin %d not told (%s): %s", admin_id, key, error)


def _transaction(transaction_id: str, amount: int, source: object, receiver: object) -> StarTransaction:
    """A Star transaction as the reconciler sees it: a person paying one of the bot's invoices (the user is the
    source), its refund (the user is the receiver), or something else."""
    for partner, kind in ((source, TransactionKind.PAYMENT), (receiver, TransactionKind.REFUND)):
        if isinstance(partner, TransactionPartnerUser) and partner.transaction_type == "invoice_payment":
            return StarTransaction(transaction_id, kind, amount, partner.user.id, partner.invoice_payload)
    return StarTransaction(transaction_id, TransactionKind.OTHER, amount, None, None)


# ---- offering packs -------------------------------------------------------------------------------------


def get_more_markup(context: Context, catalog: Catalog) -> InlineKeyboardMarkup | None:
    """The "Get more" button (wherever quota runs out), or None when nothing is on sale."""
    if not context.services.payments.enabled:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(catalog("btn-get-more"), callback_data=SHOW_PACKS)]])


def packs_markup(catalog: Catalog, packs: Sequence[StarPack]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    catalog("btn-pack", credits=pack.credits, stars=pack.stars),
                    callback_data=f"{SHOW_PACKS}:{pack.credits}:{pack.stars}",
                )
            ]
            for pack in packs
        ]
    )


async def buy(update: Update, context: Context) -> None:
    """/buy (and /start buy, the deep link from a group): the packs."""
    message = update.effective_message
    if message is None:
        return
    catalog = catalog_for(update, context)
    payments = context.services.payments
    if not payments.enabled:
        await reply(update, catalog("buy-closed"))
        return
    await message.reply_text(
        catalog("buy-packs"), reply_markup=packs_markup(catalog, payments.packs), do_quote=not is_private(message)
    )


async def on_button(update: Update, context: Context) -> None:
    """ "Get more" (show the packs) or a pack (send its invoice, to the presser's private chat)."""
    query = update.callback_query
    if query is None:
        return
    catalog = catalog_for(update, context)
    payments = context.services.payments
    if not payments.enabled:
        await query.answer(catalog("buy-closed"), show_alert=True)
        return
    message = query.message if isinstance(query.message, Message) else None
    parts = (query.data or "").split(":")
    pack = None
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        pack = payments.pack(int(parts[1]), int(parts[2]))
    if pack is None:  # "Get more", or a pack from an older offer: show what is on sale now
        await query.answer(None if len(parts) == 1 else catalog("buy-offer-gone"))
        if message is not None:
            await message.reply_text(
                catalog("buy-packs"),
                reply_markup=packs_markup(catalog, payments.packs),
                do_quote=not is_private(message),
            )
        return
    user = query.from_user
    order = await payments.open_order(user_id=user.id, chat_id=user.id, pack=pack)
    try:
        invoice = await context.bot.send_invoice(
            user.id,
            title=catalog("invoice-title", credits=pack.credits),
            description=catalog("invoice-description", credits=pack.credits),
            payload=order.id,
            currency=STARS,
            prices=[LabeledPrice(catalog("invoice-label", credits=pack.credits), pack.stars)],
            # No provider_token: Stars take none, and "" must not be passed. With Defaults set, python-telegram-bot
            # (22.8) turns an empty string into "[]" (it is an empty Sequence to its InputPollOption defaults),
            # which Telegram refuses (PAYMENT_PROVIDER_INVALID). Left out, the field is absent, as Stars want.
            # A forwarded copy of the invoice opens the bot with /start buy instead of paying someone else's.
            start_parameter=SHOW_PACKS,
        )
    except Forbidden:  # pressed in a group by someone who never started the bot privately
        await query.answer()
        if message is not None:
            link = f"https://t.me/{context.bot.username}?start={SHOW_PACKS}"
            await message.reply_text(catalog("buy-start-private", name=user.first_name, link=link), do_quote=True)
        return
    await payments.invoice_sent(order.id, invoice.message_id)
    private = message is None or message.chat.type == ChatType.PRIVATE
    await query.answer(None if private else catalog("buy-sent-private"))


# ---- paying ---------------------------------------------------------------------------------------------


async def pre_checkout(update: Update, context: Context) -> None:
    """Yes or no within Telegram's 10 seconds, from one database read (never behind a job or a vendor)."""
    query = update.pre_checkout_query
    if query is None:
        return
    refusal = await context.services.payments.checkout(
        payload=query.invoice_payload, payer_id=query.from_user.id, currency=query.currency, total=query.total_amount
    )
    if refusal is None:
        await query.answer(ok=True)
        return
    log.info("pre-checkout %s refused: %s", query.id, refusal)
    await query.answer(ok=False, error_message=catalog_for(update, context)(f"checkout-{refusal.value}"))


async def successful_payment(update: Update, context: Context) -> None:
    message = update.effective_message
    paid = message.successful_payment if message else None
    if message is None or paid is None:
        return
    await context.services.payments.paid(
        charge_id=paid.telegram_payment_charge_id,
        payer_id=message.from_user.id if message.from_user else message.chat.id,
        payload=paid.invoice_payload,
        currency=paid.currency,
        total=paid.total_amount,
        source=PaymentSource.MESSAGE,
        provider_charge_id=paid.provider_payment_charge_id or None,
    )


async def refunded_payment(update: Update, context: Context) -> None:
    message = update.effective_message
    refund = message.refunded_payment if message else None
    if message is None or refund is None:
        return
    await context.services.payments.refunded(
        charge_id=refund.telegram_payment_charge_id,
        payer_id=message.from_user.id if message.from_user else message.chat.id,
        payload=refund.invoice_payload,
        currency=refund.currency,
        total=refund.total_amount,
        source=PaymentSource.MESSAGE,
    )


# ---- support and terms ----------------------------------------------------------------------------------


async def paysupport(update: Update, context: Context) -> None:
    """/paysupport: how to get help with a purchase, and the person's purchases; with a text, that text goes to
    the admins (with the purchases), who can refund by replying /refund to it."""
    user = update.effective_user
    if user is None:
        return
    catalog = catalog_for(update, context)
    services = context.services
    purchases = await services.payments.repository.for_user(user.id, PURCHASES_SHOWN)
    text = " ".join(context.args or []).strip()
    if text:
        told = await _support_request(context, user, text[:1000], purchases)
        await reply(update, catalog("paysupport-sent" if told else "paysupport-no-admins"))
        return
    lines = [catalog("paysupport")]
    if purchases:
        lines.append(catalog("paysupport-purchases"))
        lines += [purchase_line(catalog, services.quota_clock, payment) for payment in purchases]
    else:
        lines.append(catalog("paysupport-none"))
    await reply(update, "\n".join(lines))


async def _support_request(context: Context, user: User, text: str, purchases: Sequence[Payment]) -> bool:
    """Pass a person's /paysupport message to the admins, with their purchases. False: no admin could be told."""
    services = context.services
    told = False
    for admin_id in services.settings.admin_ids:
        catalog = await services.languages.catalog_in(admin_id, admin_id)
        lines = [catalog("admin-paysupport", who=_label(user.id, user.username, user.first_name), text=text)]
        lines += [purchase_line(catalog, services.quota_clock, payment) for payment in purchases]
        try:
            await context.bot.send_message(admin_id, "\n".join(lines))
            told = True
        except TelegramError as error:
            log.info("support request not passed to admin %d: %s", admin_id, error)
    return told


async def terms(update: Update, context: Context) -> None:
    """/terms: the operator's terms of sale (``TERMS_TEXT``), else the catalogue's."""
    own = context.services.settings.terms_text.strip()
    await reply(update, html.escape(own) if own else catalog_for(update, context)("terms-default"))


# ---- admins ---------------------------------------------------------------------------------------------


async def refund(update: Update, context: Context) -> None:
    """/refund <charge id>, or /refund as a reply to a message showing one (a receipt, /paysupport, /history,
    a support request): the Stars go back, the credits are taken back."""
    message, admin = update.effective_message, update.effective_user
    if message is None or admin is None:
        return
    catalog = catalog_for(update, context)
    repository = context.services.payments.repository
    args = context.args or []
    if len(args) == 1:
        charge_id = args[0]
    elif not args and message.reply_to_message is not None:
        replied = message.reply_to_message
        found = await repository.find_charges(replied.text or replied.caption or "")
        if len(found) != 1:
            key = "admin-refund-which" if found else "admin-refund-usage"
            await reply(update, catalog(key, charges=", ".join(p.charge_id for p in found)))
            return
        charge_id = found[0].charge_id
    else:
        await reply(update, catalog("admin-refund-usage"))
        return
    outcome = await context.services.payments.refund(charge_id, admin_id=admin.id)
    await reply(update, await _refund_text(context, catalog, charge_id, outcome))


async def _refund_text(context: Context, catalog: Catalog, charge_id: str, outcome: RefundOutcome) -> str:
    payment = outcome.payment
    if outcome.status is RefundStatus.UNKNOWN or payment is None:
        return catalog("admin-refund-unknown", charge=charge_id)
    if outcome.status is RefundStatus.FAILED:
        return catalog("admin-refund-failed", charge=charge_id, detail=outcome.detail or "-")
    user = await context.services.users.get(payment.user_id)
    who = _label(payment.user_id, user.username if user else None, user.first_name if user else None)
    key = "admin-refund-done" if outcome.status is RefundStatus.REFUNDED else "admin-refund-already"
    text = catalog(key, stars=payment.stars, who=who, charge=payment.charge_id, credits=payment.debited)
    if outcome.allowance is not None:
        allowance = outcome.allowance
        text += "\n" + catalog("admin-refund-balance", bought=allowance.bought, debt=allowance.debt)
    return text


async def stats_lines(context: Context, catalog: Catalog, since: float) -> list[str]:
    """/stats: Stars received and refunded, credits sold and spent (when anything is or was on sale)."""
    payments = context.services.payments
    money = await payments.repository.money_report(since)
    if not payments.enabled and not money.payments and not money.refunds:
        return []
    return [
        catalog(
            "admin-stats-money",
            received=money.stars_received,
            payments=money.payments,
            refunded=money.stars_refunded,
            refunds=money.refunds,
            sold=money.credits_sold,
            taken=money.credits_refunded,
            spent=money.credits_spent,
        )
    ]


async def history_lines(context: Context, catalog: Catalog, user_id: int) -> list[str]:
    """/history: the person's purchases (none: nothing)."""
    purchases = await context.services.payments.repository.for_user(user_id, PURCHASES_SHOWN)
    if not purchases:
        return []
    clock = context.services.quota_clock
    return [catalog("admin-history-purchases")] + [purchase_line(catalog, clock, p) for p in purchases]


def purchase_line(catalog: Catalog, clock: QuotaClock, payment: Payment) -> str:
    return catalog(
        "purchase-line",
        when=datetime.fromtimestamp(payment.paid_at, clock.zone).strftime("%Y-%m-%d %H:%M"),
        stars=payment.stars,
        credits=payment.credits,
        status=payment.status.value,
        charge=payment.charge_id,
    )


def _label(user_id: int, username: str | None, first_name: str | None) -> str:
    parts = [f"@{username}" if username else None, f"id {user_id}"]
    inner = ", ".join(part for part in parts if part)
    return f"{first_name} ({inner})" if first_name else inner


def is_payment_update(update: object) -> bool:
    """A pre-checkout query, or a successful or refunded payment: handled whatever the chat (see users.py)."""
    if not isinstance(update, Update):
        return False
    if update.pre_checkout_query is not None:
        return True
    message = update.message
    return message is not None and (message.successful_payment is not None or message.refunded_payment is not None)
