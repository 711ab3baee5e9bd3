"""(8) Vendor credentials never show up in logs (httpx's included, at DEBUG) nor in any error's text."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable

import pytest

from bot.providers.errors import ProviderError
from bot.providers.swap_callbacks import SwapCallbacks
from bot.providers.types import Gender
from bot.settings import Vendor
from tests.fakes.vendors import ACCU_ID, ACCU_SECRET, ACE_TOKEN, AILAB_KEY, Fault
from tests.support.providers import PHOTO, SECRETS, Rig, Servers, reset

pytestmark = pytest.mark.asyncio(loop_scope="module")


def texts_of(error: BaseException) -> list[str]:
    out = [str(error), repr(error), "".join(traceback.format_exception(error))]
    if isinstance(error, ProviderError):
        out.append(error.detail)
    return out


async def test_secrets_absent_from_logs_and_errors(shared: Servers, caplog: pytest.LogCaptureFixture) -> None:
    reset(shared)
    rig = Rig(shared, timeout=0.2)
    v = shared.vendors
    for name in ("", "httpx", "httpcore", "bot"):
        caplog.set_level(logging.DEBUG, logger=name)
    p = rig.providers(age_vendor=Vendor.ACEDATA, gender_vendor=Vendor.AILAB)
    errors: list[BaseException] = []

    async def attempt(call: Callable[[], Awaitable[object]]) -> None:
        try:
            await call()
        except Exception as exc:
            errors.append(exc)

    # successes, through every client
    await p.change_age(PHOTO, 70, job_id="a")
    await p.change_gender(PHOTO, Gender.FEMALE, job_id="b")
    await p.swap_faces(PHOTO, PHOTO, job_id="c")
    await p.detect_gender(PHOTO)
    await rig.ace().upload(PHOTO, "image/jpeg", "p.jpg")
    # auth failures, server errors, broken and hanging answers, in every client
    echoed = (
        (v.acedata, "invalid_token", ACE_TOKEN),
        (v.ailab, "ERROR_USER_NOT_EXISTS", AILAB_KEY),
        (v.accuauth, "UNAUTHORIZED", f"{ACCU_ID}:{ACCU_SECRET}"),
    )
    for fake, code, credential in echoed:  # even a vendor echoing the credential back
        fake.fail(401, code, count=-1, message=f"bad credentials {credential}")
    await attempt(lambda: rig.ace().change_age(v.acedata.host(PHOTO), 60))
    await attempt(lambda: rig.ailab().change_age(PHOTO, 60))
    await attempt(lambda: rig.accuauth().predict_gender(PHOTO))
    await attempt(lambda: p.change_age(PHOTO, 60, job_id="d"))
    for fault in (Fault.RESET, Fault.TRUNCATED, Fault.MALFORMED_JSON, Fault.HANG, Fault.NON_IMAGE_RESULT):
        reset(shared)
        for fake in (v.acedata, v.ailab, v.accuauth):
            fake.fault(fault, count=-1)
        await attempt(lambda: rig.ace().change_age(v.acedata.host(PHOTO), 60))
        if fault is not Fault.HANG:  # (a hanging sync swap waits for its long timeout; tested elsewhere)
            await attempt(lambda: rig.ace().swap(v.acedata.host(PHOTO), v.acedata.host(PHOTO)))
        await attempt(lambda: rig.ailab().change_gender(PHOTO, Gender.MALE))
        await attempt(lambda: rig.accuauth().predict_gender(PHOTO))
    # a callback swap that times out
    reset(shared)
    rig.swap_timeout = 0.1
    callbacks = SwapCallbacks("http://127.0.0.1:9")
    await attempt(lambda: rig.ace().swap_via_callback(v.acedata.host(PHOTO), v.acedata.host(PHOTO), callbacks, 0.1))

    assert len(errors) >= 20 and all(isinstance(e, ProviderError) for e in errors)
    assert any(r.name.startswith("httpx") for r in caplog.records)  # the httpx logger was really captured
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    texts = [t for e in errors for t in texts_of(e)] + rig.alerts_sent + [logged]
    for secret in SECRETS:
        for text in texts:
            assert secret not in text
