"""Scale-out of delivery on PostgreSQL: 1, 2 and 4 delivery instances with the rate limit off.

For each k, a fresh PostgreSQL database holds N people whose evening reminder is due now, and k delivery
instances drain it together against one fake Bot API (tests/support/fake_bot_api.py) that answers at once:

* **in one process** (always): k ``DeliveryEngine`` objects, each with its own SQLAlchemy engine (its own
  connection pool, as a separate process has), its own started ``Instances`` (instance id and liveness lock), its
  own ``StoreContext`` and stores, its own ``Bot`` without a rate limiter, and a ``Sender`` without the bulk gate;
  each ticks again as soon as a tick ends until a tick finds nothing due (``asyncio.gather`` of the k loops). The
  engine's clock is fixed just after the due instant.
* **as k real processes** (unless ``--no-processes``): ``rls-coach run --role delivery`` with ``SEND_RATE=1000``
  and ``ALLOW_PAID_BROADCAST=true`` (PTB's paid-broadcast limiter and the bulk gate at 1000/s: effectively off)
  and ``TICK_SECONDS=1``; once every process holds its liveness lock, the people are made due in one UPDATE.

Reported per k: reminders per second (in one process: N / wall time of the drain; processes: N / time from the
UPDATE to the last send, and the rate between the first and the last send), duplicates (chats with more than one
sendMessage attempt: must be 0), misses (people without a ``sent`` delivery row: must be 0, nobody is killed),
claim attempts per reminder (rows handed to ``DeliveryStore.claim_due``; the others found the row already taken),
how the sends split between the instances, and the throughput relative to k = 1 (the baseline, in the same run).

In one process the instances share one event loop, one GIL and, with the fake server's thread, the 2 cores, so
that part measures claim contention and correctness rather than CPU scale-out; the processes give the real
multi-process figure (the fake server, PostgreSQL and k bots still share this machine's cores).

Run: python bench/bench_scaleout.py [--quick] [--people N] [--instances 1,2,4] [--no-processes]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time as clock
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ExtBot
from tenacity import wait_none

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from machine import (
    add_people,
    announce_machine,
    create_database,
    drop_database,
    live_instances,
    process_logs,
    start_delivery,
    stop_all,
)

from bot.content import Content, load_content
from bot.delivery.engine import DeliveryEngine, TickReport
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
from bot.store.models import Delivery, Subscriber
from support.bot_process import bot_environment
from support.fake_bot_api import FakeBotApi

DUE_AT = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
NOW = DUE_AT + timedelta(seconds=5)  # the in-process engines' clock
GRACE = timedelta(hours=2)
SEND_RATE = 1000.0  # only sizes the engine's parallel senders (8); nothing here limits the rate


@dataclass(frozen=True)
class Row:
    mode: str  # "in-process" or "processes"
    instances: int
    people: int
    seconds: float  # the whole drain (processes: from the UPDATE that made them due to the last send)
    span: float | None  # processes: from the first send to the last
    duplicates: int
    misses: int
    claim_attempts: int | None  # in-process only: rows handed to DeliveryStore.claim_due, over all instances
    per_instance: list[int]  # sends per instance, largest first

    @property
    def rate(self) -> float:
        return self.people / self.seconds


async def _outcome(engine: AsyncEngine, api: FakeBotApi, people: int) -> tuple[int, int, Counter[str]]:
    """Duplicates (chats with more than one attempt), misses (people without a sent row), sends per claimer."""
    tried = Counter(int(call.params["chat_id"]) for call in api.attempts("sendMessage"))
    duplicates = sum(1 for count in tried.values() if count > 1)
    async with session_factory(engine)() as session:
        rows = await session.execute(
            select(Delivery.chat_id, Delivery.claimed_by).where(Delivery.kind == "reminder", Delivery.status == "sent")
        )
        sent = {chat_id: claimer or "" for chat_id, claimer in rows}
    misses = len(set(range(1, people + 1)) - set(sent))
    return duplicates, misses, Counter(sent.values())


async def _drain(delivery: DeliveryEngine) -> tuple[int, list[TickReport]]:
    """Tick until a tick finds nothing due; returns how many due rows this instance tried to claim."""
    reports: list[TickReport] = []
    for _ in range(10_000):
        report = await delivery.tick()
        reports.append(report)
        if report.due == 0:
            break
    return sum(report.due for report in reports), reports


async def _in_process(k: int, people: int, content: Content) -> Row:
    url = await create_database()
    engines = [create_engine_for(url) for _ in range(k)]
    contexts: list[StoreContext] = []
    try:
        await upgrade_database(engines[0])
        await add_people(engines[0], range(1, people + 1), DUE_AT, DUE_AT - timedelta(hours=1))
        with FakeBotApi() as api:
            for engine in engines:
                instances = Instances(engine)
                await instances.start()
                contexts.append(StoreContext(session_factory(engine), instances, default_reminder_time=time(21, 0)))
            bots = [ExtBot(api.token, base_url=f"{api.url}/bot", defaults=SEND_DEFAULTS) for _ in range(k)]
            for bot in bots:
                await bot.initialize()
            deliveries = [
                DeliveryEngine(
                    Sender(bot, retry_wait=wait_none()),
                    DeliveryStore(context),
                    message_kinds(content, CoachingStore(context), MedicineStore(context)),
                    content.tip_pool,
                    lambda: NOW,
                    Metrics(),
                    grace=GRACE,
                    send_rate=SEND_RATE,
                )
                for bot, context in zip(bots, contexts, strict=True)
            ]
            for delivery in deliveries:
                await delivery.recover()  # as at start-up
            started = clock.perf_counter()
            drained = await asyncio.gather(*(_drain(delivery) for delivery in deliveries))
            seconds = clock.perf_counter() - started
            duplicates, misses, by_claimer = await _outcome(engines[0], api, people)
            for bot in bots:
                await bot.shutdown()
        return Row(
            "in-process",
            k,
            people,
            seconds,
            None,
            duplicates,
            misses,
            sum(attempts for attempts, _ in drained),
            [by_claimer.get(context.instances.id, 0) for context in contexts],
        )
    finally:
        for context in contexts:
            await context.instances.stop()
        for engine in engines:
            await engine.dispose()
        await drop_database(url)


def _logs(workdir: Path, k: int) -> str:
    return process_logs(workdir, f"k{k}-")


async def _processes(k: int, people: int, workdir: Path) -> Row:
    url = await create_database()
    engine = create_engine_for(url)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        await upgrade_database(engine)
        now = datetime.now(UTC)
        await add_people(engine, range(1, people + 1), None, now)  # subscribed, not due yet
        with FakeBotApi() as api:
            env = bot_environment(
                api,
                url,
                TICK_SECONDS="1",
                SEND_RATE=str(int(SEND_RATE)),
                ALLOW_PAID_BROADCAST="true",
                LOG_LEVEL="WARNING",
                PTB_TIMEDELTA="1",
            )
            procs += [start_delivery(workdir, env, f"k{k}-{index}") for index in range(k)]
            deadline = clock.monotonic() + 60
            while await live_instances(engine) < k:
                if clock.monotonic() > deadline or any(proc.poll() is not None for proc in procs):
                    raise RuntimeError(f"the delivery processes did not start:\n{_logs(workdir, k)[-4000:]}")
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.5)  # past post_init: the start tick has run and the periodic tick is on
            due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
            async with engine.begin() as connection:
                await connection.execute(
                    update(Subscriber).values(next_due_at_utc=due, local_reminder_time=due.time().replace(tzinfo=None))
                )
            made_due = clock.monotonic()
            while len(api.attempts("sendMessage")) < people:
                if clock.monotonic() - made_due > 120:
                    raise RuntimeError(f"only {len(api.attempts('sendMessage'))} of {people} sent within 120 s")
                await asyncio.sleep(0.2)
            await asyncio.sleep(0.5)  # a straggler's duplicate would show up now
            calls = api.attempts("sendMessage")
            first, last = min(call.at for call in calls), max(call.at for call in calls)
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=30)
            duplicates, misses, by_claimer = await _outcome(engine, api, people)
        if "Traceback" in _logs(workdir, k):
            print(f"  (a process logged a traceback; logs in {workdir})")
        return Row(
            "processes",
            k,
            people,
            last - made_due,
            last - first,
            duplicates,
            misses,
            None,
            sorted(by_claimer.values(), reverse=True),
        )
    finally:
        stop_all(procs)
        await engine.dispose()
        await drop_database(url)


def _print(rows: list[Row]) -> None:
    header = f"{'mode':<10} {'k':>2} {'people':>6} {'seconds':>7} {'reminders/s':>11} {'ratio to k=1':>12}"
    print(f"{header} {'first→last /s':>13} {'dups':>4} {'misses':>6} {'claims/rem':>10}  sends per instance")
    for row in rows:
        base = min((other for other in rows if other.mode == row.mode), key=lambda other: other.instances)
        spread = f"{(row.people - 1) / row.span:>13.0f}" if row.span else f"{'':>13}"
        claims = f"{row.claim_attempts / row.people:>10.2f}" if row.claim_attempts is not None else f"{'':>10}"
        print(
            f"{row.mode:<10} {row.instances:>2} {row.people:>6} {row.seconds:>7.2f} {row.rate:>11.0f} "
            f"{row.rate / base.rate:>12.2f} {spread} {row.duplicates:>4} {row.misses:>6} {claims}  "
            f"{', '.join(str(count) for count in row.per_instance)}"
        )
    bad = [row for row in rows if row.duplicates or row.misses]
    print("duplicates and misses: " + ("all 0" if not bad else f"NOT 0 in {len(bad)} row(s)"))


async def main(people: int, ks: list[int], process_ks: list[int]) -> int:
    version = await announce_machine()
    if version is None:
        return 1
    print(
        f"{people} people due at once; rate limit off; fake Bot API in this process, answering at once.\n"
        "in-process: k DeliveryEngines, each with its own SQLAlchemy engine, Instances, stores and Bot, sharing ONE\n"
        "event loop and GIL (and the 2 cores with the fake server's thread): this measures claim contention and\n"
        "correctness more than CPU scale-out. processes: k `rls-coach run --role delivery` (SEND_RATE=1000,\n"
        "ALLOW_PAID_BROADCAST=true, TICK_SECONDS=1), all on this machine's cores with the fake server and PostgreSQL."
    )
    content = load_content()
    rows = [await _in_process(k, people, content) for k in ks]
    with tempfile.TemporaryDirectory() as folder:
        for k in process_ks:
            rows.append(await _processes(k, people, Path(folder)))
    _print(rows)
    return 1 if any(row.duplicates or row.misses for row in rows) else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100 people, k = 1, 2 (processes: k = 1): smoke")
    parser.add_argument("--people", type=int, help="people due at once (default 2000)")
    parser.add_argument("--instances", help="comma-separated instance counts (default 1,2,4)")
    parser.add_argument("--no-processes", action="store_true", help="skip the real rls-coach processes")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    default_people, default_ks = (100, [1, 2]) if arguments.quick else (2000, [1, 2, 4])
    chosen = sorted(int(k) for k in arguments.instances.split(",")) if arguments.instances else default_ks
    process_ks = [] if arguments.no_processes else ([1] if arguments.quick else chosen)
    sys.exit(asyncio.run(main(arguments.people or default_people, chosen, process_ks)))
