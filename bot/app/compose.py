"""Every service, created once, in dependency order, the Telegram side included: nothing is left ``None``
to be connected later. The only module (with :mod:`bot.app.application`) that imports every layer.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable

import httpx
from telegram import Bot
from telegram.error import TelegramError

from bot.admin_actions import AdminActions
from bot.app.startup import check_database_opens, database_failure, ensure_writable_dir
from bot.hosting import create_photo_host
from bot.i18n import Texts
from bot.jobs.capacity import LimitRules
from bot.jobs.lanes import VendorLanes
from bot.jobs.runner import JobRunner
from bot.languages import Languages
from bot.payments import PaymentService
from bot.providers.accuauth import AccuAuthClient
from bot.providers.acedata import AceDataClient
from bot.providers.ailab import AILabClient
from bot.providers.alerts import OperatorAlerts
from bot.providers.photo_host import PhotoHost
from bot.providers.retry import RetryPolicy
from bot.providers.router import FaceProviders, prepare_for
from bot.providers.swap_callbacks import SwapCallbacks
from bot.quota_clock import QuotaClock
from bot.services import Services
from bot.settings import HostingKind, Settings, Vendor
from bot.telegram_files import PhotoFiles
from bot.web.dashboard import Dashboard, DashboardDeps, InitDataVerifier, StarsPanel
from bot.web.metrics import Metrics
from handlers.chat.port import TelegramChatPort
from handlers.payments import TelegramStars
from storage import Database
from storage.chats import ChatsRepository
from storage.dashboard import DashboardRepository
from storage.faces import FacesRepository
from storage.inbox import InboxRepository
from storage.jobs import JobsRepository
from storage.payments import PaymentsRepository
from storage.quota import QuotaRepository
from storage.requests import RequestsRepository
from storage.stats import StatsRepository
from storage.users import UsersRepository


def admin_messenger(bot: Bot, admin_ids: frozenset[int]) -> Callable[[str], Awaitable[None]] | None:
    """Where operator alerts go: a plain text to every admin (none configured: alerts are only logged)."""
    if not admin_ids:
        return None

    async def tell_admins(text: str) -> None:
        for admin_id in admin_ids:
            with contextlib.suppress(TelegramError):
                await bot.send_message(admin_id, text, parse_mode=None)

    return tell_admins


async def create_services(settings: Settings, bot: Bot, metrics: Metrics) -> Services:
    """Every service; a StartupFailure (one line for the operator) when a folder or the database is unusable."""
    ensure_writable_dir(settings.results_dir, "RESULTS_DIR")
    if settings.hosting is HostingKind.BUILTIN:
        ensure_writable_dir(settings.media_dir, "MEDIA_DIR")
    await asyncio.to_thread(check_database_opens, settings.database_path)
    try:
        db = await Database.open(settings.database_path)
    except (OSError, sqlite3.Error) as error:
        raise database_failure(settings.database_path, error) from None
    try:
        return await _create_services(settings, bot, metrics, db)
    except BaseException:
        await db.close()
        raise


async def _create_services(settings: Settings, bot: Bot, metrics: Metrics, db: Database) -> Services:
    # Long reads (the dashboard's 30-day views) get a connection, and so a thread, of their own: WAL lets them read
    # while the bot writes, and the bot's reservations never queue behind them.
    reader = db if str(settings.database_path) == ":memory:" else await Database.open(settings.database_path)
    http = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.vendor_timeout, connect=10.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        follow_redirects=False,
    )
    lanes = VendorLanes(
        LimitRules(
            start=settings.vendor_concurrency,
            floor=settings.vendor_concurrency_min,
            ceiling=settings.vendor_concurrency_ceiling,
            slow_start=True,
        ),
        on_limit=metrics.on_vendor_limit,
        vendors=[vendor.value for vendor in Vendor],
    )

    retry = RetryPolicy(
        max_attempts=settings.vendor_max_attempts,
        deadline=settings.vendor_deadline,
        on_retry=metrics.on_retry,
        on_attempt=metrics.on_vendor_attempt,
        gate=lanes,  # every attempt, retried ones too, teaches the limits; a 429 may send the job back in line
    )
    ace = ailab = accuauth = None
    if settings.acedata_api_token is not None:
        ace = AceDataClient(
            http,
            token=settings.acedata_api_token,
            base_url=settings.acedata_api_url,
            upload_url=settings.acedata_upload_url,
            timeout=settings.vendor_timeout,
            swap_timeout=settings.swap_timeout,
            retry=retry,
        )
    if settings.ailab_api_key is not None:
        ailab = AILabClient(
            http,
            api_key=settings.ailab_api_key,
            base_url=settings.ailab_api_url,
            timeout=settings.vendor_timeout,
            quality_control=settings.ailab_quality_control,
            retry=retry,
        )
    if settings.accuauth_api_id is not None and settings.accuauth_api_secret is not None:
        accuauth = AccuAuthClient(
            http,
            api_id=settings.accuauth_api_id,
            api_secret=settings.accuauth_api_secret,
            base_url=settings.accuauth_api_url,
            timeout=settings.vendor_timeout,
            retry=retry,
        )
    try:
        host: PhotoHost | None = create_photo_host(settings, ace_upload=ace.upload if ace else None)
    except BaseException:
        await http.aclose()
        raise
    alerts = OperatorAlerts(admin_messenger(bot, frozenset(settings.admin_ids)))
    callbacks = SwapCallbacks(settings.public_url)
    providers = FaceProviders(
        ace=ace,
        ailab=ailab,
        accuauth=accuauth,
        host=host,
        age_vendor=settings.age_vendor,
        gender_vendor=settings.gender_vendor,
        fallback=settings.vendor_fallback,
        callbacks=callbacks if callbacks.enabled else None,
        alerts=alerts,
        prepare=prepare_for,
    )
    quota_clock = QuotaClock(settings.quota_timezone)
    texts = Texts()
    users = UsersRepository(db)
    languages = Languages(texts, users, ChatsRepository(db))
    await languages.load()
    jobs = JobsRepository(db, settings.free_daily_quota)
    requests = RequestsRepository(db)
    quota = QuotaRepository(db, settings.free_daily_quota)
    files = PhotoFiles(bot)
    port = TelegramChatPort(
        bot,
        files=files,
        languages=languages,
        requests=requests,
        jobs=jobs,
        quota=quota,
        clock=quota_clock,
        available=providers.available(),
        status_delay=settings.status_delay,
        result_buttons=settings.result_keep > 0,
    )
    runner = JobRunner(
        jobs=jobs,
        requests=requests,
        providers=providers,
        port=port,
        results_dir=settings.results_dir,
        lanes=lanes,
        today=quota_clock.today,
        one_active=settings.one_job_per_person,
        on_settled=metrics.on_job_settled,
        on_given_up=metrics.on_result_given_up,
        delivery_deadline=settings.delivery_deadline,
        delivery_pause=settings.delivery_retry_pause,
        result_keep=settings.result_keep,
        mark=settings.result_mark.strip(),
    )
    metrics.watch_jobs(lambda: runner.waiting, lambda: runner.running)
    # The pre-checkout answer reads through a connection of its own: it never waits behind queued writes.
    payment_records = PaymentsRepository(db, settings.free_daily_quota, await db.open_reader())
    stars = TelegramStars(bot, languages=languages, users=users, admin_ids=settings.admin_ids)
    payments = PaymentService(
        payment_records,
        packs=settings.star_packs,
        stars=stars,
        notices=stars,
        today=quota_clock.today,
        reconcile_interval=settings.payments_reconcile_interval,
    )
    return Services(
        settings=settings,
        db=db,
        reader=reader,
        http=http,
        texts=texts,
        languages=languages,
        users=users,
        requests=requests,
        faces=FacesRepository(db),
        files=files,
        jobs=jobs,
        quota=quota,
        quota_clock=quota_clock,
        admin=AdminActions(quota, quota_clock),
        alerts=alerts,
        callbacks=callbacks,
        host=host,
        providers=providers,
        runner=runner,
        metrics=metrics,
        payments=payments,
        inbox=InboxRepository(db),
    )


def create_dashboard(settings: Settings, services: Services, metrics: Metrics) -> Dashboard:
    """The admin dashboard (a Telegram Mini App at ``/admin/``) over the running bot's services."""
    board = DashboardRepository(services.reader)
    configured = {
        Vendor.ACEDATA: settings.acedata_enabled,
        Vendor.AILAB: settings.ailab_enabled,
        Vendor.ACCUAUTH: settings.accuauth_enabled,
    }
    return Dashboard(
        DashboardDeps(
            verifier=InitDataVerifier(
                settings.telegram_bot_token.get_secret_value(), max_age=settings.admin_app_max_age
            ),
            admin_ids=frozenset(settings.admin_ids),
            actions=services.admin,
            quota=services.quota,
            jobs=services.jobs,
            stats=StatsRepository(services.reader),
            board=board,
            clock=services.quota_clock,
            queue=services.runner,
            configured_vendors=frozenset(vendor.value for vendor, on in configured.items() if on),
            vendor_attempts=metrics.vendor_attempts,
            started_at=metrics.started_at,
            # Stars shown (and refunds offered) while credits are on sale; /refund still serves after that.
            payments=StarsPanel(services.payments, board) if services.payments.enabled else None,
        )
    )
