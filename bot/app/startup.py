"""What start-up does before the bot serves: say what it will do, refuse what cannot work, and turn every
failure it can foresee into one line that names the setting and the fix.

Every such failure is a :class:`StartupFailure`; the CLI prints ``faceshift: <what> (<setting>): <fix>`` and
exits 2 for configuration (the operator must change a setting) or 1 for the world (the network, a port taken
by another program: trying again later may work).
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from bot.operations import Operation
from bot.providers.router import first_vendor
from bot.settings import HostingKind, Settings, TelegramMode, Vendor

CONFIG = 2
WORLD = 1

VENDOR_NAMES = {Vendor.AILAB: "AILabTools", Vendor.ACEDATA: "Ace Data Cloud", Vendor.ACCUAUTH: "AccuAuth"}
VENDOR_KEYS = {
    Vendor.AILAB: "AILAB_API_KEY",
    Vendor.ACEDATA: "ACEDATA_API_TOKEN",
    Vendor.ACCUAUTH: "ACCUAUTH_API_ID and ACCUAUTH_API_SECRET",
}
OPERATION_NAMES = {
    Operation.OLDER: "older",
    Operation.YOUNGER: "younger",
    Operation.SWAP_GENDER: "swap gender",
    Operation.SWAP_FACES: "swap faces",
    Operation.DETECT_GENDER: "detect gender",
}
BOT_API_TIMEOUT = httpx.Timeout(15.0, connect=10.0)


class StartupFailure(Exception):
    """A foreseeable reason the bot cannot start, said in one line."""

    def __init__(self, what: str, setting: str, fix: str, *, exit_code: int) -> None:
        super().__init__(what)
        self.what = what
        self.setting = setting
        self.fix = fix
        self.exit_code = exit_code

    @property
    def line(self) -> str:
        return f"faceshift: {self.what} ({self.setting}): {self.fix}"


def version() -> str:
    try:
        return metadata.version("faceshift")
    except metadata.PackageNotFoundError:
        return "unknown"


def display_url(url: str) -> str:
    """``url`` without any user:password part, fit for a log line."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# -- the plan ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Which vendors are configured and which operations are offered, by whom; from the settings alone."""

    configured: frozenset[Vendor]
    operations: Mapping[Operation, Vendor | None]

    @property
    def offered(self) -> list[Operation]:
        return [op for op, vendor in self.operations.items() if vendor is not None]

    @property
    def has_editor(self) -> bool:
        return bool(self.configured & {Vendor.AILAB, Vendor.ACEDATA})


def make_plan(settings: Settings) -> Plan:
    configured = set()
    if settings.ailab_enabled:
        configured.add(Vendor.AILAB)
    if settings.acedata_enabled and settings.hosting is not None:  # Ace reads photos by URL: it needs a host
        configured.add(Vendor.ACEDATA)
    if settings.accuauth_enabled:
        configured.add(Vendor.ACCUAUTH)
    operations = {
        op: first_vendor(op, configured, age_vendor=settings.age_vendor, gender_vendor=settings.gender_vendor)
        for op in Operation
    }
    return Plan(frozenset(configured), operations)


def require_editor(plan: Plan) -> None:
    """No editor means a menu that can do nothing (or only detect gender): refuse to start instead."""
    if not plan.has_editor:
        raise StartupFailure(
            "no face editor is configured",
            "AILAB_API_KEY, ACEDATA_API_TOKEN",
            "set AILAB_API_KEY or ACEDATA_API_TOKEN (or both) in .env; see the README, 'Setting up a bot'",
            exit_code=CONFIG,
        )


def describe(settings: Settings, plan: Plan) -> str:
    """The start-up block: vendors, operations, hosting, mode, web addresses, database. No secrets."""
    vendors = "; ".join(
        f"{VENDOR_NAMES[v]} on" if v in plan.configured else f"{VENDOR_NAMES[v]} off ({VENDOR_KEYS[v]} unset)"
        for v in (Vendor.AILAB, Vendor.ACEDATA, Vendor.ACCUAUTH)
    )
    by_vendor: dict[Vendor, list[str]] = {}
    for op, vendor in plan.operations.items():
        if vendor is not None:
            by_vendor.setdefault(vendor, []).append(OPERATION_NAMES[op])
    off = [OPERATION_NAMES[op] for op, vendor in plan.operations.items() if vendor is None]
    operations = "; ".join(f"{', '.join(names)} by {VENDOR_NAMES[v]}" for v, names in by_vendor.items())
    operations = "; ".join(part for part in (operations, f"off: {', '.join(off)}" if off else "") if part)
    if settings.vendor_fallback and {Vendor.AILAB, Vendor.ACEDATA} <= plan.configured:
        operations += " (age and gender fall back to the other editor on an outage)"
    public = settings.public_url
    if Vendor.ACEDATA not in plan.configured:
        hosting = "not needed (no configured vendor fetches photos by URL)"
    elif settings.hosting is HostingKind.BUILTIN:
        hosting = f"builtin: {public}/media/<token>, each photo at most {settings.media_ttl:g} s"
    elif settings.hosting is HostingKind.S3:
        hosting = f"s3: bucket {settings.s3_bucket}, presigned URLs for at most {settings.media_ttl:g} s"
    else:
        hosting = "acedata: Ace's upload endpoint (it keeps a public copy of each photo for 7 days)"
    api = display_url(settings.telegram_api_url)
    if settings.telegram_mode is TelegramMode.WEBHOOK:
        updates = f"webhook at {public}/telegram/... (Bot API {api})"
    else:
        updates = f"long polling ({api})"
    web = f"http://{settings.web_host}:{settings.web_port} (/healthz"
    web += ", /media" if settings.hosting is HostingKind.BUILTIN else ""
    web += ", /callbacks" if public and Vendor.ACEDATA in plan.configured else ""
    web += ", /telegram" if settings.telegram_mode is TelegramMode.WEBHOOK else ""
    web += ")"
    metrics = f"http://{settings.metrics_host}:{settings.metrics_port}/metrics" if settings.metrics_port else "off"
    lines = [
        f"FaceShift {version()} starting",
        f"  vendors:    {vendors}",
        f"  operations: {operations}",
        f"  hosting:    {hosting}",
        f"  updates:    {updates}",
        f"  web:        {web}; metrics: {metrics}",
        f"  database:   {settings.database_path}; results: {settings.results_dir}",
    ]
    return "\n".join(lines)


# -- local resources ---------------------------------------------------------------------------------------


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def database_failure(path: Path, error: BaseException) -> StartupFailure:
    return StartupFailure(
        f"cannot open the database at {path}: {_reason(error)}",
        "DATABASE_PATH",
        "point DATABASE_PATH at a file in a folder this user can write (the folder is created if missing)",
        exit_code=CONFIG,
    )


def check_database_opens(path: Path) -> None:
    """Open the database once, synchronously, before the bot's own connection: a path that cannot be a database
    is then one line (aiosqlite's worker thread, on a failed open, would outlive the event loop and print)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except (OSError, sqlite3.Error) as error:
        raise database_failure(path, error) from None


def ensure_writable_dir(path: Path, setting: str) -> None:
    """Create ``path`` if needed and prove it takes a file, at start-up rather than when a paid job ends."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise StartupFailure(
            f"cannot write to {path}: {_reason(error)}",
            setting,
            f"point {setting} at a folder this user can write (it is created if missing)",
            exit_code=CONFIG,
        ) from None


def listen_failure(host: str, port: int, error: OSError, *, host_setting: str, port_setting: str) -> StartupFailure:
    """A web listener that could not bind, said with the setting to change."""
    where = f"{host}:{port}"
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return StartupFailure(
            f"cannot listen on {where}: {host} is not an address of this machine",
            host_setting,
            f"set {host_setting} to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface, as in Docker)",
            exit_code=CONFIG,
        )
    if error.errno == errno.EADDRINUSE:
        return StartupFailure(
            f"cannot listen on {where}: the port is in use by another program (another FaceShift?)",
            port_setting,
            f"stop that program, or set {port_setting} to a free port",
            exit_code=WORLD,
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return StartupFailure(
            f"cannot listen on {where}: permission denied",
            port_setting,
            f"ports below 1024 need privileges: set {port_setting} to 1024 or above (a proxy can take 443)",
            exit_code=CONFIG,
        )
    return StartupFailure(
        f"cannot listen on {where}: {_reason(error)}",
        f"{host_setting}, {port_setting}",
        "check the address and the port",
        exit_code=WORLD,
    )


# -- the Bot API --------------------------------------------------------------------------------------------


async def bot_api(http: httpx.AsyncClient, settings: Settings, method: str) -> Any:
    """Call ``method`` (no parameters) on the Bot API and return its ``result``; a StartupFailure says why not.

    Used before python-telegram-bot is started (which would log a JSON-decode traceback for a server that is
    not a Bot API, and call it an invalid token) and by ``faceshift check``.
    """
    root = settings.telegram_api_url
    token = settings.telegram_bot_token.get_secret_value()
    shown = display_url(root)
    try:
        response = await http.get(f"{root}/bot{token}/{method}", timeout=BOT_API_TIMEOUT)
    except httpx.TimeoutException:
        raise StartupFailure(
            f"the Bot API at {shown} did not answer in time",
            "TELEGRAM_API_URL",
            "check this machine's network (and any firewall) and the URL, then start again",
            exit_code=WORLD,
        ) from None
    except httpx.HTTPError as error:
        reason = str(error).replace(token, "[secret]") or type(error).__name__
        raise StartupFailure(
            f"cannot reach the Bot API at {shown}: {reason}",
            "TELEGRAM_API_URL",
            "check this machine's network (and any firewall) and the URL, then start again",
            exit_code=WORLD,
        ) from None
    try:
        data = response.json()
    except ValueError:
        data = None
    status = response.status_code
    if not isinstance(data, dict) or not isinstance(data.get("ok"), bool):
        if status >= 500:
            raise StartupFailure(
                f"the Bot API at {shown} answered HTTP {status}",
                "TELEGRAM_API_URL",
                "Telegram (or a proxy in front of it) is failing: try again later",
                exit_code=WORLD,
            )
        raise StartupFailure(
            f"{shown} is not a Bot API server (HTTP {status}, and not a Bot API answer)",
            "TELEGRAM_API_URL",
            "set it to https://api.telegram.org, or to your own Bot API server's root (without /bot)",
            exit_code=CONFIG,
        )
    if data["ok"]:
        return data.get("result")
    code = data.get("error_code") if isinstance(data.get("error_code"), int) else status
    description = str(data.get("description") or "")[:200].replace(token, "[secret]")
    if code in (401, 404):
        raise StartupFailure(
            f"Telegram rejected the bot token ({description or code})",
            "TELEGRAM_BOT_TOKEN",
            "copy the token again from @BotFather (/mybots, API Token); it may have been revoked",
            exit_code=CONFIG,
        )
    raise StartupFailure(
        f"the Bot API answered {method} with {code} ({description})",
        "TELEGRAM_API_URL",
        "Telegram is refusing or failing for now: try again later",
        exit_code=WORLD,
    )


async def check_bot_api(settings: Settings) -> dict[str, Any]:
    """getMe, before anything else talks to Telegram: the bot's user, or a StartupFailure."""
    async with httpx.AsyncClient(follow_redirects=False, trust_env=True) as http:
        me = await bot_api(http, settings, "getMe")
    if not isinstance(me, dict):
        raise StartupFailure(
            "the Bot API answered getMe with something that is not a bot",
            "TELEGRAM_API_URL",
            "set it to https://api.telegram.org, or to your own Bot API server's root (without /bot)",
            exit_code=CONFIG,
        )
    return me
