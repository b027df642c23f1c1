"""Databases for tests: a fresh PostgreSQL database per test on the server named by TEST_POSTGRES_URL, and a
search of every table for the rows that mention a chat."""

from __future__ import annotations

import os

import asyncpg
import pytest
from sqlalchemy import SmallInteger, inspect, select, text
from sqlalchemy.engine import make_url

from bot.store.db import engine_of
from bot.store.models import Base
from support.harness import BotHarness

ADMIN_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
RUNNING_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def postgres_admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(asyncpg_dsn(ADMIN_POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL is not reachable at {ADMIN_POSTGRES_URL}: {exc}"
        if RUNNING_IN_CI:
            pytest.fail(message)
        pytest.skip(message)


async def rows_mentioning(harness: BotHarness, chat_id: int) -> list[tuple[str, str]]:
    """(table, column) of every row in every table whose integer columns hold ``chat_id``."""
    found: list[tuple[str, str]] = []
    engine = engine_of(harness.bot_app.store_context.sessions)
    async with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                too_small = isinstance(column.type, SmallInteger) and abs(chat_id) > 2**15 - 1
                if column.type.python_type is not int or too_small:
                    continue  # a score column cannot hold a group's id (PostgreSQL refuses even to compare)
                hits = await connection.scalar(select(text("count(*)")).select_from(table).where(column == chat_id))
                if hits:
                    found.append((table.name, column.name))
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert names >= set(Base.metadata.tables)  # every table the models know is checked
    return found
