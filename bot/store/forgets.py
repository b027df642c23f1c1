"""Telling every instance that shares a PostgreSQL database that a person was deleted, so that none of them keeps
the person in a cache.

The delete sends ``pg_notify`` on FORGET_CHANNEL inside its own transaction, so the notice goes out when, and
only if, the rows are gone. Every instance listens on a connection of its own. Notices sent while that connection
is down are lost, so the listener then says it is deaf (``on_deaf``), and its owner drops and stops trusting its
cache until it listens again. SQLite runs one bot process per file: there, forgetting in this process is all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from bot.store.db import CONNECT_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

FORGET_CHANNEL = "rls_coach_forget"
# A connection that closed is noticed at once; a host that vanished without closing it, within about this long.
PING_SECONDS = 30.0
PING_TIMEOUT_SECONDS = 5.0
RETRY_SECONDS = 5.0


async def announce_forget(session: AsyncSession, chat_id: int) -> None:
    """Have every listening instance forget ``chat_id`` when ``session``'s transaction commits (PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_notify(:channel, :chat_id)"), {"channel": FORGET_CHANNEL, "chat_id": str(chat_id)}
        )


class ForgetListener:
    """Calls ``on_forget(chat_id)`` for every chat any instance deletes, for as long as it is ``listening``."""

    def __init__(self, engine: AsyncEngine, on_forget: Callable[[int], None], on_deaf: Callable[[], None]) -> None:
        # Its own connection, outside the application's pool: held for as long as it listens, never pre-pinged
        # or handed to anything else, and not a slot the application's queries wait for.
        self._engine = create_async_engine(
            engine.url, poolclass=NullPool, connect_args={"timeout": CONNECT_TIMEOUT_SECONDS}
        )
        self._on_forget, self._on_deaf = on_forget, on_deaf
        self._connection: AsyncConnection | None = None
        self._driver: Any = None  # the asyncpg connection under ``_connection``
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def listening(self) -> bool:
        """True while every notice reaches us; False before ``start``, after ``stop`` and while reconnecting."""
        return self._connection is not None and not self._lost.is_set()

    async def start(self) -> None:
        """Listen from now on, and again after the connection is lost; raises if the database cannot be reached."""
        if self._task is not None:
            return
        await self._listen()
        self._task = asyncio.create_task(self._keep_listening(), name="forget listener")

    async def stop(self) -> None:
        """Stop listening, and close the listener's own engine."""
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._hang_up()
        await self._engine.dispose()

    async def _listen(self) -> None:
        connection = await self._engine.connect()
        try:
            driver: Any = (await connection.get_raw_connection()).driver_connection  # asyncpg's own
            lost = asyncio.Event()
            driver.add_termination_listener(lambda _driver: lost.set())
            await driver.add_listener(FORGET_CHANNEL, self._heard)
        except BaseException:
            await _discard(connection)
            raise
        self._connection, self._driver, self._lost = connection, driver, lost

    async def _keep_listening(self) -> None:
        while True:
            await self._until_lost()
            self._lost.set()
            self._on_deaf()
            await self._hang_up()
            log.warning("lost the connection that hears /delete from other instances; reconnecting")
            while not self.listening:
                await asyncio.sleep(RETRY_SECONDS)
                try:
                    # Bounded: an attempt that hangs (a server half-way through a restart) is given up and retried.
                    await asyncio.wait_for(self._listen(), PING_SECONDS)
                except Exception as error:  # whatever the cause, the listener must keep trying, never die
                    log.warning("cannot listen for /delete from other instances yet: %s", error)

    async def _until_lost(self) -> None:
        """Return once the connection has closed, or stopped answering."""
        while True:
            try:
                await asyncio.wait_for(self._lost.wait(), PING_SECONDS)
                return
            except TimeoutError:
                pass
            try:
                await asyncio.wait_for(self._driver.execute("SELECT 1"), PING_TIMEOUT_SECONDS)
            except Exception:  # any failure of a trivial query on an idle connection means it is gone
                return

    def _heard(self, _driver: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            chat_id = int(payload)
        except ValueError:
            log.warning("ignored a notice on %s that names no chat", FORGET_CHANNEL)
            return
        self._on_forget(chat_id)

    async def _hang_up(self) -> None:
        connection, self._connection, self._driver = self._connection, None, None
        if connection is not None:
            await _discard(connection)


async def _discard(connection: AsyncConnection) -> None:
    # Invalidated, not returned to the pool: a pooled connection would go on listening for whoever took it next.
    with suppress(Exception):  # it may be dead already
        await connection.invalidate()
    await connection.close()
