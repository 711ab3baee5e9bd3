"""The three vendor clients against the fake vendors over real HTTP: results, errors, retries, faults."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pydantic import SecretStr

from bot.providers.acedata import AceDataClient
from bot.providers.errors import ErrorCategory, PhotoProblem
from bot.providers.types import FaceBox, Gender, GenderVerdict, ResultImage
from tests.fakes.vendors import (
    ACCU_ERROR_CODES,
    ACE_ERROR_CODES,
    ACE_TOKEN,
    AILAB_ERROR_CODES,
    AILAB_PATH,
    V1_KID_AGE,
    V1_OLD_AGE,
    Fault,
    edit_age,
    edit_gender,
    solid_image,
    swap_faces,
)
from tests.support.bot import free_port
from tests.support.providers import PHOTO, Rig, json_of, raises

pytestmark = pytest.mark.asyncio(loop_scope="module")

ACCU_PATH = "/face/predict_gender"

# What each documented code must mean (category, photo problem); the tables are the fakes' full lists.
ACE_EXPECTED: dict[str, tuple[ErrorCategory, PhotoProblem | None]] = {
    "bad_request": (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.OTHER),
    "no_token": (ErrorCategory.OPERATOR, None),
    "token_mismatched": (ErrorCategory.OPERATOR, None),
    "api_not_implemented": (ErrorCategory.OPERATOR, None),
    "invalid_token": (ErrorCategory.OPERATOR, None),
    "token_expired": (ErrorCategory.OPERATOR, None),
    "used_up": (ErrorCategory.OPERATOR, None),
    "disabled": (ErrorCategory.OPERATOR, None),
    "forbidden": (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.REJECTED),
    "no_api": (ErrorCategory.OPERATOR, None),
    "too_many_requests": (ErrorCategory.RATE_LIMITED, None),
    "api_error": (ErrorCategory.TRANSIENT, None),
    "timeout": (ErrorCategory.TIMEOUT, None),
}
_U = ErrorCategory.UNUSABLE_PHOTO
AILAB_EXPECTED: dict[tuple[int, str], tuple[ErrorCategory, PhotoProblem | None]] = {
    (400, "ERROR_PARAMETERS"): (_U, PhotoProblem.OTHER),
    (400, "MISSING_PARAMETERS"): (ErrorCategory.OPERATOR, None),
    (400, "ERROR_INVALID_PARAMETER"): (_U, PhotoProblem.OTHER),
    (400, "PARAMETERS_CANNOT_EMPTY"): (ErrorCategory.OPERATOR, None),
    (400, "PROCESSING_FAILURE"): (_U, PhotoProblem.OTHER),
    (401, "ERROR_USER_NOT_EXISTS"): (ErrorCategory.OPERATOR, None),
    (401, "ERROR_APPLICATIONS_NOT_EXISTS"): (ErrorCategory.OPERATOR, None),
    (403, "ERROR_USER_LOCKED"): (ErrorCategory.OPERATOR, None),
    (404, "ERROR_AI_NOT_EXISTS"): (ErrorCategory.OPERATOR, None),
    (413, "FILE_SIZE_EXCEEDS_LIMIT"): (_U, PhotoProblem.TOO_LARGE),
    (413, "FILE_RESOLUTION_EXCEEDS_LIMITS"): (_U, PhotoProblem.TOO_LARGE),
    (415, "UNSUPPORTED_FILE_TYPES"): (_U, PhotoProblem.BAD_FORMAT),
    (422, "FILE_DECODING_FAILURE"): (_U, PhotoProblem.BAD_FORMAT),
    (422, "ERROR_NO_FACE_IN_FILE"): (_U, PhotoProblem.NO_FACE),
    (422, "ERROR_FACE_SIZE_RATIO_NOT_MET"): (_U, PhotoProblem.FACE_TOO_SMALL),
    (422, "ERROR_BLURRY_FACE"): (_U, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_CONTENT_NON_COMPLIANCE"): (_U, PhotoProblem.REJECTED),
    (422, "ERROR_SMALL_FACE_SIZE"): (_U, PhotoProblem.FACE_TOO_SMALL),
    (422, "ERROR_POOR_FACE_QUALITY"): (_U, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_OBSTRUCTED_FACE"): (_U, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_POOR_FACE_LIGHTING"): (_U, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_INCOMPLETE_FACE"): (_U, PhotoProblem.POOR_QUALITY),
    (422, "ERROR_FACE_NOT_FACING_FORWARD"): (_U, PhotoProblem.POOR_QUALITY),
    (429, "ERROR_NOT_ENOUGH_CREDITS"): (ErrorCategory.OPERATOR, None),
    (429, "EXCEEDING_LIMITS"): (ErrorCategory.RATE_LIMITED, None),
    (500, "PROCESSING_FAILURE"): (ErrorCategory.TRANSIENT, None),
    (502, "AI_SERVICE_ERROR"): (ErrorCategory.TRANSIENT, None),
    (503, "ERROR_INSUFFICIENT_RESOURCES"): (ErrorCategory.TRANSIENT, None),
    (504, "AI_SERVICE_TIMEOUT"): (ErrorCategory.TRANSIENT, None),
}
ACCU_EXPECTED: dict[str, tuple[ErrorCategory, PhotoProblem | None]] = {
    "INVALID_ARGUMENT": (_U, PhotoProblem.OTHER),
    "DETECTION_FAILED": (_U, PhotoProblem.NO_FACE),
    "DOWNLOAD_ERROR": (ErrorCategory.TRANSIENT, None),
    "UNAUTHORIZED": (ErrorCategory.OPERATOR, None),
    "KEY_EXPIRED": (ErrorCategory.OPERATOR, None),
    "NO_PERMISSION": (ErrorCategory.OPERATOR, None),
    "OUT_OF_QUOTA": (ErrorCategory.OPERATOR, None),
    "RATE_LIMIT_EXCEEDED": (ErrorCategory.RATE_LIMITED, None),
    "NOT_FOUND": (ErrorCategory.OPERATOR, None),
    "INTERNAL_ERROR": (ErrorCategory.TRANSIENT, None),
}


def photo_url(rig: Rig, data: bytes = PHOTO) -> str:
    return rig.s.vendors.acedata.host(data)


# -- (1) every documented code, injected in the fake, read through the client ------------------------------


@pytest.mark.parametrize(("status", "code"), ACE_ERROR_CODES, ids=[c for _, c in ACE_ERROR_CODES])
async def test_ace_error_codes(rig: Rig, status: int, code: str) -> None:
    rig.s.vendors.acedata.fail(status, code, count=-1)
    error = await raises(rig.ace().change_age(photo_url(rig), 60))
    assert (error.vendor, error.status, error.code) == ("acedata", status, code)
    assert (error.category, error.problem) == ACE_EXPECTED[code]
    calls = len(rig.s.vendors.acedata.requests_to("/face/change-age"))
    assert calls == (3 if error.retryable else 1)


async def test_ace_bad_request_saying_no_face_is_no_face(rig: Rig) -> None:
    rig.s.vendors.acedata.fail(400, "bad_request", message="no face detected in the image")
    assert (await raises(rig.ace().change_age(photo_url(rig), 60))).problem is PhotoProblem.NO_FACE
    # and the fake's own no-face answer (a uniform image)
    error = await raises(rig.ace().change_age(photo_url(rig, solid_image(512, 512)), 60))
    assert (error.category, error.problem) == (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.NO_FACE)


@pytest.mark.parametrize(("status", "code"), AILAB_ERROR_CODES, ids=[f"{s}-{c}" for s, c in AILAB_ERROR_CODES])
async def test_ailab_error_codes(rig: Rig, status: int, code: str) -> None:
    rig.s.vendors.ailab.fail(status, code, count=-1)
    error = await raises(rig.ailab().change_age(PHOTO, 60))
    assert (error.vendor, error.status, error.code) == ("ailab", status, code)
    assert (error.category, error.problem) == AILAB_EXPECTED[(status, code)]


@pytest.mark.parametrize(("status", "code"), ACCU_ERROR_CODES, ids=[c for _, c in ACCU_ERROR_CODES])
async def test_accuauth_error_codes(rig: Rig, status: int, code: str) -> None:
    rig.s.vendors.accuauth.fail(status, code, count=-1)
    error = await raises(rig.accuauth().predict_gender(PHOTO))
    assert (error.vendor, error.status, error.code) == ("accuauth", status, code)
    assert (error.category, error.problem) == ACCU_EXPECTED[code]


@pytest.mark.parametrize(
    ("status", "category"),
    [
        (400, ErrorCategory.UNUSABLE_PHOTO),
        (403, ErrorCategory.OPERATOR),
        (429, ErrorCategory.RATE_LIMITED),
        (502, ErrorCategory.TRANSIENT),
        (504, ErrorCategory.TIMEOUT),
    ],
)
async def test_unknown_codes_fall_back_by_status(rig: Rig, status: int, category: ErrorCategory) -> None:
    v = rig.s.vendors
    v.acedata.fail(status, "brand_new_code", count=-1)
    v.ailab.fail(status, "BRAND_NEW_CODE", count=-1)
    v.accuauth.fail(status, "BRAND_NEW_CODE", count=-1)
    assert (await raises(rig.ace().change_age(photo_url(rig), 60))).category is category
    assert (await raises(rig.ailab().change_age(PHOTO, 60))).category is category
    assert (await raises(rig.accuauth().predict_gender(PHOTO))).category is category


# -- (2) every operation end to end ------------------------------------------------------------------------


async def test_ace_operations(rig: Rig) -> None:
    ace, fake = rig.ace(), rig.s.vendors.acedata
    older = await ace.change_age(photo_url(rig), 70)
    assert older.data == edit_age(PHOTO, 70)
    assert (older.content_type, older.width, older.height) == ("image/jpeg", 512, 512)
    assert (await ace.change_age(photo_url(rig), 3)).data == edit_age(PHOTO, 10)  # clamped to Ace's 10..80
    assert (await ace.change_gender(photo_url(rig), Gender.MALE)).data == edit_gender(PHOTO, to_female=False)
    target = edit_age(PHOTO, 40)
    swapped = await ace.swap(photo_url(rig), photo_url(rig, target))
    assert swapped.data == swap_faces(PHOTO, target)
    request = fake.requests_to("/face/swap")[-1]
    assert request.json is not None and request.json["timeout"] == 5 and "callback_url" not in request.json


async def test_ace_face_rect_is_sent(rig: Rig) -> None:
    await rig.ace().change_age(photo_url(rig), 50, FaceBox(100, 80, 300, 320))
    sent = json_of(rig.s.vendors.acedata.requests_to("/face/change-age")[-1])
    assert sent == {
        "image_url": sent["image_url"],
        "age_infos": [{"age": 50, "face_rect": {"x": 100, "y": 80, "width": 300, "height": 320}}],
    }


async def test_ace_headers(rig: Rig) -> None:
    await rig.ace().change_age(photo_url(rig), 50)
    headers = rig.s.vendors.acedata.requests_to("/face/change-age")[-1].headers
    assert headers["authorization"] == "Bearer ace-test-token"
    assert headers["accept"] == "application/json"
    assert headers["content-type"] == "application/json"
    downloads = [r for r in rig.s.vendors.acedata.requests if r.path.startswith("/cdn/")]
    assert downloads and all("authorization" not in r.headers for r in downloads)  # no token to the CDN


async def test_ace_upload(rig: Rig) -> None:
    url, expires_at = await rig.ace().upload(PHOTO, "image/jpeg", "photo.jpg")
    assert url.startswith(rig.s.vendors.acedata.base_url + "/cdn/uploads/")
    assert expires_at > 0
    part = rig.s.vendors.acedata.requests_to("/files/upload")[-1].files["file"]
    assert part == ("photo.jpg", "image/jpeg", PHOTO)
    assert (await rig.ace().change_age(url, 70)).data == edit_age(PHOTO, 70)  # usable as an input


async def test_ailab_operations(rig: Rig) -> None:
    ailab, fake = rig.ailab(), rig.s.vendors.ailab
    assert (await ailab.change_age(PHOTO, 70)).data == edit_age(PHOTO, 70)
    assert (await ailab.change_age(PHOTO, 200)).data == edit_age(PHOTO, 85)  # clamped to AILab's 1..85
    assert (await ailab.change_gender(PHOTO, Gender.MALE)).data == edit_gender(PHOTO, to_female=False)
    assert (await ailab.edit_v1(PHOTO, "TO_KID")).data == edit_age(PHOTO, V1_KID_AGE)
    assert (await ailab.edit_v1(PHOTO, "TO_OLD")).data == edit_age(PHOTO, V1_OLD_AGE)
    assert (await ailab.edit_v1(PHOTO, "TO_FEMALE")).data == edit_gender(PHOTO, to_female=True)
    assert (await ailab.edit_v1(PHOTO, "TO_MALE")).data == edit_gender(PHOTO, to_female=False)
    request = fake.requests_to(AILAB_PATH)[0]
    assert request.headers["ailabapi-api-key"] == "ailab-test-key"
    assert request.form == {"action_type": "V2_AGE", "target": "70", "quality_control": "NONE"}
    assert request.files["image"][1:] == ("image/jpeg", PHOTO)


async def test_accuauth_verdict(rig: Rig) -> None:
    verdict = await rig.accuauth().predict_gender(PHOTO)
    assert isinstance(verdict, GenderVerdict)
    assert verdict.gender is Gender.FEMALE and 0.5 < verdict.confidence <= 1
    assert verdict.face_box == FaceBox(154, 128, 204, 256)  # the fake's centre box, read as [x1, y1, x2, y2]
    rig.s.vendors.accuauth.gender_for = lambda data: "Male"
    assert (await rig.accuauth().predict_gender(PHOTO)).gender is Gender.MALE
    request = rig.s.vendors.accuauth.requests_to(ACCU_PATH)[0]
    assert (request.headers["x-df-api-id"], request.headers["x-df-api-secret"]) == ("accu-test-id", "accu-test-secret")
    assert request.files["file"][2] == PHOTO


async def test_accuauth_no_face(rig: Rig) -> None:
    error = await raises(rig.accuauth().predict_gender(solid_image(512, 512)))
    assert (error.category, error.problem) == (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.NO_FACE)


# -- (9) gender conventions --------------------------------------------------------------------------------


async def test_to_female_is_ace_gender_0_and_ailab_target_1(rig: Rig) -> None:
    v = rig.s.vendors
    ace_result = await rig.ace().change_gender(photo_url(rig), Gender.FEMALE)
    assert json_of(v.acedata.requests_to("/face/change-gender")[-1])["gender_infos"] == [{"gender": 0}]
    ailab_result = await rig.ailab().change_gender(PHOTO, Gender.FEMALE)
    assert v.ailab.requests_to(AILAB_PATH)[-1].form["target"] == "1"
    assert ace_result.data == ailab_result.data == edit_gender(PHOTO, to_female=True)
    assert v.acedata.edits[-1].to_female and v.ailab.edits[-1].to_female
    await rig.ace().change_gender(photo_url(rig), Gender.MALE)
    await rig.ailab().change_gender(PHOTO, Gender.MALE)
    assert json_of(v.acedata.requests_to("/face/change-gender")[-1])["gender_infos"] == [{"gender": 1}]
    assert v.ailab.requests_to(AILAB_PATH)[-1].form["target"] == "0"


# -- (3) and (4) retries -----------------------------------------------------------------------------------

Call = Callable[[Rig], Awaitable[object]]
CLIENT_CALLS: dict[str, tuple[str, Call]] = {
    "acedata": ("/face/change-age", lambda r: r.ace().change_age(photo_url(r), 60)),
    "ailab": (AILAB_PATH, lambda r: r.ailab().change_age(PHOTO, 60)),
    "accuauth": (ACCU_PATH, lambda r: r.accuauth().predict_gender(PHOTO)),
}
SERVER_ERROR = {"acedata": "api_error", "ailab": "PROCESSING_FAILURE", "accuauth": "INTERNAL_ERROR"}
RATE_LIMIT = {
    "acedata": (429, "too_many_requests"),
    "ailab": (429, "EXCEEDING_LIMITS"),
    "accuauth": (403, "RATE_LIMIT_EXCEEDED"),
}


def fake_of(rig: Rig, vendor: str) -> Any:
    return getattr(rig.s.vendors, vendor)


@pytest.mark.parametrize("vendor", CLIENT_CALLS)
async def test_500_twice_then_success(rig: Rig, vendor: str) -> None:
    path, call = CLIENT_CALLS[vendor]
    fake_of(rig, vendor).fail(500, SERVER_ERROR[vendor], count=2)
    assert isinstance(await call(rig), ResultImage | GenderVerdict)
    assert len(fake_of(rig, vendor).requests_to(path)) == 3
    assert [(v, n) for v, n, _ in rig.retries] == [(vendor, 1), (vendor, 2)]


@pytest.mark.parametrize("vendor", CLIENT_CALLS)
async def test_retry_after_is_honoured(rig: Rig, vendor: str) -> None:
    path, call = CLIENT_CALLS[vendor]
    status, code = RATE_LIMIT[vendor]
    fake_of(rig, vendor).fail(status, code, retry_after=17)
    await call(rig)
    assert len(fake_of(rig, vendor).requests_to(path)) == 2
    assert rig.time.sleeps and rig.time.sleeps[0] >= 17


@pytest.mark.parametrize("vendor", CLIENT_CALLS)
async def test_retry_after_beyond_the_deadline_is_not_waited_for(rig: Rig, vendor: str) -> None:
    path, call = CLIENT_CALLS[vendor]
    status, code = RATE_LIMIT[vendor]
    rig.deadline = 30
    fake_of(rig, vendor).fail(status, code, retry_after=600, count=-1)
    error = await raises(call(rig))
    assert error.category is ErrorCategory.RATE_LIMITED and error.retry_after == 600
    assert len(fake_of(rig, vendor).requests_to(path)) == 1 and not rig.time.sleeps


async def test_deadline_bounds_the_attempts(rig: Rig) -> None:
    rig.max_attempts, rig.deadline = 10, 20
    rig.s.vendors.ailab.fail(429, "EXCEEDING_LIMITS", retry_after=6, count=-1)
    await raises(rig.ailab().change_age(PHOTO, 60))
    assert len(rig.s.vendors.ailab.requests_to(AILAB_PATH)) == 4  # waits at 6, 12, 18; a 4th wait crosses 20
    assert sum(rig.time.sleeps) < 20


async def test_timeout_is_not_retried(rig: Rig) -> None:
    rig.s.vendors.acedata.fail(504, "timeout", count=-1)
    error = await raises(rig.ace().change_age(photo_url(rig), 60))
    assert error.category is ErrorCategory.TIMEOUT
    assert len(rig.s.vendors.acedata.requests_to("/face/change-age")) == 1


async def test_sync_swap_that_timed_out_after_sending_is_not_repeated(rig: Rig) -> None:
    rig.swap_timeout = 0.2  # vendor field 1 s; our read timeout 1.25 s
    fake = rig.s.vendors.acedata
    fake.fault(Fault.HANG, path="/face/swap", count=-1)
    error = await raises(rig.ace().swap(photo_url(rig), photo_url(rig)))
    assert error.category is ErrorCategory.TIMEOUT and error.maybe_processed
    assert len(fake.requests_to("/face/swap")) == 1


async def test_swap_reset_after_sending_is_not_repeated_but_answered_5xx_is(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    fake.fault(Fault.RESET, path="/face/swap")
    error = await raises(rig.ace().swap(photo_url(rig), photo_url(rig)))
    assert error.category is ErrorCategory.TRANSIENT and error.maybe_processed
    assert len(fake.requests_to("/face/swap")) == 1
    fake.fail(500, "api_error", path="/face/swap")
    await rig.ace().swap(photo_url(rig), photo_url(rig))
    assert len(fake.requests_to("/face/swap")) == 3


async def test_start_swap_reset_is_not_repeated(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    fake.fault(Fault.MALFORMED_JSON, path="/face/swap")  # answered 200: a task may be running
    await raises(rig.ace().start_swap(photo_url(rig), photo_url(rig), "https://bot.example/cb/x"))
    assert len(fake.requests_to("/face/swap")) == 1


async def test_connection_refused_is_retried_even_for_swaps(rig: Rig) -> None:
    client = AceDataClient(
        rig.s.http,
        token=SecretStr(ACE_TOKEN),
        base_url=f"http://127.0.0.1:{free_port()}",
        upload_url="",
        timeout=5,
        swap_timeout=5,
        retry=rig.policy,
    )
    error = await raises(client.swap("http://a/1.jpg", "http://a/2.jpg"))
    assert error.category is ErrorCategory.TRANSIENT and not error.maybe_processed
    assert len(rig.retries) == 2


# -- (7) broken answers ------------------------------------------------------------------------------------

BROKEN = [Fault.MALFORMED_JSON, Fault.TRUNCATED, Fault.RESET, Fault.EMPTY_BODY, Fault.NON_IMAGE_RESULT]


@pytest.mark.parametrize("vendor", CLIENT_CALLS)
@pytest.mark.parametrize("fault", BROKEN)
async def test_broken_answers_are_transient(rig: Rig, vendor: str, fault: Fault) -> None:
    path, call = CLIENT_CALLS[vendor]
    fake_of(rig, vendor).fault(fault, count=-1)
    error = await raises(call(rig))
    assert error.category is ErrorCategory.TRANSIENT and error.vendor == vendor
    fake_of(rig, vendor).reset()
    fake_of(rig, vendor).fault(fault, count=1)  # once only
    if vendor == "acedata" and fault is Fault.NON_IMAGE_RESULT:
        # The edit was made (and billed) but its stored result is broken: downloading it again does not
        # help, and the edit is not bought a second time by the client (the router may fall back).
        assert (await raises(call(rig))).code == "not_an_image"
        assert len(fake_of(rig, vendor).requests_to(path)) == 1
    else:
        assert isinstance(await call(rig), ResultImage | GenderVerdict)  # the retry gets the result


@pytest.mark.parametrize("vendor", CLIENT_CALLS)
async def test_hang_is_a_timeout(rig: Rig, vendor: str) -> None:
    path, call = CLIENT_CALLS[vendor]
    rig.timeout = 0.2
    fake_of(rig, vendor).fault(Fault.HANG, count=-1)
    error = await raises(call(rig))
    assert error.category is ErrorCategory.TIMEOUT
    assert len(fake_of(rig, vendor).requests_to(path)) == 1


async def test_ace_result_download_problems(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    url = (await rig.s.host.publish(PHOTO, "image/jpeg", job_id="j")).url  # not on the fake's /cdn/
    fake.fault(Fault.TRUNCATED, path="/cdn/", count=-1)
    error = await raises(rig.ace().change_age(url, 60))
    assert (error.category, error.code) == (ErrorCategory.TRANSIENT, "transport_error")
    assert len(fake.requests_to("/face/change-age")) == 1  # the edit is not paid for again
    fake.reset()
    fake.fault(Fault.HANG, path="/cdn/")
    rig.timeout = 0.2
    assert (await raises(rig.ace().change_age(url, 60))).category is ErrorCategory.TIMEOUT


async def test_download_refuses_oversized_and_odd_urls(rig: Rig) -> None:
    from bot.providers.http import fetch_image

    big = rig.s.vendors.acedata.host(PHOTO)
    error = await raises(fetch_image(rig.s.http, big, max_bytes=len(PHOTO) - 1, timeout=5))
    assert error.code == "result_too_large"
    assert (await fetch_image(rig.s.http, big, max_bytes=len(PHOTO), timeout=5)).data == PHOTO
    for url in ("file:///etc/passwd", "ftp://x/y.jpg", "not a url"):
        assert (await raises(fetch_image(rig.s.http, url, timeout=5))).category is ErrorCategory.TRANSIENT
