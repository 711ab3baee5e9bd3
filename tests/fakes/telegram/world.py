"""The state of the world the fake simulates, and the bookkeeping every part of it shares.

``World`` holds the bot's identity, the people, the chats and their transcripts, the files, the update queue
and what the fake records; it builds people and chats, and keeps the rules for how a message is made, stored
and delivered to the bot (privacy mode included). ``FakeTelegram`` is a ``World`` with the Bot API methods, the
driver and the inspection helpers mixed in.
"""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from .files import FileStore
from .formatting import entity_text
from .limits import DEFAULT_TOKEN, JSON, MEDIA_KEYS, FloodMeter
from .people import ChatLike, FakeChat, FakeUser, MessageLike, as_dict
from .records import (
    ApiCall,
    CallbackAnswer,
    Entry,
    Fault,
    Hold,
    Invoice,
    PreCheckoutState,
    QueryState,
    StarCharge,
    WebhookState,
)
from .updates import Signal, UpdateQueue

if TYPE_CHECKING:
    from .fake import FakeTelegram


class World:
    """The Telegram world around one bot: people, chats, messages, files, updates."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "faceshift_bot",
        *,
        bot_first_name: str = "FaceShift",
        first_update_id: int = 1,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 1
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._clock = clock  # dates in messages (Unix time)
        self._monotonic = monotonic  # ages: of callback queries, flood waits (RoughTelegram)
        self._signal = Signal()
        self.updates = UpdateQueue(self._signal, first_update_id)

        self._users: dict[int, FakeUser] = {}
        self._chats: dict[int, FakeChat] = {}
        self._log: dict[int, list[Entry]] = {}
        self._index: dict[tuple[int, int], Entry] = {}
        self._next_message_id: dict[int, int] = {}
        self._bot_cursor: dict[int, int] = {}
        self._blocked: set[int] = set()
        self._reply_keyboards: dict[int, JSON] = {}

        self._file_store = FileStore()
        self._media_group_counter = itertools.count(13_800_000_000_000_001)
        self._query_counter = itertools.count(4_200_000_000_000_001)
        self._callback_queries: dict[str, QueryState] = {}

        # Payments in Stars (api_payments.py)
        self._invoices: dict[tuple[int, int], Invoice] = {}
        self._pre_checkout_counter = itertools.count(7_100_000_000_000_001)
        self._charge_counter = itertools.count(1)
        #: Pre-checkout queries by id, with the bot's answers.
        self.pre_checkout_queries: dict[str, PreCheckoutState] = {}
        #: Payments Telegram took, by telegram_payment_charge_id.
        self.star_charges: dict[str, StarCharge] = {}
        #: The bot's Star transactions, oldest first, as getStarTransactions lists them.
        self.star_transactions: list[JSON] = []

        self._faults: list[Fault] = []
        self._holds: list[Hold] = []
        #: Telegram's flood limits for sending (``enable_flood_limits``); None: no limits (the default).
        self.flood: FloodMeter | None = None
        #: Sending calls refused with 429 by the flood limits: (method, chat_id, retry_after).
        self.flood_refusals: list[tuple[str, int, int]] = []
        #: Seconds after a press when answerCallbackQuery fails with "query is too old" (None: never by age; on
        #: Telegram about 15), measured with ``monotonic``.
        self.callback_query_lifetime: float | None = None
        self._allowed_updates: list[str] | None = None
        #: getUpdates requests received so far (a newer one terminates an older one still waiting).
        self.poll_count = 0
        self._closed = False
        self._base_url: str | None = None

        self.calls: list[ApiCall] = []
        self.callback_answers: list[CallbackAnswer] = []
        #: setMyCommands, keyed by (scope, language_code); scope is "default", "all_private_chats",
        #: "chat:<chat_id>", "chat_administrators:<chat_id>", "chat_member:<chat_id>:<user_id>", ...
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook = WebhookState()
        #: Webhook delivery attempts: (update_id, HTTP status or 0 for a connection error).
        self.webhook_deliveries: list[tuple[int, int]] = []

    # ---- world building -------------------------------------------------------------------------------

    def user(
        self,
        id: int,  # the Bot API's name
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
    ) -> FakeUser:
        if id <= 0:
            raise ValueError("user ids are positive")
        if id == self.bot_id:
            raise ValueError("that id belongs to the bot")
        # Every World is the base of a FakeTelegram, the driver its people act through.
        person = FakeUser(cast("FakeTelegram", self), id, first_name, last_name, username, language_code, is_premium)
        self._users[id] = person
        return person

    def private_chat(self, user: FakeUser) -> FakeChat:
        """The private chat between ``user`` and the bot (its id is the user's id)."""
        chat = self._chats.get(user.id)
        if chat is None:
            chat = FakeChat(
                id=user.id,
                type="private",
                first_name=user.first_name,
                last_name=user.last_name,
                username=user.username,
                privacy=False,
            )
            self._chats[user.id] = chat
        return chat

    def group(
        self,
        id: int,  # the Bot API's name
        title: str,
        *,
        privacy: bool = True,
        is_forum: bool = False,
        bot_is_admin: bool = False,
        username: str | None = None,
        supergroup: bool | None = None,
    ) -> FakeChat:
        """A group the bot is a member of. Ids starting with -100 are supergroups unless told otherwise."""
        if id >= 0:
            raise ValueError("group ids are negative")
        if supergroup is None:
            supergroup = str(id).startswith("-100") or is_forum
        if is_forum and not supergroup:
            raise ValueError("only supergroups can be forums")
        chat = FakeChat(
            id=id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            is_forum=is_forum,
            privacy=privacy,
            bot_is_admin=bot_is_admin,
        )
        self._chats[id] = chat
        return chat

    def channel(
        self,
        id: int,  # the Bot API's name
        title: str,
        *,
        username: str | None = None,
        bot_is_admin: bool = False,
    ) -> FakeChat:
        """A channel (people post in groups as it; it may forward its posts into a discussion group). The bot is
        not in it unless ``bot_is_admin``: then getChatMember answers about its people."""
        if id >= 0:
            raise ValueError("channel ids are negative")
        chat = FakeChat(id=id, type="channel", title=title, username=username, bot_is_admin=bot_is_admin)
        self._chats[id] = chat
        return chat

    # ---- messages and delivery ------------------------------------------------------------------------

    def _chat(self, chat: ChatLike) -> FakeChat:
        if isinstance(chat, FakeChat):
            return chat
        if isinstance(chat, FakeUser):
            return self.private_chat(chat)
        found = self._chats.get(chat)
        if found is None:
            raise KeyError(f"unknown chat {chat}")
        return found

    def _entry_of(self, message: MessageLike) -> Entry:
        message = as_dict(message)
        key = (int(message["chat"]["id"]), int(message["message_id"]))
        entry = self._index.get(key)
        if entry is None:
            raise KeyError(f"unknown message #{key[1]} in chat {key[0]}")
        return entry

    def _is_bot_message(self, message: Mapping[str, Any]) -> bool:
        sender = message.get("from")
        return isinstance(sender, Mapping) and sender.get("id") == self.bot_id

    def _new_message(
        self,
        chat: FakeChat,
        sender: JSON | None,
        content: JSON,
        *,
        reply: Entry | None,
        thread_id: int | None,
    ) -> JSON:
        message_id = self._next_message_id.get(chat.id, 1)
        self._next_message_id[chat.id] = message_id + 1
        message: JSON = {"message_id": message_id}
        if sender is not None:
            message["from"] = copy.deepcopy(sender)
        message["chat"] = chat.to_api()
        message["date"] = int(self._clock())
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        if reply is not None:
            # Telegram includes the replied message without its own reply_to_message.
            original = copy.deepcopy(reply.message)
            original.pop("reply_to_message", None)
            message["reply_to_message"] = original
        message.update(copy.deepcopy(content))
        return message

    def _append(self, chat: FakeChat, message: JSON, *, from_bot: bool) -> Entry:
        entry = Entry(message=message, from_bot=from_bot)
        self._log.setdefault(chat.id, []).append(entry)
        self._index[(chat.id, int(message["message_id"]))] = entry
        self._signal.fire()
        return entry

    def _deliver(self, chat: FakeChat, entry: Entry, kind: str) -> None:
        if not chat.bot_removed and self._bot_may_see(chat, entry.message):
            update = self.updates.push(kind, copy.deepcopy(entry.message))
            entry.update_id = int(update["update_id"])

    def _bot_may_see(self, chat: FakeChat, message: Mapping[str, Any]) -> bool:
        """Privacy mode: what a bot that is not an admin receives from a group."""
        if chat.is_private or not chat.privacy or chat.bot_is_admin:
            return True
        text = message.get("text")
        entities = message.get("entities")
        if text is None:
            text = message.get("caption")
            entities = message.get("caption_entities")
        if text is None and not any(key in message for key in MEDIA_KEYS):
            return True  # no text and no media: a service message
        reply = message.get("reply_to_message")
        if isinstance(reply, Mapping) and self._is_bot_message(reply):
            return True
        if not text:
            return False
        entity_list: list[JSON] = entities or []
        username = self.bot_username.lower()
        for entity in entity_list:
            value = entity_text(text, entity)
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                _command, _at, target = value.partition("@")
                if not target or target.lower() == username:
                    return True
            if entity["type"] == "mention" and value[1:].lower() == username:
                return True
        return False

    def _new_media_group_id(self) -> str:
        return str(next(self._media_group_counter))
