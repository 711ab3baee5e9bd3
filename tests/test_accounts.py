"""Who is the customer: the effective sender. An anonymous group admin speaks as the group, someone posting as a
channel as the channel: each such chat is an account of its own (quota, bans, /quota, buttons, admin <who>), not
one shared by every anonymous admin (GroupAnonymousBot) or every channel poster (Channel_Bot) of Telegram."""

from __future__ import annotations

from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot
from tests.support.conversation import ADMIN_ID, allowance, ask, audit, buttons, text_of, wait_result
from tests.support.images import FACE

GROUP = -100777
OTHER_GROUP = -100888
NEWS = -100555  # a channel the bot is not in
BLOG = -100556  # a channel whose admins the bot may ask about


async def test_anonymous_admins_and_channels_are_accounts_of_their_own(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    alice, bob, carol, eve = (
        tg.user(i, n) for i, n in [(1001, "Alice"), (1002, "Bob"), (1003, "Carol"), (1005, "Eve")]
    )
    group, other = tg.group(GROUP, "Friends"), tg.group(OTHER_GROUP, "Others")
    news = tg.channel(NEWS, "News")
    tg.make_admin(group, alice, bob)
    tg.make_admin(other, eve)
    tg.make_admin(news, carol, owner=True)

    # Alice, anonymously: the group's request. Eve (not an admin here) cannot press; Bob (an admin) can.
    await alice.send_photo(group, FACE, caption="/face", as_chat=group)
    menu = await tg.wait_for_bot_message(group)
    query = await eve.press(menu, "👴 Older")
    refused = await tg.wait_for_callback_answer(query)
    assert refused.show_alert and "only its admins" in (refused.text or "") and "Friends" in (refused.text or "")
    await bob.press(menu, "👴 Older")
    ages = await tg.wait_for_edit(menu)
    await bob.press(ages, "65 years")
    result = await wait_result(tg, group)
    assert "Left today: 4" in result["caption"]
    assert (await allowance(bot, GROUP)).daily_used == 1  # the group paid
    assert [(await allowance(bot, who)).daily_used for who in (alice.id, bob.id)] == [0, 0]

    # Eve, anonymously in her own group: another account, its own allowance (not the group above's).
    await eve.send_photo(other, FACE, caption="/older", as_chat=other)
    assert "Left today: 4" in (await wait_result(tg, other))["caption"]
    assert (await allowance(bot, OTHER_GROUP)).daily_used == 1

    # Carol, as her channel: the channel's account. The bot cannot ask the channel who runs it, so the group's
    # admins answer for it: Carol (not one of them) cannot press, Bob can.
    await carol.send_photo(group, FACE, caption="/face", as_chat=news)
    channel_menu = await tg.wait_for_bot_message(group)
    query = await carol.press(channel_menu, "🔍 Detect gender")
    assert (await tg.wait_for_callback_answer(query)).show_alert
    await bob.press(channel_menu, "🔍 Detect gender")
    await wait_result(tg, group)
    assert (await allowance(bot, NEWS)).daily_used == 1

    # /quota: each account asks about its own.
    await alice.send_text(group, "/quota", as_chat=group)
    assert "4 of 5 free edits" in text_of(await tg.wait_for_bot_message(group))
    await alice.send_text(group, "/quota")
    assert "5 of 5 free edits" in text_of(await tg.wait_for_bot_message(group))
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT id, first_name FROM users WHERE id < 0 ORDER BY id")
    assert [tuple(row) for row in rows] == [(OTHER_GROUP, "Others"), (GROUP, "Friends"), (NEWS, "News")]
    assert await audit(bot) == []


async def test_a_channel_the_bot_may_ask_about_is_pressed_by_its_own_admins(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    bob, carol = tg.user(1002, "Bob"), tg.user(1003, "Carol")
    group = tg.group(GROUP, "Friends")
    blog = tg.channel(BLOG, "Blog", bot_is_admin=True)
    tg.make_admin(group, bob)
    tg.make_admin(blog, carol)
    await carol.send_photo(group, FACE, caption="/face", as_chat=blog)
    menu = await tg.wait_for_bot_message(group)
    query = await bob.press(menu, "👴 Older")  # a group admin, but the channel's admins are known
    assert (await tg.wait_for_callback_answer(query)).show_alert
    query = await carol.press(menu, "👴 Older")
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    assert buttons(await tg.wait_for_edit(menu))[0] == "50 years"


async def test_bans_and_admin_who_follow_the_account(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    alice, carol, admin = tg.user(1001, "Alice"), tg.user(1003, "Carol"), tg.user(ADMIN_ID, "Ada")
    group = tg.group(GROUP, "Friends")
    news = tg.channel(NEWS, "News", username="newsroom")
    tg.make_admin(group, alice)
    tg.make_admin(news, carol, owner=True)
    posted = await alice.send_text(group, "Hello from the admins", as_chat=group)
    await carol.send_text(group, "/quota", as_chat=news)
    await tg.wait_for_bot_message(group)

    # <who> by a reply to a forward of the anonymous admin's message: the group; by @username: the channel.
    forwarded = await admin.forward(admin, posted)
    assert "Friends" in await ask(tg, admin, "/ban spam", reply_to=forwarded)
    assert "News" in await ask(tg, admin, "/grant @newsroom 3")
    assert "Banned: spam" in await ask(tg, admin, f"/quota {GROUP}")

    # The ban is the group's: its anonymous admins are refused; Alice herself and the channel are not.
    await alice.send_photo(group, FACE, caption="/older", as_chat=group)
    assert "cannot use this bot" in text_of(await tg.wait_for_bot_message(group))
    await alice.send_photo(group, FACE, caption="/older")
    assert "65 years old" in (await wait_result(tg, group))["caption"]
    await carol.send_photo(group, FACE, caption="/older", as_chat=news)
    channel_result = await wait_result(tg, group)
    assert "65 years old" in channel_result["caption"]
    assert (await allowance(bot, NEWS)).credits == 3


async def test_a_post_the_channel_forwards_automatically_is_the_channels(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    group = tg.group(GROUP, "Discussion")
    news = tg.channel(NEWS, "News")
    await tg.channel_post(news, text="/quota", discussion=group)  # from 777000, sender_chat: the channel
    assert "5 of 5 free edits" in text_of(await tg.wait_for_bot_message(group))
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT id, first_name FROM users")
    assert [tuple(row) for row in rows] == [(NEWS, "News")]  # Telegram's service account is nobody
