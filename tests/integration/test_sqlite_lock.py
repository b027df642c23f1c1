"""The SQLite file lock: one holder at a time within a process, released on exit (across processes: e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.sqlite_lock import hold_sqlite_file, sqlite_file


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
