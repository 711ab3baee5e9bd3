"""Entry point: ``faceshift`` or ``python -m bot``."""

from __future__ import annotations

import asyncio
import sys

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError

from bot.app import runtime
from bot.logs import configure_logging
from bot.settings import Settings, describe_validation_error, secret_values


def main() -> None:
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"faceshift: configuration error: {describe_validation_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None
    configure_logging(settings.log_level, secret_values(settings), settings.log_format)
    try:
        asyncio.run(runtime.run(settings))
    except InvalidToken:
        print("faceshift: Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)", file=sys.stderr)
        raise SystemExit(2) from None
    except NetworkError as error:
        print(f"faceshift: cannot reach the Bot API at TELEGRAM_API_URL: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
