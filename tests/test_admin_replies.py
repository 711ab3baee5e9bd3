"""Admin replies within Telegram's limits, and a <who> that names nobody refused: /history of a person with long
ban reasons comes split (every part within 4,096 characters, each valid HTML); /grant by reply to a forward from
an account that hides itself is refused (the forwarder is not credited)."""

from __future__ import annotations

from telegram.constants import MessageLimit

from handlers.replies import split_html
from tests.fakes.telegram import FakeTelegram, parse_formatted_text, utf16_len
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot
from tests.support.conversation import ADMIN_ID, allowance, ask, ledger_rows, text_of

REASON = "spam & <links> " * 13  # 195 characters, every one of them to be escaped in HTML


async def test_history_with_long_ban_reasons_arrives_split(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    tg.user(1001, "Alice")
    for n in range(20):  # 20 ledger rows of about 260 characters each: more than one message holds
        assert "is banned" in await ask(tg, admin, f"/ban 1001 {n:02} {REASON}")
    await admin.send_text(admin, "/history 1001")
    first = await tg.wait_for_bot_message(admin)
    parts = [first]
    while len("\n".join(text_of(p) for p in parts).splitlines()) < 21:  # the title and 20 ledger rows
        parts.append(await tg.wait_for_bot_message(admin))
    assert len(parts) >= 2
    assert all(utf16_len(text_of(p)) <= MessageLimit.MAX_TEXT_LENGTH for p in parts)
    text = "\n".join(text_of(p) for p in parts)
    assert utf16_len(text) > MessageLimit.MAX_TEXT_LENGTH
    assert text.count("spam & <links>") == 13 * 20  # every reason whole, escaped characters shown as typed
    assert "Ledger of" in text.splitlines()[0]
    assert not [c for c in tg.calls_to("sendMessage") if not c.ok]


async def test_grant_by_reply_to_a_hidden_forward_is_refused(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    ghost = tg.user(1002, "Ghost")
    ghost.hides_forwards = True
    group = tg.group(-100777, "Friends", privacy=False)
    said = await ghost.send_text(group, "credit me")
    again = await admin.forward(admin, said)  # the forward names no account: only the admin as its forwarder
    answer = await ask(tg, admin, "/grant 5", reply_to=again)
    assert "hides itself" in answer and "Ghost" in answer
    assert await ledger_rows(bot) == []
    assert (await allowance(bot, ADMIN_ID)).credits == 0  # the forwarder was not credited
    # Named explicitly, the same command works even as a reply.
    assert "Granted 5 credits to" in await ask(tg, admin, f"/grant {ghost.id} 5", reply_to=again)


def test_split_html_keeps_tags_and_entities_whole() -> None:
    lines = [f"<b>row {n}</b> &lt;{'x' * 50}&gt; <i>{'y' * 30}</i>" for n in range(400)]
    text = "\n".join(lines)
    parts = split_html(text, limit=1000)
    assert len(parts) > 10 and all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts) == text  # cut at line ends, nothing lost
    one_line = "<b>" + "&amp;word " * 500 + "</b>"
    pieces = split_html(one_line, limit=300)
    assert all(len(p) <= 300 and p.startswith("<b>") and p.endswith("</b>") for p in pieces)
    for piece in pieces:
        plain, _ = parse_formatted_text(piece, "HTML")  # valid HTML on its own
        assert "&" in plain and "amp;" not in plain
    words = " ".join(parse_formatted_text(p, "HTML")[0] for p in pieces).split()
    assert words == parse_formatted_text(one_line, "HTML")[0].split()  # nothing lost (Telegram trims each part)
