"""Typed ``context`` for handlers: ``context.services`` instead of untyped ``bot_data`` look-ups."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.services import Services


class BotData:
    """The application-wide ``bot_data``; ``services`` is set in ``post_init``."""

    def __init__(self) -> None:
        self.services: Services | None = None
        #: Updates being handled a second time (a crash interrupted the first run), with when they were first
        #: received: see ``Context.is_replay``.
        self.replayed: dict[int, float] = {}
        #: Albums (media group ids) being acted on right now.
        self.albums: set[str] = set()


class Context(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not ready (post_init has not run)")
        return services

    def is_replay(self, update: object) -> bool:
        """Whether ``update`` is being handled again after a crash interrupted its first run (the bot's inbox
        hands such updates over at start-up): what the first run did may be done already."""
        return self.replayed_since(update) is not None

    def replayed_since(self, update: object) -> float | None:
        """For an update handled again after a crash: when it was first received (Unix time); else None. What
        was written since then may be the first run's doing; what is older was not."""
        return self.bot_data.replayed.get(update.update_id) if isinstance(update, Update) else None


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData)

FaceShiftApp = Application[ExtBot[int], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
