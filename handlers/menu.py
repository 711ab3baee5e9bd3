"""Button presses. Every callback query is answered at once; only the person who asked may press."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.operations import Operation
from handlers import keyboards, swap
from handlers.context import Context
from handlers.keyboards import Action
from handlers.launch import launch
from handlers.replies import catalog_for


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    catalog = catalog_for(update, context)
    press = keyboards.decode(query.data)
    request = await context.services.requests.get(press.request_id) if press else None
    if press is None or request is None:
        await query.answer(catalog("menu-gone"), show_alert=True)
        return
    if query.from_user.id != request.user_id:
        await query.answer(catalog("not-yours"), show_alert=True)
        return
    message = query.message
    # The job key: this button on this message. A double press or a re-delivered update is the same job.
    key = f"{request.chat_id}:{message.message_id if message else 0}:{query.data}"
    available = context.services.providers.available()

    async def show(text: str, markup: InlineKeyboardMarkup | None) -> None:
        """Turn the pressed message into the next menu. A result photo keeps its caption (what was done,
        quota left): only its buttons change."""
        await query.answer()
        try:
            if isinstance(message, Message) and message.text is None:
                await query.edit_message_reply_markup(reply_markup=markup)
            else:
                await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                raise

    match press.action:
        case Action.MENU:
            await show(catalog("menu-prompt"), keyboards.main_menu(catalog, request.id, available))
        case Action.AGES_OLDER | Action.AGES_YOUNGER:
            older = press.action is Action.AGES_OLDER
            await show(
                catalog("menu-older" if older else "menu-younger"), keyboards.ages_menu(catalog, request.id, older)
            )
        case Action.AGE:
            age = int(press.argument or 0)
            if age in keyboards.OLDER_AGES:
                operation = Operation.OLDER
            elif age in keyboards.YOUNGER_AGES:
                operation = Operation.YOUNGER
            else:
                await query.answer(catalog("menu-gone"), show_alert=True)
                return
            await launch(
                context,
                catalog,
                request=request,
                user_id=query.from_user.id,
                operation=operation,
                params={"age": age},
                key=key,
                query=query,
            )
        case Action.GENDER:
            if Operation.DETECT_GENDER in available:
                await launch(
                    context,
                    catalog,
                    request=request,
                    user_id=query.from_user.id,
                    operation=Operation.SWAP_GENDER,
                    params={},
                    key=key,
                    query=query,
                )
            else:
                await show(catalog("menu-gender"), keyboards.gender_menu(catalog, request.id))
        case Action.GENDER_TO:
            to = "female" if press.argument == "female" else "male"
            await launch(
                context,
                catalog,
                request=request,
                user_id=query.from_user.id,
                operation=Operation.SWAP_GENDER,
                params={"to": to},
                key=key,
                query=query,
            )
        case Action.DETECT:
            await launch(
                context,
                catalog,
                request=request,
                user_id=query.from_user.id,
                operation=Operation.DETECT_GENDER,
                params={},
                key=key,
                query=query,
            )
        case Action.SWAP:
            if Operation.SWAP_FACES not in available:
                await query.answer(catalog("op-unavailable"), show_alert=True)
                return
            await query.answer()
            await swap.ask_for_face(context, catalog, request, query.from_user)
        case Action.CANCEL_SWAP:
            await query.answer()
            await swap.cancel(context, catalog, request.id)
