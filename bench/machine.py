"""What the newer benchmarks share: a line describing the machine, fresh PostgreSQL databases, people due at an
instant (inserted in one statement), percentiles, and `rls-coach run --role delivery` processes."""

from __future__ import annotations

import asyncio
import os
import platform
import sqlite3
import statistics
import subprocess
import time
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.store.models import Subscriber

if TYPE_CHECKING:  # tests/ is on the path of the benchmarks that use these
    from support.fake_bot_api import FakeBotApi

LIVENESS_LOCK_SPACE = 0x524C53  # bot.store.instances._LOCK_SPACE: one advisory lock per live instance

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


class Percentiles:
    """p50 and p95 of a row's ``samples`` (a mixin for the benchmarks' dataclass rows)."""

    samples: list[float]

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (inclusive method); the one sample for a single one."""
    if len(samples) == 1:
        return samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


async def live_instances(engine: AsyncEngine, space: int = LIVENESS_LOCK_SPACE) -> int:
    """How many instances hold an advisory lock of ``space`` on this database (bot.store.instances)."""
    async with engine.connect() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :space AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            {"space": space},
        )
    return int(count or 0)


def start_delivery(workdir: Path, env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    """One ``rls-coach run --role delivery``, its output in ``<name>.log``."""
    # tests/support, on the path of the benchmarks that start processes
    from support.bot_process import rls_coach_command

    with (workdir / f"{name}.log").open("wb") as log:
        command = [*rls_coach_command(), "run", "--role", "delivery"]
        return subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)


def process_logs(workdir: Path, prefix: str) -> str:
    return "\n".join(path.read_text(errors="replace") for path in sorted(workdir.glob(f"{prefix}*.log")))


def bot_settings(api_token: str, api_url: str, database_url: str, **values: object) -> Settings:
    """The bot's settings for a benchmark: its fake Bot API, its database, quiet logs, and ``values``."""
    base: dict[str, object] = {
        "telegram_bot_token": api_token,
        "telegram_api_url": api_url,
        "database_url": database_url,
        "log_level": "WARNING",
    }
    return Settings.model_validate({**base, **values})


def stop_all(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    """Kill whatever is still running of ``procs`` and reap it (a benchmark that failed midway)."""
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


async def round_trips(
    api: FakeBotApi, chat_id: int, command: str, count: int, interval: float, until: float | None = None
) -> list[float]:
    """``count`` sequential ``command`` round trips from ``chat_id`` (fewer if ``until``, a monotonic deadline,
    passes), in ms: from pushing the update into the fake Bot API to its reply's sendMessage reaching it. The next
    is pushed once the reply arrived and at least ``interval`` seconds after the previous push."""
    samples: list[float] = []
    next_push = time.monotonic()
    while len(samples) < count and (until is None or time.monotonic() < until):
        await asyncio.sleep(max(0.0, next_push - time.monotonic()))
        before = len(api.sent_messages(chat_id))
        pushed = time.monotonic()
        api.send_text(chat_id, command)
        replies = await api.await_messages(chat_id, before + 1, timeout=120)
        samples.append((replies[before].at - pushed) * 1000)
        next_push = pushed + interval
    return samples
