"""/language: choose the language the bot speaks.

In a private chat it is the person's own choice. In a group it is the group's, and only the group's Telegram
admins may change it (an anonymous admin, who writes as the group, too); anyone else is told so. The buttons
carry ``lang:<code>`` (or ``lang:auto``): a press is checked again against who pressed, since in a group
anyone can press any button. "Automatic" forgets the choice: a person is then spoken to in their Telegram
app's language, and a group has no language of its own (each person is answered in theirs).
"""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest

from bot.i18n import LANGUAGE_NAMES, Catalog
from handlers.context import Context
from handlers.replies import catalog_for, is_private

PREFIX = "lang:"
AUTO = "auto"
PATTERN = rf"^{PREFIX}"
_ROW = 3  # language buttons per row
_MARK = "✓ "


def keyboard(catalog: Catalog, current: str | None) -> InlineKeyboardMarkup:
    """Every language by its own name, the current one marked; then "Automatic"."""
    buttons = [
        InlineKeyboardButton((_MARK if code == current else "") + name, callback_data=PREFIX + code)
        for code, name in LANGUAGE_NAMES.items()
    ]
    rows = [buttons[i : i + _ROW] for i in range(0, len(buttons), _ROW)]
    auto = (_MARK if current is None else "") + catalog("btn-language-auto")
    rows.append([InlineKeyboardButton(auto, callback_data=PREFIX + AUTO)])
    return InlineKeyboardMarkup(rows)


async def command(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    languages = context.services.languages
    catalog = catalog_for(update, context)
    if is_private(message):
        if user is None:
            return
        chosen = languages.person_choice(user.id)
        key = "language-prompt-private" if chosen else "language-prompt-private-auto"
        await message.reply_text(catalog(key, language=catalog.name), reply_markup=keyboard(catalog, chosen))
        return
    if not await _speaks_for_group(context, message, user):
        await message.reply_text(catalog("language-not-admin"), do_quote=True)
        return
    group = languages.group_choice(message.chat_id)
    text = catalog("language-prompt-group", language=catalog.name) if group else catalog("language-prompt-group-auto")
    await message.reply_text(text, reply_markup=keyboard(catalog, group), do_quote=True)


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    choice = (query.data or "").removeprefix(PREFIX)
    language = None if choice == AUTO else choice
    presser = query.from_user
    message = query.message
    if message is None or (language is not None and language not in LANGUAGE_NAMES):
        await query.answer(catalog_for(update, context)("menu-gone"), show_alert=True)
        return
    languages = context.services.languages
    chat = message.chat
    if chat.type == ChatType.PRIVATE:
        if presser.id != chat.id:  # cannot happen in Telegram; cheap to be sure
            await query.answer(catalog_for(update, context)("not-yours"), show_alert=True)
            return
        await languages.choose_for_person(presser.id, language)
        catalog = languages.catalog(chat_id=chat.id, user_id=presser.id, language_code=presser.language_code)
        text = catalog("language-set-private" if language else "language-set-private-auto", language=catalog.name)
    else:
        if not await is_group_admin(context, chat.id, presser.id):
            await query.answer(catalog_for(update, context)("language-admins-only"), show_alert=True)
            return
        await languages.choose_for_group(chat.id, language, by=presser.id)
        catalog = languages.catalog(chat_id=chat.id, user_id=presser.id, language_code=presser.language_code)
        text = catalog("language-set-group", language=catalog.name) if language else catalog("language-set-group-auto")
    await query.answer()
    with contextlib.suppress(BadRequest):  # the prompt was deleted, or pressed twice ("not modified")
        await query.edit_message_text(text)


async def on_migrate(update: Update, context: Context) -> None:
    """A group upgraded to a supergroup continues under a new id: its language goes with it."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id is not None:
        await context.services.languages.group_moved(message.chat_id, message.migrate_to_chat_id)


async def _speaks_for_group(context: Context, message: Message, user: User | None) -> bool:
    """The sender is one of the group's admins: an anonymous admin writes as the group itself."""
    if message.sender_chat is not None:
        return message.sender_chat.id == message.chat_id
    return user is not None and await is_group_admin(context, message.chat_id, user.id)


async def is_group_admin(context: Context, chat_id: int, user_id: int) -> bool:
    """The person is the group's owner or one of its administrators, as Telegram says now."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except BadRequest:  # "user not found", "member list is inaccessible"
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
