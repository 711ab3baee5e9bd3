"""Photos with several faces, or none: the picker, Everyone, face swap with chosen faces, "Try anyway"."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from bot import faces
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors, solid_image
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import (
    allowance,
    audit,
    buttons,
    is_photo,
    photo_and_menu,
    press_age,
    wait_result,
    wait_text,
)
from tests.support.faceset import group_photo
from tests.support.images import FACE

GROUP_PHOTO = group_photo()  # 1280x800, two faces: 1 (larger) on the left, 2 on the right
_FOUND = faces.detect(GROUP_PHOTO.jpeg)
assert _FOUND is not None and len(_FOUND.faces) == 2
FOUND: faces.PhotoFaces = _FOUND
GROUP = -100777


def _near(rect: dict[str, int], face: faces.Face) -> bool:
    """``rect`` is ``face`` within a few pixels (the bot looks at Telegram's re-encoded copy, the test at the photo
    itself)."""
    return all(
        abs(rect[k] - v) <= 8 for k, v in (("x", face.x), ("y", face.y), ("width", face.width), ("height", face.height))
    )


def _is_picker(message: dict[str, Any]) -> bool:
    return is_photo(message) and "Which face" in message.get("caption", "")


async def _picker(tg: FakeTelegram, chat: Any) -> dict[str, Any]:
    return await tg.wait_for_bot_message(chat, predicate=_is_picker)


def _image(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


async def test_picker_face_2_reaches_ace_as_a_face_rect(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, age_vendor="acedata")
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        photo, menu = await photo_and_menu(tg, alice, GROUP_PHOTO.jpeg)
        await alice.press(menu, "👴 Older")
        await alice.press(await tg.wait_for_edit(menu), "65 years")
        picker = await _picker(tg, alice)
        assert picker["reply_to_message"]["message_id"] == photo["message_id"]
        assert buttons(picker) == ["1", "2", "Everyone (2 faces, costs 2)", "✖️ Cancel"]
        assert not vendors.acedata.requests_to("/face/change-age")  # nothing asked, nothing reserved yet
        left = await allowance(bot, alice.id)
        assert (left.daily_used, left.daily_reserved) == (0, 0)
        # The preview is small, with numbered boxes.
        preview = _image(tg.file_bytes(picker["photo"][-1]["file_id"]))
        assert max(preview.size) <= faces.PREVIEW_SIDE

        await alice.press(picker, "2")
        result = await wait_result(tg, alice)
        assert "Face 2." in result["caption"]
        (call,) = vendors.acedata.requests_to("/face/change-age")
        assert call.json is not None
        (info,) = call.json["age_infos"]
        assert info["age"] == 65 and _near(info["face_rect"], FOUND.faces[1])
        assert (await allowance(bot, alice.id)).daily_used == 1
        assert tg.message(alice, picker["message_id"]).get("reply_markup") in (None, {"inline_keyboard": []})
        assert await audit(bot) == []


async def test_picker_face_2_reaches_ailab_as_a_face_location(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice, GROUP_PHOTO.jpeg)
    await alice.press(menu, "👴 Older")
    await alice.press(await tg.wait_for_edit(menu), "65 years")
    picker = await _picker(tg, alice)
    assert buttons(picker) == ["1", "2", "✖️ Cancel"]  # AILab edits one face per call: no Everyone
    await alice.press(picker, "2")
    await wait_result(tg, alice)
    (request,) = vendors.ailab.requests
    location = json.loads(request.form["face_location"])
    assert set(location) == {"left", "top", "width", "height", "rotation"} and location["rotation"] == 0
    rect = {"x": location["left"], "y": location["top"], "width": location["width"], "height": location["height"]}
    assert _near(rect, FOUND.faces[1])
    assert await audit(bot) == []


async def test_everyone_is_one_ace_call_and_costs_per_face(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, gender_vendor="acedata")
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice, GROUP_PHOTO.jpeg)
        await alice.press(menu, "🔄 Swap gender")
        picker = await _picker(tg, alice)
        await alice.press(picker, "Everyone (2 faces, costs 2)")
        result = await wait_result(tg, alice)
        assert "All 2 faces." in result["caption"]
        (call,) = vendors.acedata.requests_to("/face/change-gender")
        assert call.json is not None
        infos = call.json["gender_infos"]
        assert len(infos) == 2
        assert all(_near(info["face_rect"], face) for info, face in zip(infos, FOUND.faces, strict=True))
        assert (await allowance(bot, alice.id)).daily_used == 2
        assert await audit(bot) == []


async def test_swap_with_chosen_faces(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    target, menu = await photo_and_menu(tg, alice, GROUP_PHOTO.jpeg)
    await alice.press(menu, "🎭 Swap faces")
    await tg.wait_for_edit(menu)  # the menu became the prompt for the face photo
    source = group_photo((300, 200, 140), (1200, 700))
    await alice.send_photo(alice, source.jpeg)
    receiver = await _picker(tg, alice)
    assert "receive" in receiver["caption"] and buttons(receiver) == ["1", "2", "✖️ Cancel"]
    await alice.press(receiver, "2")
    giver = await tg.wait_for_bot_message(alice, predicate=lambda m: _is_picker(m) and "used" in m["caption"])
    assert buttons(giver) == ["1", "2", "3", "✖️ Cancel"]
    await alice.press(giver, "3")
    result = await wait_result(tg, alice)
    assert result["reply_to_message"]["message_id"] == target["message_id"]
    # Two crops went to Ace, not the photos.
    sizes = [_image(data).size for data in vendors.acedata.fetched_images]
    assert len(sizes) == 2 and all(w < 700 and h < 700 for w, h in sizes), sizes
    # The result: the first photo's size, face 2 changed, the rest as it was (beyond the blend's crop).
    out = _image(tg.file_bytes(result["photo"][-1]["file_id"]))
    before = _image(GROUP_PHOTO.jpeg)
    assert out.size == before.size == (1280, 800)
    diff = ImageChops.difference(out, before)
    face = FOUND.faces[1]
    crop = faces.crop_box(before.size, face)
    assert max(ImageStat.Stat(diff.crop((0, 0, crop[0], 800))).mean) < 4  # left of the crop: JPEG noise only
    assert max(ImageStat.Stat(diff.crop(face.corners)).mean) > 10
    assert (await allowance(bot, alice.id)).daily_used == 1
    assert await audit(bot) == []


async def test_no_face_costs_nothing_until_try_anyway(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    flat = solid_image(800, 600, color=(90, 140, 200))
    photo, menu = await photo_and_menu(tg, alice, flat)
    await alice.press(menu, "🔍 Detect gender")
    notice = await wait_text(tg, alice, "no face")
    assert notice["reply_to_message"]["message_id"] == photo["message_id"]
    assert buttons(notice) == ["Try anyway", "✖️ Cancel"]
    assert not vendors.accuauth.requests
    left = await allowance(bot, alice.id)
    assert (left.daily_used, left.daily_reserved) == (0, 0)
    await alice.press(notice, "Try anyway")
    failure = await wait_text(tg, alice, "did not cost anything")  # the vendor finds no face either
    assert "face" in failure["text"]
    assert len(vendors.accuauth.requests) == 1
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert await audit(bot) == []


async def test_try_anyway_that_works_is_charged_once(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    noise = Image.effect_noise((600, 600), 60).convert("RGB")  # no face for the detector; a "face" for the fakes
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG")
    _, menu = await photo_and_menu(tg, alice, buffer.getvalue())
    await alice.press(menu, "👴 Older")
    await alice.press(await tg.wait_for_edit(menu), "65 years")
    notice = await wait_text(tg, alice, "no face")
    await alice.press(notice, "Try anyway")
    await alice.press(notice, "Try anyway")  # a double press (before the buttons go): the same job
    await wait_result(tg, alice)
    assert len(vendors.ailab.requests) == 1
    assert (await allowance(bot, alice.id)).daily_used == 1
    assert await audit(bot) == []


async def test_only_the_requester_picks_and_the_picker_survives_a_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(GROUP, "Friends")
    async with running_bot(tg, settings):
        photo = await bob.send_photo(group, GROUP_PHOTO.jpeg)
        await alice.send_text(group, "/older", reply_to=photo)
        picker = await _picker(tg, group)
        assert picker["reply_to_message"]["message_id"] == photo["message_id"]
    async with running_bot(tg, settings) as bot:
        query = await bob.press(picker, "1")
        answer = await tg.wait_for_callback_answer(query)
        assert answer.show_alert
        assert not vendors.ailab.requests
        await alice.press(picker, "1")
        result = await wait_result(tg, group)
        assert "Face 1." in result["caption"]
        location = json.loads(vendors.ailab.requests[-1].form["face_location"])
        rect = {"x": location["left"], "y": location["top"], "width": location["width"], "height": location["height"]}
        assert _near(rect, FOUND.faces[0])
        assert (await allowance(bot, bob.id)).daily_used == 0
        assert await audit(bot) == []


async def test_cancel_closes_the_question(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice, GROUP_PHOTO.jpeg)
    await alice.press(menu, "🔍 Detect gender")
    picker = await _picker(tg, alice)
    query = await alice.press(picker, "✖️ Cancel")
    assert (await tg.wait_for_callback_answer(query)).text == "Cancelled."
    await tg.assert_no_bot_message(alice, within=0.3)
    assert not vendors.accuauth.requests


async def test_a_photo_is_downloaded_once_for_its_faces_and_its_job(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    photo, menu = await photo_and_menu(tg, alice)  # one face: no question
    (looked,) = tg.calls_to("getFile")  # the faces were looked for on arrival, on the copy the vendor will get
    assert looked.params["file_id"] == photo["photo"][-1]["file_id"]  # 512 px: what AILab takes as it is
    await alice.press(menu, "👴 Older")
    await alice.press(await tg.wait_for_edit(menu), "65 years")
    await wait_result(tg, alice)
    assert len(tg.calls_to("getFile")) == 1  # the job sent the bytes fetched then
    (call,) = vendors.ailab.requests
    assert call.files["image"][2] == tg.file_bytes(photo["photo"][-1]["file_id"])

    await alice.send_photo(alice, GROUP_PHOTO.jpeg, caption="/older")  # a caption: faces, then the job
    await _picker(tg, alice)
    assert len(tg.calls_to("getFile")) == 3  # the vendor's copy, then the preview's (~320 px)


async def test_photos_waiting_for_the_detector_do_not_hold_up_a_job(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detector has a thread of its own: photos queued for it (more than the default thread pool has workers)
    do not keep a job from its quick image work (its photo checked for the vendor, its result fitted)."""
    release, entered = threading.Event(), [0]
    detect = faces.detect

    def held(data: bytes, size: tuple[int, int] | None = None) -> faces.PhotoFaces | None:
        entered[0] += 1
        release.wait(timeout=60)
        return detect(data, size)

    async with running_bot(tg, make_settings(tg, tmp_path, vendors)):
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)  # her faces are found before the detector is held
        monkeypatch.setattr(faces, "detect", held)
        others = min(32, (os.cpu_count() or 1) + 4) + 1  # more than asyncio's default pool has workers
        try:
            for person in [tg.user(2001 + n, f"Person {n}") for n in range(others)]:
                await person.send_photo(person, FACE)
            await tg.wait_until(
                lambda: entered[0] >= 1 and len(tg.calls_to("getFile")) > others, what="the photos at the detector"
            )
            await press_age(tg, alice, menu)
            assert "65 years old" in (await wait_result(tg, alice))["caption"]
        finally:
            release.set()
