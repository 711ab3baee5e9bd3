""" "Every age at once": one job, one vendor call per age of the menu, one collage of what came back.

The calls run one after another, inside the job's one vendor slot (``VENDOR_CONCURRENCY`` counts jobs, and a
job of three calls must not take three slots). A call that fails is left out of the collage and not paid for:
the runner charges the job its cost per age delivered and releases the rest. Failures that would only repeat
(the photo has no usable face, the operator's key is refused) end the job at once when nothing was made yet,
without paying for the other calls; when every call failed, the first failure is the job's (released, told).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot import imaging
from bot.faces import PhotoFaces
from bot.jobs.types import JobResult
from bot.providers.errors import ErrorCategory, ProviderError
from bot.providers.router import FaceProviders

log = logging.getLogger(__name__)

_REPEATING = (ErrorCategory.UNUSABLE_PHOTO, ErrorCategory.OPERATOR)


def ages_of(params: dict[str, object]) -> tuple[int, ...]:
    """The ages an "every age" job makes (its ``ages`` parameter); empty for any other job."""
    ages = params.get("ages")
    return tuple(int(str(age)) for age in ages) if isinstance(ages, list | tuple) else ()


async def make_every_age(
    providers: FaceProviders, photo: bytes, ages: Sequence[int], *, job_id: str, chosen: PhotoFaces | None
) -> JobResult:
    """One edit per age, then the collage of those that succeeded (``ages_done``); raises the first failure
    when none did."""
    made: list[tuple[int, bytes]] = []
    first: ProviderError | None = None
    vendor: str | None = None
    for age in ages:
        try:
            image = await providers.change_age(photo, age, job_id=job_id, chosen=chosen)
        except ProviderError as error:
            if not made and error.category in _REPEATING:
                raise
            log.info("job %s: the edit to %d failed (%s); the others go on", job_id, age, error)
            first = first or error
            continue
        made.append((age, image.data))
        vendor = vendor or image.vendor
    if not made:
        assert first is not None
        raise first
    sheet = await asyncio.to_thread(imaging.collage, [data for _, data in made], [str(age) for age, _ in made])
    return JobResult(sheet, vendor=vendor, ages_done=tuple(age for age, _ in made))
