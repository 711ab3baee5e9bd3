"""Driving the conversation as people do, and reading what the bot answered: buttons and texts of its messages,
a photo and its menu, waiting for a result or a text, the quota as the bot's database has it, and what kind of
answer a message is (for the fault suites)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from bot.i18n import Texts
from bot.quota_clock import QuotaClock
from storage.quota import Allowance, QuotaRepository
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot
from tests.support.images import FACE

ALL_BUTTONS = ["👴 Older", "👶 Younger", "🔄 Swap gender", "🎭 Swap faces", "🔍 Detect gender"]
RESULT_TIMEOUT = 10.0


# ---- the bot's messages -----------------------------------------------------------------------------------


def buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def callback_data(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def is_photo(message: dict[str, Any]) -> bool:
    return "photo" in message


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


# ---- the quota, from the bot's database ---------------------------------------------------------------------


async def allowance(bot: RunningBot, user_id: int) -> Allowance:
    """The person's quota as the bot's database has it now."""
    async with bot.database() as db:
        quota = QuotaRepository(db, bot.settings.free_daily_quota)
        return await quota.allowance(user_id, QuotaClock(bot.settings.quota_timezone).today())


async def audit(bot: RunningBot) -> list[str]:
    async with bot.database() as db:
        return await QuotaRepository(db, bot.settings.free_daily_quota).audit()


# ---- gestures and waiting for answers -------------------------------------------------------------------------


async def photo_and_menu(tg: FakeTelegram, user: FakeUser, data: bytes = FACE) -> tuple[dict[str, Any], dict[str, Any]]:
    """``user`` sends a photo in their private chat; returns (the photo, the bot's menu)."""
    photo = await user.send_photo(user, data)

    def is_menu(message: dict[str, Any]) -> bool:
        return message.get("reply_to_message", {}).get("message_id") == photo["message_id"] and bool(buttons(message))

    menu = await tg.wait_for_bot_message(user, predicate=is_menu)
    return photo, menu


async def press_age(tg: FakeTelegram, user: FakeUser, menu: dict[str, object], age: str = "65 years") -> str:
    await user.press(menu, "👴 Older")
    return await user.press(await tg.wait_for_edit(menu), age)


async def menu_back(tg: FakeTelegram, chat: Any, menu: dict[str, Any]) -> dict[str, Any]:
    """The menu message once it shows the main menu again (after a job that showed its stages in it)."""
    wanted = (menu["text"], buttons(menu))
    await tg.wait_until(
        lambda: (text_of(now := tg.message(chat, menu["message_id"])), buttons(now)) == wanted, what="the menu again"
    )
    return tg.message(chat, menu["message_id"])


async def wait_result(tg: FakeTelegram, chat: Any, timeout: float = RESULT_TIMEOUT) -> dict[str, Any]:
    return await tg.wait_for_bot_message(chat, predicate=is_photo, timeout=timeout)


async def wait_text(tg: FakeTelegram, chat: Any, needle: str, timeout: float = RESULT_TIMEOUT) -> dict[str, Any]:
    """The next bot message in ``chat`` (edits applied) whose text contains ``needle``, or an earlier one the bot
    edited to say it.

    Status messages are edited into their final word, so this also finds a status message turned failure; and a
    job started from a menu shows its stages in that menu.
    """
    found: list[dict[str, Any]] = []

    def edited_to_say() -> list[dict[str, Any]]:
        return [m for m in tg.bot_messages(chat) if "edit_date" in m and needle in text_of(m)]

    before = {(m["message_id"], text_of(m)) for m in edited_to_say()}  # said already: not news

    def said() -> bool:
        edited = [m for m in edited_to_say() if (m["message_id"], text_of(m)) not in before]
        if edited:
            found.append(edited[-1])
        else:
            with contextlib.suppress(LookupError):
                found.append(tg.next_bot_message(chat, lambda m: needle in text_of(m)))
        return bool(found)

    await tg.wait_until(said, timeout=timeout, what=f"a bot message saying {needle!r}")
    return found[0]


async def poll_until(condition: Callable[[], object], *, timeout: float, what: str) -> None:
    """Wait until ``condition()`` holds, looking every 20 ms (it may read the vendors or the database, whose
    changes do not wake ``FakeTelegram.wait_until``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(0.02)


# ---- what kind of answer a message is (the fault suites) ------------------------------------------------------

EN = Texts().get("en")
NOT_FREE = EN("not-free")
INTERRUPTED = EN("fail-interrupted")
REFUSALS = {EN("file-not-image"): "not an image", EN("file-too-big"): "too big"}
NO_FACE = EN("faces-none")  # said before anything is reserved, with "Try anyway": an answer that costs nothing
GENERIC = EN("error-generic")
MENU = EN("menu-prompt")
# The first words of each failure text -> its kind, for the table.
FAILURE_KINDS = {
    EN(key, min=0).split("0")[0][:40]: key.removeprefix("fail-")
    for key in sorted(Texts.message_ids("en"))
    if key.startswith("fail-")
}


def answer_kind(message: dict[str, Any]) -> str | None:
    """What a bot message is: a final answer's kind, None for menus and status messages, "unexpected" else."""
    if is_photo(message):
        return "result"
    text = text_of(message)
    if INTERRUPTED in text:
        return "interrupted"
    if NOT_FREE in text:
        first = text.splitlines()[0]
        kind = next((k for prefix, k in FAILURE_KINDS.items() if first.startswith(prefix)), "other")
        return f"failed: {kind}"
    if text in REFUSALS:
        return f"refused: {REFUSALS[text]}"
    if text == NO_FACE:
        return "refused: no face"
    if text == GENERIC:
        return "error-generic"
    if text.startswith("⏳") or (text == MENU and buttons(message)):
        return None
    return "unexpected"


ADMIN_ID = 900  # make_settings: ADMIN_IDS=900
UNKNOWN = "I don't know that command. /help shows what I can do."


async def ask(tg: FakeTelegram, user: FakeUser, text: str, chat: Any = None, reply_to: Any = None) -> str:
    """``user`` sends ``text`` (in their private chat unless ``chat``); the bot's answer there."""
    where = chat if chat is not None else user
    await user.send_text(where, text, reply_to=reply_to)
    return text_of(await tg.wait_for_bot_message(where))


async def ledger_rows(bot: RunningBot) -> list[tuple[Any, ...]]:
    async with bot.database() as db:
        rows = await db.conn.execute_fetchall("SELECT kind, amount, admin_id, reason, user_id FROM ledger ORDER BY id")
    return [tuple(row) for row in rows]


def swap_calls(vendors: FakeVendors) -> list[dict[str, Any]]:
    return [r.json for r in vendors.acedata.requests_to("/face/swap") if r.json is not None]
