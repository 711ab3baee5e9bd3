"""Builds the bot: settings in, a ready-to-run python-telegram-bot ``Application`` out (with the inbox its updates
come through), every service created."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationBuilder, Defaults

import handlers
from bot.app.compose import create_dashboard, create_services
from bot.app.startup import CONFIG, WORLD, StartupFailure, listen_failure
from bot.app.updates import UpdateInbox
from bot.hosting import BuiltinPhotoHost, Sweepable, run_sweeper
from bot.settings import Settings, TelegramMode
from bot.web.metrics import Metrics
from bot.web.reach import ReachProbes
from bot.web.server import WebServer, create_web_app
from bot.web.webhook import WebhookReceiver, webhook_path, webhook_secret
from handlers.chat.limits import FloodControl
from handlers.context import CONTEXT_TYPES, FaceShiftApp

log = logging.getLogger(__name__)

UPDATE_GRACE = 5.0  # seconds the updates being handled get to finish at shutdown (the rest run again at start-up)


@dataclass
class FaceShiftBot:
    application: FaceShiftApp
    inbox: UpdateInbox  # every update comes in through it (polling: bot.app.updates.poll; webhook: its route)


async def build_application(settings: Settings) -> FaceShiftBot:
    """The bot, wired: every service exists when this returns; ``post_init`` starts the background work
    (web server, sweeper, recovery alongside the updates), ``post_shutdown`` closes the services."""
    web: list[WebServer] = []
    metrics = Metrics()
    token = settings.telegram_bot_token.get_secret_value()
    receiver: list[WebhookReceiver] = []
    inboxes: list[UpdateInbox] = []

    async def post_init(application: FaceShiftApp) -> None:
        services = application.bot_data.services
        assert services is not None
        await handlers.publish_command_menus(
            application.bot, services.texts, settings.admin_ids, payments=services.payments.enabled
        )

        async def telegram_reachable() -> bool:
            try:
                await application.bot.get_me()
            except TelegramError:
                return False
            return True

        # Before any update is handled: release the jobs a crash left running (new jobs must not be caught by
        # that), and queue the updates a crash left unfinished (they go before any new one).
        await services.runner.release_unfinished()
        [inbox] = inboxes
        await inbox.replay()

        host = services.host
        if settings.telegram_mode is TelegramMode.WEBHOOK:
            receiver.append(WebhookReceiver(application.bot, token, inbox.receive))
        app = create_web_app(
            media=host if isinstance(host, BuiltinPhotoHost) else None,
            swap_callbacks=services.callbacks if services.callbacks.enabled else None,
            health={"database": services.db.ping, "telegram": telegram_reachable},
            health_interval=settings.health_check_interval,
            reach=ReachProbes(settings.media_dir),
            extra_routes=[*create_dashboard(settings, services, metrics).routes(), *(r.route for r in receiver)],
        )
        server = await _listen(WebServer(app, settings.web_host, settings.web_port), "WEB_HOST", "WEB_PORT")
        web.append(server)
        if settings.metrics_port:
            metrics_server = WebServer(metrics.app(), settings.metrics_host, settings.metrics_port)
            web.append(await _listen(metrics_server, "METRICS_HOST", "METRICS_PORT"))
        if isinstance(host, Sweepable):
            services.tasks.append(asyncio.create_task(run_sweeper(host), name="media-sweeper"))
        if settings.result_keep > 0:  # kept results (RESULT_KEEP) are deleted when their time is up
            runner = services.runner
            services.tasks.append(
                asyncio.create_task(run_sweeper(runner, runner.sweep_interval), name="result-sweeper")
            )
        services.tasks.append(asyncio.create_task(_recover(application), name="start-up-recovery"))
        if await services.payments.should_reconcile():  # now, then every PAYMENTS_RECONCILE_INTERVAL
            services.tasks.append(asyncio.create_task(services.payments.run_reconciler(), name="star-reconciler"))
        if receiver:
            try:
                await application.bot.set_webhook(
                    f"{settings.public_url}{webhook_path(token)}",
                    secret_token=webhook_secret(token),
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=settings.webhook_drop_pending_updates,
                )
            except TelegramError as error:
                raise StartupFailure(
                    f"Telegram refused the webhook at {settings.public_url}/telegram/...: {error.message}",
                    "PUBLIC_URL",
                    "use an https:// address on port 443, 80, 88 or 8443 that reaches this bot (see the README, "
                    "'Deploy with a domain'), or TELEGRAM_MODE=polling",
                    exit_code=CONFIG if isinstance(error, BadRequest) else WORLD,
                ) from None
        log.info("bot @%s is ready; web server on port %d", application.bot.username, server.port)

    async def post_stop(application: FaceShiftApp) -> None:
        for r in receiver:
            r.close()
        for inbox in inboxes:
            await inbox.close(min(settings.shutdown_grace, UPDATE_GRACE))
        services = application.bot_data.services
        if services is not None:
            await services.runner.shutdown(settings.shutdown_grace)

    async def post_shutdown(application: FaceShiftApp) -> None:
        while web:
            await web.pop().stop()
        services, application.bot_data.services = application.bot_data.services, None
        if services is not None:
            await services.close()

    async def _listen(server: WebServer, host_setting: str, port_setting: str) -> WebServer:
        try:
            await server.start()
        except OSError as error:
            raise listen_failure(
                server.host, server.requested_port, error, host_setting=host_setting, port_setting=port_setting
            ) from None
        return server

    root = settings.telegram_api_url
    application: FaceShiftApp = (
        ApplicationBuilder()
        .updater(None)  # updates come through the inbox (bot.app.updates), not python-telegram-bot's Updater
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(FloodControl(metrics.on_telegram_error, metrics.on_telegram_message, max_retries=3))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    services = application.bot_data.services = await create_services(settings, application.bot, metrics)
    handlers.register(application, settings)
    inboxes.append(UpdateInbox(application, services.inbox))
    return FaceShiftBot(application, inboxes[0])


async def _recover(application: FaceShiftApp) -> None:
    """Start-up recovery, alongside the updates (never in front of them): tell and deliver what a crash left,
    act on the albums it caught."""
    services = application.bot_data.services
    assert services is not None
    try:
        await services.runner.recover()
        await handlers.resume(application, services)
    except Exception:
        log.exception("start-up recovery failed; the next start tries again")
    else:
        log.info("start-up recovery done")
