"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.store import create_engine_for, upgrade_database
from bot.store.models import Base


async def test_migrations_match_the_models_and_can_run_twice(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        await upgrade_database(engine)
        await upgrade_database(engine)

        def differences(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection)
            return list(compare_metadata(context, Base.metadata))

        def tables(connection: Connection) -> set[str]:
            return set(inspect(connection).get_table_names())

        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
            expected = {"subscribers", "deliveries", "broadcasts", "broadcast_deliveries", "alembic_version"}
            assert expected <= await connection.run_sync(tables)
    finally:
        await engine.dispose()
