"""Reading vendor answers with a size cap, and checking that result bytes are an image.

Everything that fails here is the vendor's (or the network's) fault, hence TRANSIENT: the person's photo
was fine, the answer was not.
"""

from __future__ import annotations

import asyncio
import io
import json
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from PIL import Image

from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.retry import transport_error
from bot.providers.types import ResultImage

MAX_RESULT_BYTES = 20 * 1024 * 1024
_MAX_RESULT_PIXELS = 64_000_000  # far above any vendor's output, well below a decompression bomb


class TooLarge(Exception):
    """The body went over the cap (announced by Content-Length or while streaming)."""


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The streamed body of ``response``, aborting as soon as it would exceed ``max_bytes``.

    Transport errors propagate as httpx exceptions; the caller maps them.
    """
    announced = response.headers.get("content-length")
    if announced is not None and announced.isdigit() and int(announced) > max_bytes:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class Answer:
    """A vendor's answer: status, headers, and the body parsed as JSON (None when unreadable or too large)."""

    status: int
    headers: httpx.Headers
    body: object
    too_large: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def fields(self) -> dict[str, Any]:
        """The body when it is a JSON object, else empty (error bodies may be HTML or nothing)."""
        return self.body if isinstance(self.body, dict) else {}


async def send_for_json(http: httpx.AsyncClient, request: httpx.Request, *, vendor: str, max_bytes: int) -> Answer:
    """Send ``request`` and read its JSON answer with a size cap; transport failures become ProviderError."""
    raw: bytes | None = None
    too_large = False
    try:
        response = await http.send(request, stream=True)
        try:
            raw = await read_capped(response, max_bytes)
        except TooLarge:
            too_large = True
        finally:
            await response.aclose()
    except httpx.HTTPError as exc:
        raise transport_error(vendor, exc) from None
    body: object = None
    if raw is not None:
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
    return Answer(status=response.status_code, headers=response.headers, body=body, too_large=too_large)


def image_info(data: bytes) -> tuple[str, int, int] | None:
    """(MIME type, width, height) from the image header, or None when ``data`` is not a readable image.

    Reads only the header (about 0.1 ms), so it is cheap enough for the event loop.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: we check the size ourselves
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format
                width, height = img.size
    except Exception:  # Pillow raises many types for bad input (OSError, SyntaxError, ValueError, ...)
        return None
    mime = Image.MIME.get(fmt or "")
    if mime is None or width <= 0 or height <= 0:
        return None
    return mime, width, height


def _looks_complete(mime: str, data: bytes) -> bool:
    """Cheap check that the file was not cut short (the header alone does not tell)."""
    if mime == "image/jpeg":
        return b"\xff\xd9" in data[-64:]
    if mime == "image/png":
        return b"IEND" in data[-16:]
    return True


def check_image(vendor: str, data: bytes) -> ResultImage:
    """``data`` as a ResultImage, or ProviderError(TRANSIENT) when it is not a complete, sane image."""
    info = image_info(data)
    if info is None:
        raise ProviderError(vendor, ErrorCategory.TRANSIENT, code="not_an_image", maybe_processed=True)
    mime, width, height = info
    if width * height > _MAX_RESULT_PIXELS:
        raise ProviderError(
            vendor, ErrorCategory.TRANSIENT, code="result_too_large", maybe_processed=True, detail=f"{width}x{height}"
        )
    if not _looks_complete(mime, data):
        raise ProviderError(vendor, ErrorCategory.TRANSIENT, code="truncated_image", maybe_processed=True)
    return ResultImage(data=data, content_type=mime, width=width, height=height)


async def fetch_image(
    http: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int = MAX_RESULT_BYTES,
    timeout: float,  # noqa: ASYNC109 (a total bound, enforced with asyncio.timeout below)
    vendor: str = "download",
) -> ResultImage:
    """Download a result image (no credentials are sent), capped in size and in total time."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ProviderError(vendor, ErrorCategory.TRANSIENT, code="bad_result_url", maybe_processed=True)
    try:
        async with asyncio.timeout(timeout):
            async with http.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
                if response.status_code != 200:
                    raise ProviderError(
                        vendor,
                        ErrorCategory.TRANSIENT,
                        code="result_unavailable",
                        status=response.status_code,
                        maybe_processed=True,
                    )
                data = await read_capped(response, max_bytes)
    except TooLarge:
        raise ProviderError(vendor, ErrorCategory.TRANSIENT, code="result_too_large", maybe_processed=True) from None
    except TimeoutError:
        raise ProviderError(vendor, ErrorCategory.TIMEOUT, code="download_timeout", maybe_processed=True) from None
    except httpx.HTTPError as exc:
        error = transport_error(vendor, exc)
        error.maybe_processed = True  # the result exists: whatever failed here, the vendor did the work
        raise error from None
    except httpx.InvalidURL:
        raise ProviderError(vendor, ErrorCategory.TRANSIENT, code="bad_result_url", maybe_processed=True) from None
    return check_image(vendor, data)
