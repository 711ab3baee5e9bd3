"""Runs the bot until told to stop: the same lifecycle ``Application.run_polling`` follows, but as a
coroutine, so that the web server, background jobs and tests share the one event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal

from bot.app import updates
from bot.app.application import FaceShiftBot, build_application
from bot.settings import Settings, TelegramMode

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
    bot = await build_application(settings)
    try:
        await _serve(bot, stop, polling=settings.telegram_mode is TelegramMode.POLLING)
    finally:
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)


async def _serve(bot: FaceShiftBot, stop: asyncio.Event, *, polling: bool) -> None:
    application, inbox = bot.application, bot.inbox
    await application.initialize()  # getMe: fails fast on a wrong token or an unreachable Bot API
    poller: asyncio.Task[None] | None = None
    try:
        if application.post_init:  # services, the web server, the updates a crash left (queued first)
            await application.post_init(application)
        await application.start()
        inbox.start()
        if polling:
            poller = asyncio.create_task(updates.poll(application, inbox), name="polling")
            log.info("polling for updates")
        else:
            log.info("receiving updates by webhook")
        stopping = asyncio.create_task(stop.wait(), name="stop-signal")
        await asyncio.wait({stopping, *([poller] if poller else [])}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if poller is not None and poller.done():
            poller.result()  # polling ended by itself: a rejected token; raised to the caller after clean-up
        log.info("stopping: no new updates; running jobs get up to the shutdown grace to finish")
        await _cancel(poller)
        if application.post_stop:  # closes the webhook route and the inbox, then lets running jobs finish
            await application.post_stop(application)
        await application.stop()
    finally:
        await _cancel(poller)
        await inbox.close(0)  # after an error on the way (closed already after a clean stop)
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


async def _cancel(task: asyncio.Task[None] | None) -> None:
    if task is not None and not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
