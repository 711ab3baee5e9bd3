"""The foundation end to end: the real bot, the fake Bot API over HTTP, SQLite on disk."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import JobContextFilter, JsonFormatter, RedactingFormatter, configure_logging, current_job
from bot.settings import secret_values
from storage.users import UsersRepository
from tests.fakes.telegram import FakeTelegram
from tests.support.bot import TOKEN, make_settings, running_bot

ROOT = Path(__file__).resolve().parent.parent


async def test_start_in_private_chat_answers_and_remembers_the_person(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice", username="Alice_W", language_code="en")
    async with running_bot(tg, make_settings(tg, tmp_path)) as bot:
        await alice.send_text(alice, "/start")
        reply = await tg.wait_for_bot_message(alice)  # "within a second" is measured in bench/bench_startup.py
        assert "Hi, Alice!" in reply["text"]
        assert "Older" in reply["text"] and "/privacy" in reply["text"]
        async with bot.database() as db:
            user = await UsersRepository(db).get(1001)
            assert user is not None
            assert (user.username, user.first_name, user.language_code) == ("alice_w", "Alice", "en")
            assert await UsersRepository(db).find_by_username("@ALICE_W") == user


async def test_start_speaks_russian_to_russian_speakers(tg: FakeTelegram, tmp_path: Path) -> None:
    boris = tg.user(1002, "Борис", language_code="ru")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        await boris.send_text(boris, "/start")
        reply = await tg.wait_for_bot_message(boris)
        assert reply["text"].startswith("Привет, Борис!")


async def test_names_cannot_inject_markup(tg: FakeTelegram, tmp_path: Path) -> None:
    mallory = tg.user(1003, "<b>Mal</b> &", language_code="en")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        await mallory.send_text(mallory, "/start")
        reply = await tg.wait_for_bot_message(mallory)
        assert "Hi, <b>Mal</b> &!" in reply["text"]  # shown literally, not as bold
        assert not any(e["type"] == "bold" and e["offset"] == 4 for e in reply.get("entities", []))


async def test_group_start_addressed_to_this_bot_gets_group_help(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100500, "Friends")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        await alice.send_text(group, "/start@faceshift_bot")
        reply = await tg.wait_for_bot_message(group)
        assert "in a group" in reply["text"] and "/face" in reply["text"]
        assert reply["reply_to_message"]["text"] == "/start@faceshift_bot"


async def test_group_help_and_commands_for_other_bots(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100500, "Friends")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        await alice.send_text(group, "/help@otherbot")  # not even delivered (privacy mode)
        await alice.send_text(group, "/help")
        reply = await tg.wait_for_bot_message(group)
        assert reply["reply_to_message"]["text"] == "/help"
        await tg.assert_no_bot_message(group, within=0.3)


async def test_private_help(tg: FakeTelegram, tmp_path: Path) -> None:
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, make_settings(tg, tmp_path)):
        await alice.send_text(alice, "/help")
        reply = await tg.wait_for_bot_message(alice)
        assert "How to use FaceShift" in reply["text"]


async def test_command_menus_are_set_per_scope_and_language(tg: FakeTelegram, tmp_path: Path) -> None:
    async with running_bot(tg, make_settings(tg, tmp_path)):
        private = tg.commands[("all_private_chats", "")]
        group = tg.commands[("all_group_chats", "")]
        assert {c["command"] for c in private} >= {"start", "help", "quota", "cancel", "privacy"}
        assert {c["command"] for c in group} >= {"face", "older", "younger", "gender", "detect", "swap", "help"}
        assert tg.commands[("all_private_chats", "ru")][0]["description"].startswith("Начало")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


async def test_no_secret_in_any_log_line(
    tg: FakeTelegram, tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    """The bot's own logging set-up, at DEBUG, through a whole conversation: the token never shows."""
    settings = make_settings(tg, tmp_path, log_level="DEBUG")
    configure_logging(settings.log_level, secret_values(settings))
    alice = tg.user(1001, "Alice")
    async with running_bot(tg, settings):
        await alice.send_text(alice, "/start")
        await tg.wait_for_bot_message(alice)
    logged = capsys.readouterr().err
    assert "sendMessage" in logged, "the bot logged no API call: the check would prove nothing"
    assert TOKEN.split(":", 1)[1] not in logged


def test_the_log_formatter_scrubs_secrets_that_slip_through(restore_logging: None) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(message)s", [TOKEN, "vendor-key-123"]))
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    try:
        log.error("calling https://api/bot%s/getMe with %s", TOKEN, "vendor-key-123")
        try:
            raise RuntimeError(f"boom {TOKEN}")
        except RuntimeError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    text = stream.getvalue()
    assert "[secret]" in text
    assert TOKEN not in text and "vendor-key-123" not in text


def _run_bot_process(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ACEDATA_", "AILAB_", "ACCUAUTH_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        env=clean | env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_token_it_says_so_in_one_line(tmp_path: Path) -> None:
    result = _run_bot_process({}, tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_malformed_value_names_the_variable_and_hides_secrets(tmp_path: Path) -> None:
    result = _run_bot_process({"TELEGRAM_BOT_TOKEN": TOKEN, "ADMIN_IDS": "12,abc", "WEB_PORT": "99999"}, tmp_path)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "ADMIN_IDS" in line and "WEB_PORT" in line and "\n" not in line
    assert TOKEN.split(":")[1] not in result.stderr + result.stdout


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=\nWEB_PORT=70000\n", encoding="utf-8")
    result = _run_bot_process({}, tmp_path)
    assert "WEB_PORT" in result.stderr  # read from .env (and refused)


def test_job_log_lines_carry_the_job_id_in_text_and_json(restore_logging: None) -> None:
    stream = io.StringIO()
    text = RedactingFormatter("%(name)s%(job)s: %(message)s", [TOKEN])
    for formatter in (text, JsonFormatter("%(message)s", [TOKEN])):
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.addFilter(JobContextFilter())
        log = logging.getLogger("test.jobs")
        log.addHandler(handler)
        token = current_job.set("AbC123")
        try:
            log.warning("vendor answered with %s", TOKEN)
        finally:
            current_job.reset(token)
            log.removeHandler(handler)
    text_line, json_line = stream.getvalue().splitlines()
    assert text_line == "test.jobs [job AbC123]: vendor answered with [secret]"
    entry = json.loads(json_line)
    assert entry["job_id"] == "AbC123" and entry["message"] == "vendor answered with [secret]"
