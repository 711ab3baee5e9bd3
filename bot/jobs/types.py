"""What a job is made of and how it ends: stages shown to the person, failures, results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.providers.types import Gender, GenderVerdict


class Stage(StrEnum):
    """What the person is shown while a job runs. There is no "receiving" stage: the result follows the
    vendor's answer within milliseconds, and every status edit is a Bot API call (in groups, one of the
    20 per minute)."""

    QUEUED = "queued"  # only when the job has to wait for a free slot of its vendor
    PREPARING = "preparing"
    SENT = "sent"


@dataclass(frozen=True, slots=True)
class QueueInfo:
    """Where a waiting job stands: its place in its vendor's line (1: next) and about how long until its turn,
    in seconds already rounded for people (None while the lane has no recent jobs to judge by)."""

    place: int
    seconds: int | None = None


class FailureKind(StrEnum):
    """What went wrong, as the person is told it: the provider categories plus our own."""

    UNUSABLE_PHOTO = "unusable_photo"
    OPERATOR = "operator"
    RATE_LIMITED = "rate_limited"
    TRANSIENT = "transient"
    TIMEOUT = "timeout"
    BAD_IMAGE = "bad_image"  # our own checks refused the file (not an image, too small, too big...)
    PHOTO_UNAVAILABLE = "photo_unavailable"  # Telegram would not give us the file (too big, gone)
    INTERRUPTED = "interrupted"  # a restart or shutdown stopped it
    UNREACHABLE = "unreachable"  # the chat cannot be written to (the person blocked the bot): nobody to tell
    CANCELLED = "cancelled"  # the person cancelled it while it waited for a slot
    UNDELIVERABLE = "undeliverable"  # paid, but Telegram refused the result as a photo and as a document
    UNDELIVERED = "undelivered"  # paid, but Telegram kept failing until the delivery deadline


@dataclass(frozen=True, slots=True)
class Failure:
    kind: FailureKind
    detail: str | None = None  # a photo problem or reject reason (an identifier, not vendor text)
    min_side: int | None = None


@dataclass(frozen=True, slots=True)
class JobResult:
    image: bytes
    verdict: GenderVerdict | None = None  # detection, and gender swaps that detected first
    to_gender: Gender | None = None
    vendor: str | None = None  # the vendor that made it, when it is not the job's first choice
    # How it goes to Telegram, once fitted (``imaging.fit_for_telegram``): a photo, or a document when no photo
    # can show it (a side ratio over 20).
    as_photo: bool = True
    content_type: str = "image/jpeg"
    # An "every age" job: the ages its collage shows (the others failed and are not charged). None otherwise.
    ages_done: tuple[int, ...] | None = None


class PhotoUnavailable(Exception):
    """The chat side could not fetch the photo (Telegram's 20 MB download limit, a deleted file)."""


class ChatUnreachable(Exception):
    """The chat side cannot write to the chat any more (blocked by the person, bot removed from the group,
    the chat deleted). Raised by ``progress`` before the paid call (a result nobody can receive is not worth
    paying for), and by ``deliver``: nobody can be told, the result is given up."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id (Telegram's ``migrate_to_chat_id``): send there instead."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"the chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class ResultRefused(Exception):
    """Telegram refused the result, as a photo and as a document: it cannot be delivered, whatever the retries."""


class DeliveryDelayed(Exception):
    """Telegram could not take the result now (5xx, a timeout, a flood wait that outlasted the rate limiter's
    own retries): worth trying again, after ``retry_after`` seconds when Telegram said so."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
