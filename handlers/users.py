"""Who is the customer, and the handler that runs first for every update: remember them, and keep the bot to the
chats it may serve.

The account is the effective sender (``Update.effective_sender``): a person, or the chat that speaks. Every
anonymous admin of a group posts as that group (``from`` is GroupAnonymousBot, 1087968824), everyone posting as a
channel as that channel (``from`` is Channel_Bot, 136817688; posts a linked channel forwards automatically come
from 777000 with the channel as ``sender_chat``). So such a chat is an account of its own, with a negative id:
quota, bans, ``/quota``, button ownership and admin ``<who>`` follow it, and one anonymous admin can no longer use
up (or get banned for) everyone else's. The ``users`` table keeps these chats too, with their title as the name.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass

from telegram import Chat, Update, User
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers import payments
from handlers.context import Context

log = logging.getLogger(__name__)

GROUP_ANONYMOUS_BOT = 1087968824  # the "from" of anonymous group admins' messages
CHANNEL_BOT = 136817688  # the "from" of messages posted in a group as a channel
TELEGRAM_SERVICE = 777000  # the "from" of posts a linked channel forwards automatically into its group

_background: set[asyncio.Task[None]] = set()


@dataclass(frozen=True, slots=True)
class Account:
    """Who a request belongs to and pays for it: a person (their user id), or the chat that speaks (its id)."""

    id: int
    name: str  # a person's first name, or the chat's title
    is_chat: bool = False


def account_of(update: object) -> Account | None:
    """The account of an update: its effective sender, if a person or a chat (another bot is nobody)."""
    if not isinstance(update, Update):
        return None
    sender = update.effective_sender
    if isinstance(sender, Chat):
        return Account(sender.id, sender.title or sender.username or str(sender.id), is_chat=True)
    if isinstance(sender, User) and not sender.is_bot:
        return Account(sender.id, sender.first_name)
    return None


async def remember_user(update: object, context: Context) -> None:
    if not isinstance(update, Update) or payments.is_payment_update(update):
        # Money is handled whatever the chat, and the pre-checkout answer waits for nothing (not even this write).
        return
    chat = update.effective_chat
    settings = context.services.settings
    if chat is not None:
        private = chat.type == ChatType.PRIVATE
        if (private and not settings.private_chats) or (
            not private and settings.allowed_chat_ids and chat.id not in settings.allowed_chat_ids
        ):
            if update.callback_query is not None:  # a button from before the chat was excluded: no spinner
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            raise ApplicationHandlerStop
    account = account_of(update)
    if account is None:
        return
    sender = update.effective_sender
    username = sender.username if isinstance(sender, User | Chat) else None
    language = sender.language_code if isinstance(sender, User) else None
    record = context.services.users.record_seen(
        account.id, username=username, first_name=account.name, language_code=language
    )
    if update.callback_query is None:
        await record
        return
    # A press is answered first, before any write that could wait: the presser is remembered meanwhile.
    task = asyncio.create_task(_quietly(record, update.update_id))
    _background.add(task)
    task.add_done_callback(_background.discard)


async def _quietly(record: Awaitable[None], update_id: int) -> None:
    try:
        await record
    except Exception:
        log.exception("update %d: could not remember the person", update_id)


# -- who may press a request's buttons -------------------------------------------------------------------------

ADMIN_CHECK_TTL = 60.0  # seconds an answer of getChatMember is trusted
_ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})
_admins: dict[tuple[int, int], tuple[float, bool]] = {}


async def may_press(context: Context, *, owner: int, chat_id: int, presser: User) -> bool:
    """Whether ``presser`` may press the buttons of a request of account ``owner`` in chat ``chat_id``.

    A person's request: only that person. A press always comes from a real person (Telegram reveals an anonymous
    admin who presses), so for a chat's request the rule is: the request of a group speaking as itself (its
    anonymous admins) may be pressed by any admin of that group; a channel's, by an admin of that channel, as
    Telegram tells the bot (when it cannot, because the bot is not an admin of the channel: by an admin of the
    group the menu is in, who answers for what is posted there).
    """
    if owner > 0:
        return presser.id == owner
    if owner == chat_id:
        return await _is_admin(context, chat_id, presser.id)
    try:
        return await _is_admin(context, owner, presser.id, quiet=False)
    except TelegramError as error:
        log.info("cannot ask channel %d about its admins (%s): the group's admins decide", owner, error)
        return await _is_admin(context, chat_id, presser.id)


async def _is_admin(context: Context, chat_id: int, user_id: int, *, quiet: bool = True) -> bool:
    now = time.monotonic()
    known = _admins.get((chat_id, user_id))
    if known is not None and known[0] > now:
        return known[1]
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as error:
        if not quiet:
            raise
        log.warning("could not ask chat %d whether %d is an admin: %s", chat_id, user_id, error)
        return False
    admin = member.status in _ADMIN_STATUSES
    if len(_admins) > 10_000:
        _admins.clear()
    _admins[(chat_id, user_id)] = (now + ADMIN_CHECK_TTL, admin)
    return admin
