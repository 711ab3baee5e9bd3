"""Inline keyboards and their callback data.

A button carries ``<action>:<request id>[:<argument>]``, well under Telegram's 64 bytes; everything else
(whose photo, which chat, which file) is in SQLite under the request id, so menus survive restarts.

A delivered result carries the request's menu plus a row of its own (:func:`result_menu`): "Before / after" and
"Full quality", whose argument is the job id (``b:<request id>:<job id>``, 19 bytes). That row stays under the
result while the menu above it changes (:func:`keep_result_row`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Catalog
from bot.operations import Operation

MENU_PARAM = "menu_message_id"
"""The job parameter naming the menu message a job was started from: its status is shown there."""

OLDER_AGES = (50, 65, 80)
YOUNGER_AGES = (10, 18, 25)
DEFAULT_OLDER_AGE = 65
DEFAULT_YOUNGER_AGE = 18


class Action(StrEnum):
    MENU = "m"  # show the main menu again (Back)
    AGES_OLDER = "o"  # pick an age, older
    AGES_YOUNGER = "y"  # pick an age, younger
    AGE = "a"  # argument: the age
    GENDER = "g"  # swap gender: detect first, or ask the direction
    GENDER_TO = "t"  # argument: "female" or "male"
    SWAP = "s"  # start a face swap: ask for the face photo
    DETECT = "d"
    CANCEL_SWAP = "x"
    EVERY_AGE = "e"  # argument: "o" (older) or "y" (younger): the three ages of that menu in one job
    BEFORE_AFTER = "b"  # argument: the job id of the result the button is under
    FULL_QUALITY = "f"  # argument: the job id


@dataclass(frozen=True, slots=True)
class Press:
    action: Action
    request_id: str
    argument: str | None = None


def encode(action: Action, request_id: str, argument: object | None = None) -> str:
    data = f"{action.value}:{request_id}" if argument is None else f"{action.value}:{request_id}:{argument}"
    assert len(data.encode()) <= 64, data
    return data


_REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{6,16}")
_WITH_ARGUMENT = {Action.AGE, Action.GENDER_TO, Action.EVERY_AGE, Action.BEFORE_AFTER, Action.FULL_QUALITY}
RESULT_ACTIONS = frozenset({Action.BEFORE_AFTER, Action.FULL_QUALITY})


def decode(data: str | None) -> Press | None:
    """The press a button's data names; None for anything malformed (an unknown action, a short id, an age that
    is not one the menu offers, an argument where none belongs): forged or from an older version of the bot."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) not in (2, 3):
        return None
    try:
        action = Action(parts[0])
    except ValueError:
        return None
    request_id, argument = parts[1], parts[2] if len(parts) == 3 else None
    if not _REQUEST_ID.fullmatch(request_id) or (argument is not None) != (action in _WITH_ARGUMENT):
        return None
    if action is Action.AGE and argument not in {str(age) for age in (*OLDER_AGES, *YOUNGER_AGES)}:
        return None
    if action is Action.GENDER_TO and argument not in ("female", "male"):
        return None
    if action is Action.EVERY_AGE and argument not in ("o", "y"):
        return None
    if action in RESULT_ACTIONS and not _REQUEST_ID.fullmatch(argument or ""):  # a job id: the same shape
        return None
    return Press(action, request_id, argument)


def buttons_data(markup: InlineKeyboardMarkup | None) -> set[str]:
    """The callback data of every button of a keyboard."""
    if markup is None:
        return set()
    return {str(b.callback_data) for row in markup.inline_keyboard for b in row if b.callback_data is not None}


def _button(text: str, action: Action, request_id: str, argument: object | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(action, request_id, argument))


def main_menu(catalog: Catalog, request_id: str, available: Collection[Operation]) -> InlineKeyboardMarkup | None:
    """Older / Younger, Swap gender / Swap faces, Detect gender: only what a configured vendor can do.

    None when nothing is (Telegram refuses an empty keyboard); the CLI refuses to start without an editor, so
    only a bot run by hand without vendors gets here.
    """
    buttons = {
        Operation.OLDER: _button(catalog("btn-older"), Action.AGES_OLDER, request_id),
        Operation.YOUNGER: _button(catalog("btn-younger"), Action.AGES_YOUNGER, request_id),
        Operation.SWAP_GENDER: _button(catalog("btn-swap-gender"), Action.GENDER, request_id),
        Operation.SWAP_FACES: _button(catalog("btn-swap-faces"), Action.SWAP, request_id),
        Operation.DETECT_GENDER: _button(catalog("btn-detect"), Action.DETECT, request_id),
    }
    shown = [button for op, button in buttons.items() if op in available]
    rows = [shown[i : i + 2] for i in range(0, len(shown), 2)]
    return InlineKeyboardMarkup(rows) if rows else None


def ages_menu(catalog: Catalog, request_id: str, older: bool, every_cost: int | None = None) -> InlineKeyboardMarkup:
    """The three ages, and (with ``every_cost``, what all three cost together) "All three", saying its cost."""
    ages = OLDER_AGES if older else YOUNGER_AGES
    rows = [[_button(catalog("btn-age", age=age), Action.AGE, request_id, age) for age in ages]]
    if every_cost is not None:
        every = catalog("btn-every-age", cost=every_cost)
        rows.append([_button(every, Action.EVERY_AGE, request_id, "o" if older else "y")])
    rows.append([_button(catalog("btn-back"), Action.MENU, request_id)])
    return InlineKeyboardMarkup(rows)


def ages_of(argument: str | None) -> tuple[int, ...]:
    """The ages an "every age" press makes."""
    return OLDER_AGES if argument == "o" else YOUNGER_AGES


def result_menu(
    catalog: Catalog, request_id: str, available: Collection[Operation], job_id: str, *, before_after: bool = True
) -> InlineKeyboardMarkup | None:
    """The menu under a delivered result: the request's menu, and a row with "Before / after" (not for a
    detection: the same photo with a box) and "Full quality"."""
    share = [_button(catalog("btn-full-quality"), Action.FULL_QUALITY, request_id, job_id)]
    if before_after:
        share.insert(0, _button(catalog("btn-before-after"), Action.BEFORE_AFTER, request_id, job_id))
    menu = main_menu(catalog, request_id, available)
    return InlineKeyboardMarkup([*(menu.inline_keyboard if menu else ()), share])


def keep_result_row(
    markup: InlineKeyboardMarkup | None, shown: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """``markup`` (the next menu) with the result's own row of ``shown`` (the message's keyboard now) kept under
    it: moving about the menu under a result must not take its "Before / after" and "Full quality" away."""
    if shown is None:
        return markup
    kept = [
        row
        for row in shown.inline_keyboard
        if row and all((press := decode(str(b.callback_data))) and press.action in RESULT_ACTIONS for b in row)
    ]
    if not kept:
        return markup
    return InlineKeyboardMarkup([*(markup.inline_keyboard if markup else ()), *kept])


def gender_menu(catalog: Catalog, request_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(catalog("btn-to-female"), Action.GENDER_TO, request_id, "female"),
                _button(catalog("btn-to-male"), Action.GENDER_TO, request_id, "male"),
            ],
            [_button(catalog("btn-back"), Action.MENU, request_id)],
        ]
    )


def cancel_swap(catalog: Catalog, request_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(catalog("btn-cancel"), Action.CANCEL_SWAP, request_id)]])
