"""Persistence: the tables, the one data-access layer, and schema migrations (Alembic)."""

from bot.store.db import create_engine_for, session_factory
from bot.store.migrate import upgrade_database
from bot.store.repository import Claim, Outcome, Store, SubscriberView

__all__ = [
    "Claim",
    "Outcome",
    "Store",
    "SubscriberView",
    "create_engine_for",
    "session_factory",
    "upgrade_database",
]
