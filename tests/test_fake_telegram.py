"""Tests of the fake Telegram Bot API server (tests/fakes/telegram/), driven by python-telegram-bot's own
``telegram.Bot`` and by raw httpx requests, so the fake is checked against the real client's encoding."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fakes.telegram import ApiError, FakeTelegram, detect_entities, parse_formatted_text, utf16_len

TOKEN = "123456:TEST-fake-token"
DATA = Path(__file__).parent / "data"


def jpeg(width: int, height: int, color: tuple[int, int, int] = (200, 120, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return image.size


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram.running(token=TOKEN, bot_username="faceshift_bot") as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot") as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def http(tg: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}/", timeout=10) as client:
        yield client


# ---- envelope, transports, errors -------------------------------------------------------------------------


async def test_get_me_envelope_and_case_insensitive_methods(tg: FakeTelegram, http: httpx.AsyncClient) -> None:
    for method in ("getMe", "GETME", "getme"):
        response = await http.post(method)
        assert response.status_code == 200
        body = response.json()
        assert body["ok"] is True
        assert body["result"]["username"] == "faceshift_bot"
        assert body["result"]["id"] == 123456
        assert body["result"]["is_bot"] is True
    assert [c.method for c in tg.calls] == ["getMe"] * 3


async def test_wrong_token_unknown_method_and_unknown_path(tg: FakeTelegram, http: httpx.AsyncClient) -> None:
    async with httpx.AsyncClient(base_url=tg.base_url) as raw:
        response = await raw.post("/bot999:WRONG/getMe")
        assert response.status_code == 401
        assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        response = await raw.get("/nothing")
        assert response.status_code == 404
    response = await http.post("sendTelepathy", json={"chat_id": 1})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}

    wrong = Bot("999:WRONG", base_url=f"{tg.base_url}/bot")
    try:
        with pytest.raises(InvalidToken, match="rejected by the server"):
            await wrong.initialize()  # PTB calls getMe
    finally:
        await wrong.shutdown()


async def test_json_form_and_query_string_bodies(tg: FakeTelegram, http: httpx.AsyncClient) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    keyboard = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}

    as_json = await http.post("sendMessage", json={"chat_id": 1001, "text": "json", "reply_markup": keyboard})
    as_form = await http.post(
        "sendMessage", data={"chat_id": "1001", "text": "form", "reply_markup": '{"inline_keyboard": []}'}
    )
    as_query = await http.get("sendMessage", params={"chat_id": "1001", "text": "query"})
    for response in (as_json, as_form, as_query):
        assert response.status_code == 200, response.text
    assert as_json.json()["result"]["reply_markup"] == keyboard
    assert "reply_markup" not in as_form.json()["result"]  # an empty inline keyboard is no keyboard
    assert [m["text"] for m in tg.transcript(dm)] == ["json", "form", "query"]
    # parameters are decoded the same way whatever the transport
    assert [c.params["chat_id"] for c in tg.calls_to("sendMessage")] == [1001, 1001, 1001]
    assert tg.calls_to("sendmessage")[1].params["reply_markup"] == {"inline_keyboard": []}


async def test_ptb_send_message_and_bad_requests(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice", username="alice")
    dm = tg.private_chat(alice)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Older", callback_data="older")]])

    sent = await bot.send_message(dm.id, "Pick one", reply_markup=markup)

    assert isinstance(sent, Message)
    assert sent.from_user is not None and sent.from_user.username == "faceshift_bot"
    assert sent.reply_markup == markup
    assert sent.chat.type == "private"
    assert tg.calls_to("sendMessage")[0].params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Older"

    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(dm.id, "   ")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(dm.id, "x" * 4097)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(42, "hello")
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            dm.id, "too long", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 65)]])
        )
    # 64 bytes is fine, but 64 bytes means bytes: 33 two-byte letters are too many
    await bot.send_message(
        dm.id, "ok", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 64)]])
    )
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            dm.id, "no", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 33)]])
        )
    raw = tg.calls_to("sendMessage")[-1]
    assert raw.status == 400 and raw.description == "Bad Request: BUTTON_DATA_INVALID"
    assert [m["text"] for m in tg.transcript(dm)] == ["Pick one", "ok"]


async def test_raw_error_bodies(tg: FakeTelegram, http: httpx.AsyncClient) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    tg.private_chat(alice)
    response = await http.post("sendMessage", json={"chat_id": 1001, "text": ""})
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message text is empty",
    }
    response = await http.post("sendMessage", json={"chat_id": 1001, "text": "hi", "reply_to_message_id": 77})
    assert response.json()["description"] == "Bad Request: message to be replied not found"
    response = await http.post("editMessageText", json={"chat_id": 1001, "message_id": 77, "text": "x"})
    assert response.json()["description"] == "Bad Request: message to edit not found"
    response = await http.post("deleteMessage", json={"chat_id": 1001, "message_id": 77})
    assert response.json()["description"] == "Bad Request: message to delete not found"
    response = await http.post("answerCallbackQuery", json={"callback_query_id": "nope"})
    assert response.json()["description"] == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    response = await http.post("sendPhoto", json={"chat_id": 1001, "caption": "c" * 1025, "photo": "x"})
    assert response.json()["description"] == "Bad Request: message caption is too long"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter's own __init__
async def test_fail_next_429_then_success_and_5xx(tg: FakeTelegram, bot: Bot, http: httpx.AsyncClient) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)

    tg.fail_next("sendMessage", 429, retry_after=3)
    response = await http.post("sendMessage", json={"chat_id": dm.id, "text": "hi"})
    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }

    tg.fail_next("SENDMESSAGE")  # default: 429, retry_after 1
    with pytest.raises(RetryAfter, match="Retry in 1"):
        await bot.send_message(dm.id, "hi")
    await bot.send_message(dm.id, "hi")  # only the next call failed

    tg.fail_next("*", 502, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_chat_action(dm.id, "typing")
    tg.fail_next("sendPhoto", 500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_photo(dm.id, jpeg(64, 64))
    assert [m["text"] for m in tg.transcript(dm)] == ["hi"]  # failed calls had no effect
    assert [c.status for c in tg.calls_to("sendMessage")] == [429, 429, 200]


async def test_blocked_user_and_removed_bot(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    group = tg.group(id=-100777, title="Gone")
    tg.block(alice)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(dm.id, "hi")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_chat_action(dm.id, "typing")
    with pytest.raises(AssertionError, match="blocked the bot"):
        await alice.send_text(dm, "hello?")
    updates = await bot.get_updates()
    member = updates[-1].my_chat_member
    assert member is not None and member.new_chat_member.status == "kicked"

    tg.unblock(alice)
    await bot.send_message(dm.id, "welcome back")
    tg.remove_bot(group)
    with pytest.raises(Forbidden, match="kicked from the supergroup chat"):
        await bot.send_message(group.id, "hi")


# ---- getUpdates -------------------------------------------------------------------------------------------


async def test_get_updates_offset_limit_and_long_poll(tg: FakeTelegram, http: httpx.AsyncClient) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    await alice.send_text(dm, "/start")
    await alice.send_text(dm, "second")

    first = (await http.post("getUpdates", json={"timeout": 0})).json()["result"]
    assert [u["message"]["text"] for u in first] == ["/start", "second"]
    ids = [u["update_id"] for u in first]
    assert ids == sorted(ids) and len(set(ids)) == 2
    # without an offset nothing is confirmed
    assert len((await http.post("getUpdates", data={"timeout": "0", "limit": "1"})).json()["result"]) == 1
    # the offset confirms (drops) earlier updates
    confirmed = await http.post("getUpdates", json={"offset": ids[0] + 1, "timeout": 0})
    assert [u["update_id"] for u in confirmed.json()["result"]] == [ids[1]]
    assert [u["update_id"] for u in tg.pending_updates] == [ids[1]]

    # a long poll returns as soon as an update arrives
    polls = tg.poll_count
    poll = asyncio.create_task(http.post("getUpdates", json={"offset": ids[1] + 1, "timeout": 30}))
    await tg.wait_until(lambda: tg.poll_count > polls, what="the long poll to arrive")
    assert not poll.done()  # it is waiting on the server
    started = time.monotonic()
    await alice.send_text(dm, "third")
    result = (await asyncio.wait_for(poll, 5)).json()["result"]
    assert time.monotonic() - started < 2
    assert [u["message"]["text"] for u in result] == ["third"]
    assert result[0]["update_id"] > ids[1]

    # with nothing new, the poll waits for its timeout and answers []
    started = time.monotonic()
    empty = await http.post("getUpdates", json={"offset": result[0]["update_id"] + 1, "timeout": 1})
    assert empty.json() == {"ok": True, "result": []}
    assert time.monotonic() - started >= 0.9
    await tg.wait_until_fetched(result[0])


async def test_ptb_get_updates_parses_everything(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice", username="alice")
    dm = tg.private_chat(alice)
    photo = await alice.send_photo(dm, (DATA / "astronaut.jpg").read_bytes(), caption="/older please")
    document = await alice.send_document(dm, jpeg(300, 200), file_name="me.jpg")
    menu = await bot.send_message(
        dm.id, "menu", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Older", callback_data="older")]])
    )
    query_id = await alice.press(menu.to_dict(), "Older")

    updates = await bot.get_updates(timeout=0)
    assert all(isinstance(u, Update) for u in updates)
    photo_update, document_update, callback_update = updates
    assert photo_update.message is not None
    assert photo_update.message.caption == "/older please"
    assert photo_update.message.photo[-1].width == 512
    assert photo_update.message.caption_entities[0].type == "bot_command"
    assert photo_update.message.message_id == photo["message_id"]
    assert document_update.message is not None and document_update.message.document is not None
    assert document_update.message.document.file_name == "me.jpg"
    assert document_update.message.document.mime_type == "image/jpeg"
    assert document_update.message.document.thumbnail is not None
    assert document["document"]["file_size"] == document_update.message.document.file_size
    query = callback_update.callback_query
    assert query is not None and query.id == query_id and query.data == "older"
    assert query.message is not None and query.message.message_id == menu.message_id
    assert query.from_user.id == 1001

    await bot.answer_callback_query(query_id, text="Working on it")
    answer = await tg.wait_for_callback_answer(query_id)
    assert answer.text == "Working on it" and answer.show_alert is False
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    assert tg.unanswered_callback_queries == []


async def test_concurrent_get_updates_conflict_and_webhook_conflict(
    tg: FakeTelegram, bot: Bot, http: httpx.AsyncClient
) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=10))
    await tg.wait_until(lambda: tg.poll_count == 1)
    newer = await http.post("getUpdates", json={"timeout": 0})  # PTB's own getUpdates pool has one connection
    assert newer.json() == {"ok": True, "result": []}
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 5)

    assert await bot.set_webhook("https://example.com/hook", secret_token="s3cret", drop_pending_updates=True)
    assert tg.webhook.url == "https://example.com/hook" and tg.webhook.secret_token == "s3cret"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert info.url == "https://example.com/hook"
    assert await bot.delete_webhook()
    assert tg.webhook.url == ""
    assert await bot.get_updates(timeout=0) == ()


# ---- privacy mode -----------------------------------------------------------------------------------------


async def test_privacy_mode_delivery_rules(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice", username="alice")
    group = tg.group(id=-100123, title="Friends")
    picture = jpeg(400, 300)

    plain_photo = await alice.send_photo(group, picture)
    plain_text = await alice.send_text(group, "hello everyone")
    command = await alice.send_text(group, "/swap")
    addressed = await alice.send_text(group, "/swap@FaceShift_Bot now")
    other_bot = await alice.send_text(group, "/swap@otherbot")
    captioned = await alice.send_photo(group, picture, caption="/older")
    mention = await alice.send_text(group, "hey @faceshift_bot look")
    other_mention = await alice.send_text(group, "hey @alice look")
    not_first = await alice.send_text(group, "please /swap")
    bot_message = await bot.send_message(group.id, "Send me a photo")
    reply_to_bot = await alice.send_photo(group, picture, reply_to=bot_message.message_id)
    reply_to_person = await alice.send_text(group, "/older", reply_to=plain_photo)
    joined = await tg.user(id=1002, first_name="Bob").join(group)

    delivered = {
        "plain photo": (plain_photo, False),
        "plain text": (plain_text, False),
        "/cmd": (command, True),
        "/cmd@thisbot": (addressed, True),
        "/cmd@otherbot": (other_bot, False),
        "photo captioned /cmd": (captioned, True),
        "mention": (mention, True),
        "other mention": (other_mention, False),
        "command not first": (not_first, False),
        "reply to the bot": (reply_to_bot, True),
        "command replying to a person's photo": (reply_to_person, True),
        "service message": (joined, True),
    }
    for label, (message, expected) in delivered.items():
        assert tg.was_delivered(message) is expected, label

    updates = await bot.get_updates(timeout=0)
    assert len(updates) == sum(expected for _, expected in delivered.values())
    by_id = {u.message.message_id: u.message for u in updates if u.message is not None}
    # the reply carries the full original, even though the original itself was not delivered
    original = by_id[reply_to_person["message_id"]].reply_to_message
    assert original is not None and original.photo[-1].file_id == plain_photo["photo"][-1]["file_id"]
    replied = by_id[reply_to_bot["message_id"]].reply_to_message
    assert replied is not None and replied.text == "Send me a photo"

    # everything stays in the transcript, delivered or not
    texts = [m.get("text") or m.get("caption") for m in tg.transcript(group)]
    assert "hello everyone" in texts and "/swap@otherbot" in texts
    assert "(not delivered to the bot)" in tg.format_transcript(group)


async def test_privacy_off_and_admin_bot_receive_everything(tg: FakeTelegram) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    open_group = tg.group(id=-100200, title="Open", privacy=False)
    admin_group = tg.group(id=-300, title="Admins", bot_is_admin=True)
    assert admin_group.type == "group" and open_group.type == "supergroup"
    for chat in (open_group, admin_group):
        assert tg.was_delivered(await alice.send_photo(chat, jpeg(50, 50)))
        assert tg.was_delivered(await alice.send_text(chat, "/swap@otherbot"))


async def test_entities_use_utf16_offsets() -> None:
    text = "😀 hi @faceshift_bot /swap@faceshift_bot x"
    entities = detect_entities(text)
    assert entities == [
        {"type": "mention", "offset": 6, "length": 14},
        {"type": "bot_command", "offset": 21, "length": 19},
    ]
    assert utf16_len("😀") == 2
    assert detect_entities("mail me@example.com, see http://x.org/path") == []


# ---- photos, documents, files -----------------------------------------------------------------------------


async def test_user_photo_sizes_largest_last(tg: FakeTelegram) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)

    big = await alice.send_photo(dm, jpeg(2000, 1500))
    sizes = big["photo"]
    assert [max(s["width"], s["height"]) for s in sizes] == [90, 320, 800, 1280]
    assert (sizes[-1]["width"], sizes[-1]["height"]) == (1280, 960)
    assert len({s["file_id"] for s in sizes}) == 4 and len({s["file_unique_id"] for s in sizes}) == 4
    for size in sizes:
        data = tg.file_bytes(size["file_id"])
        assert image_size(data) == (size["width"], size["height"])
        assert size["file_size"] == len(data)

    small = await alice.send_photo(dm, (DATA / "astronaut-256.jpg").read_bytes())
    assert [(s["width"], s["height"]) for s in small["photo"]] == [(90, 90), (256, 256)]

    with pytest.raises(ValueError, match="decodable image"):
        await alice.send_photo(dm, b"not an image")


async def test_album_shares_media_group_id(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    group = tg.group(id=-100123, title="Friends")

    album = await alice.send_album(dm, [jpeg(300, 300), jpeg(320, 200, (0, 0, 255))], caption="/swap")
    assert len(album) == 2
    assert album[0]["media_group_id"] == album[1]["media_group_id"]
    assert album[0]["caption"] == "/swap" and "caption" not in album[1]
    assert album[1]["message_id"] == album[0]["message_id"] + 1

    updates = await bot.get_updates(timeout=0)
    assert [u.message.media_group_id for u in updates if u.message] == [album[0]["media_group_id"]] * 2
    assert len({u.update_id for u in updates}) == 2

    in_group = await alice.send_album(group, [jpeg(100, 100), jpeg(120, 100)], caption="/swap")
    assert [tg.was_delivered(m) for m in in_group] == [True, False]  # privacy mode: only the captioned one


async def test_bot_send_photo_multipart_round_trip(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    original = jpeg(1000, 600)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])

    sent = await bot.send_photo(dm.id, original, caption="<b>Done</b>", parse_mode=ParseMode.HTML, reply_markup=markup)

    call = tg.calls_to("sendPhoto")[0]
    assert call.files["photo"].data == original  # the multipart file part, byte for byte
    assert call.params["reply_markup"] == markup.to_dict()  # JSON-encoded form field, decoded
    assert sent.caption == "Done"
    assert sent.caption_entities[0].type == "bold"
    assert [max(p.width, p.height) for p in sent.photo] == [90, 320, 800, 1000]
    assert sent.reply_markup == markup

    file = await bot.get_file(sent.photo[-1].file_id)
    assert file.file_path is not None and file.file_path.startswith(f"{tg.base_url}/file/bot")
    downloaded = bytes(await file.download_as_bytearray())
    assert downloaded == tg.message_file(sent.to_dict()).data
    assert image_size(downloaded) == (1000, 600)

    again = await bot.send_photo(dm.id, sent.photo[-1].file_id)  # re-send by file_id
    assert [p.file_id for p in again.photo] == [p.file_id for p in sent.photo]
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(dm.id, "AgACunknown")
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(dm.id, b"GIF89a not really")
    with pytest.raises(BadRequest, match="Photo_save_file_invalid"):
        await bot.send_photo(dm.id, b"\xff" * (10 * 1024 * 1024 + 1))
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await bot.send_photo(dm.id, jpeg(2100, 100))


async def test_send_document_up_to_50_mb_any_shape(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    strip = io.BytesIO()
    Image.new("RGB", (13000, 400), (10, 20, 30)).save(strip, "PNG")
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await bot.send_photo(dm.id, strip.getvalue())  # a side ratio over 20: no photo can show it
    sent = await bot.send_document(dm.id, strip.getvalue(), filename="faceshift.png", caption="Done")
    assert sent.document is not None and sent.document.file_name == "faceshift.png"
    assert sent.document.mime_type == "image/png" and sent.caption == "Done"
    assert tg.message_file(sent.to_dict()).data == strip.getvalue()
    again = await bot.send_document(dm.id, sent.document.file_id)  # re-send by file_id
    assert again.document is not None and again.document.file_id == sent.document.file_id
    with pytest.raises(NetworkError, match="Request Entity Too Large"):
        await bot.send_document(dm.id, b"\0" * (50 * 1024 * 1024 + 1), filename="huge.bin")


async def test_a_group_upgraded_to_a_supergroup(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    group = tg.group(id=-4001, title="Friends", supergroup=False)
    await alice.send_text(group, "/start")
    supergroup = tg.migrate_to_supergroup(group, -1004001, by=alice)
    assert supergroup.type == "supergroup" and supergroup.title == "Friends"
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates if u.message]
    service = [m for m in messages if m.migrate_to_chat_id or m.migrate_from_chat_id]
    assert [(m.chat.id, m.migrate_to_chat_id, m.migrate_from_chat_id) for m in service] == [
        (-4001, -1004001, None),
        (-1004001, None, -4001),
    ]
    for call in (
        bot.send_message(-4001, "hello"),
        bot.send_photo(-4001, jpeg(100, 100)),
        bot.delete_message(-4001, 1),
    ):
        with pytest.raises(ChatMigrated) as migrated:
            await call
        assert migrated.value.new_chat_id == -1004001
    sent = await bot.send_message(-1004001, "hello")
    assert sent.chat.id == -1004001 and sent.chat.type == "supergroup"
    with pytest.raises(ValueError, match="not a basic group"):
        tg.migrate_to_supergroup(supergroup, -1004002)


async def test_fail_next_fails_one_chat_for_a_while(tg: FakeTelegram, bot: Bot) -> None:
    alice, bob = tg.user(id=1001, first_name="Alice"), tg.user(id=1002, first_name="Bob")
    tg.private_chat(alice)
    tg.private_chat(bob)
    tg.fail_next("sendMessage", 502, count=2, chat_id=alice.id)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(alice.id, "hi")
    await bot.send_message(bob.id, "hi")  # other chats are served
    await bot.send_message(alice.id, "hi")  # the two calls are used up
    tg.fail_next("*", 500, chat_id=bob.id, count=None, seconds=60)
    with pytest.raises(NetworkError):
        await bot.send_chat_action(bob.id, "typing")
    tg.clear_faults()
    await bot.send_message(bob.id, "hi")
    assert [m["text"] for m in tg.bot_messages(alice)] == ["hi"]


async def test_get_file_limits_and_download_errors(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    photo = await alice.send_photo(dm, jpeg(640, 480))
    largest = photo["photo"][-1]

    file = await bot.get_file(largest["file_id"])
    assert file.file_size == largest["file_size"] and file.file_unique_id == largest["file_unique_id"]
    assert bytes(await file.download_as_bytearray()) == tg.file_bytes(largest["file_id"])

    huge = await alice.send_document(dm, b"\0" * (20 * 1024 * 1024 + 1), file_name="huge.bin")
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(huge["document"]["file_id"])
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")

    path = tg.stored_file(largest["file_id"]).file_path
    async with httpx.AsyncClient(base_url=tg.base_url) as raw:
        assert (await raw.get(f"/file/bot{TOKEN}/{path}")).content == tg.file_bytes(largest["file_id"])
        assert (await raw.get(f"/file/bot{TOKEN}/photos/missing.jpg")).status_code == 404
        assert (await raw.get(f"/file/bot999:WRONG/{path}")).status_code == 401


# ---- edits, deletes, replies, threads ---------------------------------------------------------------------


async def test_edits_and_not_modified(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Older", callback_data="older")]])
    sent = await bot.send_message(dm.id, "Working…", reply_markup=markup)
    snapshot = await tg.wait_for_bot_message(dm)

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Working…", dm.id, sent.message_id, reply_markup=markup)
    edited = await bot.edit_message_text("Done", dm.id, sent.message_id)
    assert isinstance(edited, Message) and edited.text == "Done" and edited.edit_date is not None
    assert edited.reply_markup is None  # omitting reply_markup removes the keyboard, as on Telegram
    current = await tg.wait_for_edit(snapshot)
    assert current["text"] == "Done" and "reply_markup" not in current

    await bot.edit_message_reply_markup(dm.id, sent.message_id, reply_markup=markup)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(dm.id, sent.message_id, reply_markup=markup)
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        await bot.edit_message_caption(dm.id, sent.message_id, caption="x")

    photo = await bot.send_photo(dm.id, jpeg(100, 100), caption="first")
    await bot.edit_message_caption(dm.id, photo.message_id, caption="second")
    assert tg.message(dm, photo.message_id)["caption"] == "second"

    mine = await alice.send_text(dm, "mine")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("hacked", dm.id, mine["message_id"])

    assert await bot.delete_message(dm.id, sent.message_id)
    await tg.wait_for_deletion(snapshot)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(dm.id, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("late", dm.id, sent.message_id)
    assert sent.message_id not in [m["message_id"] for m in tg.transcript(dm)]
    assert tg.transcript(dm, include_deleted=True)[0]["_deleted"] is True


async def test_replies_and_forum_threads(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    forum = tg.group(id=-100555, title="Forum", is_forum=True)
    topic = tg.create_topic(forum, "Photos", by=alice)
    asked = await alice.send_photo(forum, jpeg(64, 64), caption="/older", thread_id=topic)
    assert asked["message_thread_id"] == topic and asked["is_topic_message"] is True

    reply = await bot.send_message(
        forum.id,
        "Here you go",
        message_thread_id=topic,
        reply_parameters=ReplyParameters(message_id=asked["message_id"]),
    )
    assert reply.message_thread_id == topic and reply.is_topic_message is True
    assert reply.reply_to_message is not None and reply.reply_to_message.caption == "/older"
    assert reply.reply_to_message.reply_to_message is None

    legacy = await bot.send_message(forum.id, "legacy", reply_to_message_id=asked["message_id"])
    assert legacy.message_thread_id == topic  # the reply lands in the original's topic

    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum.id, "lost", message_thread_id=999)
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(forum.id, "x", reply_parameters=ReplyParameters(message_id=999))
    alone = await bot.send_message(
        forum.id, "anyway", reply_parameters=ReplyParameters(message_id=999, allow_sending_without_reply=True)
    )
    assert alone.reply_to_message is None


async def test_parse_modes() -> None:
    assert parse_formatted_text("<b>Hi</b> &lt;3 <a href='https://x.org'>link</a>", "HTML") == (
        "Hi <3 link",
        [
            {"type": "bold", "offset": 0, "length": 2},
            {"type": "text_link", "offset": 6, "length": 4, "url": "https://x.org"},
        ],
    )
    assert parse_formatted_text("  plain  ", None) == ("plain", [])
    for text, mode, error in [
        ("Hello <Alice>", "HTML", 'Unsupported start tag "alice"'),
        ("<b>open", "HTML", "Can't find end tag"),
        ("*bold*", "MarkdownV2", "unsupported parse_mode"),  # the bot formats with HTML only
    ]:
        with pytest.raises(ApiError, match=error):
            parse_formatted_text(text, mode)


async def test_bad_html_from_the_bot_is_rejected(tg: FakeTelegram, bot: Bot) -> None:
    dm = tg.private_chat(tg.user(id=1001, first_name="Alice"))
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_message(dm.id, "Hi <3 & <you>", parse_mode=ParseMode.HTML)


# ---- commands, driver waits -------------------------------------------------------------------------------


async def test_commands_by_scope_and_language(tg: FakeTelegram, bot: Bot) -> None:
    group = tg.group(id=-100123, title="Friends")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("older", "Make older")])
    await bot.set_my_commands([BotCommand("start", "Начать")], language_code="ru")
    await bot.set_my_commands([BotCommand("swap", "Swap faces")], scope=BotCommandScopeChat(group.id))
    await bot.set_my_commands([BotCommand("help", "Help")], scope=BotCommandScopeAllPrivateChats())

    assert [c["command"] for c in tg.commands[("default", "")]] == ["start", "older"]
    assert tg.commands[("default", "ru")] == [{"command": "start", "description": "Начать"}]
    assert tg.commands[(f"chat:{group.id}", "")][0]["command"] == "swap"
    assert ("all_private_chats", "") in tg.commands
    assert [c.command for c in await bot.get_my_commands(language_code="ru")] == ["start"]
    await bot.delete_my_commands(language_code="ru")
    assert ("default", "ru") not in tg.commands
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Command", "x")])


async def test_wait_for_bot_message_is_event_driven_and_fails_with_transcript(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)
    await alice.send_text(dm, "/start")

    async def reply_later() -> None:
        await asyncio.sleep(0.05)
        await bot.send_message(dm.id, "first")
        await bot.send_message(dm.id, "second")

    task = asyncio.create_task(reply_later())
    assert (await tg.wait_for_bot_message(dm))["text"] == "first"
    assert (await tg.wait_for_bot_message(alice, predicate=lambda m: m["text"] == "second"))["text"] == "second"
    await task
    await tg.assert_no_bot_message(dm, within=0.05)

    with pytest.raises(AssertionError) as failure:
        await tg.wait_for_bot_message(dm, timeout=0.05)
    report = str(failure.value)
    assert "timed out after 0.05s waiting for a bot message" in report
    assert "'/start'" in report and "'second'" in report
    assert TOKEN not in report


async def test_press_errors_are_clear(tg: FakeTelegram, bot: Bot) -> None:
    alice = tg.user(id=1001, first_name="Alice")
    bob = tg.user(id=1002, first_name="Bob")
    dm = tg.private_chat(alice)
    sent = await bot.send_message(
        dm.id,
        "menu",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Older", callback_data="older"), InlineKeyboardButton("Site", url="https://x.org")]]
        ),
    )
    message: dict[str, Any] = sent.to_dict()
    with pytest.raises(AssertionError, match="no button 'Younger'"):
        await alice.press(message, "Younger")
    with pytest.raises(AssertionError, match="not a callback button"):
        await alice.press(message, "Site")
    with pytest.raises(AssertionError, match="another person's private chat"):
        await bob.press(message, "older")
    query_id = await alice.press(message, "older")  # by callback_data
    tg.expire_callback_queries()
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


# ---- a real python-telegram-bot Application against the fake -----------------------------------------------


async def test_application_polling_round_trip(tg: FakeTelegram) -> None:
    """The way the bot's own tests use the fake: an Application polls it, people talk, the test waits."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            "Pick one", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Older", callback_data="older")]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("On it")
        await query.edit_message_text(f"You chose {query.data}")

    app: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{tg.base_url}/bot")
        .base_file_url(f"{tg.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    alice = tg.user(id=1001, first_name="Alice")
    dm = tg.private_chat(alice)

    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5)
        try:
            await alice.send_text(dm, "/start")
            menu = await tg.wait_for_bot_message(dm)
            assert menu["text"] == "Pick one"
            query_id = await alice.press(menu, "Older")
            assert (await tg.wait_for_callback_answer(query_id)).text == "On it"
            edited = await tg.wait_for_edit(menu)
            assert edited["text"] == "You chose older" and "reply_markup" not in edited
        finally:
            await app.updater.stop()
            await app.stop()
    assert tg.calls_to("deleteWebhook"), "PTB clears the webhook before polling"
    await tg.wait_until_confirmed(timeout=1)  # PTB confirms the last offset when it stops
