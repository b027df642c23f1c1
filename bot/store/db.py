"""Engine and session factory, created once per process; SQLite gets the pragmas that make it durable, a file
only its owner can read, and deleted rows overwritten rather than left in free pages."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from bot.store.sqlite_lock import sqlite_file

log = logging.getLogger(__name__)
# Health data: the database file is for the bot's own user alone. SQLite gives its -wal and -shm files the mode
# of the database file, so they follow.
PRIVATE_FILE_MODE = 0o600


# How long a PostgreSQL connection may take to open; the operator's error message states it.
CONNECT_TIMEOUT_SECONDS = 10.0


def create_engine_for(database_url: str) -> AsyncEngine:
    """An async engine for ``database_url``; SQLite in WAL mode with full fsync and a busy timeout."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        # asyncpg waits 60 s for a server that accepted the connection but never answers; fail sooner, and say so.
        return create_async_engine(url, pool_pre_ping=True, connect_args={"timeout": CONNECT_TIMEOUT_SECONDS})
    # SQLite takes one writer at a time; queueing for the single connection in the pool is fair and prompt,
    # where several connections would poll SQLite's busy handler with sleeps of up to 100 ms.
    engine = create_async_engine(url, pool_size=1, max_overflow=0)
    database_file = sqlite_file(database_url)
    if database_file is not None and "uri" not in url.query:  # a file: URI names its file in SQLite's own syntax
        _make_private(database_file)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "busy_timeout=10000",
            "foreign_keys=ON",
            "secure_delete=ON",  # a deleted row is overwritten with zeros, not left readable in a free page
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
        # Let SQLAlchemy, not the driver, open transactions, so that we can make them IMMEDIATE below.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine.sync_engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads, then writes after another commit,
        # fails at once with "database is locked" instead of waiting for busy_timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The session factory every store of ``engine`` shares; objects stay readable after their commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def engine_of(sessions: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    """The engine a session factory binds to."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("the session factory is not bound to an AsyncEngine")
    return bind


async def checkpoint_wal(engine: AsyncEngine) -> None:
    """SQLite: copy the WAL into the database file and empty it; nothing for other databases.

    After a delete, the WAL still holds the pages as they were before it (and the frames that first wrote the
    rows); once they are copied back, secure_delete has zeroed the deleted rows in the file itself.
    """
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as connection:
        busy = await connection.run_sync(_truncate_wal)
    if busy:
        log.warning(
            "another process has the SQLite database open: deleted rows stay in its WAL until the next checkpoint"
        )


def _truncate_wal(connection: Connection) -> bool:
    # On the driver's cursor: SQLAlchemy would open a transaction first (BEGIN IMMEDIATE), inside which SQLite
    # refuses to checkpoint.
    cursor = connection.connection.cursor()
    try:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        outcome = cursor.fetchone()  # (busy, frames in the WAL, frames copied)
    finally:
        cursor.close()
    return outcome is not None and bool(outcome[0])


def _make_private(database_file: Path) -> None:
    """Create the SQLite file readable by its owner only before SQLite creates it (0644 under the usual umask);
    an existing file of ours that others can read is narrowed too, with its -wal and -shm files."""
    try:
        os.close(os.open(database_file, os.O_RDONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    except OSError:
        return  # a folder that is missing or not ours: SQLite says so in its own words when it opens the file
    for path in (database_file, *(database_file.with_name(database_file.name + end) for end in ("-wal", "-shm"))):
        try:
            status = path.stat()
            if status.st_mode & 0o077 and status.st_uid == os.geteuid():
                path.chmod(PRIVATE_FILE_MODE)
                log.info("made %s readable by its owner only", path)
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("%s can be read by other users, and could not be made private: %s", path, error)
