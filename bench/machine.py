"""What the newer benchmarks share: a line describing the machine, fresh PostgreSQL databases, people due at an
instant (inserted in one statement), and percentiles."""

from __future__ import annotations

import asyncio
import os
import platform
import sqlite3
import statistics
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.models import Subscriber

POSTGRES_ADMIN_DSN = os.environ.get("BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


async def _admin(query: str) -> str:
    admin = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=5)
    try:
        return str(await admin.fetchval(query))
    finally:
        await admin.close()


async def postgres_version() -> str | None:
    try:
        return await _admin("SHOW server_version")
    except (OSError, asyncpg.PostgresError):
        return None


async def create_database() -> str:
    """A new, empty PostgreSQL database; returns its SQLAlchemy (asyncpg) URL."""
    name = f"rls_bench_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    return make_url(POSTGRES_ADMIN_DSN).set(drivername="postgresql+asyncpg", database=name).render_as_string(False)


async def drop_database(url: str) -> None:
    name = make_url(url).database
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def announce_machine() -> str | None:
    """Print the machine line; the PostgreSQL version, or None (said so) when it cannot be reached."""
    version = await postgres_version()
    print(machine(version))
    if version is None:
        print("PostgreSQL is not reachable (BENCH_POSTGRES_DSN); nothing to measure")
    return version


def machine(postgres: str | None) -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    cpu = models[0] if models else platform.processor()
    server = f"PostgreSQL {postgres}" if postgres else "PostgreSQL not reachable"
    return (
        f"{platform.platform()}; {os.cpu_count()} CPUs ({cpu}); Python {platform.python_version()}; "
        f"{server}; SQLite {sqlite3.sqlite_version}"
    )


async def add_people(engine: AsyncEngine, chat_ids: Sequence[int], due_at: datetime | None, now: datetime) -> None:
    """Subscribed people in UTC whose evening reminder is due at ``due_at`` (its local time is that instant's),
    or who are subscribed but not due within the next hour (``due_at`` None)."""
    due = due_at if due_at is not None else now + timedelta(hours=23)
    rows: list[dict[str, object]] = [
        {
            "chat_id": chat_id,
            "reminders_on": True,
            "blocked": False,
            "zone_name": "UTC",
            "local_reminder_time": due.time().replace(tzinfo=None),
            "next_due_at_utc": due,
            "tip_seed": chat_id * 2_654_435_761 % 2**31,
            "tips_seen": [],
            "checkin_on": False,
            "local_checkin_time": due.time().replace(hour=8, minute=0, tzinfo=None),
            "next_checkin_at_utc": None,
            "weekly_day": None,
            "created_at_utc": now - timedelta(days=30),
            "updated_at_utc": now - timedelta(days=1),
        }
        for chat_id in chat_ids
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(Subscriber.metadata.tables[Subscriber.__tablename__]), rows)


async def end_process(process: asyncio.subprocess.Process) -> int:
    """SIGTERM, then SIGKILL if it does not exit within 20 s; returns the exit status."""
    process.terminate()
    try:
        return await asyncio.wait_for(process.wait(), 20)
    except TimeoutError:
        process.kill()
        return await process.wait()


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (inclusive method); the one sample for a single one."""
    if len(samples) == 1:
        return samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]
