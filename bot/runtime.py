"""Runs the bot until told to stop: the same lifecycle ``Application.run_polling`` follows, but as a
coroutine, so that the web server, background jobs and tests share the one event loop.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram import Update

from bot.app import build_application
from bot.context import FaceShiftApp
from bot.settings import Settings

log = logging.getLogger(__name__)


async def run(settings: Settings, stop: asyncio.Event | None = None, *, handle_signals: bool = True) -> None:
    """Start the bot, serve until ``stop`` is set (or SIGINT/SIGTERM arrives), then shut down cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    application = build_application(settings)
    try:
        await _serve(application, stop)
    finally:
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)


async def _serve(application: FaceShiftApp, stop: asyncio.Event) -> None:
    await application.initialize()  # getMe: fails fast on a wrong token or an unreachable Bot API
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=30)
        log.info("polling for updates")
        await stop.wait()
        log.info("stopping")
        await application.updater.stop()
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    finally:
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
