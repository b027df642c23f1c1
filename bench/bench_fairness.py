"""Fairness under load: a second person's /help while another floods the expensive commands.

One person (the flooder, a year of check-ins) sends /progress 365, /insights and /export thirty times each, all
at once; meanwhile another person sends /help every 50 ms, whether or not the last one was answered (a person does
not wait for the bot to be free). Each /help is timed from pushing it into the fake Bot API
(tests/support/fake_bot_api.py, over HTTP, long polling) to the moment its reply's sendMessage reaches that server
(``Call.at``, the same monotonic clock); replies come in the order asked, so the n-th reply answers the n-th push.

* **idle**: the asker's /help with nobody else around, on the real application (bot.app.build_application).
* **flood, now**: the same during the flood: updates of different chats run concurrently (bot.server.fairness), charts,
  statistics and exports run in a worker process (bot.server.offload), one expensive job per person at a time and four
  a minute, with one "still working" answer for a flood.
* **flood, before**: the same application as it was: updates one at a time (PTB's default), the work in a thread
  (``asyncio.to_thread``), no per-person limit. Same process, same machine, same data.

Target: the asker's /help p95 during the flood ≤ 2 × its idle p95.

Run: python bench/bench_fairness.py [--quick] [--commands 100] [--flood 30]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from sqlalchemy import insert
from telegram import Update
from telegram.ext import SimpleUpdateProcessor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import Percentiles, add_people, bot_settings, machine, round_trips

from bot.app import build_application
from bot.content import load_content
from bot.core.checkins import BUILT_IN_FACTORS
from bot.lifecycle import start_application, stop_application
from bot.server.offload import worker_count
from bot.store import create_engine_for, upgrade_database
from bot.store.models import Checkin
from support.fake_bot_api import FakeBotApi

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set
FLOODER, ASKER = 910_000_001, 910_000_002
WARM_UP = 5
INTERVAL = 0.05  # s between the asker's commands: 20/s, under the 25/s limiter
POLL_TIMEOUT = 10
NIGHTS = 365
EXPENSIVE = ("/progress 365", "/insights", "/export")


@dataclass(frozen=True)
class Row(Percentiles):
    case: str
    samples: list[float]  # ms
    flood_answers: int  # messages, photos and documents the flooder got back while the asker was timed


async def _seed(url: str) -> None:
    """Both people subscribed in UTC; the flooder with a year of check-ins, so every chart has all its rows."""
    engine = create_engine_for(url)
    try:
        await upgrade_database(engine)
        now = datetime.now(UTC)
        await add_people(engine, [FLOODER, ASKER], None, now)
        last = now.date() - timedelta(days=1)
        rows = [
            {
                "chat_id": FLOODER,
                "night": last - timedelta(days=index),
                "score": (index * 7) % 11,
                "factors": [factor for number, factor in enumerate(BUILT_IN_FACTORS) if (index + number) % 3 == 0],
                "created_at_utc": now,
                "updated_at_utc": now,
            }
            for index in range(NIGHTS)
        ]
        async with engine.begin() as connection:
            await connection.execute(insert(Checkin), rows)
    finally:
        await engine.dispose()


async def _asked_every_interval(api: FakeBotApi, count: int) -> list[float]:
    """``count`` /help pushed every INTERVAL regardless of the answers; each one's time to its answer, in ms."""
    before = len(api.sent_messages(ASKER))
    start = clock.monotonic()
    pushed: list[float] = []
    for index in range(count):
        await asyncio.sleep(max(0.0, start + index * INTERVAL - clock.monotonic()))
        pushed.append(clock.monotonic())
        api.send_text(ASKER, "/help")
    replies = await api.await_messages(ASKER, before + count, timeout=300)
    return [(reply.at - at) * 1000 for reply, at in zip(replies[before:], pushed, strict=True)]


def _answers(api: FakeBotApi) -> int:
    return len(api.sent_messages(FLOODER)) + len(api.sent_photos(FLOODER)) + len(api.sent_documents(FLOODER))


@contextmanager
def _as_before() -> Iterator[None]:
    """Build the application as it was before bot.server.fairness: one update at a time, work in a thread, no limit."""

    async def in_thread(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(function, *args, **kwargs)

    with (
        patch("bot.app.ChatOrderedProcessor", lambda *_: SimpleUpdateProcessor(1)),
        patch("bot.handlers.EXPENSIVE_COMMANDS", ()),
        patch("bot.handlers.progress.run_cpu", in_thread),
        patch("bot.handlers.privacy.run_cpu", in_thread),
    ):
        yield


async def _measure(url: str, case: str, commands: int, flood: int | None) -> Row:
    with FakeBotApi() as api:
        settings = bot_settings(api.token, api.url, url, send_rate=25)
        built = build_application(settings, load_content(), token=api.token)
        application = built.application
        await start_application(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0.0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
        )
        try:
            await round_trips(api, ASKER, "/help", WARM_UP, INTERVAL)
            if flood is not None:
                for _ in range(flood):
                    for command in EXPENSIVE:
                        api.send_text(FLOODER, command)
                await api.wait_for_async(lambda: api.pending_updates() == 0, 60)  # the flood is in the bot
            samples = await _asked_every_interval(api, commands)
            answers = _answers(api)
            await application.update_queue.join()  # let the flood finish before the next case
        finally:
            await built.engine.stop()
            await stop_application(application)
    return Row(case, samples, answers)


async def main(commands: int, flood: int) -> None:
    print(machine(None).split("; PostgreSQL")[0])
    print(
        f"/help pushed every {INTERVAL * 1000:.0f} ms over HTTP to the fake Bot API (long polling), {commands} "
        f"timed after {WARM_UP} warm-up; the flood: {flood} × ({', '.join(EXPENSIVE)}) from one person with "
        f"{NIGHTS} check-ins, pushed at once; {worker_count()} worker process(es); SQLite"
    )
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await _seed(url)
        rows.append(await _measure(url, "idle", commands, None))
        rows.append(await _measure(url, "flood, now", commands, flood))
        with _as_before():
            rows.append(await _measure(url, "flood, before (one at a time, threads)", commands, flood))
    idle = rows[0]
    print(f"{'case':<42} {'commands':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'flooder got':>11}  ratio")
    for row in rows:
        ratio = "" if row is idle else f"p95 / idle p95 = {row.p95 / idle.p95:.2f} (target ≤ 2)"
        print(
            f"{row.case:<42} {len(row.samples):>8} {row.p50:>8.1f} {row.p95:>8.1f} {max(row.samples):>8.1f} "
            f"{row.flood_answers:>11}  {ratio}"
        )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10 commands, a flood of 2: a smoke run")
    parser.add_argument("--commands", type=int, help="timed /help round trips per case (default 100)")
    parser.add_argument("--flood", type=int, help="how many of each expensive command the flooder sends (30)")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    commands, flood = (10, 2) if arguments.quick else (100, 30)
    asyncio.run(main(arguments.commands or commands, arguments.flood or flood))
