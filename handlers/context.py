"""Typed ``context`` for handlers: ``context.services`` instead of untyped ``bot_data`` look-ups."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.services import Services


class BotData:
    """The application-wide ``bot_data``; ``services`` is set in ``post_init``."""

    def __init__(self) -> None:
        self.services: Services | None = None


class Context(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not ready (post_init has not run)")
        return services


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData)

FaceShiftApp = Application[ExtBot[int], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
