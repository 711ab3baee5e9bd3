"""The rough edges of ``RoughTelegram`` (tests/fakes/telegram/rough.py) that the random fault suite relies on:
callback queries that grow old, flood waits of one chat, calls held past the client's patience, what is in
flight, and when updates are confirmed (only by the next getUpdates). Driven by raw HTTP, with an injected
clock, so that nothing here waits for time to pass."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.fakes.telegram.rough import RoughTelegram

TOKEN = "123456:TEST-fake-token"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def tg(clock: Clock) -> AsyncIterator[RoughTelegram]:
    fake = RoughTelegram(TOKEN, "faceshift_bot", monotonic=clock)
    async with fake.serving():
        yield fake


async def call(tg: RoughTelegram, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{tg.base_url}/bot{TOKEN}/{method}", json=params)
    return response.status_code, response.json()


async def test_a_callback_query_grows_old(tg: RoughTelegram, clock: Clock) -> None:
    alice = tg.user(1001, "Alice")
    tg.private_chat(alice)
    status, sent = await call(
        tg,
        "sendMessage",
        chat_id=alice.id,
        text="menu",
        reply_markup={"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
    )
    assert status == 200
    fresh = await alice.press(sent["result"], "Go")
    old = await alice.press(sent["result"], "Go")
    clock.now += 10
    assert (await call(tg, "answerCallbackQuery", callback_query_id=fresh))[0] == 200
    clock.now += 6  # 16 s after the presses
    status, body = await call(tg, "answerCallbackQuery", callback_query_id=old)
    assert status == 400
    assert body["description"] == "Bad Request: query is too old and response timeout expired or query ID is invalid"
    assert old in tg.unanswered_callback_queries
    assert tg.pressed_at(old) == 1000.0


async def test_a_flood_wait_concerns_one_chat(tg: RoughTelegram, clock: Clock) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    tg.private_chat(alice)
    tg.private_chat(bob)
    tg.flood_chat(alice.id, 2.5)
    status, body = await call(tg, "sendMessage", chat_id=alice.id, text="hi")
    assert status == 429
    assert body["parameters"] == {"retry_after": 3}
    assert (await call(tg, "sendMessage", chat_id=bob.id, text="hi"))[0] == 200
    assert (await call(tg, "sendChatAction", chat_id=alice.id, action="typing"))[0] == 200  # not a message
    assert tg.flooded_chats() == [alice.id]
    clock.now += 2.6
    assert (await call(tg, "sendMessage", chat_id=alice.id, text="hi"))[0] == 200
    assert tg.flooded_chats() == []
    assert [m["text"] for m in tg.bot_messages(alice)] == ["hi"]  # the refused send had no effect
    assert [c.status for c in tg.calls_to("sendMessage")] == [429, 200, 200]


async def test_a_stalled_call_does_nothing(tg: RoughTelegram) -> None:
    alice = tg.user(1001, "Alice")
    tg.private_chat(alice)
    tg.stall_next("sendMessage", 0.0)
    status, body = await call(tg, "sendMessage", chat_id=alice.id, text="lost")
    assert (status, body["description"]) == (504, "Gateway Timeout")
    assert tg.bot_messages(alice) == []
    assert (await call(tg, "sendMessage", chat_id=alice.id, text="kept"))[0] == 200
    assert [m["text"] for m in tg.bot_messages(alice)] == ["kept"]
    assert tg.stalled == 1
    assert tg.call_count == 2
    assert tg.in_flight == 0
    assert tg.last_call_at == 1000.0


async def test_updates_are_confirmed_by_the_next_poll_only(tg: RoughTelegram, clock: Clock) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send_text(alice, "one")
    await alice.send_text(alice, "two")
    status, body = await call(tg, "getUpdates", timeout=0)
    assert status == 200
    ids = [u["update_id"] for u in body["result"]]
    assert len(ids) == 2
    assert len(tg.pending_updates) == 2  # handed out, not confirmed: a bot that dies now gets them again
    assert tg.confirmed_at == {}
    clock.now += 1
    await call(tg, "getUpdates", offset=ids[0] + 1, timeout=0)
    assert [u["update_id"] for u in tg.pending_updates] == ids[1:]
    assert tg.confirmed_at == {ids[0]: 1001.0}
    assert tg.call_count == 0  # getUpdates is not counted among the bot's calls
