"""``FakeTelegram``: the world, the Bot API methods, the driver and the inspection helpers in one object, served
over HTTP (API under ``/bot<token>/<method>``, downloads under ``/file/bot<token>/<path>``)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any, TypeAlias

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..server import serve
from .api_chats import ChatsApi
from .api_payments import PaymentsApi
from .api_session import SessionApi
from .driver import Driver
from .files import UploadedFile
from .http import Params, json_response, read_params
from .limits import DEFAULT_TOKEN, JSON, ApiError, default_description, is_sending
from .observe import Observe
from .records import ApiCall, Fault

_Handler: TypeAlias = Callable[[Params], Awaitable[Any]]


class FakeTelegram(PaymentsApi, ChatsApi, SessionApi, Driver, Observe):
    """A Bot API server for one bot, and the world around it: people, chats, files, updates.

    Start it with ``FakeTelegram.running(...)`` (or ``fake.serving()``); point the bot at
    ``f"{tg.base_url}/bot"`` and ``f"{tg.base_url}/file/bot"``.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "faceshift_bot",
        *,
        bot_first_name: str = "FaceShift",
        first_update_id: int = 1,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            token,
            bot_username,
            bot_first_name=bot_first_name,
            first_update_id=first_update_id,
            clock=clock,
            monotonic=monotonic,
        )
        handlers: dict[str, _Handler] = {
            "getMe": self._api_get_me,
            "getUpdates": self._api_get_updates,
            "setWebhook": self._api_set_webhook,
            "deleteWebhook": self._api_delete_webhook,
            "getWebhookInfo": self._api_get_webhook_info,
            "setMyCommands": self._api_set_my_commands,
            "getMyCommands": self._api_get_my_commands,
            "deleteMyCommands": self._api_delete_my_commands,
            "sendMessage": self._api_send_message,
            "sendPhoto": self._api_send_photo,
            "sendDocument": self._api_send_document,
            "sendChatAction": self._api_send_chat_action,
            "editMessageText": self._api_edit_message_text,
            "editMessageCaption": self._api_edit_message_caption,
            "editMessageReplyMarkup": self._api_edit_message_reply_markup,
            "deleteMessage": self._api_delete_message,
            "answerCallbackQuery": self._api_answer_callback_query,
            "getFile": self._api_get_file,
            "getChatMember": self._api_get_chat_member,
            "getChatAdministrators": self._api_get_chat_administrators,
            "sendInvoice": self._api_send_invoice,
            "answerPreCheckoutQuery": self._api_answer_pre_checkout_query,
            "refundStarPayment": self._api_refund_star_payment,
            "getStarTransactions": self._api_get_star_transactions,
        }
        # Telegram matches method names case-insensitively.
        self._handlers: dict[str, tuple[str, _Handler]] = {name.lower(): (name, h) for name, h in handlers.items()}
        self.app = Starlette(routes=[Route("/{path:path}", self._dispatch, methods=["GET", "POST"])])

    def __repr__(self) -> str:  # never shows the token
        return f"<FakeTelegram @{self.bot_username} at {self._base_url or 'not running'}>"

    # ---- lifecycle ------------------------------------------------------------------------------------

    @classmethod
    @contextlib.asynccontextmanager
    async def running(
        cls,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "faceshift_bot",
        *,
        bot_first_name: str = "FaceShift",
        first_update_id: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> AsyncIterator[FakeTelegram]:
        """Create a fake and serve it on 127.0.0.1 for the duration of the block."""
        fake = cls(token, bot_username, bot_first_name=bot_first_name, first_update_id=first_update_id, clock=clock)
        async with fake.serving():
            yield fake

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[str]:
        """Serve this fake for the duration of the block; yields the base URL."""
        async with serve(self.app) as url:
            self._base_url = url
            self._closed = False
            pusher = asyncio.create_task(self._push_webhooks(), name="fake-telegram-webhook-pusher")
            try:
                yield url
            finally:
                # Release pending long polls so the server can stop without waiting for their timeouts.
                self._closed = True
                self._signal.fire()
                pusher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pusher
        self._base_url = None

    @property
    def base_url(self) -> str:
        """The root URL, e.g. ``http://127.0.0.1:41234`` (API under ``/bot``, files under ``/file/bot``)."""
        if self._base_url is None:
            raise RuntimeError("the fake Telegram server is not running")
        return self._base_url

    # ---- faults --------------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str | Iterable[str],
        status: int = 429,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        count: int | None = 1,
        chat_id: int | None = None,
        seconds: float | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (a name, several, or "*": any method but getUpdates) fail
        with ``status``; with ``chat_id``, only calls for that chat; with ``seconds``, only for that long from now.
        ``count=None``: every such call (for ``seconds``, or until ``clear_faults``).

        429 answers carry ``parameters.retry_after`` (default 1). The failed calls have no effect; other calls
        (other methods, other chats) are served.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        names = [method] if isinstance(method, str) else list(method)
        self._faults.append(
            Fault(
                None if "*" in names else frozenset(name.lower() for name in names),
                status,
                description or default_description(status, retry_after),
                retry_after,
                count,
                chat_id,
                time.monotonic() + seconds if seconds is not None else None,
            )
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    # ---- HTTP -----------------------------------------------------------------------------------------

    async def _dispatch(self, request: Request) -> Response:
        request.state.arrived = time.monotonic()  # before the body is read (see ApiCall.arrived)
        path = request.url.path
        if path.startswith("/file/bot"):
            token, _, file_path = path.removeprefix("/file/bot").partition("/")
            return self._serve_file(token, file_path)
        if path.startswith("/bot"):
            token, _, method = path.removeprefix("/bot").partition("/")
            return await self._serve_api(request, token, method)
        return json_response(ApiError(404, "Not Found").body(), 404)

    def _token_ok(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    def _serve_file(self, token: str, file_path: str) -> Response:
        if not self._token_ok(token):
            return json_response(ApiError(401, "Unauthorized").body(), 401)
        stored = self._file_store.by_path(file_path)
        if stored is None:
            return json_response(ApiError(404, "Not Found").body(), 404)
        return Response(stored.data, media_type=stored.mime_type or "application/octet-stream")

    async def _serve_api(self, request: Request, token: str, method: str) -> Response:
        if not self._token_ok(token):
            return json_response(ApiError(401, "Unauthorized").body(), 401)
        known = self._handlers.get(method.lower())
        name = known[0] if known is not None else method
        params: JSON = {}
        files: dict[str, UploadedFile] = {}
        try:
            params, files = await read_params(request)
            await self._held(name, params, after=False)
            fault = self._take_fault(name, params)
            if fault is not None:
                raise fault
            if known is None:
                raise ApiError(404, "Not Found")
            self._meter_flood(name, params)
            result = await known[1](Params(params, files))
            await self._held(name, params, after=True)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as error:
            status, body = error.status, error.body()
        self.calls.append(
            ApiCall(
                method=name,
                params=params,
                files=files,
                time=time.monotonic(),
                status=status,
                result=body.get("result"),
                description=body.get("description"),
                arrived=request.state.arrived,
            )
        )
        self._signal.fire()
        return json_response(body, status)

    async def _held(self, method: str, params: JSON, *, after: bool) -> None:
        for hold in self._holds:
            if hold.after == after and hold.matches(method, params):
                hold.arrived += 1
                self._signal.fire()
                await hold.wait()
                if hold.dropped:
                    raise ApiError(500, "Internal Server Error")
                return

    def _meter_flood(self, method: str, params: JSON) -> None:
        chat_id = params.get("chat_id")
        if self.flood is None or not is_sending(method) or not isinstance(chat_id, int):
            return
        chat = self._chats.get(chat_id)
        wait = self.flood.take(chat_id, group=chat is not None and not chat.is_private)
        if wait is not None:
            self.flood_refusals.append((method, chat_id, wait))
            raise ApiError(429, default_description(429, wait), retry_after=wait)

    def _take_fault(self, method: str, params: JSON | None = None) -> ApiError | None:
        chat_id = (params or {}).get("chat_id")
        now = time.monotonic()
        for fault in self._faults:
            if fault.applies(method, chat_id, now):
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                return ApiError(fault.status, fault.description, retry_after=fault.retry_after)
        return None
