"""Several delivery engines on one PostgreSQL database: claims never collide, and only a dead instance's
in-flight sends are settled.

Each engine has its own SQLAlchemy engine (its own connections, as a separate process would) and its own
instance id and liveness lock; they tick at the same time against the one fake Bot API.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ExtBot

from bot.content import Content
from bot.store import Instances, create_engine_for, session_factory, upgrade_database
from support.clock import FakeClock
from support.fake_bot_api import FakeBotApi
from support.harness import claim_one, make_engine
from support.store_queries import delivery_log
from support.stores import Stores, open_stores

pytestmark = pytest.mark.postgres
PEOPLE = 300


@pytest.fixture
async def databases(postgres_url: str) -> AsyncIterator[list[AsyncEngine]]:
    engines = [create_engine_for(postgres_url) for _ in range(3)]
    await upgrade_database(engines[0])
    yield engines
    for engine in engines:
        await engine.dispose()


async def started(engine: AsyncEngine) -> Stores:
    instances = Instances(engine)
    await instances.start()
    return open_stores(session_factory(engine), instances)


async def test_three_instances_send_every_reminder_exactly_once(
    databases: list[AsyncEngine], bot: ExtBot[Any], content: Content, clock: FakeClock, fake_api: FakeBotApi
) -> None:
    processes = [await started(engine) for engine in databases]
    for chat_id in range(1, PEOPLE + 1):
        await processes[0].subscribers.set_zone(chat_id, "Asia/Kolkata", clock())
        await processes[0].subscribers.subscribe(chat_id, clock(), time(21, 0))
    clock.set(datetime(2026, 11, 25, 15, 30, tzinfo=UTC))  # 21:00 in Kolkata
    engines = [make_engine(bot, stores, content, clock, send_rate=30) for stores in processes]

    reports = await asyncio.gather(*(engine.tick() for engine in engines))

    sent_to = Counter(int(call.params["chat_id"]) for call in fake_api.attempts("sendMessage"))
    assert sent_to == Counter(range(1, PEOPLE + 1))  # everyone once, nobody twice
    assert sum(report.outcomes.get("sent", 0) for report in reports) == PEOPLE
    assert {status for _, _, status in await delivery_log(processes[0].sessions)} == {"sent"}
    for stores in processes:
        await stores.context.instances.stop()


async def test_only_a_dead_instances_sends_are_settled(
    databases: list[AsyncEngine], content: Content, clock: FakeClock
) -> None:
    alive, other = await started(databases[0]), await started(databases[1])
    await alive.subscribers.set_zone(1, "Europe/Berlin", clock())
    view = await alive.subscribers.subscribe(1, clock(), time(21, 0))
    assert view.next_due_at_utc is not None
    clock.set(view.next_due_at_utc)
    claim = await claim_one(alive.deliveries, 1, clock(), content.tip_pool)
    assert claim is not None  # `alive` is waiting for Telegram's reply

    assert await other.deliveries.mark_interrupted(clock()) == 0  # a live instance's send is left alone
    assert await alive.deliveries.mark_interrupted(clock()) == 0  # and its own, of course
    assert await delivery_log(alive.sessions, 1) == [(1, claim.local_date, "sending")]

    await alive.context.instances.stop()  # the process dies: its connection, and with it its lock, goes
    clock.advance(seconds=5)
    assert await other.deliveries.mark_interrupted(clock()) == 1
    assert await delivery_log(other.sessions, 1) == [(1, claim.local_date, "unknown")]
    clock.set(view.next_due_at_utc + timedelta(days=1))
    assert await claim_one(other.deliveries, 1, clock(), content.tip_pool) is not None
    await other.context.instances.stop()


async def test_an_instance_holds_its_lock_until_it_stops(databases: list[AsyncEngine]) -> None:
    first, second = Instances(databases[0]), Instances(databases[1])
    await first.start()
    await second.start()
    assert await second.gone({first.id, "never-started"}) == {"never-started"}
    await first.stop()
    assert await second.gone({first.id}) == {first.id}
    await second.stop()
    await second.stop()  # stopping twice is harmless
