"""The numbers behind the weekly summary and the /progress text, kept apart from their wording.

Periods are runs of nights named by date (see ``bot.core.checkins``), so a week is always 7 nights whatever
the clocks do: a change to or from summer time needs no special treatment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from bot.core.checkins import Night
from bot.core.habits import habit_strength
from bot.core.onset import Onset

WEEK_NIGHTS = 7
DEFAULT_WEEKLY_DAY = 6  # Sunday (Monday is 0): the weekly summary's day until a person picks another
GOOD_NIGHT_MAX = 3  # a night scoring 0..3 counts as a good night
# The weekly summary names when symptoms started only with this many onset answers in each of the two weeks:
# fewer cannot say what was typical.
MIN_WEEK_ONSETS = 3


@dataclass(frozen=True)
class ProgressSummary:
    """The ``days`` nights ``first``..``last``, compared with as many nights just before ``first``.

    ``average``, ``previous_average`` and ``change`` (``average - previous_average``; negative = better) are
    None when a period has no check-in. ``best`` is the lowest-scoring night and ``worst`` the highest, the
    earliest on ties; ``worst`` is None when no night scored higher than ``best`` (one check-in, or all
    equal), so the text never names the same night, or an equally good one, as both. ``done`` counts the
    reminder nights marked Done, out of ``reminders``. ``good_nights`` counts check-ins scoring at most
    ``GOOD_NIGHT_MAX``. ``habit_strength`` (0..1) is the strength of the evening routine after night
    ``last``, over every reminder night up to ``last``, including those before ``first``: the strength is a
    moving average of the whole history, and cutting it at ``first`` would make a perfect week look weak.
    """

    first: date
    last: date
    days: int
    checkins: int
    average: float | None
    previous_average: float | None
    change: float | None
    best: Night | None
    worst: Night | None
    good_nights: int
    done: int
    reminders: int
    habit_strength: float


def week_summary(
    nights: Sequence[Night], done_nights: Collection[date], reminder_nights: Collection[date], last: date
) -> ProgressSummary:
    """The week of nights ending with night ``last``; ``nights`` may hold check-ins of any period."""
    return progress_summary(nights, done_nights, reminder_nights, last - timedelta(days=WEEK_NIGHTS - 1), last)


def progress_summary(
    nights: Sequence[Night], done_nights: Collection[date], reminder_nights: Collection[date], first: date, last: date
) -> ProgressSummary:
    """The nights ``first``..``last`` inclusive; ``nights`` may hold check-ins of any period."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    period = _Period(nights, first, last)
    previous = period.before(nights)
    done, reminders = _marks(done_nights, reminder_nights)
    return ProgressSummary(
        first=first,
        last=last,
        days=period.days,
        checkins=len(period.checkins),
        average=period.average,
        previous_average=previous.average,
        change=_change(period.average, previous.average),
        best=period.best,
        worst=period.worst,
        good_nights=sum(1 for night in period.checkins if night.score <= GOOD_NIGHT_MAX),
        done=period.count(done),
        reminders=period.count(reminders),
        habit_strength=habit_strength([night in done for night in sorted(reminders) if night <= last]),
    )


class _Period:
    """The check-ins of the nights ``first``..``last``, in date order (so "earliest on ties" is the first)."""

    def __init__(self, nights: Sequence[Night], first: date, last: date) -> None:
        self.first, self.last = first, last
        self.days = (last - first).days + 1
        self.checkins = sorted((night for night in nights if first <= night.night <= last), key=lambda n: n.night)

    def before(self, nights: Sequence[Night]) -> _Period:
        """The period of as many nights just before this one."""
        return _Period(nights, self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def count(self, dates: Collection[date]) -> int:
        return sum(1 for night in dates if self.first <= night <= self.last)

    @property
    def average(self) -> float | None:
        return fmean(night.score for night in self.checkins) if self.checkins else None

    @property
    def best(self) -> Night | None:
        return min(self.checkins, key=lambda night: night.score, default=None)

    @property
    def worst(self) -> Night | None:
        best, worst = self.best, max(self.checkins, key=lambda night: night.score, default=None)
        return worst if best is not None and worst is not None and worst.score > best.score else None


def _marks(done_nights: Collection[date], reminder_nights: Collection[date]) -> tuple[set[date], set[date]]:
    """The Done nights and the reminder nights; Done only counts on a reminder night, so done <= reminders."""
    reminders = set(reminder_nights)
    return reminders.intersection(done_nights), reminders


def _change(average: float | None, previous_average: float | None) -> float | None:
    return None if average is None or previous_average is None else average - previous_average


# --- the symptom-onset clock in the weekly summary, and the check-ins that ask the weekly questions ---


@dataclass(frozen=True)
class WeekOnset:
    """When symptoms typically started in the week of nights ending ``last``, against the week before.

    ``band`` is the band answered most often this week, on ``count`` of the ``answered`` nights with an onset
    answer; ``previous_band`` the one answered most often the week before.
    """

    band: Onset
    count: int
    answered: int
    previous_band: Onset


def week_onset(onsets: Mapping[date, Onset], last: date) -> WeekOnset | None:
    """The week's onset line when the typical onset changed from the week before, else None.

    Each week needs ``MIN_WEEK_ONSETS`` answers, and this week's typical band at least half of them, so that a
    week of scattered answers names nothing. Ties lean towards "no change": a band tied with the week before's
    typical band is that band.
    """
    this_week = _week_bands(onsets, last)
    week_before = _week_bands(onsets, last - timedelta(days=WEEK_NIGHTS))
    if len(this_week) < MIN_WEEK_ONSETS or len(week_before) < MIN_WEEK_ONSETS:
        return None
    previous_band, _ = _typical(week_before, None)
    band, count = _typical(this_week, previous_band)
    if band is previous_band or 2 * count < len(this_week):
        return None
    return WeekOnset(band=band, count=count, answered=len(this_week), previous_band=previous_band)


def _week_bands(onsets: Mapping[date, Onset], last: date) -> list[Onset]:
    first = last - timedelta(days=WEEK_NIGHTS - 1)
    return [band for night, band in onsets.items() if first <= night <= last]


def _typical(bands: Sequence[Onset], prefer: Onset | None) -> tuple[Onset, int]:
    """The band answered most often and how often; on a tie ``prefer`` if it is among the tied, else the mildest."""
    counts = Counter(bands)
    most = max(counts.values())
    tied = [band for band, count in counts.items() if count == most]
    return (prefer if prefer in tied else min(tied)), most


def asks_weekly_questions(night: date, weekly_day: int | None, *, first_checkin: bool) -> bool:
    """Whether the check-in of ``night`` asks the weekly onset questions (arms; sitting still).

    On the weekly-summary day's check-in: the one whose morning (the day after ``night``) is the person's
    ``weekly_day`` (``DEFAULT_WEEKLY_DAY`` when they turned the summary off, since the questions feed the early
    warning, not the summary). And on the person's first check-in (``first_checkin``: no other night has one),
    so that the baseline starts with an answer; "first" rather than "earliest", so that filling in older nights
    with /log does not ask the weekly questions again for each.
    """
    morning = night + timedelta(days=1)
    day = DEFAULT_WEEKLY_DAY if weekly_day is None else weekly_day
    return first_checkin or morning.weekday() == day
