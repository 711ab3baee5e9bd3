"""Which language the bot speaks where.

In a private chat: the language the person chose with /language, else their Telegram app's
(``language_code``), else English. In a group: the group's language, if its admins chose one, else the
person's, as in private. Results, status messages and failure notices of a job follow the same rule for
the chat the job runs in.

The choices are few (only people and groups that used /language), so they are all held in memory, read at
start-up and written through to SQLite: finding a catalogue costs no query on any update.
"""

from __future__ import annotations

from bot.i18n import LANGUAGE_NAMES, Catalog, Texts, language_of
from storage.chats import ChatsRepository
from storage.users import UsersRepository


def is_group(chat_id: int | None) -> bool:
    """Group and supergroup ids are negative; a private chat's id is the person's (positive)."""
    return chat_id is not None and chat_id < 0


class Languages:
    def __init__(self, texts: Texts, users: UsersRepository, chats: ChatsRepository) -> None:
        self.texts = texts
        self._users = users
        self._chats = chats
        self._people: dict[int, str] = {}
        self._groups: dict[int, str] = {}

    async def load(self) -> None:
        """Read every choice (start-up). A language no longer offered is ignored (the default applies)."""
        self._people = {k: v for k, v in (await self._users.languages()).items() if v in LANGUAGE_NAMES}
        self._groups = {k: v for k, v in (await self._chats.languages()).items() if v in LANGUAGE_NAMES}

    def person_choice(self, user_id: int) -> str | None:
        return self._people.get(user_id)

    def group_choice(self, chat_id: int) -> str | None:
        return self._groups.get(chat_id)

    def language(self, *, chat_id: int | None, user_id: int | None, language_code: str | None) -> str:
        """The language to speak in ``chat_id`` to ``user_id`` (whose Telegram app says ``language_code``)."""
        if is_group(chat_id):
            assert chat_id is not None
            group = self._groups.get(chat_id)
            if group is not None:
                return group
        chosen = self._people.get(user_id) if user_id is not None else None
        return chosen or language_of(language_code) or "en"

    def catalog(self, *, chat_id: int | None, user_id: int | None, language_code: str | None) -> Catalog:
        return self.texts.get(self.language(chat_id=chat_id, user_id=user_id, language_code=language_code))

    async def catalog_in(self, chat_id: int, user_id: int) -> Catalog:
        """The catalogue for work that runs without an update (a job, a timer): the person's Telegram
        language is the one last seen."""
        if is_group(chat_id) and chat_id in self._groups:
            return self.texts.get(self._groups[chat_id])
        record = await self._users.get(user_id)
        return self.catalog(chat_id=chat_id, user_id=user_id, language_code=record.language_code if record else None)

    async def choose_for_person(self, user_id: int, language: str | None) -> None:
        """The person's language (None: their Telegram app's)."""
        _check(language)
        await self._users.set_language(user_id, language)
        if language is None:
            self._people.pop(user_id, None)
        else:
            self._people[user_id] = language

    async def choose_for_group(self, chat_id: int, language: str | None, *, by: int | None) -> None:
        """The group's language (None: each person's own)."""
        _check(language)
        await self._chats.set_language(chat_id, language, by=by)
        if language is None:
            self._groups.pop(chat_id, None)
        else:
            self._groups[chat_id] = language

    async def group_moved(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup (a new id): its language goes with it."""
        await self._chats.move(old_id, new_id)
        language = self._groups.pop(old_id, None)
        if language is not None:
            self._groups.setdefault(new_id, language)


def _check(language: str | None) -> None:
    if language is not None and language not in LANGUAGE_NAMES:
        raise ValueError(f"no catalogue for language {language!r}")
