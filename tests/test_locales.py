"""The catalogues (bot/locales/<lang>/faceshift.ftl) against English: the same messages, the same placeholders and
markup, valid Fluent, plural variants that cannot say the wrong thing, right-to-left lines that start right to
left, and no text over Telegram's limits when rendered with the longest names Telegram allows."""

from __future__ import annotations

import collections
import html
import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from fluent.runtime import FluentBundle, FluentLocalization, FluentResourceLoader
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n import FSI, LANGUAGE_NAMES, LANGUAGES, PDI, RIGHT_TO_LEFT, Catalog, Texts, catalogue_folders

LOCALES = Path(__file__).resolve().parent.parent / "bot" / "locales"
RESOURCE = "faceshift.ftl"
OTHERS = [lang for lang in LANGUAGES if lang != "en"]

# Telegram's limits (UTF-16 code units, as Telegram counts).
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_ALERT = 200  # answerCallbackQuery text
MAX_BUTTON = 64  # no documented limit, but longer labels are cut on phones
# Texts shown in a callback query's alert (answerCallbackQuery), not as messages.
ALERTS = {
    "not-yours", "menu-gone", "op-unavailable", "duplicate", "duplicate-done", "busy", "banned", "out-of-quota",
    "error-generic", "language-admins-only",
}  # fmt: skip

NUMBERS = (0, 1, 2, 5, 21, 1_000_000)
LONG_NAME = "W" * 64  # Telegram's longest first name
LONG_USERNAME = "u" * 32
# The values the bot passes as strings, at their longest; every other variable is a number.
STRINGS: dict[str, str] = {
    "name": LONG_NAME,
    "who": f"{LONG_NAME} (@{LONG_USERNAME}, id 9999999999)",
    "operation": "Making the face older (80)",
    "outcomes": "done 1 000 000, no_face 1 000 000, failed 1 000 000, rejected 1 000 000, interrupted 1 000 000",
    "vendor": "acedata",
    "vendors": "AILabTools, AccuAuth, Ace Data Cloud",
    "hosting": "For face swaps and Ace Data Cloud edits, the photo is uploaded to Ace Data Cloud's storage, which "
    "keeps a public copy for 7 days.",
    "text": "acedata: the API key was rejected (401 unauthorized); check ACEDATA_API_TOKEN",
    "reason": "r" * 200,
    "reset": "12:00 AM",
    "zone": "America/Argentina/ComodRivadavia",
    "day": "1 de mai. de 2024",
    "when": "01.05.2024, 00:00",
    "kind": "release",
    "outcome": "interrupted",
    "job": "9999999999",
    "admin": "9999999999",
    "value": "-999999999",
    "language": "Bahasa Indonesia",
}
# Variables used as selectors with string keys: every value the bot can pass.
SELECTORS: dict[str, tuple[str, ...]] = {
    "gender": ("female", "male"),
    "to": ("female", "male"),
    "beard": ("yes", "no"),
    "source": ("admin", "default"),
    "bucket": ("daily", "credits", "none"),
    "ordinal": ("zero", "one", "two", "few", "many", "other"),
}
PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>")


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


class _Literals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.parts.append(node.value)

    def visit_StringLiteral(self, node: ast.StringLiteral) -> None:
        self.parts.append(node.value)


class _Selects(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[ast.SelectExpression] = []

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        self.found.append(node)
        self.generic_visit(node)


class _Outside(Visitor):
    """Uses of a variable outside one select expression (``{ $n } { $n -> [one] day *[other] days }``)."""

    def __init__(self, name: str, select: ast.SelectExpression) -> None:
        super().__init__()
        self.name, self.select, self.count = name, select, 0

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if node is not self.select:
            self.generic_visit(node)

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.count += node.id.name == self.name


def variables(node: ast.BaseNode) -> set[str]:
    visitor = _Variables()
    visitor.visit(node)
    return visitor.names


def tags(text: str) -> collections.Counter[str]:
    return collections.Counter(
        ("/" if m.group(1) else "") + m.group(2).lower() + (m.group(3) or "") for m in TAG.finditer(text)
    )


def balanced(text: str) -> bool:
    stack: list[str] = []
    for m in TAG.finditer(text):
        name = m.group(2).lower()
        if not m.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@cache
def parsed(lang: str) -> tuple[dict[str, ast.Message], tuple[str, ...]]:
    """The catalogue's messages, and what is wrong with its syntax (junk, duplicates, terms)."""
    resource = FluentParser().parse((LOCALES / lang / RESOURCE).read_text(encoding="utf-8"))
    problems: list[str] = []
    messages: dict[str, ast.Message] = {}
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            notes = "; ".join(str(a.message) for a in entry.annotations)
            problems.append(f"junk: {(entry.content or '').strip()[:80]!r} ({notes})")
        elif isinstance(entry, ast.Message):
            if entry.id.name in messages:
                problems.append(f"duplicate message {entry.id.name}")
            messages[entry.id.name] = entry
        elif isinstance(entry, ast.Term):
            problems.append(f"unexpected term -{entry.id.name}")
    return messages, tuple(problems)


class RecordingBundle(FluentBundle):
    """Keeps what ``format_pattern`` reports (FluentLocalization drops it): errors, and which bundle answered."""

    errors: list[Exception] = []  # noqa: RUF012 (reset by each render)
    locale: str | None = None

    def format_pattern(self, pattern: Any, args: Any = None) -> Any:
        value, errors = super().format_pattern(pattern, args)
        RecordingBundle.errors.extend(errors)
        RecordingBundle.locale = self.locales[0]
        return value, errors


@cache
def catalog(lang: str) -> Catalog:
    loader = FluentResourceLoader(str(LOCALES / "{locale}"))
    return Catalog(lang, FluentLocalization([lang, "en"], [RESOURCE], loader, bundle_class=RecordingBundle))


def sample_args(names: set[str]) -> Iterator[dict[str, Any]]:
    """Every combination of selector values, each with every sample number for all numeric variables."""
    selector_names = sorted(n for n in names if n in SELECTORS)
    number_names = sorted(n for n in names if n not in SELECTORS and n not in STRINGS)
    for combo in itertools.product(*(SELECTORS[n] for n in selector_names)):
        for number in NUMBERS if number_names else (None,):
            args: dict[str, Any] = {n: STRINGS[n] for n in names if n in STRINGS}
            args.update(zip(selector_names, combo, strict=True))
            args.update(dict.fromkeys(number_names, number))
            yield args


def render(lang: str, key: str, args: dict[str, Any]) -> str:
    RecordingBundle.errors = []
    RecordingBundle.locale = None
    text = catalog(lang)(key, **args)
    assert not RecordingBundle.errors, (lang, key, args, RecordingBundle.errors)
    assert RecordingBundle.locale == lang, f"{lang} {key}: rendered by the {RecordingBundle.locale} catalogue"
    return text


def renderings(lang: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    english, _ = parsed("en")
    for key, message in english.items():
        for args in sample_args(variables(message)):
            yield key, args, render(lang, key, args)


# ---- the set of languages --------------------------------------------------------------------------------


def test_every_language_offered_has_a_catalogue_and_every_catalogue_is_offered() -> None:
    assert catalogue_folders() == set(LANGUAGES) == set(LANGUAGE_NAMES)
    assert len(LANGUAGES) >= 12 and LANGUAGES[0] == "en"
    assert set(LANGUAGES) >= RIGHT_TO_LEFT
    for lang in LANGUAGES:
        assert (Locale.parse(lang).character_order == "right-to-left") == (lang in RIGHT_TO_LEFT), lang


# ---- structure: the same messages, placeholders and markup as English -------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_valid_fluent(lang: str) -> None:
    messages, problems = parsed(lang)
    assert not problems
    assert all(message.value is not None for message in messages.values())


@pytest.mark.parametrize("lang", OTHERS)
def test_catalogue_has_exactly_the_messages_and_placeholders_of_english(lang: str) -> None:
    english, _ = parsed("en")
    messages, _ = parsed(lang)
    assert sorted(set(english) - set(messages)) == [], "missing messages"
    assert sorted(set(messages) - set(english)) == [], "messages English does not have"
    problems = []
    for key, en in english.items():
        ours = messages[key]
        if variables(ours) != variables(en):
            problems.append(f"{key}: placeholders {sorted(variables(ours))}, English {sorted(variables(en))}")
        if [a.id.name for a in ours.attributes] != [a.id.name for a in en.attributes]:
            problems.append(f"{key}: attributes differ from English")
        literal_tags = [tags("\0".join(_literals(m))) for m in (ours, en)]
        if literal_tags[0] != literal_tags[1]:
            problems.append(f"{key}: markup {dict(literal_tags[0])}, English {dict(literal_tags[1])}")
    assert not problems, "\n".join(problems)


def _literals(message: ast.Message) -> list[str]:
    visitor = _Literals()
    visitor.visit(message)
    return visitor.parts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_renders_cleanly_with_every_kind_of_argument(lang: str) -> None:
    """No Fluent error, no fallback to English, balanced markup (the same as English's), no brace left."""
    problems = []
    for key, args, text in renderings(lang):
        if not balanced(text):
            problems.append(f"{key} {args}: unbalanced markup")
        if tags(text) != tags(render("en", key, args)):
            problems.append(f"{key} {args}: markup differs from English")
        if "{" in text or "}" in text:
            problems.append(f"{key} {args}: a brace is left: {text!r}")
    assert not problems, "\n".join(problems[:30])


# ---- plurals ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_variants_that_hide_the_number_match_one_number_only(lang: str) -> None:
    """A plural category covers more numbers than its name says: Russian ``one`` is also 21, 31, 101...;
    Portuguese, Hindi and Persian ``one`` is also 0. A variant whose message does not show the number
    anywhere ("the last day") must therefore be an exact number (``[1]``), or a category of one number."""
    plural = Locale.parse(lang).plural_form
    messages, _ = parsed(lang)
    problems = []
    for key, message in messages.items():
        visitor = _Selects()
        visitor.visit(message)
        for select in visitor.found:
            if not isinstance(select.selector, ast.VariableReference):
                continue
            name = select.selector.id.name
            if name in SELECTORS:  # a category the bot chose itself (the ordinal form), not a number
                continue
            exact = {float(v.key.value) for v in select.variants if isinstance(v.key, ast.NumberLiteral)}
            for variant in select.variants:
                if not isinstance(variant.key, ast.Identifier) or variant.key.name not in PLURAL_CATEGORIES:
                    continue
                outside = _Outside(name, select)
                outside.visit(message)
                if variant.default or name in variables(variant.value) or outside.count:
                    continue
                numbers = [n for n in range(1001) if n not in exact and plural(n) == variant.key.name]
                if len(numbers) > 1:
                    problems.append(f"{key}: [{variant.key.name}] hides ${name} but matches {numbers[:4]}...")
    assert not problems, "\n".join(problems)


def test_russian_stats_title_for_21_days_says_21() -> None:
    text = catalog("ru")("admin-stats-title", days=21, jobs=5, rate=80)
    assert "21" in text and "последний день" not in text
    assert "последний день" in catalog("ru")("admin-stats-title", days=1, jobs=5, rate=80)


# ---- Telegram's limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_exceeds_telegrams_limits_with_the_longest_names(lang: str) -> None:
    problems = []
    longest: dict[str, int] = {}
    for key, _args, text in renderings(lang):
        longest[key] = max(longest.get(key, 0), utf16(text))
    for key, length in longest.items():
        if key.startswith("cmd-"):
            limit, low = 256, 3
        elif key.startswith("btn-"):
            limit, low = MAX_BUTTON, 1
        elif key in ALERTS:
            limit, low = MAX_ALERT, 1
        else:
            limit, low = MAX_TEXT, 0
        if not low <= length <= limit:
            problems.append(f"{key}: {length} characters (limit {limit})")
    # A result's caption: what was done, then what is left.
    left = max(utf16(text) for key, _args, text in renderings(lang) if key == "quota-left")
    for key in (k for k in longest if k.startswith("done-")):
        if longest[key] + 1 + left > MAX_CAPTION:
            problems.append(f"{key}: the caption is {longest[key] + 1 + left} characters (limit {MAX_CAPTION})")
    assert not problems, "\n".join(problems)


# ---- right to left ---------------------------------------------------------------------------------------


def _first_strong(line: str) -> str | None:
    """The bidi class of a line's first strong character, as Telegram's layout finds it: markup removed,
    isolated runs (FSI ... PDI) skipped."""
    line = html.unescape(TAG.sub("", line))
    depth = 0
    for char in line:
        if char == FSI:
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0 and unicodedata.bidirectional(char) in ("L", "R", "AL"):
            return unicodedata.bidirectional(char)
    return None


@pytest.mark.parametrize("lang", sorted(RIGHT_TO_LEFT))
def test_right_to_left_lines_start_right_to_left(lang: str) -> None:
    """Each line of a message is laid out in the direction of its first strong letter. A line that starts
    with a command (/help) or a Latin name would be laid out left to right: names are isolated, and lines
    put a word of their own before a command."""
    problems = []
    for key, _args, text in renderings(lang):
        for line in text.splitlines():
            if _first_strong(line) == "L":
                problems.append(f"{key}: {line!r}")
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("lang", sorted(RIGHT_TO_LEFT))
def test_names_are_isolated_in_right_to_left_texts_only(lang: str) -> None:
    assert f"{FSI}Ann{PDI}" in catalog(lang)("start", name="Ann")
    assert FSI not in catalog("en")("start", name="Ann")
    assert f"{FSI}&lt;b&gt;{PDI}" in catalog(lang)("start", name="<b>")  # escaped, then isolated


def test_right_to_left_texts_still_choose_their_variant() -> None:
    """Isolates go around what is shown, never around what a message selects on (they would never match)."""
    texts = Texts()
    for language in ("ar", "fa"):
        catalog = texts.get(language)
        assert catalog("done-swap_gender", to="female") != catalog("done-swap_gender", to="male"), language
        assert "\u2068" not in catalog("done-swap_gender", to="female")
