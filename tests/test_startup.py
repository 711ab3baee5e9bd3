"""Start-up as an operator meets it: the README path with the example .env, empty values, and every start-up
failure as a real process, with its one line and its exit code (2: change a setting; 1: the world failed)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.app.startup import describe, make_plan
from bot.operations import Operation
from bot.settings import HostingKind, Settings, Vendor
from tests.fakes.server import serve
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vendors import AILAB_KEY, FakeVendors
from tests.support.bot import TOKEN, free_port
from tests.support.images import DATA

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / ".env.example"
FACE = (DATA / "astronaut.jpg").read_bytes()
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there


def clean_env(**extra: str) -> dict[str, str]:
    """Our environment without any FaceShift setting (they come from the test's .env), plus ``extra``."""
    names = {name.upper() for name in Settings.model_fields}
    return {k: v for k, v in os.environ.items() if k.upper() not in names} | extra


def example_env(directory: Path, *lines: str) -> Path:
    """``.env.example`` copied as ``directory/.env``, the given lines appended (as an operator fills it in)."""
    directory.mkdir(parents=True, exist_ok=True)
    env = directory / ".env"
    env.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return env


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def failure_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("faceshift:")]


async def run_bot(cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Outcome:
    """``python -m bot`` in ``cwd`` until it exits by itself (a start-up failure)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env or clean_env(),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return Outcome(process.returncode, out.decode(), err.decode())


def assert_one_line(outcome: Outcome, code: int, setting: str) -> str:
    """The process failed with ``code`` and one ``faceshift: <what> (<setting>): <fix>`` line, no traceback."""
    assert outcome.code == code, outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout, outcome.stderr
    [line] = outcome.failure_lines
    assert f"({setting})" in line or f"({setting}," in line or f", {setting})" in line, line
    assert outcome.stderr.rstrip().endswith(line), "the failure is the last thing said"
    return line


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


# -- the README path ------------------------------------------------------------------------------------------


async def test_the_example_env_with_a_token_and_a_key_starts_the_bot(
    tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path
) -> None:
    """``cp .env.example .env``, fill in a token and one vendor key: the bot starts, offers what AILab can do and
    nothing else (the empty Ace and AccuAuth keys are unset), and stops cleanly on SIGTERM."""
    web_port = free_port()
    example_env(
        tmp_path,
        f"TELEGRAM_BOT_TOKEN={TOKEN}",
        f"TELEGRAM_API_URL={tg.base_url}",
        f"AILAB_API_KEY={AILAB_KEY}",
        f"AILAB_API_URL={vendors.ailab.base_url}",
        f"WEB_PORT={web_port}",  # commented out in the example; set here so parallel tests do not collide
        "METRICS_PORT=0",
    )
    alice = tg.user(1001, "Alice")
    log = tmp_path / "bot.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=clean_env(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=sink,
            stderr=sink,
        )
    try:
        exited = asyncio.ensure_future(process.wait())
        await tg.wait_until(lambda: tg.poll_count > 0 or exited.done(), timeout=30, what="the bot to poll")
        assert process.returncode is None, log.read_text()
        await alice.send_photo(alice, FACE)
        menu = await tg.wait_for_bot_message(alice, timeout=15)
        buttons = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
        assert len(buttons) == 3 and not any("Swap faces" in b or "Detect" in b for b in buttons), buttons
        await alice.send_text(alice, "/privacy")
        privacy = await tg.wait_for_bot_message(alice, predicate=lambda m: "AILabTools" in m.get("text", ""))
        assert "Ace Data Cloud" not in privacy["text"] and "AccuAuth" not in privacy["text"]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
    text = log.read_text()
    assert code == 0, text
    assert "Traceback" not in text and "configuration error" not in text
    assert "AILabTools on; Ace Data Cloud off (ACEDATA_API_TOKEN unset)" in text  # the start-up block
    assert "older, younger, swap gender by AILabTools; off: swap faces, detect gender" in text
    assert f"http://127.0.0.1:{web_port}" in text
    assert (tmp_path / "data" / "faceshift.sqlite3").is_file()  # the default path, relative to the directory


async def test_the_example_env_with_telegram_unreachable_ends_in_one_line(tmp_path: Path) -> None:
    """The check run before every stop: the example .env plus three lines, Telegram unreachable."""
    example_env(
        tmp_path,
        "TELEGRAM_BOT_TOKEN=123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789",
        "TELEGRAM_API_URL=http://127.0.0.1:9",
        "AILAB_API_KEY=example-key",
    )
    outcome = await run_bot(tmp_path)
    assert "configuration error" not in outcome.stderr + outcome.stdout
    line = assert_one_line(outcome, 1, "TELEGRAM_API_URL")
    assert "cannot reach the Bot API at http://127.0.0.1:9" in line
    assert "FaceShift" in outcome.stderr and "AILabTools on" in outcome.stderr  # the block came first


def test_empty_values_mean_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nAILAB_API_KEY=k\nACEDATA_API_TOKEN=\nACCUAUTH_API_ID=\nACCUAUTH_API_SECRET=\n"
        "HOSTING=\nPUBLIC_URL=\nAGE_VENDOR=\nGENDER_VENDOR=\nS3_BUCKET=\nFREE_DAILY_QUOTA=\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VENDOR_TIMEOUT", "")  # empty in the environment: unset too
    settings = Settings()
    assert settings.acedata_api_token is None and not settings.accuauth_enabled
    assert settings.hosting is None and settings.public_url is None and settings.s3_bucket is None
    assert (settings.age_vendor, settings.free_daily_quota, settings.vendor_timeout) == (Vendor.AILAB, 5, 60.0)
    plan = make_plan(settings)
    assert plan.configured == {Vendor.AILAB}
    assert plan.offered == [Operation.OLDER, Operation.YOUNGER, Operation.SWAP_GENDER]


def test_an_unset_editor_choice_follows_the_configured_editor(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, telegram_bot_token=TOKEN, acedata_api_token="ace-secret-value")
    assert (settings.age_vendor, settings.gender_vendor, settings.hosting) == (
        Vendor.ACEDATA,
        Vendor.ACEDATA,
        HostingKind.ACEDATA,
    )
    block = describe(settings, make_plan(settings))
    assert "older, younger, swap gender, swap faces by Ace Data Cloud; off: detect gender" in block
    assert "7 days" in block  # the privacy cost is said at start-up
    assert "ace-secret-value" not in block


# -- refusals before anything starts ------------------------------------------------------------------------


async def test_no_editor_configured_refuses_to_start_in_one_line(tmp_path: Path) -> None:
    env = clean_env(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=UNREACHABLE, ACCUAUTH_API_ID="i", ACCUAUTH_API_SECRET="s"
    )  # AccuAuth only detects gender: no editor
    outcome = await run_bot(tmp_path, env=env)
    line = assert_one_line(outcome, 2, "AILAB_API_KEY, ACEDATA_API_TOKEN")
    assert outcome.stderr.strip() == line  # refused before anything else: not even Telegram was asked
    assert "set AILAB_API_KEY or ACEDATA_API_TOKEN" in line


async def test_malformed_settings_are_refused_in_one_line(tmp_path: Path) -> None:
    env = clean_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        AILAB_API_KEY="k",
        AILAB_QUALITY_CONTROL="bogus",
        AGE_VENDOR="accuauth",
        VENDOR_TIMEOUT="-5",
    )
    outcome = await run_bot(tmp_path, env=env)
    assert outcome.code == 2 and "Traceback" not in outcome.stderr
    [line] = outcome.stderr.strip().splitlines()
    assert line.startswith("faceshift: configuration error (")
    for name in ("AILAB_QUALITY_CONTROL", "AGE_VENDOR", "VENDOR_TIMEOUT"):
        assert name in line
    assert "AccuAuth only detects gender" in line


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"GENDER_VENDOR": "acedata"}, "GENDER_VENDOR"),  # named, but Ace has no token
        ({"HOSTING": "acedata"}, "HOSTING"),
        ({"ACCUAUTH_API_ID": "only-the-id"}, "ACCUAUTH_API_ID"),
        ({"PUBLIC_URL": "bot.example.com"}, "PUBLIC_URL"),
        ({"PUBLIC_URL": "https://example.com/bot"}, "PUBLIC_URL"),
        ({"METRICS_PORT": "8080", "WEB_PORT": "8080"}, "METRICS_PORT"),
        ({"TELEGRAM_BOT_TOKEN": "bot123:abc"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_MODE": "webhooks"}, "TELEGRAM_MODE"),
        ({"VENDOR_CONCURRENCY": "0"}, "VENDOR_CONCURRENCY"),
    ],
)
def test_every_setting_is_validated(values: dict[str, str], named: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from bot.settings import validation_problems

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("AILAB_API_KEY", "k")
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None)
    names, message = validation_problems(refused.value)
    assert named in names, message
    assert "bot123:abc" not in message  # the value is never echoed


# -- the world and the settings, as real processes ----------------------------------------------------------


def bot_env(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, **values: str) -> dict[str, str]:
    return clean_env(
        **{
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": tg.base_url,
            "AILAB_API_KEY": AILAB_KEY,
            "AILAB_API_URL": vendors.ailab.base_url,
            "DATABASE_PATH": str(tmp_path / "faceshift.sqlite3"),
            "MEDIA_DIR": str(tmp_path / "media"),
            "RESULTS_DIR": str(tmp_path / "results"),
            "WEB_PORT": str(free_port()),
            "METRICS_PORT": "0",
            **values,
        }
    )


async def test_web_port_taken(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, held_port: int) -> None:
    outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, WEB_PORT=str(held_port)))
    line = assert_one_line(outcome, 1, "WEB_PORT")
    assert f"cannot listen on 127.0.0.1:{held_port}" in line and "in use" in line


async def test_metrics_port_taken(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, held_port: int) -> None:
    outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, METRICS_PORT=str(held_port)))
    assert_one_line(outcome, 1, "METRICS_PORT")


async def test_web_host_not_of_this_machine(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, WEB_HOST="192.0.2.1"))
    assert_one_line(outcome, 2, "WEB_HOST")


@pytest.mark.parametrize("shape", ["parent is a file", "a directory"])
async def test_unusable_database_path(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path, shape: str) -> None:
    (tmp_path / "file").write_text("not a folder")
    (tmp_path / "folder").mkdir()
    path = tmp_path / "file" / "db.sqlite3" if shape == "parent is a file" else tmp_path / "folder"
    outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, DATABASE_PATH=str(path)))
    line = assert_one_line(outcome, 2, "DATABASE_PATH")
    assert f"cannot open the database at {path}" in line


async def test_unusable_results_dir(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, RESULTS_DIR=str(tmp_path / "file" / "r")))
    assert_one_line(outcome, 2, "RESULTS_DIR")


async def test_telegram_unreachable(vendors: FakeVendors, tmp_path: Path) -> None:
    async with FakeTelegram.running(token=TOKEN) as tg:
        env = bot_env(tg, vendors, tmp_path, TELEGRAM_API_URL=UNREACHABLE)
    outcome = await run_bot(tmp_path, env=env)
    assert_one_line(outcome, 1, "TELEGRAM_API_URL")


async def test_a_url_that_is_not_a_bot_api_server(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    """A web server answering 404 with an HTML page: not called a wrong token, and no JSON-decode traceback."""

    async def page(request: Request) -> Response:
        return HTMLResponse("<html><body>Not Found</body></html>", status_code=404)

    from starlette.applications import Starlette

    async with serve(Starlette(routes=[Route("/{path:path}", page)])) as url:
        outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path, TELEGRAM_API_URL=url))
    line = assert_one_line(outcome, 2, "TELEGRAM_API_URL")
    assert "is not a Bot API server (HTTP 404" in line
    assert "TELEGRAM_BOT_TOKEN" not in outcome.stderr


async def test_a_token_telegram_rejects(vendors: FakeVendors, tmp_path: Path) -> None:
    async with FakeTelegram.running(token="999:another-bot-entirely") as tg:
        outcome = await run_bot(tmp_path, env=bot_env(tg, vendors, tmp_path))
    line = assert_one_line(outcome, 2, "TELEGRAM_BOT_TOKEN")
    assert "Telegram rejected the bot token" in line
    assert TOKEN.split(":")[1] not in outcome.stderr


async def test_a_webhook_telegram_refuses(tg: FakeTelegram, vendors: FakeVendors, tmp_path: Path) -> None:
    port = free_port()
    tg.fail_next("setWebhook", status=400, description="Bad Request: bad webhook: An HTTPS URL must be provided")
    env = bot_env(
        tg, vendors, tmp_path, TELEGRAM_MODE="webhook", PUBLIC_URL=f"http://127.0.0.1:{port}", WEB_PORT=str(port)
    )
    outcome = await run_bot(tmp_path, env=env)
    line = assert_one_line(outcome, 2, "PUBLIC_URL")
    assert "Telegram refused the webhook" in line and "an https url must be provided" in line.lower()
