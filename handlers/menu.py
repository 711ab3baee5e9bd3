"""Button presses. Every press is answered first (:class:`handlers.answers.PressAnswer`).

A press counts only on the message that carries the request's buttons, and only from who may press them:

- the message: the press's data must be one of the buttons Telegram reports on the pressed message (a client can
  send any data on any message of the bot: forged data naming the presser's own request on someone else's menu is
  refused), in the request's chat; when Telegram cannot show the message (too old), it must be the request's
  recorded menu message. Malformed data (an unknown action, a short id, an age the menu does not offer) is
  refused the same way, with the "menu too old" answer;
- the presser: see :func:`handlers.users.may_press` (the person who asked; for a chat's request, its admins).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.i18n import Catalog
from bot.operations import Operation
from handlers import keyboards, sharing, swap
from handlers.answers import PressAnswer
from handlers.context import Context
from handlers.keyboards import Action, Press
from handlers.launch import launch
from handlers.replies import catalog_for, reply_to
from handlers.users import Account, may_press
from storage.requests import PhotoRequest

log = logging.getLogger(__name__)

EDIT_PAUSES = (0.5, 1.5)  # pauses between attempts at turning the pressed message into the next menu


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    failure = catalog_for(update, context)("error-generic")
    async with PressAnswer(query, failure_text=failure, received=context.replayed_since(update)) as answer:
        await _on_press(update, context, query, answer)


async def _on_press(update: Update, context: Context, query: CallbackQuery, answer: PressAnswer) -> None:
    catalog = catalog_for(update, context)
    press = keyboards.decode(query.data)
    request = await context.services.requests.get(press.request_id) if press else None
    if press is None or request is None or not _on_its_menu(query, request):
        await answer.answer(catalog("menu-gone"), alert=True)
        return
    if not await may_press(context, owner=request.user_id, chat_id=request.chat_id, presser=query.from_user):
        if request.user_id > 0:
            await answer.answer(catalog("not-yours"), alert=True)
        else:
            owner = await context.services.users.get(request.user_id)
            name = owner.first_name if owner else str(request.user_id)
            await answer.answer(catalog("not-yours-chat", who=name[:40]), alert=True)  # alerts: 200 characters
        return
    await _act(update, context, catalog, press, request, answer)


def _on_its_menu(query: CallbackQuery, request: PhotoRequest) -> bool:
    """Whether the press's data is a button of the pressed message, a message of the request's chat."""
    message = query.message
    if message is None or message.chat.id != request.chat_id:
        return False
    if isinstance(message, Message):
        return query.data in keyboards.buttons_data(message.reply_markup)
    return message.message_id == request.menu_message_id  # inaccessible (too old to be shown): the recorded menu


async def _act(
    update: Update, context: Context, catalog: Catalog, press: Press, request: PhotoRequest, answer: PressAnswer
) -> None:
    query = update.callback_query
    assert query is not None
    message = query.message
    # The job key: this button on this message. A double press or a re-delivered update is the same job.
    key = f"{request.chat_id}:{message.message_id if message else 0}:{query.data}"
    available = context.services.providers.available()
    replayed_since = context.replayed_since(update)

    async def start(operation: Operation, params: dict[str, object]) -> None:
        if isinstance(message, Message) and message.text is not None:  # a menu (a result photo has a caption)
            params = {**params, keyboards.MENU_PARAM: message.message_id}
        await launch(
            context,
            catalog,
            request=request,
            user_id=request.user_id,  # the account that asked pays, whoever of its people pressed
            operation=operation,
            params=params,
            key=key,
            press=answer,
            replayed_since=replayed_since,
            update_id=update.update_id,
        )

    match press.action:
        case Action.MENU:
            await answer.answer()
            await _show(
                context, query, request, catalog("menu-prompt"), keyboards.main_menu(catalog, request.id, available)
            )
        case Action.AGES_OLDER | Action.AGES_YOUNGER:
            await answer.answer()
            older = press.action is Action.AGES_OLDER
            text = catalog("menu-older" if older else "menu-younger")
            op = Operation.OLDER if older else Operation.YOUNGER
            every = context.services.settings.cost_of(op.value) * len(
                keyboards.OLDER_AGES if older else keyboards.YOUNGER_AGES
            )
            await _show(context, query, request, text, keyboards.ages_menu(catalog, request.id, older, every))
        case Action.EVERY_AGE:
            op = Operation.OLDER if press.argument == "o" else Operation.YOUNGER
            await start(op, {"ages": list(keyboards.ages_of(press.argument))})
        case Action.BEFORE_AFTER | Action.FULL_QUALITY:
            await sharing.on_press(context, catalog, press, request, answer)
        case Action.AGE:
            age = int(press.argument or 0)  # one of the ages the menu offers (decode checked)
            await start(Operation.OLDER if age in keyboards.OLDER_AGES else Operation.YOUNGER, {"age": age})
        case Action.GENDER:
            if Operation.DETECT_GENDER in available:
                await start(Operation.SWAP_GENDER, {})
            else:
                await answer.answer()
                await _show(context, query, request, catalog("menu-gender"), keyboards.gender_menu(catalog, request.id))
        case Action.GENDER_TO:
            await start(Operation.SWAP_GENDER, {"to": press.argument})
        case Action.DETECT:
            await start(Operation.DETECT_GENDER, {})
        case Action.SWAP:
            if Operation.SWAP_FACES not in available:
                await answer.answer(catalog("op-unavailable"), alert=True)
                return
            await answer.answer()
            owner = await _owner(context, request, query)
            menu_id = message.message_id if isinstance(message, Message) and message.text is not None else None
            await swap.ask_for_face(context, catalog, request, owner, opened_by=update.update_id, menu_id=menu_id)
        case Action.CANCEL_SWAP:
            if await swap.cancel(context, catalog, request.id):
                await answer.answer()
                return
            # A prompt left up (its wait ended, the edit that said so did not get through): say so, menu back.
            await answer.answer(catalog("cancel-nothing"))
            await _show(
                context, query, request, catalog("menu-prompt"), keyboards.main_menu(catalog, request.id, available)
            )


async def _owner(context: Context, request: PhotoRequest, query: CallbackQuery) -> Account:
    if request.user_id == query.from_user.id:
        return Account(request.user_id, query.from_user.first_name)
    record = await context.services.users.get(request.user_id)
    return Account(request.user_id, record.first_name if record else "", is_chat=request.user_id < 0)


async def _show(
    context: Context, query: CallbackQuery, request: PhotoRequest, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Turn the pressed message into the next menu (a result photo keeps its caption: what was done, quota
    left; only its buttons change). When Telegram keeps failing the edit (a 502...), or the message cannot be
    edited any more, the menu comes as a new message instead: a press is never lost silently."""
    message = query.message
    assert message is not None
    bot = context.bot
    if isinstance(message, Message):  # under a result: its own buttons stay
        markup = keyboards.keep_result_row(markup, message.reply_markup)
    for pause in (*EDIT_PAUSES, None):
        try:
            if isinstance(message, Message) and message.text is None:
                await bot.edit_message_reply_markup(request.chat_id, message.message_id, reply_markup=markup)
            else:
                await bot.edit_message_text(
                    text, chat_id=request.chat_id, message_id=message.message_id, reply_markup=markup
                )
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            log.info("request %s: the menu cannot be edited (%s); sent anew", request.id, error)
            break
        except (NetworkError, RetryAfter) as error:  # 5xx, a timeout, a flood wait the limiter gave up on
            if pause is None:
                log.warning("request %s: the menu edit kept failing (%s); sent anew", request.id, error)
                break
            await asyncio.sleep(pause)
    sent = await bot.send_message(
        request.chat_id,
        text,
        reply_markup=markup,
        reply_parameters=reply_to(request.message_id),
        message_thread_id=request.thread_id,
    )
    await context.services.requests.set_menu(request.id, sent.message_id)
