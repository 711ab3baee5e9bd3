"""Runs the bot until told to stop: the same lifecycle ``Application.run_polling`` follows, but as a
coroutine, so that the web server, background jobs and tests share the one event loop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal

from telegram import Update

from bot.app.application import build_application
from bot.settings import Settings, TelegramMode
from handlers.context import FaceShiftApp

log = logging.getLogger(__name__)


async def run(settings: Settings, stop: asyncio.Event | None = None, *, handle_signals: bool = True) -> None:
    """Start the bot, serve until ``stop`` is set (or SIGINT/SIGTERM arrives), then shut down cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal() -> None:
        if stop.is_set():  # the second signal: leave now; the next start-up settles what was left
            log.warning("second stop signal: exiting at once")
            os._exit(1)
        stop.set()

    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, on_signal)
    application = await build_application(settings)
    try:
        await _serve(application, stop, polling=settings.telegram_mode is TelegramMode.POLLING)
    finally:
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)


async def _serve(application: FaceShiftApp, stop: asyncio.Event, *, polling: bool) -> None:
    await application.initialize()  # getMe: fails fast on a wrong token or an unreachable Bot API
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        if polling:
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=30)
            log.info("polling for updates")
        else:
            log.info("receiving updates by webhook")
        await stop.wait()
        log.info("stopping: no new updates; running jobs get up to the shutdown grace to finish")
        if polling:
            await application.updater.stop()
        if application.post_stop:  # closes the webhook route, then lets running jobs finish
            await application.post_stop(application)
        await application.stop()
    finally:
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
