"""The Bot API methods about a chat's people: getChatMember and getChatAdministrators (who is an admin, as
``tg.make_admin`` set it). In a channel the bot can ask only when it is an admin there."""

from __future__ import annotations

from .http import Params
from .limits import JSON, bad
from .people import FakeChat
from .world import World


class ChatsApi(World):
    """getChatMember, getChatAdministrators."""

    def _member_chat(self, p: Params) -> FakeChat:
        chat_id = p.int_("chat_id")
        chat = self._chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad("chat not found")
        if chat.type == "channel" and not chat.bot_is_admin:
            raise bad("member list is inaccessible")
        return chat

    def _member(self, chat: FakeChat, user: JSON) -> JSON:
        if user["id"] == chat.owner:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user["id"] in chat.admins:
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        if chat.is_private and user["id"] != chat.id:
            return {"status": "left", "user": user}
        return {"status": "member", "user": user}

    async def _api_get_chat_member(self, p: Params) -> JSON:
        chat = self._member_chat(p)
        user_id = p.int_("user_id")
        if user_id == self.bot_id:
            return self._member(chat, self.bot_user)
        person = self._users.get(user_id) if user_id is not None else None
        if person is None:
            raise bad("user not found")
        return self._member(chat, person.to_api())

    async def _api_get_chat_administrators(self, p: Params) -> list[JSON]:
        chat = self._member_chat(p)
        ids = ([chat.owner] if chat.owner is not None else []) + sorted(chat.admins)
        return [self._member(chat, self._users[i].to_api()) for i in ids if i in self._users]
