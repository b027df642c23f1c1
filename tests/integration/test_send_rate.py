"""SEND_RATE is the whole bot's: any value above 0 works, and the live delivery instances split it between them,
splitting again as one joins or dies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ExtBot

from bot.config import Settings
from bot.delivery.sender import SEND_DEFAULTS, Sender, pacing
from bot.store import create_engine_for, upgrade_database
from bot.store.instances import Instances
from bot.text import strings
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings

ANN = 8101


@pytest.mark.parametrize("rate", [0.01, 0.5, 0.8, 1, 9.99, 10, 25, 1000])
def test_every_rate_above_zero_makes_a_bucket_that_lets_one_message_through(rate: float) -> None:
    tokens, period = pacing(rate)
    assert tokens >= 1  # aiolimiter refuses to hand out a token from a smaller bucket
    assert tokens / period == pytest.approx(rate)
    assert period <= max(0.1, 1 / rate) + 1e-9  # at most a tenth of a second of burst, or one message


def test_a_rate_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="above 0"):
        pacing(0)


def test_delivery_instances_share_the_bulk_rate() -> None:
    sender = Sender(ExtBot("1:x", defaults=SEND_DEFAULTS), bulk_rate=20)
    sender.share(4)
    assert sender.bulk_rate == 5
    sender.share(1)
    assert sender.bulk_rate == 20
    sender.share(0)  # never more than the whole rate
    assert sender.bulk_rate == 20


@pytest.fixture(params=[0.5, 1.0])
def harness_settings(request: pytest.FixtureRequest, fake_api: FakeBotApi, sqlite_url: str) -> Settings:
    """The test harness at a SEND_RATE that used to break the bot: below 1.25 the bulk share was under one a
    second, which aiolimiter could never hand out."""
    return make_settings(fake_api, sqlite_url, send_rate=request.param)


async def test_a_slow_send_rate_still_answers_and_delivers(harness: BotHarness) -> None:
    assert await harness.say(ANN, "/help") != []
    await harness.say(ANN, "/timezone UTC")
    [subscribed] = await harness.say(ANN, "/subscribe 21:00")
    assert "Evening reminder on" in subscribed
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.next_due_at_utc is not None
    harness.clock.set(view.next_due_at_utc + timedelta(seconds=1))
    await harness.engine.tick()
    [reminder] = harness.api.sent_messages(ANN)[-1:]
    assert str(reminder.params["text"]).startswith(strings.REMINDER_HEADER.split("!")[0])


@pytest.fixture
async def database(postgres_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine_for(postgres_url)
    await upgrade_database(engine)
    yield engine
    await engine.dispose()


@pytest.mark.postgres
async def test_the_instances_that_deliver_are_counted_as_they_join_and_leave(database: AsyncEngine) -> None:
    engines = [create_engine_for(database.url.render_as_string(hide_password=False)) for _ in range(3)]
    first, second, answering = (Instances(engine) for engine in engines)
    try:
        await first.start(delivers=True)
        assert await first.delivering() == 1
        await second.start(delivers=True)
        await answering.start(delivers=False)  # an instance that only answers people takes no share
        assert await first.delivering() == 2 and await answering.delivering() == 2
        await second.stop()  # as a process that dies: its connection, and so its lock, goes
        assert await first.delivering() == 1
    finally:
        for instances in (first, second, answering):
            await instances.stop()
        for engine in engines:
            await engine.dispose()


async def test_on_sqlite_one_instance_delivers(sqlite_url: str) -> None:
    engine = create_engine_for(sqlite_url)
    try:
        instances = Instances(engine)
        await instances.start(delivers=True)
        assert await instances.delivering() == 1
    finally:
        await engine.dispose()
