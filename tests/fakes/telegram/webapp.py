"""Mini Apps as a Telegram client opens them: a ``web_app`` button's URL, with signed ``initData`` in the fragment.

What Telegram does (the "Initializing Mini Apps" and "Validating data received via the Mini App" sections of its
documentation): the client opens the button's URL with ``#tgWebAppData=<initData>&tgWebAppVersion=...&
tgWebAppPlatform=...&tgWebAppThemeParams=<JSON>``; ``initData`` is a query string (``query_id``, ``user`` as JSON,
``auth_date``, ``signature``, ``hash``...) whose ``hash`` is HMAC-SHA256 of the sorted ``key=value`` lines of every
other field, keyed with HMAC-SHA256(key="WebAppData", message=bot token). Written here apart from the bot's own
check, so the two cannot share a mistake.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from .limits import JSON

#: Telegram Desktop's night theme, as it passes ``themeParams``.
DARK_THEME: dict[str, str] = {
    "bg_color": "#17212b",
    "secondary_bg_color": "#232e3c",
    "section_bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "link_color": "#6ab3f3",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "header_bg_color": "#17212b",
    "accent_text_color": "#6ab2f2",
    "section_header_text_color": "#6ab3f3",
    "subtitle_text_color": "#708499",
    "destructive_text_color": "#ec3942",
}
LIGHT_THEME: dict[str, str] = {
    "bg_color": "#ffffff",
    "secondary_bg_color": "#f1f1f1",
    "section_bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#999999",
    "link_color": "#2481cc",
    "button_color": "#2481cc",
    "button_text_color": "#ffffff",
    "header_bg_color": "#ffffff",
    "accent_text_color": "#2481cc",
    "section_header_text_color": "#6d6d72",
    "subtitle_text_color": "#999999",
    "destructive_text_color": "#ff3b30",
}


def sign_init_data(token: str, fields: Mapping[str, str]) -> str:
    """``fields`` as Telegram would send them: URL-encoded, with ``hash`` appended."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest}, quote_via=quote)


def init_data_for(
    token: str, user: JSON, *, chat_type: str = "private", auth_date: float | None = None, **extra: str
) -> str:
    """The ``initData`` a client makes for ``user`` opening a Mini App from a button in a chat of ``chat_type``."""
    fields = {
        "query_id": "AAH" + secrets.token_urlsafe(16),
        "user": json.dumps(
            {**{k: v for k, v in user.items() if k != "is_bot"}, "allows_write_to_pm": True},
            separators=(",", ":"),
            ensure_ascii=False,
        ),
        "chat_instance": str(secrets.randbelow(10**18)),
        "chat_type": chat_type,
        "auth_date": str(int(time.time() if auth_date is None else auth_date)),
        "signature": secrets.token_urlsafe(64),  # Telegram's Ed25519 signature for third parties; covered by hash
        **extra,
    }
    return sign_init_data(token, fields)


def launch_url(url: str, init_data: str, *, theme: Mapping[str, str] | None = None, platform: str = "tdesktop") -> str:
    """``url`` as the client opens it: launch parameters in the fragment, so they never reach a server."""
    params: dict[str, Any] = {
        "tgWebAppData": init_data,
        "tgWebAppVersion": "8.0",
        "tgWebAppPlatform": platform,
        "tgWebAppThemeParams": json.dumps(dict(theme or LIGHT_THEME), separators=(",", ":")),
    }
    return f"{url}#{urlencode(params, quote_via=quote)}"


def web_app_url(message: JSON, button: str) -> str:
    """The URL of the ``web_app`` button labelled ``button`` on ``message``."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    for found in (b for row in rows for b in row):
        if found.get("text") == button:
            if "web_app" not in found:
                raise AssertionError(f"button {button!r} does not open a Mini App: {found}")
            return str(found["web_app"]["url"])
    labels = [b.get("text") for row in rows for b in row]
    raise AssertionError(f"no button {button!r} on message #{message.get('message_id')}; buttons: {labels}")
