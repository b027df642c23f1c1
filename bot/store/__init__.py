"""Persistence: the tables, the data-access layer (subscribers and reminders; broadcasts), and migrations."""

from bot.store.broadcasts import BroadcastProgress, BroadcastStatus, BroadcastStore, BroadcastView, Recipient
from bot.store.db import create_engine_for, session_factory
from bot.store.migrate import upgrade_database
from bot.store.repository import Claim, Outcome, Stats, Store, SubscriberView

__all__ = [
    "BroadcastProgress",
    "BroadcastStatus",
    "BroadcastStore",
    "BroadcastView",
    "Claim",
    "Outcome",
    "Recipient",
    "Stats",
    "Store",
    "SubscriberView",
    "create_engine_for",
    "session_factory",
    "upgrade_database",
]
