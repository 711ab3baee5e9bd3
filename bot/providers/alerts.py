"""Telling the operators when a vendor account or configuration needs them (key, balance, lock, path)."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from bot.providers.errors import ProviderError

log = logging.getLogger(__name__)


class OperatorAlerts:
    """Sends one short text per (vendor, code) per ``quiet_period`` seconds; repeats are only logged.

    The text holds the vendor, the category, the code and the HTTP status: never credentials, and never the
    vendor's free text (that stays in the logs).
    """

    def __init__(
        self,
        notify: Callable[[str], Awaitable[None]] | None,  # None: only logged (no admins)
        *,
        quiet_period: float = 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._notify = notify
        self._quiet_period = quiet_period
        self._clock = clock
        self._last_sent: dict[tuple[str, str], float] = {}

    async def report(self, error: ProviderError) -> bool:
        """Alert about ``error`` unless the same (vendor, code) was alerted within the quiet period.

        Returns whether ``notify`` was called. A failing ``notify`` is logged, never raised: an alert must not
        break the job that noticed the problem.
        """
        key = (str(error.vendor), error.code or error.category.value)
        now = self._clock()
        last = self._last_sent.get(key)
        log.warning(
            "operator attention: %s %s (code=%s, status=%s)",
            error.vendor,
            error.category.value,
            error.code or "-",
            error.status,
        )
        if self._notify is None or (last is not None and now - last < self._quiet_period):
            return False
        self._last_sent[key] = now  # before awaiting: concurrent jobs hitting the same error send one alert
        try:
            await self._notify(format_alert(error))
        except Exception:
            log.exception("could not send the operator alert")
        return True


def format_alert(error: ProviderError) -> str:
    status = f", HTTP {error.status}" if error.status is not None else ""
    return (
        f"⚠️ {error.vendor}: {error.category.value} error (code {error.code or '-'}{status}). "
        f"Check this vendor's account and settings."
    )
