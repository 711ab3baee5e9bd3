"""Payments in Telegram Stars: the Bot API methods (sendInvoice, answerPreCheckoutQuery, refundStarPayment,
getStarTransactions) and the driver's side (a person pays an invoice, Telegram refunds a payment on its own,
an update is delivered again).

The rules Telegram enforces, as the fake enforces them:

- ``sendInvoice`` in Stars: currency ``XTR`` with ``provider_token`` empty or absent (a token, or another currency
  without one: ``PAYMENT_PROVIDER_INVALID``), exactly one price and no tips or ``need_*`` fields
  (``STARS_INVOICE_INVALID``), a payload of 1-128 bytes (``INVOICE_PAYLOAD_INVALID``);
- paying sends the bot a ``pre_checkout_query`` and waits for ``answerPreCheckoutQuery`` at most 10 seconds; without
  an answer the payment is cancelled (no money moves, no ``successful_payment``, a late answer is refused as too
  old); ``ok=False`` needs an ``error_message`` (``ERROR_TEXT_EMPTY``);
- a payment is a ``successful_payment`` message from the payer with a fresh ``telegram_payment_charge_id``, and an
  incoming transaction (``TransactionPartnerUser``, ``invoice_payment``) whose id is that charge id; the same
  invoice can be paid again (another charge id);
- ``refundStarPayment``: the Stars go back once (a second time: ``CHARGE_ALREADY_REFUNDED``), a transaction with the
  person as receiver appears, and the bot gets a ``refunded_payment`` message;
- ``getStarTransactions``: oldest first, ``offset`` transactions skipped, ``limit`` 1-100 (default 100).

Error texts are Telegram's where known (``CHARGE_ALREADY_REFUNDED``, ``STARS_INVOICE_INVALID``,
``PAYMENT_PROVIDER_INVALID``, ``ERROR_TEXT_EMPTY``, ``invalid user_id specified``); ``CHARGE_NOT_FOUND`` for a charge
the bot does not have is the fake's wording.
"""

from __future__ import annotations

import asyncio
import copy
import time
from dataclasses import dataclass
from typing import Literal

from .api_messages import MessagesApi
from .http import Params
from .limits import JSON, bad
from .people import FakeUser, MessageLike
from .records import Invoice, PreCheckoutState, StarCharge

STARS = "XTR"
PRE_CHECKOUT_DEADLINE = 10.0  # seconds Telegram waits for answerPreCheckoutQuery
MAX_PAYLOAD_BYTES = 128
MAX_TITLE = 32
MAX_DESCRIPTION = 255
_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_STARS_ONLY = (
    "max_tip_amount",
    "suggested_tip_amounts",
    "need_name",
    "need_phone_number",
    "need_email",
    "need_shipping_address",
    "is_flexible",
    "send_phone_number_to_provider",
    "send_email_to_provider",
)


@dataclass
class PaymentResult:
    """What became of a Pay press."""

    status: Literal["paid", "refused", "timeout"]
    pre_checkout_query_id: str | None = None
    error_message: str | None = None  # the bot's refusal, shown to the person
    charge_id: str | None = None  # telegram_payment_charge_id, when paid
    message: JSON | None = None  # the successful_payment message, when paid


class PaymentsApi(MessagesApi):
    """sendInvoice, answerPreCheckoutQuery, refundStarPayment, getStarTransactions; and paying, as people do.
    (A kind of message API: invoices are messages, sent with the same chat, reply and topic checks.)"""

    # ---- Bot API methods ------------------------------------------------------------------------------

    async def _api_send_invoice(self, p: Params) -> JSON:
        chat = self._param_chat(p)
        title, description = p.str_("title") or "", p.str_("description") or ""
        if not 1 <= len(title) <= MAX_TITLE:
            raise bad("INVOICE_TITLE_INVALID" if title else "title is empty")
        if not 1 <= len(description) <= MAX_DESCRIPTION:
            raise bad("INVOICE_DESCRIPTION_INVALID" if description else "description is empty")
        payload = p.str_("payload") or ""
        if not 1 <= len(payload.encode()) <= MAX_PAYLOAD_BYTES:
            raise bad("INVOICE_PAYLOAD_INVALID")
        currency = p.str_("currency") or ""
        token = p.str_("provider_token") or ""
        if currency != STARS or token:
            # The fake sells in Stars only; a provider token with XTR, or a currency without a token, is refused.
            raise bad("PAYMENT_PROVIDER_INVALID")
        prices = p.json_("prices")
        if not isinstance(prices, list) or not all(isinstance(price, dict) for price in prices):
            raise bad("can't parse prices JSON object")
        if len(prices) != 1 or any(p.has(name) for name in _STARS_ONLY):
            raise bad("STARS_INVOICE_INVALID")
        label, amount = prices[0].get("label"), prices[0].get("amount")
        if not isinstance(label, str) or not label or isinstance(amount, bool) or not isinstance(amount, int):
            raise bad("can't parse prices JSON object")
        if amount <= 0:
            raise bad("CURRENCY_TOTAL_AMOUNT_INVALID")
        markup = self._invoice_markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        start_parameter = p.str_("start_parameter")
        content: JSON = {
            "invoice": {
                "title": title,
                "description": description,
                "start_parameter": start_parameter or "",
                "currency": currency,
                "total_amount": amount,
            }
        }
        if markup is not None:
            content["reply_markup"] = markup
        message = self._new_message(chat, self.bot_user, content, reply=reply, thread_id=thread_id)
        self._append(chat, message, from_bot=True)
        key = (chat.id, int(message["message_id"]))
        self._invoices[key] = Invoice(chat.id, key[1], title, description, payload, currency, amount, start_parameter)
        return copy.deepcopy(message)

    async def _api_answer_pre_checkout_query(self, p: Params) -> bool:
        query_id = p.str_("pre_checkout_query_id") or ""
        state = self.pre_checkout_queries.get(query_id)
        if state is None or state.answered or state.expired:
            raise bad(_TOO_OLD)
        ok = p.bool_("ok")
        error_message = p.str_("error_message")
        if not ok and not (error_message or "").strip():
            raise bad("ERROR_TEXT_EMPTY")
        state.answered, state.ok, state.answered_at = True, ok, time.monotonic()
        state.error_message = None if ok else error_message
        self._signal.fire()
        return True

    async def _api_refund_star_payment(self, p: Params) -> bool:
        user_id = p.int_("user_id")
        if user_id is None or user_id <= 0:
            raise bad("invalid user_id specified")
        charge_id = p.str_("telegram_payment_charge_id") or ""
        if not charge_id:
            raise bad("CHARGE_ID_EMPTY")
        charge = self.star_charges.get(charge_id)
        if charge is None or charge.user_id != user_id:
            raise bad("CHARGE_NOT_FOUND")
        if charge.refunded:
            raise bad("CHARGE_ALREADY_REFUNDED")
        self._refund(charge)
        return True

    async def _api_get_star_transactions(self, p: Params) -> JSON:
        offset = p.int_("offset") or 0
        limit = p.int_("limit")
        if offset < 0:
            raise bad("offset must be non-negative")
        limit = 100 if limit is None else min(max(limit, 1), 100)  # "values between 1-100 are accepted"
        return {"transactions": copy.deepcopy(self.star_transactions[offset : offset + limit])}

    # ---- the driver: people pay, Telegram refunds, updates come again ---------------------------------

    async def pay(
        self,
        invoice: MessageLike,
        *,
        by: FakeUser,
        deadline: float = PRE_CHECKOUT_DEADLINE,
        pre_checkout: bool = True,
        deliver: bool = True,
        payload: str | None = None,
        total_amount: int | None = None,
    ) -> PaymentResult:
        """``by`` presses Pay on the bot's invoice.

        The bot gets a ``pre_checkout_query`` and has ``deadline`` seconds to answer it: no answer cancels the
        payment (``timeout``), ``ok=False`` refuses it (``refused``, with the bot's text). Accepted, Telegram
        takes the Stars (a transaction the bot can list) and posts the ``successful_payment`` message in the
        payer's private chat, with a fresh charge id; ``deliver=False`` loses its update (the message is still in
        the transcript), as when an update never reaches the bot.

        ``pre_checkout=False`` skips the query, as when the bot answered it and then stopped: a payment made
        "while the bot was down" (its update waits in getUpdates, or is lost with ``deliver=False``).
        ``payload`` and ``total_amount`` replace what the query says (a tampered client, a stale price).
        """
        entry = self._entry_of(invoice)
        state = self._invoices.get((int(entry.message["chat"]["id"]), int(entry.message["message_id"])))
        if state is None or entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} is not an invoice that can be paid")
        chat = self._chats[state.chat_id]
        if chat.is_private and chat.id != by.id:
            raise AssertionError(f"{by.first_name} cannot see another person's private chat")
        query_payload = state.payload if payload is None else payload
        amount = state.total_amount if total_amount is None else total_amount
        query_id: str | None = None
        if pre_checkout:
            query_id = str(next(self._pre_checkout_counter))
            answer = PreCheckoutState(from_user_id=by.id, sent_at=time.monotonic())
            self.pre_checkout_queries[query_id] = answer
            self.updates.push(
                "pre_checkout_query",
                {
                    "id": query_id,
                    "from": by.to_api(),
                    "currency": state.currency,
                    "total_amount": amount,
                    "invoice_payload": query_payload,
                },
            )
            loop = asyncio.get_running_loop()
            ends = loop.time() + deadline
            while not answer.answered and loop.time() < ends:
                await self._signal.wait(ends - loop.time())
            if not answer.answered:
                answer.expired = True  # Telegram cancels the payment; a late answer is refused
                self._signal.fire()
                return PaymentResult("timeout", query_id)
            if not answer.ok:
                return PaymentResult("refused", query_id, error_message=answer.error_message)
        number = next(self._charge_counter)
        charge = StarCharge(f"stxFAKE{self.bot_id}x{number:06d}", by.id, amount, query_payload)
        self.star_charges[charge.charge_id] = charge
        self.star_transactions.append(
            {
                "id": charge.charge_id,
                "amount": amount,
                "date": int(self._clock()),
                "source": _partner(by.to_api(), query_payload),
            }
        )
        private = self.private_chat(by)
        content: JSON = {
            "successful_payment": {
                "currency": state.currency,
                "total_amount": amount,
                "invoice_payload": query_payload,
                "telegram_payment_charge_id": charge.charge_id,
                "provider_payment_charge_id": f"{by.id}_{number}",
            }
        }
        message = self._new_message(private, by.to_api(), content, reply=None, thread_id=None)
        paid = self._append(private, message, from_bot=False)
        if deliver:
            self._deliver(private, paid, "message")
        return PaymentResult("paid", query_id, charge_id=charge.charge_id, message=copy.deepcopy(message))

    def refund_outside(self, charge_id: str, *, deliver: bool = True) -> None:
        """Telegram refunds a payment without the bot asking (support, a dispute): the Stars go back, a refund
        transaction appears and the bot gets a ``refunded_payment`` message (its update lost: ``deliver=False``)."""
        charge = self.star_charges[charge_id]
        if charge.refunded:
            raise AssertionError(f"{charge_id} was refunded already")
        self._refund(charge, deliver=deliver)

    def redeliver(self, message: MessageLike) -> JSON:
        """Deliver a message the bot already got once more, as a new update (as after a lost confirmation)."""
        entry = self._entry_of(message)
        return self.updates.push("message", copy.deepcopy(entry.message))

    def invoice(self, message: MessageLike) -> Invoice:
        """What the bot put in an invoice message, payload included."""
        entry = self._entry_of(message)
        found = self._invoices.get((int(entry.message["chat"]["id"]), int(entry.message["message_id"])))
        if found is None:
            raise KeyError(f"message #{entry.message['message_id']} is not an invoice")
        return found

    # ---- internals ------------------------------------------------------------------------------------

    def _invoice_markup(self, p: Params) -> JSON | None:
        """An invoice's own keyboard must start with a Pay button; without one Telegram shows its own."""
        markup = p.json_("reply_markup")
        if markup is None:
            return None
        rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
        if not isinstance(rows, list) or not rows or not rows[0] or not rows[0][0].get("pay"):
            raise bad("REPLY_MARKUP_BUY_EMPTY")
        return dict(markup)

    def _refund(self, charge: StarCharge, *, deliver: bool = True) -> None:
        charge.refunded = True
        user = self._users.get(charge.user_id)
        person = user.to_api() if user is not None else {"id": charge.user_id, "is_bot": False, "first_name": "?"}
        self.star_transactions.append(
            {
                "id": charge.charge_id,
                "amount": charge.amount,
                "date": int(self._clock()),
                "receiver": _partner(person, charge.payload),
            }
        )
        if user is None:
            return
        private = self.private_chat(user)
        content: JSON = {
            "refunded_payment": {
                "currency": STARS,
                "total_amount": charge.amount,
                "invoice_payload": charge.payload,
                "telegram_payment_charge_id": charge.charge_id,
            }
        }
        message = self._new_message(private, person, content, reply=None, thread_id=None)
        entry = self._append(private, message, from_bot=False)
        if deliver:
            self._deliver(private, entry, "message")


def _partner(user: JSON, payload: str) -> JSON:
    return {
        "type": "user",
        "transaction_type": "invoice_payment",
        "user": copy.deepcopy(user),
        "invoice_payload": payload,
    }
