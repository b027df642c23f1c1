"""Shared fixtures: a fake Bot API server, a database per test (SQLite file or a fresh PostgreSQL database),
an injectable clock, and a harness that runs the real PTB application against the fake server."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from telegram.ext import AIORateLimiter, ExtBot
from tenacity import wait_none

from bot.app import BotApp, build_application, stop_application
from bot.config import Settings
from bot.content import Content, load_content
from bot.core.tips import TipPool
from bot.delivery.engine import DeliveryEngine
from bot.services import Services
from bot.store import Claim, Store, create_engine_for, session_factory, upgrade_database
from bot_process import BotProcess
from fake_bot_api import FakeBotApi

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set
ADMIN_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
RUNNING_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class FakeClock:
    """A clock the tests move by hand; handlers and the delivery engine read it instead of the system clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, now: datetime) -> datetime:
        self.now = now
        return now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 11, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[ExtBot[Any]]:
    """A rate-limited bot talking to the fake Bot API, for engine tests that run without the application."""
    rate_limiter: AIORateLimiter = AIORateLimiter(overall_max_rate=25, max_retries=3)
    async with ExtBot(fake_api.token, base_url=f"{fake_api.url}/bot", rate_limiter=rate_limiter) as ext_bot:
        yield ext_bot


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _postgres_admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(_asyncpg_dsn(ADMIN_POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL is not reachable at {ADMIN_POSTGRES_URL}: {exc}"
        if RUNNING_IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"rls_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        admin = await _postgres_admin()
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()

    async def drop() -> None:
        admin = await _postgres_admin()
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

    asyncio.run(create())
    yield make_url(ADMIN_POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(drop())


@pytest.fixture
def processes() -> Iterator[list[BotProcess]]:
    """Every ``rls-coach run`` process a test starts; any still running at the end is killed."""
    started: list[BotProcess] = []
    yield started
    for bot in filter(BotProcess.running, started):
        bot.kill()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'rls-coach.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    fixture_name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture_name)
    return url


@pytest.fixture
async def store(database_url: str, clock: FakeClock) -> AsyncIterator[Store]:
    engine = create_engine_for(database_url)
    await upgrade_database(engine)
    yield Store(session_factory(engine), time(21, 0))
    await engine.dispose()


@dataclass
class BotHarness:
    """The real application, polling the fake Bot API, with ticks driven by the test."""

    api: FakeBotApi
    clock: FakeClock
    engine: DeliveryEngine
    services: Services
    bot_app: BotApp

    async def say(self, chat_id: int, text: str, replies: int = 1) -> list[str]:
        """Send ``text`` as the user of ``chat_id`` and return the texts of the next ``replies`` answers."""
        before = len(self.api.sent_messages(chat_id))
        self.api.send_text(chat_id, text)
        calls = await self.api.await_messages(chat_id, before + replies)
        return [str(call.params["text"]) for call in calls[before:]]

    def texts(self, chat_id: int) -> list[str]:
        return [str(call.params["text"]) for call in self.api.sent_messages(chat_id)]


async def claim_one(store: Store, chat_id: int, now: datetime, tip_ids: TipPool) -> Claim | None:
    """Claim the message due for one chat, as the engine would (None if there is nothing to send)."""
    batch = await store.claim_due(now, 1, timedelta(hours=2), tip_ids, only_chat_id=chat_id)
    return batch.claims[0] if batch.claims else None


def make_settings(api: FakeBotApi, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": api.token,
        "telegram_api_url": api.url,
        "database_url": database_url,
        "send_rate": 25,
        "tick_seconds": 60,
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def harness_settings(fake_api: FakeBotApi, sqlite_url: str) -> Settings:
    return make_settings(fake_api, sqlite_url)


@pytest.fixture
async def harness(
    fake_api: FakeBotApi, harness_settings: Settings, content: Content, clock: FakeClock
) -> AsyncIterator[BotHarness]:
    database = create_engine_for(harness_settings.database_url)
    await upgrade_database(database)
    await database.dispose()
    built = build_application(harness_settings, content, token=harness_settings.require_token(), clock=clock)
    application, engine = built.application, built.engine
    built.sender.retry_wait = wait_none()
    await application.initialize()
    assert application.job_queue is not None
    # The test drives ticks itself, with its clock: the scheduler keeps every job (wakes too) and runs none.
    application.job_queue.scheduler.start(paused=True)
    assert application.post_init is not None
    await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    yield BotHarness(api=fake_api, clock=clock, engine=engine, services=built.services, bot_app=built)
    await stop_application(application)
