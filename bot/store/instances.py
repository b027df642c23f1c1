"""Which process claimed a message, and whether that process is still alive.

Every claim records its instance's id. When a process dies mid-send its rows stay ``sending``; they must be
settled as ``unknown`` (never resent), but only once their process is surely gone, never while it may still be
waiting for Telegram's reply. On PostgreSQL each instance holds a session-level advisory lock keyed by its id
on a connection of its own for as long as it lives; the server drops the lock the moment that connection
dies (kill -9 closes the socket; TCP keepalives below bound a vanished host), so "I can take its lock" means
"it is gone". SQLite runs one bot process per file (bot.store.single_instance refuses a second), so there
every other claimer is a process that has ended.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

# The first key of the advisory locks we take ("RLS"), so they cannot meet another application's.
_LOCK_SPACE = 0x524C53
# Leadership roles one instance at a time may hold (the second key, in a space of their own).
_LEAD_SPACE = 0x524C54
POLLING = 1  # Telegram allows one getUpdates consumer per token
# Instances that deliver scheduled messages also hold a lock in this space while they live: counting those locks
# tells each one how many share the bot's send rate (bot.delivery.sender.Sender.share).
_DELIVERY_SPACE = 0x524C55
# Server-side keepalives on the lock connection: a host that vanishes loses its lock within about 25 s.
_KEEPALIVES = ("tcp_keepalives_idle = 10", "tcp_keepalives_interval = 5", "tcp_keepalives_count = 3")


class Instances:
    """This process's claimer id, its liveness lock, and the test of other claimers."""

    def __init__(self, engine: AsyncEngine) -> None:
        # Required: the registry asks the database which claimers are alive. One built without it could not ask,
        # and would take every other claimer for gone, settling a live instance's sends as ``unknown``.
        self.id = uuid.uuid4().hex
        # Only PostgreSQL has other live instances to ask about (see the module docstring).
        self._engine = engine if engine.dialect.name == "postgresql" else None
        self._connection: AsyncConnection | None = None

    async def start(self, delivers: bool = False) -> None:
        """Take this instance's liveness lock (PostgreSQL), and with ``delivers`` its place among the instances
        that share the send rate; held until ``stop`` or the process dies."""
        if self._engine is None or self._connection is not None:
            return
        connection = await self._engine.connect()
        for setting in _KEEPALIVES:
            await connection.execute(text(f"SET {setting}"))
        await connection.execute(text("SELECT pg_advisory_lock(:space, hashtext(:id))"), _key(self.id))
        if delivers:
            delivery_key = {"space": _DELIVERY_SPACE, "id": self.id}
            await connection.execute(text("SELECT pg_advisory_lock(:space, hashtext(:id))"), delivery_key)
        await connection.commit()
        self._connection = connection

    async def delivering(self) -> int:
        """How many live instances deliver scheduled messages on this database (at least 1: this one).

        A lock is held exactly as long as its instance's connection lives, so an instance that dies drops out of
        the count at once, and one that starts is in it as soon as it has started.
        """
        if self._engine is None:
            return 1  # SQLite: one bot process per file
        async with self._engine.connect() as connection:
            count = await connection.scalar(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
                    " AND classid = :space"
                    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"space": _DELIVERY_SPACE},
            )
        return max(1, int(count or 0))

    async def stop(self) -> None:
        """Drop this instance's locks, as its process dying would: others then see it as gone."""
        if self._connection is not None:
            # Invalidate, not just close: a closed connection goes back to the pool with its session, and
            # its lock, alive. An invalidated one is closed for real, and the server drops the lock.
            await self._connection.invalidate()
            await self._connection.close()
            self._connection = None

    async def try_lead(self, role: int) -> bool:
        """Become the one instance that holds ``role``, unless a live one does; held until this one dies.

        The lock lives on the liveness connection, so it goes exactly when this instance's liveness goes.
        Without PostgreSQL there is one process (SQLite refuses a second), which leads.
        """
        if self._engine is None:
            return True
        if self._connection is None:
            raise RuntimeError("start() the instance before it can lead")
        held = await self._connection.scalar(text("SELECT pg_try_advisory_lock(:space, :role)"), _lead(role))
        await self._connection.commit()
        return bool(held)

    async def gone(self, claimers: Collection[str]) -> set[str]:
        """The claimers among ``claimers`` (never this one) whose process has ended."""
        others = set(claimers) - {self.id}
        if self._engine is None or not others:
            return others
        ended = set()
        async with self._engine.connect() as connection:
            for claimer in sorted(others):
                taken = await connection.scalar(
                    text("SELECT pg_try_advisory_lock(:space, hashtext(:id))"), _key(claimer)
                )
                if taken:
                    ended.add(claimer)
                    await connection.execute(text("SELECT pg_advisory_unlock(:space, hashtext(:id))"), _key(claimer))
            await connection.commit()
        return ended


def _key(instance_id: str) -> dict[str, object]:
    return {"space": _LOCK_SPACE, "id": instance_id}


def _lead(role: int) -> dict[str, object]:
    return {"space": _LEAD_SPACE, "role": role}
