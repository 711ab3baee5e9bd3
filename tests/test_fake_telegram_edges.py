"""The fake Telegram's rough edges, driven by python-telegram-bot's own ``telegram.Bot``: senders that are not
people (anonymous admins, channels, automatic forwards), forwards from hidden accounts, chat members, flood limits
per chat, callback queries that grow too old, forged button data, calls held and faults for one chat."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageOriginChannel,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.error import BadRequest, NetworkError, RetryAfter

from tests.fakes.telegram import CHANNEL_BOT, GROUP_ANONYMOUS_BOT, FakeTelegram, FloodLimits

TOKEN = "123456:TEST-fake-token"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram.running(token=TOKEN, bot_username="faceshift_bot") as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot") as ptb_bot:
        yield ptb_bot


async def test_anonymous_admins_and_channel_posters_speak_as_their_chat(tg: FakeTelegram, bot: Bot) -> None:
    alice, carol = tg.user(1001, "Alice"), tg.user(1003, "Carol")
    group = tg.group(-100777, "Friends")
    news = tg.channel(-100555, "News", username="news")
    tg.make_admin(group, alice)
    tg.make_admin(news, carol, owner=True)
    await alice.send_text(group, "/help", as_chat=group)
    await carol.send_text(group, "/help", as_chat=news)
    with pytest.raises(AssertionError, match="not an admin"):
        await carol.send_text(group, "/help", as_chat=group)
    with pytest.raises(AssertionError, match="does not run"):
        await alice.send_text(group, "/help", as_chat=news)
    anonymous, channel = [u.message for u in await bot.get_updates()]
    assert anonymous is not None and channel is not None
    assert anonymous.from_user is not None and anonymous.from_user.id == GROUP_ANONYMOUS_BOT["id"]
    assert anonymous.sender_chat is not None and anonymous.sender_chat.id == group.id
    assert channel.from_user is not None and channel.from_user.id == CHANNEL_BOT["id"]
    assert channel.sender_chat is not None and channel.sender_chat.id == news.id
    assert Update(1, message=channel).effective_sender == channel.sender_chat


async def test_automatic_forwards_come_from_777000(tg: FakeTelegram, bot: Bot) -> None:
    group = tg.group(-100777, "Discussion", privacy=False)
    news = tg.channel(-100555, "News")
    await tg.channel_post(news, text="New post", discussion=group)
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and message.is_automatic_forward
    assert message.from_user is not None and message.from_user.id == 777000
    assert message.sender_chat is not None and message.sender_chat.id == news.id
    assert isinstance(message.forward_origin, MessageOriginChannel)


async def test_forwards_name_their_origin_unless_it_hides(tg: FakeTelegram, bot: Bot) -> None:
    alice, ghost, admin = tg.user(1001, "Alice"), tg.user(1002, "Ghost", last_name="Writer"), tg.user(900, "Admin")
    ghost.hides_forwards = True
    group = tg.group(-100777, "Friends", privacy=False)
    said = await alice.send_text(group, "hello")
    hidden = await ghost.send_text(group, "boo")
    await admin.forward(admin, said)
    await admin.forward(admin, hidden)
    updates = await bot.get_updates()
    origins = [u.message.forward_origin for u in updates[-2:] if u.message]
    assert isinstance(origins[0], MessageOriginUser) and origins[0].sender_user.id == alice.id
    assert isinstance(origins[1], MessageOriginHiddenUser) and origins[1].sender_user_name == "Ghost Writer"
    assert updates[-1].message is not None and updates[-1].message.text == "boo"


async def test_chat_members_and_admins(tg: FakeTelegram, bot: Bot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(-100777, "Friends")
    tg.make_admin(group, alice, owner=True)
    tg.make_admin(group, bob)
    eve = tg.user(1005, "Eve")
    assert (await bot.get_chat_member(group.id, alice.id)).status == "creator"
    assert (await bot.get_chat_member(group.id, bob.id)).status == "administrator"
    assert (await bot.get_chat_member(group.id, eve.id)).status == "member"
    assert [m.user.id for m in await bot.get_chat_administrators(group.id)] == [alice.id, bob.id]
    hidden = tg.channel(-100555, "News")
    with pytest.raises(BadRequest, match="inaccessible"):
        await bot.get_chat_member(hidden.id, alice.id)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.get_chat_member(-42, alice.id)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter's own __init__
async def test_flood_limits_per_chat_per_group_and_overall(tg: FakeTelegram, bot: Bot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    group = tg.group(-100777, "Friends")
    tg.private_chat(alice)
    tg.private_chat(bob)
    await bot.send_message(alice.id, "no limits by default")
    tg.enable_flood_limits(FloodLimits(chat_burst=2, chat_per_second=0.01, group_burst=3, group_per_second=0.001))
    for _ in range(2):
        await bot.send_message(alice.id, "burst")
    with pytest.raises(RetryAfter):
        await bot.send_message(alice.id, "one too many")
    await bot.send_message(bob.id, "another chat is not held up")
    await bot.send_chat_action(alice.id, "typing")  # only sending is counted
    with pytest.raises(RetryAfter):
        for _ in range(4):
            await bot.send_message(group.id, "group")
    assert [(m, c) for m, c, _ in tg.flood_refusals] == [("sendMessage", alice.id), ("sendMessage", group.id)]
    assert all(wait >= 1 for _, _, wait in tg.flood_refusals)


async def test_callback_queries_grow_too_old_and_data_can_be_forged(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    tg.private_chat(alice)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a:1")]])
    menu = await bot.send_message(alice.id, "menu", reply_markup=markup)
    forged = await alice.press_forged(menu, "a:2")
    [update] = await bot.get_updates()
    assert update.callback_query is not None and update.callback_query.data == "a:2"
    await bot.answer_callback_query(forged)
    tg.callback_query_lifetime = 0.0
    late = await alice.press(menu, "A")
    await asyncio.sleep(0.01)
    with pytest.raises(BadRequest, match="too old"):
        await bot.answer_callback_query(late)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_holds_and_faults_for_one_chat(tg: FakeTelegram, bot: Bot) -> None:
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    tg.private_chat(alice)
    tg.private_chat(bob)
    hold = tg.hold("sendMessage", chat_id=alice.id)
    held = asyncio.create_task(bot.send_message(alice.id, "held"))
    await tg.wait_until(lambda: hold.arrived == 1)
    await bot.send_message(bob.id, "goes on")
    assert tg.transcript(alice) == []
    hold.release()
    await held
    assert [m["text"] for m in tg.transcript(alice)] == ["held"]
    dropped = tg.hold("sendMessage", chat_id=alice.id)
    lost = asyncio.create_task(bot.send_message(alice.id, "lost"))
    await tg.wait_until(lambda: dropped.arrived == 1)
    dropped.drop()
    with pytest.raises(NetworkError):
        await lost
    assert [m["text"] for m in tg.transcript(alice)] == ["held"]  # a dropped call never happened
    tg.fail_next("sendMessage", 429, retry_after=2, chat_id=bob.id)
    await bot.send_message(alice.id, "not Bob's fault")
    with pytest.raises(RetryAfter):
        await bot.send_message(bob.id, "flooded")


async def test_raw_forged_press_keeps_the_message(tg: FakeTelegram) -> None:
    alice = tg.user(1001, "Alice")
    tg.private_chat(alice)
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}/") as http:
        sent = await http.post(
            "sendMessage",
            json={
                "chat_id": alice.id,
                "text": "m",
                "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "x"}]]},
            },
        )
        message = sent.json()["result"]
        await alice.press_forged(message, "y")
        updates = (await http.post("getUpdates", json={})).json()["result"]
    query = updates[-1]["callback_query"]
    assert query["data"] == "y" and query["message"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "x"
