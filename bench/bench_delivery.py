"""Delivery engine throughput and CPU per reminder against bare PTB sends (issue 8, target 2).

N people fall due in the same minute (among 4N who are not); one tick sends them all to an in-process fake Bot
API with **no rate limit**, so the figure is the engine's own cost: batched claim, compose, send over HTTP,
batched outcome write. The baseline is N bare ``send_message`` calls of the same message (text and buttons)
from as many tasks as the engine runs senders, through the same kind of Bot to the same server, in the same
process. The ratio is engine rate over bare rate (1.0 would be free bookkeeping); "CPU x" is engine CPU per
reminder over bare CPU per send. Runs on SQLite (a temp file) and, if reachable, PostgreSQL, at the engine
sizes of ``SEND_RATE`` 25 and 1000 (5 and 200 parallel senders; a claimed batch is one send per sender).

Run: python bench/bench_delivery.py [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.ext import ExtBot
from tenacity import wait_none

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import add_people, create_database, drop_database, machine, postgres_version
from options import size_argument

from bot.content import load_content
from bot.delivery.engine import DeliveryEngine
from bot.delivery.kinds import message_kinds
from bot.delivery.sender import SEND_DEFAULTS, Sender
from bot.server.metrics import Metrics
from bot.store import (
    CoachingStore,
    DeliveryStore,
    Instances,
    MedicineStore,
    StoreContext,
    create_engine_for,
    session_factory,
    upgrade_database,
)
from support.fake_bot_api import FakeBotApi

DUE_AT = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
SEND_RATES = (25.0, 1000.0)


async def _bare(api: FakeBotApi, count: int, tasks: int) -> tuple[float, float]:
    """Wall and CPU seconds for ``count`` bare sends from ``tasks`` tasks, each repeating the engine's last
    message (its text, HTML and buttons), so the comparison is of the bookkeeping, not of message sizes."""
    sample = api.sent_messages()[-1].params
    async with Bot(api.token, base_url=f"{api.url}/bot") as bot:
        queue = list(range(count))
        buttons = InlineKeyboardMarkup.de_json(sample["reply_markup"], bot)

        async def task() -> None:
            while queue:
                chat_id = 10_000_000 + queue.pop()
                await bot.send_message(chat_id, sample["text"], parse_mode=ParseMode.HTML, reply_markup=buttons)

        wall, cpu = clock.perf_counter(), clock.process_time()
        await asyncio.gather(*(task() for _ in range(tasks)))
        return clock.perf_counter() - wall, clock.process_time() - cpu


async def _engine(url: str, api: FakeBotApi, due_count: int, send_rate: float) -> tuple[float, float, int]:
    """Wall and CPU seconds of the tick that sends ``due_count`` reminders, and the engine's sender count."""
    engine = create_engine_for(url)
    try:
        await upgrade_database(engine)
        await add_people(engine, range(1, due_count + 1), DUE_AT, DUE_AT - timedelta(hours=1))
        await add_people(engine, range(due_count + 1, 5 * due_count + 1), None, DUE_AT)
        context = StoreContext(session_factory(engine), Instances(engine), default_reminder_time=time(21, 0))
        content = load_content()
        async with ExtBot(api.token, base_url=f"{api.url}/bot", defaults=SEND_DEFAULTS) as bot:
            delivery = DeliveryEngine(
                Sender(bot, retry_wait=wait_none()),
                DeliveryStore(context),
                message_kinds(content, CoachingStore(context), MedicineStore(context)),
                content.tip_pool,
                lambda: DUE_AT + timedelta(seconds=5),
                Metrics(),
                grace=timedelta(hours=2),
                send_rate=send_rate,
            )
            wall, cpu = clock.perf_counter(), clock.process_time()
            report = await delivery.tick()
            wall, cpu = clock.perf_counter() - wall, clock.process_time() - cpu
        assert report.outcomes == {"sent": due_count}, report
        return wall, cpu, delivery.workers
    finally:
        await engine.dispose()


async def _row(label: str, url: str, api: FakeBotApi, due_count: int, send_rate: float) -> None:
    wall, cpu, workers = await _engine(url, api, due_count, send_rate)
    bare_wall, bare_cpu = await _bare(api, due_count, workers)
    print(
        f"{label:<10} {send_rate:>6.0f} {workers:>7} {due_count / wall:>9.0f} {due_count / bare_wall:>8.0f} "
        f"{bare_wall / wall:>6.2f} {cpu / due_count * 1000:>9.2f} {bare_cpu / due_count * 1000:>9.2f} "
        f"{cpu / bare_cpu:>6.2f}"
    )


async def main(due_count: int) -> None:
    postgres = await postgres_version()
    print(machine(postgres))
    print(f"{due_count} due among {5 * due_count} subscribers; one tick, no rate limit; baseline: bare sends")
    print(
        f"{'database':<10} {'rate':>6} {'senders':>7} {'engine/s':>9} {'bare/s':>8} {'ratio':>6} "
        f"{'eng CPUms':>9} {'bare CPUms':>9} {'CPU x':>6}"
    )
    with FakeBotApi() as api:
        for send_rate in SEND_RATES:
            with tempfile.TemporaryDirectory() as folder:
                await _row("sqlite", f"sqlite+aiosqlite:///{folder}/bench.db", api, due_count, send_rate)
            if postgres is None:
                print("postgres   (not reachable; skipped)")
                continue
            url = await create_database()
            try:
                await _row("postgres", url, api, due_count, send_rate)
            finally:
                await drop_database(url)


if __name__ == "__main__":
    asyncio.run(main(size_argument(5000, 30, "reminders due in one minute")))
