"""The fake vendor servers themselves, exercised with raw httpx requests.

One set of fakes (and one photo server, one callback receiver) serves the whole module; every test starts
from ``reset()`` fakes. A few tests start their own fake to check start-up and shutdown.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from PIL import Image, ImageChops, ImageOps, ImageStat
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import serve
from tests.fakes.vendors import (
    ACCU_ERROR_CODES,
    ACCU_ID,
    ACCU_SECRET,
    ACE_ERROR_CODES,
    ACE_TOKEN,
    AILAB_ERROR_CODES,
    AILAB_KEY,
    AILAB_PATH,
    V1_KID_AGE,
    V1_OLD_AGE,
    FakeAILab,
    FakeVendors,
    Fault,
    edit_age,
    edit_gender,
    running_vendors,
    solid_image,
    swap_faces,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

DATA = Path(__file__).parent / "data"
ASTRONAUT = (DATA / "astronaut.jpg").read_bytes()
ASTRONAUT_256 = (DATA / "astronaut-256.jpg").read_bytes()
ACE_AUTH = {"authorization": f"Bearer {ACE_TOKEN}"}
AILAB_AUTH = {"ailabapi-api-key": AILAB_KEY}
ACCU_AUTH = {"X-DF-API-ID": ACCU_ID, "X-DF-API-SECRET": ACCU_SECRET}
ACCU_PATH = "/face/predict_gender"


def encode(img: Image.Image, fmt: str = "JPEG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def astronaut(size: tuple[int, int] | None = None, fmt: str = "JPEG") -> bytes:
    img = Image.open(io.BytesIO(ASTRONAUT)).convert("RGB")
    return encode(img.resize(size) if size else img, fmt)


# Another "face": rotated and colour-inverted (bluish, so AccuAuth's default verdict is Male).
OTHER_FACE = encode(ImageOps.invert(Image.open(io.BytesIO(ASTRONAUT)).convert("RGB").rotate(90)))


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img.convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute pixel difference (0..255)."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --------------------------------------------------------------------------------------------------------
# Fixtures


class Photos:
    """A tiny photo server: ``url(name)`` serves ``files[name]``; unknown names answer 404."""

    def __init__(self) -> None:
        self.base_url = ""
        self.files: dict[str, tuple[str, bytes]] = {}

    def url(self, name: str) -> str:
        return f"{self.base_url}/{name}"

    async def endpoint(self, request: Request) -> Response:
        item = self.files.get(request.path_params["name"])
        if item is None:
            return Response("not here", status_code=404)
        return Response(item[1], media_type=item[0])


class Hooks:
    """A callback receiver: ``url(token)`` accepts POSTs and keeps their JSON."""

    def __init__(self) -> None:
        self.base_url = ""
        self.received: list[tuple[str, Any]] = []

    def url(self, token: str) -> str:
        return f"{self.base_url}/hook/{token}"

    async def endpoint(self, request: Request) -> Response:
        self.received.append((request.path_params["token"], await request.json()))
        return JSONResponse({"ok": True})


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fakes() -> AsyncIterator[FakeVendors]:
    async with running_vendors() as vendors:
        yield vendors


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        yield http


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def photos() -> AsyncIterator[Photos]:
    server = Photos()
    server.files = {
        "astronaut.jpg": ("image/jpeg", ASTRONAUT),
        "other.jpg": ("image/jpeg", OTHER_FACE),
        "flat.jpg": ("image/jpeg", solid_image(400, 400)),
        "page.html": ("text/html", b"<html><body>hello</body></html>"),
    }
    async with serve(Starlette(routes=[Route("/{name}", server.endpoint)])) as url:
        server.base_url = url
        yield server


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def hooks() -> AsyncIterator[Hooks]:
    server = Hooks()
    async with serve(Starlette(routes=[Route("/hook/{token}", server.endpoint, methods=["POST"])])) as url:
        server.base_url = url
        yield server


@pytest.fixture(autouse=True)
def clean(fakes: FakeVendors, hooks: Hooks) -> Iterator[None]:
    fakes.reset()
    hooks.received.clear()
    yield
    fakes.reset()


# --------------------------------------------------------------------------------------------------------
# Ace Data Cloud


def ace_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"success", "error", "trace_id"}
    assert body["success"] is False
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["trace_id"], str) and body["trace_id"]
    message: str = body["error"]["message"]
    return message


async def ace_post(client: httpx.AsyncClient, fakes: FakeVendors, path: str, payload: Any) -> httpx.Response:
    return await client.post(f"{fakes.acedata.base_url}{path}", headers=ACE_AUTH, json=payload)


@pytest.mark.parametrize("age", [15, 70])
async def test_ace_change_age_fetches_and_transforms(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, age: int
) -> None:
    ace = fakes.acedata
    url = photos.url("astronaut.jpg")
    response = await ace_post(client, fakes, "/face/change-age", {"image_url": url, "age_infos": [{"age": age}]})

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"image_url"}
    assert body["image_url"].startswith(f"{ace.base_url}/cdn/") and body["image_url"].endswith(".jpg")
    assert ace.fetched == [url]
    result = await client.get(body["image_url"])
    assert result.status_code == 200 and result.headers["content-type"] == "image/jpeg"
    assert result.content == edit_age(ASTRONAUT, age)
    assert difference(decode(result.content), decode(ASTRONAUT)) > 10
    assert [(e.kind, e.age) for e in ace.edits] == [("age", age)]
    (request,) = ace.requests_to("/face/change-age")
    assert request.method == "POST" and request.headers["authorization"] == f"Bearer {ACE_TOKEN}"
    assert request.json == {"image_url": url, "age_infos": [{"age": age}]}


async def test_ace_older_and_younger_differ(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    older, younger = decode(edit_age(ASTRONAUT, 70)), decode(edit_age(ASTRONAUT, 15))
    assert difference(older, younger) > 10
    # Older is desaturated (sepia), younger brighter.
    assert ImageStat.Stat(younger.convert("L")).mean[0] > ImageStat.Stat(decode(ASTRONAUT).convert("L")).mean[0]


@pytest.mark.parametrize(("gender", "to_female"), [(0, True), (1, False)])
async def test_ace_change_gender_direction(
    client: httpx.AsyncClient, fakes: FakeVendors, gender: int, to_female: bool
) -> None:
    ace = fakes.acedata
    url = ace.host(ASTRONAUT)  # the fake fetches from its own CDN, over HTTP
    response = await ace_post(
        client, fakes, "/face/change-gender", {"image_url": url, "gender_infos": [{"gender": gender}]}
    )

    assert response.status_code == 200, response.text
    result = (await client.get(response.json()["image_url"])).content
    assert result == edit_gender(ASTRONAUT, to_female=to_female)
    assert result != edit_gender(ASTRONAUT, to_female=not to_female)
    assert [(e.kind, e.to_female) for e in ace.edits] == [("gender", to_female)]


async def test_ace_face_rect_edits_only_that_region(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos
) -> None:
    rect = {"x": 128, "y": 64, "width": 256, "height": 256}
    response = await ace_post(
        client,
        fakes,
        "/face/change-age",
        {"image_url": photos.url("astronaut.jpg"), "age_infos": [{"age": 75, "face_rect": rect}]},
    )

    assert response.status_code == 200, response.text
    result = decode((await client.get(response.json()["image_url"])).content)
    original = decode(ASTRONAUT)
    inside = (140, 80, 370, 300)
    outside = (0, 400, 512, 512)
    assert difference(result.crop(inside), original.crop(inside)) > 10
    assert difference(result.crop(outside), original.crop(outside)) < 3


async def test_ace_auth(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    url = f"{fakes.acedata.base_url}/face/change-age"
    payload = {"image_url": photos.url("astronaut.jpg"), "age_infos": [{"age": 60}]}

    ace_error(await client.post(url, json=payload), 400, "no_token")
    ace_error(await client.post(url, json=payload, headers={"authorization": "Bearer nope"}), 401, "invalid_token")
    ace_error(await client.post(url, json=payload, headers={"authorization": ACE_TOKEN}), 401, "invalid_token")
    ok = await client.post(url, json=payload, headers={"authorization": f"bearer {ACE_TOKEN}"})
    assert ok.status_code == 200
    # Rejected requests are recorded too, and nothing was fetched for them.
    assert len(fakes.acedata.requests_to("/face/change-age")) == 4
    assert fakes.acedata.fetched == [photos.url("astronaut.jpg")]


async def test_ace_needs_json(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    url = f"{fakes.acedata.base_url}/face/change-age"
    payload = {"image_url": photos.url("astronaut.jpg"), "age_infos": json.dumps([{"age": 60}])}

    message = ace_error(await client.post(url, data=payload, headers=ACE_AUTH), 400, "bad_request")
    assert "content-type" in message
    as_text = {**ACE_AUTH, "content-type": "text/plain"}
    ace_error(await client.post(url, content=json.dumps(payload), headers=as_text), 400, "bad_request")
    as_json = {**ACE_AUTH, "content-type": "application/json"}
    ace_error(await client.post(url, content=b"{not json", headers=as_json), 400, "bad_request")
    ace_error(await client.post(url, content=b"[1, 2]", headers=as_json), 400, "bad_request")
    assert fakes.acedata.fetched == []


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/face/change-age", {"age_infos": [{"age": 60}]}),
        ("/face/change-age", {"image_url": "file:///etc/passwd", "age_infos": [{"age": 60}]}),
        ("/face/change-age", {"image_url": "ftp://example.com/a.jpg", "age_infos": [{"age": 60}]}),
        ("/face/change-age", {"image_url": 42, "age_infos": [{"age": 60}]}),
        ("/face/change-age", {"image_url": "PHOTO"}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": []}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": 60}] * 4}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": {"age": 60}}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [60]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": 9}]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": 81}]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": "60"}]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": 60.5}]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": True}]}),
        ("/face/change-age", {"image_url": "PHOTO", "age_infos": [{"age": 60, "face_rect": {"x": 1}}]}),
        (
            "/face/change-age",
            {"image_url": "PHOTO", "age_infos": [{"age": 60, "face_rect": {"x": 0, "y": 0, "width": 0, "height": 5}}]},
        ),
        ("/face/change-gender", {"image_url": "PHOTO"}),
        ("/face/change-gender", {"image_url": "PHOTO", "gender_infos": [{"gender": 2}]}),
        ("/face/change-gender", {"image_url": "PHOTO", "gender_infos": [{"gender": "female"}]}),
        ("/face/change-gender", {"image_url": "PHOTO", "age_infos": [{"age": 60}]}),
        ("/face/swap", {"source_image_url": "PHOTO"}),
        ("/face/swap", {"target_image_url": "PHOTO"}),
        ("/face/swap", {"source_image_url": "PHOTO", "target_image_url": "PHOTO", "timeout": -1}),
        ("/face/swap", {"source_image_url": "PHOTO", "target_image_url": "PHOTO", "timeout": "60"}),
        ("/face/swap", {"source_image_url": "PHOTO", "target_image_url": "PHOTO", "callback_url": "nope"}),
        ("/face/swap", {"source_image_url": "PHOTO", "target_image_url": "PHOTO", "async": "yes"}),
    ],
)
async def test_ace_rejects_invalid_fields(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, path: str, payload: dict[str, Any]
) -> None:
    payload = {k: photos.url("astronaut.jpg") if v == "PHOTO" else v for k, v in payload.items()}
    ace_error(await ace_post(client, fakes, path, payload), 400, "bad_request")
    assert fakes.acedata.fetched == []


async def test_ace_face_rect_outside_the_image(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    rect = {"x": 400, "y": 0, "width": 200, "height": 200}
    payload = {"image_url": photos.url("astronaut.jpg"), "age_infos": [{"age": 60, "face_rect": rect}]}
    ace_error(await ace_post(client, fakes, "/face/change-age", payload), 400, "bad_request")


async def test_ace_no_face(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    payload = {"image_url": photos.url("flat.jpg"), "gender_infos": [{"gender": 0}]}
    message = ace_error(await ace_post(client, fakes, "/face/change-gender", payload), 400, "bad_request")
    assert "no face" in message


@pytest.mark.parametrize("name", ["missing.jpg", "page.html", "REFUSED"])
async def test_ace_fetch_failure_is_api_error(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, name: str
) -> None:
    url = f"http://127.0.0.1:{unused_port()}/a.jpg" if name == "REFUSED" else photos.url(name)
    response = await ace_post(client, fakes, "/face/change-age", {"image_url": url, "age_infos": [{"age": 60}]})
    assert ace_error(response, 500, "api_error") == "fetch failed"
    assert fakes.acedata.fetched == [url]


async def test_ace_unknown_paths(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    base = fakes.acedata.base_url
    ace_error(await client.post(f"{base}/face/analyze", headers=ACE_AUTH, json={}), 404, "no_api")
    ace_error(await client.post(f"{base}/face/tasks", headers=ACE_AUTH, json={}), 404, "no_api")
    ace_error(await client.get(f"{base}/face/change-age", headers=ACE_AUTH), 404, "no_api")
    missing = await client.get(f"{base}/cdn/nothing.jpg")
    assert missing.status_code == 404


async def test_ace_upload(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    ace = fakes.acedata
    url = f"{ace.base_url}/files/upload"
    files = {"file": ("me.jpg", ASTRONAUT, "image/jpeg")}

    response = await client.post(url, headers=ACE_AUTH, files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"success", "url", "expires_at"} and body["success"] is True
    assert body["url"].startswith(f"{ace.base_url}/cdn/uploads/")
    expires = datetime.fromisoformat(body["expires_at"])
    assert abs(expires - datetime.now(UTC) - timedelta(days=7)) < timedelta(minutes=1)
    hosted = await client.get(body["url"])
    assert hosted.content == ASTRONAUT and hosted.headers["content-type"] == "image/jpeg"
    (recorded,) = ace.requests_to("/files/upload")
    assert recorded.files == {"file": ("me.jpg", "image/jpeg", ASTRONAUT)}

    # The uploaded URL is usable as an input.
    edited = await ace_post(client, fakes, "/face/change-age", {"image_url": body["url"], "age_infos": [{"age": 60}]})
    assert edited.status_code == 200, edited.text

    ace_error(await client.post(url, files=files), 400, "no_token")
    ace_error(await client.post(url, headers=ACE_AUTH, files={"other": ("a", b"x", "text/plain")}), 400, "bad_request")
    ace_error(await client.post(url, headers=ACE_AUTH, data={"file": "not a file"}), 400, "bad_request")
    ace_error(await client.post(url, headers=ACE_AUTH, json={"file": "x"}), 400, "bad_request")


async def test_ace_swap_sync(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    ace = fakes.acedata
    payload = {"source_image_url": photos.url("other.jpg"), "target_image_url": photos.url("astronaut.jpg")}
    response = await ace_post(client, fakes, "/face/swap", payload)

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"success", "task_id", "image_url", "image_width", "image_height", "image_size"}
    assert body["success"] is True and (body["image_width"], body["image_height"]) == (512, 512)
    assert ace.fetched == [payload["source_image_url"], payload["target_image_url"]]
    result = (await client.get(body["image_url"])).content
    assert body["image_size"] == len(result)
    assert result == swap_faces(OTHER_FACE, ASTRONAUT)
    swapped, target = decode(result), decode(ASTRONAUT)
    assert difference(swapped.crop((200, 200, 312, 312)), target.crop((200, 200, 312, 312))) > 20
    assert difference(swapped.crop((0, 0, 100, 100)), target.crop((0, 0, 100, 100))) < 3


async def test_ace_swap_sync_times_out(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    fakes.acedata.swap_delay = 5
    url = photos.url("astronaut.jpg")
    started = time.monotonic()
    response = await ace_post(
        client, fakes, "/face/swap", {"source_image_url": url, "target_image_url": url, "timeout": 0.2}
    )
    ace_error(response, 504, "timeout")
    assert 0.2 <= time.monotonic() - started < 2


async def test_ace_swap_no_face(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    payload = {"source_image_url": photos.url("flat.jpg"), "target_image_url": photos.url("astronaut.jpg")}
    ace_error(await ace_post(client, fakes, "/face/swap", payload), 400, "bad_request")


async def test_ace_swap_callback_success(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, hooks: Hooks
) -> None:
    ace = fakes.acedata
    ace.swap_delay = 0.3
    payload = {
        "source_image_url": photos.url("other.jpg"),
        "target_image_url": photos.url("astronaut.jpg"),
        "callback_url": hooks.url("secret-1"),
    }
    started = time.monotonic()
    response = await ace_post(client, fakes, "/face/swap", payload)

    assert response.status_code == 200, response.text
    assert time.monotonic() - started < 0.3  # answered at once
    (task_id,) = response.json().values()
    assert set(response.json()) == {"task_id"}
    await ace.wait_callbacks(1)
    assert time.monotonic() - started >= 0.3
    ((url, sent),) = ace.callbacks_sent
    assert url == hooks.url("secret-1") and ace.callback_statuses == [200]
    assert set(sent) == {"success", "task_id", "trace_id", "image_url", "image_width", "image_height", "image_size"}
    assert sent["success"] is True and sent["task_id"] == task_id
    assert hooks.received == [("secret-1", sent)]
    result = (await client.get(sent["image_url"])).content
    assert result == swap_faces(OTHER_FACE, ASTRONAUT) and sent["image_size"] == len(result)
    assert ace.tasks[task_id] == sent


async def test_ace_swap_callback_injected_failure(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, hooks: Hooks
) -> None:
    ace = fakes.acedata
    ace.fail_callback("timeout", "generation timed out")
    url = photos.url("astronaut.jpg")
    payload = {"source_image_url": url, "target_image_url": url, "callback_url": hooks.url("secret-2")}
    response = await ace_post(client, fakes, "/face/swap", payload)

    assert response.status_code == 200
    task_id = response.json()["task_id"]
    await ace.wait_callbacks(1)
    ((_, sent),) = ace.callbacks_sent
    assert set(sent) == {"success", "task_id", "trace_id", "error"}
    assert sent["success"] is False and sent["task_id"] == task_id
    assert sent["error"] == {"code": "timeout", "message": "generation timed out"}
    assert hooks.received == [("secret-2", sent)]

    # Only the next job failed.
    await ace_post(client, fakes, "/face/swap", payload)
    await ace.wait_callbacks(2)
    assert ace.callbacks_sent[1][1]["success"] is True


async def test_ace_swap_callback_real_failure(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, hooks: Hooks
) -> None:
    ace = fakes.acedata
    payload = {
        "source_image_url": photos.url("missing.jpg"),
        "target_image_url": photos.url("astronaut.jpg"),
        "callback_url": hooks.url("secret-3"),
    }
    response = await ace_post(client, fakes, "/face/swap", payload)
    assert response.status_code == 200 and set(response.json()) == {"task_id"}
    await ace.wait_callbacks(1)
    assert ace.callbacks_sent[0][1]["error"] == {"code": "api_error", "message": "fetch failed"}


async def test_ace_swap_callback_immediate_error(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, hooks: Hooks
) -> None:
    ace = fakes.acedata
    ace.fail(403, "used_up", path="/face/swap")
    url = photos.url("astronaut.jpg")
    payload = {"source_image_url": url, "target_image_url": url, "callback_url": hooks.url("secret-4")}
    ace_error(await ace_post(client, fakes, "/face/swap", payload), 403, "used_up")
    with pytest.raises(TimeoutError):
        await ace.wait_callbacks(1, timeout=0.2)
    assert hooks.received == []


async def test_ace_swap_async_without_callback(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    url = photos.url("astronaut.jpg")
    response = await ace_post(
        client, fakes, "/face/swap", {"source_image_url": url, "target_image_url": url, "async": True}
    )
    assert response.status_code == 200 and set(response.json()) == {"task_id"}


@pytest.mark.parametrize(("status", "code"), ACE_ERROR_CODES)
async def test_ace_injected_errors(client: httpx.AsyncClient, fakes: FakeVendors, status: int, code: str) -> None:
    fakes.acedata.fail(status, code)
    ace_error(await ace_post(client, fakes, "/face/change-age", {}), status, code)


async def test_ace_injection_path_count_message_retry_after(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos
) -> None:
    ace = fakes.acedata
    ace.fail(429, "too_many_requests", path="/face/change-gender", count=2, message="slow down", retry_after=3)
    gender = {"image_url": photos.url("astronaut.jpg"), "gender_infos": [{"gender": 1}]}
    age = {"image_url": photos.url("astronaut.jpg"), "age_infos": [{"age": 60}]}

    assert (await ace_post(client, fakes, "/face/change-age", age)).status_code == 200
    for _ in range(2):
        response = await ace_post(client, fakes, "/face/change-gender", gender)
        assert ace_error(response, 429, "too_many_requests") == "slow down"
        assert response.headers["retry-after"] == "3"
    assert (await ace_post(client, fakes, "/face/change-gender", gender)).status_code == 200

    # A CDN download is not an API call: path=None injections leave it alone.
    ace.fail(500, "api_error", retry_after=0.5)
    assert (await client.get(ace.host(b"abc"))).status_code == 200
    response = await ace_post(client, fakes, "/face/change-age", age)
    assert ace_error(response, 500, "api_error") and response.headers["retry-after"] == "0.5"


async def test_ace_non_image_result(client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos) -> None:
    fakes.acedata.fault(Fault.NON_IMAGE_RESULT)
    payload = {"image_url": photos.url("astronaut.jpg"), "age_infos": [{"age": 60}]}
    response = await ace_post(client, fakes, "/face/change-age", payload)

    assert response.status_code == 200 and set(response.json()) == {"image_url"}
    page = await client.get(response.json()["image_url"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    with pytest.raises(OSError):
        decode(page.content)


async def test_ace_non_image_result_in_callback(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos, hooks: Hooks
) -> None:
    ace = fakes.acedata
    ace.fault(Fault.NON_IMAGE_RESULT, path="/face/swap")
    url = photos.url("astronaut.jpg")
    payload = {"source_image_url": url, "target_image_url": url, "callback_url": hooks.url("secret-5")}
    assert set((await ace_post(client, fakes, "/face/swap", payload)).json()) == {"task_id"}
    await ace.wait_callbacks(1)
    sent = ace.callbacks_sent[0][1]
    assert sent["success"] is True
    assert (await client.get(sent["image_url"])).headers["content-type"].startswith("text/html")


async def test_ace_cdn_faults(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    ace = fakes.acedata
    url = ace.host(ASTRONAUT)
    ace.fault(Fault.TRUNCATED, path="/cdn/")
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get(url)
    assert (await client.get(url)).content == ASTRONAUT


# --------------------------------------------------------------------------------------------------------
# Faults, on every vendor


def vendor_call(fakes: FakeVendors, name: str) -> tuple[str, dict[str, Any]]:
    """A valid request for each vendor: (URL, httpx keyword arguments)."""
    if name == "acedata":
        url = fakes.acedata.host(ASTRONAUT)
        payload = {"image_url": url, "age_infos": [{"age": 60}]}
        return f"{fakes.acedata.base_url}/face/change-age", {"headers": ACE_AUTH, "json": payload}
    if name == "ailab":
        files = {"image": ("a.jpg", ASTRONAUT, "image/jpeg")}
        return f"{fakes.ailab.base_url}{AILAB_PATH}", {
            "headers": AILAB_AUTH,
            "data": {"action_type": "TO_OLD"},
            "files": files,
        }
    files = {"file": ("a.jpg", ASTRONAUT, "image/jpeg")}
    return f"{fakes.accuauth.base_url}{ACCU_PATH}", {"headers": ACCU_AUTH, "files": files}


VENDORS = ["acedata", "ailab", "accuauth"]


@pytest.mark.parametrize("name", VENDORS)
async def test_fault_malformed_json_and_empty_body(client: httpx.AsyncClient, fakes: FakeVendors, name: str) -> None:
    fake = getattr(fakes, name)
    url, kwargs = vendor_call(fakes, name)
    fake.fault(Fault.MALFORMED_JSON)
    fake.fault(Fault.EMPTY_BODY)

    malformed = await client.post(url, **kwargs)
    assert malformed.status_code == 200 and malformed.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        malformed.json()
    empty = await client.post(url, **kwargs)
    assert empty.status_code == 200 and empty.content == b""
    assert (await client.post(url, **kwargs)).status_code == 200
    assert len(fake.requests_to(url.removeprefix(fake.base_url))) == 3


@pytest.mark.parametrize("name", VENDORS)
async def test_fault_truncated(client: httpx.AsyncClient, fakes: FakeVendors, name: str) -> None:
    url, kwargs = vendor_call(fakes, name)
    getattr(fakes, name).fault(Fault.TRUNCATED)
    with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
        await client.post(url, **kwargs)


@pytest.mark.parametrize("name", VENDORS)
async def test_fault_reset(client: httpx.AsyncClient, fakes: FakeVendors, name: str) -> None:
    url, kwargs = vendor_call(fakes, name)
    getattr(fakes, name).fault(Fault.RESET, count=2)
    for _ in range(2):
        with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
            await client.post(url, **kwargs)
    assert (await client.post(url, **kwargs)).status_code == 200


@pytest.mark.parametrize("name", VENDORS)
async def test_fault_hang_until_the_client_gives_up(client: httpx.AsyncClient, fakes: FakeVendors, name: str) -> None:
    fake = getattr(fakes, name)
    url, kwargs = vendor_call(fakes, name)
    fake.fault(Fault.HANG)
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        await client.post(url, **kwargs, timeout=httpx.Timeout(5, read=0.3))
    assert time.monotonic() - started >= 0.3
    assert len(fake.requests) >= 1  # recorded before hanging
    assert (await client.post(url, **kwargs)).status_code == 200


async def test_fault_hang_does_not_block_teardown() -> None:
    async with httpx.AsyncClient(trust_env=False, timeout=30) as http:
        async with FakeAILab.running() as ailab:
            ailab.fault(Fault.HANG)
            call = asyncio.create_task(http.post(f"{ailab.base_url}{AILAB_PATH}", headers=AILAB_AUTH))
            await ailab.wait_requests(1)
            stopping = time.monotonic()
        assert time.monotonic() - stopping < 1.5
        with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
            await asyncio.wait_for(call, 2)


async def test_latency_is_added_and_cancellable(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    fakes.accuauth.latency = 0.25
    url, kwargs = vendor_call(fakes, "accuauth")
    started = time.monotonic()
    assert (await client.post(url, **kwargs)).status_code == 200
    assert time.monotonic() - started >= 0.25
    fakes.accuauth.latency = 30
    with pytest.raises(httpx.ReadTimeout):
        await client.post(url, **kwargs, timeout=httpx.Timeout(5, read=0.2))


async def test_unlimited_injection_and_reset(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    url, kwargs = vendor_call(fakes, "accuauth")
    fakes.accuauth.fail(500, "INTERNAL_ERROR", count=-1)
    for _ in range(3):
        assert (await client.post(url, **kwargs)).status_code == 500
    fakes.accuauth.reset()
    assert fakes.accuauth.requests == []
    assert (await client.post(url, **kwargs)).status_code == 200


async def test_running_vendors_serves_three_fakes(fakes: FakeVendors) -> None:
    urls = {fakes.acedata.base_url, fakes.ailab.base_url, fakes.accuauth.base_url}
    assert len(urls) == 3 and all(u.startswith("http://127.0.0.1:") for u in urls)


async def test_running_vendors_start_and_stop_quickly() -> None:
    started = time.monotonic()
    async with running_vendors() as vendors:
        assert vendors.ailab.base_url
    assert time.monotonic() - started < 1.5


# --------------------------------------------------------------------------------------------------------
# AILabTools


def ailab_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"request_id", "log_id", "error_code", "error_code_str", "error_msg", "error_detail"}
    assert body["error_code"] == status
    assert set(body["error_detail"]) == {"status_code", "code", "code_message", "message"}
    assert body["error_detail"]["status_code"] == status
    assert body["error_detail"]["code"] == code and body["error_code_str"] == code
    assert body["error_detail"]["code_message"]
    message: str = body["error_detail"]["message"]
    assert body["error_msg"] == message
    return message


async def ailab_post(
    client: httpx.AsyncClient,
    fakes: FakeVendors,
    fields: dict[str, str],
    image: bytes | None = ASTRONAUT,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    # Without an image, a stray part still makes the body multipart (as a client forgetting the image would).
    files = {"image": ("photo.jpg", image, "image/jpeg")} if image is not None else {"x": ("x", b"x", "a/b")}
    return await client.post(
        f"{fakes.ailab.base_url}{AILAB_PATH}",
        headers=AILAB_AUTH if headers is None else headers,
        data=fields,
        files=files,
    )


def ailab_image(response: httpx.Response) -> bytes:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error_code"] == 0 and body["error_code_str"] == "" and body["error_msg"] == ""
    assert body["error_detail"] == {"status_code": 200, "code": "", "code_message": "", "message": ""}
    assert set(body) == {
        "request_id",
        "log_id",
        "error_code",
        "error_code_str",
        "error_msg",
        "error_detail",
        "result",
    }
    assert set(body["result"]) == {"image"}
    return base64.b64decode(body["result"]["image"])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"action_type": "TO_OLD"}, edit_age(ASTRONAUT, V1_OLD_AGE)),
        ({"action_type": "V2_AGE", "target": "20"}, edit_age(ASTRONAUT, 20)),
        ({"action_type": "V2_GENDER", "target": "1"}, edit_gender(ASTRONAUT, to_female=True)),
        ({"action_type": "TO_MALE", "quality_control": "HIGH"}, edit_gender(ASTRONAUT, to_female=False)),
    ],
)
async def test_ailab_success(
    client: httpx.AsyncClient, fakes: FakeVendors, fields: dict[str, str], expected: bytes
) -> None:
    result = ailab_image(await ailab_post(client, fakes, fields))
    assert result == expected
    assert decode(result).size == (512, 512)
    assert difference(decode(result), decode(ASTRONAUT)) > 10
    (recorded,) = fakes.ailab.requests
    assert recorded.form == fields and recorded.files["image"][2] == ASTRONAUT
    assert fakes.ailab.edits[0].result == result


async def test_a_chosen_result_image_for_the_next_edits(
    client: httpx.AsyncClient, fakes: FakeVendors, photos: Photos
) -> None:
    strip = solid_image(13000, 400, "PNG")
    fakes.ailab.return_image(strip)
    assert ailab_image(await ailab_post(client, fakes, {"action_type": "TO_KID"})) == strip
    assert ailab_image(await ailab_post(client, fakes, {"action_type": "TO_KID"})) == edit_age(ASTRONAUT, V1_KID_AGE)
    fakes.acedata.return_image(strip)
    url = photos.url("astronaut.jpg")
    response = await ace_post(client, fakes, "/face/change-age", {"image_url": url, "age_infos": [{"age": 60}]})
    result = await client.get(response.json()["image_url"])
    assert result.content == strip and result.headers["content-type"] == "image/png"


@pytest.mark.parametrize("fmt", ["PNG", "BMP"])
async def test_ailab_accepts_png_and_bmp(client: httpx.AsyncClient, fakes: FakeVendors, fmt: str) -> None:
    ailab_image(await ailab_post(client, fakes, {"action_type": "TO_KID"}, astronaut(fmt=fmt)))


async def test_ailab_face_location(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    location = json.dumps({"left": 111.4, "top": 96.56, "width": 98, "height": 98, "rotation": 3})
    ailab_image(await ailab_post(client, fakes, {"action_type": "TO_KID", "face_location": location}))


async def test_ailab_auth(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    fields = {"action_type": "TO_OLD"}
    ailab_error(await ailab_post(client, fakes, fields, headers={}), 401, "ERROR_USER_NOT_EXISTS")
    ailab_error(
        await ailab_post(client, fakes, fields, headers={"ailabapi-api-key": "nope"}), 401, "ERROR_USER_NOT_EXISTS"
    )
    ailab_error(
        await ailab_post(client, fakes, fields, headers={"authorization": f"Bearer {AILAB_KEY}"}),
        401,
        "ERROR_USER_NOT_EXISTS",
    )
    assert len(fakes.ailab.requests) == 3


async def test_ailab_needs_multipart(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    url = f"{fakes.ailab.base_url}{AILAB_PATH}"
    as_json = {"image": base64.b64encode(ASTRONAUT).decode(), "action_type": "TO_OLD"}
    ailab_error(await client.post(url, headers=AILAB_AUTH, json=as_json), 400, "MISSING_PARAMETERS")
    ailab_error(await client.post(url, headers=AILAB_AUTH, data=as_json), 400, "MISSING_PARAMETERS")
    assert fakes.ailab.requests[0].json == as_json


@pytest.mark.parametrize(
    ("fields", "image", "code"),
    [
        ({"action_type": "TO_OLD"}, None, "MISSING_PARAMETERS"),
        ({"action_type": "TO_OLD", "image": "aGVsbG8="}, None, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "TO_OLD"}, b"", "PARAMETERS_CANNOT_EMPTY"),
        ({}, ASTRONAUT, "MISSING_PARAMETERS"),
        ({"action_type": ""}, ASTRONAUT, "PARAMETERS_CANNOT_EMPTY"),
        ({"action_type": "to_old"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "V2_AGE"}, ASTRONAUT, "MISSING_PARAMETERS"),
        ({"action_type": "V2_AGE", "target": "0"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "V2_AGE", "target": "86"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "V2_AGE", "target": "30.5"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "V2_GENDER"}, ASTRONAUT, "MISSING_PARAMETERS"),
        ({"action_type": "V2_GENDER", "target": "2"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "V2_GENDER", "target": "female"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "TO_OLD", "quality_control": "MAX"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "TO_OLD", "face_location": "{left: 1}"}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
        ({"action_type": "TO_OLD", "face_location": '{"left": 1, "top": 2}'}, ASTRONAUT, "ERROR_INVALID_PARAMETER"),
    ],
)
async def test_ailab_rejects_invalid_fields(
    client: httpx.AsyncClient, fakes: FakeVendors, fields: dict[str, str], image: bytes | None, code: str
) -> None:
    ailab_error(await ailab_post(client, fakes, fields, image), 400, code)


@pytest.mark.parametrize(
    ("image", "status", "code"),
    [
        (ASTRONAUT + b"\0" * (4 * 1024 * 1024), 413, "FILE_SIZE_EXCEEDS_LIMIT"),
        (astronaut(fmt="GIF"), 415, "UNSUPPORTED_FILE_TYPES"),
        (astronaut(fmt="WEBP"), 415, "UNSUPPORTED_FILE_TYPES"),
        (b"this is not an image at all", 422, "FILE_DECODING_FAILURE"),
        (ASTRONAUT[: len(ASTRONAUT) // 2], 422, "FILE_DECODING_FAILURE"),
        (ASTRONAUT_256, 413, "FILE_RESOLUTION_EXCEEDS_LIMITS"),
        (solid_image(4096, 300), 413, "FILE_RESOLUTION_EXCEEDS_LIMITS"),
        (solid_image(300, 4096, "PNG"), 413, "FILE_RESOLUTION_EXCEEDS_LIMITS"),
        (solid_image(300, 300), 422, "ERROR_NO_FACE_IN_FILE"),
    ],
)
async def test_ailab_image_rules(
    client: httpx.AsyncClient, fakes: FakeVendors, image: bytes, status: int, code: str
) -> None:
    ailab_error(await ailab_post(client, fakes, {"action_type": "TO_OLD"}, image), status, code)


async def test_ailab_resolution_bounds_are_exclusive(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    ailab_image(await ailab_post(client, fakes, {"action_type": "TO_OLD"}, astronaut((257, 4095))))


async def test_ailab_unknown_path(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    response = await client.post(f"{fakes.ailab.base_url}/api/portrait/effects/age", headers=AILAB_AUTH)
    ailab_error(response, 404, "ERROR_AI_NOT_EXISTS")


@pytest.mark.parametrize(("status", "code"), AILAB_ERROR_CODES)
async def test_ailab_injected_errors(client: httpx.AsyncClient, fakes: FakeVendors, status: int, code: str) -> None:
    fakes.ailab.fail(status, code, message="injected")
    assert ailab_error(await ailab_post(client, fakes, {"action_type": "TO_OLD"}), status, code) == "injected"


async def test_ailab_non_image_result(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    fakes.ailab.fault(Fault.NON_IMAGE_RESULT)
    result = ailab_image(await ailab_post(client, fakes, {"action_type": "TO_OLD"}))
    assert result.startswith(b"<!DOCTYPE html>")


# --------------------------------------------------------------------------------------------------------
# AccuAuth


def accu_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "reason", "request_id"}
    assert body["status"] == code and body["request_id"].startswith("TID")
    reason: str = body["reason"]
    return reason


def accu_result(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"result", "status", "request_id"} and body["status"] == "OK"
    result: dict[str, Any] = body["result"]
    assert set(result) == {"beard", "beard_confidence", "confidence", "face_box", "gender"}
    assert result["gender"] in ("Male", "Female")
    assert 0 <= result["confidence"] <= 1 and 0 <= result["beard_confidence"] <= 1
    assert isinstance(result["beard"], bool)
    assert len(result["face_box"]) == 4 and all(isinstance(v, int) for v in result["face_box"])
    return result


async def accu_post(
    client: httpx.AsyncClient, fakes: FakeVendors, image: bytes | None = ASTRONAUT, **kwargs: Any
) -> httpx.Response:
    if image is not None:
        kwargs["files"] = {"file": ("photo.jpg", image, "image/jpeg")}
    kwargs.setdefault("headers", ACCU_AUTH)
    return await client.post(f"{fakes.accuauth.base_url}{ACCU_PATH}", **kwargs)


async def test_accuauth_success(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    result = accu_result(await accu_post(client, fakes))
    assert result["gender"] == "Female"
    x1, y1, x2, y2 = result["face_box"]
    assert 0 <= x1 < x2 <= 512 and 0 <= y1 < y2 <= 512
    assert x1 < 256 < x2 and y1 < 256 < y2  # the centre
    assert accu_result(await accu_post(client, fakes, OTHER_FACE))["gender"] == "Male"

    fakes.accuauth.box_format = "xywh"
    x, y, w, h = accu_result(await accu_post(client, fakes))["face_box"]
    assert (x, y, x + w, y + h) == (x1, y1, x2, y2)

    fakes.accuauth.gender_for = lambda data: "Male" if data == ASTRONAUT else "Female"
    assert accu_result(await accu_post(client, fakes))["gender"] == "Male"


async def test_accuauth_image_base64(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    encoded = base64.b64encode(ASTRONAUT).decode()
    as_multipart = await accu_post(client, fakes, None, data={"image_base64": encoded}, files={"x": ("", b"", "a/b")})
    assert accu_result(as_multipart)["gender"] == "Female"
    as_urlencoded = await accu_post(client, fakes, None, data={"image_base64": encoded})
    assert accu_result(as_urlencoded)["gender"] == "Female"
    assert fakes.accuauth.requests[1].form == {"image_base64": encoded}


async def test_accuauth_auth(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    accu_error(await accu_post(client, fakes, headers={}), 401, "UNAUTHORIZED")
    accu_error(await accu_post(client, fakes, headers={"X-DF-API-ID": ACCU_ID}), 401, "UNAUTHORIZED")
    accu_error(await accu_post(client, fakes, headers={**ACCU_AUTH, "X-DF-API-SECRET": "nope"}), 401, "UNAUTHORIZED")
    accu_error(await accu_post(client, fakes, headers={**ACCU_AUTH, "X-DF-API-ID": "nope"}), 401, "UNAUTHORIZED")


async def test_accuauth_needs_an_image_argument(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    encoded = base64.b64encode(ASTRONAUT).decode()
    nothing = await accu_post(client, fakes, None)
    assert accu_error(nothing, 400, "INVALID_ARGUMENT") == "must specify 'file' or 'image_base64' argument"
    accu_error(await accu_post(client, fakes, None, json={"image_base64": encoded}), 400, "INVALID_ARGUMENT")
    accu_error(await accu_post(client, fakes, None, data={"file": encoded}), 400, "INVALID_ARGUMENT")
    accu_error(await accu_post(client, fakes, None, data={"image_base64": "%%%not base64"}), 400, "INVALID_ARGUMENT")
    accu_error(await accu_post(client, fakes, None, data={"image_base64": ""}), 400, "INVALID_ARGUMENT")


@pytest.mark.parametrize(
    ("image", "code"),
    [
        (astronaut(fmt="BMP"), "INVALID_ARGUMENT"),
        (astronaut(fmt="GIF"), "INVALID_ARGUMENT"),
        (b"\xff\xd8\xff garbage", "INVALID_ARGUMENT"),
        (astronaut((127, 300)), "INVALID_ARGUMENT"),
        (solid_image(6001, 200, "PNG"), "INVALID_ARGUMENT"),
        (ASTRONAUT + b"\0" * (5 * 1024 * 1024), "INVALID_ARGUMENT"),
        (solid_image(300, 300), "DETECTION_FAILED"),
        (solid_image(300, 300, "PNG", (10, 200, 30)), "DETECTION_FAILED"),
    ],
)
async def test_accuauth_image_rules(client: httpx.AsyncClient, fakes: FakeVendors, image: bytes, code: str) -> None:
    accu_error(await accu_post(client, fakes, image), 400, code)


async def test_accuauth_size_bounds_are_inclusive(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    accu_result(await accu_post(client, fakes, astronaut((128, 128), "PNG")))


async def test_accuauth_unknown_path(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    accu_error(await client.post(f"{fakes.accuauth.base_url}/face/predict_age", headers=ACCU_AUTH), 404, "NOT_FOUND")
    accu_error(await client.get(f"{fakes.accuauth.base_url}{ACCU_PATH}", headers=ACCU_AUTH), 404, "NOT_FOUND")


@pytest.mark.parametrize(("status", "code"), ACCU_ERROR_CODES)
async def test_accuauth_injected_errors(client: httpx.AsyncClient, fakes: FakeVendors, status: int, code: str) -> None:
    fakes.accuauth.fail(status, code)
    assert accu_error(await accu_post(client, fakes), status, code)


async def test_accuauth_non_image_result(client: httpx.AsyncClient, fakes: FakeVendors) -> None:
    fakes.accuauth.fault(Fault.NON_IMAGE_RESULT)
    response = await accu_post(client, fakes)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


async def test_injection_arguments_are_checked(fakes: FakeVendors) -> None:
    with pytest.raises(ValueError, match="error status"):
        fakes.ailab.fail(200, "OK")
    with pytest.raises(ValueError, match="count"):
        fakes.ailab.fault(Fault.HANG, count=0)
    with pytest.raises(ValueError, match="count"):
        fakes.acedata.fail_callback(count=0)
