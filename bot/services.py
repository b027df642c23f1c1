"""The long-lived objects handlers and the delivery engine share, built once per process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.content import Content
from bot.core.zones import ZoneIndex
from bot.server.fairness import ExpensiveJobs
from bot.server.metrics import Metrics
from bot.store import BroadcastStore, CoachingStore, Store
from bot.text.languages import Languages

Clock = Callable[[], datetime]
SERVICES_KEY = "services"


def utc_now() -> datetime:
    return datetime.now(UTC)


@cache
def system_zone_index() -> ZoneIndex:
    """The zone index built from the tz database shipped in the ``tzdata`` package."""
    text = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
    return ZoneIndex.from_tzdata_zi(text)


@dataclass
class Services:
    """Settings, content, the stores and the clock; reachable from any callback through ``services()``."""

    settings: Settings
    content: Content
    store: Store
    broadcasts: BroadcastStore
    coaching: CoachingStore
    languages: Languages
    expensive: ExpensiveJobs
    clock: Clock = utc_now
    metrics: Metrics = field(default_factory=Metrics)
    zones: ZoneIndex = field(default_factory=system_zone_index)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The process's Services, stored in ``bot_data`` when the application is built."""
    return services_of(context.application)


def services_of(application: Application) -> Services:  # type: ignore[type-arg]
    found = application.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
