"""Faithful fake servers for the three face-editing vendors, served over real HTTP on 127.0.0.1.

Each fake follows its vendor's contract (paths, methods, auth headers, JSON vs multipart, field rules, image
rules, status codes and error bodies), so a sloppy client fails against it as it would in production:

- :class:`FakeAce`       Ace Data Cloud: ``/face/change-age``, ``/face/change-gender``, ``/face/swap``
                         (sync, callback and async), ``/files/upload``; fetches image URLs over HTTP and
                         serves its results from its own ``/cdn/``.
- :class:`FakeAILab`     AILabTools: ``/api/portrait/effects/face-attribute-editing`` (multipart in,
                         base64 out).
- :class:`FakeAccuAuth`  AccuAuth: ``/face/predict_gender`` (multipart ``file`` or form ``image_base64``).

Every fake records every request (rejected ones too), can answer the next requests with any documented
error (:meth:`~_FakeVendor.fail`), can misbehave at the HTTP level (:meth:`~_FakeVendor.fault`) and can be
slowed down (``latency``). "A face" is, for all fakes, any image that is not (nearly) a single colour.

Results are deterministic and visibly transformed: older = sepia, younger = brighter and smoother, gender =
mirrored with a hue shift (opposite directions for to-female and to-male), swap = the source's central region
pasted (elliptical) onto the target's centre. :func:`edit_age`, :func:`edit_gender` and :func:`swap_faces`
compute exactly the bytes a fake returns for a whole-image edit, so a test can tell which edit was asked for.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import io
import json
import re
import socket
import struct
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Literal, Self
from urllib.parse import parse_qsl, urlsplit

import httpx
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps, ImageStat
from starlette.types import Receive, Scope, Send

from tests.fakes.server import serve

__all__ = [
    "ACCU_ERROR_CODES",
    "ACCU_ID",
    "ACCU_PATH",
    "ACCU_SECRET",
    "ACE_ERROR_CODES",
    "ACE_TOKEN",
    "AILAB_ERROR_CODES",
    "AILAB_KEY",
    "AILAB_PATH",
    "V1_KID_AGE",
    "V1_OLD_AGE",
    "Edit",
    "FakeAILab",
    "FakeAccuAuth",
    "FakeAce",
    "FakeVendors",
    "Fault",
    "RecordedRequest",
    "edit_age",
    "edit_gender",
    "running_vendors",
    "solid_image",
    "swap_faces",
]

ACE_TOKEN = "ace-test-token"
AILAB_KEY = "ailab-test-key"
ACCU_ID = "accu-test-id"
ACCU_SECRET = "accu-test-secret"

AILAB_PATH = "/api/portrait/effects/face-attribute-editing"
ACCU_PATH = "/face/predict_gender"

# The documented error tables, as (HTTP status, code). Every entry is injectable with ``fail(status, code)``.
ACE_ERROR_CODES: tuple[tuple[int, str], ...] = (
    (400, "bad_request"),
    (400, "no_token"),
    (400, "token_mismatched"),
    (400, "api_not_implemented"),
    (401, "invalid_token"),
    (401, "token_expired"),
    (403, "used_up"),
    (403, "disabled"),
    (403, "forbidden"),
    (404, "no_api"),
    (429, "too_many_requests"),
    (500, "api_error"),
    (504, "timeout"),
)
AILAB_ERROR_CODES: tuple[tuple[int, str], ...] = (
    (400, "ERROR_PARAMETERS"),
    (400, "MISSING_PARAMETERS"),
    (400, "ERROR_INVALID_PARAMETER"),
    (400, "PARAMETERS_CANNOT_EMPTY"),
    (400, "PROCESSING_FAILURE"),
    (401, "ERROR_USER_NOT_EXISTS"),
    (401, "ERROR_APPLICATIONS_NOT_EXISTS"),
    (403, "ERROR_USER_LOCKED"),
    (404, "ERROR_AI_NOT_EXISTS"),
    (413, "FILE_SIZE_EXCEEDS_LIMIT"),
    (413, "FILE_RESOLUTION_EXCEEDS_LIMITS"),
    (415, "UNSUPPORTED_FILE_TYPES"),
    (422, "FILE_DECODING_FAILURE"),
    (422, "ERROR_NO_FACE_IN_FILE"),
    (422, "ERROR_FACE_SIZE_RATIO_NOT_MET"),
    (422, "ERROR_BLURRY_FACE"),
    (422, "ERROR_CONTENT_NON_COMPLIANCE"),
    (422, "ERROR_SMALL_FACE_SIZE"),
    (422, "ERROR_POOR_FACE_QUALITY"),
    (422, "ERROR_OBSTRUCTED_FACE"),
    (422, "ERROR_POOR_FACE_LIGHTING"),
    (422, "ERROR_INCOMPLETE_FACE"),
    (422, "ERROR_FACE_NOT_FACING_FORWARD"),
    (429, "ERROR_NOT_ENOUGH_CREDITS"),
    (429, "EXCEEDING_LIMITS"),
    (500, "PROCESSING_FAILURE"),
    (502, "AI_SERVICE_ERROR"),
    (503, "ERROR_INSUFFICIENT_RESOURCES"),
    (504, "AI_SERVICE_TIMEOUT"),
)
ACCU_ERROR_CODES: tuple[tuple[int, str], ...] = (
    (400, "INVALID_ARGUMENT"),
    (400, "DETECTION_FAILED"),
    (400, "DOWNLOAD_ERROR"),
    (401, "UNAUTHORIZED"),
    (401, "KEY_EXPIRED"),
    (403, "NO_PERMISSION"),
    (403, "OUT_OF_QUOTA"),
    (403, "RATE_LIMIT_EXCEEDED"),
    (404, "NOT_FOUND"),
    (500, "INTERNAL_ERROR"),
)

_ACE_MESSAGES: dict[str, str] = {
    "bad_request": "bad request",
    "no_token": "token is required",
    "token_mismatched": "token mismatched",
    "api_not_implemented": "api not implemented",
    "invalid_token": "invalid token",
    "token_expired": "token expired",
    "used_up": "your balance is used up",
    "disabled": "service disabled",
    "forbidden": "content is forbidden",
    "no_api": "api not found",
    "too_many_requests": "too many requests",
    "api_error": "internal server error",
    "timeout": "timeout",
}
_AILAB_MESSAGES: dict[str, str] = {
    "ERROR_PARAMETERS": "Parameter error.",
    "MISSING_PARAMETERS": "Missing parameters.",
    "ERROR_INVALID_PARAMETER": "Invalid parameter.",
    "PARAMETERS_CANNOT_EMPTY": "Parameters cannot be empty.",
    "PROCESSING_FAILURE": "Processing failure.",
    "ERROR_USER_NOT_EXISTS": "The user does not exist.",
    "ERROR_APPLICATIONS_NOT_EXISTS": "The application does not exist.",
    "ERROR_USER_LOCKED": "The user is locked.",
    "ERROR_AI_NOT_EXISTS": "The API does not exist.",
    "FILE_SIZE_EXCEEDS_LIMIT": "The file size exceeds the limit.",
    "FILE_RESOLUTION_EXCEEDS_LIMITS": "The file resolution exceeds the limits.",
    "UNSUPPORTED_FILE_TYPES": "Unsupported file type.",
    "FILE_DECODING_FAILURE": "File decoding failed.",
    "ERROR_NO_FACE_IN_FILE": "There is no face in the image.",
    "ERROR_FACE_SIZE_RATIO_NOT_MET": "The face size ratio is not met.",
    "ERROR_BLURRY_FACE": "The face is blurry.",
    "ERROR_CONTENT_NON_COMPLIANCE": "The content is non-compliant.",
    "ERROR_SMALL_FACE_SIZE": "The face is too small.",
    "ERROR_POOR_FACE_QUALITY": "The face quality is poor.",
    "ERROR_OBSTRUCTED_FACE": "The face is obstructed.",
    "ERROR_POOR_FACE_LIGHTING": "The face lighting is poor.",
    "ERROR_INCOMPLETE_FACE": "The face is incomplete.",
    "ERROR_FACE_NOT_FACING_FORWARD": "The face is not facing forward.",
    "ERROR_NOT_ENOUGH_CREDITS": "Not enough credits.",
    "EXCEEDING_LIMITS": "Request rate exceeds the limit.",
    "AI_SERVICE_ERROR": "AI service error.",
    "ERROR_INSUFFICIENT_RESOURCES": "Insufficient resources.",
    "AI_SERVICE_TIMEOUT": "AI service timeout.",
}
_ACCU_MESSAGES: dict[str, str] = {
    "INVALID_ARGUMENT": "The request parameter error",
    "DETECTION_FAILED": "Detect image failed",
    "DOWNLOAD_ERROR": "Download internet image failed",
    "UNAUTHORIZED": "Unauthorize or authorize failed",
    "KEY_EXPIRED": "Your API ID has expired",
    "NO_PERMISSION": "You are not authorized to use this API",
    "OUT_OF_QUOTA": "API calls quota exceeded",
    "RATE_LIMIT_EXCEEDED": "The invoke number is out of limitation",
    "NOT_FOUND": "The request path is not found",
    "INTERNAL_ERROR": "Server processes failed",
}

V1_KID_AGE = 8  # the age AILab TO_KID edits to (see edit_age)
V1_OLD_AGE = 70  # the age AILab TO_OLD edits to
_YOUNG_BELOW = 30  # edit_age: ages below this make the face younger, the others older

_MB = 1024 * 1024
_ACE_MAX_INPUT = 25 * _MB
_AILAB_MAX_BYTES = 4 * _MB
_ACCU_MAX_BYTES = 5 * _MB
_UPLOAD_LIFETIME = timedelta(days=7)
_FACELESS_STDDEV = 6.0  # grey-level standard deviation under which an image is "one colour": no face

_NOT_AN_IMAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1><p>This is not an image.</p></body></html>"
)


class Fault(StrEnum):
    """HTTP-level misbehaviour, injected with ``fake.fault(Fault.X)``."""

    MALFORMED_JSON = "malformed_json"  # 200, content-type JSON, body is cut-off JSON
    TRUNCATED = "truncated"  # the real answer, Content-Length of the whole body, half the body, then close
    HANG = "hang"  # never answers: until the client gives up or the fake shuts down (then: connection drop)
    RESET = "reset"  # the TCP connection is reset (RST) without any response
    NON_IMAGE_RESULT = "non_image_result"  # the real processing, but the "image" result is an HTML page
    EMPTY_BODY = "empty_body"  # 200, content-type JSON, empty body


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    json: Any | None  # parsed body when the content type mentions json and it parses, else None
    form: dict[str, str]  # text fields (multipart without filename, or urlencoded)
    files: dict[str, tuple[str, str, bytes]]  # multipart file parts: field -> (filename, content_type, bytes)
    time: float  # time.monotonic() when the request (body included) had arrived
    body: bytes = b""  # the raw body
    query: str = ""  # the raw query string
    answered: float | None = None  # time.monotonic() once the answer was handed to the server (None: no answer)


@dataclass(frozen=True)
class Edit:
    """One successful edit a fake performed: what it was asked to do and the exact result bytes."""

    kind: Literal["age", "gender", "swap"]
    age: int | None = None  # kind == "age": the target age
    to_female: bool | None = None  # kind == "gender": True = the result is female
    result: bytes = b""


# --------------------------------------------------------------------------------------------------------
# Images


def solid_image(width: int, height: int, fmt: str = "JPEG", color: tuple[int, int, int] = (128, 128, 128)) -> bytes:
    """A single-colour image (no face for every fake), encoded as ``fmt`` (JPEG, PNG, BMP, GIF, WEBP...)."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, fmt)
    return buf.getvalue()


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"BM"):
        return "BMP"
    return None


def _decode(data: bytes) -> Image.Image:
    """Decode fully; raises ``ValueError`` for anything Pillow cannot read completely."""
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
        return img.convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"cannot decode image: {exc}") from exc


def _faceless(img: Image.Image, box: tuple[int, int, int, int] | None = None) -> bool:
    region = img.crop(box) if box else img
    grey = region.convert("L")
    grey.thumbnail((128, 128))
    return ImageStat.Stat(grey).stddev[0] < _FACELESS_STDDEV


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _age_op(age: int) -> Callable[[Image.Image], Image.Image]:
    def older(img: Image.Image) -> Image.Image:
        sepia = ImageOps.colorize(ImageOps.grayscale(img), black=(48, 32, 16), white=(255, 236, 196))
        strength = min(1.0, 0.55 + (age - _YOUNG_BELOW) / 100)
        return ImageEnhance.Contrast(Image.blend(img, sepia, strength)).enhance(1.15)

    def younger(img: Image.Image) -> Image.Image:
        smooth = img.filter(ImageFilter.GaussianBlur(radius=2))
        return ImageEnhance.Brightness(smooth).enhance(1.15 + (_YOUNG_BELOW - age) / 100)

    return younger if age < _YOUNG_BELOW else older


def _gender_op(to_female: bool) -> Callable[[Image.Image], Image.Image]:
    shift = 24 if to_female else 256 - 24
    table = [(x + shift) % 256 for x in range(256)]

    def regender(img: Image.Image) -> Image.Image:
        h, s, v = ImageOps.mirror(img).convert("HSV").split()
        return Image.merge("HSV", (h.point(table), s, v)).convert("RGB")

    return regender


def _swap(source: Image.Image, target: Image.Image) -> Image.Image:
    sw, sh = source.size
    tw, th = target.size
    face = source.crop((sw // 4, sh // 4, sw - sw // 4, sh - sh // 4))
    box = (tw // 4, th // 4, tw - tw // 4, th - th // 4)
    face = face.resize((box[2] - box[0], box[3] - box[1]))
    mask = Image.new("L", face.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, face.size[0] - 1, face.size[1] - 1), fill=255)
    out = target.copy()
    out.paste(face, box[:2], mask)
    return out


def _apply(
    img: Image.Image, op: Callable[[Image.Image], Image.Image], box: tuple[int, int, int, int] | None
) -> Image.Image:
    if box is None:
        return op(img)
    out = img.copy()
    out.paste(op(img.crop(box)), box[:2])
    return out


def edit_age(image: bytes, age: int) -> bytes:
    """The exact JPEG a fake returns for a whole-image age edit of ``image`` to ``age``."""
    return _jpeg(_age_op(age)(_decode(image)))


def edit_gender(image: bytes, *, to_female: bool) -> bytes:
    """The exact JPEG a fake returns for a whole-image gender edit (``to_female``: the result is female)."""
    return _jpeg(_gender_op(to_female)(_decode(image)))


def swap_faces(source: bytes, target: bytes) -> bytes:
    """The exact JPEG FakeAce returns when swapping ``source``'s face onto ``target``."""
    return _jpeg(_swap(_decode(source), _decode(target)))


# --------------------------------------------------------------------------------------------------------
# HTTP plumbing


class _Reject(Exception):
    """A documented error answer: raised by the vendor logic, turned into the vendor's error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class _BadBody(ValueError):
    pass


@dataclass
class _Response:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: list[tuple[str, str]] = field(default_factory=list)


def _json_response(status: int, payload: Any, headers: list[tuple[str, str]] | None = None) -> _Response:
    return _Response(status, json.dumps(payload).encode(), "application/json", headers or [])


@dataclass
class _Injection:
    path: str | None
    remaining: int  # < 0: unlimited
    fault: Fault | None = None
    status: int = 0
    code: str = ""
    message: str | None = None
    retry_after: float | None = None


@dataclass
class _Context:
    request: RecordedRequest
    request_id: str
    non_image: bool = False


_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def _header_value(value: str) -> tuple[str, dict[str, str]]:
    """``'form-data; name="a"'`` -> ``('form-data', {'name': 'a'})``."""
    main = value.split(";", 1)[0].strip().lower()
    params: dict[str, str] = {}
    for match in _PARAM.finditer(value):
        raw = match.group(2).strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params[match.group(1).lower()] = raw
    return main, params


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, tuple[str, str, bytes]]]:
    """A strict RFC 7578 parser (python-multipart is not needed). Raises ``_BadBody``."""
    boundary = _header_value(content_type)[1].get("boundary")
    if not boundary:
        raise _BadBody("multipart boundary missing")
    sections = (b"\r\n" + body).split(b"\r\n--" + boundary.encode("latin-1"))
    form: dict[str, str] = {}
    files: dict[str, tuple[str, str, bytes]] = {}
    closed = False
    for section in sections[1:]:
        if section.startswith(b"--"):
            closed = True
            break
        line_end = section.find(b"\r\n")
        if line_end < 0 or section[:line_end].strip(b" \t"):
            raise _BadBody("malformed multipart delimiter line")
        part = section[line_end + 2 :]
        if part.startswith(b"\r\n"):
            head, content = b"", part[2:]
        else:
            head_end = part.find(b"\r\n\r\n")
            if head_end < 0:
                raise _BadBody("multipart part without a header end")
            head, content = part[:head_end], part[head_end + 4 :]
        headers: dict[str, str] = {}
        for line in head.split(b"\r\n"):
            name, sep, value = line.decode("utf-8", "replace").partition(":")
            if not sep:
                raise _BadBody("malformed multipart part header")
            headers[name.strip().lower()] = value.strip()
        kind, params = _header_value(headers.get("content-disposition", ""))
        if kind != "form-data" or "name" not in params:
            raise _BadBody("multipart part without 'content-disposition: form-data; name=...'")
        if "filename" in params:
            files[params["name"]] = (
                params["filename"],
                headers.get("content-type", "application/octet-stream"),
                content,
            )
        else:
            form[params["name"]] = content.decode("utf-8", "replace")
    if not closed:
        raise _BadBody("multipart body without its closing delimiter")
    return form, files


def _media_type(request: RecordedRequest) -> str:
    return _header_value(request.headers.get("content-type", ""))[0]


def _record(scope: Scope, body: bytes) -> RecordedRequest:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    content_type = headers.get("content-type", "")
    media = _header_value(content_type)[0]
    parsed: Any | None = None
    if "json" in media:
        with contextlib.suppress(ValueError):
            parsed = json.loads(body)
    form: dict[str, str] = {}
    files: dict[str, tuple[str, str, bytes]] = {}
    if media == "multipart/form-data":
        with contextlib.suppress(_BadBody):
            form, files = _parse_multipart(body, content_type)
    elif media == "application/x-www-form-urlencoded":
        form = dict(parse_qsl(body.decode("latin-1"), keep_blank_values=True, encoding="utf-8"))
    return RecordedRequest(
        method=str(scope["method"]),
        path=str(scope["path"]),
        headers=headers,
        json=parsed,
        form=form,
        files=files,
        time=time.monotonic(),
        body=body,
        query=bytes(scope.get("query_string", b"")).decode("latin-1"),
    )


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _wait_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _pause(receive: Receive, seconds: float) -> bool:
    """Wait ``seconds``; False as soon as the client disconnects."""
    waiter = asyncio.ensure_future(_wait_disconnect(receive))
    try:
        done, _ = await asyncio.wait({waiter}, timeout=seconds)
        return not done
    finally:
        waiter.cancel()


def _transport(send: Send) -> asyncio.Transport:
    # uvicorn's h11 and httptools protocols hand the app a bound method of their request cycle, which holds
    # the connection's transport. That is the only way for an ASGI app to drop a connection without answering
    # (raising makes uvicorn answer 500).
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if not isinstance(transport, asyncio.Transport):
        raise RuntimeError("connection faults need uvicorn's h11 or httptools protocol")
    return transport


async def _drop(receive: Receive, send: Send, *, reset: bool) -> None:
    """Close the connection without (finishing) a response: RST when ``reset``, else a FIN after the data."""
    transport = _transport(send)
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
    else:
        transport.close()
    # Let uvicorn see the disconnect before the app returns, so it neither answers 500 nor logs an error.
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(2):
            await _wait_disconnect(receive)


def _start(response: _Response, content_length: int) -> dict[str, Any]:
    headers = [
        (b"content-type", response.content_type.encode("latin-1")),
        (b"content-length", str(content_length).encode()),
    ]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers]
    return {"type": "http.response.start", "status": response.status, "headers": headers}


async def _send(send: Send, response: _Response) -> None:
    await send(_start(response, len(response.body)))
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def _send_truncated(receive: Receive, send: Send, response: _Response) -> None:
    body = response.body if len(response.body) >= 2 else b'{"truncated": true}'
    await send(_start(response, len(body)))
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    await _drop(receive, send, reset=False)


def _retry_after(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --------------------------------------------------------------------------------------------------------
# The common fake


class _FakeVendor:
    """What the three fakes share: recording, injections, latency, serving, shutdown."""

    name: ClassVar[str] = "vendor"
    busy_status: ClassVar[int] = 429  # its answer to "too many requests at once"
    busy_code: ClassVar[str] = "too_many_requests"

    def __init__(self) -> None:
        self.base_url = ""
        self.requests: list[RecordedRequest] = []
        self.latency = 0.0  # seconds added before answering an API call (not FakeAce's /cdn/ downloads)
        # How many API calls it works on at once; one more is answered ``busy_status`` at once. None: any.
        self.capacity: int | None = None
        self.gate: asyncio.Event | None = None  # when set to an Event, API calls wait for it before answering
        self.busy = 0  # API calls being worked on now
        self.most_busy = 0  # the most at once since the last reset
        self.turned_away = 0  # API calls answered 429 for being over ``capacity``
        self._injections: list[_Injection] = []
        self._inflight: set[asyncio.Task[None]] = set()
        self._jobs: set[asyncio.Task[None]] = set()
        self._closing = False
        self._arrived = asyncio.Condition()
        self._results: list[bytes] = []

    # -- public API ------------------------------------------------------------------------------------

    def return_image(self, data: bytes, *, count: int = 1) -> None:
        """The next ``count`` successful edits answer ``data`` as their result image, whatever it is (a
        13000x400 strip, a 12 MB PNG...), instead of the edited photo. FakeAILab and FakeAce's edits and swaps."""
        self._results.extend([data] * count)

    def _take_result(self) -> bytes | None:
        return self._results.pop(0) if self._results else None

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    async def wait_requests(self, n: int, timeout: float = 5) -> None:
        """Wait until ``n`` requests have arrived (and been recorded) in total; ``TimeoutError`` otherwise."""
        try:
            async with asyncio.timeout(timeout), self._arrived:
                await self._arrived.wait_for(lambda: len(self.requests) >= n)
        except TimeoutError:
            raise TimeoutError(f"{len(self.requests)} of {n} requests arrived after {timeout} s") from None

    def fail(
        self,
        status: int,
        code: str,
        *,
        path: str | None = None,
        count: int = 1,
        message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next ``count`` matching requests (``count=-1``: all, until ``reset()``) with the
        vendor's error body for ``status``/``code`` (plus ``Retry-After`` when ``retry_after`` is set).

        ``path=None`` matches every API request (not the ``/cdn/`` downloads of FakeAce); a path ending in
        ``/`` matches by prefix, any other path exactly. Injections are consumed in the order they were made.
        """
        if not 400 <= status <= 599:
            raise ValueError(f"fail() needs an error status, got {status}")
        if count == 0:
            raise ValueError("count must be positive, or negative for 'every request'")
        self._injections.append(_Injection(path, count, None, status, code, message, retry_after))

    def fault(self, fault: Fault, *, path: str | None = None, count: int = 1) -> None:
        """Misbehave on the next ``count`` matching requests (same matching as :meth:`fail`)."""
        if count == 0:
            raise ValueError("count must be positive, or negative for 'every request'")
        self._injections.append(_Injection(path, count, Fault(fault)))

    def reset(self) -> None:
        """Forget injections and records, cancel background jobs, restore the knobs to their defaults."""
        self._injections.clear()
        self._results.clear()
        self.requests.clear()
        self.latency = 0.0
        self.capacity = None
        self.gate = None
        self.most_busy = self.turned_away = 0
        for job in self._jobs:
            job.cancel()

    @classmethod
    @contextlib.asynccontextmanager
    async def running(cls) -> AsyncIterator[Self]:
        """``async with FakeAce.running() as ace:`` serve a new fake on 127.0.0.1 for the block."""
        fake = cls()
        async with fake.serving():
            yield fake

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[Self]:
        """Serve this fake for the block (``base_url`` is set inside it)."""
        self._closing = False
        async with serve(self) as url:
            self.base_url = url
            try:
                yield self
            finally:
                await self._shutdown()

    # -- for subclasses --------------------------------------------------------------------------------

    async def _handle(self, request: RecordedRequest, ctx: _Context) -> _Response:
        raise NotImplementedError

    def _error(self, status: int, code: str, message: str, ctx: _Context) -> _Response:
        raise NotImplementedError

    def _default_message(self, code: str) -> str:
        return code

    def _is_api(self, path: str) -> bool:
        return True

    def _new_request_id(self) -> str:
        return str(uuid.uuid4())

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)

    async def _shutdown(self) -> None:
        self._closing = True
        tasks = [*self._jobs, *self._inflight]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=2)

    # -- ASGI ------------------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        # The exchange runs in its own task so that shutting down can cancel it (HANG, latency, slow swaps,
        # fetches) without cancelling uvicorn's task, which would log an error and answer 500.
        task = asyncio.create_task(self._exchange(scope, receive, send))
        self._inflight.add(task)
        try:
            await asyncio.wait({task})
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            self._inflight.discard(task)
        if task.cancelled():
            await _drop(receive, send, reset=True)
        else:
            task.result()

    def _take_injection(self, path: str) -> _Injection | None:
        for injection in self._injections:
            pattern = injection.path
            if pattern is None:
                matched = self._is_api(path)
            elif pattern.endswith("/"):
                matched = path.startswith(pattern)
            else:
                matched = path == pattern
            if matched:
                if injection.remaining > 0:
                    injection.remaining -= 1
                    if injection.remaining == 0:
                        self._injections.remove(injection)
                return injection
        return None

    async def _exchange(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_body(receive)
        if body is None:
            return  # the client left before its request was complete
        request = _record(scope, body)
        async with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()
        if self._closing:
            await _drop(receive, send, reset=True)
            return
        ctx = _Context(request, self._new_request_id())
        if not self._is_api(request.path):
            await self._respond(request, ctx, receive, send)
            return
        if self.capacity is not None and self.busy >= self.capacity:  # over its capacity: 429, at once
            self.turned_away += 1
            busy = self._error(self.busy_status, self.busy_code, self._default_message(self.busy_code), ctx)
            await _send(send, busy)
            request.answered = time.monotonic()
            return
        self.busy += 1
        self.most_busy = max(self.most_busy, self.busy)
        try:
            if self.gate is not None:
                await self.gate.wait()
            await self._respond(request, ctx, receive, send)
        finally:
            self.busy -= 1

    async def _respond(self, request: RecordedRequest, ctx: _Context, receive: Receive, send: Send) -> None:
        injection = self._take_injection(request.path)
        if self.latency > 0 and self._is_api(request.path) and not await _pause(receive, self.latency):
            return  # the client gave up while we were slow
        fault = injection.fault if injection else None
        if injection is not None and fault is None:
            message = injection.message if injection.message is not None else self._default_message(injection.code)
            response = self._error(injection.status, injection.code, message, ctx)
            if injection.retry_after is not None:
                response.headers.append(("retry-after", _retry_after(injection.retry_after)))
        elif fault is Fault.HANG:
            await _wait_disconnect(receive)
            return
        elif fault is Fault.RESET:
            await _drop(receive, send, reset=True)
            return
        elif fault is Fault.MALFORMED_JSON:
            response = _Response(200, b'{"request_id": "' + ctx.request_id.encode() + b'", "result": {"ima')
        elif fault is Fault.EMPTY_BODY:
            response = _Response(200, b"")
        else:
            ctx.non_image = fault is Fault.NON_IMAGE_RESULT
            try:
                response = await self._handle(request, ctx)
            except _Reject as reject:
                response = self._error(reject.status, reject.code, reject.message, ctx)
        if fault is Fault.TRUNCATED:
            await _send_truncated(receive, send, response)
        else:
            await _send(send, response)
        request.answered = time.monotonic()


# --------------------------------------------------------------------------------------------------------
# Ace Data Cloud


@dataclass
class _CallbackFailure:
    code: str
    message: str
    remaining: int


class FakeAce(_FakeVendor):
    """Ace Data Cloud. Fetches image URLs over real HTTP and serves results at ``{base_url}/cdn/<id>.jpg``.

    Decisions where the contract is silent: a fetch that fails (connection error, non-200, bytes Pillow cannot
    decode) answers ``500 api_error "fetch failed"``; an input over 25 MB answers ``400 bad_request``; with
    ``callback_url`` (or ``async: true``) only the JSON is validated before ``{"task_id"}`` is answered: the
    fetches and the no-face check happen in the job and failures arrive as failure callbacks. ``async: true``
    without ``callback_url`` runs the job and keeps the outcome in ``tasks`` only (no polling endpoint exists:
    ``/face/tasks`` answers ``404 no_api``). ``expires_at`` of ``/files/upload`` is an ISO 8601 UTC string.
    Error bodies carry ``"success": false`` besides ``error`` and ``trace_id``, as the vendor's guides show.
    """

    name = "acedata"

    def __init__(self) -> None:
        super().__init__()
        self.token = ACE_TOKEN
        self.fetched: list[str] = []
        self.fetched_images: list[bytes] = []  # what those URLs answered, in the same order (when it decoded)
        self.callbacks_sent: list[tuple[str, dict[str, Any]]] = []
        self.callback_statuses: list[int | None] = []  # the receiver's HTTP status (None: could not deliver)
        self.tasks: dict[str, dict[str, Any]] = {}  # task_id -> final payload, for callback and async swaps
        self.edits: list[Edit] = []
        self.cdn: dict[str, tuple[str, bytes]] = {}  # path under /cdn/ -> (content type, bytes)
        self.swap_delay = 0.0
        self.fetch_timeout = 10.0
        self._callback_failures: list[_CallbackFailure] = []
        self._callback_done = asyncio.Condition()
        self._http: httpx.AsyncClient | None = None
        self._routes: dict[str, Callable[[RecordedRequest, _Context], Awaitable[_Response]]] = {
            "/face/change-age": self._change_age,
            "/face/change-gender": self._change_gender,
            "/face/swap": self._face_swap,
            "/files/upload": self._upload,
        }

    # -- public API ------------------------------------------------------------------------------------

    def fail_callback(self, code: str = "api_error", message: str | None = None, *, count: int = 1) -> None:
        """Make the next ``count`` callback (or async) swap jobs end with the failure payload
        ``{"success": false, "task_id", "trace_id", "error": {"code", "message"}}`` after ``swap_delay``.
        (``fail(..., path="/face/swap")`` affects the immediate HTTP answer instead.)"""
        if count == 0:
            raise ValueError("count must be positive, or negative for 'every job'")
        self._callback_failures.append(_CallbackFailure(code, message or self._default_message(code), count))

    async def wait_callbacks(self, n: int, timeout: float = 5) -> None:
        """Wait until ``n`` callbacks have been POSTed (and answered) in total; ``TimeoutError`` otherwise."""
        try:
            async with asyncio.timeout(timeout), self._callback_done:
                await self._callback_done.wait_for(lambda: len(self.callbacks_sent) >= n)
        except TimeoutError:
            raise TimeoutError(f"{len(self.callbacks_sent)} of {n} callbacks sent after {timeout} s") from None

    def cdn_url(self, path: str) -> str:
        return f"{self.base_url}/cdn/{path.lstrip('/')}"

    def host(self, data: bytes, content_type: str = "image/jpeg") -> str:
        """Publish ``data`` on the fake's CDN (as ``/files/upload`` does) and return its URL."""
        path = f"uploads/{uuid.uuid4().hex}"
        self.cdn[path] = (content_type, data)
        return self.cdn_url(path)

    def reset(self) -> None:
        super().reset()
        self.token = ACE_TOKEN
        self.fetched.clear()
        self.fetched_images.clear()
        self.callbacks_sent.clear()
        self.callback_statuses.clear()
        self.tasks.clear()
        self.edits.clear()
        self.cdn.clear()
        self.swap_delay = 0.0
        self.fetch_timeout = 10.0
        self._callback_failures.clear()

    # -- vendor behaviour ------------------------------------------------------------------------------

    def _default_message(self, code: str) -> str:
        return _ACE_MESSAGES.get(code, code)

    def _is_api(self, path: str) -> bool:
        return not path.startswith("/cdn/")

    def _error(self, status: int, code: str, message: str, ctx: _Context) -> _Response:
        body = {"success": False, "error": {"code": code, "message": message}, "trace_id": ctx.request_id}
        return _json_response(status, body)

    async def _shutdown(self) -> None:
        await super()._shutdown()
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(trust_env=False, follow_redirects=True)
        return self._http

    async def _handle(self, request: RecordedRequest, ctx: _Context) -> _Response:
        if request.path.startswith("/cdn/") and request.method in ("GET", "HEAD"):
            return self._serve_cdn(request.path.removeprefix("/cdn/"), ctx)
        route = self._routes.get(request.path)
        if route is None or request.method != "POST":
            raise _Reject(404, "no_api", f"api {request.method} {request.path} not found")
        self._check_auth(request)
        return await route(request, ctx)

    def _serve_cdn(self, path: str, ctx: _Context) -> _Response:
        if ctx.non_image:
            return _Response(200, _NOT_AN_IMAGE, "text/html; charset=utf-8")
        stored = self.cdn.get(path)
        if stored is None:
            return _Response(404, b"Not Found", "text/plain")
        return _Response(200, stored[1], stored[0])

    def _check_auth(self, request: RecordedRequest) -> None:
        value = request.headers.get("authorization", "").strip()
        if not value:
            raise _Reject(400, "no_token", "token is required: send 'authorization: Bearer <token>'")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or token.strip() != self.token:
            raise _Reject(401, "invalid_token", "invalid token")

    @staticmethod
    def _json(request: RecordedRequest) -> dict[str, Any]:
        if _media_type(request) != "application/json":
            raise _Reject(400, "bad_request", "content-type must be application/json")
        try:
            data = json.loads(request.body)
        except ValueError:
            raise _Reject(400, "bad_request", "request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise _Reject(400, "bad_request", "request body must be a JSON object")
        return data

    @staticmethod
    def _url(data: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
        value = data.get(name)
        if value is None:
            if required:
                raise _Reject(400, "bad_request", f"{name} is required")
            return None
        if not _is_http_url(value):
            raise _Reject(400, "bad_request", f"{name} must be an http(s) URL")
        return str(value)

    @staticmethod
    def _infos(
        data: Mapping[str, Any], name: str, key: str, low: int, high: int
    ) -> list[tuple[int, tuple[int, int, int, int] | None]]:
        items = data.get(name)
        if items is None:
            raise _Reject(400, "bad_request", f"{name} is required")
        if not isinstance(items, list) or not 1 <= len(items) <= 3:
            raise _Reject(400, "bad_request", f"{name} must be a list of 1 to 3 items")
        infos: list[tuple[int, tuple[int, int, int, int] | None]] = []
        for i, item in enumerate(items):
            where = f"{name}[{i}]"
            if not isinstance(item, dict):
                raise _Reject(400, "bad_request", f"{where} must be an object")
            value = item.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise _Reject(400, "bad_request", f"{where}.{key} must be an integer from {low} to {high}")
            rect = item.get("face_rect")
            box: tuple[int, int, int, int] | None = None
            if rect is not None:
                if not isinstance(rect, dict) or not all(
                    _is_number(rect.get(k)) for k in ("x", "y", "width", "height")
                ):
                    raise _Reject(400, "bad_request", f"{where}.face_rect needs numeric x, y, width, height")
                x, y, w, h = (round(rect[k]) for k in ("x", "y", "width", "height"))
                if x < 0 or y < 0 or w <= 0 or h <= 0:
                    raise _Reject(400, "bad_request", f"{where}.face_rect must have x, y >= 0 and a positive size")
                box = (x, y, x + w, y + h)
            infos.append((value, box))
        return infos

    async def _fetch(self, url: str) -> Image.Image:
        self.fetched.append(url)
        chunks: list[bytes] = []
        try:
            async with self._client().stream("GET", url, timeout=self.fetch_timeout) as response:
                if response.status_code != 200:
                    raise _Reject(500, "api_error", "fetch failed")
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > _ACE_MAX_INPUT:
                        raise _Reject(400, "bad_request", "image exceeds 25 MB")
                    chunks.append(chunk)
        except httpx.HTTPError:
            raise _Reject(500, "api_error", "fetch failed") from None
        try:
            image = _decode(b"".join(chunks))
            self.fetched_images.append(b"".join(chunks))
            return image
        except ValueError:
            raise _Reject(500, "api_error", "fetch failed") from None

    @staticmethod
    def _check_faces(img: Image.Image, boxes: list[tuple[int, int, int, int] | None]) -> None:
        width, height = img.size
        for box in boxes:
            if box is not None and (box[2] > width or box[3] > height):
                raise _Reject(400, "bad_request", "face_rect is outside the image")
            if _faceless(img, box):
                raise _Reject(400, "bad_request", "no face detected in the image")

    def _publish(self, img: Image.Image, ctx: _Context, name: str | None = None) -> tuple[str, bytes]:
        """Store a result on the CDN; returns (url, bytes). Under a NON_IMAGE_RESULT fault: an HTML page."""
        path = f"{name or uuid.uuid4()}.jpg"
        if ctx.non_image:
            self.cdn[path] = ("text/html; charset=utf-8", _NOT_AN_IMAGE)
            return self.cdn_url(path), _NOT_AN_IMAGE
        data = self._take_result() or _jpeg(img)
        kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        self.cdn[path] = (kind, data)
        return self.cdn_url(path), data

    async def _edit(
        self,
        request: RecordedRequest,
        ctx: _Context,
        list_name: str,
        key: str,
        low: int,
        high: int,
        make_op: Callable[[int], Callable[[Image.Image], Image.Image]],
        make_edit: Callable[[int, bytes], Edit],
    ) -> _Response:
        data = self._json(request)
        url = self._url(data, "image_url")
        infos = self._infos(data, list_name, key, low, high)
        assert url is not None
        img = await self._fetch(url)
        self._check_faces(img, [box for _, box in infos])
        for value, box in infos:
            img = _apply(img, make_op(value), box)
        image_url, result = self._publish(img, ctx)
        if not ctx.non_image:
            self.edits.append(make_edit(infos[0][0], result))
        return _json_response(200, {"image_url": image_url})

    async def _change_age(self, request: RecordedRequest, ctx: _Context) -> _Response:
        return await self._edit(
            request,
            ctx,
            "age_infos",
            "age",
            10,
            80,
            _age_op,
            lambda age, data: Edit("age", age=age, result=data),
        )

    async def _change_gender(self, request: RecordedRequest, ctx: _Context) -> _Response:
        # Ace's ``gender`` is the direction: 0 = male to female, 1 = female to male.
        return await self._edit(
            request,
            ctx,
            "gender_infos",
            "gender",
            0,
            1,
            lambda gender: _gender_op(to_female=gender == 0),
            lambda gender, data: Edit("gender", to_female=gender == 0, result=data),
        )

    async def _upload(self, request: RecordedRequest, ctx: _Context) -> _Response:
        if _media_type(request) != "multipart/form-data":
            raise _Reject(400, "bad_request", "content-type must be multipart/form-data")
        try:
            _, files = _parse_multipart(request.body, request.headers.get("content-type", ""))
        except _BadBody as exc:
            raise _Reject(400, "bad_request", f"malformed multipart body: {exc}") from None
        part = files.get("file")
        if part is None:
            raise _Reject(400, "bad_request", "file is required")
        filename, content_type, data = part
        if not data:
            raise _Reject(400, "bad_request", "file is empty")
        if len(data) > _ACE_MAX_INPUT:
            raise _Reject(400, "bad_request", "file exceeds 25 MB")
        suffix = re.sub(r"[^A-Za-z0-9]", "", filename.rpartition(".")[2])[:8] if "." in filename else ""
        path = f"uploads/{uuid.uuid4().hex}" + (f".{suffix.lower()}" if suffix else "")
        self.cdn[path] = (content_type, data)
        expires = (datetime.now(UTC) + _UPLOAD_LIFETIME).strftime("%Y-%m-%dT%H:%M:%SZ")
        return _json_response(200, {"success": True, "url": self.cdn_url(path), "expires_at": expires})

    async def _face_swap(self, request: RecordedRequest, ctx: _Context) -> _Response:
        data = self._json(request)
        source_url = self._url(data, "source_image_url")
        target_url = self._url(data, "target_image_url")
        timeout = data.get("timeout")
        if timeout is None:
            timeout = 120
        elif not _is_number(timeout) or timeout <= 0:
            raise _Reject(400, "bad_request", "timeout must be a positive number of seconds")
        callback_url = self._url(data, "callback_url", required=False)
        run_async = data.get("async")
        if run_async is not None and not isinstance(run_async, bool):
            raise _Reject(400, "bad_request", "async must be a boolean")
        assert source_url is not None and target_url is not None
        if callback_url is None and not run_async:
            img = await self._swap_now(source_url, target_url, float(timeout))
            task_id = str(uuid.uuid4())
            return _json_response(200, {"success": True, "task_id": task_id, **self._swap_result(img, ctx, task_id)})
        task_id = str(uuid.uuid4())
        failure = self._take_callback_failure()
        self._spawn(self._swap_job(task_id, source_url, target_url, float(timeout), callback_url, ctx, failure))
        return _json_response(200, {"task_id": task_id})

    def _take_callback_failure(self) -> _CallbackFailure | None:
        if not self._callback_failures:
            return None
        failure = self._callback_failures[0]
        if failure.remaining > 0:
            failure.remaining -= 1
            if failure.remaining == 0:
                self._callback_failures.pop(0)
        return failure

    async def _swap_now(self, source_url: str, target_url: str, timeout: float) -> Image.Image:
        source = await self._fetch(source_url)
        target = await self._fetch(target_url)
        self._check_faces(source, [None])
        self._check_faces(target, [None])
        if self.swap_delay > timeout:
            await asyncio.sleep(timeout)
            raise _Reject(504, "timeout", f"face swap did not finish within {timeout:g} s")
        await asyncio.sleep(self.swap_delay)
        return _swap(source, target)

    def _swap_result(self, img: Image.Image, ctx: _Context, task_id: str) -> dict[str, Any]:
        url, result = self._publish(img, ctx, task_id)
        if not ctx.non_image:
            self.edits.append(Edit("swap", result=result))
        return {
            "image_url": url,
            "image_width": img.width,
            "image_height": img.height,
            "image_size": len(result),
        }

    async def _swap_job(
        self,
        task_id: str,
        source_url: str,
        target_url: str,
        timeout: float,
        callback_url: str | None,
        ctx: _Context,
        failure: _CallbackFailure | None,
    ) -> None:
        trace_id = str(uuid.uuid4())
        payload: dict[str, Any]
        try:
            if failure is not None:
                await asyncio.sleep(self.swap_delay)
                raise _Reject(500, failure.code, failure.message)
            img = await self._swap_now(source_url, target_url, timeout)
            payload = {
                "success": True,
                "task_id": task_id,
                "trace_id": trace_id,
                **self._swap_result(img, ctx, task_id),
            }
        except _Reject as reject:
            payload = {
                "success": False,
                "task_id": task_id,
                "trace_id": trace_id,
                "error": {"code": reject.code, "message": reject.message},
            }
        self.tasks[task_id] = payload
        if callback_url is None:
            return
        status: int | None = None
        with contextlib.suppress(httpx.HTTPError):
            response = await self._client().post(callback_url, json=payload, timeout=10)
            status = response.status_code
        async with self._callback_done:
            self.callbacks_sent.append((callback_url, payload))
            self.callback_statuses.append(status)
            self._callback_done.notify_all()


# --------------------------------------------------------------------------------------------------------
# AILabTools


class FakeAILab(_FakeVendor):
    """AILabTools face attribute editing (multipart in, base64 JPEG out).

    Decisions where the contract is silent: a missing or wrong key both answer ``401 ERROR_USER_NOT_EXISTS``;
    a body that is not multipart answers ``400 MISSING_PARAMETERS``; checks run in this order: parameters,
    size (413), type by magic bytes (415; bytes no decoder recognises: 422 FILE_DECODING_FAILURE), header
    decode (422), resolution (413), full decode (422), face (422). ``quality_control`` is validated but
    rejects nothing. V1 actions ignore ``target``; TO_KID / TO_OLD edit to ages V1_KID_AGE / V1_OLD_AGE.
    """

    busy_code: ClassVar[str] = "EXCEEDING_LIMITS"

    name = "ailab"
    _ACTIONS: ClassVar[tuple[str, ...]] = ("TO_KID", "TO_OLD", "TO_FEMALE", "TO_MALE", "V2_AGE", "V2_GENDER")
    _QUALITY: ClassVar[tuple[str, ...]] = ("NONE", "LOW", "NORMAL", "HIGH")

    def __init__(self) -> None:
        super().__init__()
        self.api_key = AILAB_KEY
        self.edits: list[Edit] = []

    def reset(self) -> None:
        super().reset()
        self.api_key = AILAB_KEY
        self.edits.clear()

    def _default_message(self, code: str) -> str:
        return _AILAB_MESSAGES.get(code, code)

    def _new_request_id(self) -> str:
        return uuid.uuid4().hex

    def _error(self, status: int, code: str, message: str, ctx: _Context) -> _Response:
        return _json_response(
            status,
            {
                "request_id": ctx.request_id,
                "log_id": ctx.request_id[:16].upper(),
                "error_code": status,
                "error_code_str": code,
                "error_msg": message,
                "error_detail": {
                    "status_code": status,
                    "code": code,
                    "code_message": _AILAB_MESSAGES.get(code, code),
                    "message": message,
                },
            },
        )

    async def _handle(self, request: RecordedRequest, ctx: _Context) -> _Response:
        if request.path != AILAB_PATH or request.method != "POST":
            raise _Reject(404, "ERROR_AI_NOT_EXISTS", f"{request.method} {request.path} does not exist")
        key = request.headers.get("ailabapi-api-key", "")
        if not key:
            raise _Reject(401, "ERROR_USER_NOT_EXISTS", "missing header ailabapi-api-key")
        if key != self.api_key:
            raise _Reject(401, "ERROR_USER_NOT_EXISTS", "invalid ailabapi-api-key")
        if _media_type(request) != "multipart/form-data":
            raise _Reject(400, "MISSING_PARAMETERS", "the body must be multipart/form-data with an image file")
        try:
            form, files = _parse_multipart(request.body, request.headers.get("content-type", ""))
        except _BadBody as exc:
            raise _Reject(400, "ERROR_PARAMETERS", f"malformed multipart body: {exc}") from None

        if "image" not in files:
            if "image" in form:
                raise _Reject(400, "ERROR_INVALID_PARAMETER", "image must be a file part")
            raise _Reject(400, "MISSING_PARAMETERS", "missing parameter: image")
        data = files["image"][2]
        if not data:
            raise _Reject(400, "PARAMETERS_CANNOT_EMPTY", "image cannot be empty")
        action = form.get("action_type")
        if action is None:
            raise _Reject(400, "MISSING_PARAMETERS", "missing parameter: action_type")
        if not action:
            raise _Reject(400, "PARAMETERS_CANNOT_EMPTY", "action_type cannot be empty")
        if action not in self._ACTIONS:
            raise _Reject(400, "ERROR_INVALID_PARAMETER", f"action_type must be one of {', '.join(self._ACTIONS)}")
        op: Callable[[Image.Image], Image.Image]
        if action in ("V2_AGE", "V2_GENDER"):
            raw = form.get("target")
            if raw is None:
                raise _Reject(400, "MISSING_PARAMETERS", f"missing parameter: target (required for {action})")
            if not raw:
                raise _Reject(400, "PARAMETERS_CANNOT_EMPTY", "target cannot be empty")
            low, high = (1, 85) if action == "V2_AGE" else (0, 1)
            if not re.fullmatch(r"[0-9]+", raw) or not low <= int(raw) <= high:
                raise _Reject(400, "ERROR_INVALID_PARAMETER", f"target must be an integer from {low} to {high}")
            target = int(raw)
            # AILab's ``target`` is the result: 0 = male, 1 = female.
            edit = Edit("age", age=target) if action == "V2_AGE" else Edit("gender", to_female=target == 1)
        else:
            edit = {
                "TO_KID": Edit("age", age=V1_KID_AGE),
                "TO_OLD": Edit("age", age=V1_OLD_AGE),
                "TO_FEMALE": Edit("gender", to_female=True),
                "TO_MALE": Edit("gender", to_female=False),
            }[action]
        op = _age_op(edit.age) if edit.age is not None else _gender_op(bool(edit.to_female))
        quality = form.get("quality_control")
        if quality is not None and quality not in self._QUALITY:
            raise _Reject(400, "ERROR_INVALID_PARAMETER", f"quality_control must be one of {', '.join(self._QUALITY)}")
        location = self._check_face_location(form["face_location"]) if "face_location" in form else None

        img = self._check_image(data)
        if location is not None and (location[2] > img.width or location[3] > img.height):
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location is outside the image")
        if ctx.non_image:
            result = _NOT_AN_IMAGE
        else:
            result = self._take_result() or _jpeg(_apply(img, op, location))
            self.edits.append(Edit(edit.kind, age=edit.age, to_female=edit.to_female, result=result))
        return _json_response(
            200,
            {
                "request_id": ctx.request_id,
                "log_id": ctx.request_id[:16].upper(),
                "error_code": 0,
                "error_code_str": "",
                "error_msg": "",
                "error_detail": {"status_code": 200, "code": "", "code_message": "", "message": ""},
                "result": {"image": base64.b64encode(result).decode()},
            },
        )

    @staticmethod
    def _check_face_location(raw: str) -> tuple[int, int, int, int]:
        """The chosen face's box (x1, y1, x2, y2) from the ``face_location`` JSON string."""
        try:
            location = json.loads(raw)
        except ValueError:
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location must be a JSON object") from None
        if not isinstance(location, dict) or not all(
            _is_number(location.get(k)) for k in ("left", "top", "width", "height")
        ):
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location needs numeric left, top, width, height")
        if "rotation" in location and not _is_number(location["rotation"]):
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location.rotation must be a number")
        if location["width"] <= 0 or location["height"] <= 0:
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location must have a positive size")
        if location["left"] < 0 or location["top"] < 0:
            raise _Reject(400, "ERROR_INVALID_PARAMETER", "face_location must have left, top >= 0")
        left, top = round(location["left"]), round(location["top"])
        return (left, top, left + round(location["width"]), top + round(location["height"]))

    @staticmethod
    def _check_image(data: bytes) -> Image.Image:
        if len(data) > _AILAB_MAX_BYTES:
            raise _Reject(413, "FILE_SIZE_EXCEEDS_LIMIT", "the image must be at most 4 MB")
        if _sniff(data) is None:
            try:
                with Image.open(io.BytesIO(data)) as other:
                    fmt = other.format
            except (OSError, ValueError, SyntaxError):
                raise _Reject(422, "FILE_DECODING_FAILURE", "the image cannot be decoded") from None
            raise _Reject(415, "UNSUPPORTED_FILE_TYPES", f"{fmt} is not supported: use JPEG, PNG or BMP")
        try:
            with Image.open(io.BytesIO(data)) as header:
                width, height = header.size
        except (OSError, ValueError, SyntaxError):
            raise _Reject(422, "FILE_DECODING_FAILURE", "the image cannot be decoded") from None
        if not (256 < width < 4096 and 256 < height < 4096):
            raise _Reject(
                413,
                "FILE_RESOLUTION_EXCEEDS_LIMITS",
                f"{width}x{height}: the image must be larger than 256x256 and smaller than 4096x4096",
            )
        try:
            img = _decode(data)
        except ValueError:
            raise _Reject(422, "FILE_DECODING_FAILURE", "the image cannot be decoded") from None
        if _faceless(img):
            raise _Reject(422, "ERROR_NO_FACE_IN_FILE", "no face in the image")
        return img


# --------------------------------------------------------------------------------------------------------
# AccuAuth


class FakeAccuAuth(_FakeVendor):
    """AccuAuth gender prediction.

    The verdict is ``gender_for(image bytes)`` when set, else from the mean colour: warmer than blue (mean
    red > mean blue) is ``Female`` (the astronaut photo), otherwise ``Male``. ``face_box`` is the image's
    centre region, as ``[x1, y1, x2, y2]`` (``box_format = "xyxy"``, the default) or ``[x, y, width, height]``
    (``"xywh"``), since the contract leaves the format unconfirmed. Decisions where the contract is silent:
    ``file`` wins when both ``file`` and ``image_base64`` are sent; a ``file`` sent as a plain field (no
    filename) counts as absent; ``image_base64`` may contain whitespace but no ``data:`` prefix; "between
    128x128 and 6000x6000" is inclusive. A NON_IMAGE_RESULT fault answers 200 with an HTML page.
    """

    busy_status: ClassVar[int] = 403
    busy_code: ClassVar[str] = "RATE_LIMIT_EXCEEDED"

    name = "accuauth"

    def __init__(self) -> None:
        super().__init__()
        self.api_id = ACCU_ID
        self.api_secret = ACCU_SECRET
        self.gender_for: Callable[[bytes], str] | None = None
        self.box_format: Literal["xyxy", "xywh"] = "xyxy"

    def reset(self) -> None:
        super().reset()
        self.api_id = ACCU_ID
        self.api_secret = ACCU_SECRET
        self.gender_for = None
        self.box_format = "xyxy"

    def _default_message(self, code: str) -> str:
        return _ACCU_MESSAGES.get(code, code)

    def _new_request_id(self) -> str:
        return "TID" + uuid.uuid4().hex

    def _error(self, status: int, code: str, message: str, ctx: _Context) -> _Response:
        return _json_response(status, {"status": code, "reason": message, "request_id": ctx.request_id})

    async def _handle(self, request: RecordedRequest, ctx: _Context) -> _Response:
        if request.path != ACCU_PATH or request.method != "POST":
            raise _Reject(404, "NOT_FOUND", f"{request.method} {request.path} is not found")
        api_id = request.headers.get("x-df-api-id")
        secret = request.headers.get("x-df-api-secret")
        if not api_id or not secret:
            raise _Reject(401, "UNAUTHORIZED", "missing X-DF-API-ID or X-DF-API-SECRET header")
        if api_id != self.api_id or secret != self.api_secret:
            raise _Reject(401, "UNAUTHORIZED", "invalid API ID or secret")
        data = self._image_bytes(request)
        img = self._check_image(data)
        if ctx.non_image:
            return _Response(200, _NOT_AN_IMAGE, "text/html; charset=utf-8")
        red, _, blue = ImageStat.Stat(img).mean
        gender = self.gender_for(data) if self.gender_for else ("Female" if red > blue else "Male")
        confidence = round(0.6 + min(0.39, abs(red - blue) / 255), 6)
        beard_confidence = round(0.004682 if gender == "Female" else min(0.99, 0.3 + blue / 510), 6)
        width, height = img.size
        x1, y1, x2, y2 = round(width * 0.3), round(height * 0.25), round(width * 0.7), round(height * 0.75)
        box = [x1, y1, x2, y2] if self.box_format == "xyxy" else [x1, y1, x2 - x1, y2 - y1]
        result = {
            "beard": beard_confidence >= 0.5,
            "beard_confidence": beard_confidence,
            "confidence": confidence,
            "face_box": box,
            "gender": gender,
        }
        return _json_response(200, {"result": result, "status": "OK", "request_id": ctx.request_id})

    @staticmethod
    def _image_bytes(request: RecordedRequest) -> bytes:
        media = _media_type(request)
        form: dict[str, str] = {}
        files: dict[str, tuple[str, str, bytes]] = {}
        if media == "multipart/form-data":
            try:
                form, files = _parse_multipart(request.body, request.headers.get("content-type", ""))
            except _BadBody as exc:
                raise _Reject(400, "INVALID_ARGUMENT", f"malformed multipart body: {exc}") from None
        elif media == "application/x-www-form-urlencoded":
            form = request.form
        if "file" in files:
            data = files["file"][2]
        elif "image_base64" in form:
            text = re.sub(r"\s+", "", form["image_base64"])
            try:
                data = base64.b64decode(text, validate=True)
            except (binascii.Error, ValueError):
                raise _Reject(400, "INVALID_ARGUMENT", "image_base64 is not valid base64") from None
        else:
            raise _Reject(400, "INVALID_ARGUMENT", "must specify 'file' or 'image_base64' argument")
        if not data:
            raise _Reject(400, "INVALID_ARGUMENT", "the image is empty")
        return data

    @staticmethod
    def _check_image(data: bytes) -> Image.Image:
        if len(data) > _ACCU_MAX_BYTES:
            raise _Reject(400, "INVALID_ARGUMENT", "image file size exceeds 5 MB")
        if _sniff(data) not in ("JPEG", "PNG"):
            raise _Reject(400, "INVALID_ARGUMENT", "unsupported image format: only JPG and PNG are accepted")
        try:
            with Image.open(io.BytesIO(data)) as header:
                width, height = header.size
        except (OSError, ValueError, SyntaxError):
            raise _Reject(400, "INVALID_ARGUMENT", "invalid image: cannot decode") from None
        if not (128 <= width <= 6000 and 128 <= height <= 6000):
            raise _Reject(400, "INVALID_ARGUMENT", f"image size {width}x{height} is not between 128x128 and 6000x6000")
        try:
            img = _decode(data)
        except ValueError:
            raise _Reject(400, "INVALID_ARGUMENT", "invalid image: cannot decode") from None
        if _faceless(img):
            raise _Reject(400, "DETECTION_FAILED", "no face detected")
        return img


# --------------------------------------------------------------------------------------------------------
# All three


@dataclass
class FakeVendors:
    acedata: FakeAce
    ailab: FakeAILab
    accuauth: FakeAccuAuth

    def reset(self) -> None:
        self.acedata.reset()
        self.ailab.reset()
        self.accuauth.reset()


@contextlib.asynccontextmanager
async def running_vendors() -> AsyncIterator[FakeVendors]:
    """Serve the three fakes on 127.0.0.1 for the block. They start and stop in parallel (stopping a uvicorn
    server takes ~0.2 s)."""
    vendors = FakeVendors(FakeAce(), FakeAILab(), FakeAccuAuth())
    stop = asyncio.Event()
    started: list[asyncio.Future[None]] = []

    async def hold(fake: _FakeVendor, ready: asyncio.Future[None]) -> None:
        try:
            async with fake.serving():
                ready.set_result(None)
                await stop.wait()
        except BaseException as exc:
            if not ready.done():
                if isinstance(exc, asyncio.CancelledError):
                    ready.cancel()
                else:
                    ready.set_exception(exc)
            raise

    loop = asyncio.get_running_loop()
    holders: list[asyncio.Task[None]] = []
    for fake in (vendors.acedata, vendors.ailab, vendors.accuauth):
        ready: asyncio.Future[None] = loop.create_future()
        started.append(ready)
        holders.append(asyncio.create_task(hold(fake, ready)))
    try:
        await asyncio.gather(*started)
        yield vendors
    finally:
        stop.set()
        results = await asyncio.gather(*holders, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                raise result
