"""Alembic migrations: the only way the schema changes (run by bot.store.migrate)."""
