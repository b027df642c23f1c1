"""The kinds of scheduled message the store knows, and where each series keeps its schedule.

A series repeats on every local date at a local time of the person's; a one-off (a snooze) is one pending row
of the delivery log, and belongs to a series: it is only sent while that series is on. A new series is one
``Series`` entry here plus its columns; a new one-off is an entry in ``ONE_OFF_KINDS``. What each kind
says is the delivery engine's business (one module per kind in bot.delivery, listed in bot.delivery.kinds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import InstrumentedAttribute

from bot.store.models import Subscriber
from bot.store.views import SubscriberView

SubscriberRow = Subscriber | Row[Any]  # an ORM subscriber, or a plain row of its table (the claimer reads those)


@dataclass(frozen=True)
class Series:
    """One daily series: whether it is on, its local time and its next due instant, all on the subscriber."""

    kind: str
    due_column: InstrumentedAttribute[datetime | None]
    is_on: Callable[[SubscriberRow], bool]
    local_time: Callable[[SubscriberRow], time]
    takes_tip: bool = False

    def due(self, row: SubscriberRow) -> datetime | None:
        """The series' next due instant on ``row``; None when nothing is scheduled."""
        value: datetime | None = getattr(row, self.due_column.key)
        return value

    def with_due(self, view: SubscriberView, value: datetime | None) -> SubscriberView:
        """The snapshot with this series' next due instant set to ``value``."""
        return replace(view, **{self.due_column.key: value})  # type: ignore[arg-type]

    def set_due(self, row: Subscriber, value: datetime | None) -> None:
        """Set the series' next due instant on ``row`` (bot.store._schedule keeps the schedule invariant)."""
        setattr(row, self.due_column.key, value)


REMINDER = Series(
    "reminder",
    Subscriber.next_due_at_utc,
    is_on=lambda row: row.reminders_on,
    local_time=lambda row: row.local_reminder_time,
    takes_tip=True,
)
CHECKIN = Series(
    "checkin",
    Subscriber.next_checkin_at_utc,
    is_on=lambda row: row.checkin_on,
    local_time=lambda row: row.local_checkin_time,
)
SERIES = (REMINDER, CHECKIN)
SNOOZE = "snooze"
ONE_OFF_KINDS = {SNOOZE: REMINDER}  # one-off kind → the series it belongs to
_BY_KIND = {series.kind: series for series in SERIES}


def series_of(kind: str) -> Series:
    """The series of ``kind`` (a series' kind, not a one-off's)."""
    return _BY_KIND[kind]
