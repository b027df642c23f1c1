"""Achieved send rate with the rate limiter on (issue 8, target 3: ≥ 0.95 of the configured rate).

The real delivery path as ``bot.app.build_application`` wires it, on a fresh PostgreSQL database: PTB's
``AIORateLimiter`` on the bot (min(SEND_RATE, 30)/s overall; paid broadcasts go through its own 1000/s limiter),
the ``Sender`` with its bulk gate (SEND_RATE with ALLOW_PAID_BROADCAST, else SEND_RATE × (1 − REPLY_SHARE)) and
the ``DeliveryEngine`` with as many parallel senders as it sizes for the rate. The application is initialized and
its ``post_init`` run, but not started (no polling, no JobQueue): the benchmark calls ``tick()`` itself, with the
engine's clock fixed just after the instant at which everybody is due. The fake Bot API (tests/support/fake_bot_api.py)
answers at once; it runs in a child process of its own, so its CPU does not compete with the sender's for this
process's GIL (Telegram is not in the bot's process either). ``Call.at`` is time.monotonic(), one clock for both.

* **paid**: SEND_RATE=1000, ALLOW_PAID_BROADCAST=true (bulk 1000/s), N people due at once, ticked until a tick
  finds nothing due (one tick drains them all).
* **free**: SEND_RATE=25 (bulk 20/s), more people due than the window can take; the tick runs for a fixed window
  and is then stopped as at shutdown; only requests that reached the server within the window count.

Achieved rate: sends over the span from the first to the last request at the fake server (``Call.at``), and
over the whole run (paid: N over the wall time of the ticks; free: sends in the window over the window). Note
that aiolimiter's bucket starts full (one second's worth), so a short run reads a little above the rate.
Duplicates: chats with more than one sendMessage attempt (must be 0). Lateness (paid): p95 of how long after
the due instant (the first tick's start) a request reached the server, next to the same figure at exactly the
configured rate.

Baseline, in the same run: bare PTB ``Bot.send_message`` of the engine's message (text, HTML, buttons) through
one ``aiolimiter.AsyncLimiter`` at the bulk rate, from as many tasks as the engine runs senders, to a fresh fake
server; "x bare" is the engine's achieved rate over the baseline's (what this machine and the fake server allow
then cancels out). Last, the ceiling of this process: bare sends with no limiter at all from 10, 50 and 200
tasks, with the CPU each costs here (a rate times CPU ms near 1000 means one core is saturated).

Run: python bench/bench_rate.py [--quick] [N]   (tests/ must be importable: it uses the tests' fake Bot API)
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time as clock
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import add_people, announce_machine, bot_settings, create_database, drop_database, percentile
from options import size_argument

from bot.app import build_application
from bot.content import load_content
from bot.delivery.sender import REPLY_SHARE
from bot.lifecycle import start_application, stop_application
from bot.store import create_engine_for, upgrade_database

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set
TESTS = Path(__file__).resolve().parent.parent / "tests"
DUE_AT = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
NOW = DUE_AT + timedelta(seconds=5)  # the engine's clock
BARE_CHATS = 500_000_000  # the baseline's chat ids, apart from the people's
# The fake Bot API in a child process: prints its URL and token, serves until stdin closes, then prints every
# sendMessage attempt as [chat_id, at] and the parameters of the last one, as JSON.
SERVER_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from support.fake_bot_api import FakeBotApi
with FakeBotApi() as api:
    print(api.url, api.token, flush=True)
    sys.stdin.read()
    calls = api.attempts("sendMessage")
    sends = [[call.params["chat_id"], call.at] for call in calls]
    json.dump({"sends": sends, "last": calls[-1].params if calls else {}}, sys.stdout)
"""


class FakeServer:
    """tests/support/fake_bot_api.py's FakeBotApi in a child process; ``sends`` and ``last`` are filled on exit."""

    def __init__(self) -> None:
        self.url = self.token = ""
        self.sends: list[tuple[int, float]] = []
        self.last: dict[str, Any] = {}
        self._process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> FakeServer:
        pipe = asyncio.subprocess.PIPE
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", SERVER_SCRIPT, str(TESTS), stdin=pipe, stdout=pipe
        )
        assert self._process.stdout is not None
        self.url, self.token = (await self._process.stdout.readline()).decode().split()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.close()
        output, _ = await self._process.communicate()
        if output:
            answer = json.loads(output)
            self.sends = [(int(chat_id), float(at)) for chat_id, at in answer["sends"]]
            self.last = answer["last"]


@dataclass(frozen=True)
class Case:
    label: str
    send_rate: float
    paid: bool
    people: int
    window: float | None  # seconds of sending that count; None: drain all N

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
    async with FakeServer() as api:
        settings = bot_settings(api.token, api.url, url, send_rate=case.send_rate, allow_paid_broadcast=case.paid)
        built = build_application(settings, load_content(), token=api.token, clock=lambda: NOW)
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
    async with FakeServer() as api, Bot(api.token, base_url=f"{api.url}/bot") as bot:
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


def _print(case: Case, engine: Result, bare: Result) -> None:
    for label, result in (("engine", engine), ("bare", bare)):
        late = f"{result.late_p95:>8.2f} {0.95 * result.sent / case.bulk_rate:>8.2f}" if case.window is None else ""
        versus = f"{engine.rate / bare.rate:>6.2f}" if result is engine else f"{'':>6}"
        print(
            f"{case.label:<5} {label:<6} {case.bulk_rate:>6.0f} {result.tasks:>5} {result.sent:>7} "
            f"{result.seconds:>7.1f} {result.rate:>7.1f} {result.rate / case.bulk_rate:>6.3f} "
            f"{result.span_rate:>9.1f} {result.span_rate / case.bulk_rate:>6.3f} {versus} {result.cpu_ms:>6.2f} "
            f"{result.duplicates:>4} {late} {result.outcomes}"
        )


async def _ceiling(sample: dict[str, Any], tasks: int, count: int) -> tuple[float, float]:
    """Sends per second and CPU ms per send of ``count`` bare sends from ``tasks`` tasks, with no limiter."""
    unlimited = Case("", 1e9, True, count, None)
    result = await _bare(unlimited, sample, count, tasks)
    return result.rate, result.cpu_ms


async def main(people: int, window: float, probe: int) -> int:
    sample: dict[str, Any]
    version = await announce_machine()
    if version is None:
        return 1
    free = Case("free", 25.0, False, int(25 * window * 1.5), window)
    cases = [Case("paid", 1000.0, True, people, None), free]
    print(
        f"paid: SEND_RATE=1000 + ALLOW_PAID_BROADCAST, {people:,} due at once, drained; free: SEND_RATE=25, "
        f"{free.people:,} due, {window:.0f} s window. Real application wiring (AIORateLimiter, Sender bulk gate,\n"
        "DeliveryEngine) on PostgreSQL; fake Bot API in a child process; baseline: bare PTB sends through one "
        "AsyncLimiter at the bulk rate.\nrate = sent / run (paid: the ticks; free: the window); span = first→last "
        "request; ratios to the bulk rate (target ≥ 0.95);\nx bare = engine rate / baseline rate; CPU = this "
        "process's CPU ms per request; p95 late: s after the due instant (at rate: if sent exactly at the rate)"
    )
    print(
        f"{'case':<5} {'who':<6} {'bulk/s':>6} {'tasks':>5} {'sent':>7} {'seconds':>7} {'rate/s':>7} {'ratio':>6} "
        f"{'span rate':>9} {'ratio':>6} {'x bare':>6} {'CPU ms':>6} {'dups':>4} {'p95 late':>8} {'at rate':>8}"
    )
    failed, sample = False, {}  # sample: the engine's last message, for the baselines
    for case in cases:
        url = await create_database()
        try:
            engine, sample = await _engine(case, url)
        finally:
            await drop_database(url)
        bare = await _bare(case, sample, case.people, engine.tasks)
        _print(case, engine, bare)
        failed |= bool(engine.duplicates or engine.outcomes)
    ceilings = [(tasks, *await _ceiling(sample, tasks, probe)) for tasks in (10, 50, 200)]
    print(
        f"ceiling: {probe:,} bare sends with no limiter from k tasks: "
        + "; ".join(f"k={tasks} {rate:.0f}/s ({cpu:.2f} CPU ms each)" for tasks, rate, cpu in ceilings)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    size = size_argument(100_000, 500, "people due at once in the paid case")
    quick = "--quick" in sys.argv
    sys.exit(asyncio.run(main(size, 2.0 if quick else 60.0, 200 if quick else 5000)))
