"""The Telegram edge. Every handler the bot has is registered in :func:`register`, top to bottom."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Collection

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PreCheckoutQueryHandler,
    TypeHandler,
    filters,
)

from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, Texts
from bot.services import Services
from bot.settings import Settings
from handlers import account, admin, errors, faces, language, menu, payments, photos, start, swap, users
from handlers.context import FaceShiftApp

# Group -1 runs before everything else, for every update.
BEFORE = -1
# New messages only: editing a message that held a command or a photo must not run (and charge) it again.
NEW = filters.UpdateType.MESSAGE


def register(application: FaceShiftApp, settings: Settings) -> None:
    admins = filters.User(user_id=settings.admin_ids)  # nobody when ADMIN_IDS is empty
    application.add_handler(TypeHandler(Update, users.remember_user), group=BEFORE)

    # Payments, at top level (Telegram needs the pre-checkout answer within 10 s). The money handlers stay even
    # when nothing is on sale: refunds of earlier purchases still arrive.
    application.add_handler(PreCheckoutQueryHandler(payments.pre_checkout))
    application.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, payments.successful_payment))
    application.add_handler(MessageHandler(filters.StatusUpdate.REFUNDED_PAYMENT, payments.refunded_payment))
    if settings.payments_enabled:  # else nothing about buying is shown: /buy is an unknown command
        application.add_handler(CommandHandler("buy", payments.buy, NEW))
        application.add_handler(CommandHandler("start", payments.buy, NEW & filters.Regex(r"^/start(@\w+)? buy$")))
    application.add_handler(CommandHandler("paysupport", payments.paysupport, NEW))
    application.add_handler(CommandHandler("terms", payments.terms, NEW))
    application.add_handler(CallbackQueryHandler(payments.on_button, pattern=r"^buy(:|$)"))

    application.add_handler(CommandHandler("start", start.start, NEW))
    application.add_handler(CommandHandler("help", start.help_command, NEW))
    application.add_handler(CommandHandler("quota", admin.quota, NEW & admins))  # /quota <who>; else as below
    application.add_handler(CommandHandler("quota", account.quota, NEW))
    application.add_handler(CommandHandler("cancel", account.cancel, NEW))
    application.add_handler(CommandHandler("privacy", account.privacy, NEW))
    application.add_handler(CommandHandler("language", language.command, NEW))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, language.on_migrate))
    application.add_handler(CommandHandler(list(photos.PHOTO_COMMANDS), photos.on_command, NEW))
    application.add_handler(MessageHandler(NEW & (filters.PHOTO | filters.Document.ALL), photos.on_photo))
    application.add_handler(CallbackQueryHandler(language.on_press, pattern=language.PATTERN))
    application.add_handler(CallbackQueryHandler(faces.on_answer, pattern=f"^{faces.PREFIX}:"))  # which face
    application.add_handler(CallbackQueryHandler(menu.on_press))

    # Admin commands: for ADMIN_IDS only; for anyone else they are unknown commands.
    application.add_handler(CommandHandler("grant", admin.grant, NEW & admins))
    application.add_handler(CommandHandler("setlimit", admin.setlimit, NEW & admins))
    application.add_handler(CommandHandler("resetquota", admin.resetquota, NEW & admins))
    application.add_handler(CommandHandler("ban", admin.ban, NEW & admins))
    application.add_handler(CommandHandler("unban", admin.unban, NEW & admins))
    application.add_handler(CommandHandler("history", admin.history, NEW & admins))
    application.add_handler(CommandHandler("stats", admin.stats, NEW & admins))
    application.add_handler(CommandHandler("admin", admin.dashboard, NEW & admins))  # the dashboard (Mini App)
    application.add_handler(CommandHandler("refund", payments.refund, NEW & admins))
    # Last: any other command in a private chat (groups stay silent: the command may be for another bot).
    application.add_handler(MessageHandler(NEW & filters.COMMAND & filters.ChatType.PRIVATE, admin.unknown_command))

    application.add_error_handler(errors.on_error)

    assert application.job_queue is not None
    interval = settings.pairing_sweep_interval
    application.job_queue.run_repeating(swap.expire, interval, first=interval)


async def resume(application: FaceShiftApp, services: Services) -> None:
    """Start-up: pick up the conversation work a crash interrupted (albums caught while being collected)."""
    await photos.resume_albums(application, services)


# (command, catalogue key of its description) per scope.
PRIVATE_COMMANDS = [
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("quota", "cmd-quota"),
    ("cancel", "cmd-cancel"),
    ("privacy", "cmd-privacy"),
    ("language", "cmd-language"),
]
GROUP_COMMANDS = [
    ("face", "cmd-face"),
    ("older", "cmd-older"),
    ("younger", "cmd-younger"),
    ("gender", "cmd-gender"),
    ("swap", "cmd-swap"),
    ("detect", "cmd-detect"),
    ("quota", "cmd-quota"),
    ("cancel", "cmd-cancel"),
    ("help", "cmd-help"),
    ("privacy", "cmd-privacy"),
    ("language", "cmd-language"),
]


# Shown when credits are on sale (STAR_PACKS): after the commands above, in every scope.
BUY_COMMANDS = [
    ("buy", "cmd-buy"),
    ("paysupport", "cmd-paysupport"),
    ("terms", "cmd-terms"),
]
ADMIN_BUY_COMMANDS = [*BUY_COMMANDS, ("refund", "cmd-refund")]

ADMIN_COMMANDS = [
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("quota", "cmd-quota-admin"),
    ("cancel", "cmd-cancel"),
    ("privacy", "cmd-privacy"),
    ("language", "cmd-language"),
    ("grant", "cmd-grant"),
    ("setlimit", "cmd-setlimit"),
    ("resetquota", "cmd-resetquota"),
    ("ban", "cmd-ban"),
    ("unban", "cmd-unban"),
    ("stats", "cmd-stats"),
    ("history", "cmd-history"),
    ("admin", "cmd-admin"),
]


async def publish_command_menus(
    bot: Bot, texts: Texts, admin_ids: Collection[int] = (), *, payments: bool = False
) -> None:
    """The "/" menus: one per scope (private chats, groups; each admin's own chat), in every language (the
    default, for any other language, in English); the commands about buying only when credits are on sale."""
    buying = BUY_COMMANDS if payments else []

    async def publish(scope: BotCommandScope, commands: list[tuple[str, str]]) -> None:
        def menu_in(language: str) -> list[BotCommand]:
            catalog = texts.get(language)
            return [BotCommand(name, catalog(key)) for name, key in commands]

        await asyncio.gather(
            *(bot.set_my_commands(menu_in(language), scope=scope, language_code=language) for language in LANGUAGES),
            bot.set_my_commands(menu_in(DEFAULT_LANGUAGE), scope=scope),
        )

    await publish(BotCommandScopeAllPrivateChats(), [*PRIVATE_COMMANDS, *buying])
    await publish(BotCommandScopeAllGroupChats(), [*GROUP_COMMANDS, *buying[:1]])
    for admin_id in admin_ids:
        # An admin who never started the bot has no chat with it yet ("chat not found"): no menu for now.
        with contextlib.suppress(TelegramError):
            await publish(BotCommandScopeChat(admin_id), [*ADMIN_COMMANDS, *(ADMIN_BUY_COMMANDS if payments else [])])
