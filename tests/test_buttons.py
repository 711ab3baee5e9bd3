"""Buttons are bound to their message and answered first: forged or malformed data changes nothing and gets the
"menu too old" answer (never a traceback); a failing answer or edit never loses the press nor adds a second
final answer."""

from __future__ import annotations

import logging
import time

import pytest
from telegram.error import NetworkError

from handlers.answers import RETRY_FOR, PressAnswer
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot
from tests.support.conversation import ALL_BUTTONS, allowance, buttons, callback_data, photo_and_menu, wait_result
from tests.support.images import FACE

GROUP = -100777
TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or "unhandled" in r.getMessage()]


async def test_forged_data_on_someone_elses_menu_changes_nothing(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice, eve = tg.user(1001, "Alice"), tg.user(1002, "Eve")
    group = tg.group(GROUP, "Friends")
    await alice.send_photo(group, FACE, caption="/face")
    alices = await tg.wait_for_bot_message(group)
    await eve.send_photo(group, FACE, caption="/face")
    eves = await tg.wait_for_bot_message(group)
    own = callback_data(eves)[0].split(":")[1]  # Eve's request id: she may press her own buttons...
    for data in (f"o:{own}", f"a:{own}:65", f"d:{own}"):  # ...but only on her own menu
        query = await eve.press_forged(alices, data)
        answer = await tg.wait_for_callback_answer(query)
        assert answer.show_alert and "too old" in (answer.text or ""), data
    assert tg.message(group, alices["message_id"])["reply_markup"] == alices["reply_markup"]
    assert tg.calls_to("editMessageText", "editMessageReplyMarkup") == []
    assert vendors.ailab.requests == [] and vendors.accuauth.requests == []
    assert (await allowance(bot, eve.id)).daily_used == 0
    # On her own menu the same data works.
    query = await eve.press_forged(eves, f"o:{own}")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    await tg.wait_for_edit(eves)
    assert no_tracebacks(caplog) == []


async def test_malformed_data_gets_menu_too_old_and_no_traceback(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    request_id = callback_data(menu)[0].split(":")[1]
    forged = [f"a:{request_id}:abc", f"a:{request_id}:7", f"z:{request_id}", "o:ab", f"o:{request_id}:x", "", "::"]
    for data in forged:
        query = await alice.press_forged(menu, data or "-")
        answer = await tg.wait_for_callback_answer(query)
        assert answer.show_alert and "too old" in (answer.text or ""), data
    assert no_tracebacks(caplog) == []
    assert vendors.ailab.requests == []
    assert buttons(tg.message(alice, menu["message_id"])) == ALL_BUTTONS


async def test_an_answer_that_fails_after_the_job_opened_is_not_a_second_final_answer(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    tg.fail_next("answerCallbackQuery", 400, TOO_OLD)  # Telegram refuses the answer (too late, say)
    await alice.press(ages, "65 years")
    result = await wait_result(tg, alice)
    assert "65 years old" in result["caption"]
    await tg.assert_no_bot_message(alice, within=0.3)
    texts = [m.get("text", "") for m in tg.bot_messages(alice)]
    assert not any("went wrong" in text for text in texts)
    assert not any("went wrong" in (a.text or "") for a in tg.callback_answers)
    assert (await allowance(bot, alice.id)).daily_used == 1
    assert no_tracebacks(caplog) == []


async def test_an_answer_that_fails_with_5xx_is_tried_again(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A 500, then a 502: Telegram still takes the answer later, so the press gets it (a navigation press has no
    other answer)."""
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    tg.fail_next("answerCallbackQuery", 500)
    tg.fail_next("answerCallbackQuery", 502)
    query = await alice.press(menu, "👴 Older")
    answer = await tg.wait_for_callback_answer(query)
    assert not answer.show_alert and answer.text is None
    assert [c.status for c in tg.calls_to("answerCallbackQuery")] == [500, 502, 200]
    assert "65 years" in buttons(await tg.wait_for_edit(menu))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_refused_answer_is_not_tried_again(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    tg.fail_next("answerCallbackQuery", 400, TOO_OLD)
    await alice.press(menu, "👴 Older")
    await tg.wait_for_edit(menu)  # the press still turns the menu
    await tg.assert_no_bot_message(alice, within=0.5)
    assert [c.status for c in tg.calls_to("answerCallbackQuery")] == [400]


async def test_a_failing_age_menu_edit_sends_the_menu_anew(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    tg.fail_next("editMessageText", 502, count=3, chat_id=alice.id)  # every attempt at the edit
    query = await alice.press(menu, "👴 Older")
    assert not (await tg.wait_for_callback_answer(query)).show_alert  # answered first
    ages = await tg.wait_for_bot_message(alice, predicate=lambda m: "65 years" in buttons(m))
    assert [c.status for c in tg.calls_to("editMessageText")] == [502, 502, 502]
    await alice.press(ages, "65 years")  # the new menu is the request's menu now
    assert "65 years old" in (await wait_result(tg, alice))["caption"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_one_502_on_the_edit_is_retried(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice = tg.user(1001, "Alice")
    _, menu = await photo_and_menu(tg, alice)
    tg.fail_next("editMessageText", 502, chat_id=alice.id)
    await alice.press(menu, "👶 Younger")
    edited = await tg.wait_for_edit(menu)
    assert "18 years" in buttons(edited)
    assert [c.status for c in tg.calls_to("editMessageText")] == [502, 200]


async def test_a_press_is_answered_while_slow_work_still_runs(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """Telegram is slow to say who may press an anonymous admin's menu: the press is answered anyway, in time,
    and what the bot then has to say (out of quota) comes as a message in the chat."""
    alice, bob, admin = tg.user(1001, "Alice"), tg.user(1002, "Bob"), tg.user(900, "Ada")
    group = tg.group(GROUP, "Friends")
    tg.make_admin(group, alice, bob)
    await admin.send_text(admin, f"/setlimit {GROUP} 0")
    await tg.wait_for_bot_message(admin)
    await alice.send_photo(group, FACE, caption="/face", as_chat=group)
    menu = await tg.wait_for_bot_message(group)
    asking = tg.hold("getChatMember", chat_id=GROUP)
    query = await bob.press(menu, "🔍 Detect gender")
    answer = await tg.wait_for_callback_answer(query, timeout=3)  # while the bot still waits for Telegram
    assert asking.arrived == 1 and asking.active and not answer.show_alert
    asking.release()
    told = await tg.wait_for_bot_message(group)
    assert "used all 0 free edits" in told["text"]
    assert vendors.accuauth.requests == []


class FailingQuery:
    """Stands in for a CallbackQuery whose answer Telegram keeps failing with a 502."""

    id = "q1"

    def __init__(self) -> None:
        self.attempts = 0

    async def answer(self, text: str | None = None, *, show_alert: bool = False, read_timeout: float = 5.0) -> bool:
        self.attempts += 1
        raise NetworkError("Bad Gateway")


async def test_a_press_handled_again_long_after_it_came_is_not_retried_past_its_life() -> None:
    """The update came 20 s ago (handled again after a crash): Telegram would refuse any answer by now, so one
    failed attempt is the last (a fresh press is tried again: see the 5xx test above)."""
    old = FailingQuery()
    async with PressAnswer(old, received=time.time() - 2 * RETRY_FOR) as press:  # type: ignore[arg-type]
        assert not await press.answer()
    assert old.attempts == 1
