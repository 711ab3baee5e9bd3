"""AccuAuth gender prediction: one photo in (multipart ``file``), a verdict out."""

from __future__ import annotations

from typing import Any, ClassVar

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
from bot.providers.http import image_info, send_for_json
from bot.providers.retry import RetryPolicy, retry_after_from
from bot.providers.types import FaceBox, Gender, GenderVerdict
from bot.settings import Vendor

VENDOR = Vendor.ACCUAUTH.value
PATH = "/face/predict_gender"
_MAX_ANSWER_BYTES = 1024 * 1024

_OPERATOR = (ErrorCategory.OPERATOR, None)
ACCUAUTH_ERRORS: ErrorTable = {
    (400, "INVALID_ARGUMENT"): (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.OTHER),
    (400, "DETECTION_FAILED"): (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.NO_FACE),
    (400, "DOWNLOAD_ERROR"): (ErrorCategory.TRANSIENT, None),  # URL mode only; we send bytes
    (401, "UNAUTHORIZED"): _OPERATOR,
    (401, "KEY_EXPIRED"): _OPERATOR,
    (403, "NO_PERMISSION"): _OPERATOR,
    (403, "OUT_OF_QUOTA"): _OPERATOR,
    (403, "RATE_LIMIT_EXCEEDED"): (ErrorCategory.RATE_LIMITED, None),
    (404, "NOT_FOUND"): _OPERATOR,
    (500, "INTERNAL_ERROR"): (ErrorCategory.TRANSIENT, None),
}
"""Every documented AccuAuth status value; unknown ones fall back by HTTP status (a 403 then is OPERATOR)."""


def accuauth_error(
    status: int | None, code: str, reason: str = "", *, retry_after: float | None = None
) -> ProviderError:
    """AccuAuth's (HTTP status, ``status`` field) as a ProviderError; ``reason`` goes to ``detail`` only."""
    return classify(VENDOR, ACCUAUTH_ERRORS, status=status, code=code, detail=reason, retry_after=retry_after)


def face_box_from(raw: list[int], width: int, height: int) -> FaceBox | None:
    """AccuAuth's ``face_box`` as a FaceBox clamped to a ``width`` x ``height`` image; None when unusable.

    Unconfirmed: the docs do not say whether the four integers are ``[x1, y1, x2, y2]`` or
    ``[x, y, width, height]``. We read ``[x1, y1, x2, y2]`` (the documented sample, [81, 88, 244, 299],
    fits either), and switch to ``[x, y, w, h]`` only when the corners could not be corners (x2 <= x1 or
    y2 <= y1). This is the one place to change when the vendor confirms.
    """
    if len(raw) != 4 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw):
        return None
    a, b, c, d = (int(v) for v in raw)
    x1, y1, x2, y2 = (a, b, c, d) if c > a and d > b else (a, b, a + c, b + d)
    x1, x2 = max(0, min(x1, width)), max(0, min(x2, width))
    y1, y2 = max(0, min(y1, height)), max(0, min(y2, height))
    if x2 <= x1 or y2 <= y1:
        return None
    return FaceBox(x=x1, y=y1, width=x2 - x1, height=y2 - y1)


def _malformed(what: str, status: int | None = None) -> ProviderError:
    return ProviderError(VENDOR, ErrorCategory.TRANSIENT, code="malformed_answer", status=status, detail=what)


class AccuAuthClient:
    """Typed async client for AccuAuth's gender prediction over a shared ``httpx.AsyncClient``."""

    RULES: ClassVar[imaging.ImageRules] = imaging.ACCUAUTH_RULES  # what this vendor accepts

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_id: SecretStr,
        api_secret: SecretStr,
        base_url: str,
        timeout: float,
        retry: RetryPolicy,
    ) -> None:
        self._http = http
        self._api_id = api_id
        self._api_secret = api_secret
        self._url = base_url.rstrip("/") + PATH
        self._timeout = timeout
        self._retry = retry

    async def predict_gender(self, image: bytes) -> GenderVerdict:
        """The gender of the (main) face in ``image``.

        Safe to repeat in every retryable case: it only reads the photo, and changes nothing.
        """
        info = image_info(image)
        content_type, width, height = info if info else ("image/jpeg", 0, 0)
        files = {"file": ("photo." + content_type.rsplit("/", 1)[-1], image, content_type)}

        async def once() -> GenderVerdict:
            answer = await self._send(files)
            return _verdict(answer, width, height)

        return await self._retry.run(VENDOR, once, idempotent=True)

    async def check_key(self) -> KeyCheck:
        """One request without an image (nothing to bill): does AccuAuth refuse the key? Never retried."""
        try:
            await self._send({})
        except ProviderError as error:
            return judge_key(error, ("INVALID_ARGUMENT",))
        return judge_key(None, ("INVALID_ARGUMENT",))

    async def _send(self, files: dict[str, tuple[str, bytes, str]]) -> dict[str, Any]:
        headers = {
            "X-DF-API-ID": self._api_id.get_secret_value(),
            "X-DF-API-SECRET": self._api_secret.get_secret_value(),
            "accept": "application/json",
        }
        timeout = httpx.Timeout(self._timeout, connect=min(self._timeout, 10.0))
        request = self._http.build_request("POST", self._url, headers=headers, files=files, timeout=timeout)
        request.read()  # one buffered body instead of many small socket writes
        answer = await send_for_json(self._http, request, vendor=VENDOR, max_bytes=_MAX_ANSWER_BYTES)
        body = answer.fields
        code = str(body.get("status") or "")
        if not answer.ok or (code and code != "OK"):
            reason = redact(
                str(body.get("reason") or ""), self._api_id.get_secret_value(), self._api_secret.get_secret_value()
            )
            raise accuauth_error(answer.status, code, reason, retry_after=retry_after_from(answer.headers))
        if not isinstance(answer.body, dict):
            raise _malformed("not a JSON object", answer.status)
        return answer.body


def _verdict(answer: dict[str, Any], width: int, height: int) -> GenderVerdict:
    result = answer.get("result")
    if not isinstance(result, dict):
        raise _malformed("no result")
    gender = {"male": Gender.MALE, "female": Gender.FEMALE}.get(str(result.get("gender", "")).lower())
    confidence = result.get("confidence")
    if gender is None or not isinstance(confidence, int | float):
        raise _malformed("no gender/confidence")
    beard_confidence = result.get("beard_confidence")
    raw_box = result.get("face_box")
    box = face_box_from(raw_box, width, height) if isinstance(raw_box, list) and width and height else None
    return GenderVerdict(
        gender=gender,
        confidence=float(confidence),
        beard=bool(result.get("beard", False)),
        beard_confidence=float(beard_confidence) if isinstance(beard_confidence, int | float) else 0.0,
        face_box=box,
    )
