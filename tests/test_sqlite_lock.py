"""The SQLite file lock: one holder at a time, across processes and within one, released on exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.sqlite_lock import SqliteFileInUseError, hold_sqlite_file, sqlite_file

TRY_TO_HOLD = """
import sys
from bot.store.sqlite_lock import SqliteFileInUseError, hold_sqlite_file
try:
    with hold_sqlite_file(sys.argv[1]):
        pass
except SqliteFileInUseError as exc:
    sys.exit(str(exc))
"""


def try_to_hold_in_another_process(database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", TRY_TO_HOLD, database_url], capture_output=True, text=True, timeout=30, check=False
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite+aiosqlite:///{tmp}/bot.db", "{tmp}/bot.db"),
        ("sqlite+aiosqlite:///bot.db", "{tmp}/bot.db"),  # relative to the working directory
        ("sqlite+aiosqlite:///{tmp}/data/../bot.db", "{tmp}/bot.db"),
        ("sqlite+aiosqlite://", None),
        ("sqlite+aiosqlite:///:memory:", None),
        ("postgresql+asyncpg://postgres@127.0.0.1:5432/bot", None),
    ],
)
def test_sqlite_file_names_the_database_file_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, expected: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    tmp = tmp_path.resolve()
    assert sqlite_file(url.format(tmp=tmp)) == (None if expected is None else Path(expected.format(tmp=tmp)))


def test_a_second_holder_is_refused_until_the_first_lets_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    database = tmp_path.resolve() / "rls-coach.db"
    url = f"sqlite+aiosqlite:///{database}"
    with hold_sqlite_file(url):
        assert (tmp_path / "rls-coach.db.lock").exists()
        # Another open of the lock file, even in this process and through a relative URL, is another holder.
        with pytest.raises(SqliteFileInUseError) as refused, hold_sqlite_file("sqlite+aiosqlite:///rls-coach.db"):
            pass
        assert str(refused.value).startswith(f"Another rls-coach is already running on {database}. ")
        assert "PostgreSQL" in str(refused.value)
        other = try_to_hold_in_another_process(url)
        assert other.returncode == 1
        assert other.stderr.strip() == str(refused.value)
    with hold_sqlite_file(url):
        pass
    assert try_to_hold_in_another_process(url).returncode == 0, "released on exit"


def test_a_holder_that_fails_still_lets_go(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'rls-coach.db'}"
    with pytest.raises(RuntimeError), hold_sqlite_file(url):
        raise RuntimeError("the bot crashed")
    with hold_sqlite_file(url):
        pass


def test_no_lock_for_in_memory_sqlite_or_postgresql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for url in ("sqlite+aiosqlite://", "sqlite+aiosqlite:///:memory:", "postgresql+asyncpg://postgres@db/bot"):
        with hold_sqlite_file(url), hold_sqlite_file(url):
            pass
    assert list(tmp_path.iterdir()) == []


def test_a_missing_directory_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), hold_sqlite_file(f"sqlite+aiosqlite:///{tmp_path / 'gone' / 'bot.db'}"):
        pass
