"""The bot's web server: health check, Ace callbacks, and nothing else served."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.hosting import BuiltinPhotoHost
from bot.web.server import MAX_CALLBACK_BODY, DeliveryResult, HealthCheck, WebServer, create_web_app, redact_path

TOKEN_A = "task-token-aaaaaaaaaaaaaaaa"
TOKEN_DUP = "task-token-dddddddddddddddd"


class FakeSink:
    """Knows two tokens; the second one already had its result."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, dict[str, Any]]] = []
        self.asked: list[str] = []

    def knows(self, token: str) -> bool:
        self.asked.append(token)
        return token in (TOKEN_A, TOKEN_DUP, "explode")

    async def deliver(self, token: str, payload: dict[str, Any]) -> DeliveryResult:
        self.delivered.append((token, payload))
        if token == TOKEN_A:
            return "accepted"
        if token == TOKEN_DUP:
            return "duplicate"
        if token == "explode":
            raise RuntimeError("database is locked")
        return "unknown"


async def ok() -> bool:
    return True


async def bad() -> bool:
    return False


async def broken() -> bool:
    raise ConnectionError("db gone")


async def hangs() -> bool:
    await asyncio.Event().wait()
    return True


@pytest.fixture
async def run() -> AsyncIterator[Any]:
    """Starts servers for a test and stops them after it; yields ``start(app) -> base URL``."""
    servers: list[WebServer] = []

    async def start(**kwargs: Any) -> str:
        server = WebServer(create_web_app(**kwargs), "127.0.0.1", 0)
        await server.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.port}"

    yield start
    for server in servers:
        await server.stop()


async def test_healthz_all_ok(run: Any) -> None:
    base = await run(health={"db": ok, "vendors": ok})
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{base}/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "checks": {"db": "ok", "vendors": "ok"}}
    assert answer.headers["cache-control"] == "no-store"


async def test_healthz_without_checks_is_ok(run: Any) -> None:
    base = await run()
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{base}/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "checks": {}}


async def test_healthz_failing_checks_give_503(run: Any) -> None:
    checks: Mapping[str, HealthCheck] = {"db": ok, "false": bad, "raises": broken, "slow": hangs}
    base = await run(health=checks, health_timeout=0.05)
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{base}/healthz")
    assert answer.status_code == 503
    assert answer.json() == {
        "status": "fail",
        "checks": {"db": "ok", "false": "fail", "raises": "fail", "slow": "timeout"},
    }


async def test_callbacks(run: Any) -> None:
    sink = FakeSink()
    base = await run(swap_callbacks=sink)
    payload = {"success": True, "task_id": "t1", "image_url": "https://cdn.acedata.cloud/x.jpg"}
    async with httpx.AsyncClient() as http:
        accepted = await http.post(f"{base}/callbacks/acedata/{TOKEN_A}", json=payload)
        duplicate = await http.post(f"{base}/callbacks/acedata/{TOKEN_DUP}", json=payload)
        unknown = await http.post(f"{base}/callbacks/acedata/nobody-issued-this", json=payload)
        malformed_token = await http.post(f"{base}/callbacks/acedata/{'x' * 200}", json=payload)
        get = await http.get(f"{base}/callbacks/acedata/{TOKEN_A}")
    assert accepted.status_code == 200 and accepted.json() == {"status": "accepted"}
    assert duplicate.status_code == 200 and duplicate.json() == {"status": "duplicate"}
    assert unknown.status_code == 404 and unknown.content == b"Not Found"
    assert malformed_token.status_code == 404 and malformed_token.content == b"Not Found"
    assert get.status_code == 405
    # An unknown token is refused before its body is read; a malformed one is not even looked up.
    assert sink.delivered == [(TOKEN_A, payload), (TOKEN_DUP, payload)]
    assert sink.asked == [TOKEN_A, TOKEN_DUP, "nobody-issued-this"]


class SyncSink:
    """A sink whose ``deliver`` is a plain method, as the in-memory registry's is."""

    def __init__(self) -> None:
        self.delivered: list[str] = []

    def knows(self, token: str) -> bool:
        return token in (TOKEN_A, "issued-then-forgotten")

    def deliver(self, token: str, payload: dict[str, Any]) -> DeliveryResult:
        self.delivered.append(token)
        return "accepted" if token == TOKEN_A else "unknown"


async def test_callbacks_with_a_plain_deliver(run: Any) -> None:
    sink = SyncSink()
    base = await run(swap_callbacks=sink)
    async with httpx.AsyncClient() as http:
        assert (await http.post(f"{base}/callbacks/acedata/{TOKEN_A}", json={})).status_code == 200
        assert (await http.post(f"{base}/callbacks/acedata/other", json={})).status_code == 404
        assert (await http.post(f"{base}/callbacks/acedata/issued-then-forgotten", json={})).status_code == 404
    assert sink.delivered == [TOKEN_A, "issued-then-forgotten"]


async def test_callbacks_reach_the_swap_registry(run: Any) -> None:
    """With the real registry (bot.providers.swap_callbacks): only the task the bot started gets through."""
    from bot.providers.swap_callbacks import SwapCallbacks

    registry = SwapCallbacks("https://bot.example")
    token, url = registry.new_endpoint()
    assert url.endswith(f"/callbacks/acedata/{token}")
    registry.expect(token, "task-1")
    base = await run(swap_callbacks=registry)
    done = {"success": True, "task_id": "task-1", "image_url": "https://cdn.acedata.cloud/r.jpg"}
    async with httpx.AsyncClient() as http:
        wrong_task = await http.post(f"{base}/callbacks/acedata/{token}", json={**done, "task_id": "task-2"})
        first = await http.post(f"{base}/callbacks/acedata/{token}", json=done)
        again = await http.post(f"{base}/callbacks/acedata/{token}", json=done)
        forged = await http.post(f"{base}/callbacks/acedata/{'A' * 43}", json=done)
    statuses = [wrong_task.status_code, first.status_code, again.status_code, forged.status_code]
    assert statuses == [404, 200, 200, 404]
    assert again.json() == {"status": "duplicate"}
    assert await registry.wait(token, 1) == done


async def test_callback_bad_bodies_are_400_and_never_delivered(run: Any) -> None:
    sink = FakeSink()
    base = await run(swap_callbacks=sink)
    url = f"{base}/callbacks/acedata/{TOKEN_A}"
    big = json.dumps({"pad": "x" * MAX_CALLBACK_BODY}).encode()

    async def chunked() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * (MAX_CALLBACK_BODY // 4)

    async with httpx.AsyncClient() as http:
        answers = [
            await http.post(url, content=b"not json", headers={"content-type": "application/json"}),
            await http.post(url, content=b"[1, 2, 3]"),  # JSON, but not an object
            await http.post(url, content=b"\xff\xfe\x00"),
            await http.post(url, content=b""),
            await http.post(url, content=big),
            await http.post(url, content=chunked()),  # no Content-Length: capped while reading
        ]
    assert [a.status_code for a in answers] == [400] * len(answers)
    assert sink.delivered == []


async def test_callback_body_just_under_the_cap_is_fine(run: Any) -> None:
    sink = FakeSink()
    base = await run(swap_callbacks=sink)
    body = json.dumps({"pad": ""}).encode()
    body = json.dumps({"pad": "x" * (MAX_CALLBACK_BODY - len(body))}).encode()
    assert len(body) == MAX_CALLBACK_BODY
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{base}/callbacks/acedata/{TOKEN_A}", content=body)
    assert answer.status_code == 200


async def test_sink_failure_is_500(run: Any) -> None:
    base = await run(swap_callbacks=FakeSink())
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{base}/callbacks/acedata/explode", json={"task_id": "t"})
    assert answer.status_code == 500  # the vendor retries later


async def test_only_declared_routes_exist(run: Any, tmp_path: Path) -> None:
    host = BuiltinPhotoHost(tmp_path / "media", "http://x", 60)
    base = await run(media=host, swap_callbacks=FakeSink(), health={"db": ok})
    async with httpx.AsyncClient() as http:
        for path in (
            "/",
            "/media",
            "/media/",
            "/etc/passwd",
            "/healthz/",
            "/callbacks",
            "/callbacks/acedata",
            "/callbacks/acedata/",
            "/metrics",
            "/docs",
            "/static/x",
            "/favicon.ico",
            "/.env",
        ):
            answer = await http.get(f"{base}{path}")
            assert answer.status_code == 404, path
            assert answer.content == b"Not Found", path
        assert (await http.post(f"{base}/media/{'A' * 43}")).status_code == 405


async def test_routes_absent_without_their_backends(run: Any) -> None:
    base = await run()
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{base}/media/{'A' * 43}")).status_code == 404
        assert (await http.post(f"{base}/callbacks/acedata/{TOKEN_A}", json={})).status_code == 404


async def test_extra_routes(run: Any) -> None:
    async def metrics(request: Request) -> Response:
        return PlainTextResponse("up 1\n")

    base = await run(extra_routes=[Route("/metrics", metrics)])
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{base}/metrics")).text == "up 1\n"


async def test_busy_port_raises_instead_of_exiting() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = WebServer(create_web_app(), "127.0.0.1", taken.getsockname()[1])
        with pytest.raises(OSError):
            await server.start()
    with pytest.raises(RuntimeError):
        _ = server.port
    await server.stop()  # never started: nothing to do


async def test_start_stop_and_port() -> None:
    server = WebServer(create_web_app(), "127.0.0.1", 0)
    await server.start()
    port = server.port
    assert port > 0
    with pytest.raises(RuntimeError):
        await server.start()
    await server.stop()
    await server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient() as http:
            await http.get(f"http://127.0.0.1:{port}/healthz")


async def test_access_log_lines_carry_no_tokens(run: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    sink = FakeSink()
    base = await run(swap_callbacks=sink)
    async with httpx.AsyncClient() as http:
        await http.post(f"{base}/callbacks/acedata/{TOKEN_A}?secret=1", json={"a": 1})
    ours = [r.getMessage() for r in caplog.records if r.name.startswith(("bot", "uvicorn"))]
    assert ours
    assert not any(TOKEN_A in line or "secret=1" in line for line in ours)


def test_redact_path() -> None:
    assert redact_path("/media/" + "A" * 43 + "?x=1") == "/media/AAAAAA…"
    assert redact_path("/healthz") == "/healthz"
    assert redact_path("/callbacks/acedata/abcdefghijklmnop") == "/callbacks/acedata/abcdef…"
