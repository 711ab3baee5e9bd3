"""A chosen face reaches each vendor in its own terms (FaceProviders against the fake vendors): Ace ``face_rect``
items (up to 3 in one call), AILab ``face_location``, AccuAuth a crop; face swap with crops blended back."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageChops, ImageStat

from bot import faces
from bot.faces import Face, PhotoFaces
from bot.providers.photo_host import HostedPhoto
from bot.providers.types import FaceBox, Gender
from bot.settings import Vendor
from tests.support.faceset import group_photo
from tests.support.providers import Rig, json_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

GROUP = group_photo()


def _found() -> PhotoFaces:
    found = faces.detect(GROUP.jpeg)
    assert found is not None and len(found.faces) == 2
    return found


def _only(found: PhotoFaces, *indices: int) -> PhotoFaces:
    return PhotoFaces(found.width, found.height, tuple(found.faces[i] for i in indices))


def _rect(face: Face) -> dict[str, int]:
    return {"x": face.x, "y": face.y, "width": face.width, "height": face.height}


async def test_ace_gets_a_face_rect_on_the_chosen_face(rig: Rig) -> None:
    found = _found()
    p = rig.providers(age_vendor=Vendor.ACEDATA)
    await p.change_age(GROUP.jpeg, 70, job_id="j", chosen=_only(found, 1))
    sent = json_of(rig.s.vendors.acedata.requests_to("/face/change-age")[-1])
    assert sent["age_infos"] == [{"age": 70, "face_rect": _rect(found.faces[1])}]  # 1280 px: sent as it is


async def test_everyone_is_one_ace_call_with_a_face_rect_per_face(rig: Rig) -> None:
    found = _found()
    p = rig.providers(gender_vendor=Vendor.ACEDATA)
    await p.change_gender(GROUP.jpeg, Gender.MALE, job_id="j", chosen=found)
    (request,) = rig.s.vendors.acedata.requests_to("/face/change-gender")
    infos = json_of(request)["gender_infos"]
    assert infos == [{"gender": 1, "face_rect": _rect(f)} for f in found.faces]


async def test_ailab_gets_the_face_location_in_the_pixels_it_receives(rig: Rig) -> None:
    found = _found()
    # A 2560 px original whose boxes were found on a smaller copy: AILab receives the 1280 px photo.
    big = PhotoFaces(2560, 1600, tuple(f.scaled(2, 2, (2560, 1600)) for f in found.faces))
    p = rig.providers(age_vendor=Vendor.AILAB)
    await p.change_age(GROUP.jpeg, 30, job_id="j", chosen=_only(big, 1))
    request = rig.s.vendors.ailab.requests[-1]
    location = json.loads(request.form["face_location"])
    face = found.faces[1]
    assert location == {"left": face.x, "top": face.y, "width": face.width, "height": face.height, "rotation": 0}


async def test_several_faces_never_fall_back_to_ailab(rig: Rig) -> None:
    found = _found()
    p = rig.providers(ace=False, age_vendor=Vendor.AILAB)
    with pytest.raises(Exception) as info:
        await p.change_age(GROUP.jpeg, 30, job_id="j", chosen=found)
    assert "not_configured" in str(info.value)
    assert not rig.s.vendors.ailab.requests


async def test_accuauth_gets_a_crop_and_the_box_lands_on_the_chosen_face(rig: Rig) -> None:
    found = _found()
    p = rig.providers()
    verdict = await p.detect_gender(GROUP.jpeg, chosen=_only(found, 1))
    sent = rig.s.vendors.accuauth.requests[-1].files["file"][2]
    with Image.open(io.BytesIO(sent)) as crop:
        assert crop.size < (GROUP.size[0], GROUP.size[1]) and min(crop.size) >= 128
    box = verdict.face_box
    assert box is not None
    face = found.faces[1]
    centre = (box.x + box.width / 2, box.y + box.height / 2)
    assert face.x <= centre[0] <= face.x + face.width and face.y <= centre[1] <= face.y + face.height
    assert box != FaceBox(0, 0, 0, 0)


async def test_swap_with_chosen_faces_sends_two_crops_and_blends_back(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _found()
    p = rig.providers()
    sent: list[bytes] = []
    publish = rig.s.host.publish

    async def recording(data: bytes, content_type: str, *, job_id: str) -> HostedPhoto:
        sent.append(data)
        return await publish(data, content_type, job_id=job_id)

    monkeypatch.setattr(rig.s.host, "publish", recording)
    source = group_photo((260, 200, 150), (1200, 700))
    source_found = faces.detect(source.jpeg)
    assert source_found is not None and len(source_found.faces) == 3
    result = await p.swap_faces(
        source.jpeg, GROUP.jpeg, job_id="j", source_face=_only(source_found, 2), target_face=_only(found, 1)
    )
    sizes = [Image.open(io.BytesIO(d)).size for d in sent]
    assert all(s[0] < 700 for s in sizes), sizes  # two crops, not the photos
    assert (result.width, result.height) == GROUP.size
    with Image.open(io.BytesIO(result.data)) as out, Image.open(io.BytesIO(GROUP.jpeg)) as before:
        diff = ImageChops.difference(out.convert("RGB"), before.convert("RGB"))
    face = found.faces[1]
    crop = faces.crop_box(GROUP.size, face)
    left = diff.crop((0, 0, crop[0], GROUP.size[1]))  # outside the crop: only the JPEG round trip
    assert max(ImageStat.Stat(left).mean) < 3
    inside = diff.crop(face.corners)
    assert max(ImageStat.Stat(inside).mean) > 10  # the chosen face changed
