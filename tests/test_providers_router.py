"""FaceProviders against the fake vendors: routing, fallback, hosting clean-up, alerts, swap callbacks."""

from __future__ import annotations

import httpx
import pytest

from bot.operations import Operation
from bot.providers.errors import ErrorCategory, PhotoProblem, ProviderError
from bot.providers.types import Gender
from bot.settings import Vendor
from tests.fakes.vendors import AILAB_PATH, edit_age, edit_gender, solid_image, swap_faces
from tests.support.providers import PHOTO, Rig, json_of, raises

pytestmark = pytest.mark.asyncio(loop_scope="module")


def assert_all_removed(rig: Rig) -> None:
    host = rig.s.host
    assert host.published, "nothing was published"
    assert {p.key for p in host.removed} == {p.key for p in host.published}
    assert not host.photos


# -- availability and choice -------------------------------------------------------------------------------


async def test_available_operations(rig: Rig) -> None:
    everything = frozenset(Operation)
    assert rig.providers().available() == everything
    no_host = rig.providers(host=False)  # Ace cannot see photos without hosting
    assert no_host.available() == everything - {Operation.SWAP_FACES}
    assert no_host.vendor_for(Operation.OLDER) is Vendor.AILAB
    only_ace = rig.providers(ailab=False, accuauth=False)
    assert only_ace.available() == everything - {Operation.DETECT_GENDER}
    assert rig.providers(ace=False, ailab=False, accuauth=False).available() == frozenset()


async def test_vendor_for_follows_the_settings_then_whatever_is_configured(rig: Rig) -> None:
    p = rig.providers(age_vendor=Vendor.AILAB, gender_vendor=Vendor.ACEDATA)
    assert p.vendor_for(Operation.OLDER) is p.vendor_for(Operation.YOUNGER) is Vendor.AILAB
    assert p.vendor_for(Operation.SWAP_GENDER) is Vendor.ACEDATA
    assert p.vendor_for(Operation.SWAP_FACES) is Vendor.ACEDATA
    assert p.vendor_for(Operation.DETECT_GENDER) is Vendor.ACCUAUTH
    assert rig.providers(ailab=False, age_vendor=Vendor.AILAB).vendor_for(Operation.OLDER) is Vendor.ACEDATA


# -- (2) each operation end to end through the router ------------------------------------------------------


async def test_every_operation_through_ace(rig: Rig) -> None:
    p = rig.providers(age_vendor=Vendor.ACEDATA, gender_vendor=Vendor.ACEDATA)
    assert (await p.change_age(PHOTO, 70, job_id="j1")).data == edit_age(PHOTO, 70)
    assert (await p.change_gender(PHOTO, Gender.FEMALE, job_id="j2")).data == edit_gender(PHOTO, to_female=True)
    target = edit_age(PHOTO, 40)
    assert (await p.swap_faces(PHOTO, target, job_id="j3")).data == swap_faces(PHOTO, target)
    verdict = await p.detect_gender(PHOTO)
    assert verdict.gender is Gender.FEMALE
    assert not rig.s.vendors.ailab.requests
    assert_all_removed(rig)
    assert len(rig.s.host.published) == 4  # one photo per edit, two for the swap


async def test_every_edit_through_ailab(rig: Rig) -> None:
    p = rig.providers(age_vendor=Vendor.AILAB, gender_vendor=Vendor.AILAB)
    assert (await p.change_age(PHOTO, 8, job_id="j1")).data == edit_age(PHOTO, 8)
    assert (await p.change_gender(PHOTO, Gender.MALE, job_id="j2")).data == edit_gender(PHOTO, to_female=False)
    assert not rig.s.vendors.acedata.requests and not rig.s.host.published


async def test_prepare_hook_is_applied_per_vendor(rig: Rig) -> None:
    seen: list[Vendor] = []
    smaller = edit_age(PHOTO, 30)

    async def prepare(data: bytes, vendor: Vendor) -> bytes:
        seen.append(vendor)
        return smaller

    p = rig.providers(age_vendor=Vendor.AILAB)
    p._prepare = prepare
    await p.change_age(PHOTO, 60, job_id="j")
    await p.detect_gender(PHOTO)
    assert seen == [Vendor.AILAB, Vendor.ACCUAUTH]
    assert rig.s.vendors.ailab.requests[0].files["image"][2] == smaller


# -- (5) fallback ------------------------------------------------------------------------------------------


async def test_ace_outage_falls_back_to_ailab(rig: Rig) -> None:
    v = rig.s.vendors
    v.acedata.fail(500, "api_error", count=-1)
    p = rig.providers(age_vendor=Vendor.ACEDATA)
    assert (await p.change_age(PHOTO, 70, job_id="j")).data == edit_age(PHOTO, 70)
    assert len(v.acedata.requests_to("/face/change-age")) == 3  # Ace's own retries first
    assert len(v.ailab.requests_to(AILAB_PATH)) == 1
    assert_all_removed(rig)  # the failed Ace attempt's photo too


async def test_ailab_outage_falls_back_to_ace(rig: Rig) -> None:
    v = rig.s.vendors
    v.ailab.fail(429, "ERROR_NOT_ENOUGH_CREDITS", count=-1)  # OPERATOR is an outage too (and alerted)
    p = rig.providers(gender_vendor=Vendor.AILAB)
    assert (await p.change_gender(PHOTO, Gender.FEMALE, job_id="j")).data == edit_gender(PHOTO, to_female=True)
    assert len(v.ailab.requests_to(AILAB_PATH)) == 1 and len(v.acedata.requests_to("/face/change-gender")) == 1
    assert len(rig.alerts_sent) == 1 and "ERROR_NOT_ENOUGH_CREDITS" in rig.alerts_sent[0]


async def test_timeout_falls_back(rig: Rig) -> None:
    rig.s.vendors.acedata.fail(504, "timeout")
    await rig.providers(age_vendor=Vendor.ACEDATA).change_age(PHOTO, 70, job_id="j")
    assert len(rig.s.vendors.ailab.requests) == 1


async def test_unusable_photo_never_falls_back(rig: Rig) -> None:
    v = rig.s.vendors
    p = rig.providers(age_vendor=Vendor.ACEDATA)
    error = await raises(p.change_age(solid_image(512, 512), 70, job_id="j"))
    assert (error.category, error.problem) == (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.NO_FACE)
    v.ailab.fail(422, "ERROR_BLURRY_FACE")
    p = rig.providers(age_vendor=Vendor.AILAB)
    assert (await raises(p.change_age(PHOTO, 70, job_id="j"))).problem is PhotoProblem.POOR_QUALITY
    assert len(v.ailab.requests_to(AILAB_PATH)) == 1
    assert len(v.acedata.requests_to("/face/change-age")) == 1  # only the first, no-face call
    assert_all_removed(rig)


async def test_fallback_vendor_refusing_the_photo_keeps_the_outage(rig: Rig) -> None:
    async def prepare(data: bytes, vendor: Vendor) -> bytes:
        if vendor is Vendor.AILAB:
            raise ValueError("too small for AILab")
        return data

    rig.s.vendors.acedata.fail(500, "api_error", count=-1)
    p = rig.providers(age_vendor=Vendor.ACEDATA)
    p._prepare = prepare
    error = await raises(p.change_age(PHOTO, 70, job_id="j"))
    assert (error.vendor, error.category) == ("acedata", ErrorCategory.TRANSIENT)
    assert not rig.s.vendors.ailab.requests


async def test_no_fallback_when_disabled(rig: Rig) -> None:
    rig.s.vendors.acedata.fail(500, "api_error", count=-1)
    p = rig.providers(age_vendor=Vendor.ACEDATA, fallback=False)
    assert (await raises(p.change_age(PHOTO, 70, job_id="j"))).category is ErrorCategory.TRANSIENT
    assert not rig.s.vendors.ailab.requests


async def test_both_down_raises_the_last_error(rig: Rig) -> None:
    v = rig.s.vendors
    v.acedata.fail(500, "api_error", count=-1)
    v.ailab.fail(503, "ERROR_INSUFFICIENT_RESOURCES", count=-1)
    error = await raises(rig.providers(age_vendor=Vendor.ACEDATA).change_age(PHOTO, 70, job_id="j"))
    assert (error.vendor, error.code) == ("ailab", "ERROR_INSUFFICIENT_RESOURCES")
    assert isinstance(error.__cause__, ProviderError) and error.__cause__.vendor == "acedata"


async def test_hosted_photos_removed_after_failures(rig: Rig) -> None:
    rig.s.vendors.acedata.fail(403, "forbidden", count=-1)
    p = rig.providers(ailab=False)
    await raises(p.change_age(PHOTO, 70, job_id="j1"))
    await raises(p.swap_faces(PHOTO, PHOTO, job_id="j2"))
    assert len(rig.s.host.published) == 3
    assert_all_removed(rig)
    async with httpx.AsyncClient() as http:  # and really gone
        assert (await http.get(rig.s.host.published[0].url)).status_code == 404


async def test_publish_failure_is_transient_and_falls_back(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(data: bytes, content_type: str, *, job_id: str) -> object:
        raise OSError("disk full")

    monkeypatch.setattr(rig.s.host, "publish", broken)
    p = rig.providers(age_vendor=Vendor.ACEDATA)
    assert (await p.change_age(PHOTO, 70, job_id="j")).data == edit_age(PHOTO, 70)
    error = await raises(rig.providers(ailab=False).change_age(PHOTO, 70, job_id="j"))
    assert (error.vendor, error.category) == ("hosting", ErrorCategory.TRANSIENT)


# -- (3) operator alerts -----------------------------------------------------------------------------------


async def test_401_is_one_call_and_one_alert(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    fake.fail(401, "invalid_token", count=-1)
    p = rig.providers(ailab=False)
    error = await raises(p.change_age(PHOTO, 70, job_id="j1"))
    assert error.category is ErrorCategory.OPERATOR
    assert len(fake.requests_to("/face/change-age")) == 1
    assert len(rig.alerts_sent) == 1
    assert "acedata" in rig.alerts_sent[0] and "invalid_token" in rig.alerts_sent[0]
    await raises(p.change_age(PHOTO, 70, job_id="j2"))
    assert len(fake.requests_to("/face/change-age")) == 2
    assert len(rig.alerts_sent) == 1  # still one: the quiet period holds


async def test_unconfigured_operation_is_an_operator_error(rig: Rig) -> None:
    p = rig.providers(ace=False, ailab=False, accuauth=False)
    assert (await raises(p.change_age(PHOTO, 70, job_id="j"))).category is ErrorCategory.OPERATOR
    assert (await raises(p.swap_faces(PHOTO, PHOTO, job_id="j"))).code == "not_configured"
    assert (await raises(p.detect_gender(PHOTO))).code == "not_configured"


# -- (6) face swap by callback -----------------------------------------------------------------------------


async def test_swap_by_callback(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    fake.swap_delay = 0.05
    p = rig.providers(callbacks=True)
    target = edit_age(PHOTO, 40)
    result = await p.swap_faces(PHOTO, target, job_id="j")
    assert result.data == swap_faces(PHOTO, target)
    request = json_of(fake.requests_to("/face/swap")[0])
    assert request["callback_url"].startswith(f"{rig.s.host.base_url}/callbacks/acedata/")
    assert fake.callback_statuses == [200] and rig.s.host.deliveries == ["accepted"]
    assert_all_removed(rig)

    # the vendor repeats its callback: recognised, ignored
    url, payload = fake.callbacks_sent[0]
    async with httpx.AsyncClient() as http:
        again = await http.post(url, json=payload)
        assert (again.status_code, again.json()) == (200, {"status": "duplicate"})
        forged = await http.post(f"{rig.s.host.base_url}/callbacks/acedata/{'A' * 43}", json=payload)
        assert forged.status_code == 404


async def test_swap_failure_callback_maps_through_the_ace_table(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    p = rig.providers(callbacks=True)
    fake.fail_callback("forbidden", "nsfw")
    error = await raises(p.swap_faces(PHOTO, PHOTO, job_id="j1"))
    assert (error.category, error.problem, error.code) == (
        ErrorCategory.UNUSABLE_PHOTO,
        PhotoProblem.REJECTED,
        "forbidden",
    )
    assert "nsfw" not in str(error)
    fake.fail_callback("used_up")
    assert (await raises(p.swap_faces(PHOTO, PHOTO, job_id="j2"))).category is ErrorCategory.OPERATOR
    assert len(rig.alerts_sent) == 1
    # a photo without a face: the vendor's job fails, the callback says bad_request
    error = await raises(p.swap_faces(solid_image(512, 512), PHOTO, job_id="j3"))
    assert (error.category, error.problem) == (ErrorCategory.UNUSABLE_PHOTO, PhotoProblem.NO_FACE)
    assert_all_removed(rig)


async def test_callback_for_another_task_is_refused_and_times_out(rig: Rig) -> None:
    """A callback whose task id is not the one the bot started is "unknown"; the job then times out."""
    fake = rig.s.vendors.acedata
    rig.swap_timeout = 0.3
    fake.swap_delay = 0.05  # the callback comes after start_swap's answer
    p = rig.providers(callbacks=True)
    registry = rig.s.host.callbacks
    assert registry is not None
    real_expect = registry.expect
    registry.expect = lambda token, task_id: real_expect(token, "someone-elses-task")  # type: ignore[method-assign]
    error = await raises(p.swap_faces(PHOTO, PHOTO, job_id="j"))
    assert (error.category, error.code) == (ErrorCategory.TIMEOUT, "callback_timeout")
    await fake.wait_callbacks(1)
    assert rig.s.host.deliveries == ["unknown"] and fake.callback_statuses == [404]
    assert len(registry) == 0  # nothing left pending
    assert_all_removed(rig)


async def test_without_public_url_the_swap_is_synchronous(rig: Rig) -> None:
    fake = rig.s.vendors.acedata
    p = rig.providers(callbacks=False)
    await p.swap_faces(PHOTO, PHOTO, job_id="j")
    assert "callback_url" not in json_of(fake.requests_to("/face/swap")[0])
    assert not fake.callbacks_sent
