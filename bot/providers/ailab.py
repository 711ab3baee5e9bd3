"""AILabTools face attribute editing (age and gender, V1 and V2): multipart in, base64 image out."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, ClassVar, Literal

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
from bot.providers.http import MAX_RESULT_BYTES, check_image, image_info, send_for_json
from bot.providers.retry import RetryPolicy, retry_after_from
from bot.providers.types import FaceBox, Gender, ResultImage
from bot.settings import Vendor

VENDOR = Vendor.AILAB.value
PATH = "/api/portrait/effects/face-attribute-editing"
AGE_MIN, AGE_MAX = 1, 85
V1Action = Literal["TO_KID", "TO_OLD", "TO_FEMALE", "TO_MALE"]

_MAX_B64_CHARS = (MAX_RESULT_BYTES + 2) // 3 * 4  # base64 of a 20 MB image
_MAX_ANSWER_BYTES = _MAX_B64_CHARS + 64 * 1024  # plus the JSON around it

_OPERATOR = (ErrorCategory.OPERATOR, None)
_TRANSIENT = (ErrorCategory.TRANSIENT, None)
_UNUSABLE = ErrorCategory.UNUSABLE_PHOTO
AILAB_ERRORS: ErrorTable = {
    # 400: parameters we send. Missing/empty ones can only be our bug (operator must look); "invalid" ones
    # also follow from what the photo is, so they are treated as an unusable photo.
    (400, "ERROR_PARAMETERS"): (_UNUSABLE, PhotoProblem.OTHER),
    (400, "ERROR_INVALID_PARAMETER"): (_UNUSABLE, PhotoProblem.OTHER),
    (400, "MISSING_PARAMETERS"): _OPERATOR,
    (400, "PARAMETERS_CANNOT_EMPTY"): _OPERATOR,
    (400, "PROCESSING_FAILURE"): (_UNUSABLE, PhotoProblem.OTHER),  # this photo could not be processed
    (401, "ERROR_USER_NOT_EXISTS"): _OPERATOR,
    (401, "ERROR_APPLICATIONS_NOT_EXISTS"): _OPERATOR,
    (403, "ERROR_USER_LOCKED"): _OPERATOR,
    (404, "ERROR_AI_NOT_EXISTS"): _OPERATOR,
    (413, "FILE_SIZE_EXCEEDS_LIMIT"): (_UNUSABLE, PhotoProblem.TOO_LARGE),
    (413, "FILE_RESOLUTION_EXCEEDS_LIMITS"): (_UNUSABLE, PhotoProblem.TOO_LARGE),
    (415, "UNSUPPORTED_FILE_TYPES"): (_UNUSABLE, PhotoProblem.BAD_FORMAT),
    (422, "FILE_DECODING_FAILURE"): (_UNUSABLE, PhotoProblem.BAD_FORMAT),
    (422, "ERROR_NO_FACE_IN_FILE"): (_UNUSABLE, PhotoProblem.NO_FACE),
    (422, "ERROR_FACE_SIZE_RATIO_NOT_MET"): (_UNUSABLE, PhotoProblem.FACE_TOO_SMALL),
    (422, "ERROR_BLURRY_FACE"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_CONTENT_NON_COMPLIANCE"): (_UNUSABLE, PhotoProblem.REJECTED),
    (422, "ERROR_SMALL_FACE_SIZE"): (_UNUSABLE, PhotoProblem.FACE_TOO_SMALL),
    (422, "ERROR_POOR_FACE_QUALITY"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_OBSTRUCTED_FACE"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_POOR_FACE_LIGHTING"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_INCOMPLETE_FACE"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_FACE_NOT_FACING_FORWARD"): (_UNUSABLE, PhotoProblem.POOR_QUALITY),
    (429, "ERROR_NOT_ENOUGH_CREDITS"): _OPERATOR,
    (429, "EXCEEDING_LIMITS"): (ErrorCategory.RATE_LIMITED, None),
    (500, "PROCESSING_FAILURE"): _TRANSIENT,
    (502, "AI_SERVICE_ERROR"): _TRANSIENT,
    (503, "ERROR_INSUFFICIENT_RESOURCES"): _TRANSIENT,
    (504, "AI_SERVICE_TIMEOUT"): _TRANSIENT,  # the contract calls it transient: retried, unlike a bare 504
}
"""Every code of the contract's table (and the "also seen" ones); unknown codes fall back by HTTP status."""


_REQUEST_CODES = ("MISSING_PARAMETERS", "PARAMETERS_CANNOT_EMPTY", "ERROR_PARAMETERS", "ERROR_INVALID_PARAMETER")


def ailab_error(status: int | None, code: str, message: str = "", *, retry_after: float | None = None) -> ProviderError:
    """AILab's (HTTP status, error_detail.code) as a ProviderError; its message goes to ``detail`` only."""
    return classify(VENDOR, AILAB_ERRORS, status=status, code=code, detail=message, retry_after=retry_after)


def _location(face: FaceBox | None) -> dict[str, str]:
    """The ``face_location`` field choosing ``face`` (a JSON string in the image's pixels), or nothing."""
    if face is None:
        return {}
    location = {"left": face.x, "top": face.y, "width": face.width, "height": face.height, "rotation": 0}
    return {"face_location": json.dumps(location, separators=(",", ":"))}


def _malformed(what: str, status: int | None = None) -> ProviderError:
    return ProviderError(
        VENDOR, ErrorCategory.TRANSIENT, code="malformed_answer", status=status, detail=what, maybe_processed=True
    )


class AILabClient:
    """Typed async client for AILab's face attribute editing over a shared ``httpx.AsyncClient``.

    Every call here is retried on 429/5xx/connection loss, also after the request may have been processed:
    a few seconds of work for one credit, and the vendor's own SDK does the same.
    """

    RULES: ClassVar[imaging.ImageRules] = imaging.AILAB_RULES  # what this vendor accepts

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: SecretStr,
        base_url: str,
        timeout: float,
        quality_control: str,
        retry: RetryPolicy,
    ) -> None:
        self._http = http
        self._api_key = api_key
        self._url = base_url.rstrip("/") + PATH
        self._timeout = timeout
        self._quality_control = quality_control
        self._retry = retry

    async def change_age(self, image: bytes, age: int, face: FaceBox | None = None) -> ResultImage:
        """V2_AGE: the face (the largest, or ``face``) at ``age`` years (clamped to AILab's 1..85)."""
        target = max(AGE_MIN, min(AGE_MAX, int(age)))
        return await self._edit(image, {"action_type": "V2_AGE", "target": str(target), **_location(face)})

    async def change_gender(self, image: bytes, to: Gender, face: FaceBox | None = None) -> ResultImage:
        """V2_GENDER: ``target`` is the gender to end up with (0 male, 1 female), unlike Ace's direction."""
        target = "1" if to is Gender.FEMALE else "0"
        return await self._edit(image, {"action_type": "V2_GENDER", "target": target, **_location(face)})

    async def edit_v1(self, image: bytes, action: V1Action) -> ResultImage:
        """The older V1 effects (no target)."""
        return await self._edit(image, {"action_type": action})

    async def check_key(self) -> KeyCheck:
        """One request without a photo (nothing to bill): does AILab refuse the key? Never retried."""
        try:
            await self._send({"action_type": "V2_AGE", "target": "30"}, {})
        except ProviderError as error:
            return judge_key(error, _REQUEST_CODES)
        return judge_key(None, _REQUEST_CODES)

    async def _edit(self, image: bytes, fields: dict[str, str]) -> ResultImage:
        info = image_info(image)
        content_type = info[0] if info else "image/jpeg"
        filename = "photo." + content_type.rsplit("/", 1)[-1]
        data = {**fields, "quality_control": self._quality_control}

        async def once() -> ResultImage:
            return await self._send(data, {"image": (filename, image, content_type)})

        return await self._retry.run(VENDOR, once, idempotent=True)

    async def _send(self, data: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> ResultImage:
        headers = {"ailabapi-api-key": self._api_key.get_secret_value(), "accept": "application/json"}
        timeout = httpx.Timeout(self._timeout, connect=min(self._timeout, 10.0))
        request = self._http.build_request("POST", self._url, headers=headers, data=data, files=files, timeout=timeout)
        request.read()  # one buffered body: the multipart stream would go out in ~17 small socket writes
        answer = await send_for_json(self._http, request, vendor=VENDOR, max_bytes=_MAX_ANSWER_BYTES)
        body = answer.fields
        error_code = body.get("error_code")
        failed = isinstance(error_code, int) and not isinstance(error_code, bool) and error_code != 0
        if not answer.ok or failed:
            # On failure error_code repeats the HTTP status: use it when the HTTP status says success.
            status = error_code if answer.ok and isinstance(error_code, int) else answer.status
            code, message = _error_fields(body)
            raise ailab_error(
                status,
                code,
                redact(message, self._api_key.get_secret_value()),
                retry_after=retry_after_from(answer.headers),
            )
        if answer.too_large:
            raise ProviderError(VENDOR, ErrorCategory.TRANSIENT, code="result_too_large", maybe_processed=True)
        if not isinstance(answer.body, dict):
            raise _malformed("not a JSON object", answer.status)
        return _decode_result(answer.body)


def _error_fields(body: dict[str, Any]) -> tuple[str, str]:
    detail = body.get("error_detail")
    code, message = "", ""
    if isinstance(detail, dict):
        code = str(detail.get("code") or "")
        message = str(detail.get("message") or detail.get("code_message") or "")
    if not code:
        code = str(body.get("error_code_str") or "")  # legacy field
    return code, message or str(body.get("error_msg") or "")


def _decode_result(answer: dict[str, Any]) -> ResultImage:
    """``result.image`` (base64, length-capped before decoding) as a checked image."""
    result = answer.get("result")
    encoded = result.get("image") if isinstance(result, dict) else None
    if not isinstance(encoded, str) or not encoded:
        raise _malformed("no result.image")
    if encoded.startswith("data:"):
        encoded = encoded.partition(",")[2]
    if len(encoded) > _MAX_B64_CHARS:
        raise ProviderError(VENDOR, ErrorCategory.TRANSIENT, code="result_too_large", maybe_processed=True)
    try:
        data = base64.b64decode(encoded)
    except (binascii.Error, ValueError):
        raise _malformed("result.image is not base64") from None
    return check_image(VENDOR, data)
