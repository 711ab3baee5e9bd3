"""Languages end to end: the person's Telegram language by default, /language per person and per group (its
Telegram admins only), choices that survive a restart, jobs that answer in their chat's language, command
menus in every language, and right-to-left texts that Telegram shows in the right order."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from bidi import get_display  # type: ignore[import-untyped]

from bot.i18n import FSI, LANGUAGE_NAMES, LANGUAGES, PDI, Texts
from bot.languages import Languages
from handlers import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from storage import Database
from storage.chats import ChatsRepository
from storage.users import UsersRepository
from tests.fakes.telegram import FakeTelegram, FakeUser
from tests.fakes.vendors import FakeVendors
from tests.support.bot import RunningBot, make_settings, running_bot
from tests.support.conversation import buttons, callback_data, photo_and_menu, text_of, wait_result
from tests.support.images import FACE

TEXTS = Texts()
GROUP = -100555


def html_free(text: str) -> str:
    """What Telegram shows of a catalogue text (the fake stores messages with their HTML parsed)."""
    for tag in ("<b>", "</b>"):
        text = text.replace(tag, "")
    return text


async def group_language_becomes(bot: RunningBot, chat_id: int, language: str, timeout: float = 5.0) -> None:
    """Wait until the bot's database holds ``language`` for the group (looking every 20 ms: a database
    change does not wake the fake's waiters)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        with contextlib.closing(sqlite3.connect(bot.settings.database_path)) as db:
            row = db.execute("SELECT language FROM chats WHERE id = ?", (chat_id,)).fetchone()
        if row is not None and row[0] == language:
            return
        if loop.time() > deadline:
            raise AssertionError(f"group {chat_id} did not get the language {language!r}")
        await asyncio.sleep(0.02)


async def ask(tg: FakeTelegram, person: FakeUser, chat: Any, command: str) -> dict[str, Any]:
    sent = await person.send_text(chat, command)
    return await tg.wait_for_bot_message(
        chat,
        predicate=lambda m: (
            m.get("reply_to_message", {}).get("message_id") == sent["message_id"]
            or (chat is person and m["message_id"] > sent["message_id"])
        ),
    )


async def choose(tg: FakeTelegram, person: FakeUser, prompt: dict[str, Any], button: str) -> str:
    """Press a language button on ``prompt``; returns the confirmation the prompt was edited into."""
    query = await person.press(prompt, button)
    assert not (await tg.wait_for_callback_answer(query)).show_alert
    return str((await tg.wait_for_edit(prompt))["text"])


async def test_a_spanish_speaker_gets_spanish_everywhere(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    es = TEXTS.get("es")
    ana = tg.user(1001, "Ana", language_code="es-419")
    start = await ask(tg, ana, ana, "/start")
    assert start["text"].startswith("¡Hola, Ana!") and html_free(es("start", name="Ana")) == start["text"]

    _, menu = await photo_and_menu(tg, ana)
    assert buttons(menu) == [
        es(k) for k in ("btn-older", "btn-younger", "btn-swap-gender", "btn-swap-faces", "btn-detect")
    ]
    await ana.press(menu, es("btn-older"))
    ages = await tg.wait_for_edit(menu)
    assert ages["text"] == es("menu-older") and buttons(ages)[0] == "50 años"
    await ana.press(ages, "80 años")
    result = await wait_result(tg, ana)
    assert result["caption"] == f"{es('done-older', age=80)}\n{es('quota-left', left=4, credits=0)}"

    # A failure (no face found) is told in Spanish, and costs nothing.
    vendors.ailab.fail(422, "ERROR_NO_FACE_IN_FILE")
    await ana.press(result, es("btn-younger"))
    await ana.press(await tg.wait_for_edit(result), "18 años")
    failure = await tg.wait_for_bot_message(ana, predicate=lambda m: es("fail-no_face") in text_of(m))
    assert es("not-free") in failure["text"]
    # The "/" menu is published in Spanish.
    spanish = {c["command"]: c["description"] for c in tg.commands[("all_private_chats", "es")]}
    assert spanish["language"] == es("cmd-language") and spanish["help"] == es("cmd-help")


async def test_language_choice_persists_across_a_restart(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    de = TEXTS.get("de")
    bea = tg.user(1001, "Bea", language_code="en")
    async with running_bot(tg, settings):
        prompt = await ask(tg, bea, bea, "/language")
        assert prompt["text"] == html_free(TEXTS.get("en")("language-prompt-private-auto", language="English"))
        # Every language by its own name; "Automatic" is marked, as nothing was chosen yet.
        assert buttons(prompt) == [*LANGUAGE_NAMES.values(), "✓ 🌐 Automatic (from Telegram)"]
        assert all(len(data.encode()) <= 64 for data in callback_data(prompt))
        confirmation = await choose(tg, bea, prompt, "Deutsch")
        assert confirmation == html_free(de("language-set-private", language="Deutsch"))
        assert (await ask(tg, bea, bea, "/help"))["text"] == html_free(de("help-private"))

    async with running_bot(tg, settings):  # a new process reads the choice back
        assert (await ask(tg, bea, bea, "/start"))["text"] == html_free(de("start", name="Bea"))
        prompt = await ask(tg, bea, bea, "/language")
        assert prompt["text"] == html_free(de("language-prompt-private", language="Deutsch"))
        assert "✓ Deutsch" in buttons(prompt)
        confirmation = await choose(tg, bea, prompt, de("btn-language-auto"))  # back to the app's language
        assert confirmation == html_free(TEXTS.get("en")("language-set-private-auto", language="English"))
        assert (await ask(tg, bea, bea, "/start"))["text"].startswith("Hi, Bea!")


async def test_a_group_set_to_turkish_answers_in_turkish_while_private_chats_stay_russian(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    tr, ru = TEXTS.get("tr"), TEXTS.get("ru")
    owner = tg.user(1001, "Emre", language_code="tr")
    ivan = tg.user(1002, "Иван", language_code="ru")
    group = tg.group(GROUP, "Arkadaşlar")
    tg.make_admin(group, owner, owner=True)

    # Before any choice each person is answered in their own language, in the group too.
    assert (await ask(tg, ivan, group, "/help"))["text"] == html_free(ru("help-group"))
    # Ivan is not an admin: he may not choose the group's language, by command or by button.
    refusal = await ask(tg, ivan, group, "/language")
    assert refusal["text"] == ru("language-not-admin") and not buttons(refusal)
    prompt = await ask(tg, owner, group, "/language")
    assert prompt["text"] == tr("language-prompt-group-auto")
    query = await ivan.press(prompt, "Русский")
    answer = await tg.wait_for_callback_answer(query)
    assert answer.show_alert and answer.text == ru("language-admins-only")
    assert tg.message(group, prompt["message_id"])["text"] == prompt["text"]  # unchanged

    assert await choose(tg, owner, prompt, "Türkçe") == html_free(tr("language-set-group", language="Türkçe"))
    assert (await ask(tg, ivan, group, "/help"))["text"] == html_free(tr("help-group"))
    # A job in the group: its result (and its buttons) in Turkish, though Ivan reads Russian.
    photo = await ivan.send_photo(group, FACE)
    await ivan.send_text(group, "/older", reply_to=photo)
    result = await wait_result(tg, group)
    assert result["caption"].startswith(tr("done-older", age=65)) and buttons(result)[0] == tr("btn-older")
    # Ivan's private chat stays Russian.
    assert (await ask(tg, ivan, ivan, "/help"))["text"] == html_free(ru("help-private"))
    _, menu = await photo_and_menu(tg, ivan)
    assert buttons(menu)[0] == ru("btn-older")

    # An anonymous admin (writing as the group) may open the choice; "Automatic" gives the group back to
    # each person's own language.
    anonymous = tg.post_as_group(group, "/language")
    prompt = await tg.wait_for_bot_message(group, predicate=lambda m: m["message_id"] > anonymous["message_id"])
    assert prompt["text"] == html_free(tr("language-prompt-group", language="Türkçe"))
    assert "✓ Türkçe" in buttons(prompt)
    assert await choose(tg, owner, prompt, tr("btn-language-auto")) == tr("language-set-group-auto")
    assert (await ask(tg, ivan, group, "/help"))["text"] == html_free(ru("help-group"))


async def test_a_group_keeps_its_language_when_it_becomes_a_supergroup(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    owner = tg.user(1001, "Ana", language_code="es")
    old = tg.group(-555, "Amigos", supergroup=False)
    tg.make_admin(old, owner, owner=True)
    prompt = await ask(tg, owner, old, "/language")
    await choose(tg, owner, prompt, "Deutsch")
    new = tg.group(-100556, "Amigos")
    await owner.send_message(old, {"migrate_to_chat_id": new.id})
    await owner.send_message(new, {"migrate_from_chat_id": old.id})
    await group_language_becomes(bot, new.id, "de")  # updates are handled concurrently: wait for this one
    assert (await ask(tg, owner, new, "/help"))["text"] == html_free(TEXTS.get("de")("help-group"))


async def test_arabic_texts_with_latin_names_read_in_the_right_order(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    ar = TEXTS.get("ar")
    owner = tg.user(1001, "Layla", language_code="ar")
    john = tg.user(1002, "John Smith", username="jsmith", language_code="en")
    group = tg.group(GROUP, "الأصدقاء")
    tg.make_admin(group, owner, owner=True)
    prompt = await ask(tg, owner, group, "/language")
    assert await choose(tg, owner, prompt, "العربية") == html_free(ar("language-set-group", language="العربية"))

    # The face swap prompt starts with the person's name: "John Smith، ردّ على ...".
    target = await john.send_photo(group, FACE)
    await john.send_text(group, "/swap", reply_to=target)
    shown = await tg.wait_for_bot_message(group, predicate=lambda m: "John Smith" in text_of(m))
    text = shown["text"]
    assert text.startswith(f"{FSI}John Smith{PDI}،")  # the name is isolated in what Telegram received
    line = text.splitlines()[0]
    # Laid out by the Unicode bidi algorithm (as Telegram's apps do): the line is right to left, so the name,
    # first in reading order, is at the right end, followed (to its left) by the Arabic comma.
    visual = get_display(line).replace(FSI, "").replace(PDI, "")
    assert visual.endswith("،John Smith") and "John Smith" in visual
    # Without the isolates the Latin name would make the whole line left to right (name first, on the left).
    assert get_display(line.replace(FSI, "").replace(PDI, "")).startswith("John Smith")

    # An Arabic-speaking admin's answer names the person as "John Smith (@jsmith, id 1002)", intact.
    admin = tg.user(900, "Karim", language_code="ar")
    answer = await ask(tg, admin, admin, "/ban @jsmith")
    label = "John Smith (@jsmith, id 1002)"
    assert f"{FSI}{label}{PDI}" in answer["text"]
    assert label in get_display(answer["text"]).replace(FSI, "").replace(PDI, "")


async def test_command_menus_are_published_in_every_language(
    tg: FakeTelegram, vendors: FakeVendors, bot: RunningBot
) -> None:
    for scope, commands in (("all_private_chats", PRIVATE_COMMANDS), ("all_group_chats", GROUP_COMMANDS)):
        assert "language" in [name for name, _ in commands]
        for language in LANGUAGES:
            catalog = TEXTS.get(language)
            published = tg.commands[(scope, language)]
            assert published == [{"command": name, "description": catalog(key)} for name, key in commands]
        assert tg.commands[(scope, "")] == tg.commands[(scope, "en")]
    assert "language" in [name for name, _ in ADMIN_COMMANDS]


async def test_choices_are_stored_and_read_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        users, chats = UsersRepository(db), ChatsRepository(db)
        await users.set_language(7, "de")  # before the person was ever seen: a row of its own
        await users.record_seen(7, username="bea", first_name="Bea", language_code="en")  # keeps the choice
        await users.set_language(8, "xx")  # a language no longer offered (a catalogue removed)
        await chats.set_language(-100, "tr", by=7)
        languages = Languages(TEXTS, users, chats)
        await languages.load()
        assert languages.language(chat_id=7, user_id=7, language_code="en") == "de"
        assert languages.language(chat_id=8, user_id=8, language_code="pt-BR") == "pt"
        assert languages.language(chat_id=-100, user_id=9, language_code="ru") == "tr"
        assert languages.language(chat_id=-101, user_id=9, language_code="zh-hans") == "en"
        await languages.choose_for_person(7, None)
        await languages.group_moved(-100, -1001)
        again = Languages(TEXTS, users, chats)
        await again.load()
        assert again.person_choice(7) is None and again.group_choice(-100) is None
        assert again.group_choice(-1001) == "tr"
        record = await users.get(7)
        assert record is not None and (record.first_name, record.language) == ("Bea", None)
    finally:
        await db.close()
