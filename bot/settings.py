"""Configuration, read once at start-up from the environment and an optional ``.env`` file.

Every setting is listed, with its default, in the README's configuration table and in ``.env.example``.
Secrets are ``SecretStr`` so that printing the settings (or a validation error) never shows them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal
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


def _int_list(value: object) -> object:
    """``"1, 2,3"`` -> ``[1, 2, 3]``; an empty string is an empty list."""
    if isinstance(value, str):
        return [int(part) for part in value.replace(" ", "").split(",") if part]
    return value


MAX_OPERATION_COST = 1000
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
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False)

    # Telegram
    telegram_bot_token: SecretStr
    telegram_api_url: str = "https://api.telegram.org"
    telegram_mode: TelegramMode = TelegramMode.POLLING
    webhook_drop_pending_updates: bool = False
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    allowed_chat_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    private_chats: bool = True

    # Storage and logs
    database_path: Path = Path("data/faceshift.sqlite3")
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"

    # Vendors (a vendor without credentials is simply not used)
    acedata_api_token: SecretStr | None = None
    acedata_api_url: str = "https://api.acedata.cloud"
    acedata_upload_url: str = "https://api.acedata.cloud/files/upload"
    ailab_api_key: SecretStr | None = None
    ailab_api_url: str = "https://www.ailabapi.com"
    ailab_quality_control: str = "NONE"
    accuauth_api_id: SecretStr | None = None
    accuauth_api_secret: SecretStr | None = None
    accuauth_api_url: str = "https://cloudapi.accuauth.in"

    # Which vendor serves which operation (the other one, if configured, is the fallback)
    age_vendor: Vendor = Vendor.AILAB
    gender_vendor: Vendor = Vendor.AILAB
    vendor_fallback: bool = True

    # Jobs and quota
    free_daily_quota: int = Field(default=5, ge=0)
    quota_timezone: str = "UTC"
    # JSON, e.g. {"swap_faces": 2}; an operation not named costs 1
    operation_costs: Annotated[dict[str, int], NoDecode] = Field(default_factory=dict)
    vendor_concurrency: int = Field(default=8, ge=1)
    one_job_per_person: bool = True
    swap_pair_ttl: float = Field(default=600.0, gt=0)
    # How often waits for a face photo are checked for expiry (their prompt then says so); a wait is never
    # honoured after swap_pair_ttl whatever this is, so it only bounds how late the prompt is updated.
    pairing_sweep_interval: float = Field(default=30.0, gt=0)
    album_wait: float = Field(default=1.5, gt=0)  # seconds to collect an album's photos before acting
    # A job this quick shows no status message, only its result; edits are at least this far apart.
    status_delay: float = Field(default=1.0, ge=0)
    results_dir: Path = Path("data/results")
    shutdown_grace: float = Field(default=20.0, ge=0)  # seconds running jobs get to finish on shutdown

    # Selling credits for Telegram Stars (no packs: payments off, and nothing about buying is shown)
    star_packs: Annotated[list[StarPack], NoDecode] = Field(default_factory=list)
    payments_reconcile_interval: float = Field(default=300.0, ge=10)  # seconds between reads of the Star transactions
    terms_text: str = ""  # the operator's terms of sale (/terms); empty: the catalogue's default text

    # Timeouts (seconds)
    vendor_timeout: float = 60.0
    swap_timeout: float = 180.0
    vendor_deadline: float = 240.0
    vendor_max_attempts: int = Field(default=3, ge=1, le=10)

    # Hosting photos for URL-based vendors, and the bot's web server
    hosting: HostingKind | None = None
    public_url: str | None = None
    media_ttl: float = Field(default=600.0, gt=0)
    media_dir: Path = Path("data/media")
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=0, le=65535)
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

    @field_validator("telegram_api_url", "acedata_api_url", "ailab_api_url", "accuauth_api_url", "public_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

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
    def _choose_hosting(self) -> Settings:
        """Default hosting: the bot's own server when it has a public URL, else Ace's upload endpoint."""
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
        return self

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
    "telegram_bot_token": "required: the bot token from @BotFather, like 123456:ABC-DEF...",
}


def describe_validation_error(error: ValidationError) -> str:
    """One line naming each bad variable and what it expects; never the (possibly secret) value."""
    parts = []
    for item in error.errors(include_input=False, include_url=False):
        name = "_".join(str(part) for part in item["loc"]).upper()
        if item["type"] == "missing":
            parts.append(f"{name} is {_REQUIRED_HINTS.get(name.lower(), 'required')}")
        elif name:
            parts.append(f"{name}: {item['msg']}")
        else:
            parts.append(str(item["msg"]).removeprefix("Value error, "))
    return "; ".join(parts)


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
