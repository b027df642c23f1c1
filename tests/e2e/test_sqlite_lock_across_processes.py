"""The SQLite file lock across processes: a second process is refused while one holds the file, and may hold it once
the first lets go."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.sqlite_lock import SqliteFileInUseError, hold_sqlite_file

pytestmark = pytest.mark.e2e

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
