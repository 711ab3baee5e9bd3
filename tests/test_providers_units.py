"""Pure pieces without servers: callback registry, face box guess, error tables, alerts, image checks."""

from __future__ import annotations

import asyncio
import io

import pytest
from PIL import Image

from bot.providers.accuauth import ACCUAUTH_ERRORS, accuauth_error, face_box_from
from bot.providers.acedata import ACE_ERRORS, ace_error
from bot.providers.ailab import AILAB_ERRORS, ailab_error
from bot.providers.alerts import OperatorAlerts
from bot.providers.errors import ErrorCategory, PhotoProblem, ProviderError, verdict_for_status
from bot.providers.http import check_image
from bot.providers.swap_callbacks import SwapCallbacks
from bot.providers.types import FaceBox
from tests.support.clock import FakeClock

# -- swap callbacks -------------------------------------------------------------------------------------


def test_callback_endpoint_is_unguessable_and_under_the_public_url() -> None:
    callbacks = SwapCallbacks("https://bot.example/")
    token, url = callbacks.new_endpoint()
    other, _ = callbacks.new_endpoint()
    assert url == f"https://bot.example/callbacks/acedata/{token}"
    assert len(token) >= 43 and token != other
    assert not SwapCallbacks(None).enabled
    with pytest.raises(RuntimeError):
        SwapCallbacks(None).new_endpoint()


async def test_callback_accepted_once_then_duplicate() -> None:
    callbacks = SwapCallbacks("https://bot.example")
    token, _ = callbacks.new_endpoint()
    callbacks.expect(token, "task-1")
    payload = {"success": True, "task_id": "task-1", "image_url": "https://cdn/x.png"}
    assert callbacks.deliver(token, payload) == "accepted"
    assert callbacks.deliver(token, {**payload, "image_url": "https://evil/y.png"}) == "duplicate"
    assert await callbacks.wait(token, 1.0) == payload
    callbacks.discard(token)
    assert callbacks.deliver(token, payload) == "duplicate"  # a vendor repeat after the job ended
    assert len(callbacks) == 0


async def test_callback_unknown_token_or_task() -> None:
    callbacks = SwapCallbacks("https://bot.example")
    token, _ = callbacks.new_endpoint()
    callbacks.expect(token, "task-1")
    assert callbacks.deliver("not-a-token", {"task_id": "task-1"}) == "unknown"
    assert callbacks.deliver(token, {"task_id": "task-2"}) == "unknown"
    assert callbacks.deliver(token, {"no": "task id"}) == "unknown"
    waiter = asyncio.create_task(callbacks.wait(token, 5.0))
    await asyncio.sleep(0)
    assert not waiter.done()
    assert callbacks.deliver(token, {"task_id": "task-1", "success": True}) == "accepted"
    assert (await waiter)["task_id"] == "task-1"


async def test_callback_before_expect_is_checked_against_the_task_id() -> None:
    callbacks = SwapCallbacks("https://bot.example")
    token, _ = callbacks.new_endpoint()
    assert callbacks.deliver(token, {"task_id": "other"}) == "accepted"  # provisionally: id not known yet
    callbacks.expect(token, "task-1")  # drops it: not our task
    with pytest.raises(ProviderError) as info:
        await callbacks.wait(token, 0.01)
    assert info.value.category is ErrorCategory.TIMEOUT

    token, _ = callbacks.new_endpoint()
    assert callbacks.deliver(token, {"task_id": "task-2"}) == "accepted"
    callbacks.expect(token, "task-2")
    assert (await callbacks.wait(token, 1.0))["task_id"] == "task-2"


async def test_callback_wait_times_out() -> None:
    callbacks = SwapCallbacks("https://bot.example")
    token, _ = callbacks.new_endpoint()
    callbacks.expect(token, "task-1")
    with pytest.raises(ProviderError) as info:
        await callbacks.wait(token, 0.01)
    assert info.value.category is ErrorCategory.TIMEOUT and info.value.vendor == "acedata"
    callbacks.discard(token)
    assert callbacks.deliver(token, {"task_id": "task-1"}) == "unknown"


# -- AccuAuth face box (format unconfirmed) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([81, 88, 244, 299], FaceBox(81, 88, 163, 211)),  # [x1, y1, x2, y2], the default reading
        ([100, 100, 50, 60], FaceBox(100, 100, 50, 60)),  # cannot be corners: [x, y, w, h]
        ([-10, -5, 600, 700], FaceBox(0, 0, 512, 512)),  # clamped to the image
        ([600, 600, 700, 700], None),  # entirely outside
        ([1, 2, 3], None),
        ([0, 0, 0, 0], None),
    ],
)
def test_face_box_from(raw: list[int], expected: FaceBox | None) -> None:
    assert face_box_from(raw, 512, 512) == expected


# -- error tables -----------------------------------------------------------------------------------------


def test_every_table_entry_maps_to_its_verdict() -> None:
    for table, classify in ((ACE_ERRORS, ace_error), (AILAB_ERRORS, ailab_error), (ACCUAUTH_ERRORS, accuauth_error)):
        for (status, code), (category, problem) in table.items():
            error = classify(status or 400, code)
            assert (error.category, error.problem) == (category, problem), code


def test_ace_bad_request_about_faces_is_no_face() -> None:
    assert ace_error(400, "bad_request", "no face detected in image").problem is PhotoProblem.NO_FACE
    assert ace_error(400, "bad_request", "image_url is invalid").problem is PhotoProblem.OTHER


def test_same_code_two_meanings_depends_on_status() -> None:
    assert ailab_error(400, "PROCESSING_FAILURE").category is ErrorCategory.UNUSABLE_PHOTO
    assert ailab_error(500, "PROCESSING_FAILURE").category is ErrorCategory.TRANSIENT
    assert ailab_error(200, "ERROR_NO_FACE_IN_FILE").problem is PhotoProblem.NO_FACE  # odd status, known code
    assert accuauth_error(403, "RATE_LIMIT_EXCEEDED").category is ErrorCategory.RATE_LIMITED
    assert accuauth_error(403, "SOMETHING_NEW").category is ErrorCategory.OPERATOR


_C = ErrorCategory


@pytest.mark.parametrize(
    ("status", "category"),
    [
        (400, _C.UNUSABLE_PHOTO),
        (413, _C.UNUSABLE_PHOTO),
        (415, _C.UNUSABLE_PHOTO),
        (422, _C.UNUSABLE_PHOTO),
        (401, _C.OPERATOR),
        (403, _C.OPERATOR),
        (404, _C.OPERATOR),
        (429, _C.RATE_LIMITED),
        (500, _C.TRANSIENT),
        (502, _C.TRANSIENT),
        (503, _C.TRANSIENT),
        (504, _C.TIMEOUT),
        (408, _C.TIMEOUT),
    ],
)
def test_unknown_codes_fall_back_by_status(status: int, category: ErrorCategory) -> None:
    assert verdict_for_status(status)[0] is category
    for classify in (ace_error, ailab_error, accuauth_error):
        assert classify(status, "NEVER_DOCUMENTED").category is category


def test_vendor_text_stays_in_detail() -> None:
    error = ace_error(400, "bad_request", "user photo of Jane at 10 Main St is bad")
    assert "Jane" not in str(error) and "Jane" in error.detail
    odd = ailab_error(500, "<html>Jane's key abc</html>")
    assert (odd.code, odd.category) == ("unrecognised", ErrorCategory.TRANSIENT)
    assert "Jane" not in str(odd) and "Jane" in odd.detail


# -- operator alerts --------------------------------------------------------------------------------------


async def test_alerts_once_per_vendor_code_per_quiet_period() -> None:
    sent: list[str] = []
    clock = FakeClock(0.0)

    async def notify(text: str) -> None:
        sent.append(text)

    alerts = OperatorAlerts(notify, quiet_period=100, clock=clock)
    key = ProviderError("acedata", ErrorCategory.OPERATOR, code="invalid_token", status=401, detail="secret-ish")
    assert await alerts.report(key) is True
    assert await alerts.report(key) is False
    assert await alerts.report(ProviderError("ailab", ErrorCategory.OPERATOR, code="invalid_token")) is True
    clock.set(150.0)
    assert await alerts.report(key) is True
    assert len(sent) == 3
    assert "acedata" in sent[0] and "invalid_token" in sent[0] and "401" in sent[0]
    assert "secret-ish" not in sent[0]


async def test_alert_failure_is_not_raised() -> None:
    async def broken(text: str) -> None:
        raise RuntimeError("telegram down")

    alerts = OperatorAlerts(broken)
    assert await alerts.report(ProviderError("ailab", ErrorCategory.OPERATOR, code="x")) is True


async def test_alerts_without_admins_are_only_logged_and_not_counted() -> None:
    sent: list[str] = []

    async def notify(text: str) -> None:
        sent.append(text)

    error = ProviderError("ailab", ErrorCategory.OPERATOR, code="x")
    assert await OperatorAlerts(None).report(error) is False  # no admins: only logged
    assert await OperatorAlerts(notify).report(error) is True and len(sent) == 1


# -- result image checks ----------------------------------------------------------------------------------


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(out, "JPEG")
    return out.getvalue()


def test_check_image_accepts_images_and_rejects_the_rest() -> None:
    image = check_image("v", _jpeg())
    assert (image.content_type, image.width, image.height) == ("image/jpeg", 64, 48)
    for bad in (b"", b"<html>oops</html>", _jpeg()[:200]):
        with pytest.raises(ProviderError) as info:
            check_image("v", bad)
        assert info.value.category is ErrorCategory.TRANSIENT
