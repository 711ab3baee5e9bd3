"""What an admin can do to a person's quota: grant, set a limit, reset today, ban, unban.

One code path for every way of asking: the admin commands (``handlers/admin.py``) and the dashboard's API
(``bot/web/dashboard``) both call this service, so an action writes the same ledger rows (naming the admin)
whoever asked for it and however. Each action takes a ``key``: the same key twice does the action once (a
re-delivered command, a double click on the dashboard's confirmation); the second call says ``repeated``.

Keys are namespaced by where they come from, so two sources can never collide:
:func:`command_key` for a command's message, :func:`dashboard_key` for a dashboard confirmation.
"""

from __future__ import annotations

from bot.quota_clock import QuotaClock
from storage.quota import MAX_AMOUNT, AdminResult, QuotaRepository

MAX_REASON = 200  # characters of a ban reason that are kept


def command_key(chat_id: int, message_id: int) -> str:
    """The key of an action asked for by a command message (one message, one action)."""
    return f"admin:{chat_id}:{message_id}"


def dashboard_key(admin_id: int, request_id: str) -> str:
    """The key of an action confirmed on the dashboard (the page makes one request id per confirmation)."""
    return f"dash:{admin_id}:{request_id}"


class AdminActions:
    """Admin actions on one person's balance. Amounts are checked here too (``ValueError``), whatever
    the caller already checked."""

    def __init__(self, quota: QuotaRepository, clock: QuotaClock) -> None:
        self._quota = quota
        self._clock = clock

    async def grant(self, user_id: int, credits: int, *, admin_id: int, key: str) -> AdminResult:
        """Add ``credits`` (negative: take back available ones, never below zero)."""
        if credits == 0 or abs(credits) > MAX_AMOUNT:
            raise ValueError(f"a grant must be a whole number from -{MAX_AMOUNT} to {MAX_AMOUNT}, not 0")
        return await self._quota.grant(user_id, credits, admin_id=admin_id, day=self._clock.today(), key=key)

    async def set_limit(self, user_id: int, limit: int | None, *, admin_id: int, key: str) -> AdminResult:
        """Override the person's daily allowance; ``None`` gives them the default again."""
        if limit is not None and not 0 <= limit <= MAX_AMOUNT:
            raise ValueError(f"a daily limit must be a whole number from 0 to {MAX_AMOUNT}")
        return await self._quota.set_limit(user_id, limit, admin_id=admin_id, day=self._clock.today(), key=key)

    async def reset_quota(self, user_id: int, *, admin_id: int, key: str) -> AdminResult:
        """Give back what the person used of today's allowance."""
        return await self._quota.reset_today(user_id, admin_id=admin_id, day=self._clock.today(), key=key)

    async def ban(self, user_id: int, *, admin_id: int, key: str, reason: str | None = None) -> AdminResult:
        """New requests are politely refused and cost nothing; a job already running finishes."""
        note = reason.strip()[:MAX_REASON] if reason and reason.strip() else None
        return await self._quota.set_banned(
            user_id, True, admin_id=admin_id, day=self._clock.today(), reason=note, key=key
        )

    async def unban(self, user_id: int, *, admin_id: int, key: str) -> AdminResult:
        return await self._quota.set_banned(user_id, False, admin_id=admin_id, day=self._clock.today(), key=key)
