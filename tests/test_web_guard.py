"""The public web port defends itself: slow and idle clients are cut off, connections are capped, bodies are
bounded and checked before parsing (malformed is 400, never 500), /healthz is cached, /metrics is elsewhere."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.ext import ApplicationBuilder

from bot.hosting import BuiltinPhotoHost
from bot.providers.swap_callbacks import SwapCallbacks
from bot.web import bodies
from bot.web.reach import ReachProbes
from bot.web.server import WebServer, create_web_app, redact_path
from bot.web.webhook import SECRET_HEADER, WebhookReceiver, webhook_path, webhook_secret
from tests.fakes.telegram import FakeTelegram
from tests.support.bot import TOKEN, make_settings, running_bot

DEEP_ARRAY = b"[" * 100_000 + b"]" * 100_000  # 200 KB: under every cap, far deeper than the parser follows
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


@pytest.fixture
async def start() -> AsyncIterator[Callable[..., Any]]:
    servers: list[WebServer] = []

    async def start(app: Any, **options: Any) -> tuple[WebServer, str]:
        server = WebServer(app, "127.0.0.1", 0, **options)
        await server.start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.port}"

    yield start
    for server in servers:
        await server.stop()


async def closed_by_server(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, trickle: bytes | None, bound: float = 10.0
) -> bool:
    """Send ``trickle`` (a header line) again and again until the server closes the connection, at most
    ``bound`` seconds; True if it closed it. No timing is asserted beyond "it closed within the bound"."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    while loop.time() < deadline:
        try:
            data = await asyncio.wait_for(reader.read(1024), 0.2)
        except TimeoutError:
            data = None
        if data == b"":
            return True
        if trickle is not None:
            try:
                writer.write(trickle)
                await writer.drain()
            except ConnectionError:
                return True
    return False


# -- slow clients and the connection cap ---------------------------------------------------------------------


async def test_a_slow_header_client_is_disconnected(start: Callable[..., Any]) -> None:
    server, _ = await start(create_web_app(), head_timeout=0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    await writer.drain()
    try:
        assert await closed_by_server(reader, writer, b"X-Slow: 1\r\n")  # a header line now and then
    finally:
        writer.close()


async def test_a_silent_client_is_disconnected(start: Callable[..., Any]) -> None:
    server, _ = await start(create_web_app(), head_timeout=0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        assert await closed_by_server(reader, writer, None)
    finally:
        writer.close()


async def test_keep_alive_requests_work_and_the_next_head_has_a_deadline_too(start: Callable[..., Any]) -> None:
    server, _ = await start(create_web_app(), head_timeout=0.5, keepalive_timeout=60)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        for _ in range(2):
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            assert head.startswith(b"HTTP/1.1 200")
            length = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[1])
            await reader.readexactly(length)
        writer.write(b"GET /healthz HTTP/1.1\r\n")  # the third request's head never completes
        await writer.drain()
        assert await closed_by_server(reader, writer, b"X-Slow: 1\r\n")
    finally:
        writer.close()


async def test_connections_over_the_cap_are_closed_at_once(start: Callable[..., Any]) -> None:
    server, base = await start(create_web_app(), head_timeout=30, max_connections=3)
    held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(3)]
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        assert await closed_by_server(reader, writer, None)  # the fourth
    finally:
        writer.close()
        for _, w in held:
            w.close()
    async with httpx.AsyncClient() as http:  # room again once they are gone
        for _ in range(100):
            try:
                if (await http.get(f"{base}/healthz")).status_code == 200:
                    break
            except httpx.HTTPError:
                await asyncio.sleep(0.05)  # the server has not seen the held ones close yet
        else:
            pytest.fail("the server never had room again")


def test_the_cap_stays_under_the_file_descriptor_limit() -> None:
    import resource

    from bot.web.server import connection_cap

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert connection_cap(10**9) <= max(8, soft // 4)
    assert connection_cap(3) == 3


# -- bodies ---------------------------------------------------------------------------------------------------


async def every_body_route(tmp_path: Path) -> tuple[Any, dict[str, dict[str, str]], SwapCallbacks]:
    """An app with every route (media, callbacks, webhook, probes), and for each POST route its URL path and
    the headers that get past its credential check."""
    registry = SwapCallbacks("https://bot.example")
    token, _ = registry.new_endpoint()
    application = ApplicationBuilder().token(TOKEN).build()  # never started: only its update queue is used

    async def accept(updates: object) -> None:
        return None

    receiver = WebhookReceiver(application.bot, TOKEN, accept)
    app = create_web_app(
        media=BuiltinPhotoHost(tmp_path / "media", "https://bot.example", 60),
        swap_callbacks=registry,
        health={},
        reach=ReachProbes(tmp_path / "media"),
        extra_routes=[receiver.route],
    )
    posts = {
        f"/callbacks/acedata/{token}": {},
        webhook_path(TOKEN): {SECRET_HEADER: webhook_secret(TOKEN)},
    }
    return app, posts, registry


async def test_nested_json_is_400_on_every_route(
    start: Callable[..., Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app, posts, _ = await every_body_route(tmp_path)
    _, base = await start(app)
    bad_bodies = [DEEP_ARRAY, DEEP_OBJECT, b"not json", b"\xff\xfe", b"[1, 2]", b""]
    async with httpx.AsyncClient() as http:
        for path, headers in posts.items():
            extra = [b'{"update_id": "x"}', b'{"update_id": 1, "message": []}'] if "telegram" in path else []
            for body in bad_bodies + extra:
                answer = await http.post(f"{base}{path}", content=body, headers=headers)
                assert answer.status_code == 400, (path, body[:20])
        # Routes that take no body ignore one, or refuse the method; never a 500.
        for path in ("/healthz", f"/media/{'A' * 43}", f"/healthz/{'A' * 43}"):
            got = await http.request("GET", f"{base}{path}", content=DEEP_ARRAY)
            posted = await http.post(f"{base}{path}", content=DEEP_ARRAY)
            assert got.status_code in (200, 404) and posted.status_code == 405, path
    assert not [r for r in caplog.records if r.exc_info or "RecursionError" in r.getMessage()]


async def test_the_callback_token_is_checked_before_the_body_is_read(start: Callable[..., Any], tmp_path: Path) -> None:
    """An unknown token announcing a huge body gets its 404 at once: the body is never waited for."""
    app, _, _ = await every_body_route(tmp_path)
    server, _ = await start(app)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(
            b"POST /callbacks/acedata/" + b"u" * 43 + b" HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{"
        )
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n"), 10)
        assert head.startswith(b"HTTP/1.1 404")
    finally:
        writer.close()


async def test_a_body_that_trickles_is_cut_off(
    start: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bodies, "BODY_TIMEOUT", 0.3)
    app, posts, _ = await every_body_route(tmp_path)
    server, _ = await start(app)
    path = next(p for p in posts if p.startswith("/callbacks/"))
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{{".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n"), 10)
        assert head.startswith(b"HTTP/1.1 400")
    finally:
        writer.close()


async def test_the_running_bot_refuses_malformed_updates_with_400(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, telegram_mode="webhook")
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        secret = {SECRET_HEADER: webhook_secret(TOKEN)}
        async with httpx.AsyncClient() as http:
            for body in (DEEP_ARRAY, DEEP_OBJECT, b"{", b'{"update_id": 5, "message": "not a message"}'):
                answer = await http.post(f"{bot.web_url}{webhook_path(TOKEN)}", content=body, headers=secret)
                assert answer.status_code == 400, body[:30]
        await alice.send_text(alice, "/help")  # and it still works
        assert "How to use" in (await tg.wait_for_bot_message(alice))["text"]


# -- /healthz -------------------------------------------------------------------------------------------------


async def test_healthz_runs_its_checks_once_per_interval(start: Callable[..., Any]) -> None:
    calls: list[str] = []
    now = [1000.0]

    async def telegram() -> bool:
        calls.append("getMe")
        return True

    _, base = await start(create_web_app(health={"telegram": telegram}, health_interval=15, clock=lambda: now[0]))
    async with httpx.AsyncClient() as http:
        answers = await asyncio.gather(*(http.get(f"{base}/healthz") for _ in range(100)))
        assert {a.status_code for a in answers} == {200} and calls == ["getMe"]
        now[0] += 15
        await http.get(f"{base}/healthz")
    assert calls == ["getMe", "getMe"]


async def test_the_bots_healthz_makes_one_bot_api_call_per_interval(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, health_check_interval=3600)
    async with running_bot(tg, settings) as bot:
        before = len(tg.calls_to("getMe"))
        async with httpx.AsyncClient() as http:
            for _ in range(100):
                assert (await http.get(f"{bot.web_url}/healthz")).status_code == 200
        assert len(tg.calls_to("getMe")) - before == 1


def test_probe_paths_are_shortened_in_logs() -> None:
    assert redact_path("/healthz/" + "A" * 43) == "/healthz/AAAAAA…"


async def test_no_logging_noise_from_a_refused_connection(
    start: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    server, _ = await start(create_web_app(), max_connections=1, head_timeout=30)
    first = await asyncio.open_connection("127.0.0.1", server.port)
    for _ in range(5):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        assert await closed_by_server(reader, writer, None)
        writer.close()
    first[1].close()
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1  # one warning a minute, not one per connection
