"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

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
                "notes",
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


async def test_upgrading_to_the_diary_keeps_every_row_of_todays_schema(database_url: str) -> None:
    """0007 rebuilds the delivery log on SQLite (its key gains a slot) and adds columns to check-ins: every row of a
    0006 database with data in every table comes through, and the new key allows several medicine reminders a day."""
    engine = create_engine_for(database_url)
    now = datetime(2026, 12, 1, 20, tzinfo=UTC)
    try:

        def upgrade_to(connection: Connection, revision: str) -> None:
            command.upgrade(alembic_config(connection), revision)

        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0006")
            await connection.execute(
                text(
                    "INSERT INTO subscribers (chat_id, reminders_on, blocked, zone_name, local_reminder_time,"
                    " next_due_at_utc, tip_seed, tips_seen, checkin_on, local_checkin_time, next_checkin_at_utc,"
                    " weekly_day, language, tip_topics, created_at_utc, updated_at_utc) VALUES"
                    " (7, :on, :off, 'America/Phoenix', '21:00:00', :now, 1, '[\"tip\"]', :on, '08:00:00', :now,"
                    " 6, 'es', '[\"caffeine\"]', :now, :now)"
                ),
                {"on": True, "off": False, "now": now},
            )
            for kind, status, response in (
                ("reminder", "sent", "done"),
                ("snooze", "pending", None),
                ("checkin", "sent", None),
            ):
                await connection.execute(
                    text(
                        "INSERT INTO deliveries (chat_id, kind, local_date, due_at_utc, tip_id, status, response)"
                        " VALUES (7, :kind, :day, :now, 'tip', :status, :response)"
                    ),
                    {"kind": kind, "day": date(2026, 12, 1), "now": now, "status": status, "response": response},
                )
            await connection.execute(
                text(
                    "INSERT INTO checkins (chat_id, night, score, factors, created_at_utc, updated_at_utc)"
                    ' VALUES (7, :night, 6, \'["caffeine", "own:1"]\', :now, :now)'
                ),
                {"night": date(2026, 11, 30), "now": now},
            )
            await connection.execute(
                text("INSERT INTO triggers (chat_id, name, active, created_at_utc) VALUES (7, 'wine', :on, :now)"),
                {"on": True, "now": now},
            )
            await connection.execute(
                text("INSERT INTO selfchecks (chat_id, answers, taken_at_utc) VALUES (7, '{\"urge\": true}', :now)"),
                {"now": now},
            )
        await upgrade_database(engine)
        async with engine.begin() as connection:
            subscriber = (
                await connection.execute(text("SELECT zone_name, language, reminders_on FROM subscribers"))
            ).one()
            assert tuple(subscriber) == ("America/Phoenix", "es", True)
            deliveries = await connection.execute(
                text("SELECT kind, status, response, slot FROM deliveries ORDER BY id")
            )
            assert [tuple(row) for row in deliveries] == [
                ("reminder", "sent", "done", ""),
                ("snooze", "pending", None, ""),
                ("checkin", "sent", None, ""),
            ]
            checkin = (
                await connection.execute(text("SELECT score, factors, onset, arms, sitting FROM checkins"))
            ).one()
            assert (checkin[0], checkin[2:]) == (6, (None, None, None))
            assert "own:1" in str(checkin[1])
            assert (await connection.execute(text("SELECT count(*) FROM triggers"))).scalar() == 1
            assert (await connection.execute(text("SELECT count(*) FROM selfchecks"))).scalar() == 1
            for slot in ("1", "2"):  # two medicine reminders on one date: distinct slots, both allowed
                await connection.execute(
                    text(
                        "INSERT INTO deliveries (chat_id, kind, local_date, slot, due_at_utc, status)"
                        " VALUES (7, 'dose', :day, :slot, :now, 'sent')"
                    ),
                    {"day": date(2026, 12, 1), "slot": slot, "now": now},
                )
        with pytest.raises(IntegrityError):  # the same slot twice is what at-most-once refuses
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "INSERT INTO deliveries (chat_id, kind, local_date, slot, due_at_utc, status)"
                        " VALUES (7, 'dose', :day, '1', :now, 'sent')"
                    ),
                    {"day": date(2026, 12, 1), "now": now},
                )
    finally:
        await engine.dispose()


def test_head_revision_is_alembics_newest() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
