"""The lock that gives a SQLite database file to one bot process at a time.

SQLite is the single-process, embedded default: two ``rls-coach run`` processes on one file would each run a
delivery engine and settle the other's in-flight sends. So ``run`` holds an exclusive ``flock`` on
``<database file>.lock`` for its whole life, and a second one is refused. The operating system drops the lock
when the process ends, however it ends (kill -9 too), so a crash never leaves a stale lock behind. The lock
file itself stays; it is empty and only ever locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

IN_MEMORY = ":memory:"


class SqliteFileInUseError(Exception):
    """Another process holds the SQLite file; the message is one line for the person starting the bot."""


def sqlite_file(database_url: str) -> Path | None:
    """The absolute path of the SQLite file named by ``database_url``; None for in-memory SQLite and other backends."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", IN_MEMORY):
        return None
    return Path(url.database).resolve()


@contextmanager
def hold_sqlite_file(database_url: str) -> Iterator[None]:
    """Hold the SQLite file of ``database_url`` for this process alone while inside; never waits.

    Raises SqliteFileInUseError when another process (or another holder in this one) has it, and OSError when the
    lock file cannot be created. PostgreSQL and in-memory SQLite need no lock: this does nothing for them.
    """
    database_file = sqlite_file(database_url)
    if database_file is None:
        yield
        return
    # Read-only is enough for flock, and opens a lock file another user created, too.
    lock_file = database_file.with_name(f"{database_file.name}.lock")
    descriptor = os.open(lock_file, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SqliteFileInUseError(
                f"Another rls-coach is already running on {database_file}. SQLite supports one bot process; "
                "stop the other one, or use PostgreSQL (DATABASE_URL=postgresql://…) to run several."
            ) from None
        yield
    finally:
        os.close(descriptor)  # closing the only descriptor of the open file releases the lock
