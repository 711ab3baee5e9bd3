"""The dependency directions the README states, checked on every import statement of the product
(inside functions and ``TYPE_CHECKING`` blocks too):

    bot.app (composition root) -> handlers -> bot -> storage

``storage`` imports nothing of the rest; ``bot`` (but ``bot.app``) never imports ``handlers`` or ``bot.app``;
``handlers`` never imports ``bot.app``; nothing imports ``bot.app`` but ``bot.app`` itself and ``bot.__main__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage")


def layer(module: str) -> str:
    if module == "bot.__main__" or module == "bot.app" or module.startswith("bot.app."):
        return "app"
    return module.split(".")[0]


# layer -> the layers it may import
ALLOWED = {
    "app": {"app", "handlers", "bot", "storage"},
    "handlers": {"handlers", "bot", "storage"},
    "bot": {"bot", "storage"},
    "storage": {"storage"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(target)
            found.extend(f"{target}.{alias.name}" for alias in node.names)  # `from bot import app`
    return [name for name in found if name.split(".")[0] in PACKAGES]


def violations(source: str, module: str, *, is_package: bool = False) -> list[str]:
    own = layer(module)
    bad = []
    for target in imported_modules(source, module, is_package=is_package):
        if target.split(".")[0] == "bot" and target.count(".") >= 1 and not _is_module(target):
            target = target.rsplit(".", 1)[0]  # `from bot.x import Name`: the module is bot.x
        if layer(target) not in ALLOWED[own]:
            bad.append(f"{module} imports {target} ({own} -> {layer(target)})")
    return sorted(set(bad))


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def product_files() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_every_import_follows_the_layers() -> None:
    problems = []
    for path in product_files():
        module = module_name(path)
        problems += violations(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")
    assert problems == []


def test_the_check_sees_each_kind_of_wrong_direction() -> None:
    assert violations("import handlers\n", "bot.jobs.runner") == ["bot.jobs.runner imports handlers (bot -> handlers)"]
    assert violations("from bot.app.compose import create_services\n", "handlers.menu") == [
        "handlers.menu imports bot.app.compose (handlers -> app)"
    ]
    assert violations("from bot import app\n", "bot.settings") == ["bot.settings imports bot.app (bot -> app)"]
    assert violations("def f():\n    from bot.settings import Settings\n", "storage.jobs") == [
        "storage.jobs imports bot.settings (storage -> bot)"
    ]
    assert violations("from ..app import runtime\n", "bot.web.server") == [
        "bot.web.server imports bot.app (bot -> app)",
        "bot.web.server imports bot.app.runtime (bot -> app)",
    ]
    assert violations("import handlers\nfrom storage import Database\n", "bot.app.compose") == []


def test_the_readme_states_the_same_directions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bot.app (composition root) -> handlers -> bot -> storage" in readme


# ---- the tests' own direction: test modules share code through tests/support and tests/fakes only ------------

TEST_ROOTS = ("tests", "bench")


def imported_test_modules(source: str) -> list[str]:
    """The ``tests.test_*`` modules that ``source`` imports (``from tests import test_x`` included)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted({".".join(name.split(".")[:2]) for name in found if name.startswith("tests.test_")})


def test_no_test_module_imports_another() -> None:
    problems = [
        f"{path.relative_to(ROOT)} imports {module}"
        for root in TEST_ROOTS
        for path in sorted((ROOT / root).rglob("*.py"))
        for module in imported_test_modules(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "shared test code belongs in tests/support (or tests/fakes)"


def test_the_test_import_check_sees_each_form() -> None:
    conversation, faults = "tests.test_conversation", "tests.test_faults"
    assert imported_test_modules(f"from {conversation} import FACE\n") == [conversation]
    assert imported_test_modules(f"import {faults} as faults\n") == [faults]
    assert imported_test_modules("from tests import test_faults, support\n") == [faults]
    assert imported_test_modules(f"def f():\n    from {faults}_sigterm import finals\n") == [f"{faults}_sigterm"]
    assert imported_test_modules("from tests.support.conversation import buttons\nimport tests.fakes\n") == []
