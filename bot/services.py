"""The application's shared services, as handlers see them (``context.services``).

Built, all at once and in dependency order, by the composition root (:mod:`bot.app.compose`); closed at shutdown.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx

from bot.admin_actions import AdminActions
from bot.i18n import Texts
from bot.jobs.runner import JobRunner
from bot.languages import Languages
from bot.payments import PaymentService
from bot.providers.alerts import OperatorAlerts
from bot.providers.photo_host import PhotoHost
from bot.providers.router import FaceProviders
from bot.providers.swap_callbacks import SwapCallbacks
from bot.quota_clock import QuotaClock
from bot.settings import Settings
from bot.telegram_files import PhotoFiles
from bot.web.metrics import Metrics
from storage import Database
from storage.faces import FacesRepository
from storage.inbox import InboxRepository
from storage.jobs import JobsRepository
from storage.quota import QuotaRepository
from storage.requests import RequestsRepository
from storage.users import UsersRepository


@dataclass
class Services:
    settings: Settings
    db: Database
    reader: Database  # a second connection to the same database, for long reads that must not hold up the bot
    http: httpx.AsyncClient  # the one client for vendor calls, downloads and hosting
    texts: Texts
    languages: Languages  # which catalogue to speak where
    users: UsersRepository
    requests: RequestsRepository
    faces: FacesRepository  # the faces found in each photo, and face questions awaiting an answer
    files: PhotoFiles  # photos downloaded lately: a photo's copy is fetched once for its faces and its job
    jobs: JobsRepository
    quota: QuotaRepository
    quota_clock: QuotaClock
    admin: AdminActions  # admin actions on a person's quota: the commands and the dashboard share them
    alerts: OperatorAlerts
    callbacks: SwapCallbacks
    host: PhotoHost | None
    providers: FaceProviders
    runner: JobRunner
    metrics: Metrics
    payments: PaymentService
    inbox: InboxRepository  # updates stored before they count as received (see bot.app.updates)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)  # background loops, cancelled at close

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=5)
        await self.http.aclose()
        if self.reader is not self.db:
            await self.reader.close()
        await self.payments.repository.close()
        await self.db.close()
