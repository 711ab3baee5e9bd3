"""The Bot API methods the bot uses to talk in chats: sending texts and photos, chat actions, edits, deletions,
callback query answers and file downloads (getFile), with the checks Telegram makes on each: photos over 10 MB
(``PHOTO_SAVE_FILE_INVALID``), with width + height over 10000 or a side ratio over 20 (``PHOTO_INVALID_DIMENSIONS``)
or not an image (``IMAGE_PROCESS_FAILED``) are refused; documents go up to 50 MB; a group upgraded to a
supergroup answers every call with ``migrate_to_chat_id``."""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .files import Rendition, StoredFile, UploadedFile
from .formatting import parse_formatted_text, strip_text
from .http import Params, normalize
from .limits import (
    CHAT_ACTIONS,
    JSON,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_DOWNLOAD_BYTES,
    MAX_TEXT_LENGTH,
    MEDIA_KEYS,
    ApiError,
    bad,
)
from .people import FakeChat
from .records import CallbackAnswer, Entry
from .world import World


@dataclass
class _Markup:
    inline: JSON | None = None
    keyboard: JSON | None = None
    remove_keyboard: bool = False


class MessagesApi(World):
    """sendMessage, sendPhoto, sendDocument, sendChatAction, editMessageText/Caption/ReplyMarkup, deleteMessage,
    answerCallbackQuery and getFile."""

    # ---- common checks for bot methods ----------------------------------------------------------------

    def _param_chat(self, p: Params, *, sending: bool = True) -> FakeChat:
        value = p.values.get("chat_id")
        if value is None or value == "":
            raise bad("chat_id is empty")
        chat: FakeChat | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            chat = self._chats.get(value)
        elif isinstance(value, str) and value.startswith("@"):
            wanted = value[1:].lower()
            chat = next(
                (c for c in self._chats.values() if not c.is_private and (c.username or "").lower() == wanted),
                None,
            )
        if chat is None:
            if sending and isinstance(value, int) and value in self._users:
                # A person who never opened a private chat with the bot (only met it in a group).
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=chat.migrated_to,
            )
        if sending:
            if chat.is_private and chat.id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if chat.bot_removed:
                kind = "supergroup" if chat.type == "supergroup" else "group"
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        return chat

    def _formatted(
        self,
        p: Params,
        text_field: str,
        entities_field: str,
        *,
        limit: int,
        parse_mode: str | None = None,
    ) -> tuple[str, list[JSON]]:
        text = p.str_(text_field) or ""
        explicit = p.json_(entities_field)
        if explicit is not None:
            if not isinstance(explicit, list) or not all(isinstance(e, dict) and "type" in e for e in explicit):
                raise bad(f"can't parse {entities_field.replace('_', ' ')} JSON object")
            plain, entities = strip_text(text, [dict(e) for e in explicit])
        else:
            plain, entities = parse_formatted_text(text, parse_mode if parse_mode is not None else p.str_("parse_mode"))
        if len(plain) > limit:
            raise bad("message is too long" if text_field == "text" else "message caption is too long")
        return plain, entities

    def _caption(self, p: Params) -> JSON:
        caption, entities = self._formatted(p, "caption", "caption_entities", limit=MAX_CAPTION_LENGTH)
        content: JSON = {}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        if p.bool_("show_caption_above_media"):
            content["show_caption_above_media"] = True
        return content

    def _markup(self, p: Params, *, inline_only: bool = False) -> _Markup:
        markup = p.json_("reply_markup")
        if markup is None:
            return _Markup()
        if not isinstance(markup, dict):
            raise bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            return _Markup(inline=markup if any(rows) else None)
        if inline_only:
            raise bad("inline keyboard expected")
        if "keyboard" in markup:
            return _Markup(keyboard=markup)
        if markup.get("remove_keyboard"):
            return _Markup(remove_keyboard=True)
        if markup.get("force_reply"):
            return _Markup()
        raise bad("can't parse reply keyboard markup JSON object")

    def _reply_target(self, chat: FakeChat, p: Params) -> Entry | None:
        parameters = p.json_("reply_parameters")
        allow = p.bool_("allow_sending_without_reply")
        target_chat = chat
        if parameters is not None:
            if not isinstance(parameters, dict) or "message_id" not in parameters:
                raise bad("can't parse reply parameters JSON object")
            message_id = Params(parameters, {}).int_("message_id")
            allow = allow or bool(parameters.get("allow_sending_without_reply"))
            if parameters.get("chat_id") is not None:
                target_chat = self._param_chat(
                    Params({"chat_id": normalize("chat_id", parameters["chat_id"])}, {}), sending=False
                )
        else:
            message_id = p.int_("reply_to_message_id")
        if message_id is None:
            return None
        entry = self._index.get((target_chat.id, message_id))
        if entry is None or entry.deleted:
            if allow:
                return None
            raise bad("message to be replied not found")
        return entry

    def _thread(self, chat: FakeChat, p: Params, reply: Entry | None) -> int | None:
        thread_id = p.int_("message_thread_id")
        if thread_id is None and reply is not None and reply.message.get("is_topic_message"):
            thread_id = reply.message.get("message_thread_id")
        if thread_id is not None and chat.is_forum and thread_id not in chat.topics:
            raise bad("message thread not found")
        return thread_id

    def _send_bot_message(
        self,
        chat: FakeChat,
        content: JSON,
        p: Params,
        markup: _Markup,
        reply: Entry | None,
        thread_id: int | None,
    ) -> JSON:
        if markup.inline is not None:
            if not chat.is_private and _has_web_app_button(markup.inline):
                raise bad("BUTTON_TYPE_INVALID")  # Mini App buttons are for private chats only
            content["reply_markup"] = markup.inline
        if p.bool_("protect_content"):
            content["has_protected_content"] = True
        message = self._new_message(chat, self.bot_user, content, reply=reply, thread_id=thread_id)
        if markup.keyboard is not None:
            self._reply_keyboards[chat.id] = markup.keyboard
        elif markup.remove_keyboard:
            self._reply_keyboards.pop(chat.id, None)
        self._append(chat, message, from_bot=True)
        return copy.deepcopy(message)

    def _edit_target(self, p: Params, not_found: str) -> tuple[FakeChat, Entry]:
        if p.has("inline_message_id"):
            raise bad("inline messages are not supported by the fake")
        chat = self._param_chat(p)
        message_id = p.int_("message_id")
        if message_id is None:
            raise bad("message identifier is not specified")
        entry = self._index.get((chat.id, message_id))
        if entry is None or entry.deleted:
            raise bad(not_found)
        return chat, entry

    def _apply_edit(self, entry: Entry, changes: Mapping[str, Any]) -> JSON:
        """Apply an edit (keys mapped to None are removed) or fail with Telegram's "not modified"."""
        current = entry.message
        if all(current.get(key) == value for key, value in changes.items()):
            raise bad(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        entry.earlier.append(copy.deepcopy(current))
        for key, value in changes.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = copy.deepcopy(value)
        current["edit_date"] = int(self._clock())
        entry.version += 1
        self._signal.fire()
        return copy.deepcopy(current)

    # ---- photos and files -----------------------------------------------------------------------------

    def _store_photo(self, renditions: Sequence[Rendition]) -> list[StoredFile]:
        """Keep a photo's sizes, smallest first (how the benchmark posts photos it rendered once)."""
        return self._file_store.store_photo(renditions)

    async def _input_photo(self, source: UploadedFile | str | None) -> list[JSON]:
        """The sizes of sendPhoto's photo (a method of its own so that a subclass can cache renditions)."""
        return await self._file_store.input_photo(source)

    # ---- Bot API methods ------------------------------------------------------------------------------

    async def _api_send_message(self, p: Params) -> JSON:
        chat = self._param_chat(p)
        text, entities = self._formatted(p, "text", "entities", limit=MAX_TEXT_LENGTH)
        if not text:
            raise bad("message text is empty")
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        options = p.json_("link_preview_options")
        if isinstance(options, dict) and options:
            content["link_preview_options"] = options
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _api_send_photo(self, p: Params) -> JSON:
        chat = self._param_chat(p)
        caption = self._caption(p)
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"photo": await self._input_photo(p.file("photo")), **caption}
        if p.bool_("has_spoiler"):
            content["has_media_spoiler"] = True
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _api_send_document(self, p: Params) -> JSON:
        chat = self._param_chat(p)
        caption = self._caption(p)
        markup = self._markup(p)
        reply = self._reply_target(chat, p)
        thread_id = self._thread(chat, p, reply)
        content: JSON = {"document": await self._file_store.input_document(p.file("document")), **caption}
        return self._send_bot_message(chat, content, p, markup, reply, thread_id)

    async def _api_send_chat_action(self, p: Params) -> bool:
        chat = self._param_chat(p)
        if p.str_("action") not in CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        self._thread(chat, p, None)
        return True

    async def _api_edit_message_text(self, p: Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise bad("message can't be edited")
        if "text" not in entry.message:
            raise bad("there is no text in the message to edit")
        text, entities = self._formatted(p, "text", "entities", limit=MAX_TEXT_LENGTH)
        if not text:
            raise bad("message text is empty")
        markup = self._markup(p, inline_only=True)
        # Omitting reply_markup removes the inline keyboard, as on Telegram.
        return self._apply_edit(entry, {"text": text, "entities": entities or None, "reply_markup": markup.inline})

    async def _api_edit_message_caption(self, p: Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise bad("message can't be edited")
        if not any(key in entry.message for key in MEDIA_KEYS):
            raise bad("there is no caption in the message to edit")
        caption = self._caption(p)
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(
            entry,
            {
                "caption": caption.get("caption"),
                "caption_entities": caption.get("caption_entities"),
                "reply_markup": markup.inline,
            },
        )

    async def _api_edit_message_reply_markup(self, p: Params) -> JSON:
        _chat, entry = self._edit_target(p, "message to edit not found")
        if not entry.from_bot:
            raise bad("message can't be edited")
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(entry, {"reply_markup": markup.inline})

    def _delete(self, chat: FakeChat, entry: Entry) -> None:
        if not entry.from_bot and not chat.is_private and not chat.bot_is_admin:
            raise bad("message can't be deleted")
        entry.deleted = True
        self._signal.fire()

    async def _api_delete_message(self, p: Params) -> bool:
        chat = self._param_chat(p, sending=False)
        message_id = p.int_("message_id")
        entry = self._index.get((chat.id, message_id)) if message_id is not None else None
        if entry is None or entry.deleted:
            raise bad("message to delete not found")
        self._delete(chat, entry)
        return True

    async def _api_answer_callback_query(self, p: Params) -> bool:
        query_id = p.str_("callback_query_id") or ""
        state = self._callback_queries.get(query_id)
        lifetime = self.callback_query_lifetime
        if state is not None and lifetime is not None and self._monotonic() - state.created_at > lifetime:
            state.expired = True
        if state is None or state.answered or state.expired:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = p.str_("text")
        if text is not None and len(text) > 200:
            raise bad("MESSAGE_TOO_LONG")
        state.answered = True
        self.callback_answers.append(
            CallbackAnswer(
                callback_query_id=query_id,
                text=text,
                show_alert=p.bool_("show_alert"),
                url=p.str_("url"),
                cache_time=p.int_("cache_time"),
                time=time.monotonic(),
            )
        )
        return True

    async def _api_get_file(self, p: Params) -> JSON:
        file_id = p.str_("file_id")
        stored = self._file_store.get(file_id or "")
        if stored is None:
            raise bad("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_BYTES:
            raise bad("file is too big")
        return stored.file_info()


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not button["text"]:
        raise bad("BUTTON_TEXT_INVALID")
    actions = (
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    )
    if not any(key in button for key in actions):
        raise bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES):
        raise bad("BUTTON_DATA_INVALID")
    if "web_app" in button:
        # Telegram wants https; its test environment (which a fake stands for) also takes http.
        url = (button["web_app"] or {}).get("url") if isinstance(button["web_app"], dict) else None
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise bad("BUTTON_URL_INVALID")


def _has_web_app_button(markup: JSON) -> bool:
    return any("web_app" in button for row in markup.get("inline_keyboard") or [] for button in row)
