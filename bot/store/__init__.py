"""Persistence: the tables, the data-access layer (subscribers and reminders; broadcasts), and migrations."""

from bot.store.broadcasts import BroadcastProgress, BroadcastStatus, BroadcastStore, BroadcastView, Recipient
from bot.store.claims import Batch, Claim
from bot.store.coaching import (
    Answer,
    CheckinView,
    CoachingStore,
    History,
    PersonData,
    ReminderAnswer,
    Response,
    TriggerChange,
    TriggerView,
)
from bot.store.db import create_engine_for, session_factory
from bot.store.migrate import upgrade_database
from bot.store.repository import Finished, Stats, Store
from bot.store.statuses import Outcome
from bot.store.views import SubscriberView

__all__ = [
    "Answer",
    "Batch",
    "BroadcastProgress",
    "BroadcastStatus",
    "BroadcastStore",
    "BroadcastView",
    "CheckinView",
    "Claim",
    "CoachingStore",
    "Finished",
    "History",
    "Outcome",
    "PersonData",
    "Recipient",
    "ReminderAnswer",
    "Response",
    "Stats",
    "Store",
    "SubscriberView",
    "TriggerChange",
    "TriggerView",
    "create_engine_for",
    "session_factory",
    "upgrade_database",
]
