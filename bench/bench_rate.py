"""Achieved send rate with the rate limiter on (issue 8, target 3; issue 18: 1000/s from one process).

The real delivery path as ``bot.app.build_application`` wires it, on a fresh database: PTB's ``AIORateLimiter``
on the bot (min(SEND_RATE, 30)/s overall; paid broadcasts go through its own 1000/s limiter), the ``Sender`` with
its bulk gate (SEND_RATE with ALLOW_PAID_BROADCAST, else SEND_RATE × (1 − REPLY_SHARE)), the ``DeliveryEngine``
with as many parallel senders as it sizes for the rate, and the HTTP transport TELEGRAM_TRANSPORT names (aiohttp,
the default, or PTB's HTTPX). The application is initialized and its ``post_init`` run, but not started (no
polling, no JobQueue): the benchmark calls ``tick()`` itself, with the engine's clock fixed just after the instant
at which everybody is due. The fake Bot API
(bench/fake_server.py) runs in a child process of its own and answers sendMessage after a delay, as Telegram
takes 50–200 ms, so that the sends' concurrency is real.

* **paid**: SEND_RATE=1000, ALLOW_PAID_BROADCAST=true (bulk 1000/s), N people due at once (5,000), answers after
  100 ms, ticked until a tick finds nothing due; on PostgreSQL with aiohttp and with HTTPX (the transport before
  issue 18), and on SQLite with aiohttp.
* **free**: SEND_RATE=25 (bulk 20/s), more people due than the window can take, answers at once; the tick runs for
  a fixed window and is then stopped as at shutdown; only requests that reached the server within the window
  count.

Achieved rate: sends over the span from the first to the last request at the fake server (``Call.at``), and
over the whole run (paid: N over the wall time of the ticks; free: sends in the window over the window). Note
that aiolimiter's bucket starts full (one second's worth), so a short run reads a little above the rate.
Duplicates: chats with more than one sendMessage attempt (must be 0). Lateness (paid): p95 of how long after
the due instant (the first tick's start) a request reached the server, next to the same figure at exactly the
configured rate. CPU: this process's CPU per request that reached the server — the engine, the database driver
and the HTTP client together.

Baseline, in the same run: bare PTB ``Bot.send_message`` of the engine's message (text, HTML, buttons) through
one ``aiolimiter.AsyncLimiter`` at the bulk rate, from as many tasks as the engine runs senders, on the same
transport, to a fresh fake server; "x bare" is the engine's achieved rate over the baseline's (what this machine
and the fake server allow then cancels out). The transports alone, without the engine: bench/bench_transport.py.

Run: python bench/bench_rate.py [--quick] [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time as clock
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.request import BaseRequest, HTTPXRequest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fake_server import FakeServer
from machine import add_people, announce_machine, bot_settings, create_database, drop_database, percentile
from options import size_argument

from bot.app import build_application
from bot.content import load_content
from bot.delivery.engine import MAX_WORKERS
from bot.delivery.sender import REPLY_SHARE
from bot.lifecycle import start_application, stop_application
from bot.server.aiohttp_request import AiohttpRequest
from bot.server.memory import keep_startup_objects
from bot.store import create_engine_for, upgrade_database

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set
DUE_AT = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
NOW = DUE_AT + timedelta(seconds=5)  # the engine's clock
BARE_CHATS = 500_000_000  # the baseline's chat ids, apart from the people's
PAID_DELAY = 0.1  # seconds the fake Bot API takes to answer a sendMessage in the paid cases


@dataclass(frozen=True)
class Case:
    label: str
    send_rate: float
    paid: bool
    people: int
    window: float | None  # seconds of sending that count; None: drain all N
    database: str = "postgresql"  # or "sqlite"
    transport: str = "aiohttp"  # or "httpx"
    delay: float = 0.0  # seconds the fake Bot API takes to answer

    @property
    def bare_request(self) -> BaseRequest:
        """The transport the baseline's bare sends use: the case's, with a connection for each task."""
        pool = MAX_WORKERS + 8
        return AiohttpRequest(connection_pool_size=pool) if self.transport == "aiohttp" else HTTPXRequest(pool)

    @property
    def bulk_rate(self) -> float:
        return self.send_rate if self.paid else self.send_rate * (1 - REPLY_SHARE)


@dataclass(frozen=True)
class Result:
    sent: int
    seconds: float  # paid: wall time of the ticks (bare: of the sends); free: the window
    span: float  # first request to last, at the fake server
    duplicates: int
    late_p95: float  # seconds after the start (the due instant) by which 95 % of the requests had arrived
    tasks: int
    cpu_ms: float  # this process's CPU per request that reached the server (window or not)
    outcomes: str = ""

    @property
    def rate(self) -> float:
        return self.sent / self.seconds

    @property
    def span_rate(self) -> float:
        return (self.sent - 1) / self.span if self.span > 0 else 0.0


def _result(server: FakeServer, started: float, until: float, tasks: int, cpu: float, outcomes: str = "") -> Result:
    tried = Counter(chat_id for chat_id, _ in server.sends)
    instants = sorted(at for _, at in server.sends if at <= until)
    return Result(
        len(instants),
        until - started,
        instants[-1] - instants[0] if instants else 0.0,
        sum(1 for count in tried.values() if count > 1),
        percentile([at - started for at in instants], 0.95) if instants else 0.0,
        tasks,
        cpu * 1000 / max(1, len(server.sends)),
        outcomes,
    )


async def _engine(case: Case, url: str) -> tuple[Result, dict[str, Any]]:
    """The real application's delivery against N due people; also its last message, for the baseline."""
    database = create_engine_for(url)
    try:
        await upgrade_database(database)
        await add_people(database, range(1, case.people + 1), DUE_AT, DUE_AT - timedelta(hours=1))
    finally:
        await database.dispose()
    async with FakeServer(case.delay) as api:
        settings = bot_settings(
            api.token,
            api.url,
            url,
            send_rate=case.send_rate,
            allow_paid_broadcast=case.paid,
            telegram_transport=case.transport,
        )
        built = build_application(settings, load_content(), token=api.token, clock=lambda: NOW)
        keep_startup_objects()  # as `rls-coach run` does once the application is built
        assert built.sender.bulk_rate == case.bulk_rate, built.sender.bulk_rate
        await start_application(built.application)  # post_init's jobs wait for a JobQueue that never starts
        try:
            outcomes: Counter[str] = Counter()
            started, cpu = clock.monotonic(), clock.process_time()
            if case.window is None:
                while (report := await built.engine.tick()).due:
                    outcomes.update(report.outcomes)
                until = clock.monotonic()
            else:
                tick = asyncio.create_task(built.engine.tick())
                await asyncio.sleep(case.window)
                until = clock.monotonic()
                await built.engine.stop()  # as at shutdown: the claimed batch finishes, the rest is released
                outcomes.update((await tick).outcomes)
            cpu = clock.process_time() - cpu
        finally:
            await stop_application(built.application)
        workers = built.engine.workers
    unsent = {key: count for key, count in outcomes.items() if key != "sent"}
    return _result(api, started, until, workers, cpu, str(unsent) if unsent else ""), api.last


async def _bare(case: Case, sample: dict[str, Any], count: int, tasks: int) -> Result:
    """``count`` bare sends (those in the window, if any) through one AsyncLimiter at the bulk rate."""
    limiter = AsyncLimiter(case.bulk_rate, 1)
    async with (
        FakeServer(case.delay) as api,
        Bot(api.token, base_url=f"{api.url}/bot", request=case.bare_request) as bot,
    ):
        buttons = InlineKeyboardMarkup.de_json(sample["reply_markup"], bot) if "reply_markup" in sample else None
        queue = list(range(count, 0, -1))
        started, cpu = clock.monotonic(), clock.process_time()
        deadline = started + (case.window or float("inf"))

        async def task() -> None:
            while queue and clock.monotonic() < deadline:
                chat_id = BARE_CHATS + queue.pop()
                async with limiter:
                    await bot.send_message(
                        chat_id,
                        sample["text"],
                        parse_mode=ParseMode.HTML,
                        disable_web_page_preview=True,
                        reply_markup=buttons,
                        allow_paid_broadcast=case.paid or None,
                    )

        runner = asyncio.gather(*(task() for _ in range(tasks)))
        if case.window is None:
            await runner
            until = clock.monotonic()
        else:
            await asyncio.sleep(case.window)
            until = clock.monotonic()
            await runner
        cpu = clock.process_time() - cpu
    return _result(api, started, until, tasks, cpu)


def _print(case: Case, engine: Result, bare: Result | None) -> None:
    for label, result in (("engine", engine), ("bare", bare)):
        if result is None:
            continue
        late = f"{result.late_p95:>8.2f} {0.95 * result.sent / case.bulk_rate:>8.2f}" if case.window is None else ""
        versus = f"{engine.rate / bare.rate:>6.2f}" if result is engine and bare is not None else f"{'':>6}"
        print(
            f"{case.label:<5} {case.database:<10} {case.transport:<7} {label:<6} {case.bulk_rate:>6.0f} "
            f"{result.tasks:>5} {result.sent:>7} {result.seconds:>7.1f} {result.rate:>7.1f} "
            f"{result.rate / case.bulk_rate:>6.3f} {result.span_rate:>9.1f} {result.span_rate / case.bulk_rate:>6.3f} "
            f"{versus} {result.cpu_ms:>6.2f} {result.duplicates:>4} {late} {result.outcomes}"
        )


@asynccontextmanager
async def _database(kind: str) -> AsyncIterator[str]:
    """A fresh, empty database of ``kind``; dropped (or deleted) afterwards."""
    if kind == "postgresql":
        url = await create_database()
        try:
            yield url
        finally:
            await drop_database(url)
        return
    with tempfile.TemporaryDirectory() as directory:
        yield f"sqlite+aiosqlite:///{directory}/bench.db"


async def main(people: int, window: float) -> int:
    sample: dict[str, Any]
    version = await announce_machine()
    if version is None:
        return 1
    free = Case("free", 25.0, False, int(25 * window * 1.5), window)
    cases = [
        Case("paid", 1000.0, True, people, None, delay=PAID_DELAY),
        Case("paid", 1000.0, True, people, None, transport="httpx", delay=PAID_DELAY),
        Case("paid", 1000.0, True, people, None, database="sqlite", delay=PAID_DELAY),
        free,
    ]
    print(
        f"paid: SEND_RATE=1000 + ALLOW_PAID_BROADCAST, {people:,} due at once, drained, answers after "
        f"{PAID_DELAY * 1000:.0f} ms; free: SEND_RATE=25, {free.people:,} due, {window:.0f} s window.\nReal "
        "application wiring (AIORateLimiter, Sender bulk gate, DeliveryEngine); fake Bot API in a child process; "
        "baseline: bare PTB sends\nthrough one AsyncLimiter at the bulk rate, same transport. rate = sent / run "
        "(paid: the ticks; free: the window); span = first→last\nrequest; ratios to the bulk rate (target ≥ 0.95); "
        "x bare = engine rate / baseline rate; CPU = this process's CPU ms per request;\np95 late: s after the due "
        "instant (at rate: if sent exactly at the rate)"
    )
    print(
        f"{'case':<5} {'database':<10} {'http':<7} {'who':<6} {'bulk/s':>6} {'tasks':>5} {'sent':>7} {'seconds':>7} "
        f"{'rate/s':>7} {'ratio':>6} {'span rate':>9} {'ratio':>6} {'x bare':>6} {'CPU ms':>6} {'dups':>4} "
        f"{'p95 late':>8} {'at rate':>8}"
    )
    failed, sample = False, {}  # sample: the engine's last message, for the baselines
    for case in cases:
        async with _database(case.database) as url:
            engine, sample = await _engine(case, url)
        # The baseline once per transport and tier: it does not depend on the database.
        baseline = case.database == "postgresql" and (case.transport == "aiohttp" or case.paid)
        bare = await _bare(case, sample, case.people, engine.tasks) if baseline else None
        _print(case, engine, bare)
        failed |= bool(engine.duplicates or engine.outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    size = size_argument(5_000, 300, "people due at once in the paid cases")
    quick = "--quick" in sys.argv
    sys.exit(asyncio.run(main(size, 2.0 if quick else 60.0)))
