"""What the fake records: the bot's calls and callback answers, webhook settings, planned faults, held calls,
callback queries, and each chat's transcript entries."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from .files import UploadedFile
from .limits import JSON


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request the bot made, with its parameters decoded to Python values."""

    method: str
    params: JSON
    files: dict[str, UploadedFile]
    time: float  # time.monotonic() when the answer was sent
    status: int
    result: Any
    description: str | None
    arrived: float  # time.monotonic() when the request arrived (before its body was read)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a callback query."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
    time: float


@dataclass
class WebhookState:
    """What setWebhook/deleteWebhook last recorded."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int | None = None
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    #: The last failed delivery, as getWebhookInfo reports it (Unix time, and Telegram's wording).
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class Fault:
    """Failures planned with ``fail_next``: calls of ``methods`` (None: any method but getUpdates), for
    ``chat_id`` (None: any chat), fail with ``status`` while ``remaining`` calls are left (None: no limit) and
    until ``until`` (``time.monotonic()``; None: no end)."""

    methods: frozenset[str] | None  # lower-cased
    status: int
    description: str
    retry_after: int | None
    remaining: int | None
    chat_id: int | None = None
    until: float | None = None

    def applies(self, method: str, chat_id: object, now: float) -> bool:
        lowered = method.lower()
        if self.methods is None and lowered == "getupdates":
            return False
        if (self.methods is not None and lowered not in self.methods) or (
            self.chat_id is not None and chat_id != self.chat_id
        ):
            return False
        return self.until is None or now < self.until


class Hold:
    """Calls of one method (optionally only for one chat) held before the fake acts on them, until released: a
    test can do something while the bot is in the middle of a call (kill it, send another update...).

    ``method`` may be "*" (any method but getUpdates). With ``after``, the fake acts on the call first and holds
    only its answer (the message exists, the bot does not know its id yet). ``arrived`` counts the calls caught.
    :meth:`release` lets them (and later ones) through as usual; :meth:`drop` answers them 500 without any effect
    (the call never happened), e.g. for a bot killed meanwhile.
    """

    def __init__(self, method: str, chat_id: int | None, *, after: bool = False) -> None:
        self.method = method.lower()
        self.chat_id = chat_id
        self.after = after  # act on the call first, hold only its answer
        self.arrived = 0
        self.dropped = False
        self._released = asyncio.Event()

    @property
    def active(self) -> bool:
        return not self._released.is_set()

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        return (
            self.active
            and (method.lower() == self.method or (self.method == "*" and method.lower() != "getupdates"))
            and (self.chat_id is None or params.get("chat_id") == self.chat_id)
        )

    async def wait(self) -> None:
        await self._released.wait()

    def release(self) -> None:
        self._released.set()

    def drop(self) -> None:
        self.dropped = True
        self._released.set()


@dataclass
class QueryState:
    """A callback query a person made by pressing a button."""

    from_user_id: int
    created_at: float  # when the button was pressed (the fake's ``monotonic`` clock)
    answered: bool = False
    expired: bool = False


@dataclass
class Invoice:
    """What the bot put in an invoice (the message shows only the public part; the payload stays here)."""

    chat_id: int
    message_id: int
    title: str
    description: str
    payload: str
    currency: str
    total_amount: int
    start_parameter: str | None


@dataclass
class PreCheckoutState:
    """A pre_checkout_query a person's Pay press made, and the bot's answer."""

    from_user_id: int
    sent_at: float  # time.monotonic()
    answered: bool = False
    ok: bool | None = None
    error_message: str | None = None
    answered_at: float | None = None
    expired: bool = False  # the deadline passed unanswered: the payment was cancelled


@dataclass
class StarCharge:
    """A payment in Stars Telegram took (``telegram_payment_charge_id``), and whether it was refunded."""

    charge_id: str
    user_id: int
    amount: int
    payload: str
    refunded: bool = False


@dataclass(eq=False)
class Entry:
    """A message in a chat's transcript (the dict is the live, edited version; ``earlier`` what it showed before
    each edit, oldest first: one message may be a menu, then a prompt, then a menu again)."""

    message: JSON
    from_bot: bool
    deleted: bool = False
    version: int = 0
    update_id: int | None = None
    earlier: list[JSON] = field(default_factory=list)

    def versions(self) -> list[JSON]:
        return [*self.earlier, self.message]
