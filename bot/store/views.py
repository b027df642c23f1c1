"""Read-only snapshots of store rows, for handlers and messages to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import Row

from bot.store.models import Subscriber


@dataclass(frozen=True)
class SubscriberView:
    """A read-only snapshot of one subscriber for handlers to show."""

    chat_id: int
    reminders_on: bool
    blocked: bool
    zone_name: str | None
    local_reminder_time: time
    next_due_at_utc: datetime | None
    checkin_on: bool
    local_checkin_time: time
    next_checkin_at_utc: datetime | None
    weekly_day: int | None
    language: str | None
    tip_topics: tuple[str, ...] | None  # None: the default topics

    @property
    def awaiting_zone(self) -> bool:
        """Reminders are on but wait for the person to give a time zone."""
        return self.reminders_on and self.zone_name is None


def subscriber_view(row: Subscriber | Row[Any]) -> SubscriberView:
    """The snapshot of an ORM subscriber or of a plain row of the subscribers table."""
    return SubscriberView(
        chat_id=row.chat_id,
        reminders_on=row.reminders_on,
        blocked=row.blocked,
        zone_name=row.zone_name,
        local_reminder_time=row.local_reminder_time,
        next_due_at_utc=row.next_due_at_utc,
        checkin_on=row.checkin_on,
        local_checkin_time=row.local_checkin_time,
        next_checkin_at_utc=row.next_checkin_at_utc,
        weekly_day=row.weekly_day,
        language=row.language,
        tip_topics=tuple(row.tip_topics) if row.tip_topics is not None else None,
    )
