"""The allowance day: it starts at midnight in ``QUOTA_TIMEZONE``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


class QuotaClock:
    def __init__(self, timezone: str, now: Callable[[], datetime] | None = None) -> None:
        self.zone = ZoneInfo(timezone)
        self._now = now or (lambda: datetime.now(self.zone))

    def now(self) -> datetime:
        return self._now().astimezone(self.zone)

    def today(self) -> str:
        """The current allowance day, ``YYYY-MM-DD``."""
        return self.now().date().isoformat()

    def next_reset(self) -> datetime:
        """When the allowance comes back: the next local midnight (DST-safe: computed on the date)."""
        tomorrow = self.now().date() + timedelta(days=1)
        return datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=self.zone)
