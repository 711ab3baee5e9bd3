"""Flood control per chat: a 429 in one chat delays that chat only; the whole bot waits only when the global limit
is evidently the one hit. Start-up recovery runs alongside the updates, never in front of them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from telegram.error import RetryAfter

from handlers.chat.limits import GLOBAL_CHATS, FloodControl
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot_process
from tests.support.images import DATA

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter's __init__

FACE = (DATA / "astronaut.jpg").read_bytes()
GROUP = -100777


def statuses(tg: FakeTelegram, chat_id: int) -> list[int]:
    return [c.status for c in tg.calls_to("sendMessage") if c.params.get("chat_id") == chat_id]


async def test_a_429_in_a_group_does_not_delay_a_private_chat(tg: FakeTelegram, bot: RunningBot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(GROUP, "Busy group")
    tg.fail_next("sendMessage", 429, retry_after=6, chat_id=GROUP)
    await bob.send_text(group, "/help")
    await tg.wait_for_call("sendMessage", predicate=lambda c: c.status == 429)  # the group waits 6 s from here
    await alice.send_text(alice, "/help")
    reply = await tg.wait_for_bot_message(alice)
    assert "How to use" in reply["text"]
    assert tg.bot_messages(group) == []  # still waiting: Alice's answer did not wait for it
    answer = await tg.wait_for_bot_message(group, timeout=15)
    assert "in a group" in answer["text"]
    assert statuses(tg, GROUP) == [429, 200] and statuses(tg, alice.id) == [200]
    order = [c.params["chat_id"] for c in tg.calls_to("sendMessage") if c.ok]
    assert order == [alice.id, GROUP]


async def test_restart_recovery_runs_alongside_new_updates(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """After a crash, start-up recovery tells Alice her job was interrupted. Telegram holds that call; meanwhile
    the bot already polls, and Bob's /help is answered first."""
    settings = make_settings(tg, tmp_path, vendors)
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    vendors.ailab.latency = 120
    async with running_bot_process(tg, settings) as process:
        await alice.send_photo(alice, FACE, caption="/older")
        await vendors.ailab.wait_requests(1, timeout=15)
        await process.kill()
    vendors.ailab.latency = 0
    seen = len(tg.bot_messages(alice))
    telling = tg.hold("*", chat_id=alice.id)  # whatever recovery sends Alice first
    async with running_bot_process(tg, settings):  # ready = polling, while recovery is still held
        await tg.wait_until(lambda: telling.arrived >= 1, timeout=10, what="recovery to tell Alice")
        await bob.send_text(bob, "/help")
        reply = await tg.wait_for_bot_message(bob, timeout=5)
        assert "How to use" in reply["text"]
        assert len(tg.bot_messages(alice)) == seen  # recovery is still waiting for Telegram
        telling.release()
        told = await tg.wait_for_bot_message(alice, predicate=lambda m: "interrupted" in m.get("text", ""), timeout=10)
        assert "did not cost anything" in told["text"]
        help_at = next(c.time for c in tg.calls if c.ok and c.params.get("chat_id") == bob.id)
        told_at = max(c.time for c in tg.calls if c.ok and c.params.get("chat_id") == alice.id)
        assert help_at < told_at


# -- the limiter alone ----------------------------------------------------------------------------------------


class Telegram:
    """Stands in for the Bot API behind the limiter: answers 429 for some chats, records the calls it served."""

    def __init__(self) -> None:
        self.served: list[tuple[str, Any]] = []
        self.flooded: dict[Any, int] = {}  # chat -> 429s still to answer

    def call(self, endpoint: str, chat: Any) -> Any:
        async def answer() -> bool:
            if self.flooded.get(chat, 0) > 0:
                self.flooded[chat] -= 1
                raise RetryAfter(1)
            self.served.append((endpoint, chat))
            return True

        return answer


async def request(limiter: FloodControl, telegram: Telegram, endpoint: str, chat: Any) -> Any:
    data = {} if chat is None else {"chat_id": chat}
    return await limiter.process_request(telegram.call(endpoint, chat), (), {}, endpoint, data, None)


async def test_a_429_pauses_its_chat_only() -> None:
    kinds: list[str] = []
    limiter, telegram = FloodControl(kinds.append), Telegram()
    telegram.flooded[10] = 1
    flooded = asyncio.create_task(request(limiter, telegram, "sendMessage", 10))
    while not limiter.pause_left(10):
        await asyncio.sleep(0)
    assert limiter.pause_left() == 0  # the bot as a whole is not paused
    await request(limiter, telegram, "sendMessage", 20)
    await request(limiter, telegram, "answerCallbackQuery", None)
    assert telegram.served == [("sendMessage", 20), ("answerCallbackQuery", None)]  # chat 10 still waits
    await flooded
    assert telegram.served[-1] == ("sendMessage", 10) and kinds == ["flood_429"]


async def test_the_whole_bot_waits_when_the_global_limit_is_evidently_hit() -> None:
    limiter, telegram = FloodControl(), Telegram()
    chats = list(range(1, GLOBAL_CHATS + 1))
    for chat in chats:
        telegram.flooded[chat] = 1
    waiting = [asyncio.create_task(request(limiter, telegram, "sendMessage", chat)) for chat in chats]
    while not limiter.pause_left():
        await asyncio.sleep(0)
    assert limiter.pause_left(99) > 0  # another chat waits too
    await asyncio.gather(*waiting)


async def test_a_429_without_a_chat_pauses_that_method_only() -> None:
    """One 429 on a callback answer: the next callback answers wait it out, messages to every chat go on."""
    limiter, telegram = FloodControl(), Telegram()
    telegram.flooded[None] = 1
    answering = asyncio.create_task(request(limiter, telegram, "answerCallbackQuery", None))
    while not limiter.pause_left("method:answerCallbackQuery"):
        await asyncio.sleep(0)
    assert limiter.pause_left() == 0 and limiter.pause_left(10) == 0
    await request(limiter, telegram, "sendMessage", 10)
    await request(limiter, telegram, "getFile", None)
    assert telegram.served == [("sendMessage", 10), ("getFile", None)]  # the answer still waits
    await answering
    assert telegram.served[-1] == ("answerCallbackQuery", None)


async def test_only_sending_is_metered_and_retries_are_bounded() -> None:
    limiter, telegram = FloodControl(chat_rate=(1, 3600.0), max_retries=1), Telegram()
    await request(limiter, telegram, "sendMessage", 10)
    second = asyncio.create_task(request(limiter, telegram, "sendPhoto", 10))  # waits for the chat's budget
    for endpoint in ("editMessageText", "deleteMessage", "sendChatAction", "editMessageReplyMarkup"):
        await request(limiter, telegram, endpoint, 10)
    assert not second.done() and [e for e, _ in telegram.served][-4:] == [
        "editMessageText",
        "deleteMessage",
        "sendChatAction",
        "editMessageReplyMarkup",
    ]
    second.cancel()
    telegram.flooded[30] = 5
    with pytest.raises(RetryAfter):
        await request(limiter, telegram, "editMessageText", 30)
    assert telegram.flooded[30] == 3  # tried twice (one retry), then gave up
