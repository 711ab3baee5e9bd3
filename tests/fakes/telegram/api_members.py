"""Group administrators: ``getChatMember``, ``getChatAdministrators``, and the driver side (make someone an admin,
post as the group the way an anonymous admin does)."""

from __future__ import annotations

import copy
from typing import Final

from .api_messages import MessagesApi
from .formatting import detect_entities
from .http import Params
from .limits import JSON, bad
from .people import ChatLike, FakeUser

#: GroupAnonymousBot: the sender of what an anonymous group admin writes.
ANONYMOUS_ADMIN_ID: Final = 1087968824


class MembersApi(MessagesApi):
    def _init_members(self) -> None:
        #: Group admins: chat id -> user id -> (status "creator" or "administrator", is_anonymous).
        self._admins: dict[int, dict[int, tuple[str, bool]]] = {}

    def make_admin(self, group: ChatLike, user: FakeUser, *, owner: bool = False, anonymous: bool = False) -> None:
        """Make ``user`` the group's owner or an administrator (``anonymous``: posts as the group)."""
        chat = self._chat(group)
        if chat.is_private:
            raise ValueError("private chats have no administrators")
        self._admins.setdefault(chat.id, {})[user.id] = ("creator" if owner else "administrator", anonymous)

    def post_as_group(self, group: ChatLike, text: str) -> JSON:
        """An anonymous admin writes: ``from`` is GroupAnonymousBot and ``sender_chat`` the group itself."""
        chat = self._chat(group)
        sender = {"id": ANONYMOUS_ADMIN_ID, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
        content: JSON = {"text": text, "sender_chat": chat.to_api()}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        message = self._new_message(chat, sender, content, reply=None, thread_id=None)
        self._deliver(chat, self._append(chat, message, from_bot=False), "message")
        return copy.deepcopy(message)

    def _chat_member(self, chat_id: int, user_id: int, bot_is_admin: bool) -> JSON:
        if user_id == self.bot_id:
            return {"status": "administrator" if bot_is_admin else "member", "user": dict(self.bot_user)}
        person = self._users.get(user_id)
        if person is None:
            raise bad("user not found")
        status, anonymous = self._admins.get(chat_id, {}).get(user_id, ("member", False))
        member: JSON = {"status": status, "user": person.to_api()}
        if status == "creator":
            member["is_anonymous"] = anonymous
        elif status == "administrator":
            member |= {
                "can_be_edited": False,
                "is_anonymous": anonymous,
                **dict.fromkeys(("can_manage_chat", "can_delete_messages", "can_manage_video_chats"), True),
                **dict.fromkeys(("can_restrict_members", "can_change_info", "can_invite_users"), True),
                **dict.fromkeys(("can_promote_members", "can_post_stories", "can_edit_stories"), False),
                "can_delete_stories": False,
            }
        return member

    async def _api_get_chat_member(self, p: Params) -> JSON:
        chat = self._param_chat(p, sending=False)
        user_id = p.int_("user_id")
        if user_id is None:
            raise bad("user_id is empty")
        return self._chat_member(chat.id, user_id, chat.bot_is_admin)

    async def _api_get_chat_administrators(self, p: Params) -> list[JSON]:
        chat = self._param_chat(p, sending=False)
        if chat.is_private:
            raise bad("there are no administrators in the private chat")
        admins = [self._chat_member(chat.id, user_id, chat.bot_is_admin) for user_id in self._admins.get(chat.id, {})]
        return admins + ([self._chat_member(chat.id, self.bot_id, True)] if chat.bot_is_admin else [])
