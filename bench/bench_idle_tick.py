"""The idle delivery tick (nothing due) against the size of the population, on PostgreSQL and SQLite.

Every 10 s the delivery engine asks for due messages; most ticks find none. This bench fills a fresh database
with N subscribers (zones spread over seven IANA zones, evening reminders between 19:00 and 23:55 local and
morning check-ins between 06:00 and 08:57 for a quarter of them, scheduled by the bot's own ``next_due`` so
nothing is due at the measured instant; 5 % off, 5 % blocked, 5 % waiting for a zone), last evening's
delivery log (one row per active subscriber) and a few pending snoozes due in 20 minutes, then runs
``DeliveryEngine.tick()`` on the real engine many times.

Baseline, interleaved with the ticks on the same SQLAlchemy engine: a bare ``SELECT 1`` in a session, the
smallest round trip a tick can make. Also timed, apart from the tick: ``DeliveryStore.count_scheduled``, the full count
behind the ``rls_active_subscribers`` gauge. At the largest size it prints the plan of every statement an
idle tick runs (``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite), captured as executed.

Run: python bench/bench_idle_tick.py [--quick] [--sizes 10000,100000,1000000] [--ticks 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time as clock
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from machine import create_database, drop_database, machine, postgres_version
from sqlalchemy import FromClause, case, event, func, insert, literal, null, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import ExtBot

from bot.content import Content, load_content
from bot.core.schedule import next_due
from bot.core.tips import pool_ids
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
from bot.store.models import Delivery, Subscriber

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "UTC",
)
SLOTS = 60  # local times per zone: reminders 19:00 + 5 min × slot, check-ins 06:00 + 3 min × slot
# Of every 20 subscribers: 12 with the evening reminder, 5 also with the morning check-in, 1 off, 1 blocked,
# 1 still waiting for a zone.
MIX = ("reminder",) * 12 + ("checkin",) * 5 + ("off", "blocked", "no zone")
TEMPLATES = len(ZONES) * SLOTS * len(MIX)  # distinct rows, inserted one by one; the rest are copies in SQL
SNOOZE_EVERY = 500  # one active subscriber in this many has a snooze pending


@dataclass(frozen=True)
class Row:
    database: str
    subscribers: int
    fill_s: float
    first_tick_ms: float
    tick_ms: list[float]
    select1_ms: list[float]
    count_ms: list[float]
    statements: int


def _p95(samples: Sequence[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18] if len(samples) > 1 else samples[0]


def _at(minutes: int) -> time:
    return time(*divmod(minutes, 60))


def _template(index: int, content: Content) -> dict[str, Any]:
    """One realistic subscriber, scheduled by the bot's own arithmetic at ``NOW``."""
    zone_name, slot = ZONES[index % len(ZONES)], index // len(ZONES) % SLOTS
    mix = MIX[index // (len(ZONES) * SLOTS) % len(MIX)]
    zone = ZoneInfo(zone_name)
    reminder_at, checkin_at = _at(19 * 60 + 5 * slot), _at(6 * 60 + 3 * slot)
    active = mix in ("reminder", "checkin")
    return {
        "chat_id": index + 1,
        "reminders_on": mix != "off",
        "blocked": mix == "blocked",
        "zone_name": None if mix == "no zone" else zone_name,
        "local_reminder_time": reminder_at,
        "next_due_at_utc": next_due(reminder_at, zone, NOW).due_at_utc if active else None,
        "tip_seed": index * 2_654_435_761 % 2**31,
        "tips_seen": sorted(pool_ids(content.tip_pool()))[: index % 8],
        "checkin_on": mix == "checkin",
        "local_checkin_time": checkin_at,
        "next_checkin_at_utc": next_due(checkin_at, zone, NOW).due_at_utc if mix == "checkin" else None,
        "weekly_day": None if index % 5 == 0 else 6,
        "created_at_utc": NOW - timedelta(days=index % 365),
        "updated_at_utc": NOW - timedelta(days=index % 30),
    }


def _numbers(dialect: str, first: int, last: int) -> FromClause:
    """The integers first..last as a one-column table ``n``."""
    if dialect == "postgresql":
        return func.generate_series(first, last).table_valued("n").render_derived()
    numbers = select(literal(first).label("n")).cte("numbers", recursive=True)
    return numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < last))


async def _fill(engine: AsyncEngine, subscribers: int, content: Content) -> None:
    table, log = (Subscriber.metadata.tables[model.__tablename__] for model in (Subscriber, Delivery))
    templates = [_template(index, content) for index in range(min(subscribers, TEMPLATES))]
    async with engine.begin() as connection:
        await connection.execute(insert(table), templates)
        if subscribers > len(templates):
            numbers = _numbers(engine.dialect.name, len(templates) + 1, subscribers)
            template = table.alias("template")
            copied = [column.name for column in table.columns if column.name != "chat_id"]
            copies = select(numbers.c.n, *(template.c[name] for name in copied)).join_from(
                numbers, template, template.c.chat_id == (numbers.c.n - 1) % len(templates) + 1
            )
            await connection.execute(insert(table).from_select(["chat_id", *copied], copies))
        active = table.c.next_due_at_utc.is_not(None)
        evening = NOW - timedelta(hours=16)
        chat = table.c.chat_id
        last_evening = select(
            chat,
            literal("reminder"),
            literal(date(2026, 11, 24), log.c.local_date.type),
            literal(evening, log.c.due_at_utc.type),
            literal(min(pool_ids(content.tip_pool()))),
            case((chat % 100 == 0, "blocked"), (chat % 100 == 1, "unknown"), (chat % 100 == 2, "missed"), else_="sent"),
            literal(evening, log.c.claimed_at_utc.type),
            literal(evening + timedelta(seconds=1), log.c.finished_at_utc.type),
            chat,
            case((chat % 3 == 0, "done"), (chat % 7 == 0, "skipped"), else_=null()),
        ).where(active)
        columns = ["chat_id", "kind", "local_date", "due_at_utc", "tip_id", "status", "claimed_at_utc"]
        columns += ["finished_at_utc", "message_id", "response"]
        await connection.execute(insert(log).from_select(columns, last_evening))
        snoozes = select(
            chat,
            literal("snooze"),
            literal(NOW.date(), log.c.local_date.type),
            literal(NOW + timedelta(minutes=20), log.c.due_at_utc.type),
            literal("pending"),
        ).where(active, chat % SNOOZE_EVERY == 3)
        await connection.execute(
            insert(log).from_select(["chat_id", "kind", "local_date", "due_at_utc", "status"], snoozes)
        )
        # Planner statistics, but no VACUUM: every subscriber row is rewritten once a day when its reminder goes
        # out, so in production much of the table is never all-visible and index-only scans still read the heap.
        await connection.exec_driver_sql("ANALYZE")


async def _timed(run: Callable[[], Awaitable[object]]) -> float:
    start = clock.perf_counter()
    await run()
    return (clock.perf_counter() - start) * 1000


async def _select1(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await session.execute(text("SELECT 1"))


async def _explain(engine: AsyncEngine, statements: list[tuple[str, Any]]) -> None:
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    async with engine.connect() as connection:
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue  # BEGIN and the like
            plan = [str(row[-1]) for row in await connection.exec_driver_sql(prefix + statement, parameters)]
            print(f"\n  {' '.join(statement.split())}")
            print("\n".join(f"    {line}" for line in plan))
            if any("Seq Scan" in line or line.startswith("SCAN ") for line in plan):
                print("    ^ NOT AN INDEX SCAN")


async def _bench(database: str, url: str, subscribers: int, ticks: int, content: Content, explain: bool) -> Row:
    engine = create_engine_for(url)
    try:
        await upgrade_database(engine)
        started = clock.perf_counter()
        await _fill(engine, subscribers, content)
        fill_s = clock.perf_counter() - started
        sessions = session_factory(engine)
        context = StoreContext(sessions, Instances(engine), default_reminder_time=time(21, 0))
        deliveries = DeliveryStore(context)
        delivery = DeliveryEngine(
            Sender(ExtBot("123456:never-used-nothing-is-due", defaults=SEND_DEFAULTS)),
            deliveries,
            message_kinds(content, CoachingStore(context), MedicineStore(context)),
            content.tip_pool,
            lambda: NOW,
            Metrics(),
            grace=timedelta(hours=2),
            send_rate=25,
        )
        await delivery.recover()  # as at start-up
        first_tick_ms = await _timed(delivery.tick)  # a fresh engine: this one also fills the gauges
        captured: list[tuple[str, Any]] = []

        def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
            captured.append((statement, parameters))

        event.listen(engine.sync_engine, "before_cursor_execute", capture)
        report = await delivery.tick()
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
        assert report.due == 0, report
        tick_ms: list[float] = []
        select1_ms: list[float] = []
        for _ in range(ticks):  # interleaved, so that drift on a shared machine hits both alike
            tick_ms.append(await _timed(delivery.tick))
            select1_ms.append(await _timed(lambda: _select1(sessions)))
        count_ms = [await _timed(deliveries.count_scheduled) for _ in range(max(3, ticks // 5))]
        if explain:
            print(f"\n{database}, {subscribers:,} subscribers: the statements of one idle tick")
            await _explain(engine, captured)
            print()
        return Row(database, subscribers, fill_s, first_tick_ms, tick_ms, select1_ms, count_ms, len(captured))
    finally:
        await engine.dispose()


async def _postgres_row(subscribers: int, ticks: int, content: Content, explain: bool) -> Row:
    url = await create_database()
    try:
        return await _bench("postgres", url, subscribers, ticks, content, explain)
    finally:
        await drop_database(url)


async def _sqlite_row(subscribers: int, ticks: int, content: Content, explain: bool) -> Row:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        return await _bench("sqlite", url, subscribers, ticks, content, explain)


def _print(rows: list[Row]) -> None:
    print(
        f"{'database':<9} {'subscribers':>11} {'fill s':>7} {'stmts':>5} {'first ms':>8} {'tick ms':>8} "
        f"{'p95 ms':>7} {'SELECT 1 ms':>11} {'ratio':>6} {'count ms':>8}"
    )
    for row in rows:
        tick, baseline = statistics.median(row.tick_ms), statistics.median(row.select1_ms)
        print(
            f"{row.database:<9} {row.subscribers:>11,} {row.fill_s:>7.1f} {row.statements:>5} "
            f"{row.first_tick_ms:>8.2f} {tick:>8.2f} {_p95(row.tick_ms):>7.2f} {baseline:>11.2f} "
            f"{tick / baseline:>6.2f} {statistics.median(row.count_ms):>8.2f}"
        )
    for database in dict.fromkeys(row.database for row in rows):
        mine = [row for row in rows if row.database == database]
        smallest, largest = mine[0], mine[-1]
        if largest is smallest:
            continue
        growth = statistics.median(largest.tick_ms) / statistics.median(smallest.tick_ms)
        print(
            f"{database}: tick median at {largest.subscribers:,} / at {smallest.subscribers:,} = {growth:.2f}; "
            f"at {largest.subscribers:,}: {statistics.median(largest.tick_ms):.2f} ms"
        )


async def main(sizes: list[int], ticks: int) -> None:
    content = load_content()
    postgres = await postgres_version()
    print(machine(postgres))
    print(f"idle tick (nothing due) at {NOW:%Y-%m-%d %H:%M} UTC; {ticks} ticks per size, medians unless p95")
    rows: list[Row] = []
    for run in ([_postgres_row] if postgres else []) + [_sqlite_row]:
        for subscribers in sizes:
            rows.append(await run(subscribers, ticks, content, subscribers == sizes[-1]))
    _print(rows)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10,000 subscribers and 5 ticks: a smoke run")
    parser.add_argument("--sizes", help="comma-separated subscriber counts (default 10000,100000,1000000)")
    parser.add_argument("--ticks", type=int, help="measured ticks per size (default 50)")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    default_sizes, default_ticks = ([10_000], 5) if arguments.quick else ([10_000, 100_000, 1_000_000], 50)
    chosen = [int(size) for size in arguments.sizes.split(",")] if arguments.sizes else default_sizes
    asyncio.run(main(sorted(chosen), arguments.ticks or default_ticks))
