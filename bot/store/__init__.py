"""Persistence: the tables, the stores over them (one per concern: subscribers, the delivery queue, /stats,
coaching, the diary's medicines, iron, onset and notes, broadcasts, all built from one StoreContext), and migrations."""

from bot.store._answers import Answer
from bot.store.broadcasts import BroadcastProgress, BroadcastStatus, BroadcastStore, BroadcastView, Recipient
from bot.store.claims import Batch, Claim
from bot.store.coaching import (
    CheckinView,
    CoachingStore,
    History,
    PersonData,
    ReminderAnswer,
    Response,
    TriggerChange,
    TriggerView,
)
from bot.store.context import StoreContext
from bot.store.db import create_engine_for, session_factory
from bot.store.deliveries import DeliveryStore, Finished
from bot.store.instances import Instances
from bot.store.iron import IronStore
from bot.store.medicines import MedicineStore
from bot.store.migrate import upgrade_database
from bot.store.notes import NoteStore, NoteView
from bot.store.onset import OnsetStore
from bot.store.stats import Stats, StatsStore
from bot.store.statuses import Outcome
from bot.store.subscribers import SubscriberStore
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
    "DeliveryStore",
    "Finished",
    "History",
    "Instances",
    "IronStore",
    "MedicineStore",
    "NoteStore",
    "NoteView",
    "OnsetStore",
    "Outcome",
    "PersonData",
    "Recipient",
    "ReminderAnswer",
    "Response",
    "Stats",
    "StatsStore",
    "StoreContext",
    "SubscriberStore",
    "SubscriberView",
    "TriggerChange",
    "TriggerView",
    "create_engine_for",
    "session_factory",
    "upgrade_database",
]
