"""The job side of the conversation: progress in one status message, one job per person, vendor limits that
never block the chat, every failure's own message (and no charge), people who block the bot, the Ace path.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import (
    allowance,
    audit,
    buttons,
    is_photo,
    menu_back,
    photo_and_menu,
    press_age,
    text_of,
    wait_result,
    wait_text,
)
from tests.support.images import FACE, jpeg


def status_texts(tg: FakeTelegram, chat_id: int, message_id: int) -> list[str]:
    """What one status message said, in order: as sent, then each edit."""
    said = []
    for call in tg.calls_to("sendMessage", "editMessageText"):
        if call.params.get("chat_id") != chat_id or not call.ok:
            continue
        sent = call.method == "sendMessage" and call.result and call.result.get("message_id") == message_id
        edited = call.method == "editMessageText" and call.params.get("message_id") == message_id
        if sent or edited:
            said.append(str(call.params["text"]))
    return said


# ---- progress ----------------------------------------------------------------------------------------


async def test_progress_is_shown_in_the_menu_then_the_result(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice = tg.user(1001, "Alice")
    vendors.ailab.latency = 0.3
    photo, menu = await photo_and_menu(tg, alice)
    query = await press_age(tg, alice, menu)
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    result = await wait_result(tg, alice)
    await tg.wait_until(lambda: buttons(tg.message(alice, menu["message_id"])) == buttons(menu), what="the menu back")
    said = status_texts(tg, alice.id, menu["message_id"])
    assert said == [
        "What should I do with this face?",
        "How old should the face look?",
        "⏳ Making the face older (65): preparing the photo…",
        "⏳ Making the face older (65): the face editor is working on it…",
        "What should I do with this face?",  # the menu again, with its buttons, once the result is there
    ]
    assert tg.calls_to("sendChatAction", "deleteMessage") == []
    assert [c.method for c in tg.calls_to("sendMessage", "sendPhoto")] == ["sendMessage", "sendPhoto"]
    assert result["reply_to_message"]["message_id"] == photo["message_id"]
    # The answer to the press came before the first stage: nobody waits on the vendor for it.
    calls = [c.method for c in tg.calls if c.method in ("answerCallbackQuery", "editMessageText", "sendPhoto")]
    assert calls.index("answerCallbackQuery") < calls.index("sendPhoto")


async def test_jobs_wait_for_a_vendor_slot_and_cancel_frees_them(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """One slot: the others wait (and are told so); /cancel stops a waiting job for free, not a running one."""
    settings = make_settings(tg, tmp_path, vendors, vendor_concurrency=1)
    async with running_bot(tg, settings) as bot:
        alice, bob, carol = tg.user(1001, "Alice"), tg.user(1002, "Bob"), tg.user(1003, "Carol")
        vendors.ailab.latency = 2.0  # every gesture below comes while alice's call runs
        menus = {person.id: (await photo_and_menu(tg, person))[1] for person in (alice, bob, carol)}
        await press_age(tg, alice, menus[alice.id])
        await vendors.ailab.wait_requests(1)
        await alice.send_text(alice, "/cancel")  # Alice's photo is already with the vendor: it runs on
        assert "cannot be stopped" in (await wait_text(tg, alice, "cannot be stopped"))["text"]
        await press_age(tg, bob, menus[bob.id])
        await wait_text(tg, bob, "1st in line")
        await press_age(tg, carol, menus[carol.id])
        carol_status = await wait_text(tg, carol, "2nd in line")

        await bob.send_text(bob, "/cancel")
        assert (await wait_text(tg, bob, "Cancelled"))["text"] == "Cancelled."
        told = await wait_text(tg, bob, "did not cost anything")
        assert told["text"].startswith("Cancelled.")
        await menu_back(tg, bob, menus[bob.id])  # the menu that said "waiting" is the menu again
        vendors.ailab.latency = 0  # carol's call, when its turn comes, is quick
        working = await tg.wait_for_edit(carol_status, predicate=lambda m: "working on it" in m["text"], timeout=5)
        assert working["message_id"] == carol_status["message_id"]  # the same status message, edited
        assert "65 years old" in (await wait_result(tg, alice))["caption"]
        assert "65 years old" in (await wait_result(tg, carol))["caption"]
        await tg.assert_no_bot_message(bob, within=0.2)
        alice_call, carol_call = vendors.ailab.requests
        assert carol_call.time >= alice_call.time + 2.0 * 0.9  # carol's call began after alice's ended
        assert [(await allowance(bot, p.id)).daily_used for p in (alice, bob, carol)] == [1, 0, 1]
        assert await audit(bot) == []
        # Bob is free to start again.
        query = await press_age(tg, bob, await menu_back(tg, bob, menus[bob.id]), "50 years")
        assert not (await tg.wait_for_callback_answer(query)).show_alert
        assert "50 years old" in (await wait_result(tg, bob))["caption"]


async def test_one_job_per_person(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    vendors.ailab.latency = 1.5  # the next gestures come while the first call runs
    _, menu = await photo_and_menu(tg, alice)
    await press_age(tg, alice, menu)
    await vendors.ailab.wait_requests(1)
    _, second = await photo_and_menu(tg, alice)
    query = await alice.press(second, "🔍 Detect gender")
    busy = await tg.wait_for_callback_answer(query)
    assert busy.show_alert and "still working on your last" in (busy.text or "")
    group = tg.group(-100777, "Friends")
    photo = await alice.send_photo(group, FACE)
    await alice.send_text(group, "/detect", reply_to=photo)
    assert "still working on your last" in (await tg.wait_for_bot_message(group))["text"]
    await wait_result(tg, alice)
    assert vendors.accuauth.requests == []
    # Once it is done, the next one starts.
    query = await alice.press(second, "🔍 Detect gender")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    await wait_result(tg, alice)
    assert (await allowance(bot, alice.id)).daily_used == 2


async def test_help_answers_while_fifty_swaps_wait(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    """Fifty face swaps wait on a slow vendor limited to 2 at once; /help is answered meanwhile."""
    settings = make_settings(tg, tmp_path, vendors, vendor_concurrency=2, shutdown_grace=0)
    vendors.acedata.swap_delay = 60  # far longer than the test: the two running swaps never finish in it
    async with running_bot(tg, settings):
        people = [tg.user(2000 + i, f"P{i}") for i in range(50)]
        for person in people:
            await person.send_album(person, [jpeg((320, 400)), FACE], caption="/swap")
        await tg.wait_until(
            lambda: len(vendors.acedata.requests_to("/face/swap")) == 2, timeout=15, what="two swaps sent to Ace"
        )
        await tg.wait_until(
            lambda: sum(any(" in line" in text_of(m) for m in tg.bot_messages(p)) for p in people) == 48,
            timeout=15,
            what="48 swaps waiting for a slot",
        )
        carol = tg.user(1003, "Carol")
        await carol.send_text(carol, "/help")
        assert "How to use FaceShift" in (await tg.wait_for_bot_message(carol, timeout=10))["text"]
        # Order of events: the help came while every swap was still waiting or running.
        assert len(vendors.acedata.requests_to("/face/swap")) == 2
        assert vendors.acedata.callbacks_sent == []
        assert not any(is_photo(m) for p in people for m in tg.bot_messages(p))


# ---- failures: each its own words, none charged ------------------------------------------------------

FAILURES = [
    # (vendor status, vendor code, words the person reads)
    (422, "ERROR_NO_FACE_IN_FILE", "couldn't find a face"),
    (422, "ERROR_SMALL_FACE_SIZE", "face is too small"),
    (422, "ERROR_BLURRY_FACE", "hard to see"),
    (422, "ERROR_CONTENT_NON_COMPLIANCE", "content rules"),
    (415, "UNSUPPORTED_FILE_TYPES", "couldn't read that image"),
    (401, "ERROR_USER_NOT_EXISTS", "temporarily unavailable"),
    (429, "EXCEEDING_LIMITS", "busy right now"),
    (502, "AI_SERVICE_TIMEOUT", "hiccup"),  # AILab's own timeout is transient by its contract (retried)
    (504, "GATEWAY_TIMEOUT", "took too long"),
]


@pytest.fixture
async def strict_bot(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """One attempt per vendor call and no fallback: each injected error is the person's outcome."""
    settings = make_settings(tg, tmp_path, vendors, vendor_max_attempts=1, vendor_fallback=False)
    async with running_bot(tg, settings) as running:
        yield running


async def test_every_vendor_failure_has_its_own_message(
    tg: FakeTelegram, vendors: FakeVendors, strict_bot: RunningBot
) -> None:
    admin = tg.user(900, "Admin")
    tg.private_chat(admin)
    seen: set[str] = set()
    for index, (status, code, words) in enumerate(FAILURES):
        person = tg.user(3000 + index, f"P{index}")
        vendors.ailab.fail(status, code)
        _, menu = await photo_and_menu(tg, person)
        await press_age(tg, person, menu)
        failure = await wait_text(tg, person, "did not cost anything")
        text = failure["text"]
        assert words in text, (code, text)
        seen.add(text.splitlines()[0])
        assert (await allowance(strict_bot, person.id)).daily_used == 0
    assert len(seen) == len(FAILURES)  # no two categories share their words
    alert = await tg.wait_for_bot_message(admin)
    assert "ailab" in alert["text"] and "ERROR_USER_NOT_EXISTS" in alert["text"]
    # In a group the failure replies to the photo there.
    group = tg.group(-100777, "Friends")
    vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE")
    photo = await admin.send_photo(group, FACE, caption="/older")
    failure = await wait_text(tg, group, "find a face")
    assert failure["reply_to_message"]["message_id"] == photo["message_id"]
    assert "did not cost anything" in failure["text"]
    assert await audit(strict_bot) == []


async def test_our_own_failures_have_their_own_message(
    tg: FakeTelegram, vendors: FakeVendors, strict_bot: RunningBot
) -> None:
    # Too small for the vendor: refused before any call.
    small = tg.user(1001, "Small")
    _, menu = await photo_and_menu(tg, small, jpeg((200, 200)))
    await press_age(tg, small, menu)
    text = (await wait_text(tg, small, "did not cost anything"))["text"]
    assert "too small" in text and "257 pixels" in text
    # Telegram would not hand over the file: not for its faces (when it arrived, and again at the press), nor for
    # the job.
    gone = tg.user(1002, "Gone")
    tg.fail_next("getFile", 400, "Bad Request: file is too big", count=3)
    _, menu = await photo_and_menu(tg, gone)
    await gone.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    await gone.press(ages, "50 years")
    assert "couldn't download that photo" in (await wait_text(tg, gone, "did not cost anything"))["text"]
    # AccuAuth finds no face.
    faceless = tg.user(1003, "Faceless")
    vendors.accuauth.fail(400, "DETECTION_FAILED")
    _, menu = await photo_and_menu(tg, faceless)
    await faceless.press(menu, "🔍 Detect gender")
    assert "find a face" in (await wait_text(tg, faceless, "did not cost anything"))["text"]
    assert vendors.ailab.requests == []
    for person in (small, gone, faceless):
        assert (await allowance(strict_bot, person.id)).daily_used == 0
    assert await audit(strict_bot) == []


async def test_a_job_stopped_by_shutdown_is_released_and_said(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, shutdown_grace=0)
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings) as bot:
        vendors.ailab.latency = 30
        _, menu = await photo_and_menu(tg, alice)
        await press_age(tg, alice, menu)
        await vendors.ailab.wait_requests(1)
    interrupted = await wait_text(tg, alice, "interrupted")
    assert "did not cost anything" in interrupted["text"]
    assert (await allowance(bot, alice.id)).daily_used == 0
    assert await audit(bot) == []
    # After the restart the person can simply press again.
    vendors.ailab.latency = 0
    async with running_bot(tg, settings):
        await press_age(tg, alice, await menu_back(tg, alice, menu))  # the menu that showed the job, again
        assert "65 years old" in (await wait_result(tg, alice))["caption"]


async def test_out_of_quota(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, free_daily_quota=1)
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        _, menu = await photo_and_menu(tg, alice)
        await alice.press(menu, "🔍 Detect gender")
        assert "Left today: 0" in (await wait_result(tg, alice))["caption"]
        query = await alice.press(await menu_back(tg, alice, menu), "🔄 Swap gender")
        answer = await tg.wait_for_callback_answer(query)
        assert answer.show_alert and "used all 1 free edits" in (answer.text or "")
        group = tg.group(-100777, "Friends")
        await alice.send_photo(group, FACE, caption="/older")
        assert "used all 1 free edits" in (await tg.wait_for_bot_message(group))["text"]
        assert len(vendors.accuauth.requests) == 1 and vendors.ailab.requests == []
        assert (await allowance(bot, alice.id)).daily_used == 1


# ---- people who block the bot ------------------------------------------------------------------------


async def test_a_person_who_blocked_the_bot(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    vendors.ailab.latency = 0.5
    _, menu = await photo_and_menu(tg, alice)
    await press_age(tg, alice, menu)
    await vendors.ailab.wait_requests(1)
    tg.block(alice)  # while the vendor works
    refused = await tg.wait_for_call("sendPhoto", predicate=lambda c: c.params["chat_id"] == alice.id, timeout=10)
    assert refused.status == 403
    # No retry storm, no crash: the job is closed and the bot serves others.
    vendors.ailab.latency = 0
    _, bob_menu = await photo_and_menu(tg, bob)
    await press_age(tg, bob, bob_menu)
    assert "65 years old" in (await wait_result(tg, bob))["caption"]
    assert len(tg.calls_to("sendPhoto")) == 2
    assert await audit(bot) == []
    # Unblocked, Alice gets a fresh start (not "still working on your last one").
    tg.unblock(alice)
    _, again = await photo_and_menu(tg, alice)
    query = await alice.press(again, "🔍 Detect gender")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    await wait_result(tg, alice)

    # Dave blocks the bot while his job waits to start: the status cannot be shown in his menu, so the paid
    # call is never made and nothing is charged.
    dave = tg.user(1004, "Dave")
    _, menu = await photo_and_menu(tg, dave)
    await dave.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    tg.block(dave)
    query = await dave.press(ages, "65 years")
    await tg.wait_for_callback_answer(query)
    await tg.wait_for_call("editMessageText", predicate=lambda c: c.params["chat_id"] == dave.id and c.status == 403)
    await tg.assert_no_bot_message(dave, within=0.3)
    assert len(vendors.ailab.requests) == 2  # alice's and bob's only
    assert (await allowance(bot, dave.id)).daily_used == 0


# ---- the Ace path: photos by URL from the bot's own server ---------------------------------------------


async def test_older_via_ace_with_builtin_hosting(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, age_vendor="acedata")
    async with running_bot(tg, settings) as bot:
        alice = tg.user(1001, "Alice")
        photo, menu = await photo_and_menu(tg, alice)
        await press_age(tg, alice, menu, "80 years")
        result = await wait_result(tg, alice)
        assert result["reply_to_message"]["message_id"] == photo["message_id"]
        assert "80 years old" in result["caption"]
        [call] = vendors.acedata.requests_to("/face/change-age")
        assert call.json is not None and call.json["age_infos"][0]["age"] == 80
        url = call.json["image_url"]
        assert url.startswith(f"{bot.web_url}/media/") and vendors.acedata.fetched == [url]
        assert vendors.ailab.requests == []
        async with httpx.AsyncClient() as http:
            assert (await http.get(url)).status_code == 404
        assert buttons(result)
