"""Command round trip: the real bot answering /settings, idle and during a reminder burst, against a minimal
PTB bot on the same fake Bot API server.

Each round trip is timed from pushing a ``/settings`` update into the fake Bot API (tests/support/fake_bot_api.py, over
HTTP, long polling) to the moment the reply's sendMessage request reaches that server (``Call.at``, the same
monotonic clock). Commands are sequential: the next is pushed once the reply arrived and at least an interval
after the previous push, so replies never exceed what the rate limiter lets through.

* **baseline**: a minimal PTB ``Application`` (one ``CommandHandler`` replying "ok", PTB's defaults, no rate
  limiter) polling the same kind of server, in the same process.
* **idle**: the real application (``bot.app.build_application``, started as ``rls-coach run`` starts it: polling,
  the delivery engine ticking every TICK_SECONDS, the default SEND_RATE of 25 with scheduled sends gated at 20/s)
  on a SQLite file and on a fresh PostgreSQL database holding N subscribers, none due; the asker is subscribed.
* **burst**: the same application right after the N people were made due at once (one UPDATE, then the engine
  is woken): commands during the first seconds of that batch, 4 per second (the replies' share of the rate
  is 5/s), with the reminders' own rate in that window.

Targets: idle p50 ≤ 1.2 × baseline p50; burst p95 ≤ 2 × idle p95 ("replies never wait behind the batch").

Run: python bench/bench_commands.py [--quick] [--people 5000] [--commands 200] [--window 30]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import os
import sys
import tempfile
import time as clock
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import (
    Percentiles,
    add_people,
    bot_settings,
    create_database,
    drop_database,
    machine,
    postgres_version,
    round_trips,
)

from bot.app import build_application
from bot.content import load_content
from bot.lifecycle import start_application, stop_application
from bot.store import create_engine_for, upgrade_database
from bot.store.models import Subscriber
from support.fake_bot_api import FakeBotApi

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set
ASKER = 900_000_000  # the chat that sends /settings: subscribed, never due during the run
WARM_UP = 5  # commands answered before any is timed (first imports, connection set-up)
IDLE_INTERVAL = 0.05  # s between idle commands: 20/s, under the 25/s limiter, so it never delays them
BURST_INTERVAL = 0.25  # s between commands during the burst: 4/s, within the 5/s kept for replies
POLL_TIMEOUT = 10  # getUpdates long-poll seconds, PTB's default (what `rls-coach run` uses)


@dataclass(frozen=True)
class Row(Percentiles):
    case: str
    database: str
    samples: list[float]  # ms
    reminders_per_s: float | None = None  # during the burst window
    longest_pause: float | None = None  # s, the longest time without a reminder request in the window


async def _round_trips(api: FakeBotApi, count: int, interval: float, until: float | None = None) -> list[float]:
    return await round_trips(api, ASKER, "/settings", count, interval, until)


async def _polling(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)


async def _baseline(commands: int) -> Row:
    async def ok(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("ok")

    with FakeBotApi() as api:
        application = ApplicationBuilder().token(api.token).base_url(f"{api.url}/bot").build()
        application.add_handler(CommandHandler("settings", ok))
        await application.initialize()
        await _polling(application)
        try:
            await _round_trips(api, WARM_UP, IDLE_INTERVAL)
            samples = await _round_trips(api, commands, IDLE_INTERVAL)
        finally:
            await stop_application(application)
    return Row("baseline: minimal PTB bot", "-", samples)


async def _bot(database: str, url: str, people: int, commands: int, window: float) -> list[Row]:
    engine = create_engine_for(url)
    try:
        await upgrade_database(engine)
        now = datetime.now(UTC)
        await add_people(engine, [*range(1, people + 1), ASKER], None, now)  # subscribed, nobody due yet
        with FakeBotApi() as api:
            settings = bot_settings(api.token, api.url, url, send_rate=25, tick_seconds=10)
            built = build_application(settings, load_content(), token=api.token)
            application = built.application
            await start_application(application)
            await _polling(application)
            try:
                await _round_trips(api, WARM_UP, IDLE_INTERVAL)
                idle = await _round_trips(api, commands, IDLE_INTERVAL)
                due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
                async with engine.begin() as connection:
                    await connection.execute(
                        update(Subscriber)
                        .where(Subscriber.chat_id != ASKER)
                        .values(next_due_at_utc=due, local_reminder_time=due.time().replace(tzinfo=None))
                    )
                built.ticks.wake_at(datetime.now(UTC))  # as a change made by this process would
                await api.wait_for_async(lambda: len(api.attempts("sendMessage")) > len(idle) + WARM_UP, 30)
                started = clock.monotonic()
                before = len(api.attempts("sendMessage"))
                burst = await _round_trips(api, 10**9, BURST_INTERVAL, until=started + window)
                spent = clock.monotonic() - started
                ended = clock.monotonic()
                reminders = len(api.attempts("sendMessage")) - before - len(burst)
                instants = [started] + [
                    call.at for call in api.attempts("sendMessage") if call.params["chat_id"] != ASKER
                ]
                instants = [*sorted(at for at in instants if at <= ended), ended]
                pause = max(later - earlier for earlier, later in itertools.pairwise(instants))
            finally:
                # Stop claiming first: stop_application alone waits in PTB's JobQueue.stop(wait=True) for the
                # running tick to drain its whole batch (up to BATCH_SIZE at 20/s) before post_stop stops it.
                await built.engine.stop()
                await stop_application(application)
    finally:
        await engine.dispose()
    return [
        Row("bot idle", database, idle),
        Row(f"bot during a {people:,}-reminder burst", database, burst, reminders / spent, pause),
    ]


async def _sqlite(people: int, commands: int, window: float) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        return await _bot("SQLite", f"sqlite+aiosqlite:///{folder}/bench.db", people, commands, window)


async def _postgres(people: int, commands: int, window: float) -> list[Row]:
    url = await create_database()
    try:
        return await _bot("PostgreSQL", url, people, commands, window)
    finally:
        await drop_database(url)


def _print(rows: list[Row]) -> None:
    baseline = rows[0]
    print(
        f"{'case':<34} {'database':<10} {'commands':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'reminders/s':>11}  ratio"
    )
    idle: dict[str, Row] = {}
    pauses: list[str] = []
    for row in rows:
        if row.longest_pause is not None:
            pauses.append(f"{row.database}: longest pause between reminders in the window {row.longest_pause:.1f} s")
        if row is baseline:
            ratio = ""
        elif row.reminders_per_s is None:
            idle[row.database] = row
            ratio = f"p50 / baseline p50 = {row.p50 / baseline.p50:.2f} (target ≤ 1.2)"
        else:
            ratio = f"p95 / idle p95 = {row.p95 / idle[row.database].p95:.2f} (target ≤ 2)"
        rate = f"{row.reminders_per_s:>11.1f}" if row.reminders_per_s is not None else f"{'':>11}"
        print(
            f"{row.case:<34} {row.database:<10} {len(row.samples):>8} {row.p50:>7.2f} {row.p95:>7.2f} "
            f"{max(row.samples):>7.2f} {rate}  {ratio}"
        )
    print("\n".join(pauses))


async def main(people: int, commands: int, window: float) -> None:
    version = await postgres_version()
    print(machine(version))
    print(
        f"/settings round trips over HTTP to the fake Bot API (long polling, timeout {POLL_TIMEOUT} s), sequential; "
        f"idle every {IDLE_INTERVAL * 1000:.0f} ms, {commands} timed after {WARM_UP} warm-up;\n"
        f"burst: {people:,} people made due at once, SEND_RATE 25 (scheduled sends gated at 20/s), commands every "
        f"{BURST_INTERVAL * 1000:.0f} ms during the first {window:.0f} s of the batch"
    )
    rows = [await _baseline(commands)]
    rows += await _sqlite(people, commands, window)
    if version is not None:
        rows += await _postgres(people, commands, window)
    else:
        print("PostgreSQL not reachable (BENCH_POSTGRES_DSN): SQLite only")
    _print(rows)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="200 people, 20 commands, a 3 s window: a smoke run")
    parser.add_argument("--people", type=int, help="reminders in the burst (default 5000)")
    parser.add_argument("--commands", type=int, help="timed commands for the baseline and idle (default 200)")
    parser.add_argument("--window", type=float, help="seconds of the burst during which commands are timed (30)")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # "maximum number of running instances" while draining
    people, commands, window = (200, 20, 3.0) if arguments.quick else (5000, 200, 30.0)
    asyncio.run(main(arguments.people or people, arguments.commands or commands, arguments.window or window))
