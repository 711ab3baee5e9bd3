"""Photos in: a photo or image file gets a menu; group gestures (a command in reply or in a caption)
start work directly.

Privacy mode decides what reaches us in groups: commands, replies to the bot, mentions. A bot with privacy
off (or an admin bot) sees every photo in the group, so in groups a photo alone is ignored here too: only a
command, a mention, or a reply to our face-swap prompt makes us act.
"""

from __future__ import annotations

import time

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update

from bot.i18n import Catalog
from bot.operations import Operation
from bot.services import Services
from handlers import faces, keyboards, swap
from handlers.context import Context, FaceShiftApp
from handlers.keyboards import DEFAULT_OLDER_AGE, DEFAULT_YOUNGER_AGE
from handlers.launch import launch
from handlers.replies import catalog_for, is_private, reply_to
from handlers.users import account_of
from storage.requests import PhotoRequest, PhotoSize

TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024
PHOTO_COMMANDS = ("face", "older", "younger", "gender", "detect", "swap")


class NotAnImage(Exception):
    """A document that is not an image (by its MIME type)."""


class TooBig(Exception):
    """Over Telegram's 20 MB download limit for bots."""


def photo_sizes(message: Message) -> list[PhotoSize] | None:
    """The sizes Telegram offers for the photo in ``message``; None when it has no photo or image file.

    A document is one file at its original size; its pixel size is unknown (0x0) until downloaded.
    """
    if message.photo:
        return [PhotoSize(p.file_id, p.width, p.height, p.file_size or 0) for p in message.photo]
    document = message.document
    if document is None:
        return None
    if not (document.mime_type or "").startswith("image/"):
        raise NotAnImage
    if (document.file_size or 0) > TELEGRAM_DOWNLOAD_LIMIT:
        raise TooBig
    return [PhotoSize(document.file_id, 0, 0, document.file_size or 0)]


def _refusal(refused: NotAnImage | TooBig) -> str:
    """The catalogue key that tells the person why their file was refused."""
    return "file-not-image" if isinstance(refused, NotAnImage) else "file-too-big"


def command_in(message: Message, bot_username: str) -> str | None:
    """The command at the start of the text or caption (``/older`` or ``/older@thisbot``), if it is ours."""
    entities = message.entities if message.text else message.caption_entities
    for entity in entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command = message.parse_entity(entity) if message.text else message.parse_caption_entity(entity)
            name, _, target = command[1:].partition("@")
            if target and target.lower() != bot_username.lower():
                return None
            return name.lower()
    return None


def mentions_bot(message: Message, bot_username: str) -> bool:
    kinds: list[str | None] = [MessageEntity.MENTION]
    mentions = message.parse_entities(kinds) if message.text else message.parse_caption_entities(kinds)
    return any(value.lower() == f"@{bot_username.lower()}" for value in mentions.values())


async def store(
    context: Context, message: Message, sizes: list[PhotoSize], user_id: int, command: str | None = None
) -> PhotoRequest:
    """The request for this photo of account ``user_id`` (the one stored before, when it was handled already)."""
    request = await context.services.requests.create(
        chat_id=message.chat_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        user_id=user_id,
        message_id=message.message_id,
        sizes=sizes,
        media_group_id=message.media_group_id,
        command=command,
    )
    await faces.faces_of(context, request)  # looked for once, now, on the vendor's copy; kept with it
    return request


async def on_photo(update: Update, context: Context) -> None:
    """A photo or a document arrived (in a group: only if a command, a mention or a reply brought it)."""
    message = update.effective_message
    account = account_of(update)
    if message is None or account is None:
        return
    catalog = catalog_for(update, context)
    command = command_in(message, context.bot.username)
    private = is_private(message)
    replay = context.is_replay(update)
    try:
        sizes = photo_sizes(message)
    except (NotAnImage, TooBig) as refused:
        if private or command:
            await message.reply_text(catalog(_refusal(refused)), do_quote=True)
        return
    if sizes is None:
        return

    # The face a swap waits for: a photo that asks nothing else (one captioned /detect, or an album, is a request
    # of its own).
    waits = command is None and message.media_group_id is None
    if waits and await swap.complete_if_waiting(update, context, message, sizes):
        return
    mentioned = mentions_bot(message, context.bot.username)
    if message.media_group_id and (command == "swap" or (command is None and (private or not mentioned))):
        # An album's photos come as separate updates, and only the first has the caption: collect them all
        # (in a group only a bot with privacy off sees the others), then decide once they are in.
        await store(context, message, sizes, account.id, command)
        _collect_album(context, message.media_group_id)
        return
    if command in PHOTO_COMMANDS:
        request = await store(context, message, sizes, account.id, command)
        await act(context, update, request, command, key=f"{message.chat_id}:{message.message_id}:{command}")
        return
    if private or mentioned:
        request = await store(context, message, sizes, account.id)
        await send_menu(context, catalog, request, replay=replay)


async def on_command(update: Update, context: Context) -> None:
    """``/older`` etc. sent as a reply to a photo (the usual gesture in groups)."""
    message = update.effective_message
    account = account_of(update)
    if message is None or account is None:
        return
    catalog = catalog_for(update, context)
    command = command_in(message, context.bot.username)
    target = message.reply_to_message
    try:
        sizes = photo_sizes(target) if target is not None else None
    except (NotAnImage, TooBig) as refused:
        await message.reply_text(catalog(_refusal(refused)), do_quote=True)
        return
    if target is None or sizes is None or command is None:
        await message.reply_text(catalog("no-photo"), do_quote=True)
        return
    # The account that asked owns the request (and its buttons), whoever posted the photo.
    request = await context.services.requests.create(
        chat_id=target.chat_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        user_id=account.id,
        message_id=target.message_id,
        sizes=sizes,
    )
    await act(context, update, request, command, key=f"{message.chat_id}:{message.message_id}:{command}")


async def act(context: Context, update: Update, request: PhotoRequest, command: str, *, key: str) -> None:
    """Do what a photo command says, on ``request``'s photo."""
    message = update.effective_message
    account = account_of(update)
    assert message is not None and account is not None
    catalog = catalog_for(update, context)
    available = context.services.providers.available()
    replay = context.is_replay(update)
    if command == "face":
        await send_menu(context, catalog, request, replay=replay)
        return
    if command == "swap":
        if Operation.SWAP_FACES not in available:
            await message.reply_text(catalog("op-unavailable"), do_quote=True)
            return
        await swap.ask_for_face(context, catalog, request, account, opened_by=update.update_id)
        return
    choices: dict[str, tuple[Operation, dict[str, object]]] = {
        "older": (Operation.OLDER, {"age": DEFAULT_OLDER_AGE}),
        "younger": (Operation.YOUNGER, {"age": DEFAULT_YOUNGER_AGE}),
        "gender": (Operation.SWAP_GENDER, {}),
        "detect": (Operation.DETECT_GENDER, {}),
    }
    operation, params = choices[command]
    if operation is Operation.SWAP_GENDER and Operation.DETECT_GENDER not in available:
        markup = keyboards.gender_menu(catalog, request.id)
        await send_menu(context, catalog, request, replay=replay, text=catalog("menu-gender"), markup=markup)
        return
    await launch(
        context,
        catalog,
        request=request,
        user_id=account.id,
        operation=operation,
        params=params,
        key=key,
        message=message,
        replayed_since=context.replayed_since(update),
        update_id=update.update_id,
    )


async def send_menu(
    context: Context,
    catalog: Catalog,
    request: PhotoRequest,
    *,
    replay: bool = False,
    text: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send the request's menu (the main one unless told) and record the message that carries it. Handled again
    after a crash (``replay``), a request whose menu was recorded already gets none: it has it."""
    if replay and request.menu_message_id is not None:
        return
    menu = markup or keyboards.main_menu(catalog, request.id, context.services.providers.available())
    sent = await context.bot.send_message(
        request.chat_id,
        text or (catalog("menu-prompt") if menu else catalog("op-unavailable")),
        reply_markup=menu,
        reply_parameters=reply_to(request.message_id),
        message_thread_id=request.thread_id,
    )
    await context.services.requests.set_menu(request.id, sent.message_id)


ALBUM_RESUME_WAIT = 1.0
"""Seconds after start-up before an album a crash caught is decided (the updates handled again come at once)."""


async def resume_albums(application: FaceShiftApp, services: Services) -> None:
    """Start-up: act on the albums a crash caught while their photos were being collected. Not at once: an
    album's photos whose updates the crash left unfinished are being handled again meanwhile (each one stored
    sets the album's timer again, as when they first came), so the album is decided with all of them."""
    since = time.time() - services.settings.swap_pair_ttl
    job_queue = application.job_queue
    assert job_queue is not None
    wait = min(services.settings.album_wait, ALBUM_RESUME_WAIT)
    for media_group_id in await services.requests.unhandled_albums(since):
        job_queue.run_once(_album_ready, wait, data=media_group_id, name=f"album:{media_group_id}")


def _collect_album(context: Context, media_group_id: str) -> None:
    """Handle the album once all its photos have had time to arrive (one timer per album)."""
    job_queue = context.application.job_queue
    assert job_queue is not None
    name = f"album:{media_group_id}"
    for job in job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    wait = context.services.settings.album_wait  # an album's photos come as separate updates
    job_queue.run_once(_album_ready, wait, data=media_group_id, name=name)  # type: ignore[arg-type]


async def _album_ready(context: Context) -> None:
    """Act on a collected album, then mark it handled (also when acting failed): a crash in between leaves it
    unhandled, and the next start acts on it again (its job is keyed by the album, a menu already recorded is not
    sent twice)."""
    assert context.job is not None
    media_group_id = str(context.job.data)
    acting = context.bot_data.albums
    if media_group_id in acting:
        return  # being acted on right now (a late photo of it set another timer): decided already
    acting.add(media_group_id)
    try:
        if await context.services.requests.album_handled(media_group_id):
            # Decided already; a photo of it that came late (stored after the decision) is part of that decision.
            await context.services.requests.mark_album_handled(media_group_id)
            return
        try:
            await _act_on_album(context, media_group_id)
        except Exception:  # acted on as far as it goes (a blocked chat, say): not again at every start
            await context.services.requests.mark_album_handled(media_group_id)
            raise  # the error handler logs it
        await context.services.requests.mark_album_handled(media_group_id)
    finally:
        acting.discard(media_group_id)


async def _act_on_album(context: Context, media_group_id: str) -> None:
    photos = await context.services.requests.album(media_group_id)
    if not photos:
        return
    catalog = await context.services.languages.catalog_in(photos[0].chat_id, photos[0].user_id)
    if any(photo.command == "swap" for photo in photos):
        await swap.swap_album(context, catalog, photos)
        return
    if photos[0].chat_id < 0:
        return  # an album in a group that did not ask for anything
    for photo in photos:
        await send_menu(context, catalog, photo, replay=True)  # a photo whose menu was sent before a crash has it
