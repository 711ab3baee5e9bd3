"""The dashboard's Stars panel: what :class:`bot.payments.PaymentService` took and gave back, and its refunds.

A refund from the dashboard is the admins' ``/refund`` (one code path: :meth:`PaymentService.refund`): Telegram
gives the Stars back, then the bought credits are debited and the person told. It is idempotent on the charge
itself (a second refund finds it refunded), so the confirmation's key needs no record of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.payments import PaymentService, RefundStatus
from storage.dashboard import DashboardRepository, DayWindow
from storage.payments import PaymentStatus

PERSON_PAYMENTS = 20


class StarsPanel:
    """:class:`bot.web.dashboard.api.PaymentsPanel` over the bot's payments."""

    def __init__(self, service: PaymentService, board: DashboardRepository) -> None:
        self._service = service
        self._board = board

    async def overview(self, windows: Sequence[DayWindow]) -> dict[str, Any]:
        days = await self._board.stars_daily(windows)
        return {
            "currency": "XTR",
            "received": sum(day.received for day in days),
            "refunded": sum(day.refunded for day in days),
            "days": [{"day": day.day, "received": day.received, "refunded": day.refunded} for day in days],
        }

    async def for_person(self, user_id: int) -> list[dict[str, Any]]:
        found = await self._service.repository.for_user(user_id, limit=PERSON_PAYMENTS)
        return [
            {
                "charge_id": payment.charge_id,
                "amount": payment.stars,
                "credits": payment.credits,
                "created_at": payment.paid_at,
                "refunded": payment.status is PaymentStatus.REFUNDED,
            }
            for payment in found
        ]

    async def refund(self, user_id: int, charge_id: str, *, admin_id: int, key: str) -> dict[str, Any]:
        """Refund one of ``user_id``'s payments; ``ValueError`` (a 400) when it is not theirs or Telegram refuses."""
        payment = await self._service.repository.get(charge_id)
        if payment is None or payment.user_id != user_id:
            raise ValueError("charge_id: not a payment of this person")
        outcome = await self._service.refund(charge_id, admin_id=admin_id)
        if outcome.status is RefundStatus.FAILED:
            raise ValueError(f"Telegram refused the refund: {outcome.detail or 'no reason given'}")
        if outcome.status is RefundStatus.UNKNOWN:  # recorded a moment ago, so this cannot happen; said plainly
            raise ValueError("charge_id: not a payment of this person")
        done = outcome.payment or payment
        return {
            "repeated": outcome.status is RefundStatus.ALREADY,
            "refunded": done.stars,
            "credits": done.debited,
        }
