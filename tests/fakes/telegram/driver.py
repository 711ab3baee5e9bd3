"""The driver: what tests make happen in the world. People post, edit and press buttons (through ``FakeUser``),
topics open, people block the bot, the bot is removed from a group, a group becomes a supergroup, callback
queries expire."""

from __future__ import annotations

import copy

from .formatting import detect_entities
from .limits import JSON
from .people import ChatLike, FakeChat, FakeUser, MessageLike, MessageRef, as_dict
from .records import Entry, QueryState
from .world import World


class Driver(World):
    """The world as tests change it: topics, blocks, removals, expiries; and people's actions."""

    # ---- things that happen to the bot ----------------------------------------------------------------

    def create_topic(self, group: ChatLike, name: str, *, by: FakeUser | None = None) -> int:
        """Open a forum topic (a ``forum_topic_created`` service message); returns its message_thread_id."""
        chat = self._chat(group)
        if not chat.is_forum:
            raise ValueError(f"{chat.describe()} is not a forum")
        sender = by.to_api() if by is not None else None
        message = self._new_message(
            chat,
            sender,
            {"forum_topic_created": {"name": name, "icon_color": 7322096}},
            reply=None,
            thread_id=None,
        )
        thread_id = int(message["message_id"])
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
        chat.topics.add(thread_id)
        entry = self._append(chat, message, from_bot=False)
        self._deliver(chat, entry, "message")
        return thread_id

    def block(self, user: FakeUser | int, *, notify: bool = True) -> None:
        """The user blocks the bot: sends to their private chat answer 403; the bot gets my_chat_member."""
        user_id = user if isinstance(user, int) else user.id
        self._blocked.add(user_id)
        if notify:
            self._push_my_chat_member(user_id, "member", "kicked")

    def unblock(self, user: FakeUser | int, *, notify: bool = True) -> None:
        user_id = user if isinstance(user, int) else user.id
        self._blocked.discard(user_id)
        if notify:
            self._push_my_chat_member(user_id, "kicked", "member")

    def remove_bot(self, group: ChatLike) -> None:
        """The bot is kicked from a group: sends there answer 403."""
        self._chat(group).bot_removed = True

    def migrate_to_supergroup(self, group: ChatLike, new_id: int, *, by: FakeUser | None = None) -> FakeChat:
        """A basic group is upgraded to a supergroup with id ``new_id`` (-100...), as Telegram does it: the old
        chat gets a service message with ``migrate_to_chat_id``, the new one a service message with
        ``migrate_from_chat_id`` (both reach the bot); from then on every call naming the old chat fails with
        400 "group chat was upgraded to a supergroup chat" and ``parameters.migrate_to_chat_id``. The old
        chat's messages stay in the old chat. Returns the new chat."""
        old = self._chat(group)
        if old.type != "group":
            raise ValueError(f"{old.describe()} is not a basic group")
        if not str(new_id).startswith("-100") or new_id in self._chats:
            raise ValueError("a supergroup id starts with -100 and is new")
        new = self.group(
            new_id,
            old.title or "",
            privacy=old.privacy,
            bot_is_admin=old.bot_is_admin,
            username=old.username,
            supergroup=True,
        )
        sender = by.to_api() if by is not None else None
        moved_out = self._new_message(old, sender, {"migrate_to_chat_id": new_id}, reply=None, thread_id=None)
        self._deliver(old, self._append(old, moved_out, from_bot=False), "message")
        old.migrated_to = new_id
        moved_in = self._new_message(new, sender, {"migrate_from_chat_id": old.id}, reply=None, thread_id=None)
        self._deliver(new, self._append(new, moved_in, from_bot=False), "message")
        return new

    def expire_callback_queries(self) -> None:
        """Make every unanswered callback query too old to answer (as after Telegram's timeout)."""
        for state in self._callback_queries.values():
            state.expired = True

    # ---- people acting (called by FakeUser) -----------------------------------------------------------

    def _post_user_message(
        self,
        user: FakeUser,
        chat_like: ChatLike,
        content: JSON,
        *,
        reply_to: MessageRef | None,
        thread_id: int | None,
    ) -> JSON:
        chat = self._chat(chat_like)
        if chat.is_private:
            if chat.id != user.id:
                raise AssertionError(f"{user.first_name} cannot write in another person's private chat with the bot")
            if user.id in self._blocked:
                raise AssertionError(f"{user.first_name} blocked the bot; call tg.unblock() first")
        reply: Entry | None = None
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else int(as_dict(reply_to)["message_id"])
            reply = self._index.get((chat.id, reply_id))
            if reply is None or reply.deleted:
                raise AssertionError(f"no message #{reply_id} to reply to in {chat.describe()}")
        if thread_id is None and reply is not None and reply.message.get("is_topic_message"):
            thread_id = reply.message.get("message_thread_id")
        if thread_id is not None and chat.is_forum and thread_id not in chat.topics:
            raise AssertionError(f"no topic {thread_id} in {chat.describe()}; use tg.create_topic()")
        message = self._new_message(chat, user.to_api(), content, reply=reply, thread_id=thread_id)
        entry = self._append(chat, message, from_bot=False)
        self._deliver(chat, entry, "message")
        return copy.deepcopy(message)

    def _edit_user_message(self, user: FakeUser, message: MessageLike, text: str) -> JSON:
        entry = self._entry_of(message)
        if entry.from_bot or entry.message.get("from", {}).get("id") != user.id:
            raise AssertionError(f"{user.first_name} can only edit their own messages")
        if entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} was deleted")
        if "text" not in entry.message:
            raise AssertionError("only text messages can be edited this way")
        entry.message["text"] = text
        entities = detect_entities(text)
        if entities:
            entry.message["entities"] = entities
        else:
            entry.message.pop("entities", None)
        entry.message["edit_date"] = int(self._clock())
        entry.version += 1
        self._signal.fire()
        chat = self._chats[int(entry.message["chat"]["id"])]
        if not chat.bot_removed and self._bot_may_see(chat, entry.message):
            self.updates.push("edited_message", copy.deepcopy(entry.message))
        return copy.deepcopy(entry.message)

    def _press(self, user: FakeUser, message: MessageLike, button: str) -> str:
        entry = self._entry_of(message)
        chat = self._chats[int(entry.message["chat"]["id"])]
        if entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} was deleted; its buttons are gone")
        if chat.is_private and chat.id != user.id:
            raise AssertionError(f"{user.first_name} cannot see another person's private chat")
        rows = (entry.message.get("reply_markup") or {}).get("inline_keyboard") or []
        buttons = [b for row in rows for b in row]
        found = next((b for b in buttons if b.get("text") == button), None) or next(
            (b for b in buttons if b.get("callback_data") == button), None
        )
        if found is None:
            labels = [f"{b.get('text')!r}={b.get('callback_data')!r}" for b in buttons]
            raise AssertionError(f"no button {button!r} on message #{entry.message['message_id']}; buttons: {labels}")
        if "callback_data" not in found:
            raise AssertionError(f"button {button!r} is not a callback button: {found}")
        query_id = str(next(self._query_counter))
        self._callback_queries[query_id] = QueryState(from_user_id=user.id)
        query: JSON = {
            "id": query_id,
            "from": user.to_api(),
            "message": copy.deepcopy(entry.message),
            "chat_instance": str(abs(hash((self.bot_id, chat.id))) % 10**18),
            "data": found["callback_data"],
        }
        self.updates.push("callback_query", query)
        return query_id

    def _push_my_chat_member(self, user_id: int, old: str, new: str) -> None:
        person = self._users.get(user_id)
        chat = self._chats.get(user_id)
        if person is None or chat is None:
            return

        def member(status: str) -> JSON:
            return {
                "user": dict(self.bot_user),
                "status": status,
                **({"until_date": 0} if status == "kicked" else {}),
            }

        self.updates.push(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": person.to_api(),
                "date": int(self._clock()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )
