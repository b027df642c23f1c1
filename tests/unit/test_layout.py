"""The layout's promises, checked on the source: which package may import what, and tests that stand alone."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOT, TESTS = ROOT / "bot", ROOT / "tests"


def imported_modules(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, at any depth of the file (late imports included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_the_core_imports_neither_telegram_nor_the_database_nor_the_rest_of_the_bot() -> None:
    for path in sources(BOT / "core"):
        for module in imported_modules(path):
            assert not module.startswith(("telegram", "sqlalchemy")), (path, module)
            assert not module.startswith("bot.") or module.startswith("bot.core"), (path, module)


def test_the_store_never_imports_telegram() -> None:
    for path in sources(BOT / "store"):
        assert not any(module.startswith("telegram") for module in imported_modules(path)), path


def test_the_stores_private_helpers_stay_inside_the_store() -> None:
    for path in sources(BOT):
        if path.is_relative_to(BOT / "store"):
            continue
        private = [module for module in imported_modules(path) if module.startswith(("bot.store._", "bot.store.__"))]
        assert not private, (path, private)


def test_every_button_is_built_in_the_keyboards_module() -> None:
    builders = [path for path in sources(BOT) if "InlineKeyboardButton(" in path.read_text(encoding="utf-8")]
    assert builders == [BOT / "text" / "keyboards.py"]


def test_no_test_module_imports_another() -> None:
    test_modules = {path.stem for path in TESTS.rglob("test_*.py")}
    for path in TESTS.rglob("*.py"):
        imported = {module.split(".")[0] for module in imported_modules(path)}
        assert not imported & test_modules, (path, imported & test_modules)
