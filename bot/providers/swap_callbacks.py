"""Ace face-swap callbacks: one unguessable endpoint per task, and only task ids the bot started.

Ace signs nothing, so the token in the callback URL (256 random bits) is the credential, and the task id
check is a second lock. The web route calls :meth:`SwapCallbacks.deliver`; the job awaits :meth:`wait`.
Pending tasks live in memory for now (a restart loses them; persisting them is a later step).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.providers.errors import ErrorCategory, ProviderError
from bot.settings import Vendor

log = logging.getLogger(__name__)

CALLBACK_PATH = "/callbacks/acedata/"
_REMEMBER_FINISHED = 4096  # repeats of finished tasks are still recognised as duplicates, not as unknown

Delivery = Literal["accepted", "unknown", "duplicate"]


@dataclass(slots=True)
class _Pending:
    task_id: str | None = None
    payload: dict[str, Any] | None = None
    arrived: asyncio.Event = field(default_factory=asyncio.Event)


class SwapCallbacks:
    """Registry of the callback endpoints of swaps in flight."""

    def __init__(self, public_url: str | None) -> None:
        self._public_url = public_url.rstrip("/") if public_url else None
        self._pending: dict[str, _Pending] = {}
        self._finished: OrderedDict[str, None] = OrderedDict()

    @property
    def enabled(self) -> bool:
        """Callbacks need a public URL the vendor can reach."""
        return self._public_url is not None

    def new_endpoint(self) -> tuple[str, str]:
        """(token, callback URL) for one new task."""
        if self._public_url is None:
            raise RuntimeError("swap callbacks need a public URL")
        token = secrets.token_urlsafe(32)
        self._pending[token] = _Pending()
        return token, f"{self._public_url}{CALLBACK_PATH}{token}"

    def expect(self, token: str, task_id: str) -> None:
        """Accept callbacks on ``token`` only for ``task_id`` (the id Ace gave when the bot started it)."""
        pending = self._pending.get(token)
        if pending is None:
            raise KeyError("unknown callback token")
        pending.task_id = task_id
        if pending.payload is not None and pending.payload.get("task_id") != task_id:
            log.warning("acedata callback arrived early with another task id: dropped")
            pending.payload = None
            pending.arrived.clear()

    async def wait(self, token: str, timeout: float) -> dict[str, Any]:  # noqa: ASYNC109 (the brief's API)
        """The callback payload, or ProviderError(TIMEOUT) after ``timeout`` seconds."""
        pending = self._pending.get(token)
        if pending is None:
            raise KeyError("unknown callback token")
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await pending.arrived.wait()
                    if pending.payload is not None:
                        return pending.payload
                    pending.arrived.clear()  # cleared by expect(): keep waiting
        except TimeoutError:
            raise ProviderError(
                Vendor.ACEDATA.value, ErrorCategory.TIMEOUT, code="callback_timeout", maybe_processed=True
            ) from None

    def knows(self, token: str) -> bool:
        """Whether ``token`` belongs to a swap in flight or one that finished recently (a repeat)."""
        return token in self._pending or token in self._finished

    def deliver(self, token: str, payload: dict[str, Any]) -> Delivery:
        """Hand a callback body over. Unknown token or task id: "unknown"; a repeat: "duplicate" (ignored)."""
        if token in self._finished:
            return "duplicate"
        pending = self._pending.get(token)
        if pending is None or not isinstance(payload, dict):
            return "unknown"
        task_id = payload.get("task_id")
        if not isinstance(task_id, str) or (pending.task_id is not None and task_id != pending.task_id):
            return "unknown"
        if pending.payload is not None:
            return "duplicate"
        # Before expect() (the callback beat start_swap's answer) the id is checked in expect().
        pending.payload = payload
        pending.arrived.set()
        return "accepted"

    def discard(self, token: str) -> None:
        """Forget ``token`` (the job is over); later repeats of a delivered callback count as duplicates."""
        pending = self._pending.pop(token, None)
        if pending is not None and pending.payload is not None:
            self._finished[token] = None
            while len(self._finished) > _REMEMBER_FINISHED:
                self._finished.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pending)
