"""``faceshift check`` against the fakes: everything passes on a good deployment, and each failure is named."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections import namedtuple
from pathlib import Path

import httpx
import pytest

from bot.app import doctor
from bot.app.doctor import Finding, Status
from bot.settings import Settings
from tests.fakes.telegram import FakeTelegram, WebhookState
from tests.fakes.vendors import FakeVendors
from tests.support.bot import TOKEN, make_settings, running_bot, settings_env

UNREACHABLE = "http://127.0.0.1:9"


async def check(settings: Settings) -> tuple[list[Finding], dict[str, list[Finding]]]:
    lines: list[str] = []
    findings = await doctor.run_checks(settings, out=lines.append)
    assert lines == [f.line for f in findings]  # printed as found, one line each
    by_name: dict[str, list[Finding]] = {}
    for finding in findings:
        by_name.setdefault(finding.name, []).append(finding)
    return findings, by_name


def statuses(findings: list[Finding]) -> dict[str, set[Status]]:
    out: dict[str, set[Status]] = {}
    for finding in findings:
        out.setdefault(finding.name, set()).add(finding.status)
    return out


def only(by_name: dict[str, list[Finding]], name: str) -> Finding:
    [finding] = by_name[name]
    return finding


async def test_a_good_webhook_deployment_passes(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, telegram_mode="webhook")
    async with running_bot(tg, settings):
        findings, by_name = await check(settings)
    assert doctor.exit_code(findings) == 0, "\n".join(f.line for f in findings)
    assert statuses(findings) == {
        "settings": {Status.PASS},
        "operations": {Status.PASS},
        "telegram": {Status.PASS},
        "webhook": {Status.PASS},
        # A key the vendor lets through cannot be proven to pay without a paid call: a warning, not a failure.
        "AILabTools key": {Status.WARN},
        "Ace Data Cloud key": {Status.WARN},
        "AccuAuth key": {Status.WARN},
        "public URL": {Status.WARN},  # reached; but the fakes' address is http, and Ace expects https
        "database": {Status.PASS},
        "disk": {Status.PASS},
    }
    assert "@faceshift_bot" in only(by_name, "telegram").detail
    assert "as configured; 0 update(s) waiting" in only(by_name, "webhook").detail
    assert "cannot be proven without a paid call" in only(by_name, "AILabTools key").detail
    assert "answered by the running bot" in only(by_name, "public URL").detail
    assert "not https" in only(by_name, "public URL").detail
    assert "integrity_check ok" in only(by_name, "database").detail
    # Nothing paid was asked of any vendor: no photo went out.
    assert vendors.ailab.edits == [] and vendors.acedata.requests_to("/face/swap") == []
    text = "\n".join(f.line for f in findings)
    assert TOKEN.split(":")[1] not in text and str(tg.webhook.secret_token) not in text
    assert settings.telegram_bot_token.get_secret_value() not in text


async def test_before_the_first_start_the_check_answers_its_own_probe(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors)  # polling, builtin hosting: PUBLIC_URL is set
    findings, by_name = await check(settings)
    assert doctor.exit_code(findings) == 0, "\n".join(f.line for f in findings)
    assert "answered by this check (the bot is not running)" in only(by_name, "public URL").detail
    assert "none set (polling mode)" in only(by_name, "webhook").detail
    assert "none yet" in only(by_name, "database").detail
    assert not list((settings.media_dir / ".reach").iterdir())  # the probe was used up


async def test_without_a_public_url_there_is_nothing_to_reach(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, public_url=None, hosting="acedata")
    _, by_name = await check(settings)
    public = only(by_name, "public URL")
    assert public.status is Status.PASS and "PUBLIC_URL unset" in public.detail


# -- each failure, named --------------------------------------------------------------------------------------


async def test_a_token_telegram_rejects(vendors: FakeVendors, tmp_path: Path) -> None:
    async with FakeTelegram.running(token="999:someone-else") as other:
        settings = make_settings(other, tmp_path, vendors, telegram_bot_token=TOKEN)
        findings, by_name = await check(settings)
    telegram = only(by_name, "telegram")
    assert telegram.status is Status.FAIL and "rejected the bot token" in telegram.detail
    assert "@BotFather" in telegram.fix
    assert "webhook" not in by_name  # not asked with a token that does not work
    assert doctor.exit_code(findings) == 1


async def test_telegram_unreachable(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, telegram_api_url=UNREACHABLE)
    _, by_name = await check(settings)
    assert only(by_name, "telegram").status is Status.FAIL
    assert "cannot reach the Bot API" in only(by_name, "telegram").detail


async def test_a_webhook_set_elsewhere(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    tg.webhook = WebhookState(url="https://elsewhere.example/telegram/" + "x" * 32)
    webhook_mode = make_settings(tg, tmp_path, vendors, telegram_mode="webhook")
    _, by_name = await check(webhook_mode)
    webhook = only(by_name, "webhook")
    assert webhook.status is Status.FAIL and "not to this PUBLIC_URL" in webhook.detail
    assert "x" * 32 not in webhook.detail  # the secret path is shortened
    polling = make_settings(tg, tmp_path / "p", vendors)
    _, by_name = await check(polling)
    assert only(by_name, "webhook").status is Status.WARN and "TELEGRAM_MODE=polling" in only(by_name, "webhook").detail


async def test_no_webhook_in_webhook_mode(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, telegram_mode="webhook")
    _, by_name = await check(settings)  # the bot never ran: nothing set the webhook
    assert only(by_name, "webhook").status is Status.FAIL and "none is set" in only(by_name, "webhook").detail


async def test_telegrams_last_delivery_error_is_reported(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path, vendors, telegram_mode="webhook")
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        tg.webhook.url += "-wrong"  # deliveries now get 404 from the bot
        await alice.send_text(alice, "/start")
        await tg.wait_until(
            lambda: any(status == 404 for _, status in tg.webhook_deliveries), timeout=10, what="a failed delivery"
        )
        _, by_name = await check(settings)
    deliveries = only(by_name, "webhook deliveries")
    assert deliveries.status is Status.WARN and "Wrong response from the webhook: 404" in deliveries.detail


@pytest.mark.parametrize("vendor", ["ailab", "acedata", "accuauth"])
async def test_a_key_the_vendor_refuses(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, vendor: str) -> None:
    if vendor == "ailab":
        vendors.ailab.api_key = "another-key"
    elif vendor == "acedata":
        vendors.acedata.token = "another-token"
    else:
        vendors.accuauth.api_secret = "another-secret"
    findings, by_name = await check(make_settings(tg, tmp_path, vendors))
    name = {"ailab": "AILabTools key", "acedata": "Ace Data Cloud key", "accuauth": "AccuAuth key"}[vendor]
    refused = only(by_name, name)
    assert refused.status is Status.FAIL and refused.detail.startswith("refused: a request without a photo got 401")
    assert doctor.exit_code(findings) == 1
    others = {n for n in ("AILabTools key", "Ace Data Cloud key", "AccuAuth key") if n != name}
    assert all(only(by_name, n).status is Status.WARN for n in others)


async def test_a_vendor_that_cannot_be_reached(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    _, by_name = await check(make_settings(tg, tmp_path, vendors, ailab_api_url=UNREACHABLE))
    key = only(by_name, "AILabTools key")
    assert key.status is Status.FAIL and "no verdict from http://127.0.0.1:9" in key.detail


async def test_a_public_url_that_leads_elsewhere(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors, public_url=vendors.ailab.base_url)
    _, by_name = await check(settings)
    public = only(by_name, "public URL")
    assert public.status is Status.FAIL and "not this bot's one-time probe" in public.detail
    assert "/healthz/*" in public.fix
    unreachable = make_settings(tg, tmp_path / "u", vendors, public_url=UNREACHABLE)
    _, by_name = await check(unreachable)
    assert only(by_name, "public URL").status is Status.FAIL
    assert "cannot be reached from here" in only(by_name, "public URL").detail


async def test_webhooks_need_https_from_telegram(tg: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(
        tg,
        tmp_path,
        telegram_mode="webhook",
        telegram_api_url="https://api.telegram.org",
        public_url="http://bot.example.com",
    )
    async with httpx.AsyncClient() as http:
        finding = await doctor._public_url(http, settings)  # the rule alone: no call to the real Telegram
    assert finding.status is Status.FAIL and "not https" in finding.detail


async def test_a_damaged_database(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    settings = make_settings(tg, tmp_path, vendors)
    async with running_bot(tg, settings):
        pass  # creates the database
    data = bytearray(settings.database_path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # everything after the header page's first bytes
    settings.database_path.write_bytes(bytes(data))
    _, by_name = await check(settings)
    database = only(by_name, "database")
    assert database.status is Status.FAIL and "restore the latest backup" in database.fix


async def test_little_disk_space(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 50 * 2**20, 50 * 2**20))
    _, by_name = await check(make_settings(tg, tmp_path, vendors))
    [disk] = by_name["disk"]
    assert disk.status is Status.FAIL and disk.detail.startswith("50 MB free for DATABASE_PATH, MEDIA_DIR, RESULTS_DIR")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
async def test_a_folder_this_user_cannot_write(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    _, by_name = await check(make_settings(tg, tmp_path, vendors, results_dir=locked / "results"))
    assert any(f.status is Status.FAIL and "(RESULTS_DIR) cannot be written" in f.detail for f in by_name["disk"])


async def test_no_editor(tg: FakeTelegram, tmp_path: Path) -> None:
    _, by_name = await check(make_settings(tg, tmp_path))
    assert only(by_name, "operations").status is Status.FAIL


# -- the command ----------------------------------------------------------------------------------------------


async def run_check(settings: Settings, cwd: Path) -> tuple[int, str, str]:
    names = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in names} | settings_env(settings)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "check",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@pytest.mark.slow
async def test_the_check_command_exit_codes(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    good = make_settings(tg, tmp_path, vendors)
    code, out, err = await run_check(good, tmp_path)
    assert code == 0, out + err
    assert err == "" and all(line.split("  ", 1)[0] in ("PASS", "WARN") for line in out.splitlines())
    vendors.ailab.api_key = "another-key"
    code, out, err = await run_check(good, tmp_path)
    assert code == 1 and "FAIL  AILabTools key: refused" in out
