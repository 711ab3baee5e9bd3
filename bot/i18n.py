"""Every text the bot shows people, from Fluent catalogues (``bot/locales/<lang>/faceshift.ftl``).

Which language is spoken where (a person's or a group's choice, else the person's Telegram ``language_code``)
is decided in :mod:`bot.languages`; here a language code gives a :class:`Catalog`. A code we have no
catalogue for falls back to English, and a message missing from a catalogue falls back to its English text.

Texts are HTML (the application's default parse mode): arguments are escaped here, so a person's name can
never inject markup. Numbers and dates follow the language's conventions (Babel: ``1 234`` in Russian,
``1.234`` in German), always with Latin digits: ids, usernames and commands around them are Latin too, and
mixed digit systems in one message read badly. In right-to-left languages (Arabic, Persian) every text
argument (names, @usernames, labels, times) is wrapped in Unicode isolates (FSI ... PDI), so it keeps its own
order and does not pull the sentence around it into left-to-right; numbers need no isolates (the bidi
algorithm already keeps a run of digits together and in place).
"""

from __future__ import annotations

import html
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from fluent.runtime import FluentLocalization, FluentResourceLoader
from fluent.syntax import FluentParser, ast, visitor

DEFAULT_LANGUAGE = "en"
# Every language the bot speaks, by its own name, in the order the /language keyboard shows them. Each has a
# folder in bot/locales (checked at start-up and by tests/test_locales.py).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "uk": "Українська",
    "es": "Español",
    "pt": "Português",
    "de": "Deutsch",
    "tr": "Türkçe",
    "id": "Bahasa Indonesia",
    "uz": "Oʻzbekcha",
    "hi": "हिन्दी",
    "fa": "فارسی",
    "ar": "العربية",
}
LANGUAGES = tuple(LANGUAGE_NAMES)
RIGHT_TO_LEFT = frozenset({"fa", "ar"})
_RESOURCE = "faceshift.ftl"

FSI = "\u2068"  # FIRST STRONG ISOLATE: the text up to PDI takes the direction of its first strong letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def _locales_dir() -> Path:
    return Path(str(resources.files("bot").joinpath("locales")))


def catalogue_folders() -> set[str]:
    """The languages that have a catalogue in ``bot/locales``."""
    return {entry.name for entry in _locales_dir().iterdir() if (entry / _RESOURCE).is_file()}


def language_of(code: str | None) -> str | None:
    """The language we speak for a Telegram ``language_code`` (``pt-BR`` -> ``pt``), or None."""
    if not code:
        return None
    lang = code.replace("_", "-").split("-")[0].lower()
    return lang if lang in LANGUAGE_NAMES else None


class Catalog:
    """Texts in one language: ``catalog("help-private", name="Ann")``; numbers and dates in its conventions."""

    def __init__(self, language: str, localization: FluentLocalization) -> None:
        self.language = language
        self.name = LANGUAGE_NAMES.get(language, language)
        self.right_to_left = language in RIGHT_TO_LEFT
        self._locale = Locale.parse(language)
        self._l10n = localization
        # Arguments a message selects on (`{ $to -> [female] ...}`) are compared, never shown: no isolates there.
        self._selectors = _selectors(language) if self.right_to_left else {}

    def __call__(self, key: str, /, **args: Any) -> str:
        selectors = self._selectors.get(key, frozenset())
        return self._l10n.format_value(
            key,
            {name: value if name in selectors else self._argument(value) for name, value in args.items()},
        )

    def _argument(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = html.escape(value)
        return FSI + value + PDI if self.right_to_left and value else value

    def ordinal_form(self, value: int) -> str:
        """The CLDR ordinal category of ``value`` here (English 2: "two", for "2nd"), for a message to select on."""
        return str(self._locale.ordinal_form(value))

    def number(self, value: float) -> str:
        """``1234`` as this language writes it (``1,234``, ``1 234``, ``1.234``), in Latin digits."""
        return format_decimal(value, locale=self._locale, numbering_system="latn")

    def time(self, moment: datetime) -> str:
        """The time of day, short (``00:00``, ``12:00 AM``)."""
        return format_time(moment, "short", tzinfo=moment.tzinfo, locale=self._locale)

    def date(self, day: date) -> str:
        """A date, with the month in words where the language does (``1 May 2024``, ``1 мая 2024 г.``)."""
        return format_date(day, "medium", locale=self._locale)

    def datetime(self, moment: datetime) -> str:
        """Date and time, short (``01.05.2024, 00:00``)."""
        return format_datetime(moment, "short", tzinfo=moment.tzinfo, locale=self._locale)


class Texts:
    """All catalogues, loaded once at start-up."""

    def __init__(self) -> None:
        folders = catalogue_folders()
        if folders != set(LANGUAGES):
            raise RuntimeError(f"bot/locales has {sorted(folders)}, bot.i18n.LANGUAGES is {sorted(LANGUAGES)}")
        loader = FluentResourceLoader(str(_locales_dir() / "{locale}"))
        self._catalogs = {
            lang: Catalog(lang, FluentLocalization([lang, DEFAULT_LANGUAGE], [_RESOURCE], loader)) for lang in LANGUAGES
        }

    def get(self, language_code: str | None) -> Catalog:
        """The catalogue for a language code (``de``, ``pt-BR``); English for anything else."""
        return self._catalogs[language_of(language_code) or DEFAULT_LANGUAGE]

    @staticmethod
    def message_ids(language: str) -> set[str]:
        """The message ids a catalogue defines (used by the test that keeps catalogues in step)."""
        text = (_locales_dir() / language / _RESOURCE).read_text(encoding="utf-8")
        return {
            line.split("=", 1)[0].strip()
            for line in text.splitlines()
            if line and not line[0].isspace() and not line.startswith("#") and "=" in line
        }


class _SelectorNames(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            self.names.add(node.selector.id.name)
        self.generic_visit(node)


def _selectors(language: str) -> dict[str, frozenset[str]]:
    """message id -> the variables its select expressions choose on, in ``language``'s catalogue."""
    resource = FluentParser().parse((_locales_dir() / language / _RESOURCE).read_text(encoding="utf-8"))
    found: dict[str, frozenset[str]] = {}
    for entry in resource.body:
        if isinstance(entry, ast.Message):
            names = _SelectorNames()
            names.visit(entry)
            if names.names:
                found[entry.id.name] = frozenset(names.names)
    return found
