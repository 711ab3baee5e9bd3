"""Every text the bot shows people, from Fluent catalogues (``bot/locales/<lang>/faceshift.ftl``).

The language is the person's Telegram ``language_code`` (``ru-RU`` -> ``ru``); anything we have no catalogue
for falls back to English, and a message missing from a catalogue falls back to its English text.
Texts are HTML (the application's default parse mode): arguments are escaped here, so a person's name
can never inject markup.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "ru")
_RESOURCE = "faceshift.ftl"


def _locales_dir() -> Path:
    return Path(str(resources.files("bot").joinpath("locales")))


class Catalog:
    """Texts in one language: ``catalog("help-private", name="Ann")``."""

    def __init__(self, language: str, localization: FluentLocalization) -> None:
        self.language = language
        self._l10n = localization

    def __call__(self, key: str, /, **args: Any) -> str:
        safe = {name: html.escape(value) if isinstance(value, str) else value for name, value in args.items()}
        return self._l10n.format_value(key, safe)


class Texts:
    """All catalogues, loaded once at start-up."""

    def __init__(self) -> None:
        loader = FluentResourceLoader(str(_locales_dir() / "{locale}"))
        self._catalogs = {
            lang: Catalog(lang, FluentLocalization([lang, DEFAULT_LANGUAGE], [_RESOURCE], loader)) for lang in LANGUAGES
        }

    def get(self, language_code: str | None) -> Catalog:
        lang = (language_code or DEFAULT_LANGUAGE).split("-")[0].lower()
        return self._catalogs.get(lang, self._catalogs[DEFAULT_LANGUAGE])

    @staticmethod
    def message_ids(language: str) -> set[str]:
        """The message ids a catalogue defines (used by the test that keeps catalogues in step)."""
        text = (_locales_dir() / language / _RESOURCE).read_text(encoding="utf-8")
        return {
            line.split("=", 1)[0].strip()
            for line in text.splitlines()
            if line and not line[0].isspace() and not line.startswith("#") and "=" in line
        }
