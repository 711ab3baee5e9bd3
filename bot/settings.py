"""Configuration, read once at start-up from the environment and an optional ``.env`` file.

Every setting is listed, with its default, in the README's configuration table and in ``.env.example``.
Secrets are ``SecretStr`` so that printing the settings (or a validation error) never shows them.
An empty value (``HOSTING=``, ``ACEDATA_API_TOKEN=``) means unset: the default applies, a vendor is off.
Every value is checked here, so a bad one stops the bot at start-up with one line naming the variable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.operations import Operation


class Vendor(StrEnum):
    ACEDATA = "acedata"
    AILAB = "ailab"
    ACCUAUTH = "accuauth"


class HostingKind(StrEnum):
    BUILTIN = "builtin"
    S3 = "s3"
    ACEDATA = "acedata"


class TelegramMode(StrEnum):
    POLLING = "polling"
    WEBHOOK = "webhook"


EDITORS = (Vendor.AILAB, Vendor.ACEDATA)  # the vendors that edit faces (AccuAuth only detects gender)


def _int_list(value: object) -> object:
    """``"1, 2,3"`` -> ``[1, 2, 3]``; an empty string is an empty list."""
    if isinstance(value, str):
        parts = [part for part in value.replace(" ", "").split(",") if part]
        if not all(re.fullmatch(r"-?[0-9]{1,20}", part) for part in parts):
            raise ValueError("expected comma-separated numeric Telegram ids, such as 12345,67890")
        return [int(part) for part in parts]
    return value


def _check_url(value: str, *, root_only: bool = False) -> str:
    """An absolute http(s) URL with a host; never echoes the value (it may carry credentials)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("expected an http:// or https:// URL, such as https://example.com")
    if parts.query or parts.fragment:
        raise ValueError("expected a URL without a query string or fragment")
    if root_only and parts.path not in ("", "/"):
        raise ValueError("expected the site's root, scheme and host only (the bot serves its routes at /)")
    try:
        parts.port  # noqa: B018 (a malformed port raises here)
    except ValueError:
        raise ValueError("the URL's port is not a number from 0 to 65535") from None
    return value.rstrip("/")


MAX_OPERATION_COST = 1000
TOKEN_RE = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{1,200}")
METRICS_PORT_DEFAULT = 9464


SOURCES = SettingsConfigDict(
    env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False, env_ignore_empty=True
)
DEFAULT_DATABASE_PATH = Path("data/faceshift.sqlite3")


class DatabaseSettings(BaseSettings):
    """Only what ``faceshift backup`` needs, read from the same places as :class:`Settings` (so it runs
    without a bot token, and never disagrees with the bot about where the database is)."""

    model_config = SOURCES

    database_path: Path = DEFAULT_DATABASE_PATH


MAX_PACKS = 8  # buttons under one message
MAX_PACK_CREDITS = 100_000
MAX_PACK_STARS = 10_000  # Telegram's largest Stars invoice
_PACKS_EXAMPLE = '[{"credits": 10, "stars": 50}, {"credits": 50, "stars": 200}]'


@dataclass(frozen=True, slots=True)
class StarPack:
    """Credits sold for Telegram Stars, as ``STAR_PACKS`` lists them."""

    credits: int
    stars: int


def _star_packs(value: object) -> list[StarPack]:
    """``STAR_PACKS``: a JSON list of {"credits": n, "stars": m}, whole numbers above zero, no two packs with the
    same number of credits; empty (or unset) turns payments off. Sorted by credits."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            raise ValueError(f"expected a JSON list such as {_PACKS_EXAMPLE}") from None
    if not isinstance(value, list):
        raise ValueError(f"expected a JSON list such as {_PACKS_EXAMPLE}")
    if len(value) > MAX_PACKS:
        raise ValueError(f"at most {MAX_PACKS} packs")
    packs: list[StarPack] = []
    for item in value:
        if isinstance(item, StarPack):
            packs.append(item)
            continue
        if not isinstance(item, dict) or set(item) != {"credits", "stars"}:
            raise ValueError(f'each pack is an object with "credits" and "stars", such as {_PACKS_EXAMPLE}')
        for key, most in (("credits", MAX_PACK_CREDITS), ("stars", MAX_PACK_STARS)):
            number = item[key]
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= most:
                raise ValueError(f"the {key} of a pack must be a whole number from 1 to {most}")
        packs.append(StarPack(item["credits"], item["stars"]))
    credits = [pack.credits for pack in packs]
    if len(set(credits)) != len(credits):
        raise ValueError("two packs have the same number of credits")
    return sorted(packs, key=lambda pack: pack.credits)


class Settings(BaseSettings):
    model_config = SOURCES

    # Telegram
    telegram_bot_token: SecretStr
    telegram_api_url: str = "https://api.telegram.org"
    telegram_mode: TelegramMode = TelegramMode.POLLING
    webhook_drop_pending_updates: bool = False
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    allowed_chat_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    private_chats: bool = True
    # Seconds the admin dashboard (a Mini App) trusts Telegram's signed initData after it was issued.
    admin_app_max_age: float = Field(default=3600.0, gt=0)

    # Storage and logs
    database_path: Path = DEFAULT_DATABASE_PATH
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"

    # Vendors (a vendor without credentials is simply not used)
    acedata_api_token: SecretStr | None = None
    acedata_api_url: str = "https://api.acedata.cloud"
    acedata_upload_url: str = "https://api.acedata.cloud/files/upload"
    ailab_api_key: SecretStr | None = None
    ailab_api_url: str = "https://www.ailabapi.com"
    ailab_quality_control: Literal["NONE", "LOW", "NORMAL", "HIGH"] = "NONE"
    accuauth_api_id: SecretStr | None = None
    accuauth_api_secret: SecretStr | None = None
    accuauth_api_url: str = "https://cloudapi.accuauth.in"

    # Which editor serves which operation first (the other one, if configured, is the fallback). Unset: AILab
    # when it is configured, else Ace; set, it must name a configured editor.
    age_vendor: Vendor = Vendor.AILAB
    gender_vendor: Vendor = Vendor.AILAB
    vendor_fallback: bool = True

    # Jobs and quota
    free_daily_quota: int = Field(default=5, ge=0, le=1_000_000)
    quota_timezone: str = "UTC"
    # JSON, e.g. {"swap_faces": 2}; an operation not named costs 1
    operation_costs: Annotated[dict[str, int], NoDecode] = Field(default_factory=dict)
    # Calls at once per vendor and lane (edits; face swaps): a limit that starts at vendor_concurrency and is
    # found by asking (up while calls succeed, down on 429s and latency jumps), between the floor and ceiling.
    vendor_concurrency: int = Field(default=8, ge=1, le=1000)
    vendor_concurrency_min: int = Field(default=1, ge=1, le=1000)
    vendor_concurrency_max: int = Field(default=64, ge=1, le=1000)
    one_job_per_person: bool = True
    swap_pair_ttl: float = Field(default=600.0, gt=0, le=86_400)
    # How often waits for a face photo are checked for expiry (their prompt then says so); a wait is never
    # honoured after swap_pair_ttl whatever this is, so it only bounds how late the prompt is updated.
    pairing_sweep_interval: float = Field(default=30.0, gt=0, le=3600)
    album_wait: float = Field(default=1.5, gt=0, le=60)  # seconds to collect an album's photos before acting
    # A job this quick shows no status message, only its result; edits are at least this far apart.
    status_delay: float = Field(default=1.0, ge=0, le=60)
    results_dir: Path = Path("data/results")
    # A paid result Telegram keeps failing to take is tried again for this long (seconds, from the first try
    # in each run), pauses doubling from delivery_retry_pause up to 30 s; then it is refunded and deleted.
    delivery_deadline: float = Field(default=300.0, gt=0, le=86_400)
    delivery_retry_pause: float = Field(default=1.0, gt=0, le=60)
    shutdown_grace: float = Field(default=20.0, ge=0, le=3600)  # seconds running jobs get to finish on shutdown
    # Results worth sharing: a delivered result stays on disk this long for "Before / after" and "Full quality"
    # (0: deleted at once, and those buttons are not shown). At most an hour: the privacy promise says minutes.
    result_keep: float = Field(default=600.0, ge=0, le=3600)
    # The operator's mark (e.g. the bot's @username), drawn small in the corner of results, collages and before /
    # after pictures; empty: none. On "Full quality" files only with result_mark_files.
    result_mark: str = Field(default="", max_length=64)
    result_mark_files: bool = False

    # Selling credits for Telegram Stars (no packs: payments off, and nothing about buying is shown)
    star_packs: Annotated[list[StarPack], NoDecode] = Field(default_factory=list)
    payments_reconcile_interval: float = Field(default=300.0, ge=10)  # seconds between reads of the Star transactions
    terms_text: str = ""  # the operator's terms of sale (/terms); empty: the catalogue's default text

    # Timeouts (seconds)
    vendor_timeout: float = Field(default=60.0, gt=0, le=3600)
    swap_timeout: float = Field(default=180.0, gt=0, le=3600)
    vendor_deadline: float = Field(default=240.0, gt=0, le=7200)
    vendor_max_attempts: int = Field(default=3, ge=1, le=10)

    # Hosting photos for URL-based vendors, and the bot's web server
    hosting: HostingKind | None = None
    public_url: str | None = None
    media_ttl: float = Field(default=600.0, gt=0, le=86_400)
    media_dir: Path = Path("data/media")
    web_host: str = Field(default="127.0.0.1", min_length=1)
    web_port: int = Field(default=8080, ge=0, le=65535)
    # /metrics has a listener of its own, on the loopback by default; port 0 turns it off.
    metrics_host: str = Field(default="127.0.0.1", min_length=1)
    metrics_port: int = Field(default=METRICS_PORT_DEFAULT, ge=0, le=65535)
    # /healthz runs its checks (the database, a Bot API call) at most once per this many seconds.
    health_check_interval: float = Field(default=15.0, ge=0, le=3600)
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: SecretStr | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_prefix: str = "faceshift/"

    @field_validator("admin_ids", "allowed_chat_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        return _int_list(value)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token(cls, value: SecretStr) -> SecretStr:
        if TOKEN_RE.fullmatch(value.get_secret_value().strip()) is None:
            raise ValueError("does not look like a bot token (digits, a colon, then letters, digits, - and _)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator(
        "acedata_api_token",
        "ailab_api_key",
        "accuauth_api_id",
        "accuauth_api_secret",
        "s3_access_key_id",
        "s3_secret_access_key",
    )
    @classmethod
    def _blank_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url", "acedata_api_url", "acedata_upload_url", "ailab_api_url", "accuauth_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _check_url(value)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        return _check_url(value, root_only=True) if value else None

    @field_validator("s3_endpoint_url")
    @classmethod
    def _s3_url(cls, value: str | None) -> str | None:
        return _check_url(value) if value else None

    @field_validator("ailab_quality_control", mode="before")
    @classmethod
    def _quality(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("age_vendor", "gender_vendor")
    @classmethod
    def _editor(cls, value: Vendor) -> Vendor:
        if value not in EDITORS:
            raise ValueError("expected ailab or acedata (AccuAuth only detects gender: it cannot edit faces)")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("operation_costs", mode="before")
    @classmethod
    def _costs(cls, value: object) -> object:
        """JSON object of operation name -> cost (a whole number, 0 makes it free); unknown names refused."""
        if isinstance(value, str):
            try:
                value = json.loads(value) if value.strip() else {}
            except ValueError:
                raise ValueError('expected a JSON object such as {"swap_faces": 2}') from None
        if not isinstance(value, dict):
            raise ValueError('expected a JSON object such as {"swap_faces": 2}')
        unknown = sorted(str(name) for name in value if name not in set(Operation))
        if unknown:
            raise ValueError(f"unknown operation {', '.join(unknown)}; expected some of {', '.join(Operation)}")
        for name, cost in value.items():
            if isinstance(cost, bool) or not isinstance(cost, int) or not 0 <= cost <= MAX_OPERATION_COST:
                raise ValueError(f"the cost of {name} must be a whole number from 0 to {MAX_OPERATION_COST}")
        return value

    @field_validator("star_packs", mode="before")
    @classmethod
    def _packs(cls, value: object) -> object:
        return _star_packs(value)

    @field_validator("quota_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone name such as UTC or Europe/Berlin") from None
        return value

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        """Settings that depend on each other. Default hosting: the bot's own server when it has a public URL,
        else Ace's upload endpoint."""
        self._check_pairs()
        self._choose_editors()
        if self.metrics_port and self.metrics_port == self.web_port:
            raise ValueError("METRICS_PORT must differ from WEB_PORT (0 turns metrics off)")
        if self.hosting is HostingKind.ACEDATA and self.acedata_api_token is None:
            raise ValueError("HOSTING=acedata needs ACEDATA_API_TOKEN (it uploads to Ace's file storage)")
        if self.hosting is None:
            if self.public_url:
                self.hosting = HostingKind.BUILTIN
            elif self.acedata_api_token is not None:
                self.hosting = HostingKind.ACEDATA
        if self.hosting is HostingKind.BUILTIN and not self.public_url:
            raise ValueError("HOSTING=builtin needs PUBLIC_URL (the address vendors can reach)")
        if self.telegram_mode is TelegramMode.WEBHOOK and not self.public_url:
            raise ValueError("TELEGRAM_MODE=webhook needs PUBLIC_URL (the address Telegram can reach)")
        if self.hosting is HostingKind.S3 and not self.s3_bucket:
            raise ValueError("HOSTING=s3 needs S3_BUCKET")
        if self.vendor_concurrency_min > self.vendor_concurrency:
            raise ValueError("VENDOR_CONCURRENCY_MIN must not exceed VENDOR_CONCURRENCY (the limit it starts at)")
        return self

    @property
    def vendor_concurrency_ceiling(self) -> int:
        """VENDOR_CONCURRENCY_MAX, never below the start value VENDOR_CONCURRENCY."""
        return max(self.vendor_concurrency_max, self.vendor_concurrency)

    def _check_pairs(self) -> None:
        for first, second in (("accuauth_api_id", "accuauth_api_secret"), ("s3_access_key_id", "s3_secret_access_key")):
            if (getattr(self, first) is None) != (getattr(self, second) is None):
                raise ValueError(f"{first.upper()} and {second.upper()} go together: set both, or neither")

    def _choose_editors(self) -> None:
        """An editor named explicitly must be configured; unset, the configured one is chosen."""
        configured = {
            Vendor.AILAB: self.ailab_api_key is not None,
            Vendor.ACEDATA: self.acedata_api_token is not None,
        }
        for name in ("age_vendor", "gender_vendor"):
            chosen: Vendor = getattr(self, name)
            if name in self.model_fields_set:
                if not configured[chosen]:
                    key = "AILAB_API_KEY" if chosen is Vendor.AILAB else "ACEDATA_API_TOKEN"
                    raise ValueError(
                        f"{name.upper()}={chosen.value} names an editor without keys: set {key}, "
                        f"or leave {name.upper()} empty to use the configured editor"
                    )
            elif not configured[chosen] and configured[Vendor.ACEDATA]:
                setattr(self, name, Vendor.ACEDATA)

    def cost_of(self, operation: str) -> int:
        return self.operation_costs.get(operation, 1)

    @property
    def payments_enabled(self) -> bool:
        return bool(self.star_packs)

    @property
    def acedata_enabled(self) -> bool:
        return self.acedata_api_token is not None

    @property
    def ailab_enabled(self) -> bool:
        return self.ailab_api_key is not None

    @property
    def accuauth_enabled(self) -> bool:
        return self.accuauth_api_id is not None and self.accuauth_api_secret is not None


_REQUIRED_HINTS = {
    "telegram_bot_token": "required: the bot token from @BotFather, like 123456:ABC-DEF...; put it in .env",
}


def describe_validation_error(error: ValidationError) -> str:
    """One line naming each bad variable and what it expects; never the (possibly secret) value."""
    return validation_problems(error)[1]


def validation_problems(error: ValidationError) -> tuple[list[str], str]:
    """(the variables at fault, one line saying what each expects); never the (possibly secret) value."""
    names: list[str] = []
    parts = []
    known = {name.upper() for name in Settings.model_fields}
    for item in error.errors(include_input=False, include_url=False):
        name = "_".join(str(part) for part in item["loc"]).upper()
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing":
            parts.append(f"{name} is {_REQUIRED_HINTS.get(name.lower(), 'required')}")
        elif name:
            parts.append(f"{name}: {message}")
        else:  # a rule across settings: the message names them
            parts.append(message)
            name = next((word for word in re.findall(r"[A-Z][A-Z0-9_]+", message) if word in known), "")
        if name and name not in names:
            names.append(name)
    return names, "; ".join(parts)


def secret_values(settings: Settings) -> list[str]:
    """Every secret's plain value, for the log scrubber."""
    values = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            values.append(value.get_secret_value())
    token = settings.telegram_bot_token.get_secret_value()
    values.append(token.split(":", 1)[-1])  # the secret half of the token, in case it is logged alone
    return values
