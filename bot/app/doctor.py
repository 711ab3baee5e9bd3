"""``faceshift check``: a doctor for a real deployment, run beside (or before) the bot, charging nobody.

One line per check, ``PASS``, ``WARN`` or ``FAIL``, with the fix; the exit code is 1 when anything failed, so
scripts and CI can use it. What it checks:

- the settings (already valid when we get here) and which operations the configured vendors offer;
- the bot token (``getMe``) and the webhook (``getWebhookInfo``: set as configured, updates waiting, the last
  delivery error Telegram saw);
- each configured vendor key, with one request that carries no photo (nothing the vendor could bill): a key
  the vendor refuses fails; one it lets through is a warning, since only a paid call proves the account can
  pay;
- that ``PUBLIC_URL`` reaches this bot's web server, by fetching a one-time probe through it (answered by the
  running bot, or by this command when the bot is not running);
- the database (``PRAGMA integrity_check``) and the free space where the database, photos and results live.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.app.startup import (
    OPERATION_NAMES,
    VENDOR_KEYS,
    VENDOR_NAMES,
    StartupFailure,
    bot_api,
    display_url,
    make_plan,
)
from bot.providers.accuauth import AccuAuthClient
from bot.providers.acedata import AceDataClient
from bot.providers.ailab import AILabClient
from bot.providers.errors import KeyCheck, KeyStatus
from bot.providers.retry import RetryPolicy
from bot.settings import HostingKind, Settings, TelegramMode, Vendor
from bot.web.reach import ReachProbes
from bot.web.server import WebServer, create_web_app, redact_path
from bot.web.webhook import webhook_path
from storage.database import migration_scripts

NETWORK_TIMEOUT = 15.0
DISK_FAIL_BYTES = 200 * 1024 * 1024
DISK_WARN_BYTES = 1024 * 1024 * 1024
MANY_PENDING_UPDATES = 100
OFFICIAL_API = "https://api.telegram.org"


class Status(StrEnum):
    PASS = "PASS"  # noqa: S105 (a status, not a password)
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Finding:
    status: Status
    name: str
    detail: str
    fix: str = ""

    @property
    def line(self) -> str:
        text = f"{self.status.value}  {self.name}: {self.detail}"
        return f"{text}; fix: {self.fix}" if self.fix else text


def exit_code(findings: list[Finding]) -> int:
    return 1 if any(f.status is Status.FAIL for f in findings) else 0


async def run_checks(
    settings: Settings, out: Callable[[str], None] = print, *, clock: Callable[[], float] = time.time
) -> list[Finding]:
    """Run every check, printing each line through ``out`` as soon as it is known."""
    findings: list[Finding] = []

    def add(finding: Finding) -> None:
        findings.append(finding)
        out(finding.line)

    add(_settings_finding())
    add(_operations(settings))
    async with httpx.AsyncClient(timeout=NETWORK_TIMEOUT, follow_redirects=False) as http:
        me = await _telegram(http, settings, add)
        if me is not None:
            await _webhook(http, settings, add, clock)
        for finding in await _vendor_keys(http, settings):
            add(finding)
        add(await _public_url(http, settings))
    add(await asyncio.to_thread(_database, settings))
    for finding in await asyncio.to_thread(_disk, settings):
        add(finding)
    return findings


# -- settings ---------------------------------------------------------------------------------------------


def _settings_finding() -> Finding:
    env_file = Path(".env")
    where = f".env in {Path.cwd()} and the environment" if env_file.is_file() else "the environment (no .env here)"
    return Finding(Status.PASS, "settings", f"valid, read from {where}")


def _operations(settings: Settings) -> Finding:
    plan = make_plan(settings)
    offered = ", ".join(
        f"{OPERATION_NAMES[op]} ({VENDOR_NAMES[vendor]})" for op, vendor in plan.operations.items() if vendor
    )
    off = [OPERATION_NAMES[op] for op, vendor in plan.operations.items() if vendor is None]
    if not plan.has_editor:
        return Finding(
            Status.FAIL,
            "operations",
            "no face editor is configured: the bot refuses to start",
            "set AILAB_API_KEY or ACEDATA_API_TOKEN (or both)",
        )
    detail = f"offered: {offered}" + (f"; off: {', '.join(off)}" if off else "")
    return Finding(Status.PASS, "operations", detail)


# -- Telegram ---------------------------------------------------------------------------------------------


def _failed(name: str, failure: StartupFailure) -> Finding:
    return Finding(Status.FAIL, name, f"{failure.what} ({failure.setting})", failure.fix)


async def _telegram(
    http: httpx.AsyncClient, settings: Settings, add: Callable[[Finding], None]
) -> dict[str, Any] | None:
    try:
        me = await bot_api(http, settings, "getMe")
    except StartupFailure as failure:
        add(_failed("telegram", failure))
        return None
    if not isinstance(me, dict):
        add(Finding(Status.FAIL, "telegram", "getMe did not answer with a bot", "check TELEGRAM_API_URL"))
        return None
    add(Finding(Status.PASS, "telegram", f"the token works: @{me.get('username')} (id {me.get('id')}) answers getMe"))
    return me


def _shown_webhook(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{redact_path(parts.path)}"


async def _webhook(
    http: httpx.AsyncClient, settings: Settings, add: Callable[[Finding], None], clock: Callable[[], float]
) -> None:
    try:
        info = await bot_api(http, settings, "getWebhookInfo")
    except StartupFailure as failure:
        add(_failed("webhook", failure))
        return
    if not isinstance(info, dict):
        add(Finding(Status.FAIL, "webhook", "getWebhookInfo gave no webhook info", "check TELEGRAM_API_URL"))
        return
    url = str(info.get("url") or "")
    pending = info.get("pending_update_count") or 0
    waiting = f"{pending} update(s) waiting"
    if pending >= MANY_PENDING_UPDATES:
        waiting += " (many: is the bot running and receiving them?)"
    token = settings.telegram_bot_token.get_secret_value()
    one_instance = "if another deployment uses this bot token, stop it (only one may run)"
    if settings.telegram_mode is TelegramMode.WEBHOOK:
        expected = f"{settings.public_url}{webhook_path(token)}"
        if url == expected:
            status = Status.WARN if pending >= MANY_PENDING_UPDATES else Status.PASS
            add(Finding(status, "webhook", f"set to {_shown_webhook(url)} as configured; {waiting}"))
        elif not url:
            add(Finding(Status.FAIL, "webhook", f"none is set; {waiting}", "start the bot: it sets the webhook"))
        else:
            add(
                Finding(
                    Status.FAIL,
                    "webhook",
                    f"set to {_shown_webhook(url)}, not to this PUBLIC_URL; {waiting}",
                    f"start (or restart) the bot: it sets its own; {one_instance}",
                )
            )
    elif url:
        add(
            Finding(
                Status.WARN,
                "webhook",
                f"set to {_shown_webhook(url)}, but TELEGRAM_MODE=polling; {waiting}",
                f"the bot removes it when it starts polling; {one_instance}",
            )
        )
    else:
        status = Status.WARN if pending >= MANY_PENDING_UPDATES else Status.PASS
        add(Finding(status, "webhook", f"none set (polling mode); {waiting}"))
    last_error = info.get("last_error_date")
    if isinstance(last_error, int) and last_error > 0:
        ago = max(0, int(clock()) - last_error)
        message = str(info.get("last_error_message") or "no message")[:200]
        add(
            Finding(
                Status.WARN,
                "webhook deliveries",
                f"Telegram's last delivery error, {_duration(ago)} ago: {message}",
                "look at the proxy's and the bot's logs around that time",
            )
        )


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


# -- vendors ----------------------------------------------------------------------------------------------


async def _vendor_keys(http: httpx.AsyncClient, settings: Settings) -> list[Finding]:
    retry = RetryPolicy(max_attempts=1, deadline=NETWORK_TIMEOUT)
    checks: list[tuple[Vendor, str, Callable[[], Awaitable[KeyCheck]]]] = []
    if settings.ailab_api_key is not None:
        ailab = AILabClient(
            http,
            api_key=settings.ailab_api_key,
            base_url=settings.ailab_api_url,
            timeout=NETWORK_TIMEOUT,
            quality_control=settings.ailab_quality_control,
            retry=retry,
        )
        checks.append((Vendor.AILAB, settings.ailab_api_url, ailab.check_key))
    if settings.acedata_api_token is not None:
        ace = AceDataClient(
            http,
            token=settings.acedata_api_token,
            base_url=settings.acedata_api_url,
            upload_url=settings.acedata_upload_url,
            timeout=NETWORK_TIMEOUT,
            swap_timeout=NETWORK_TIMEOUT,
            retry=retry,
        )
        checks.append((Vendor.ACEDATA, settings.acedata_api_url, ace.check_key))
    if settings.accuauth_api_id is not None and settings.accuauth_api_secret is not None:
        accuauth = AccuAuthClient(
            http,
            api_id=settings.accuauth_api_id,
            api_secret=settings.accuauth_api_secret,
            base_url=settings.accuauth_api_url,
            timeout=NETWORK_TIMEOUT,
            retry=retry,
        )
        checks.append((Vendor.ACCUAUTH, settings.accuauth_api_url, accuauth.check_key))
    results = await asyncio.gather(*(_one_key(vendor, url, check) for vendor, url, check in checks))
    return list(results)


async def _one_key(vendor: Vendor, url: str, check: Callable[[], Awaitable[KeyCheck]]) -> Finding:
    name = f"{VENDOR_NAMES[vendor]} key"
    keys = VENDOR_KEYS[vendor]
    try:
        async with asyncio.timeout(NETWORK_TIMEOUT + 5):
            verdict = await check()
    except TimeoutError:
        verdict = KeyCheck(KeyStatus.UNKNOWN, "no answer in time")
    if verdict.status is KeyStatus.REFUSED:
        return Finding(
            Status.FAIL,
            name,
            f"refused: a request without a photo got {verdict.detail}",
            f"copy {keys} again from the vendor's console; check the account's balance and that it is not locked",
        )
    if verdict.status is KeyStatus.NOT_REFUSED:
        return Finding(
            Status.WARN,
            name,
            f"not refused: a request without a photo got {verdict.detail}, a complaint about the request, not the "
            "key; that the account can pay cannot be proven without a paid call",
        )
    return Finding(
        Status.FAIL,
        name,
        f"no verdict from {display_url(url)}: {verdict.detail}",
        "check the vendor's URL setting and this machine's network, then run the check again",
    )


# -- PUBLIC_URL -------------------------------------------------------------------------------------------


async def _public_url(http: httpx.AsyncClient, settings: Settings) -> Finding:
    public = settings.public_url
    if not public:
        return Finding(
            Status.PASS,
            "public URL",
            "PUBLIC_URL unset: long polling and no photo hosting by this server, nothing outside needs to reach it",
        )
    if (
        settings.telegram_mode is TelegramMode.WEBHOOK
        and not public.startswith("https://")
        and settings.telegram_api_url == OFFICIAL_API
    ):
        return Finding(
            Status.FAIL,
            "public URL",
            f"{public} is not https, and Telegram sends webhooks to https addresses only",
            "put the bot behind the TLS proxy (see the README, 'Deploy with a domain') and use its https address",
        )
    probes = ReachProbes(settings.media_dir)
    try:
        token, answer = await asyncio.to_thread(probes.issue)
    except OSError as error:
        return Finding(
            Status.FAIL,
            "public URL",
            f"cannot write a probe under {probes.directory}: {error.strerror or error}",
            "point MEDIA_DIR at a folder this user can write",
        )
    server = await _answer_probes_here(settings, probes)
    try:
        try:
            response = await http.get(f"{public}/healthz/{token}")
        except httpx.HTTPError as error:
            return Finding(
                Status.FAIL,
                "public URL",
                f"{public} cannot be reached from here: {type(error).__name__}",
                "check the DNS name, that the proxy runs (docker compose ps) and that ports 80 and 443 are open",
            )
    finally:
        if server is not None:
            await server.stop()
        probes.withdraw(token)
    by = "this check (the bot is not running)" if server is not None else "the running bot"
    if response.status_code == 200 and response.content == answer:
        detail = f"{public} reaches this bot's web server: a one-time probe came back through it, answered by {by}"
        if settings.hosting is HostingKind.BUILTIN and not public.startswith("https://"):
            return Finding(Status.WARN, "public URL", detail + "; but it is not https", "Ace expects https photo URLs")
        return Finding(Status.PASS, "public URL", detail)
    where = response.headers.get("location")
    answered = f"HTTP {response.status_code}" + (f" (a redirect to {where})" if where else "")
    return Finding(
        Status.FAIL,
        "public URL",
        f"{public} answered {answered}, not this bot's one-time probe: it leads somewhere else",
        f"PUBLIC_URL must lead to this bot's WEB_HOST:WEB_PORT ({settings.web_host}:{settings.web_port}); a proxy "
        "in between must pass /healthz/*, /telegram/*, /media/* and /callbacks/* to it",
    )


async def _answer_probes_here(settings: Settings, probes: ReachProbes) -> WebServer | None:
    """When the bot is not running (its port is free), serve the probe from this process instead."""
    server = WebServer(create_web_app(reach=probes), settings.web_host, settings.web_port)
    try:
        await server.start()
    except OSError:
        return None  # the bot (or something else) listens there: it must answer
    return server


# -- local: the database and the disks --------------------------------------------------------------------


def _database(settings: Settings) -> Finding:
    path = settings.database_path
    if not path.exists():
        return Finding(Status.PASS, "database", f"none yet at {path}: the bot creates it at its first start")
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as error:
        return Finding(
            Status.FAIL,
            "database",
            f"cannot read {path}: {error}",
            "check DATABASE_PATH and the file's permissions; restore the latest backup if the file is damaged",
        )
    if [tuple(row) for row in rows] != [("ok",)]:
        first = str(rows[0][0])[:120] if rows else "no answer"
        return Finding(
            Status.FAIL,
            "database",
            f"{path}: integrity_check found problems, the first: {first}",
            "stop the bot, restore the latest backup (faceshift backup makes them), start again",
        )
    known = len(migration_scripts())
    if version > known:
        return Finding(
            Status.WARN,
            "database",
            f"{path}: integrity_check ok, but schema version {version} is newer than this FaceShift's ({known})",
            "run the newer FaceShift that upgraded it",
        )
    return Finding(Status.PASS, "database", f"{path}: integrity_check ok, schema version {version}")


def _existing(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _size(count: float) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GB"
    return f"{count / 1024**2:.0f} MB"


def _disk(settings: Settings) -> list[Finding]:
    places = {
        "DATABASE_PATH": settings.database_path.parent,
        "MEDIA_DIR": settings.media_dir,
        "RESULTS_DIR": settings.results_dir,
    }
    findings: list[Finding] = []
    devices: dict[int, list[str]] = {}
    free_on: dict[int, int] = {}
    for setting, folder in places.items():
        existing = _existing(folder)
        if not os.access(existing, os.W_OK | os.X_OK):
            findings.append(
                Finding(
                    Status.FAIL,
                    "disk",
                    f"{folder} ({setting}) cannot be written by this user ({existing} is not writable)",
                    f"fix the folder's owner or permissions, or point {setting} elsewhere",
                )
            )
            continue
        device = existing.stat().st_dev
        devices.setdefault(device, []).append(setting)
        free_on[device] = shutil.disk_usage(existing).free
    for device, settings_there in devices.items():
        free = free_on[device]
        detail = f"{_size(free)} free for {', '.join(settings_there)}"
        if free < DISK_FAIL_BYTES:
            findings.append(Finding(Status.FAIL, "disk", detail, "free some space: results and the database need it"))
        elif free < DISK_WARN_BYTES:
            findings.append(Finding(Status.WARN, "disk", detail + " (under 1 GB)", "free some space soon"))
        else:
            findings.append(Finding(Status.PASS, "disk", detail))
    return findings
