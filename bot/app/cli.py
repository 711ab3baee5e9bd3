"""The ``faceshift`` command (also ``python -m bot``): run the bot, check a deployment, back up the database.

Settings come from the environment and a ``.env`` file in the working directory, for every subcommand.
Every failure the command can foresee is one line on stderr, ``faceshift: <what> (<setting>): <fix>``, with
exit code 2 for configuration (change a setting) and 1 for the world (the network, a port taken by another
program); ``faceshift check`` exits 1 when a check failed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError

from bot.app import doctor, runtime
from bot.app.startup import CONFIG, WORLD, StartupFailure, check_bot_api, describe, make_plan, require_editor, version
from bot.logs import configure_logging
from bot.settings import DatabaseSettings, Settings, secret_values, validation_problems
from storage.backup import backup

log = logging.getLogger("bot.app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faceshift",
        description="FaceShift, a Telegram bot that edits faces in photos. Settings come from the environment "
        "and a .env file in the working directory (see .env.example). Without a command: run the bot.",
    )
    parser.add_argument("--version", action="version", version=f"faceshift {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="run the bot (the default)", description="Run the bot until SIGTERM or Ctrl-C.")
    commands.add_parser(
        "check",
        help="check a deployment without charging anyone",
        description="Check a deployment without charging anyone: the bot token, the webhook, each vendor key, "
        "that PUBLIC_URL reaches this bot, the database and free disk space. One line per check; exit code 1 "
        "when a check failed, 2 when the settings are invalid.",
    )
    backup_parser = commands.add_parser(
        "backup",
        help="copy the database while the bot runs",
        description="Write a consistent copy of the database (DATABASE_PATH) while the bot runs. "
        "An existing file is never overwritten.",
    )
    backup_parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="where to write the copy (default: backups/faceshift-<date>-<time>.sqlite3 beside the database); "
        "a name starting with '-' goes after '--'",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    if command == "backup":
        code = _backup(args.path)
    elif command == "check":
        code = _check()
    else:
        code = _run()
    raise SystemExit(code)


def _fail(failure: StartupFailure) -> int:
    print(failure.line, file=sys.stderr)
    return failure.exit_code


def _settings() -> Settings | StartupFailure:
    try:
        return Settings()
    except ValidationError as error:
        names, message = validation_problems(error)
        return StartupFailure("configuration error", ", ".join(names) or "settings", message, exit_code=CONFIG)


# -- run ---------------------------------------------------------------------------------------------------


def _run() -> int:
    settings = _settings()
    if isinstance(settings, StartupFailure):
        return _fail(settings)
    plan = make_plan(settings)
    try:
        require_editor(plan)
    except StartupFailure as failure:
        return _fail(failure)
    configure_logging(settings.log_level, secret_values(settings), settings.log_format)
    log.info("%s", describe(settings, plan))
    try:
        asyncio.run(_serve(settings))
    except StartupFailure as failure:
        return _fail(failure)
    except InvalidToken:
        return _fail(
            StartupFailure(
                "Telegram rejected the bot token",
                "TELEGRAM_BOT_TOKEN",
                "copy the token again from @BotFather (/mybots, API Token); it may have been revoked",
                exit_code=CONFIG,
            )
        )
    except NetworkError as error:
        return _fail(
            StartupFailure(
                f"the Bot API failed while starting: {error.message}",
                "TELEGRAM_API_URL",
                "check this machine's network and the URL, then start again",
                exit_code=WORLD,
            )
        )
    except KeyboardInterrupt:
        pass
    return 0


async def _serve(settings: Settings) -> None:
    me = await check_bot_api(settings)
    log.info("the Bot API answers: this is @%s", me.get("username"))
    await runtime.run(settings)


# -- check -------------------------------------------------------------------------------------------------


def _check() -> int:
    settings = _settings()
    if isinstance(settings, StartupFailure):
        return _fail(settings)
    logging.basicConfig(level=logging.ERROR)  # the lines are the report; library chatter stays out of it
    findings = asyncio.run(doctor.run_checks(settings))
    return doctor.exit_code(findings)


# -- backup ------------------------------------------------------------------------------------------------


def _backup(path: Path | None) -> int:
    try:
        source = DatabaseSettings().database_path
    except ValidationError as error:
        names, message = validation_problems(error)
        return _fail(StartupFailure("configuration error", ", ".join(names), message, exit_code=CONFIG))
    if path is None:
        path = source.parent / "backups" / f"faceshift-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if not source.is_file():
        return _fail(
            StartupFailure(
                f"no database at {source}",
                "DATABASE_PATH",
                "run this where the bot runs (same .env and environment), or point DATABASE_PATH at its database",
                exit_code=CONFIG,
            )
        )
    try:
        backup(source, path)
    except FileExistsError:
        return _fail(
            StartupFailure(
                f"{path} already exists",
                "PATH",
                "choose another name: a backup never overwrites a file",
                exit_code=CONFIG,
            )
        )
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return _fail(
            StartupFailure(
                f"cannot write {path}: {reason}", "PATH", "choose a writable place with free space", exit_code=WORLD
            )
        )
    print(f"backed up {source} to {path} ({path.stat().st_size} bytes)")
    return 0
