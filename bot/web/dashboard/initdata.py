"""Checking a Mini App's ``initData``, as Telegram documents it ("Validating data received via the Mini App").

Telegram hands a Mini App a query string (``query_id=...&user=...&auth_date=...&hash=...``) signed for the bot:
the data-check string is every field but ``hash``, as ``key=value`` sorted by key and joined by line feeds;
the secret key is HMAC-SHA256 of the bot token keyed with ``"WebAppData"``; ``hash`` is the hex HMAC-SHA256 of
the data-check string under that key. Only Telegram and the bot know the token, so a valid hash means Telegram
issued these fields, and ``user`` is who opened the app. ``auth_date`` bounds how long that stays believable.

Every refusal is the same exception whatever the reason (the reason is kept for the log, never for the
caller's answer), and the comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl

MAX_INIT_DATA = 4096  # bytes: Telegram's are a few hundred; anything much longer is not one
CLOCK_SKEW = 60.0  # seconds an auth_date may lie in the future (the bot's clock and Telegram's differ a little)
_HASH = re.compile(r"[0-9a-f]{64}")


class Refusal(StrEnum):
    MISSING = "missing"
    MALFORMED = "malformed"
    BAD_HASH = "bad_hash"
    EXPIRED = "expired"
    NO_USER = "no_user"


class InitDataRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WebAppUser:
    id: int
    first_name: str
    username: str | None
    language_code: str | None
    auth_date: int


def secret_key(bot_token: str) -> bytes:
    """The key ``hash`` is made with (derived once per bot)."""
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={value}" for key, value in sorted(fields.items()) if key != "hash")


class InitDataVerifier:
    """Verifies ``initData`` for one bot; ``max_age`` seconds after ``auth_date`` it is refused as expired."""

    def __init__(self, bot_token: str, *, max_age: float, now: Callable[[], float] = time.time) -> None:
        self._key = secret_key(bot_token)
        self.max_age = max_age
        self._now = now

    def verify(self, init_data: str | None, *, now: float | None = None) -> WebAppUser:
        """The user who opened the Mini App, or :class:`InitDataRefused`."""
        if not init_data:
            raise InitDataRefused(Refusal.MISSING)
        if len(init_data) > MAX_INIT_DATA:
            raise InitDataRefused(Refusal.MALFORMED)
        fields = _parse(init_data)
        given = fields.get("hash", "")
        if _HASH.fullmatch(given) is None:
            raise InitDataRefused(Refusal.MALFORMED)
        expected = hmac.new(self._key, data_check_string(fields).encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, given):
            raise InitDataRefused(Refusal.BAD_HASH)
        auth_date = fields.get("auth_date", "")
        if not auth_date.isdigit() or len(auth_date) > 12:
            raise InitDataRefused(Refusal.MALFORMED)
        age = (self._now() if now is None else now) - int(auth_date)
        if age > self.max_age or age < -CLOCK_SKEW:
            raise InitDataRefused(Refusal.EXPIRED)
        return _user(fields.get("user"), int(auth_date))


def _parse(init_data: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True, errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise InitDataRefused(Refusal.MALFORMED) from None
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a field given twice: which one did Telegram sign?
        raise InitDataRefused(Refusal.MALFORMED)
    return fields


def _user(raw: str | None, auth_date: int) -> WebAppUser:
    if raw is None:
        raise InitDataRefused(Refusal.NO_USER)
    try:
        user = json.loads(raw)
    except ValueError:
        raise InitDataRefused(Refusal.MALFORMED) from None
    if not isinstance(user, dict):
        raise InitDataRefused(Refusal.MALFORMED)
    user_id = user.get("id")
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
        raise InitDataRefused(Refusal.NO_USER)
    username, language = user.get("username"), user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=str(user.get("first_name") or ""),
        username=username if isinstance(username, str) else None,
        language_code=language if isinstance(language, str) else None,
        auth_date=auth_date,
    )
