"""The Telegram edge. Every handler the bot has is registered in :func:`register`, top to bottom."""

from __future__ import annotations

import contextlib

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from bot.context import FaceShiftApp
from bot.i18n import LANGUAGES, Texts
from bot.services import Services
from handlers import account, errors, menu, photos, start, swap, users
from handlers.delivery import TelegramChatPort

# Group -1 runs before everything else, for every update.
BEFORE = -1
PAIRING_SWEEP_INTERVAL = 30.0


def register(application: FaceShiftApp) -> None:
    application.add_handler(TypeHandler(Update, users.remember_user), group=BEFORE)

    application.add_handler(CommandHandler("start", start.start))
    application.add_handler(CommandHandler("help", start.help_command))
    application.add_handler(CommandHandler("quota", account.quota))
    application.add_handler(CommandHandler("cancel", account.cancel))
    application.add_handler(CommandHandler("privacy", account.privacy))
    application.add_handler(CommandHandler(list(photos.PHOTO_COMMANDS), photos.on_command))
    application.add_handler(MessageHandler(filters.PHOTO | filters.Document.ALL, photos.on_photo))
    application.add_handler(CallbackQueryHandler(menu.on_press))

    application.add_error_handler(errors.on_error)


def connect(application: FaceShiftApp, services: Services) -> None:
    """Give the services their Telegram side: the chat port for jobs, the admins' alert channel, timers."""
    bot = application.bot
    services.runner.port = TelegramChatPort(
        bot, texts=services.texts, users=services.users, requests=services.requests, quota=services.quota,
        clock=services.quota_clock, available=services.providers.available(),
    )

    async def tell_admins(text: str) -> None:
        for admin_id in services.settings.admin_ids:
            with contextlib.suppress(TelegramError):
                await bot.send_message(admin_id, text, parse_mode=None)

    services.alerts.connect(tell_admins)
    assert application.job_queue is not None
    application.job_queue.run_repeating(swap.expire, PAIRING_SWEEP_INTERVAL, first=PAIRING_SWEEP_INTERVAL)


# (command, catalogue key of its description) per scope.
PRIVATE_COMMANDS = [
    ("start", "cmd-start"), ("help", "cmd-help"), ("quota", "cmd-quota"), ("cancel", "cmd-cancel"),
    ("privacy", "cmd-privacy"),
]
GROUP_COMMANDS = [
    ("face", "cmd-face"), ("older", "cmd-older"), ("younger", "cmd-younger"), ("gender", "cmd-gender"),
    ("swap", "cmd-swap"), ("detect", "cmd-detect"), ("quota", "cmd-quota"), ("cancel", "cmd-cancel"),
    ("help", "cmd-help"), ("privacy", "cmd-privacy"),
]


async def publish_command_menus(bot: Bot, texts: Texts) -> None:
    """The "/" menus: one per scope (private chats, groups), in every language we have."""
    for scope, commands in (
        (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
        (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
    ):
        for language in LANGUAGES:
            catalog = texts.get(language)
            menu_ = [BotCommand(name, catalog(key)) for name, key in commands]
            await bot.set_my_commands(menu_, scope=scope, language_code=language)
        # The default (no language) menu is English.
        await bot.set_my_commands(
            [BotCommand(name, texts.get("en")(key)) for name, key in commands], scope=scope
        )
