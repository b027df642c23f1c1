"""The check-in data model the insight maths, the weekly summary and the chart share.

A *night* is named by the local date of the evening it starts: the night of 20 Nov ends on the morning of
21 Nov. Nights end at ``NIGHT_ENDS`` local time, so "last night" is the most recent night that has ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

NIGHT_ENDS = time(6, 0)
SCORE_MIN, SCORE_MAX = 0, 10
MAX_OWN_TRIGGERS = 3

# The yes/no questions of the check-in about the day before, in the order the buttons show them.
# A person's own triggers are keyed ``own:<id>``; their labels come from the store.
BUILT_IN_FACTORS: tuple[str, ...] = ("caffeine", "alcohol", "nicotine", "stretched", "exercised", "short_sleep")
OWN_PREFIX = "own:"


def own_factor(trigger_id: int) -> str:
    return f"{OWN_PREFIX}{trigger_id}"


@dataclass(frozen=True)
class Night:
    """One check-in: the night, its score (0 = no symptoms, 10 = worst) and the factors of the day before."""

    night: date
    score: int
    factors: frozenset[str] = field(default_factory=frozenset)


def last_night(now_utc: datetime, zone: tzinfo) -> date:
    """The most recent night that has ended in ``zone`` (a night ends at NIGHT_ENDS the next morning)."""
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be timezone-aware")
    local = now_utc.astimezone(zone).replace(tzinfo=None)
    ends_today = datetime.combine(local.date(), NIGHT_ENDS)
    return local.date() - timedelta(days=1 if local >= ends_today else 2)


def night_of_checkin(checkin_local_date: date) -> date:
    """The morning check-in sent on local date D asks about the night that started the evening before."""
    return checkin_local_date - timedelta(days=1)


def nights_between(first: date, last: date) -> list[date]:
    """Every night from ``first`` to ``last`` inclusive (empty if ``last`` is before ``first``)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def by_night(nights: Sequence[Night]) -> dict[date, Night]:
    return {night.night: night for night in nights}
