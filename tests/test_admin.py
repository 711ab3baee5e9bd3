"""Admin commands end to end: from an admin and from everyone else; <who> by id, @username and reply."""

from __future__ import annotations

from bot.i18n import Texts
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import ACCU_ID, ACCU_SECRET, FakeVendors
from tests.support.bot import RunningBot
from tests.support.conversation import (
    ADMIN_ID,
    UNKNOWN,
    allowance,
    ask,
    audit,
    ledger_rows,
    photo_and_menu,
    text_of,
    wait_result,
    wait_text,
)
from tests.support.images import FACE

ADMIN_COMMANDS = [
    "/grant 1001 5",
    "/setlimit 1001 9",
    "/resetquota 1001",
    "/ban 1001 spam",
    "/unban 1001",
    "/stats",
    "/stats 7",
    "/history 1001",
]


async def test_admin_commands_from_anyone_else_are_unknown_commands(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    eve = tg.user(1666, "Eve", username="eve")
    tg.user(1001, "Alice")
    for command in [*ADMIN_COMMANDS, "/frobnicate"]:
        assert await ask(tg, eve, command) == UNKNOWN, command
    # /quota is everyone's: with an argument, a person still sees only their own allowance.
    assert "free edits left" in await ask(tg, eve, "/quota 1001")
    # In a group the bot stays silent, as for any command it does not know.
    group = tg.group(-100777, "Friends")
    for command in ("/grant 1001 5", "/ban@faceshift_bot 1001"):
        sent = await eve.send_text(group, command)
        await tg.wait_until_fetched(sent)
    await tg.assert_no_bot_message(group, within=0.3)
    assert await ledger_rows(bot) == []
    # An admin's unknown command gets the same answer too.
    admin = tg.user(ADMIN_ID, "Ada")
    assert await ask(tg, admin, "/frobnicate") == UNKNOWN


async def test_grant_by_id_by_username_and_by_reply(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    admin = tg.user(ADMIN_ID, "Ada", username="ada")
    alice = tg.user(1001, "Alice", username="Alice_W")
    bob = tg.user(1002, "Bob")
    await ask(tg, alice, "/start")  # the bot learns @alice_w

    assert "Granted 5 credits to Alice (@alice_w, id 1001). They now have 5 credits." in await ask(
        tg, admin, "/grant 1001 5"
    )
    assert "They now have 8 credits" in await ask(tg, admin, "/grant @ALICE_W 3")
    assert "Took 2 credits back from Alice (@alice_w, id 1001). They now have 6" in await ask(
        tg, admin, "/grant @alice_w -2"
    )
    # By reply, in a group: to Bob's message (the bot never saw Bob before).
    group = tg.group(-100777, "Friends")
    said = await bob.send_text(group, "hello all")
    assert "Granted 4 credits to Bob (id 1002)" in await ask(tg, admin, "/grant 4", chat=group, reply_to=said)
    # In a private chat: a reply to a forwarded message means its original sender.
    forwarded = await admin.send_message(
        admin,
        {
            "text": "hi from Bob",
            "forward_origin": {"type": "user", "date": 1, "sender_user": bob.to_api()},
        },
    )
    assert "Granted 1 credits to Bob (id 1002)" in await ask(tg, admin, "/grant 1", reply_to=forwarded)

    assert (await allowance(bot, 1001)).credits == 6 and (await allowance(bot, 1002)).credits == 5
    rows = await ledger_rows(bot)
    assert [(kind, amount, admin_id, user) for kind, amount, admin_id, _, user in rows] == [
        ("grant", 5, ADMIN_ID, 1001),
        ("grant", 3, ADMIN_ID, 1001),
        ("grant", -2, ADMIN_ID, 1001),
        ("grant", 4, ADMIN_ID, 1002),
        ("grant", 1, ADMIN_ID, 1002),
    ]
    # Mistakes are explained and change nothing.
    assert "Usage: /grant <who> <n>" in await ask(tg, admin, "/grant 1001")
    assert "Usage: /grant" in await ask(tg, admin, "/grant 1001 five")
    assert "Usage: /grant" in await ask(tg, admin, "/grant 1001 0")
    assert "out of range" in await ask(tg, admin, "/grant 1001 99999999")
    assert "I have not seen @nobody_here yet" in await ask(tg, admin, "/grant @nobody_here 5")
    assert len(await ledger_rows(bot)) == 5
    assert await audit(bot) == []


async def test_setlimit_resetquota_quota_and_history(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    alice = tg.user(1001, "Alice", username="alice")
    _, menu = await photo_and_menu(tg, alice)
    await alice.press(menu, "🔍 Detect gender")
    assert "Left today: 4" in (await wait_result(tg, alice))["caption"]

    assert "daily limit of Alice (@alice, id 1001) is now 2. Left today: 1." in await ask(
        tg, admin, "/setlimit @alice 2"
    )
    assert "-1 is out of range: use a whole number from 0 to 1,000,000." in await ask(tg, admin, "/setlimit @alice -1")
    assert "Usage: /setlimit" in await ask(tg, admin, "/setlimit @alice lots")
    report = await ask(tg, admin, "/quota @alice")
    assert "Alice (@alice, id 1001)" in report
    assert "1 of 2 free edits used, 0 held by running jobs, 1 left (limit set by an admin)" in report
    assert "Credits: 0" in report and "detect_gender: ok (cost 1)" in report
    assert "Gave back 1 of today's edits to Alice (@alice, id 1001). Left today: 2 of 2." in await ask(
        tg, admin, "/resetquota 1001"
    )
    assert "back to the default (5). Left today: 5." in await ask(tg, admin, "/setlimit 1001 default")

    history = await ask(tg, admin, "/history @alice")
    lines = history.splitlines()
    assert "Ledger of Alice (@alice, id 1001)" in lines[0]
    assert "setlimit 0" in lines[1] and "by admin 900: default" in lines[1]
    assert "reset 1 free" in lines[2] and "by admin 900" in lines[2]
    assert "charge 1 free, job" in lines[4] and "reserve 1 free, job" in lines[5]
    # The admin's own /quota is the people's answer; /quota as a reply asks about the person replied to.
    assert "free edits left" in await ask(tg, admin, "/quota")
    group = tg.group(-100777, "Friends")
    said = await alice.send_text(group, "hi")
    assert "Alice (@alice, id 1001)" in await ask(tg, admin, "/quota", chat=group, reply_to=said)
    assert "nothing for id 4242" in await ask(tg, admin, "/history 4242")
    assert await audit(bot) == []


async def test_ban_refuses_politely_at_no_cost_and_unban_restores(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    alice = tg.user(1001, "Alice", username="alice")
    group = tg.group(-100777, "Friends")
    said = await alice.send_text(group, "hi")
    assert "Alice (@alice, id 1001) is banned" in await ask(
        tg, admin, "/ban too many requests", chat=group, reply_to=said
    )
    await alice.send_photo(alice, FACE, caption="/older")
    assert "Sorry, you cannot use this bot." in text_of(await tg.wait_for_bot_message(alice))
    assert vendors.ailab.requests == []
    assert "Banned: too many requests" in await ask(tg, admin, "/quota 1001")
    assert "no longer banned" in await ask(tg, admin, "/unban @alice")
    await alice.send_photo(alice, FACE, caption="/older")
    assert "65 years old" in (await wait_result(tg, alice))["caption"]
    kinds = [(kind, admin_id, reason) for kind, _, admin_id, reason, _ in await ledger_rows(bot) if admin_id]
    assert kinds == [("ban", ADMIN_ID, "too many requests"), ("unban", ADMIN_ID, None)]
    assert await audit(bot) == []


async def test_stats(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    alice, bob = tg.user(1001, "Alice", username="alice"), tg.user(1002, "Bob")
    await alice.send_photo(alice, FACE, caption="/older")
    await wait_result(tg, alice)
    vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE")
    await alice.send_photo(alice, FACE, caption="/younger")
    await wait_text(tg, alice, "did not cost anything")
    await bob.send_photo(bob, FACE, caption="/detect")
    await wait_result(tg, bob)
    await ask(tg, admin, "/grant 1002 7")
    await ask(tg, admin, "/grant 1002 -2")

    report = await ask(tg, admin, "/stats")
    assert "The last day: 3 jobs, 67% succeeded." in report
    assert "older: 1 (ok 1), 100% succeeded" in report
    assert "younger: 1 (unusable_photo 1), 0% succeeded" in report
    assert "detect_gender: 1 (ok 1), 100% succeeded" in report
    assert "ailab: p50" in report and "accuauth: p50" in report
    assert "Alice (@alice, id 1001): 2 jobs, 1 charged" in report
    assert "Credits granted: 7 (taken back: 2)." in report
    assert "The last 7 days" in await ask(tg, admin, "/stats 7")
    assert "Usage: /stats" in await ask(tg, admin, "/stats 0 1")
    assert "out of range" in await ask(tg, admin, "/stats 400")


async def test_admins_have_their_own_command_menu(tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot) -> None:
    own = {c["command"] for c in tg.commands[(f"chat:{ADMIN_ID}", "")]}
    assert own >= {"grant", "setlimit", "quota", "resetquota", "ban", "unban", "stats", "history", "start"}
    assert tg.commands[(f"chat:{ADMIN_ID}", "ru")][0]["description"].startswith("Начало")
    everyone = {c["command"] for c in tg.commands[("all_private_chats", "")]}
    assert not everyone & {"grant", "ban", "stats"}


async def test_a_vendor_rejecting_the_operators_key_is_told_to_the_admins_once(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    tg.private_chat(admin)
    alice, bob = tg.user(1001, "Alice"), tg.user(1002, "Bob")
    vendors.accuauth.fail(401, "UNAUTHORIZED", count=-1)
    await alice.send_photo(alice, FACE, caption="/detect")
    await wait_text(tg, alice, "did not cost anything")
    alert = text_of(await tg.wait_for_bot_message(admin))
    assert "accuauth" in alert and "UNAUTHORIZED" in alert and "HTTP 401" in alert
    assert ACCU_ID not in alert and ACCU_SECRET not in alert
    await bob.send_photo(bob, FACE, caption="/detect")  # a second 401: no second message
    await wait_text(tg, bob, "did not cost anything")
    assert len(vendors.accuauth.requests) >= 2
    await tg.assert_no_bot_message(admin, within=0.3)
    assert (await allowance(bot, 1001)).daily_used == 0 and (await allowance(bot, 1002)).daily_used == 0


async def test_an_admin_command_delivered_twice_is_done_once(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    """The same update again (as after a crash before its offset was confirmed): one grant."""
    admin = tg.user(ADMIN_ID, "Ada")
    sent = await admin.send_text(admin, "/grant 1001 5")
    await tg.wait_for_bot_message(admin)
    update = tg.update_for(sent)
    assert update is not None
    tg.updates.push("message", update["message"])
    assert "Already done" in text_of(await tg.wait_for_bot_message(admin))
    assert (await allowance(bot, 1001)).credits == 5


def test_admin_texts_exist_in_every_language() -> None:
    english = {key for key in Texts.message_ids("en") if key.startswith(("admin-", "cmd-", "unknown-"))}
    assert english <= Texts.message_ids("ru")
