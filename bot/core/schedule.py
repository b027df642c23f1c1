"""When is the next occurrence of a daily series (the evening reminder, the morning check-in) due, as a UTC
instant?

Local wall-clock time and zone are kept apart from the instant. A local time that does not exist on a day
(spring forward) moves to the first valid minute after the gap; an ambiguous one (fall back) takes the first
occurrence, so a reminder fires exactly once on every local date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class DueOccurrence:
    """One occurrence of a daily series (the evening reminder, the morning check-in): the local date it belongs
    to and the UTC instant it is due."""

    local_date: date
    due_at_utc: datetime


def local_instant(local_date: date, local_time: time, zone: tzinfo) -> datetime:
    """The UTC instant of ``local_time`` on ``local_date`` in ``zone``, resolving DST gaps and folds."""
    wall = datetime.combine(local_date, local_time.replace(tzinfo=None, fold=0), tzinfo=zone)
    instant = wall.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return instant  # the wall time exists; fold=0 already picked the first of two if ambiguous
    # Spring-forward gap: walk minute by minute to the first wall time that exists (gaps are at most hours).
    candidate = wall.replace(tzinfo=None)
    while True:
        candidate += timedelta(minutes=1)
        aware = candidate.replace(tzinfo=zone)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == candidate:
            return aware.astimezone(UTC)


def next_due(
    local_time: time,
    zone: tzinfo,
    after_utc: datetime,
    *,
    not_before_local_date: date | None = None,
) -> DueOccurrence:
    """The first reminder strictly after ``after_utc`` whose local date is not before ``not_before_local_date``.

    ``not_before_local_date`` lets the caller skip evenings that already had their reminder.
    """
    if after_utc.tzinfo is None:
        raise ValueError("after_utc must be timezone-aware")
    local_date = after_utc.astimezone(zone).date() - timedelta(days=1)
    if not_before_local_date is not None and not_before_local_date > local_date:
        local_date = not_before_local_date
    while True:
        due_at_utc = local_instant(local_date, local_time, zone)
        if due_at_utc > after_utc:
            return DueOccurrence(local_date=local_date, due_at_utc=due_at_utc)
        local_date += timedelta(days=1)


def reminder_date(due_at_utc: datetime, local_time: time, zone: tzinfo) -> date:
    """The local date whose reminder is due at ``due_at_utc``: the key of one evening's reminder.

    Usually the date the instant falls on; but when a gap ends at local midnight (America/Nuuk in March), the
    reminder of the evening before was moved past midnight and still belongs to that evening.
    """
    falls_on = due_at_utc.astimezone(zone).date()
    if local_instant(falls_on, local_time, zone) == due_at_utc:
        return falls_on
    return falls_on - timedelta(days=1)
