"""What tests read and wait for: transcripts, messages, calls, updates and files, waits driven by the change
signal (each bounded by a timeout that fails with the transcript), and the transcript dump for failures."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .files import StoredFile
from .limits import EDITABLE_KEYS, JSON
from .people import ChatLike, MessageLike, as_dict
from .records import ApiCall, CallbackAnswer, Entry
from .world import World

T = TypeVar("T")


class Observe(World):
    """Reading the world and waiting for the bot."""

    # ---- observation ----------------------------------------------------------------------------------

    def transcript(self, chat: ChatLike, *, include_deleted: bool = False) -> list[JSON]:
        """Every message in the chat in order, people's and the bot's, edits applied.

        Deleted messages are left out, or kept with ``"_deleted": True`` when ``include_deleted``.
        """
        result = []
        for entry in self._log.get(self._chat(chat).id, []):
            if entry.deleted and not include_deleted:
                continue
            message = copy.deepcopy(entry.message)
            if entry.deleted:
                message["_deleted"] = True
            result.append(message)
        return result

    def bot_messages(self, chat: ChatLike) -> list[JSON]:
        """The bot's messages in the chat that still exist, edits applied."""
        return [m for m in self.transcript(chat) if self._is_bot_message(m)]

    def message(self, chat: ChatLike, message_id: int) -> JSON:
        """The current version of a message (deleted ones carry ``"_deleted": True``)."""
        entry = self._index.get((self._chat(chat).id, message_id))
        if entry is None:
            raise KeyError(f"no message {message_id} in {self._chat(chat).describe()}")
        message = copy.deepcopy(entry.message)
        if entry.deleted:
            message["_deleted"] = True
        return message

    def calls_to(self, *methods: str) -> list[ApiCall]:
        """The recorded calls of these methods (names are case-insensitive)."""
        wanted = {m.lower() for m in methods}
        return [call for call in self.calls if call.method.lower() in wanted]

    @property
    def user_updates_delivered(self) -> list[JSON]:
        """Every update made available to the bot so far (after privacy filtering), oldest first."""
        return copy.deepcopy(self.updates.history)

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by a getUpdates offset."""
        return copy.deepcopy(self.updates.pending)

    def was_delivered(self, message: MessageLike) -> bool:
        """Whether a message a person sent produced an update for the bot (privacy mode may hide it)."""
        return self._entry_of(message).update_id is not None

    def update_for(self, message: MessageLike) -> JSON | None:
        entry = self._entry_of(message)
        for update in self.updates.history:
            if update["update_id"] == entry.update_id:
                return copy.deepcopy(update)
        return None

    @property
    def unanswered_callback_queries(self) -> list[str]:
        return [qid for qid, state in self._callback_queries.items() if not state.answered]

    def pressed_at(self, query_id: str) -> float | None:
        """When the button of this callback query was pressed (the fake's ``monotonic`` clock)."""
        state = self._callback_queries.get(query_id)
        return state.created_at if state is not None else None

    def reply_keyboard(self, chat: ChatLike) -> JSON | None:
        """The custom reply keyboard the bot last showed in this chat (None once removed)."""
        keyboard = self._reply_keyboards.get(self._chat(chat).id)
        return copy.deepcopy(keyboard) if keyboard is not None else None

    def stored_file(self, file_id: str) -> StoredFile:
        stored = self._file_store.get(file_id)
        if stored is None:
            raise KeyError(f"unknown file_id {file_id!r}")
        return stored

    def file_bytes(self, file_id: str) -> bytes:
        return self.stored_file(file_id).data

    def message_file(self, message: MessageLike) -> StoredFile:
        """The file of a message: the largest photo size, or the document."""
        message = as_dict(message)
        if message.get("photo"):
            return self.stored_file(message["photo"][-1]["file_id"])
        if message.get("document"):
            return self.stored_file(message["document"]["file_id"])
        raise ValueError("the message has neither a photo nor a document")

    def format_transcript(self, chat: ChatLike | None = None) -> str:
        """A readable dump of one chat (or all chats) for failure messages."""
        chats = [self._chat(chat)] if chat is not None else [self._chats[cid] for cid in self._log]
        lines: list[str] = []
        for each in chats:
            lines.append(f"--- {each.describe()} ---")
            entries = self._log.get(each.id, [])
            lines.extend(f"  {self._describe_entry(entry)}" for entry in entries)
            if not entries:
                lines.append("  (no messages)")
        return "\n".join(lines) if lines else "(no chats with messages)"

    def format_recent_calls(self, limit: int = 15) -> str:
        calls = [c for c in self.calls if c.method != "getUpdates"][-limit:]
        if not calls:
            return "(the bot made no Bot API calls besides getUpdates)"
        lines = ["recent Bot API calls:"]
        for call in calls:
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 160:
                params = params[:157] + "..."
            outcome = "ok" if call.ok else f"{call.status} {call.description}"
            lines.append(f"  {call.method} {params} -> {outcome}")
        return "\n".join(lines)

    # ---- waiting --------------------------------------------------------------------------------------

    async def wait_for_bot_message(
        self,
        chat: ChatLike,
        *,
        timeout: float = 5.0,
        predicate: Callable[[JSON], bool] | None = None,
    ) -> JSON:
        """The next message the bot sends into ``chat`` after the last one a wait returned (edits applied).

        With ``predicate``, the first such message it accepts; the ones before it are consumed too.
        """
        target = self._chat(chat)

        def probe() -> JSON | None:
            log = self._log.get(target.id, [])
            for index in range(self._bot_cursor.get(target.id, 0), len(log)):
                entry = log[index]
                if entry.from_bot and (predicate is None or predicate(copy.deepcopy(entry.message))):
                    self._bot_cursor[target.id] = index + 1
                    return copy.deepcopy(entry.message)
            return None

        return await self._wait(probe, timeout, f"a bot message in {target.describe()}")

    def next_bot_message(self, chat: ChatLike, predicate: Callable[[JSON], bool]) -> JSON:
        """The next bot message already in ``chat`` after the last one a wait returned that ``predicate`` accepts
        (consumed, as :meth:`wait_for_bot_message` does); LookupError when there is none yet."""
        target = self._chat(chat)
        log = self._log.get(target.id, [])
        for index in range(self._bot_cursor.get(target.id, 0), len(log)):
            entry = log[index]
            if entry.from_bot and predicate(copy.deepcopy(entry.message)):
                self._bot_cursor[target.id] = index + 1
                return copy.deepcopy(entry.message)
        raise LookupError(f"no such bot message in {target.describe()} yet")

    async def wait_for_bot_messages(self, chat: ChatLike, count: int, *, timeout: float = 5.0) -> list[JSON]:
        """The next ``count`` bot messages in ``chat`` (e.g. an album)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        return [await self.wait_for_bot_message(chat, timeout=max(deadline - loop.time(), 0)) for _ in range(count)]

    async def assert_no_bot_message(self, chat: ChatLike, *, within: float = 0.3) -> None:
        """Fail if the bot sends anything new into ``chat`` within ``within`` seconds.

        A negative check cannot be event-driven; keep it for "the bot stays silent" assertions, after
        something deterministic (e.g. ``wait_until_fetched``) showed the bot did receive what it ignores.
        """
        target = self._chat(chat)
        start = self._bot_cursor.get(target.id, 0)

        def probe() -> JSON | None:
            for entry in self._log.get(target.id, [])[start:]:
                if entry.from_bot:
                    return entry.message
            return None

        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (found := probe()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            await self._signal.wait(remaining)
        raise AssertionError(
            f"expected no bot message in {target.describe()}, got {_summary(found)!r}"
            f"\n\n{self.format_transcript(target)}"
        )

    async def wait_for_edit(
        self,
        message: MessageLike,
        *,
        timeout: float = 5.0,
        predicate: Callable[[JSON], bool] | None = None,
    ) -> JSON:
        """Wait until the stored message's content differs from the given snapshot (and ``predicate`` holds)."""
        snapshot = as_dict(message)
        entry = self._entry_of(snapshot)

        def probe() -> JSON | None:
            if entry.deleted:
                raise AssertionError(f"message #{snapshot['message_id']} was deleted while waiting for an edit")
            current = entry.message
            changed = any(current.get(key) != snapshot.get(key) for key in EDITABLE_KEYS)
            if changed and (predicate is None or predicate(copy.deepcopy(current))):
                return copy.deepcopy(current)
            return None

        return await self._wait(probe, timeout, f"an edit of message #{snapshot['message_id']}")

    async def wait_for_deletion(self, message: MessageLike, *, timeout: float = 5.0) -> None:
        message = as_dict(message)
        entry = self._entry_of(message)
        await self._wait(
            lambda: True if entry.deleted else None, timeout, f"deletion of message #{message['message_id']}"
        )

    async def wait_for_call(
        self,
        method: str,
        *,
        timeout: float = 5.0,
        predicate: Callable[[ApiCall], bool] | None = None,
    ) -> ApiCall:
        """The first recorded call of ``method`` (past or future) that ``predicate`` accepts."""

        def probe() -> ApiCall | None:
            for call in self.calls:
                if call.method.lower() == method.lower() and (predicate is None or predicate(call)):
                    return call
            return None

        return await self._wait(probe, timeout, f"a {method} call")

    async def wait_for_callback_answer(self, callback_query_id: str, *, timeout: float = 5.0) -> CallbackAnswer:
        def probe() -> CallbackAnswer | None:
            return next((a for a in self.callback_answers if a.callback_query_id == callback_query_id), None)

        return await self._wait(probe, timeout, f"an answer to callback query {callback_query_id}")

    async def wait_until_fetched(self, item: MessageLike, *, timeout: float = 5.0) -> None:
        """Wait until getUpdates handed this update (or the update of this person's message) to the bot."""
        data = as_dict(item)
        if "update_id" in data:
            update_id: int | None = int(data["update_id"])
        else:
            update_id = self._entry_of(data).update_id
            if update_id is None:
                raise AssertionError(f"message #{data['message_id']} was never delivered to the bot (privacy mode)")
        await self._wait(
            lambda: True if update_id in self.updates.fetched_ids else None,
            timeout,
            f"the bot to fetch update {update_id}",
        )

    async def wait_until_confirmed(self, *, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed (via getUpdates offset) every update made so far."""
        await self._wait(
            lambda: True if not self.updates.pending else None,
            timeout,
            "the bot to confirm every pending update",
        )

    async def wait_until(
        self, condition: Callable[[], object], *, timeout: float = 5.0, what: str = "a condition"
    ) -> None:
        """Wait until ``condition()`` is truthy; it is re-checked on every change of the fake's state."""
        await self._wait(lambda: True if condition() else None, timeout, what)

    async def _wait(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = probe()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout:g}s waiting for {what}\n\n{self.format_transcript()}\n\n"
                    f"{self.format_recent_calls()}"
                )
            await self._signal.wait(remaining)

    # ---- transcript formatting ------------------------------------------------------------------------

    def _describe_entry(self, entry: Entry) -> str:
        message = entry.message
        if entry.from_bot:
            who = "bot"
        elif "from" in message:
            who = f"{message['from'].get('first_name')} ({message['from']['id']})"
        else:
            who = "(service)"
        parts = [f"#{message['message_id']} {who}:"]
        if "photo" in message:
            largest = message["photo"][-1]
            parts.append(f"[photo {largest['width']}x{largest['height']}]")
        if "document" in message:
            parts.append(f"[document {message['document'].get('file_name')!r}]")
        if "media_group_id" in message:
            parts.append(f"[album {message['media_group_id']}]")
        for key in ("new_chat_members", "forum_topic_created", "sticker"):
            if key in message:
                parts.append(f"[{key}]")
        body = message.get("text", message.get("caption"))
        if body is not None:
            parts.append(repr(body if len(body) <= 200 else body[:197] + "..."))
        if "reply_to_message" in message:
            parts.append(f"(reply to #{message['reply_to_message']['message_id']})")
        if "message_thread_id" in message:
            parts.append(f"(thread {message['message_thread_id']})")
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        if rows:
            parts.append("[" + " | ".join(str(b.get("text")) for row in rows for b in row) + "]")
        if "edit_date" in message:
            parts.append("(edited)")
        if entry.deleted:
            parts.append("(deleted)")
        if not entry.from_bot and entry.update_id is None:
            parts.append("(not delivered to the bot)")
        return " ".join(parts)


def _summary(message: Mapping[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "(no text)")
