"""Ace Data Cloud face APIs: change age, change gender, face swap (sync and by callback), file upload.

Images go by URL (the vendor downloads them); results come back as a CDN URL that we download and check.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Final

import httpx
from pydantic import SecretStr

from bot import imaging
from bot.providers.errors import (
    ErrorCategory,
    ErrorTable,
    KeyCheck,
    PhotoProblem,
    ProviderError,
    classify,
    judge_key,
    redact,
)
from bot.providers.http import fetch_image, send_for_json
from bot.providers.retry import RetryPolicy, retry_after_from
from bot.providers.types import FaceBox, Gender, ResultImage
from bot.settings import Vendor

if TYPE_CHECKING:
    from bot.providers.swap_callbacks import SwapCallbacks

log = logging.getLogger(__name__)

VENDOR = Vendor.ACEDATA.value
AGE_MIN, AGE_MAX = 10, 80
_MAX_ANSWER_BYTES = 1024 * 1024  # JSON answers are tiny; anything bigger is not what we asked for

_OPERATOR = (ErrorCategory.OPERATOR, None)
ACE_ERRORS: ErrorTable = {
    (None, "bad_request"): (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.OTHER),  # NO_FACE: see ace_error()
    (None, "no_token"): _OPERATOR,
    (None, "token_mismatched"): _OPERATOR,
    (None, "api_not_implemented"): _OPERATOR,
    (None, "invalid_token"): _OPERATOR,
    (None, "token_expired"): _OPERATOR,
    (None, "used_up"): _OPERATOR,
    (None, "disabled"): _OPERATOR,
    (None, "forbidden"): (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.REJECTED),
    (None, "no_api"): _OPERATOR,
    (None, "too_many_requests"): (ErrorCategory.RATE_LIMITED, None),
    (None, "api_error"): (ErrorCategory.TRANSIENT, None),  # often "fetch failed": could not get our URL
    (None, "timeout"): (ErrorCategory.TIMEOUT, None),
}
"""Every documented Ace code. Codes are unique across statuses: the status matters only for unknown codes."""

_NO_FACE = re.compile(
    r"no\s+faces?|faces?\s+not\s+(found|detected)|(zero|0)\s+faces?|without\s+(a\s+)?face"
    r"|fail\w*\s+to\s+detect\s+(a\s+|any\s+)?face|faces?\s+detect\w*\s+fail",
    re.IGNORECASE,
)


def ace_error(status: int | None, code: str, message: str = "", *, retry_after: float | None = None) -> ProviderError:
    """Ace's (HTTP status, error.code) as a ProviderError; the vendor's message goes to ``detail`` only."""
    error = classify(VENDOR, ACE_ERRORS, status=status, code=code, detail=message, retry_after=retry_after)
    if code == "bad_request" and _NO_FACE.search(message):
        error.problem = PhotoProblem.NO_FACE
    return error


MAX_FACES: Final = 3
"""Faces one age or gender call can edit (one ``age_infos`` / ``gender_infos`` item each)."""

Faces = FaceBox | Sequence[FaceBox] | None
"""Which faces to edit: one, up to ``MAX_FACES``, or None (the vendor edits the largest)."""


def _face_rect(face: FaceBox) -> dict[str, int]:
    return {"x": face.x, "y": face.y, "width": face.width, "height": face.height}


def _infos(item: dict[str, Any], faces: Faces) -> list[dict[str, Any]]:
    """One item per chosen face, each with its ``face_rect``; one item without when no face is chosen."""
    boxes = [] if faces is None else [faces] if isinstance(faces, FaceBox) else list(faces)
    if len(boxes) > MAX_FACES:
        raise ValueError(f"Ace edits at most {MAX_FACES} faces in one call")
    return [{**item, "face_rect": _face_rect(box)} for box in boxes] or [item]


def _error_in(body: dict[str, Any], status: int | None, retry_after: float | None, token: str) -> ProviderError:
    error = body.get("error")
    code, message = "", ""
    if isinstance(error, dict):
        code = str(error.get("code") or "")
        message = redact(str(error.get("message") or ""), token)
    return ace_error(status, code, message, retry_after=retry_after)


def _malformed(what: str, status: int | None = None) -> ProviderError:
    return ProviderError(
        VENDOR, ErrorCategory.TRANSIENT, code="malformed_answer", status=status, detail=what, maybe_processed=True
    )


class AceDataClient:
    """Typed async client for Ace's face endpoints over a shared ``httpx.AsyncClient``."""

    RULES: ClassVar[imaging.ImageRules] = imaging.ACEDATA_RULES  # what this vendor accepts

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        token: SecretStr,
        base_url: str,
        upload_url: str,
        timeout: float,
        swap_timeout: float,
        retry: RetryPolicy,
    ) -> None:
        self._http = http
        self._token = token
        self._base_url = base_url.rstrip("/")
        self._upload_url = upload_url
        self._timeout = timeout
        self.swap_timeout = swap_timeout
        self._retry = retry

    def _headers(self, *, json_body: bool = True) -> dict[str, str]:
        headers = {"authorization": f"Bearer {self._token.get_secret_value()}", "accept": "application/json"}
        if json_body:
            headers["content-type"] = "application/json"
        return headers

    # -- endpoints -------------------------------------------------------------------------------------

    async def change_age(self, image_url: str, age: int, face: Faces = None) -> ResultImage:
        """Make the largest face, or each face in ``face`` (up to 3), look ``age`` years old (clamped to 10..80).

        Retried on 429/5xx/connection loss: a few seconds of work, and a repeat costs at most one more call
        (the vendor's own SDK repeats it too).
        """
        infos = _infos({"age": max(AGE_MIN, min(AGE_MAX, int(age)))}, face)
        return await self._edit("/face/change-age", {"image_url": image_url, "age_infos": infos})

    async def change_gender(self, image_url: str, to: Gender, face: Faces = None) -> ResultImage:
        """Turn the largest face, or each face in ``face`` (up to 3), into ``to``. Ace's ``gender`` is the
        direction: 0 = male to female, 1 = the reverse.

        Retry safety as for :meth:`change_age`.
        """
        infos = _infos({"gender": 0 if to is Gender.FEMALE else 1}, face)
        return await self._edit("/face/change-gender", {"image_url": image_url, "gender_infos": infos})

    async def swap(self, source_url: str, target_url: str) -> ResultImage:
        """Put the face of ``source_url`` into ``target_url``, waiting for the result (1-2 minutes).

        Not repeated once the request may have reached the vendor (reset, read timeout, unreadable answer):
        the swap may be running and billed already, and a repeat would pay for a second one. Answered
        429/5xx and connection failures before sending are repeated.
        """
        vendor_timeout = max(1, math.ceil(self.swap_timeout))
        body = {"source_image_url": source_url, "target_image_url": target_url, "timeout": vendor_timeout}
        # Our read timeout stays above the one the vendor honours, so its own 504 "timeout" reaches us.
        answer = await self._call_json(
            "/face/swap", body, seconds=vendor_timeout + min(15.0, vendor_timeout / 4), idempotent=False
        )
        return await self._result(answer)

    async def start_swap(self, source_url: str, target_url: str, callback_url: str) -> str:
        """Start a swap whose result Ace POSTs to ``callback_url``; returns the task id at once.

        Not repeated once sent without a usable answer, for the same reason as :meth:`swap`; a second task
        would also call back with a task id nobody waits for.
        """
        body = {"source_image_url": source_url, "target_image_url": target_url, "callback_url": callback_url}
        answer = await self._call_json("/face/swap", body, seconds=self._timeout, idempotent=False)
        task_id = answer.get("task_id")
        if not isinstance(task_id, str) or not task_id:
            raise _malformed("no task_id")
        return task_id

    async def swap_via_callback(
        self,
        source_url: str,
        target_url: str,
        callbacks: SwapCallbacks,
        timeout: float,  # noqa: ASYNC109
    ) -> ResultImage:
        """:meth:`start_swap`, then wait up to ``timeout`` seconds for the callback, then fetch the result."""
        token, callback_url = callbacks.new_endpoint()
        try:
            task_id = await self.start_swap(source_url, target_url, callback_url)
            callbacks.expect(token, task_id)
            log.info("acedata swap task %s started, waiting up to %.0f s for its callback", task_id, timeout)
            payload = await callbacks.wait(token, timeout)
        finally:
            callbacks.discard(token)
        if payload.get("success") is not True:
            raise _error_in(payload, None, None, self._token.get_secret_value())
        return await self._result(payload)

    async def upload(self, data: bytes, content_type: str, filename: str) -> tuple[str, float]:
        """Publish ``data`` on Ace's file service; returns (url, expires_at as Unix time).

        Safe to repeat: at worst an extra copy is stored, and it expires with the first one.
        """

        async def once() -> tuple[str, float]:
            answer = await self._send(
                "POST",
                self._upload_url,
                seconds=self._timeout,
                headers=self._headers(json_body=False),
                files={"file": (filename, data, content_type)},
            )
            url, expires_at = answer.get("url"), answer.get("expires_at")
            if not isinstance(url, str) or not url:
                raise _malformed("no url")
            return url, _timestamp(expires_at)

        return await self._retry.run(VENDOR, once, idempotent=True)

    async def check_key(self) -> KeyCheck:
        """One change-age request without a photo (nothing to bill): does Ace refuse the token? Never retried."""
        try:
            await self._send(
                "POST",
                self._base_url + "/face/change-age",
                seconds=min(self._timeout, 15.0),
                headers=self._headers(),
                json={},
            )
        except ProviderError as error:
            return judge_key(error, ("bad_request",))
        return judge_key(None, ("bad_request",))

    # -- plumbing --------------------------------------------------------------------------------------

    async def _edit(self, path: str, body: dict[str, Any]) -> ResultImage:
        answer = await self._call_json(path, body, seconds=self._timeout, idempotent=True)
        return await self._result(answer)

    async def _result(self, answer: dict[str, Any]) -> ResultImage:
        """Download ``answer["image_url"]``; the download is a plain GET, so it is retried on its own."""
        url = answer.get("image_url")
        if not isinstance(url, str) or not url:
            raise _malformed("no image_url")

        async def once() -> ResultImage:
            return await fetch_image(self._http, url, timeout=self._timeout, vendor=VENDOR)

        return await self._retry.run(VENDOR, once, idempotent=True)

    async def _call_json(self, path: str, body: dict[str, Any], *, seconds: float, idempotent: bool) -> dict[str, Any]:
        async def once() -> dict[str, Any]:
            return await self._send("POST", self._base_url + path, seconds=seconds, headers=self._headers(), json=body)

        return await self._retry.run(VENDOR, once, idempotent=idempotent)

    async def _send(
        self, method: str, url: str, *, seconds: float, headers: dict[str, str], **kwargs: Any
    ) -> dict[str, Any]:
        """One request; the JSON object answered with 2xx, or a ProviderError."""
        request = self._http.build_request(method, url, headers=headers, timeout=_timeouts(seconds), **kwargs)
        answer = await send_for_json(self._http, request, vendor=VENDOR, max_bytes=_MAX_ANSWER_BYTES)
        retry_after = retry_after_from(answer.headers)
        if not answer.ok:
            raise _error_in(answer.fields, answer.status, retry_after, self._token.get_secret_value())
        if not isinstance(answer.body, dict):
            raise _malformed("answer too large" if answer.too_large else "not a JSON object", answer.status)
        body = answer.body
        if body.get("success") is False or isinstance(body.get("error"), dict):
            raise _error_in(body, answer.status, retry_after, self._token.get_secret_value())
        return body


def _timeouts(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _timestamp(value: object) -> float:
    """``expires_at`` as Unix time; unconfirmed format (number or ISO 8601), 0.0 when unreadable."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return 0.0
    return 0.0
