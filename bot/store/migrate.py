"""Bring the schema to the newest Alembic revision; run at every start and by ``rls-coach db upgrade``.

Alembic is imported only when there is something to do: a database already at ``HEAD_REVISION`` (every start
but the first after an upgrade) costs one query, and the process about 10 MiB less memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = "bot.store:migrations"
HEAD_REVISION = "0007"  # the newest migration's revision id; a test checks it against Alembic's own head


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for our migrations, run on ``connection`` when given (bot.store.migrations.env)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def _at_head(connection: Connection) -> bool:
    if not inspect(connection).has_table("alembic_version"):
        return False
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]


async def upgrade_database(engine: AsyncEngine) -> None:
    """Apply every pending migration inside one transaction of ``engine``."""

    def _upgrade(connection: Connection) -> None:
        if _at_head(connection):
            return
        from alembic import command

        command.upgrade(alembic_config(connection), "head")

    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)
