"""Which face: the questions a job may need before it starts.

Every gesture that starts a job goes through :func:`handlers.launch.launch`, which asks :func:`ready` first:

- the faces of each photo the job uses are looked for once (on the copy its vendor will get, off the event loop;
  that download is kept for the job) and kept with the request (``FacesRepository``); a job never looks again;
- two or more usable faces: the person gets a small preview with numbered boxes and buttons ``1``..``N`` (the
  largest first, at most ``MAX_CHOICES``), ``Everyone`` where the vendor edits several faces in one call (Ace, age
  and gender, up to 3; it costs the operation's cost per face), and Cancel;
- no usable face: the person is told at once, with "Try anyway" (the detector misses some faces a vendor finds);
  nothing is reserved until a job starts;
- one face: no question, as before.

A question is a stored row (``face_questions``) whose id the buttons carry, so it survives a restart; only the
person who asked may answer. A face swap asks about its first photo (which face receives), then its second (which
face to use). An answer re-enters ``launch`` with the choice in the job's parameters.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import faces, imaging
from bot.faces import PhotoFaces
from bot.i18n import Catalog
from bot.operations import Operation
from bot.providers.acedata import MAX_FACES
from bot.providers.router import VENDOR_RULES
from bot.settings import Vendor
from handlers.answers import PressAnswer
from handlers.context import Context
from handlers.replies import catalog_for, reply_to
from storage.faces import FaceQuestion
from storage.requests import PhotoRequest, PhotoSize

log = logging.getLogger(__name__)

PREFIX: Final = "F"
"""Callback data of the questions' buttons: ``F:<question id>:<answer>``."""
MAX_CHOICES: Final = 6
"""Face buttons offered at most (the largest faces): a keyboard row, and more faces than that are too small to
tell apart in a preview anyway."""
PICKED: Final = "picked"
"""Job parameter: the photos ("target", "source") whose question was answered."""
_MAX_DOCUMENT_BYTES: Final = 10_000_000
"""An image sent as a file is downloaded whole to look for faces; bigger ones are left to the vendor."""
_EVERYONE_OPERATIONS: Final = frozenset({Operation.OLDER, Operation.YOUNGER, Operation.SWAP_GENDER})


async def ready(
    context: Context,
    catalog: Catalog,
    *,
    request: PhotoRequest,
    user_id: int,
    operation: Operation,
    params: dict[str, object],
    key: str,
    face: PhotoRequest | None,
    press: PressAnswer | None,
) -> bool:
    """True when the job may start now; False when a question was asked instead (and the press answered)."""
    picked = params.get(PICKED)
    done = set(picked) if isinstance(picked, list) else set()
    stages = [("target", request)] + ([("source", face)] if face is not None else [])
    for stage, photo in stages:
        if stage in done:
            continue
        if _too_small(context, photo, operation):
            continue  # the job refuses it at no cost, in better words (its size) than a face question
        known = await faces_of(context, photo)
        if known is None:
            continue
        found = usable(context, known, operation)
        if len(found.faces) == 1:
            continue
        question = await context.services.faces.ask(
            request_id=request.id,
            face_request_id=face.id if face else None,
            user_id=user_id,
            operation=operation.value,
            params=params,
            key=key,
            stage=stage,
        )
        if press is not None:
            await press.answer()
        if found.faces:
            await _show_picker(context, catalog, question, photo, found, operation)
        else:
            await _say_no_face(context, catalog, question, photo)
        return False
    return True


async def faces_of(context: Context, request: PhotoRequest) -> PhotoFaces | None:
    """The faces of ``request``'s photo, looked for once and kept (all of them: which are usable depends on the
    vendor); None when they cannot be known (no
    detector here, a file too big to fetch for it, a download that failed): the vendor then picks, as before."""
    services = context.services
    stored = await services.faces.get(request.id)
    if stored is not None:
        return PhotoFaces.from_json(stored)
    if not faces.available() or not request.sizes:
        return None
    largest = request.sizes[-1]
    document = (largest.width, largest.height) == (0, 0)
    if document and largest.file_size > _MAX_DOCUMENT_BYTES:
        return None
    try:
        data = await services.files.fetch(_copy_to_look_at(context, request).file_id)
        found = await _detect(data, None if document else (largest.width, largest.height))
    except (TelegramError, imaging.ImageRejected) as error:
        log.info("request %s: faces not looked for (%s)", request.id, error)
        return None
    except Exception as error:  # Pillow raises many kinds for a damaged file; the job will say what is wrong
        log.info("request %s: faces not looked for (%s: %s)", request.id, type(error).__name__, error)
        return None
    if found is None:
        return None
    await services.faces.put(request.id, found.to_json())
    return found


_DETECTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="faces")
"""The detector's own thread. The native detector takes one photo at a time anyway (``bot.faces`` holds a lock);
in asyncio's default pool a burst of photos held every worker waiting for it, and a job's quick image work (its
photo checked for the vendor, its result fitted and written) queued behind all of them: in a burst of 150
photos no job reached its vendor before the last face was found, 4-5 s after the first photo (on this thread:
1-2 s)."""


async def _detect(data: bytes, size: tuple[int, int] | None) -> PhotoFaces | None:
    call = functools.partial(contextvars.copy_context().run, faces.detect, data, size)  # as to_thread: log context
    return await asyncio.get_running_loop().run_in_executor(_DETECTOR, call)


def _too_small(context: Context, photo: PhotoRequest, operation: Operation) -> bool:
    vendor = context.services.providers.vendor_for(operation)
    largest = photo.sizes[-1] if photo.sizes else None
    if vendor is None or largest is None or (largest.width, largest.height) == (0, 0):
        return False
    return min(largest.width, largest.height) < VENDOR_RULES[vendor].min_side


def usable(context: Context, found: PhotoFaces, operation: Operation) -> PhotoFaces:
    """The faces the operation's vendor can work on (see ``bot.faces.MIN_FACE_FOR``)."""
    vendor = context.services.providers.vendor_for(operation)
    return found.usable(faces.MIN_FACE_FOR.get(vendor.value if vendor else "", faces.MIN_FACE))


def _copy_to_look_at(context: Context, request: PhotoRequest) -> PhotoSize:
    """The copy of the photo the detector looks at: the one the vendors will get, when every operation offered
    goes to vendors that take the same copy (it is downloaded once, for the faces and for the job: see
    ``bot.telegram_files``); else the smallest copy of at least ``DETECT_SIDE`` (Telegram's ~320 px one)."""
    providers = context.services.providers
    sizes = [(s.width, s.height, s.file_size) for s in request.sizes]
    vendors = {providers.vendor_for(operation) for operation in providers.available()}
    chosen = {imaging.choose_photo_size(sizes, VENDOR_RULES[vendor]) for vendor in vendors if vendor is not None}
    if len(chosen) == 1:
        copy = request.sizes[chosen.pop()]
        if copy.file_size <= _MAX_DOCUMENT_BYTES:
            return copy
    side = faces.DETECT_SIDE
    return next((s for s in request.sizes if max(s.width, s.height) >= side), request.sizes[-1])


def _everyone(context: Context, operation: Operation, count: int) -> bool:
    """Whether one call can edit every face: Ace's age and gender edits, up to ``MAX_FACES``."""
    vendor = context.services.providers.vendor_for(operation)
    return operation in _EVERYONE_OPERATIONS and vendor is Vendor.ACEDATA and 2 <= count <= MAX_FACES


def _button(text: str, question: FaceQuestion, answer: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=f"{PREFIX}:{question.id}:{answer}")


async def _show_picker(
    context: Context,
    catalog: Catalog,
    question: FaceQuestion,
    photo: PhotoRequest,
    found: PhotoFaces,
    operation: Operation,
) -> None:
    offered = PhotoFaces(found.width, found.height, found.faces[:MAX_CHOICES])
    rows = [[_button(str(n), question, str(n)) for n in range(1, len(offered.faces) + 1)]]
    if _everyone(context, operation, len(found.faces)):
        cost = context.services.settings.cost_of(operation.value) * len(found.faces)
        rows.append([_button(catalog("btn-face-everyone", count=len(found.faces), cost=cost), question, "all")])
    rows.append([_button(catalog("btn-cancel"), question, "no")])
    preview_size = next((s for s in photo.sizes if max(s.width, s.height) >= faces.PREVIEW_SIDE), photo.sizes[-1])
    data = await context.services.files.fetch(preview_size.file_id)
    preview = await asyncio.to_thread(faces.numbered_preview, data, offered)
    text = {"target": "faces-pick", "source": "faces-pick-source"}[question.stage]
    if operation is Operation.SWAP_FACES and question.stage == "target":
        text = "faces-pick-target"
    await context.bot.send_photo(
        photo.chat_id,
        preview,
        caption=catalog(text, count=len(found.faces)),
        reply_parameters=reply_to(photo.message_id),
        message_thread_id=photo.thread_id,
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def _say_no_face(context: Context, catalog: Catalog, question: FaceQuestion, photo: PhotoRequest) -> None:
    keyboard = InlineKeyboardMarkup(
        [[_button(catalog("btn-try-anyway"), question, "try"), _button(catalog("btn-cancel"), question, "no")]]
    )
    await context.bot.send_message(
        photo.chat_id,
        catalog("faces-none-source" if question.stage == "source" else "faces-none"),
        reply_parameters=reply_to(photo.message_id),
        message_thread_id=photo.thread_id,
        reply_markup=keyboard,
    )


async def on_answer(update: Update, context: Context) -> None:
    """A press on a question's button: a face number, ``all``, ``try`` (anyway) or ``no`` (cancel)."""
    query = update.callback_query
    if query is None or not query.data:
        return
    failure = catalog_for(update, context)("error-generic")
    async with PressAnswer(query, failure_text=failure, received=context.replayed_since(update)) as press:
        await _on_answer(update, context, query, press)


async def _on_answer(update: Update, context: Context, query: CallbackQuery, press: PressAnswer) -> None:
    from handlers.launch import launch  # launch asks ready() first: imported here, not at module level

    assert query.data is not None
    catalog = catalog_for(update, context)
    services = context.services
    parts = query.data.split(":")
    question = await services.faces.question(parts[1]) if len(parts) == 3 else None
    if question is None:
        await press.answer(catalog("menu-gone"), alert=True)
        return
    if query.from_user.id != question.user_id:
        await press.answer(catalog("not-yours"), alert=True)
        return
    answer = parts[2]
    if answer == "no":
        await press.answer(catalog("faces-cancelled"))
        await _close(query)
        return
    request = await services.requests.get(question.request_id)
    face = await services.requests.get(question.face_request_id) if question.face_request_id else None
    photo = face if question.stage == "source" else request
    params = dict(question.params)
    if answer != "try":
        stored = await services.faces.get(photo.id) if photo else None
        found = usable(context, PhotoFaces.from_json(stored), Operation(question.operation)) if stored else None
        chosen = _chosen(found, answer)
        if chosen is None:
            await press.answer(catalog("menu-gone"), alert=True)
            return
        name = "source_faces" if question.stage == "source" else "faces"
        params[name] = chosen.to_json()
        if question.stage == "target":
            params["face_label"] = "all" if answer == "all" else answer
            params["face_count"] = len(chosen.faces)
    if request is None or (question.face_request_id and face is None):
        await press.answer(catalog("menu-gone"), alert=True)
        return
    picked = params.get(PICKED)
    params[PICKED] = [*(picked if isinstance(picked, list) else []), question.stage]
    await _close(query)
    await launch(
        context,
        catalog,
        request=request,
        user_id=question.user_id,
        operation=Operation(question.operation),
        params=params,
        key=f"{question.key}|{question.stage[0]}{answer}",
        face=face,
        press=press,
    )


def _chosen(found: PhotoFaces | None, answer: str) -> PhotoFaces | None:
    if found is None or not found.faces:
        return None
    if answer == "all":
        return found if len(found.faces) <= MAX_FACES else None
    if not answer.isdigit() or not 1 <= int(answer) <= min(len(found.faces), MAX_CHOICES):
        return None
    return PhotoFaces(found.width, found.height, (found.faces[int(answer) - 1],))


async def _close(query: CallbackQuery) -> None:
    """Take the buttons off an answered question (it stays in the chat, as a record of the choice)."""
    if isinstance(query.message, Message):
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                log.info("question buttons not removed: %s", error)


def face_note(catalog: Catalog, params: dict[str, object]) -> str:
    """The result caption's line saying which face was edited ("" when nobody chose)."""
    label = params.get("face_label")
    if label == "all":
        return "\n" + catalog("done-face-everyone", count=int(str(params.get("face_count", 0))))
    if isinstance(label, str) and label.isdigit():
        return "\n" + catalog("done-face", number=int(label))
    return ""
