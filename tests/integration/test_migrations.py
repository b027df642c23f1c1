"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.store import create_engine_for, upgrade_database
from bot.store.migrate import HEAD_REVISION, alembic_config
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
            expected = {
                "subscribers",
                "deliveries",
                "broadcasts",
                "broadcast_deliveries",
                "checkins",
                "triggers",
                "selfchecks",
            }
            assert expected <= await connection.run_sync(tables)
    finally:
        await engine.dispose()


async def test_upgrading_a_database_with_data_keeps_every_subscriber_and_delivery(database_url: str) -> None:
    """0003 rebuilds the delivery log on SQLite (batch mode); nothing may be lost or cascaded away."""
    engine = create_engine_for(database_url)
    try:

        def upgrade_to(connection: Connection, revision: str) -> None:
            command.upgrade(alembic_config(connection), revision)

        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0002")
            await connection.execute(
                text(
                    "INSERT INTO subscribers (chat_id, reminders_on, blocked, zone_name, local_reminder_time,"
                    " next_due_at_utc, tip_seed, tips_seen, created_at_utc, updated_at_utc) VALUES"
                    " (7, :on, :off, 'Europe/Berlin', '21:00:00', NULL, 1, '[]', :now, :now)"
                ),
                {"on": True, "off": False, "now": datetime(2026, 11, 1, tzinfo=UTC)},
            )
            await connection.execute(
                text(
                    "INSERT INTO deliveries (chat_id, local_date, due_at_utc, tip_id, status, claimed_at_utc)"
                    " VALUES (7, :day, :now, 'tip', 'sent', :now)"
                ),
                {"day": date(2026, 11, 1), "now": datetime(2026, 11, 1, 20, tzinfo=UTC)},
            )
        await upgrade_database(engine)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text("SELECT checkin_on, weekly_day, local_checkin_time FROM subscribers WHERE chat_id = 7")
                )
            ).one()
            assert (bool(row[0]), row[1]) == (False, 6)
            assert str(row[2]).startswith("08:00")
            kinds = (await connection.execute(text("SELECT kind, status FROM deliveries"))).all()
            assert [tuple(kind) for kind in kinds] == [("reminder", "sent")]
    finally:
        await engine.dispose()


def test_head_revision_is_alembics_newest() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
