"""The driver: what tests make happen in the world. People post (as themselves, anonymously as a group's admin,
or as a channel), forward, edit and press buttons (through ``FakeUser``), topics open, channels post into their
discussion groups, people block the bot, the bot is removed from a group, a group becomes a supergroup, callback
queries expire, Telegram's flood limits are switched on, calls are held."""

from __future__ import annotations

import copy

from .formatting import detect_entities
from .limits import CHANNEL_BOT, GROUP_ANONYMOUS_BOT, JSON, TELEGRAM_SERVICE, FloodLimits, FloodMeter
from .people import ChatLike, FakeChat, FakeUser, MessageLike, MessageRef, as_dict
from .records import Entry, Hold, QueryState
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

    def make_admin(self, chat: ChatLike, *users: FakeUser, owner: bool = False) -> None:
        """Make ``users`` admins (or, with ``owner``, the one owner) of a group or channel: getChatMember says
        so, and they may post as the chat (anonymously in a group, as the channel elsewhere)."""
        target = self._chat(chat)
        if target.is_private:
            raise ValueError("private chats have no admins")
        for user in users:
            if owner:
                target.owner = user.id
            else:
                target.admins.add(user.id)

    def enable_flood_limits(self, limits: FloodLimits | None = None) -> FloodMeter:
        """Answer sending calls beyond Telegram's flood limits with 429 and a ``retry_after`` for the limit hit
        (per chat, per group, overall). Off by default. Refusals are recorded in ``flood_refusals``."""
        self.flood = FloodMeter(limits or FloodLimits())
        return self.flood

    def hold(self, method: str, *, chat_id: int | None = None, after: bool = False) -> Hold:
        """Hold the bot's next calls of ``method`` (for ``chat_id`` only, if given) until the hold is released
        or dropped; ``after``: act on them, hold only the answers. See :class:`Hold`."""
        hold = Hold(method, chat_id, after=after)
        self._holds.append(hold)
        return hold

    async def channel_post(self, channel: ChatLike, *, text: str, discussion: ChatLike | None = None) -> JSON:
        """A channel posts ``text``; with ``discussion``, Telegram forwards it automatically into that linked group
        (``from`` 777000, ``sender_chat`` the channel, ``is_automatic_forward``). Returns the message the bot may
        see: the forward (the bot is not in the channel)."""
        source = self._chat(channel)
        if source.type != "channel":
            raise ValueError(f"{source.describe()} is not a channel")
        content: JSON = {"text": text, "sender_chat": source.to_api()}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        post = self._new_message(source, None, content, reply=None, thread_id=None)
        self._append(source, post, from_bot=False)
        if discussion is None:
            return copy.deepcopy(post)
        group = self._chat(discussion)
        forwarded = {
            **{key: value for key, value in content.items() if key != "sender_chat"},
            "sender_chat": source.to_api(),
            "is_automatic_forward": True,
            "forward_origin": {
                "type": "channel",
                "chat": source.to_api(),
                "message_id": post["message_id"],
                "date": post["date"],
            },
        }
        message = self._new_message(group, dict(TELEGRAM_SERVICE), forwarded, reply=None, thread_id=None)
        entry = self._append(group, message, from_bot=False)
        self._deliver(group, entry, "message")
        return copy.deepcopy(message)

    # ---- people acting (called by FakeUser) -----------------------------------------------------------

    def _post_user_message(
        self,
        user: FakeUser,
        chat_like: ChatLike,
        content: JSON,
        *,
        reply_to: MessageRef | None,
        thread_id: int | None,
        as_chat: ChatLike | None = None,
    ) -> JSON:
        chat = self._chat(chat_like)
        sender = user.to_api()
        if as_chat is not None:
            sender, content = self._speaking_as(user, chat, self._chat(as_chat)), dict(content)
            content["sender_chat"] = self._chat(as_chat).to_api()
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
        message = self._new_message(chat, sender, content, reply=reply, thread_id=thread_id)
        entry = self._append(chat, message, from_bot=False)
        self._deliver(chat, entry, "message")
        return copy.deepcopy(message)

    def _speaking_as(self, user: FakeUser, chat: FakeChat, speaker: FakeChat) -> JSON:
        """The ``from`` of a message ``user`` posts in ``chat`` as ``speaker`` (Telegram's rules for admins)."""
        if chat.is_private:
            raise AssertionError("in a private chat with the bot one speaks as oneself")
        if speaker.id == chat.id:
            if not chat.is_admin(user.id):
                raise AssertionError(f"{user.first_name} is not an admin of {chat.describe()}: tg.make_admin() first")
            return dict(GROUP_ANONYMOUS_BOT)
        if speaker.type == "channel":
            if not speaker.is_admin(user.id):
                raise AssertionError(f"{user.first_name} does not run {speaker.describe()}: tg.make_admin() first")
            return dict(CHANNEL_BOT)
        raise AssertionError("one speaks as the group itself (an anonymous admin) or as a channel one runs")

    def _forward(self, user: FakeUser, chat: ChatLike, message: MessageLike) -> JSON:
        original = self._entry_of(message).message
        origin: JSON
        if "forward_origin" in original:  # a forward of a forward names the first origin
            origin = copy.deepcopy(original["forward_origin"])
        elif "sender_chat" in original:
            speaker = original["sender_chat"]
            if speaker.get("type") == "channel":
                origin = {"type": "channel", "chat": speaker, "message_id": original["message_id"]}
            else:
                origin = {"type": "chat", "sender_chat": speaker}
        else:
            author = self._users.get(int(original.get("from", {}).get("id", 0)))
            if author is not None and author.hides_forwards:
                name = " ".join(part for part in (author.first_name, author.last_name) if part)
                origin = {"type": "hidden_user", "sender_user_name": name}
            else:
                origin = {"type": "user", "sender_user": original["from"]}
        origin["date"] = original["date"]
        kept = ("text", "entities", "photo", "caption", "caption_entities", "document", "sticker")
        content = {key: copy.deepcopy(original[key]) for key in kept if key in original}
        content["forward_origin"] = origin
        return self._post_user_message(user, chat, content, reply_to=None, thread_id=None)

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

    def _press(
        self, user: FakeUser, message: MessageLike, button: str | None, *, forged_data: str | None = None
    ) -> str:
        entry = self._entry_of(message)
        chat = self._chats[int(entry.message["chat"]["id"])]
        if entry.deleted:
            raise AssertionError(f"message #{entry.message['message_id']} was deleted; its buttons are gone")
        if chat.is_private and chat.id != user.id:
            raise AssertionError(f"{user.first_name} cannot see another person's private chat")
        rows = (entry.message.get("reply_markup") or {}).get("inline_keyboard") or []
        buttons = [b for row in rows for b in row]
        if forged_data is not None:
            if not buttons:
                raise AssertionError(f"message #{entry.message['message_id']} has no buttons to press")
            data = forged_data
        else:
            found = next((b for b in buttons if b.get("text") == button), None) or next(
                (b for b in buttons if b.get("callback_data") == button), None
            )
            if found is None:
                labels = [f"{b.get('text')!r}={b.get('callback_data')!r}" for b in buttons]
                raise AssertionError(
                    f"no button {button!r} on message #{entry.message['message_id']}; buttons: {labels}"
                )
            if "callback_data" not in found:
                raise AssertionError(f"button {button!r} is not a callback button: {found}")
            data = found["callback_data"]
        query_id = str(next(self._query_counter))
        self._callback_queries[query_id] = QueryState(from_user_id=user.id, created_at=self._monotonic())
        query: JSON = {
            "id": query_id,
            "from": user.to_api(),
            "message": copy.deepcopy(entry.message),
            "chat_instance": str(abs(hash((self.bot_id, chat.id))) % 10**18),
            "data": data,
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
