"""Shared fixtures: a fake Bot API server, a database per test (SQLite file or a fresh PostgreSQL database),
an injectable clock, and a harness that runs the real PTB application against the fake server."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from telegram.ext import AIORateLimiter, ExtBot
from tenacity import wait_none

from bot.app import build_application
from bot.config import Settings
from bot.content import Content, load_content
from bot.delivery.sender import SEND_DEFAULTS
from bot.lifecycle import stop_application
from bot.store import create_engine_for, session_factory, upgrade_database
from support.bot_process import BotProcess
from support.clock import FakeClock
from support.databases import ADMIN_POSTGRES_URL, postgres_admin
from support.fake_bot_api import FakeBotApi
from support.harness import BotHarness, make_settings
from support.stores import Stores, open_stores

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after unless this is set


E2E_TESTS = Path(__file__).parent / "e2e"


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test in e2e/ is e2e even if its module forgot to say so."""
    for item in items:
        if item.path.is_relative_to(E2E_TESTS):
            item.add_marker(pytest.mark.e2e)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under pytest-xdist, every e2e test goes to one worker, and they run there one after another, as they would
    alone: they start real processes, kill them at chosen moments and time what they do. The other tests are
    spread one by one over the other workers. Only for the default ``--dist load``; another choice is kept."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    e2e = f"{E2E_TESTS.relative_to(config.rootpath).as_posix()}/"

    class E2eTogether(LoadScopeScheduling):  # type: ignore[misc]  # xdist has no type information
        def _split_scope(self, nodeid: str) -> str:
            return "e2e" if nodeid.startswith(e2e) else nodeid

    return E2eTogether(config, log)


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
    async with ExtBot(
        fake_api.token, base_url=f"{fake_api.url}/bot", rate_limiter=rate_limiter, defaults=SEND_DEFAULTS
    ) as ext_bot:
        yield ext_bot


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"rls_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        admin = await postgres_admin()
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()

    async def drop() -> None:
        admin = await postgres_admin()
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


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word, like a firewalled or hung database."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as listener:
        listener.bind(("0.0.0.0", 0))
        listener.listen(1)
        yield listener.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    fixture_name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture_name)
    return url


@pytest.fixture
async def stores(database_url: str, clock: FakeClock) -> AsyncIterator[Stores]:
    """Every store over a fresh database, with new subscribers' reminders at 21:00."""
    engine = create_engine_for(database_url)
    await upgrade_database(engine)
    yield open_stores(session_factory(engine))
    await engine.dispose()


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
