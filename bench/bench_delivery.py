"""Delivery engine throughput and memory, on SQLite (a temp file) and, if reachable, PostgreSQL.

N subscribers fall due in the same minute; one tick sends them all to an in-process fake Bot API with no rate
limit, so the figure is the engine's own cost (claim, send over HTTP, record). The baseline is the same number
of bare ``send_message`` calls through the same Bot and server, in the same process, so the ratio is the
overhead of exactly-once bookkeeping. Also prints the peak Python memory of the tick (tracemalloc) and how
long finding due rows takes among many subscribers that are not due.

Run: python bench/bench_delivery.py [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time as clock
import tracemalloc
import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import asyncpg
from telegram import Bot
from tenacity import wait_none

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from options import size_argument

from bot.content import load_content
from bot.delivery import DeliveryEngine
from bot.metrics import Metrics
from bot.scheduled import message_kinds
from bot.sender import Sender
from bot.store import CoachingStore, Store, create_engine_for, session_factory, upgrade_database
from fake_bot_api import FakeBotApi

POSTGRES_ADMIN_DSN = os.environ.get("BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def _fill(store: Store, due_count: int, idle_count: int) -> None:
    for chat_id in range(1, due_count + idle_count + 1):
        await store.set_zone(chat_id, "Europe/Berlin", NOW)
        if chat_id <= due_count:
            await store.subscribe(chat_id, NOW, time(21, 0))


async def _bench(label: str, database_url: str, api: FakeBotApi, due_count: int, idle_count: int) -> None:
    engine = create_engine_for(database_url)
    await upgrade_database(engine)
    store = Store(session_factory(engine), time(21, 0))
    content = load_content()
    await _fill(store, due_count, idle_count)
    due_at = datetime(2026, 11, 25, 20, 0, 5, tzinfo=UTC)
    async with Bot(api.token, base_url=f"{api.url}/bot") as bot:
        start = clock.perf_counter()
        for chat_id in range(1, due_count + 1):
            await bot.send_message(chat_id + 10_000_000, "baseline")
        baseline = clock.perf_counter() - start

        query_start = clock.perf_counter()
        await store.due(due_at - timedelta(hours=1), 500)
        query_ms = (clock.perf_counter() - query_start) * 1000

        now = [due_at]
        sender = Sender(bot, retry_wait=wait_none())
        kinds = message_kinds(content, CoachingStore(store))
        delivery = DeliveryEngine(
            sender, store, kinds, content.tip_ids, lambda: now[0], Metrics(), grace=timedelta(hours=2), send_rate=25
        )
        start = clock.perf_counter()
        report = await delivery.tick()
        elapsed = clock.perf_counter() - start
        assert report.outcomes == {"sent": due_count}, report
        # Memory on the next evening's batch, apart from the timing: tracemalloc slows Python down.
        now[0] += timedelta(days=1)
        tracemalloc.start()
        report = await delivery.tick()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert report.outcomes == {"sent": due_count}, report
    await engine.dispose()
    print(
        f"{label:<10} {due_count:>6} {due_count / elapsed:>12.0f} {due_count / baseline:>12.0f} "
        f"{elapsed / baseline:>6.2f} {peak / 1024 / 1024:>8.1f} {query_ms:>12.1f}"
    )


async def _postgres_database() -> str | None:
    try:
        admin = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=3)
    except (OSError, asyncpg.PostgresError):
        return None
    name = f"rls_bench_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return name


async def _drop(name: str) -> None:
    admin = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=3)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


async def main(due_count: int) -> None:
    idle_count = due_count * 4
    print(f"{due_count} due and {idle_count} not-due subscribers; one tick, no rate limit")
    header = f"{'database':<10} {'due':>6} {'reminders/s':>12} {'baseline/s':>12} {'ratio':>6} {'peak MiB':>8}"
    print(f"{header} {'due query ms':>12}")
    with FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        await _bench("sqlite", f"sqlite+aiosqlite:///{folder}/bench.db", api, due_count, idle_count)
        name = await _postgres_database()
        if name is None:
            print("postgres   (not reachable; skipped)")
            return
        try:
            await _bench("postgres", f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}", api, due_count, idle_count)
        finally:
            await _drop(name)


if __name__ == "__main__":
    asyncio.run(main(size_argument(500, 20, "reminders due in one minute")))
