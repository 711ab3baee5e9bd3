"""The README's configuration table and .env.example list every setting, and nothing that is not one."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _settings() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_cells = [line.split("|")[1] for line in readme.splitlines() if line.startswith("| `")]
    table = {m for cell in first_cells for m in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    assert _settings() - table == set(), "settings missing from the README table"
    assert table - _settings() == set(), "README lists settings that do not exist"


def test_every_setting_is_in_env_example() -> None:
    """Set, or commented out (``# NAME=default``: the paths and listen addresses a Docker image sets)."""
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^(?:# )?([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert _settings() - names == set(), "settings missing from .env.example"
    assert names - _settings() == set(), ".env.example lists settings that do not exist"


def test_env_example_holds_no_secret_values() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "ACEDATA_API_TOKEN",
        "AILAB_API_KEY",
        "ACCUAUTH_API_SECRET",
        "S3_SECRET_ACCESS_KEY",
    ):
        assert re.search(rf"^{name}=$", example, flags=re.MULTILINE), name
