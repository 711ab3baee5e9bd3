"""The application's shared services: created once at start-up (``post_init``), closed at shutdown."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx

from bot import imaging
from bot.hosting import create_photo_host
from bot.i18n import Texts
from bot.jobs.runner import RULES, JobRunner
from bot.providers.accuauth import AccuAuthClient
from bot.providers.acedata import AceDataClient
from bot.providers.ailab import AILabClient
from bot.providers.alerts import OperatorAlerts
from bot.providers.photo_host import PhotoHost
from bot.providers.retry import RetryPolicy
from bot.providers.router import FaceProviders
from bot.providers.swap_callbacks import SwapCallbacks
from bot.quota_clock import QuotaClock
from bot.settings import Settings, Vendor
from bot.web.metrics import Metrics
from storage import Database
from storage.jobs import JobsRepository
from storage.quota import QuotaRepository
from storage.requests import RequestsRepository
from storage.users import UsersRepository


async def prepare_for(data: bytes, vendor: Vendor) -> bytes:
    """Make a photo fit ``vendor``'s rules, off the event loop (raises ``ImageRejected``)."""
    prepared = await asyncio.to_thread(imaging.prepare, data, RULES[vendor])
    return prepared.data


@dataclass
class Services:
    settings: Settings
    db: Database
    http: httpx.AsyncClient  # the one client for vendor calls, downloads and hosting
    texts: Texts
    users: UsersRepository
    requests: RequestsRepository
    jobs: JobsRepository
    quota: QuotaRepository
    quota_clock: QuotaClock
    alerts: OperatorAlerts
    callbacks: SwapCallbacks
    host: PhotoHost | None
    providers: FaceProviders
    runner: JobRunner
    metrics: Metrics
    tasks: list[asyncio.Task[None]] = field(default_factory=list)  # background loops, cancelled at close

    @classmethod
    async def create(cls, settings: Settings, metrics: Metrics | None = None) -> Services:
        metrics = metrics or Metrics()
        db = await Database.open(settings.database_path)
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.vendor_timeout, connect=10.0),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            follow_redirects=False,
        )
        retry = RetryPolicy(
            max_attempts=settings.vendor_max_attempts, deadline=settings.vendor_deadline,
            on_retry=metrics.on_retry, on_attempt=metrics.on_vendor_attempt,
        )
        ace = ailab = accuauth = None
        if settings.acedata_api_token is not None:
            ace = AceDataClient(
                http, token=settings.acedata_api_token, base_url=settings.acedata_api_url,
                upload_url=settings.acedata_upload_url, timeout=settings.vendor_timeout,
                swap_timeout=settings.swap_timeout, retry=retry,
            )
        if settings.ailab_api_key is not None:
            ailab = AILabClient(
                http, api_key=settings.ailab_api_key, base_url=settings.ailab_api_url,
                timeout=settings.vendor_timeout, quality_control=settings.ailab_quality_control, retry=retry,
            )
        if settings.accuauth_api_id is not None and settings.accuauth_api_secret is not None:
            accuauth = AccuAuthClient(
                http, api_id=settings.accuauth_api_id, api_secret=settings.accuauth_api_secret,
                base_url=settings.accuauth_api_url, timeout=settings.vendor_timeout, retry=retry,
            )
        host = create_photo_host(settings, ace_upload=ace.upload if ace else None)
        alerts = OperatorAlerts(None)  # the handlers layer connects it to the admins' chats
        callbacks = SwapCallbacks(settings.public_url)
        providers = FaceProviders(
            ace=ace, ailab=ailab, accuauth=accuauth, host=host, age_vendor=settings.age_vendor,
            gender_vendor=settings.gender_vendor, fallback=settings.vendor_fallback,
            callbacks=callbacks if callbacks.enabled else None, alerts=alerts, prepare=prepare_for,
        )
        quota_clock = QuotaClock(settings.quota_timezone)
        jobs = JobsRepository(db, settings.free_daily_quota)
        requests = RequestsRepository(db)
        runner = JobRunner(
            jobs=jobs, requests=requests, providers=providers, results_dir=settings.results_dir,
            concurrency={vendor: settings.vendor_concurrency for vendor in Vendor}, today=quota_clock.today,
            one_active=settings.one_job_per_person, on_settled=metrics.on_job_settled,
        )
        metrics.watch_jobs(lambda: runner.waiting, lambda: runner.running)
        return cls(
            settings=settings, db=db, http=http, texts=Texts(), users=UsersRepository(db), requests=requests,
            jobs=jobs, quota=QuotaRepository(db, settings.free_daily_quota), quota_clock=quota_clock,
            alerts=alerts, callbacks=callbacks, host=host, providers=providers, runner=runner, metrics=metrics,
        )

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=5)
        await self.http.aclose()
        await self.db.close()
