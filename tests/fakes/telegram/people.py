"""The people who talk to the bot and the chats they talk in, as tests drive them.

A ``FakeUser``'s async methods make that person act (send, edit, press a button, join a group); each returns the
message as Telegram stored it. The fake's side of those actions is in ``driver.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from . import webapp
from .formatting import detect_entities
from .limits import JSON

if TYPE_CHECKING:
    from .fake import FakeTelegram


@dataclass(eq=False)
class FakeChat:
    """A chat: private (id = the user's id), a group/supergroup or a channel (negative ids)."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    #: Privacy mode: the bot only sees commands, replies to it, mentions of it and service messages.
    privacy: bool = True
    bot_is_admin: bool = False
    bot_removed: bool = False
    topics: set[int] = field(default_factory=set)
    #: A basic group upgraded to a supergroup: the new chat's id (every call naming this chat then fails).
    migrated_to: int | None = None
    #: Who runs it (``tg.make_admin``): they may post as the chat (anonymously, or as the channel).
    owner: int | None = None
    admins: set[int] = field(default_factory=set)

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    def to_api(self) -> JSON:
        chat: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "last_name", "username"):
            value = getattr(self, key)
            if value is not None:
                chat[key] = value
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def is_admin(self, user_id: int) -> bool:
        return user_id == self.owner or user_id in self.admins

    def describe(self) -> str:
        name = self.title or self.first_name or ""
        return f"{self.type} chat {name!r} ({self.id})"


class SupportsToDict(Protocol):
    """A python-telegram-bot object (``Message``, ``Update``): the driver accepts those as well as dicts."""

    def to_dict(self) -> dict[str, Any]: ...


ChatLike: TypeAlias = "FakeChat | FakeUser | int"
MessageLike: TypeAlias = "Mapping[str, Any] | SupportsToDict"
MessageRef: TypeAlias = "MessageLike | int"


def as_dict(message: MessageLike) -> Mapping[str, Any]:
    """A Bot API dict for a dict or a python-telegram-bot object."""
    return message if isinstance(message, Mapping) else message.to_dict()


@dataclass(eq=False)
class FakeUser:
    """A person. Its async methods make that person act in a chat; each returns what Telegram stored."""

    tg: FakeTelegram = field(repr=False)
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_premium: bool | None = None
    #: The privacy setting "forwarded messages: nobody": forwards of this person's messages name no account.
    hides_forwards: bool = False

    def to_api(self) -> JSON:
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code", "is_premium"):
            value = getattr(self, key)
            if value is not None:
                user[key] = value
        return user

    async def send_text(
        self,
        chat: ChatLike,
        text: str,
        *,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        entities: list[JSON] | None = None,
        as_chat: ChatLike | None = None,
    ) -> JSON:
        """Send a text message (``bot_command``/``mention`` entities are detected unless given).

        ``as_chat``: speak as a chat this person runs, as Telegram lets admins: the group itself (an anonymous
        admin: ``from`` is GroupAnonymousBot) or a channel (``from`` is Channel_Bot); ``sender_chat`` is that chat.
        The same parameter is on every way of sending.
        """
        if not text.strip():
            raise ValueError("Telegram clients do not send empty messages")
        content: JSON = {"text": text}
        found = detect_entities(text) if entities is None else entities
        if found:
            content["entities"] = found
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id, as_chat=as_chat)

    async def send_photo(
        self,
        chat: ChatLike,
        data: bytes,
        *,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        has_spoiler: bool = False,
        as_chat: ChatLike | None = None,
    ) -> JSON:
        """Send a photo (compressed by the client): several JPEG sizes, largest last."""
        sizes = await self.tg._file_store.store_user_photo(data)
        content: JSON = {"photo": sizes, **_caption_content(caption)}
        if has_spoiler:
            content["has_media_spoiler"] = True
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id, as_chat=as_chat)

    async def send_document(
        self,
        chat: ChatLike,
        data: bytes,
        *,
        file_name: str = "file.bin",
        mime_type: str | None = None,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        as_chat: ChatLike | None = None,
    ) -> JSON:
        """Send a file uncompressed (e.g. an image "as a file"); images get a thumbnail as Telegram makes."""
        document = await self.tg._file_store.store_document(data, file_name=file_name, mime_type=mime_type)
        content: JSON = {"document": document, **_caption_content(caption)}
        return self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id, as_chat=as_chat)

    async def send_album(
        self,
        chat: ChatLike,
        photos: Sequence[bytes],
        *,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        as_chat: ChatLike | None = None,
    ) -> list[JSON]:
        """Send 2-10 photos as an album: one message (and update) each, sharing ``media_group_id``.

        The caption goes on the first photo, as Telegram clients do, so in a privacy-mode group only that
        first message reaches the bot.
        """
        if not 2 <= len(photos) <= 10:
            raise ValueError("an album holds 2 to 10 items")
        all_sizes = [await self.tg._file_store.store_user_photo(data) for data in photos]
        group_id = self.tg._new_media_group_id()
        messages = []
        for index, sizes in enumerate(all_sizes):
            content: JSON = {"media_group_id": group_id, "photo": sizes}
            if index == 0:
                content.update(_caption_content(caption))
            messages.append(
                self.tg._post_user_message(self, chat, content, reply_to=reply_to, thread_id=thread_id, as_chat=as_chat)
            )
        return messages

    async def send_message(
        self,
        chat: ChatLike,
        content: Mapping[str, Any],
        *,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
        as_chat: ChatLike | None = None,
    ) -> JSON:
        """Send any other kind of message, given its content fields (e.g. ``{"sticker": {...}}``)."""
        return self.tg._post_user_message(
            self, chat, dict(content), reply_to=reply_to, thread_id=thread_id, as_chat=as_chat
        )

    async def forward(self, chat: ChatLike, message: MessageLike) -> JSON:
        """Forward a message into ``chat``: its content, with ``forward_origin`` naming where it came from (a
        ``hidden_user`` origin when its author hides forwards, ``chat``/``channel`` when a chat spoke)."""
        return self.tg._forward(self, chat, message)

    async def edit_text(self, message: MessageLike, text: str) -> JSON:
        """Edit this person's text message; the bot gets an ``edited_message`` update if it may see it."""
        return self.tg._edit_user_message(self, message, text)

    async def press(self, message: MessageLike, button: str) -> str:
        """Press an inline button (matched by its text or callback_data); returns the callback query id."""
        return self.tg._press(self, message, button)

    def open_web_app(
        self,
        message: JSON,
        button: str,
        *,
        theme: Mapping[str, str] | None = None,
        auth_date: float | None = None,
    ) -> str:
        """Press a Mini App (``web_app``) button: the URL this person's client opens, with initData signed
        for the bot, as Telegram does (the page reads it from the fragment)."""
        chat = self.tg._chats[int(message["chat"]["id"])]
        if chat.is_private and chat.id != self.id:
            raise AssertionError(f"{self.first_name} cannot see another person's private chat")
        init_data = webapp.init_data_for(self.tg.token, self.to_api(), chat_type=chat.type, auth_date=auth_date)
        return webapp.launch_url(webapp.web_app_url(message, button), init_data, theme=theme)

    async def press_forged(self, message: MessageLike, data: str) -> str:
        """What a modified client can do: a callback query on ``message`` (which has buttons) carrying ``data``
        that none of its buttons has. Returns the callback query id."""
        return self.tg._press(self, message, None, forged_data=data)

    async def join(self, group: ChatLike) -> JSON:
        """Join a group: a ``new_chat_members`` service message (always delivered)."""
        return self.tg._post_user_message(
            self, group, {"new_chat_members": [self.to_api()]}, reply_to=None, thread_id=None
        )


def _caption_content(caption: str | None) -> JSON:
    if not caption:
        return {}
    content: JSON = {"caption": caption}
    entities = detect_entities(caption)
    if entities:
        content["caption_entities"] = entities
    return content
