"""The change signal every wait is driven by, and the queue of updates Telegram holds for the bot."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Collection, Sequence

from .limits import JSON, OPT_IN_UPDATE_TYPES


class Signal:
    """Wakes every waiter whenever the fake's state changes (waiters then re-check their own condition)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        event = self._event  # taken before the first await, so no change can slip between check and wait
        try:
            async with asyncio.timeout(max(timeout, 0)):
                await event.wait()
        except TimeoutError:
            return False
        return True


class UpdateQueue:
    """The updates Telegram holds for the bot, with ids that only increase.

    getUpdates reads from here (``peek`` + ``confirm``); a webhook pusher can later read the same queue.
    """

    def __init__(self, signal: Signal, first_update_id: int = 1) -> None:
        self._signal = signal
        self._next_id = first_update_id
        self._pending: list[JSON] = []
        self.history: list[JSON] = []
        self.fetched_ids: set[int] = set()

    def push(self, kind: str, payload: JSON) -> JSON:
        update: JSON = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self.history.append(update)
        self._signal.fire()
        return update

    @property
    def pending(self) -> list[JSON]:
        return list(self._pending)

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset`` updates."""
        before = len(self._pending)
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if len(self._pending) != before:
            self._signal.fire()

    def peek(self, limit: int, allowed: Collection[str] | None) -> list[JSON]:
        def wanted(update: JSON) -> bool:
            kind = next(key for key in update if key != "update_id")
            return kind in allowed if allowed else kind not in OPT_IN_UPDATE_TYPES

        return [u for u in self._pending if wanted(u)][:limit]

    def redeliver(self, update: JSON) -> None:
        """Offer an update again, under its own id (Telegram does so when a confirmation was lost)."""
        self._pending.append(copy.deepcopy(update))
        self._pending.sort(key=lambda u: int(u["update_id"]))
        self._signal.fire()

    def mark_fetched(self, updates: Sequence[JSON]) -> None:
        self.fetched_ids.update(int(u["update_id"]) for u in updates)
        self._signal.fire()

    def drop_all(self) -> None:
        self._pending.clear()
        self._signal.fire()
