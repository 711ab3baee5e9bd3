"""Face swap needs two photos: the one that receives the face (asked about first) and the face to use.

After "Swap faces" the bot asks for the face photo: the menu pressed becomes the prompt (its text and a Cancel
button), so that a swap costs no more new messages than any other edit (the menu and the result); the swap's
stages are then shown in that same message, which turns back into the main menu when the swap has ended, is
cancelled or expires. ``/swap`` (no menu to edit) and a press under a result photo (its caption stays) send the
prompt as a message of its own. In a private chat the person's next photo completes the pair (not one captioned
with a command, nor an album's: those are requests of their own); in a group it must be a reply to the prompt
(privacy mode delivers only those). The wait is stored in SQLite, so it survives a restart; it ends with the face
photo, Cancel, /cancel, or expiry. An album of exactly two photos captioned /swap does it in one go: the first
gives the face, the second receives it.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError

from bot.i18n import Catalog
from bot.operations import Operation
from handlers import keyboards
from handlers.chat.port import patiently
from handlers.context import Context
from handlers.launch import launch
from handlers.replies import catalog_for, is_private, reply_to
from handlers.users import Account, account_of
from storage.requests import Pairing, PhotoRequest, PhotoSize

log = logging.getLogger(__name__)


def _minutes(context: Context) -> int:
    return max(1, round(context.services.settings.swap_pair_ttl / 60))


async def ask_for_face(
    context: Context,
    catalog: Catalog,
    request: PhotoRequest,
    account: Account,
    *,
    opened_by: int | None = None,
    menu_id: int | None = None,
) -> None:
    """Open the wait for the face photo (the intent, recorded first), then show the prompt and record its id.

    ``menu_id``: the menu message pressed; it becomes the prompt (its id recorded before the edit). When it cannot
    be edited, the prompt comes as a new message. ``opened_by``: the update asking. Handled again after a crash
    that came before the prompt's id was recorded, it shows the prompt again (the crash may have kept it from
    being shown); a double press shows nothing more.
    """
    services = context.services
    pairing = await services.requests.open_pairing(
        request.id,
        chat_id=request.chat_id,
        user_id=account.id,
        ttl=services.settings.swap_pair_ttl,
        opened_by=opened_by,
    )
    if pairing is None:  # already asked (a double press): the first prompt stands
        return
    private = request.chat_id == account.id
    text = catalog(
        "swap-prompt-private" if private else "swap-prompt-group", minutes=_minutes(context), name=account.name
    )
    markup = keyboards.cancel_swap(catalog, request.id)
    if menu_id is not None:
        await services.requests.set_pairing_prompt(pairing.request_id, menu_id)
        try:
            await patiently(
                lambda: context.bot.edit_message_text(
                    text, chat_id=request.chat_id, message_id=menu_id, reply_markup=markup
                ),
                f"request {request.id}: the swap prompt",
            )
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():  # the same prompt, shown before a crash
                return
            log.info("request %s: the menu cannot become the prompt (%s); sent anew", request.id, error)
    prompt = await context.bot.send_message(
        request.chat_id,
        text,
        reply_markup=markup,
        reply_parameters=reply_to(request.message_id),
        message_thread_id=request.thread_id,
    )
    await services.requests.set_pairing_prompt(pairing.request_id, prompt.message_id)


def _prompt_replied(message: Message, pairing: Pairing, bot_id: int) -> int | None:
    """The prompt's message id if ``message`` replies to the pairing's prompt. The prompt is known by its recorded
    id, or (a reply that came before the id was recorded) as the bot's message carrying this pairing's Cancel
    button."""
    replied = message.reply_to_message
    if replied is None:
        return None
    if pairing.prompt_message_id is not None and replied.message_id == pairing.prompt_message_id:
        return replied.message_id
    if replied.from_user is None or replied.from_user.id != bot_id:
        return None
    cancel = keyboards.encode(keyboards.Action.CANCEL_SWAP, pairing.request_id)
    return replied.message_id if cancel in keyboards.buttons_data(replied.reply_markup) else None


async def complete_if_waiting(update: Update, context: Context, message: Message, sizes: list[PhotoSize]) -> bool:
    """If this photo is the face a swap is waiting for, start the swap and return True.

    Crash-safe in this order: the photo claims the wait (a second photo cannot), the job opens (keyed by this
    photo), then the prompt goes and the wait closes. Handled again after a crash anywhere in between, the same
    photo claims the same wait again, its job is the one already open, and the tidying is finished; handled again
    after the wait closed, the photo is still the face of its swap (True: nothing more to say, no menu).
    """
    account = account_of(update)
    if account is None:
        return False
    services = context.services
    key = f"{message.chat_id}:{message.message_id}:swap"
    pairing = await services.requests.pending_pairing(message.chat_id, account.id)
    if pairing is None:
        return context.is_replay(update) and await services.jobs.by_key(key) is not None
    prompt_id = pairing.prompt_message_id
    if not is_private(message):
        prompt_id = _prompt_replied(message, pairing, context.bot.id)
        if prompt_id is None:
            return False
    if not await services.requests.claim_pairing(pairing.request_id, message.message_id):
        return False  # another photo completes it
    target = await services.requests.get(pairing.request_id)
    if target is None:
        await services.requests.close_pairing(pairing.request_id)
        return False
    menu = prompt_id if prompt_id is not None and prompt_id == target.menu_message_id else None
    params: dict[str, object] = {} if menu is None else {keyboards.MENU_PARAM: menu, keyboards.MENU_PROMPT_PARAM: True}
    face = await services.requests.create(
        chat_id=message.chat_id,
        thread_id=target.thread_id,
        user_id=account.id,
        message_id=message.message_id,
        sizes=sizes,
    )
    catalog = catalog_for(update, context)
    started = await launch(
        context,
        catalog,
        request=target,
        user_id=account.id,
        operation=Operation.SWAP_FACES,
        params=params,
        face=face,
        key=key,
        message=message,
        replayed_since=context.replayed_since(update),
        update_id=update.update_id,
    )
    if menu is None:
        await _remove_prompt(context, message.chat_id, prompt_id)
    elif not started:  # the job shows its stages in the menu and restores it; nothing started: restored here
        await _edit_prompt(context, target.chat_id, menu, catalog("menu-prompt"), _main_menu(context, catalog, target))
    await services.requests.close_pairing(pairing.request_id)
    return True


async def swap_album(context: Context, catalog: Catalog, photos: list[PhotoRequest]) -> None:
    if len(photos) != 2:
        # In a privacy-mode group only the captioned photo of an album reaches us: say how groups do it.
        group = len(photos) == 1 and photos[0].chat_id < 0
        await context.bot.send_message(
            photos[0].chat_id,
            catalog("swap-album-group" if group else "swap-album-count"),
            reply_parameters=reply_to(photos[0].message_id),
            message_thread_id=photos[0].thread_id,
        )
        return
    face, target = photos
    await launch(
        context,
        catalog,
        request=target,
        user_id=target.user_id,
        operation=Operation.SWAP_FACES,
        params={},
        face=face,
        key=f"{target.chat_id}:{face.message_id}:album-swap",
    )


async def cancel(context: Context, catalog: Catalog, request_id: str) -> bool:
    """End the wait for ``request_id``'s face photo; False when there was none."""
    pairing = await context.services.requests.get_pairing(request_id)
    if pairing is None or not await context.services.requests.close_pairing(request_id):
        return False
    await _end_prompt(context, catalog, pairing, catalog("swap-cancelled"))
    return True


async def cancel_for(context: Context, catalog: Catalog, chat_id: int, account_id: int) -> bool:
    pairing = await context.services.requests.pending_pairing(chat_id, account_id)
    return pairing is not None and await cancel(context, catalog, pairing.request_id)


async def expire(context: Context) -> None:
    """Periodic: close the waits that ran out, and say so on their prompts."""
    for pairing in await context.services.requests.expired_pairings():
        catalog = await context.services.languages.catalog_in(pairing.chat_id, pairing.user_id)
        await _end_prompt(context, catalog, pairing, catalog("swap-expired", minutes=_minutes(context)))


async def _end_prompt(context: Context, catalog: Catalog, pairing: Pairing, text: str) -> None:
    """The wait ended without a swap: a prompt of its own says ``text``; a menu that was the prompt says it too,
    with the main menu's buttons back, for another edit of the photo."""
    request = await context.services.requests.get(pairing.request_id)
    prompt_id = pairing.prompt_message_id
    menu = request is not None and prompt_id is not None and prompt_id == request.menu_message_id
    markup = _main_menu(context, catalog, request) if request is not None and menu else None
    await _edit_prompt(context, pairing.chat_id, pairing.prompt_message_id, text, markup)


def _main_menu(context: Context, catalog: Catalog, request: PhotoRequest) -> InlineKeyboardMarkup | None:
    return keyboards.main_menu(catalog, request.id, context.services.providers.available())


async def _edit_prompt(
    context: Context, chat_id: int, message_id: int | None, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    if message_id is None:
        return
    with contextlib.suppress(BadRequest):  # deleted or already edited: nothing to update
        await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)


async def _remove_prompt(context: Context, chat_id: int, message_id: int | None) -> None:
    """Tidying after the job opened: a failure is logged, never answered (the job's result is the answer)."""
    if message_id is None:
        return
    try:
        await context.bot.delete_message(chat_id, message_id)
    except TelegramError as error:
        log.info("the swap prompt %d in chat %d stays (%s)", message_id, chat_id, error)
