"""The kinds of scheduled message the store knows, and where each series keeps its schedule.

A series repeats on every local date at a local time of the person's. The evening reminder and the morning
check-in keep their schedule on the subscriber row (``SERIES``); medicine reminders keep one per dose time, in
the dose_times table (``DOSE``, slot = the dose time's id). A one-off (a snooze, a blood-test reminder) is one
pending row of the delivery log; ``ONE_OFF_KINDS`` says whether it is still wanted when it falls due. A new
daily series is one ``Series`` entry here plus its columns; a new one-off is an entry in ``ONE_OFF_KINDS``. What
each kind says is the delivery engine's business (one module per kind in bot.delivery, listed in
bot.delivery.kinds).
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
# Medicine reminders: a series per dose time, scheduled on its dose_times row; slot = the dose time's id.
DOSE = "dose"
SNOOZE = "snooze"  # a snoozed evening reminder
DOSE_SNOOZE = "dose_snooze"  # a snoozed medicine reminder: same local date and slot as the reminder
IRON_TEST = "iron_test"  # the evening before a planned blood test; local date = the test's date
IRON_RECALL = "iron_recall"  # "ask about a new iron test", months after the person asked for it


def _always(row: SubscriberRow) -> bool:
    return True


# One-off kind → whether it is still wanted when it falls due (a blocked chat gets none). A snooze follows its
# evening reminder; the diary's one-offs are cancelled by the store when their medicine or plan goes away.
ONE_OFF_KINDS: dict[str, Callable[[SubscriberRow], bool]] = {
    SNOOZE: REMINDER.is_on,
    DOSE_SNOOZE: _always,
    IRON_TEST: _always,
    IRON_RECALL: _always,
}
_BY_KIND = {series.kind: series for series in SERIES}


def series_of(kind: str) -> Series:
    """The series of ``kind`` (a series' kind, not a one-off's)."""
    return _BY_KIND[kind]
