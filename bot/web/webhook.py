"""Webhook mode: Telegram POSTs each update to ``<PUBLIC_URL>/telegram/<path secret>``.

Both the path and the ``secret_token`` Telegram echoes in ``X-Telegram-Bot-Api-Secret-Token`` are derived
from the bot token with HMAC, so they are stable across restarts (updates queued during a restart still
arrive) and unguessable without the token. A request without the right header gets 403 and is dropped,
before its body is read; a body that is too big, too slow or not an update gets 400.

An update is answered 200 only once it is stored (the bot's inbox): a crash after that handles it at the next
start; a failure to store it answers 503, so Telegram delivers it again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Bot, Update

from bot.web.bodies import read_json

log = logging.getLogger(__name__)

Accept = Callable[[Sequence[Update]], Awaitable[None]]

MAX_UPDATE_BYTES = 1_000_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


def _derive(token: str, purpose: str) -> str:
    return hmac.new(token.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def webhook_path(token: str) -> str:
    return f"/telegram/{_derive(token, 'faceshift-webhook-path')[:32]}"


def webhook_secret(token: str) -> str:
    return _derive(token, "faceshift-webhook-secret")


class WebhookReceiver:
    """The ``/telegram/<path>`` route. After :meth:`close` it answers 503, so Telegram keeps the update and
    delivers it again after the restart instead of it being acknowledged and lost during shutdown."""

    def __init__(self, bot: Bot, token: str, accept: Accept) -> None:
        self._bot = bot
        self._accept = accept  # stores the update (raises when it could not)
        self._secret = webhook_secret(token)
        self._open = True
        self.route = Route(webhook_path(token), self._receive, methods=["POST"])

    def close(self) -> None:
        self._open = False

    async def _receive(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook call without the right secret header: refused")
            return PlainTextResponse("forbidden", status_code=403)
        if not self._open:
            return PlainTextResponse("shutting down", status_code=503)
        data = await read_json(request, MAX_UPDATE_BYTES)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return PlainTextResponse("bad update", status_code=400)
        try:
            update = Update.de_json(data, self._bot)
        except Exception:  # any shape python-telegram-bot cannot read (RecursionError included) is a bad update
            log.warning("webhook: an update that could not be read was refused")
            return PlainTextResponse("bad update", status_code=400)
        try:
            await self._accept([update])
        except Exception:
            log.exception("webhook: update %s could not be stored; Telegram will deliver it again", update.update_id)
            return PlainTextResponse("not stored", status_code=503)
        return PlainTextResponse("ok")
