"""The long-lived objects handlers and the delivery engine share, built once per process, and the typed
callback context through which every handler and job reaches them (``context.services``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.config import Settings
from bot.content import Content
from bot.core.zones import ZoneIndex
from bot.server.fairness import ExpensiveJobs
from bot.server.metrics import Metrics
from bot.store import (
    BroadcastStore,
    CoachingStore,
    DeliveryStore,
    IronStore,
    MedicineStore,
    NoteStore,
    OnsetStore,
    StatsStore,
    SubscriberStore,
)
from bot.text.languages import Languages

Clock = Callable[[], datetime]
SERVICES_KEY = "services"


def utc_now() -> datetime:
    """The real clock; tests and the console inject their own."""
    return datetime.now(UTC)


@cache
def system_zone_index() -> ZoneIndex:
    """The zone index built from the tz database shipped in the ``tzdata`` package."""
    text = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
    return ZoneIndex.from_tzdata_zi(text)


@dataclass
class Services:
    """Settings, content, the stores and the clock; reachable from any callback as ``context.services``."""

    settings: Settings
    content: Content
    subscribers: SubscriberStore
    deliveries: DeliveryStore
    stats: StatsStore
    broadcasts: BroadcastStore
    coaching: CoachingStore
    medicines: MedicineStore
    iron: IronStore
    notes: NoteStore
    onset: OnsetStore
    languages: Languages
    expensive: ExpensiveJobs
    clock: Clock = utc_now
    metrics: Metrics = field(default_factory=Metrics)
    zones: ZoneIndex = field(default_factory=system_zone_index)


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's callback context with the process's Services as ``context.services``."""

    @property
    def services(self) -> Services:
        """The Services stored in ``bot_data`` when the application was built."""
        return services_of(self.application)


BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
"""The application type every module names: our context, PTB's default data dicts, the job queue."""

CONTEXT_TYPES = ContextTypes(context=BotContext)


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The process's Services, stored in ``bot_data`` when the application is built."""
    found = application.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
