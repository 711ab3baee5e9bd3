"""The bot's own web server: hosted photos, a health check, and Ace's face-swap callbacks.

A Starlette app served by uvicorn inside the bot's event loop (as python-telegram-bot's
``examples/customwebhookbot/starlettebot.py`` does), so routes can await the bot's services directly.
The bot owns SIGINT/SIGTERM, so uvicorn's signal handlers are switched off; the bot calls
:meth:`WebServer.stop` on its way out. uvicorn keeps its hands off logging configuration, and its access
log is off: request paths carry media and callback tokens (a filter shortens them should it be turned on).

Only the declared routes exist. Every "not here" answer is the same 404, whatever the reason (unknown,
expired, malformed token, no such route), so tokens cannot be probed.

The port faces the internet (through a proxy), so the server defends itself: a request head must be
complete within ``head_timeout`` seconds of the connection opening (or of the previous response; uvicorn
has no such timeout, a slow-header client would hold its connection forever), idle keep-alive connections
close after ``keepalive_timeout``, connections beyond ``max_connections`` (also kept well under the process's
file-descriptor limit) are closed at once, every body is bounded before it is parsed, and ``/healthz`` runs
its checks (one of them a Bot API call) at most once per ``health_interval``.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import re
import resource
import socket
import time
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from typing import Any, ClassVar, Literal, Protocol

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.hosting.builtin import BuiltinPhotoHost, short
from bot.web.bodies import read_json
from bot.web.reach import ReachProbes

log = logging.getLogger(__name__)

DeliveryResult = Literal["accepted", "unknown", "duplicate"]
HealthCheck = Callable[[], Awaitable[bool]]

MAX_CALLBACK_BODY = 64 * 1024
_CALLBACK_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,128}")
_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_MEDIA_HEADERS = {
    **_NO_STORE,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
    "Content-Disposition": "inline",
}


class CallbackSink(Protocol):
    """Receives Ace's face-swap callbacks (``bot.providers.swap_callbacks.SwapCallbacks``).

    ``deliver`` may be a plain or an ``async`` method: an in-memory registry answers at once, one backed by
    the database needs to await.
    """

    def knows(self, token: str) -> bool:
        """Whether ``token`` was issued (and not forgotten): checked before the body is read."""
        ...

    def deliver(self, token: str, payload: dict[str, Any]) -> DeliveryResult | Awaitable[DeliveryResult]:
        """Hand over the callback for the task that ``token`` was issued for.

        ``"unknown"`` for a token the bot never issued (or has forgotten), ``"duplicate"`` when that task's
        result already arrived, ``"accepted"`` otherwise.
        """
        ...


def not_found() -> Response:
    """The one 404 this server gives, for every reason."""
    return PlainTextResponse("Not Found", status_code=404, headers=_NO_STORE)


def create_web_app(
    *,
    media: BuiltinPhotoHost | None = None,
    swap_callbacks: CallbackSink | None = None,
    health: Mapping[str, HealthCheck] | None = None,
    health_timeout: float = 3.0,
    health_interval: float = 0.0,
    clock: Callable[[], float] = time.monotonic,
    reach: ReachProbes | None = None,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The ASGI app. ``/media`` exists only with ``media``, the callback route only with ``swap_callbacks``,
    ``/healthz/<token>`` (``faceshift check``'s one-time reachability probe) only with ``reach``.

    ``health`` maps a check's name to a coroutine function answering True when healthy; the checks run at
    most once per ``health_interval`` seconds (by ``clock``), requests in between get the last results.
    ``extra_routes`` is how the wiring adds the Telegram webhook.
    """
    checks = HealthChecks(dict(health or {}), health_timeout, health_interval, clock)
    routes: list[BaseRoute] = [Route("/healthz", _healthz(checks), methods=["GET"])]
    if reach is not None:
        routes.append(Route("/healthz/{token}", _reach(reach), methods=["GET"]))
    if media is not None:
        routes.append(Route("/media/{token}", _media(media), methods=["GET", "HEAD"]))
    if swap_callbacks is not None:
        routes.append(Route("/callbacks/acedata/{token}", _callback(swap_callbacks), methods=["POST"]))
    routes.extend(extra_routes)

    async def _404(request: Request, exc: Exception) -> Response:
        return not_found()

    app = Starlette(routes=routes, exception_handlers={404: _404})
    app.router.redirect_slashes = False  # "/healthz/" is not "/healthz": only the declared paths answer
    return app


def _media(host: BuiltinPhotoHost) -> Callable[[Request], Awaitable[Response]]:
    async def media(request: Request) -> Response:
        found = await host.open(request.path_params["token"])
        if found is None:
            return not_found()
        data, content_type = found
        return Response(data, media_type=content_type, headers=_MEDIA_HEADERS)

    return media


class HealthChecks:
    """Runs the checks at most once per ``interval``; concurrent callers share one run (single flight)."""

    def __init__(
        self, checks: Mapping[str, HealthCheck], timeout: float, interval: float, clock: Callable[[], float]
    ) -> None:
        self._checks = checks
        self._timeout = timeout
        self._interval = interval
        self._clock = clock
        self._lock = asyncio.Lock()
        self._last: dict[str, str] | None = None
        self._at = 0.0

    async def results(self) -> dict[str, str]:
        async with self._lock:
            if self._last is not None and self._clock() - self._at < self._interval:
                return self._last
            names = list(self._checks)
            results = await asyncio.gather(*(self._run(name, self._checks[name]) for name in names))
            self._last, self._at = dict(zip(names, results, strict=True)), self._clock()
            return self._last

    async def _run(self, name: str, check: HealthCheck) -> str:
        try:
            ok = await asyncio.wait_for(check(), self._timeout)
        except TimeoutError:
            log.warning("health check %s timed out", name)
            return "timeout"
        except Exception:
            log.warning("health check %s failed", name, exc_info=True)
            return "fail"
        return "ok" if ok is True else "fail"


def _healthz(checks: HealthChecks) -> Callable[[Request], Awaitable[Response]]:
    async def healthz(request: Request) -> Response:
        report = await checks.results()
        healthy = all(result == "ok" for result in report.values())
        return JSONResponse(
            {"status": "ok" if healthy else "fail", "checks": report},
            status_code=200 if healthy else 503,
            headers=_NO_STORE,
        )

    return healthz


def _reach(probes: ReachProbes) -> Callable[[Request], Awaitable[Response]]:
    async def reach(request: Request) -> Response:
        answer = await probes.take(request.path_params["token"])
        if answer is None:
            return not_found()
        return Response(answer, media_type="text/plain", headers=_NO_STORE)

    return reach


def bad_request() -> Response:
    return JSONResponse({"error": "bad request"}, status_code=400, headers=_NO_STORE)


def _callback(sink: CallbackSink) -> Callable[[Request], Awaitable[Response]]:
    async def callback(request: Request) -> Response:
        token: str = request.path_params["token"]
        # The token is the credential: checked before a byte of the body is read.
        if _CALLBACK_TOKEN_RE.fullmatch(token) is None or not sink.knows(token):
            return not_found()
        payload = await read_json(request, MAX_CALLBACK_BODY)
        if not isinstance(payload, dict):
            return bad_request()
        try:
            answer = sink.deliver(token, payload)
            result = await answer if inspect.isawaitable(answer) else answer
        except Exception:
            # Logged here with a token prefix only; a 500 makes the vendor retry later.
            log.exception("face-swap callback %s could not be delivered", short(token))
            return PlainTextResponse("Internal Server Error", status_code=500, headers=_NO_STORE)
        log.info("face-swap callback %s: %s", short(token), result)
        if result == "unknown":
            return not_found()
        # "duplicate" is a success too: the vendor should stop retrying either way.
        return JSONResponse({"status": result}, headers=_NO_STORE)

    return callback


class _RedactPaths(logging.Filter):
    """Shortens long path segments (tokens) and drops query strings in uvicorn's access log lines.

    ``access_log=False`` only empties the ``uvicorn.access`` logger's handlers; anything that later adds one
    (a logging config, a test harness) would log full paths again. A filter on the logger itself holds
    whoever attaches handlers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def redact_path(path: str) -> str:
    """``/media/AbCdEf...`` -> ``/media/AbCdEf…``: any segment over 12 characters keeps 6; no query string."""
    path = path.split("?", 1)[0]
    return "/".join(segment if len(segment) <= 12 else short(segment) for segment in path.split("/"))


def _install_access_redaction() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, _RedactPaths) for existing in access.filters):
        access.addFilter(_RedactPaths())


class _GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the request head and a cap on open connections.

    Subclassed per server (:func:`_guarded_protocol`) with the two limits as class attributes, since uvicorn
    creates the protocol itself. A connection over the cap is closed before anything is read from it (one
    warning a minute says so), which keeps the bot's file descriptors for its own work.
    """

    head_timeout: ClassVar[float] = 10.0
    max_connections: ClassVar[int] = 200
    _refused: ClassVar[list[float]] = [0.0, 0.0]  # [refused since the last warning, time of that warning]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        if len(self.connections) > self.max_connections:
            self._refuse()
            return
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # a new request on a kept-alive connection: its head has a deadline too
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            log.debug("closing a connection whose request head did not arrive within %.0f s", self.head_timeout)
            self.transport.close()

    def _refuse(self) -> None:
        self.transport.abort()
        counts = type(self)._refused
        counts[0] += 1
        now = time.monotonic()
        if now - counts[1] >= 60:
            log.warning(
                "web server: %d connection(s) refused, over the limit of %d open connections",
                int(counts[0]),
                self.max_connections,
            )
            counts[0], counts[1] = 0, now


def _guarded_protocol(head_timeout: float, max_connections: int) -> type[_GuardedH11Protocol]:
    attributes = {"head_timeout": head_timeout, "max_connections": max_connections, "_refused": [0.0, 0.0]}
    return type("GuardedH11Protocol", (_GuardedH11Protocol,), attributes)


def connection_cap(wanted: int) -> int:
    """``wanted``, but at most a quarter of the file descriptors this process may open."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return wanted
    return min(wanted, max(8, soft // 4))


class _EmbeddedServer(uvicorn.Server):
    """uvicorn that leaves SIGINT/SIGTERM to the bot and tells us when it is listening."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


class WebServer:
    """Runs ``app`` on ``host:port`` as a task in the current event loop; ``port=0`` picks a free port.

    The socket is bound here rather than by uvicorn, whose bind failure is ``sys.exit``: a busy port raises
    ``OSError`` from :meth:`start` instead of ending the bot.
    """

    def __init__(
        self,
        app: ASGIApp,
        host: str,
        port: int,
        *,
        shutdown_timeout: int = 5,
        head_timeout: float = 10.0,
        keepalive_timeout: int = 5,
        max_connections: int = 200,
    ) -> None:
        self.app = app
        self.host = host
        self._port = port
        self._shutdown_timeout = shutdown_timeout
        self._head_timeout = head_timeout
        self._keepalive_timeout = keepalive_timeout
        self.max_connections = connection_cap(max_connections)
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._socket: socket.socket | None = None

    @property
    def requested_port(self) -> int:
        return self._port

    @property
    def port(self) -> int:
        """The bound port (the real one when constructed with 0)."""
        if self._socket is None:
            raise RuntimeError("the web server is not running")
        return int(self._socket.getsockname()[1])

    async def start(self) -> None:
        if self._task is not None:
            raise RuntimeError("the web server is already running")
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self._port,
            lifespan="off",
            access_log=False,  # paths carry tokens
            log_config=None,  # the bot configures logging
            server_header=False,
            ws="none",
            http=_guarded_protocol(self._head_timeout, self.max_connections),
            timeout_keep_alive=self._keepalive_timeout,
            # Requests in flight; connections are capped by the protocol (so this never counts them first).
            limit_concurrency=self.max_connections + 1,
            timeout_graceful_shutdown=self._shutdown_timeout,
        )
        _install_access_redaction()
        sock = await self._bind()
        server = _EmbeddedServer(config)
        task = asyncio.create_task(server.serve(sockets=[sock]), name="web-server")
        ready = asyncio.create_task(server.ready.wait())
        try:
            await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
        if task.done():
            sock.close()
            task.result()  # the start-up error
            raise RuntimeError("the web server stopped during start-up")
        self._server, self._task, self._socket = server, task, sock
        task.add_done_callback(self._on_exit)
        log.info("web server listening on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Stop accepting, let requests in flight finish (up to ``shutdown_timeout``), then return."""
        server, task, sock = self._server, self._task, self._socket
        if server is None or task is None:
            return
        self._server = self._task = None
        server.should_exit = True
        try:
            await asyncio.wait_for(asyncio.shield(task), self._shutdown_timeout + 5)
        except TimeoutError:
            server.force_exit = True
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        except Exception:  # the server had crashed; _on_exit logged it
            log.debug("web server had already stopped with an error")
        finally:
            if sock is not None:
                sock.close()
            self._socket = None
        log.info("web server stopped")

    async def _bind(self) -> socket.socket:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(self.host or None, self._port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.set_inheritable(False)
        except OSError:
            sock.close()
            raise
        return sock

    def _on_exit(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("web server crashed", exc_info=task.exception())
