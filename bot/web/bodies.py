"""Reading request bodies safely: bounded in size and time before anything parses them.

Every route that takes a body reads it through :func:`read_json`: a declared ``Content-Length`` over the cap is
refused before a byte is read, a body without one is counted while it streams in, a client that trickles its
body is cut off after ``timeout`` seconds, and JSON that is malformed, not UTF-8, not the expected shape or
nested deeper than the parser can follow (a ``RecursionError``) is simply "bad". The caller answers 400: a
malformed body is never a 500 or a traceback.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import ClientDisconnect, Request

BODY_TIMEOUT = 10.0  # seconds for a whole body to arrive once the request head is in


async def read_body(request: Request, limit: int, timeout: float | None = None) -> bytes | None:  # noqa: ASYNC109
    """The body, or None when it is (or declares itself) over ``limit`` bytes, or is not in within ``timeout``
    seconds (default :data:`BODY_TIMEOUT`)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_TIMEOUT if timeout is None else timeout):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    return None
    except (TimeoutError, ClientDisconnect):
        return None
    return bytes(body)


def parse_json(body: bytes) -> Any:
    """The JSON value, or None for anything that is not one (bad UTF-8, bad syntax, nested too deep)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # ValueError covers UnicodeDecodeError and JSONDecodeError
        return None


async def read_json(request: Request, limit: int, timeout: float | None = None) -> Any:  # noqa: ASYNC109
    """The body as JSON (None when it is too big, too slow or not JSON)."""
    body = await read_body(request, limit, timeout)
    return None if body is None else parse_json(body)
