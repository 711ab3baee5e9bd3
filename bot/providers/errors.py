"""The one error language every vendor client speaks.

Each vendor's documented error (HTTP status plus its own code) maps to a :class:`ErrorCategory`; the rest
of the bot decides what to tell people, whether to retry, whether to alert the operators, from the category.
Vendor error text is kept for logs (``detail``) and never shown to people.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum


class ErrorCategory(StrEnum):
    UNUSABLE_PHOTO = "unusable_photo"  # the person's photo cannot be used: see PhotoProblem
    OPERATOR = "operator"  # the operator's account or configuration is at fault (key, balance, locked, path)
    RATE_LIMITED = "rate_limited"  # slow down and try again later
    TRANSIENT = "transient"  # 5xx, connection errors, malformed or non-image responses
    TIMEOUT = "timeout"  # the vendor (or we) gave up waiting


class PhotoProblem(StrEnum):
    NO_FACE = "no_face"
    FACE_TOO_SMALL = "face_too_small"
    POOR_QUALITY = "poor_quality"  # blurry, dark, occluded, turned away, incomplete
    BAD_FORMAT = "bad_format"  # could not be decoded / unsupported type
    TOO_LARGE = "too_large"  # bytes or pixels over the vendor's limits
    REJECTED = "rejected"  # content moderation
    OTHER = "other"


class ProviderError(Exception):
    """A vendor call failed. ``retryable`` says whether repeating the same request may succeed.

    ``maybe_processed`` is set when the request may have reached the vendor but no usable answer came back
    (connection lost after sending, unreadable 200 body): the vendor may have done, and billed, the work,
    so endpoints that must not run twice (face swap) do not repeat such a request.
    """

    def __init__(
        self,
        vendor: str,
        category: ErrorCategory,
        *,
        code: str = "",
        status: int | None = None,
        problem: PhotoProblem | None = None,
        retry_after: float | None = None,
        detail: str = "",
        maybe_processed: bool = False,
    ) -> None:
        self.vendor = vendor
        self.category = category
        self.code = code
        self.status = status
        self.problem = problem
        self.retry_after = retry_after
        self.detail = detail
        self.maybe_processed = maybe_processed
        super().__init__(f"{vendor}: {category.value} (status={status}, code={code or '-'})")

    @property
    def retryable(self) -> bool:
        return self.category in (ErrorCategory.RATE_LIMITED, ErrorCategory.TRANSIENT)

    @property
    def is_outage(self) -> bool:
        """Worth trying another vendor: the problem is the vendor's, not the photo's."""
        return self.category in (
            ErrorCategory.RATE_LIMITED,
            ErrorCategory.TRANSIENT,
            ErrorCategory.TIMEOUT,
            ErrorCategory.OPERATOR,
        )


Verdict = tuple[ErrorCategory, PhotoProblem | None]
# Key: (HTTP status, vendor code). A status of ``None`` matches the code under any status.
ErrorTable = Mapping[tuple[int | None, str], Verdict]

_UNUSABLE = (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.OTHER)
_CODE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")


def redact(text: str, *secrets: str) -> str:
    """``text`` without any of ``secrets`` (a vendor might echo a credential back in its error message)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def verdict_for_status(status: int | None) -> Verdict:
    """The fallback for codes no table lists, by HTTP status alone."""
    if status is None:
        return ErrorCategory.TRANSIENT, None
    if status in (408, 504):
        return ErrorCategory.TIMEOUT, None
    if status == 429:
        return ErrorCategory.RATE_LIMITED, None
    if status in (400, 413, 415, 422):
        return _UNUSABLE
    if status >= 500:
        return ErrorCategory.TRANSIENT, None
    if 400 <= status < 500:
        # 401/403/404 and the other 4xx: the request or the account is wrong, not the person's photo.
        return ErrorCategory.OPERATOR, None
    return ErrorCategory.TRANSIENT, None  # 1xx/2xx/3xx where an answer was expected


def classify(
    vendor: str,
    table: ErrorTable,
    *,
    status: int | None,
    code: str,
    detail: str = "",
    retry_after: float | None = None,
) -> ProviderError:
    """Map (status, code) through ``table``: the exact pair, else the code under any status when the table
    gives that code one meaning, else the status alone.

    ``code`` ends up in the error's message, so anything that does not look like a code is moved to ``detail``.
    """
    if code and not _CODE.fullmatch(code):
        detail, code = f"code={code[:100]!r} {detail}", "unrecognised"
    verdict = table.get((status, code)) or table.get((None, code))
    if verdict is None and code:
        meanings = {found for (_, known), found in table.items() if known == code}
        verdict = meanings.pop() if len(meanings) == 1 else None
    if verdict is None:
        verdict = verdict_for_status(status)
    category, problem = verdict
    return ProviderError(
        vendor,
        category,
        code=code,
        status=status,
        problem=problem,
        retry_after=retry_after,
        detail=detail[:500],
    )


# -- checking a key without paying (``faceshift check``) ----------------------------------------------------


class KeyStatus(StrEnum):
    NOT_REFUSED = "not_refused"  # the vendor looked at the key and went on to complain about the empty request
    REFUSED = "refused"  # the vendor refused the key or the account (wrong, expired, locked, out of balance)
    UNKNOWN = "unknown"  # no verdict: unreachable, rate limited, failing, or an answer that proves nothing


@dataclass(frozen=True, slots=True)
class KeyCheck:
    status: KeyStatus
    detail: str  # what the vendor answered, e.g. "401 ERROR_USER_NOT_EXISTS"; never the key


def judge_key(error: ProviderError | None, request_codes: Collection[str]) -> KeyCheck:
    """The verdict on an empty request (no photo: nothing the vendor could bill).

    ``request_codes`` are the vendor's codes for a bad request: a 400 with one of them means the key got past
    the vendor's key check (the vendors' fakes check the key first; the contracts do not say, so this is a
    strong hint, not a proof). Any other operator error means the key or the account was refused.
    """
    if error is None:
        return KeyCheck(KeyStatus.UNKNOWN, "the vendor accepted an empty request")
    answered = " ".join(part for part in (str(error.status or ""), error.code) if part) or error.category.value
    if error.status == 400 and error.code in request_codes:
        return KeyCheck(KeyStatus.NOT_REFUSED, answered)
    if error.category is ErrorCategory.OPERATOR:
        return KeyCheck(KeyStatus.REFUSED, answered)
    return KeyCheck(KeyStatus.UNKNOWN, f"{error.category.value}: {answered}")
