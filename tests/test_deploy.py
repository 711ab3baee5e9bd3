"""The deployment files, checked as far as this machine allows (no Docker daemon, no network): compose.yaml
against the compose-spec JSON schema (check-jsonschema's vendored copy) and for what it must say, the Caddyfile
against the bot's routes, the Dockerfile, .dockerignore and the lock file, and the README's commands."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.providers.swap_callbacks import CALLBACK_PATH
from bot.settings import Settings
from bot.web.dashboard import PREFIX as DASHBOARD_PREFIX
from bot.web.webhook import webhook_path
from tests.support.bot import TOKEN

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def compose() -> dict[str, Any]:
    data = YAML(typ="safe").load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_compose_file_matches_the_compose_spec_schema() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(ROOT / "compose.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_proxy_is_published() -> None:
    services = compose()["services"]
    assert set(services) == {"faceshift", "caddy"}
    for port in services["faceshift"].get("ports", []):
        assert str(port).startswith("127.0.0.1:"), port  # metrics for this machine only
    assert {str(p).split(":")[0] for p in services["caddy"]["ports"]} == {"80", "443"}
    assert re.fullmatch(r"caddy:\d+\.\d+\.\d+(-alpine)?", services["caddy"]["image"]), "pin the proxy's version"


def test_compose_keeps_the_images_paths_and_outlives_the_grace() -> None:
    faceshift = compose()["services"]["faceshift"]
    environment = faceshift["environment"]
    for name in ("DATABASE_PATH", "MEDIA_DIR", "RESULTS_DIR"):
        assert str(environment[name]).startswith("/data/"), name  # on the volume, whatever .env says
    assert environment["WEB_HOST"] == "0.0.0.0"
    assert any(str(v).endswith(":/data") for v in faceshift["volumes"])
    grace = Settings.model_fields["shutdown_grace"].default
    assert int(str(faceshift["stop_grace_period"]).removesuffix("s")) > grace


def caddy_routes() -> set[str]:
    text = (ROOT / "Caddyfile").read_text(encoding="utf-8")
    [matcher] = re.findall(r"^\s*@faceshift path (.+)$", text, flags=re.MULTILINE)
    return set(matcher.split())


def test_the_proxy_passes_on_exactly_the_bots_public_routes() -> None:
    text = (ROOT / "Caddyfile").read_text(encoding="utf-8")
    assert caddy_routes() == {"/telegram/*", "/media/*", "/callbacks/*", "/healthz", "/healthz/*", "/admin", "/admin/*"}
    assert webhook_path(TOKEN).startswith("/telegram/") and CALLBACK_PATH.startswith("/callbacks/")
    assert DASHBOARD_PREFIX == "/admin"  # the Mini App (its API authenticates every call itself)
    web_port = compose()["services"]["faceshift"]["environment"]["WEB_PORT"]
    assert f"reverse_proxy faceshift:{web_port}" in text
    assert re.search(r"handle \{\s*respond \"Not Found\" 404\s*\}", text), "everything else, /metrics too, is 404"
    assert "{$PUBLIC_URL}" in text and "PUBLIC_URL" in compose()["services"]["caddy"]["environment"]
    assert not re.search(r"^\s*log\b", text, flags=re.MULTILINE), "no access log: paths carry tokens"


def test_the_dockerfile_installs_the_lock_before_the_source() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11\.\d+-slim-bookworm$", text, flags=re.MULTILINE), "pin the base image"
    lock_at = text.index("COPY requirements.lock")
    assert (
        lock_at < text.index("RUN pip install --require-hashes --no-deps -r requirements.lock") < text.index("COPY bot")
    )
    assert "pip install --no-deps" in text[text.index("COPY bot") :]


def test_the_build_context_leaves_out_secrets_and_bulk() -> None:
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules[0] == "*", "an allow-list: everything is left out unless named"
    allowed = {rule[1:] for rule in rules if rule.startswith("!")}
    assert allowed == {"requirements.lock", "pyproject.toml", "README.md", "bot", "handlers", "storage"}
    assert not {".env", ".venv", "data", ".git"} & allowed


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {m.group(1).lower().replace("_", "-") for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.MULTILINE)}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")
        assert name in {p.replace(".", "-") for p in pinned}, f"{name} is not in requirements.lock"
    assert "setuptools" in pinned  # the Dockerfile builds the project without fetching anything unpinned
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_readme_commands_and_the_domain_section() -> None:
    assert "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/faceshift" in README
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest" in README
    assert "## Deploy with a domain" in README
    section = README.split("## Deploy with a domain", 1)[1].split("\n## ", 1)[0]
    for needed in ("docker compose up -d", "PUBLIC_URL=https://", "TELEGRAM_MODE=webhook", "faceshift check"):
        assert needed in section, needed
    stops = re.findall(r"--stop-timeout (\d+)", README)
    assert stops and all(int(stop) > Settings.model_fields["shutdown_grace"].default for stop in stops)
    assert "faceshift-backup" not in README  # one command now: faceshift backup
