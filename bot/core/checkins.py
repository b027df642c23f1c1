"""The check-in data model the insight maths, the weekly summary and the chart share.

A *night* is named by the local date of the evening it starts: the night of 20 Nov ends on the morning of
21 Nov. Nights begin at ``NIGHT_BEGINS`` and end at ``NIGHT_ENDS`` local time. From local midnight on, "last night"
is the night that began the previous evening, even while it still goes on: people with RLS are often awake before
six, and at 05:50 the night they want to record is the one that is ending.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

NIGHT_BEGINS = time(18, 0)
# Only for wording: before it, last night is still going on ("tonight"), from it on it is over ("last night").
NIGHT_ENDS = time(6, 0)
# How far back a night may be recorded, counted from last night: a year, leap day included. Older nights are
# most likely a typo in the year, and forged buttons must not fill the history with them.
RECORD_HORIZON = timedelta(days=366)
SCORE_MIN, SCORE_MAX = 0, 10
MAX_OWN_TRIGGERS = 3
# Rows kept per person, removed triggers included (their marks stay in past check-ins): enough to change one's
# mind several times, and a bound, so that adding and removing cannot grow the table without end.
MAX_STORED_TRIGGERS = 4 * MAX_OWN_TRIGGERS

# The yes/no questions of the check-in about the day before, in the order the buttons show them.
# A person's own triggers are keyed ``own:<id>``; their labels come from the store.
BUILT_IN_FACTORS: tuple[str, ...] = ("caffeine", "alcohol", "nicotine", "stretched", "exercised", "short_sleep")
OWN_PREFIX = "own:"


def own_factor(trigger_id: int) -> str:
    """The factor key of a person's own trigger, kept apart from the built-in ones by its prefix."""
    return f"{OWN_PREFIX}{trigger_id}"


@dataclass(frozen=True)
class Night:
    """One check-in: the night, its score (0 = no symptoms, 10 = worst) and the factors of the day before."""

    night: date
    score: int
    factors: frozenset[str] = field(default_factory=frozenset)


def last_night(now_utc: datetime, zone: tzinfo) -> date:
    """The night that began the previous evening in ``zone``: the local date minus one day, from midnight on."""
    return _local(now_utc, zone).date() - timedelta(days=1)


def _local(now_utc: datetime, zone: tzinfo) -> datetime:
    """The wall-clock time in ``zone``, without its zone."""
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be timezone-aware")
    return now_utc.astimezone(zone).replace(tzinfo=None)


class NightTense(enum.Enum):
    """How a sentence speaks of a night, seen from now in the person's zone."""

    LAST = "last"  # last night, over (from NIGHT_ENDS on): "last night", and its day is "yesterday"
    TONIGHT = "tonight"  # the night going on now, from NIGHT_BEGINS to NIGHT_ENDS the next morning
    EARLIER = "earlier"  # any other night: named by its date


def night_tense(night: date, now_utc: datetime, zone: tzinfo) -> NightTense:
    """Whether ``night`` is last night and over, the night going on now, or another one (see NightTense)."""
    local = _local(now_utc, zone)
    days_ago = (local.date() - night).days
    if days_ago == 0 and local.time() >= NIGHT_BEGINS:
        return NightTense.TONIGHT
    if days_ago == 1:
        return NightTense.TONIGHT if local.time() < NIGHT_ENDS else NightTense.LAST
    return NightTense.EARLIER


class NightProblem(enum.Enum):
    """Why a night cannot be recorded."""

    NO_ZONE = "no_zone"  # without the person's zone we cannot tell which nights have begun
    NOT_BEGUN = "not_begun"
    TOO_OLD = "too_old"


def night_problem(night: date, now_utc: datetime, zone: tzinfo | None) -> NightProblem | None:
    """The one rule for every path that records a night (a check-in button, /log, the morning check-in): the
    person's zone is known, the night has begun there, and it is at most ``RECORD_HORIZON`` before last night.

    "Begun" rather than "ended", so that last night can be recorded while it still goes on (at 05:50, say), and
    tonight from its evening on.
    """
    if zone is None:
        return NightProblem.NO_ZONE
    if datetime.combine(night, NIGHT_BEGINS) > _local(now_utc, zone):
        return NightProblem.NOT_BEGUN
    if night < first_recordable_night(now_utc, zone):
        return NightProblem.TOO_OLD
    return None


def first_recordable_night(now_utc: datetime, zone: tzinfo) -> date:
    """The oldest night ``night_problem`` accepts."""
    return last_night(now_utc, zone) - RECORD_HORIZON


def night_of_checkin(checkin_local_date: date) -> date:
    """The morning check-in sent on local date D asks about the night that started the evening before: last night,
    at whatever time of day it is sent."""
    return checkin_local_date - timedelta(days=1)


def nights_between(first: date, last: date) -> list[date]:
    """Every night from ``first`` to ``last`` inclusive (empty if ``last`` is before ``first``)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def by_night(nights: Sequence[Night]) -> dict[date, Night]:
    """The check-ins keyed by their night, so that a chart or summary can look each night up."""
    return {night.night: night for night in nights}
